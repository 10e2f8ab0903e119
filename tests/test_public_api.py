"""
The public surface: what ``tariffcalc`` and its namespaces promise, and that
the code keeps to it.

- The top level is small: the nouns a user builds and holds. A name that
  lives in a namespace is imported from there, never from the top level
  (nothing was released with a flatter top level, so nothing is kept for it).
- ``docs/reference/api.md`` documents every public module with a
  ``::: module`` block whose ``members`` are exactly that module's
  ``__all__``; every name in any ``__all__`` exists and has a docstring.
- **Private means private to the module.** A name with one leading
  underscore belongs to the module that defines it: no other module imports
  it (``from m import _x``) or reaches it as an attribute (``m._x``). A
  helper that several modules share is named without the underscore in the
  module that owns the idea (``tariffcalc._validators`` for the checks behind
  the value classes' fields); it is in that module's ``__all__``, and so on
  the API page, only when users may rely on it. A private *module*
  (``tariffcalc._commands``, ``tariffcalc.testing._dates``) is private to
  its package: its public names may be imported inside the package.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import pkgutil
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

import tariffcalc

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
API_PAGE = ROOT / "docs" / "reference" / "api.md"

#: The namespaces of families that must be on the API page.
NAMESPACES = (
    "tariffcalc.rates",
    "tariffcalc.measures",
    "tariffcalc.reasons",
    "tariffcalc.scenario",
    "tariffcalc.errors",
)


def documented() -> dict[str, list[str]]:
    """The ``::: module`` blocks of the API page, each with its ``members`` list."""
    blocks: dict[str, list[str]] = {}
    module: str | None = None
    in_members = False
    for line in API_PAGE.read_text(encoding="utf-8").splitlines():
        if m := re.fullmatch(r":::\s+([\w.]+)\s*", line):
            module, in_members = m[1], False
            assert module not in blocks, f"{module} is documented twice"
            blocks[module] = []
        elif module is not None and re.fullmatch(r"\s+members:\s*", line):
            in_members = True
        elif module is not None and in_members and (m := re.fullmatch(r"\s+-\s+(\w+)\s*", line)):
            blocks[module].append(m[1])
        elif line.strip() and not line.startswith(" "):
            module, in_members = None, False
    return blocks


def public_modules() -> Iterator[ModuleType]:
    """Every module of the package that can be imported without side effects."""
    yield tariffcalc
    for info in pkgutil.walk_packages(tariffcalc.__path__, "tariffcalc."):
        if info.name != "tariffcalc.__main__":  # running it runs the command
            yield importlib.import_module(info.name)


# --- the top level ---------------------------------------------------------------------------


def test_the_top_level_is_small() -> None:
    assert len(tariffcalc.__all__) <= 25
    assert len(set(tariffcalc.__all__)) == len(tariffcalc.__all__)


def test_star_import_gives_exactly_the_top_level() -> None:
    namespace: dict[str, object] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        exec("from tariffcalc import *", namespace)
    assert sorted(tariffcalc.__all__) == sorted(k for k in namespace if k != "__builtins__")


@pytest.mark.parametrize("name", ["AdValorem", "SetRate", "NotIfClaimed", "Segment", "TariffcalcError"])
def test_a_namespace_name_is_not_served_from_the_top_level(name: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(AttributeError, match=rf"module 'tariffcalc' has no attribute '{name}'"):
            getattr(tariffcalc, name)


def test_an_unknown_name_is_still_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match=r"module 'tariffcalc' has no attribute 'Nonsense'"):
        getattr(tariffcalc, "Nonsense")  # noqa: B009


# --- the API page ----------------------------------------------------------------------------


@pytest.mark.parametrize("module", sorted(documented()))
def test_the_page_lists_exactly_each_modules_all(module: str) -> None:
    members = documented()[module]
    assert len(set(members)) == len(members), f"{module}: a member is listed twice"
    assert sorted(importlib.import_module(module).__all__) == sorted(members)


def test_the_page_documents_the_top_level_and_every_namespace() -> None:
    needed = {"tariffcalc", *NAMESPACES}
    assert set() == needed - set(documented())


def test_every_public_module_has_an_all() -> None:
    missing = [
        m.__name__
        for m in public_modules()
        if not hasattr(m, "__all__") and not any(part.startswith("_") for part in m.__name__.split("."))
    ]
    assert [] == [m for m in missing if m != "tariffcalc.io"]  # io: a package of modules, nothing of its own


@pytest.mark.parametrize("module", [m.__name__ for m in public_modules() if hasattr(m, "__all__")])
def test_every_name_in_all_exists_and_has_a_docstring(module: str) -> None:
    mod = importlib.import_module(module)
    assert len(set(mod.__all__)) == len(mod.__all__)
    for name in mod.__all__:
        assert hasattr(mod, name), f"{module}.__all__ names {name}, which does not exist"
        obj = getattr(mod, name)
        if inspect.isclass(obj):
            # Its own docstring: inspect.getdoc would borrow a base class's.
            doc = obj.__dict__.get("__doc__")
        elif inspect.isfunction(obj) or inspect.ismodule(obj):
            doc = obj.__doc__
        else:
            continue  # constants are documented with #: comments, which are not kept at run time
        assert (doc or "").strip(), f"{module}.{name} has no docstring"


# --- private names ---------------------------------------------------------------------------


def _is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _is_module(dotted: str) -> bool:
    """Whether *dotted* names a module: a private module is the package's own, for its modules to share."""
    try:
        return importlib.util.find_spec(dotted) is not None
    except ModuleNotFoundError:
        return False


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return None if inner is None else f"{inner}.{node.attr}"
    return None


