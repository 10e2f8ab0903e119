"""
The docs site builds with ``mkdocs build --strict`` (a step of
``scripts/check.py``), so a broken link, anchor or cross-reference fails the
check: planted in a copy of the docs, each one fails the build.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytest.importorskip("mkdocs")
pytest.importorskip("mkdocstrings")


def _docstrings_module() -> object:
    spec = importlib.util.spec_from_file_location("mkdocs_docstrings", ROOT / "scripts" / "mkdocs_docstrings.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _build(tmp_path: Path, planted: str) -> subprocess.CompletedProcess[str]:
    """Build a copy of the site (the API page left out, for speed) with *planted* added to one page."""
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copytree(ROOT / "scripts", tmp_path / "scripts")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "docs" / "reference" / "api.md").write_text("# API reference\n", encoding="utf-8")
    page = tmp_path / "docs" / "explanation" / "design.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n" + planted + "\n", encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(tmp_path / "mkdocs.yml")],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def test_the_copy_builds_as_it_is(tmp_path: Path) -> None:
    result = _build(tmp_path, "")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("planted", "said"),
    [
        ("[a page](no-such-page.md)", "no-such-page.md"),
        ("[an anchor](resolution.md#no-such-anchor)", "no-such-anchor"),
        ("[an object][tariffcalc.NoSuchName]", "tariffcalc.NoSuchName"),
    ],
)
def test_a_broken_reference_fails_the_build(tmp_path: Path, planted: str, said: str) -> None:
    result = _build(tmp_path, planted)
    assert result.returncode != 0
    assert said in result.stderr


def test_docstrings_are_shown_as_markdown() -> None:
    markdown = _docstrings_module().markdown  # type: ignore[attr-defined]
    text = "Use :meth:`~tariffcalc.Schedule.resolve` or :class:`tariffcalc.Period`::\n\n>>> 1 + 1\n2\n\nDone."
    assert markdown(text) == ("Use `resolve` or `tariffcalc.Period`:\n\n```pycon\n>>> 1 + 1\n2\n```\n\nDone.")
