"""
The whole check, as the README's test command runs it (and CI runs exactly
that command, from ``.ci/run``):

1. build the sdist, and the wheel *from the sdist* (``python -m build``), so
   a file missing from either fails the tests below;
2. install that wheel over the package in this (fresh) virtual environment;
3. run the tests, the doctests of the installed package and the docs pages
   under branch coverage of the installed package (a conftest check proves
   ``tariffcalc`` was imported from the installed wheel, not from ``src/``);
4. mypy --strict, ruff (lint and format).

The docs site is built with ``mkdocs build --strict`` (a broken link or
cross-reference fails, and so does a notebook cell) just before the tests,
which read that site (``TARIFFCALC_BUILT_SITE``) instead of building it and
executing its notebooks a second time.

    python scripts/check.py          # in a venv made for it: the README command
    python scripts/check.py --here   # in an editable dev venv: test src/ as it is

Exits non-zero on the first step that fails.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
COVERAGE = ["--cov=tariffcalc", "--cov-branch", "--cov-report=term", "--cov-fail-under=95"]
#: The tests run on every core (pytest-xdist; a module's tests stay on one worker, so a module's
#: fixtures are built once), and the 25 slowest are printed in every run.
PARALLEL = ["-n", "auto", "--dist", "loadfile", "--durations=25"]
LINTED = ["src", "tests", "scripts", "benchmarks", "conftest.py"]


def _editable() -> bool:
    """Whether this environment has tariffcalc installed in editable mode (a developer's venv)."""
    try:
        text = metadata.distribution("tariffcalc").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return False
    return bool(text and json.loads(text).get("dir_info", {}).get("editable"))


def _steps(here: bool, scratch: Path) -> list[tuple[str, list[str], dict[str, str]]]:
    """(title, command, extra environment) of every step, in order."""
    site = str(scratch / "site")
    # The site is built (its notebooks executed) once, by the tested package, and the site tests read it.
    docs = ("docs site", [PY, "-m", "mkdocs", "build", "--strict", "--site-dir", site], {"NO_MKDOCS_2_WARNING": "1"})
    built = {"TARIFFCALC_BUILT_SITE": site}
    static: list[tuple[str, list[str], dict[str, str]]] = [
        ("mypy", [PY, "-m", "mypy"], {}),
        ("ruff check", [PY, "-m", "ruff", "check", *LINTED], {}),
        ("ruff format", [PY, "-m", "ruff", "format", "--check", *LINTED], {}),
    ]
    if here:
        # pyproject's testpaths: tests, the doctests of src/tariffcalc, docs and the README.
        return [docs, ("tests on src/", [PY, "-m", "pytest", *PARALLEL, *COVERAGE], built), *static]
    dist = scratch / "dist"
    return [
        ("build sdist, then wheel from sdist", [PY, "-m", "build", "--outdir", str(dist), str(ROOT)], {}),
        ("install the wheel", [PY, "-m", "pip", "install", "-q", "--force-reinstall", "--no-deps", "{wheel}"], {}),
        docs,
        (
            "tests on the installed wheel",
            # --pyargs: the doctests are those of the installed package, never src/; the
            # "./" keeps the other arguments paths (an installed module named tests cannot stand in).
            [PY, "-m", "pytest", *PARALLEL, "--pyargs", "tariffcalc", "./tests", "./docs", "./README.md", *COVERAGE],
            {"TARIFFCALC_TEST_INSTALLED": "1", **built},
        ),
        *static,
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--here", action="store_true", help="test src/ as installed here (editable), without building the wheel"
    )
    args = parser.parse_args(argv)
    if not args.here and _editable():
        print(
            "tariffcalc is installed in editable mode in this venv: installing the wheel would replace it.\n"
            "Run `python scripts/check.py --here`, or the README's test command (a fresh venv).",
            flush=True,
        )
        return 2
    os.chdir(ROOT)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="tariffcalc-check-") as tmp:
        scratch = Path(tmp)
        for title, step, extra in _steps(args.here, scratch):
            if "{wheel}" in step:
                wheels = sorted((scratch / "dist").glob("tariffcalc-*.whl"))
                if len(wheels) != 1:
                    print(f"check failed at: {title} (expected one wheel, found {wheels})", flush=True)
                    return 1
                step = [str(wheels[0]) if part == "{wheel}" else part for part in step]
            print(f"$ {' '.join(step[2:] if step[0] == PY else step)}", flush=True)
            status = subprocess.call(step, env={**os.environ, **extra})
            if status != 0:
                print(f"check failed at: {title} (exit {status})", flush=True)
                return status
    print(f"check passed in {(time.monotonic() - started) / 60:.1f} min", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
