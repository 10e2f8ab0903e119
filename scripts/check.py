"""
The whole check, as the README's test command runs it and CI runs the README:
tests (with doctests and property tests) under branch coverage, then
mypy --strict, then ruff (lint and format).

    python scripts/check.py

Exits non-zero on the first step that fails.
"""

from __future__ import annotations

import subprocess
import sys

STEPS = [
    [sys.executable, "-m", "pytest", "--cov=tariffcalc", "--cov-branch", "--cov-report=term", "--cov-fail-under=95"],
    [sys.executable, "-m", "mypy"],
    [sys.executable, "-m", "ruff", "check", "src", "tests", "scripts", "benchmarks"],
    [sys.executable, "-m", "ruff", "format", "--check", "src", "tests", "scripts", "benchmarks"],
]


def main() -> int:
    for step in STEPS:
        print("$", " ".join(step[2:] if step[0] == sys.executable else step), flush=True)
        status = subprocess.call(step)
        if status != 0:
            print(f"check failed at: {' '.join(step[2:])} (exit {status})", flush=True)
            return status
    print("check passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