def private_imports(path: Path) -> Iterator[tuple[int, str]]:
    """
    ``(line, module.name)`` for each private name of another module that the
    file at *path* imports or reaches as an attribute of something it imported.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported: dict[str, str] = {}  # local name -> what it is, dotted
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    imported[alias.asname] = alias.name
                else:
                    parts = alias.name.split(".")
                    for n in range(1, len(parts) + 1):  # `import a.b` binds a, and a.b is reachable
                        imported[".".join(parts[:n])] = ".".join(parts[:n])
        elif isinstance(node, ast.ImportFrom) and node.module and node.module != "__future__":
            for alias in node.names:
                if _is_private(alias.name) and not _is_module(f"{node.module}.{alias.name}"):
                    yield node.lineno, f"{node.module}.{alias.name}"
                imported[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _is_private(node.attr):
            owner = _dotted(node.value)
            if owner is not None and owner in imported:
                yield node.lineno, f"{imported[owner]}.{node.attr}"


def violations(root: Path = SRC) -> set[tuple[str, str]]:
    """Every private import under *root*, as (file relative to *root*, module.name)."""
    return {
        (path.relative_to(root).as_posix(), name)
        for path in sorted(root.rglob("*.py"))
        for _, name in private_imports(path)
    }


def test_the_scanner_finds_both_forms(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from __future__ import annotations\n"
        "import tariffcalc.periods\n"
        "import tariffcalc.us.refunds as refunds\n"
        "from tariffcalc.citations import _identifier, Citation\n"
        "from tariffcalc import rates\n"
        "x = tariffcalc.periods._calendar_day\n"
        "y = refunds._ZERO\n"
        "z = rates._INT_BOUND\n"
        "w = Citation._private\n"
        "ok = self._own, rates.__all__\n"
    )
    assert [
        (4, "tariffcalc.citations._identifier"),
        (6, "tariffcalc.periods._calendar_day"),
        (7, "tariffcalc.us.refunds._ZERO"),
        (8, "tariffcalc.rates._INT_BOUND"),
        (9, "tariffcalc.citations.Citation._private"),
    ] == sorted(private_imports(bad))


def test_no_module_imports_another_modules_private_name() -> None:
    assert set() == violations()


def test_import_tariffcalc_reaches_every_namespace() -> None:
    for namespace in NAMESPACES:
        assert importlib.import_module(namespace) is getattr(tariffcalc, namespace.split(".")[1])
