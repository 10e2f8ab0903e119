"""
The ``tariffcalc`` command.

Each subcommand lives in its own module under ``tariffcalc._commands`` and
registers itself through a ``register(subparsers)`` function; this module
only wires them together and turns every :class:`TariffError` (and any
:class:`OSError` the file system raises) into one line on standard error
(a data-file error with several problems: one line each) and exit status 2,
never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from tariffcalc.errors import TariffError

__all__ = ["main"]

#: Modules under tariffcalc._commands, each with ``register(subparsers)``.
COMMANDS: tuple[str, ...] = ("explain", "measures", "validate", "hts_report", "refund", "diff", "panel")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse's own usage errors: one line, exit 2, like every other bad input.
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every available subcommand."""
    parser = _Parser(prog="tariffcalc", description="Which duties apply, how much, and why.")
    subparsers = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"tariffcalc._commands.{name}")
        except ModuleNotFoundError as e:  # a command still being written
            if e.name != f"tariffcalc._commands.{name}":
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.run(args)
    except TariffError as e:
        problems = getattr(e, "problems", None)
        if isinstance(problems, tuple) and len(problems) == 1:  # one problem: one line
            print(f"tariffcalc: error: {getattr(e, 'headline', '')}: {problems[0]}", file=sys.stderr)
            return 2
        first_line = str(e).splitlines()[0] if str(e) else type(e).__name__
        rest = str(e).splitlines()[1:]
        print(f"tariffcalc: error: {first_line}", file=sys.stderr)
        for line in rest:
            print(line, file=sys.stderr)
        return 2
    except OSError as e:  # the file system refused (a path the guards could not foresee): one line, no traceback
        where = f"{e.filename}: " if e.filename else ""
        print(f"tariffcalc: error: {where}{e.strerror or e}", file=sys.stderr)
        return 2
    return status


if __name__ == "__main__":
    sys.exit(main())
