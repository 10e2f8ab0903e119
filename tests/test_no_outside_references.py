"""
The repository cites only what a clone has: no design notes, style guides,
issue numbers or paths of the machine it was written on. The design lives in
docs/explanation/design.md and docs/decisions/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PLACES = ["src", "tests", "docs", "benchmarks", "scripts", ".ci"]
FILES = ["README.md", "CHANGELOG.md", "mkdocs.yml", "pyproject.toml", "conftest.py"]
# Spelled in pieces, so that this file does not match itself.
FORBIDDEN = ["DESIGN" + ".md", "STYLE" + ".md", "issue" + " #", "../" + "shared", "/" + "work/"]
TEXT = {".py", ".md", ".toml", ".txt", ".yml", ".yaml", ".json", ".csv", ".ipynb", ""}


def _files() -> list[Path]:
    found = [ROOT / name for name in FILES]
    for place in PLACES:
        found += [p for p in (ROOT / place).rglob("*") if p.is_file() and p.suffix in TEXT]
    return [p for p in found if "__pycache__" not in p.parts]


@pytest.mark.parametrize("word", FORBIDDEN)
def test_nothing_cites_a_document_outside_the_repository(word: str) -> None:
    hits = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in _files()
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1)
        if word in line
    ]
    assert hits == []
