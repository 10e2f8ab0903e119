"""
Every pytest session (tests, doctests, docs) gets its own empty schedule
cache directory, so that no test reads or writes the user's real cache; the
workers of ``pytest -n`` share their session's, so the packaged schedule is
built once per run.

With ``TARIFFCALC_TEST_INSTALLED=1`` (``scripts/check.py`` sets it when it
tests the built wheel) the session also proves that every ``tariffcalc``
module it imported came from the installed package, never from ``src/``:
it fails otherwise, and says where the package was imported from.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

_VARIABLES = ("TARIFFCALC_CACHE_DIR", "TARIFFCALC_NO_CACHE")
_saved: dict[str, str | None] = {}
_SOURCE = Path(__file__).resolve().parent / "src"


def _from_source() -> list[str]:
    """The tariffcalc modules imported so far from this checkout's src/ (not from the installed wheel)."""
    found = []
    for name, module in sorted(sys.modules.items()):
        path = getattr(module, "__file__", None)
        ours = name == "tariffcalc" or name.startswith("tariffcalc.")
        if ours and path and Path(path).resolve().is_relative_to(_SOURCE):
            found.append(f"{name} from {path}")
    return found


def _check_installed(when: str) -> None:
    import tariffcalc

    problems = _from_source()
    if problems or "site-packages" not in Path(tariffcalc.__file__).parts:
        raise pytest.UsageError(
            f"TARIFFCALC_TEST_INSTALLED is set but, {when}, tariffcalc was imported from "
            f"{tariffcalc.__file__} ({len(problems)} modules from src/, e.g. {problems[:2]}; it must be the installed wheel)"
        )


#: Set in the environment of the workers of ``pytest -n``, which share the directory of the run.
_SHARED = "TARIFFCALC_TEST_SHARED_CACHE"


def pytest_configure(config: pytest.Config) -> None:
    shared = os.environ.get(_SHARED) if os.environ.get("PYTEST_XDIST_WORKER") else None
    for name in _VARIABLES:
        _saved[name] = os.environ.pop(name, None)
    if shared:
        # A worker of ``pytest -n``: the run's one directory, so the packaged schedule is built once
        # per run (the first worker to need it builds it, the others wait and read it), not per worker.
        os.environ["TARIFFCALC_CACHE_DIR"] = shared
    else:
        os.environ["TARIFFCALC_CACHE_DIR"] = os.environ[_SHARED] = tempfile.mkdtemp(prefix="tariffcalc-test-cache-")
    if os.environ.get("TARIFFCALC_TEST_INSTALLED"):
        _check_installed("before the tests")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if os.environ.get("TARIFFCALC_TEST_INSTALLED"):
        problems = _from_source()
        if problems:
            session.exitstatus = pytest.ExitCode.INTERNAL_ERROR
            print(f"\nTARIFFCALC_TEST_INSTALLED is set but these came from src/: {problems}", file=sys.stderr)


def pytest_report_header(config: pytest.Config) -> str:
    import tariffcalc

    return f"tariffcalc imported from {Path(tariffcalc.__file__).parent}"


def pytest_unconfigure(config: pytest.Config) -> None:
    directory = os.environ.pop("TARIFFCALC_CACHE_DIR", "")
    if not os.environ.get("PYTEST_XDIST_WORKER"):  # the run's own directory: its workers have ended
        os.environ.pop(_SHARED, None)
        shutil.rmtree(directory, ignore_errors=True)
    for name, value in _saved.items():
        if value is not None:
            os.environ[name] = value
