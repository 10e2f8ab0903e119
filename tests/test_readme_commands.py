"""
The README's two commands are the ones that run: CI (``.ci/run``) runs the
README's test command verbatim, so the two can never drift apart.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _readme_commands() -> list[str]:
    """The one-line commands of the README's ``sh`` blocks under "Two commands"."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Two commands", 1)[1].split("\n## ", 1)[0]
    return [line for block in re.findall(r"```sh\n(.*?)```", section, re.S) for line in block.splitlines() if line]


def _ci_command() -> str:
    """The command ``.ci/run`` runs: its one line that creates the venv."""
    lines = [line for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines() if "-m venv" in line]
    assert len(lines) == 1, lines
    return lines[0]


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    commands = _readme_commands()
    assert len(commands) == 2, commands
    assert _ci_command() == commands[1]


def test_the_test_command_checks_the_built_wheel_in_a_fresh_venv() -> None:
    test = _readme_commands()[1]
    assert test.startswith("python3 -m venv .venv && ")
    assert '.venv/bin/pip install -q ".[test]"' in test  # not editable: check.py installs the wheel over it
    assert test.endswith(".venv/bin/python scripts/check.py")


def test_the_main_job_installs_the_package_and_explains() -> None:
    main = _readme_commands()[0]
    assert main.startswith("python3 -m venv .venv && .venv/bin/pip install -q . && .venv/bin/tariffcalc explain ")
