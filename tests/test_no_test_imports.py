"""
No test module imports another test module: what tests share lives in
``tests/helpers/`` (code) and ``tests/data/`` (tables, worked examples), and
only ``tests.helpers`` may be imported. A test module imported by another
would run its tests twice, tie the two files' fixtures together and make
one file's table another's hidden input.

Imports are read from the code (``ast``): ``import`` and ``from ... import``
anywhere in a module, and ``importlib.import_module`` (or ``__import__``)
of a name taken from a file's ``stem`` or naming a test module.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
DYNAMIC = {"import_module", "__import__"}


def modules_of_tests(root: Path = TESTS) -> dict[str, Path]:
    """Every Python file under *root* but the helpers and the data, by the names it can be imported as."""
    found: dict[str, Path] = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        if parts[0] in {"helpers", "data"}:
            continue
        found[".".join(("tests", *parts))] = path
        found[path.stem] = path  # pytest's rootdir-relative name (rootdir insertion)
    return found


def imports_of_tests(source: str, tests: dict[str, Path]) -> list[str]:
    """The imports of *source* that load a test module (by line: what it imports)."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        elif isinstance(node, ast.ImportFrom) and node.level:
            names = [f"(relative) {node.module or ''}"]
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None)) in DYNAMIC:
            text = ast.unparse(node.args[0]) if node.args else ""
            if ".stem" in text or "test_" in text or "tests." in text:
                names = [f"(dynamic) {text}"]
        found.extend(
            f"{getattr(node, 'lineno', 0)}: {name}"
            for name in names
            if name.startswith("(") or ((name in tests or name.startswith("tests.")) and not _helper(name))
        )
    return found


def _helper(name: str) -> bool:
    return name == "tests.helpers" or name.startswith("tests.helpers.") or name == "tests"


TESTS_BY_NAME = modules_of_tests()


@pytest.mark.parametrize("path", sorted(set(TESTS_BY_NAME.values())), ids=lambda p: str(p.relative_to(TESTS)))
def test_a_test_module_imports_no_other_test_module(path: Path) -> None:
    found = imports_of_tests(path.read_text(encoding="utf-8"), TESTS_BY_NAME)
    assert [] == found, f"{path.relative_to(TESTS)} imports test modules: put what they share in tests/helpers/"


@pytest.mark.parametrize(
    ("source", "caught"),
    [
        ("from tests.datasets.test_us_s122 import MEASURES", True),
        ("import tests.datasets.test_us_s122", True),
        ("from test_us_s122 import MEASURES", True),
        ("from .test_us_s122 import MEASURES", True),
        ("rows = importlib.import_module(path.stem).MEASURES", True),
        ("from tests.helpers.worked import check", False),
        ("from tests.helpers import facts", False),
        ("import importlib\nmodule = importlib.import_module('tariffcalc.codes')", False),
    ],
)
def test_the_check_catches_every_way_of_importing_a_test_module(source: str, caught: bool) -> None:
    assert caught == bool(imports_of_tests(source, TESTS_BY_NAME)), source
