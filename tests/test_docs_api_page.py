"""
The API page (``docs/reference/api.md``) lists every public module: each
module of the package whose dotted name has no part starting with ``_``,
found by walking the package, has a ``::: module`` block (its members are
checked against ``__all__`` by ``tests/test_public_api.py``), and a module
without an ``__all__`` of its own (``tariffcalc.io``, a package of modules)
is named in the page's text.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import tariffcalc

API_PAGE = Path(__file__).resolve().parents[1] / "docs" / "reference" / "api.md"


def public_modules() -> list[str]:
    """Every public module of the package, by its dotted name."""
    names = ["tariffcalc"]
    for info in pkgutil.walk_packages(tariffcalc.__path__, "tariffcalc."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            names.append(info.name)
    return names


def blocks(text: str) -> set[str]:
    return set(re.findall(r"^:::\s+([\w.]+)\s*$", text, flags=re.MULTILINE))


def test_the_walk_finds_the_modules_the_page_once_left_out() -> None:
    found = set(public_modules())
    assert {"tariffcalc.frames", "tariffcalc.panel", "tariffcalc.plots", "tariffcalc.io.hts"} <= found
    assert not any("._" in name for name in found)


def test_every_public_module_with_an_all_has_a_block() -> None:
    text = API_PAGE.read_text(encoding="utf-8")
    wanted = {m for m in public_modules() if hasattr(importlib.import_module(m), "__all__")}
    assert set() == wanted - blocks(text)


def test_a_public_module_without_an_all_is_named_on_the_page() -> None:
    text = API_PAGE.read_text(encoding="utf-8")
    bare = [m for m in public_modules() if not hasattr(importlib.import_module(m), "__all__")]
    assert [] == [m for m in bare if f"`{m}`" not in text]


def test_every_block_is_a_public_module() -> None:
    assert set() == blocks(API_PAGE.read_text(encoding="utf-8")) - set(public_modules())
