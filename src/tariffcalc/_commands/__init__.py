"""Subcommands of the ``tariffcalc`` command, one module each (see :mod:`tariffcalc.cli`)."""
