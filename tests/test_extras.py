"""
Each extra brings everything its feature imports: the third-party modules
that a feature's modules import (deferred imports included, read with
``ast``; nothing is installed) are among the distributions its extra
requires, and ``all`` holds every feature's. A value's ``to_frame`` is the
``pandas`` extra's, wherever the value lives.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "tariffcalc"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
EXTRAS: dict[str, list[str]] = PROJECT["optional-dependencies"]

#: The modules of each feature, and the extra that is to bring what they import.
FEATURES = {
    "pandas": ["frames.py"],
    "plot": ["plots.py", "frames.py"],
    "panel": ["panel.py", "_commands/panel.py"],
    "dask": ["cluster.py", "frames.py"],
    "testing": ["testing"],
    "progress": ["_commands/refund.py"],
}
#: The distribution that provides an import name, where the names differ.
DISTRIBUTION = {"dateutil": "python-dateutil"}
#: Imported by every feature: the core's own dependencies.
CORE = {re.split(r"[\[<>=!~ ]", r)[0] for r in PROJECT["dependencies"]}


def _distributions(requirements: list[str]) -> set[str]:
    return {re.split(r"[\[<>=!~ ]", r)[0] for r in requirements}


def _imports(relative: str) -> set[str]:
    """The top-level names of every module imported by the file or package *relative*, anywhere in it."""
    path = SOURCE / relative
    files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
    found: set[str] = set()
    for file in files:
        for node in _walk_outside_frames(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found


def _walk_outside_frames(tree: ast.AST) -> list[ast.AST]:
    """Every node of *tree* except the bodies of ``to_frame`` methods: a value's frame is the pandas extra's."""
    out: list[ast.AST] = []
    todo = [tree]
    while todo:
        node = todo.pop()
        out.append(node)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == "to_frame":
            continue
        todo.extend(ast.iter_child_nodes(node))
    return out


def _third_party(names: set[str]) -> set[str]:
    outside = names - set(sys.stdlib_module_names) - {"tariffcalc", "__future__"}
    return {DISTRIBUTION.get(n, n) for n in outside} - CORE


@pytest.mark.parametrize(("extra", "modules"), FEATURES.items())
def test_an_extra_brings_what_its_feature_imports(extra: str, modules: list[str]) -> None:
    needed = set().union(*(_third_party(_imports(m)) for m in modules))
    assert needed  # the feature does import something beyond the core
    assert needed <= _distributions(EXTRAS[extra]), f"[{extra}] lacks {sorted(needed - _distributions(EXTRAS[extra]))}"


def test_all_brings_every_feature_and_the_notebook() -> None:
    features = set().union(*(_distributions(EXTRAS[e]) for e in [*FEATURES, "notebook"]))
    assert features <= _distributions(EXTRAS["all"])


def test_the_notebook_extra_has_a_kernel_and_widgets() -> None:
    assert {"ipykernel", "ipywidgets", "pandas", "matplotlib"} <= _distributions(EXTRAS["notebook"])


def test_the_core_imports_no_extra() -> None:
    # The modules every question uses import nothing but the core's dependencies.
    core = ["schedule.py", "resolution.py", "measures.py", "rates.py", "entries.py", "_resolver", "datasets"]
    assert set() == set().union(*(_third_party(_imports(m)) for m in core))


def test_the_docs_extra_runs_the_notebooks_the_site_executes() -> None:
    # mkdocs-jupyter executes the notebooks at build time: what their cells import, and the panel
    # extra (the analyst notebook writes a parquet file), must come with the docs extra.
    import json

    docs = _distributions(EXTRAS["docs"])
    imported: set[str] = set()
    for notebook in sorted((ROOT / "docs").glob("*.ipynb")):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        for cell in cells:
            if cell["cell_type"] == "code":
                source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
                code = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith("%"))
                imported |= _third_party(
                    {
                        alias.name.split(".")[0] if isinstance(node, ast.Import) else str(node.module).split(".")[0]
                        for node in ast.walk(ast.parse(code))
                        if isinstance(node, ast.Import | ast.ImportFrom)
                        for alias in node.names
                    }
                )
    assert imported  # the notebooks do import pandas and the like
    assert imported | _distributions(EXTRAS["panel"]) <= docs, sorted(imported | _distributions(EXTRAS["panel"]) - docs)
