"""
The docs site builds with ``mkdocs build --strict`` (a step of
``scripts/check.py``), so a broken link, anchor or cross-reference fails the
check: planted in a copy of the docs, each one fails the build.

The site as built is read too: the home page, the pandas how-to and the API
page show no raw reStructuredText role and no doctest as a nested
quotation, the API page has a section for every public module, and the
notebook is shown with the outputs of its run at build time.
"""

from __future__ import annotations

import html
import importlib
import importlib.util
import os
import pkgutil
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytest.importorskip("mkdocs")
pytest.importorskip("mkdocstrings")


def _docstrings_module(name: str = "mkdocs_docstrings") -> object:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
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
        # The copies do not run the notebook (the site test below does, once).
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "TARIFFCALC_DOCS_EXECUTE": "false"},
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


def test_a_failing_notebook_cell_fails_the_build(tmp_path: Path) -> None:
    nbformat = pytest.importorskip("nbformat")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copytree(ROOT / "scripts", tmp_path / "scripts")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "docs" / "reference" / "api.md").write_text("# API reference\n", encoding="utf-8")
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('raise ValueError("a planted failure")')])
    nbformat.write(notebook, tmp_path / "docs" / "japan-2025-notebook.ipynb")
    env = {k: v for k, v in os.environ.items() if k != "TARIFFCALC_DOCS_EXECUTE"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(tmp_path / "mkdocs.yml")],
        capture_output=True,
        text=True,
        check=False,
        env={**env, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode != 0
    assert "a planted failure" in result.stderr


def test_docstrings_are_shown_as_markdown() -> None:
    markdown = _docstrings_module().markdown  # type: ignore[attr-defined]
    text = "Use :meth:`~tariffcalc.Schedule.resolve` or :class:`tariffcalc.Period`::\n\n>>> 1 + 1\n2\n\nDone."
    assert markdown(text) == ("Use `resolve` or `tariffcalc.Period`:\n\n```pycon\n>>> 1 + 1\n2\n```\n\nDone.")


def test_a_doctest_blank_line_is_shown_blank() -> None:
    blank_lines = _docstrings_module("mkdocs_hooks").blank_lines  # type: ignore[attr-defined]
    page = "```pycon\n>>> print('a\\n\\nb')\na\n<BLANKLINE>\nb\n```\nText with <BLANKLINE> inside stays."
    assert blank_lines(page) == "```pycon\n>>> print('a\\n\\nb')\na\n\nb\n```\nText with <BLANKLINE> inside stays."
    markdown = _docstrings_module().markdown  # type: ignore[attr-defined]
    assert markdown(">>> print('a\\n\\nb')\na\n<BLANKLINE>\nb") == "```pycon\n>>> print('a\\n\\nb')\na\n\nb\n```"


# --- the site as built -----------------------------------------------------------------------

#: A reStructuredText role left in a docstring, as the site would show it.
_RAW_ROLE = re.compile(r":(?:class|func|meth|attr|mod|data|exc|obj):(?:`|<code>)")
#: A doctest that Markdown read as a quotation (``>>>`` is three nested quotes).
_QUOTED_DOCTEST = re.compile(r"<blockquote>\s*(?:<blockquote>\s*)*<p>&gt;&gt;&gt;|<blockquote>\s*<blockquote>")


#: Set by ``scripts/check.py``: the site its own ``mkdocs build --strict`` step built from this tree
#: just before the tests (the notebooks executed), read here instead of being built and executed again.
BUILT_SITE = "TARIFFCALC_BUILT_SITE"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole site, built as ``mkdocs build --strict`` builds it (the notebook executed)."""
    built = os.environ.get(BUILT_SITE)
    if built:
        assert (Path(built) / "index.html").is_file(), f"{BUILT_SITE}={built} holds no built site"
        return Path(built)
    out = tmp_path_factory.mktemp("site")
    env = {k: v for k, v in os.environ.items() if k not in {"TARIFFCALC_DOCS_EXECUTE", "MPLBACKEND"}}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "--site-dir", str(out)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env={**env, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    return out


def _page(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def _article(text: str) -> str:
    """The page's own content, without the navigation, as HTML."""
    start, end = text.index("<article"), text.index("</article>")
    return text[start:end]


@pytest.mark.parametrize("page", ["", "how-to/pandas", "reference/api", "how-to/command-line"])
def test_a_page_shows_no_raw_role_and_no_quoted_doctest(site: Path, page: str) -> None:
    article = _article(_page(site, page))
    assert [] == _RAW_ROLE.findall(article)
    assert [] == _QUOTED_DOCTEST.findall(article)
    assert "&lt;BLANKLINE&gt;" not in article
    assert "&gt;&gt;&gt; </span>" in article  # the examples are highlighted as console sessions


def _public_modules() -> list[str]:
    import tariffcalc

    names = ["tariffcalc"]
    for info in pkgutil.walk_packages(tariffcalc.__path__, "tariffcalc."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            names.append(info.name)
    return names


def test_the_api_page_has_a_section_for_every_public_module(site: Path) -> None:
    article = _article(_page(site, "reference/api"))
    text = html.unescape(re.sub(r"<[^>]+>", "", article))
    missing = []
    for name in _public_modules():
        if hasattr(importlib.import_module(name), "__all__"):
            if f'id="{name}"' not in article:
                missing.append(name)
        elif name not in text:  # tariffcalc.io: a package of modules, named in the text
            missing.append(name)
    assert [] == missing


def test_the_api_pages_first_block_is_the_top_level_rendered(site: Path) -> None:
    article = _article(_page(site, "reference/api"))
    first = article[article.index('id="tariffcalc"') : article.index('id="tariffcalc.Citation"')]
    assert "<code>Schedule</code>" in first
    assert '<span class="gp">&gt;&gt;&gt; </span>' in first
    assert ":class:" not in first


def test_the_home_page_starts_with_the_packaged_schedule(site: Path) -> None:
    article = _article(_page(site, ""))
    text = html.unescape(re.sub(r"<[^>]+>", "", article))
    assert text.index("load_schedule()") < text.index("A schedule of your own")
    assert "tariffcalc rate 8708.30.50.30" in text
    for extra in ("pandas", "plot", "panel", "dask", "notebook", "all", "testing", "progress"):
        assert f"<code>{extra}</code>" in article, extra


def test_the_notebook_is_shown_with_its_outputs(site: Path) -> None:
    article = _article(_page(site, "japan-2025-notebook"))
    first_output = article.index("jp-OutputArea-output")
    outputs = html.unescape(re.sub(r"<[^>]+>", " ", article[first_output:]))
    assert article.count("jp-OutputArea-output ") >= 5  # the cells' outputs, not only their sources
    assert "us-2025-26" in outputs  # the schedule a cell loaded, as the cell showed it
    assert "data:image/png;base64," in article  # a chart drawn when the site was built
    assert "Traceback" not in outputs
