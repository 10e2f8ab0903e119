"""
Every pytest session (tests, doctests, docs) gets its own empty schedule
cache directory, so that no test reads or writes the user's real cache.
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

_VARIABLES = ("TARIFFCALC_CACHE_DIR", "TARIFFCALC_NO_CACHE")
_saved: dict[str, str | None] = {}


def pytest_configure(config: pytest.Config) -> None:
    for name in _VARIABLES:
        _saved[name] = os.environ.pop(name, None)
    os.environ["TARIFFCALC_CACHE_DIR"] = tempfile.mkdtemp(prefix="tariffcalc-test-cache-")


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(os.environ.pop("TARIFFCALC_CACHE_DIR", ""), ignore_errors=True)
    for name, value in _saved.items():
        if value is not None:
            os.environ[name] = value
