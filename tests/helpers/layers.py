"""
The layers of docs/explanation/design.md as one table, and the import graph
of ``src/tariffcalc`` read from the code (``ast``): ``tests/test_layers.py``
checks the graph against the table, and ``scripts/draw_imports.py`` draws it
by layer into the design page.

Every ``import`` counts, module-level or inside a function; an import under
``if TYPE_CHECKING:`` names a type for the checker only, never runs, and is
left out (the design page says why).

>>> layer("tariffcalc._resolver.steps"), entry("tariffcalc._resolver.steps"), NAMES[layer("tariffcalc.us.refunds")]
(1, 'resolver', 'the US wing')
"""

from __future__ import annotations

import ast
from pathlib import Path

__all__ = ["LAYERS", "NAMES", "SRC", "drawing", "entry", "graph", "layer"]

SRC = Path(__file__).resolve().parents[2] / "src"
# Name (a dotted prefix, its underscores stripped: _resolver is resolver, __main__ is main) -> layer; the longest prefix wins.
LAYERS = {
    **dict.fromkeys(
        ["version", "errors", "validators", "decimals", "collector", "graph", "codes", "periods", "countries", "rates"],
        0,
    ),
    **dict.fromkeys(["citations", "amendments", "measures", "rules", "programmes", "entries", "reprs"], 0),
    **dict.fromkeys(
        [
            "reasons",
            "legal",
            "lines",
            "vocabulary",
            "authority",
            "resolution",
            "resolver",
            "schedule",
            "schedule_fields",
            "caches",
            "consistency",
            "fingerprint",
            "question",
            "timeline",
        ],
        1,
    ),
    **dict.fromkeys(["scenario", "scenario_parts", "whatif", "restatement", "panel"], 2),
    **dict.fromkeys(["io", "frames", "frame_pricing", "plots", "cluster", "packing", "testing", "scenarios"], 3),
    "io.numbers": 0,  # the one reader of outside numbers: values read typed text with it
    "us": 4,  # the US wing
    **dict.fromkeys(["", "datasets", "cli", "commands", "main"], 5),  # the front door: what assembles the wings
}
NAMES = ["values", "resolution", "questions", "edges", "the US wing", "the front door"]


def entry(module: str) -> str:
    """The key of LAYERS that places *module*: the longest prefix of its dotted name, underscores stripped."""
    parts = [part.strip("_") for part in module.split(".")[1:]]
    found = [key for n in range(len(parts), 0, -1) if (key := ".".join(parts[:n])) in LAYERS]
    assert found or not parts, (
        f"{module} is in no layer: add it to LAYERS in tests/helpers/layers.py and to the design page"
    )
    return found[0] if found else ""


def layer(module: str) -> int:
    """The layer of *module* (``tariffcalc.x.y``)."""
    return LAYERS[entry(module)]


def graph() -> dict[str, set[str]]:
    """Every module of ``src/tariffcalc`` and the modules of it that it imports (TYPE_CHECKING imports left out)."""
    files = {".".join(p.relative_to(SRC).with_suffix("").parts).removesuffix(".__init__"): p for p in SRC.rglob("*.py")}
    edges: dict[str, set[str]] = {}
    for module, path in files.items():
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        found = edges.setdefault(module, set())
        stack: list[ast.AST] = [ast.parse(path.read_text(encoding="utf-8"))]
        while stack:
            node = stack.pop()
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                stack.extend(node.orelse)
                continue
            stack.extend(ast.iter_child_nodes(node))
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = package.rsplit(".", node.level - 1)[0] if node.level else ""
                source = ".".join(filter(None, [base, node.module]))
                subs = {f"{source}.{a.name}" for a in node.names} & files.keys()
                found.update(subs or {source})
        edges[module] = {target for target in found if target in files and target != module}
    return edges


def grouped(edges: dict[str, set[str]]) -> dict[str, set[str]]:
    """The graph of the LAYERS entries: an arrow from one entry to another when a module of it imports one of the other."""
    groups: dict[str, set[str]] = {}
    for module, targets in edges.items():
        groups.setdefault(entry(module), set()).update(entry(t) for t in targets)
    return {group: targets - {group} for group, targets in groups.items()}


def drawing(edges: dict[str, set[str]]) -> str:
    """
    A Mermaid flowchart of *edges* by layer: one box per layer (the front
    door at the top), one node per LAYERS entry that has modules, named by
    its shortest module, and an arrow for each entry that imports another.
    """
    labels: dict[str, str] = {}
    for module in sorted(edges, key=lambda m: (len(m), m)):
        labels.setdefault(entry(module), module.removeprefix("tariffcalc.") if "." in module else module)
    groups = grouped(edges)

    def node(group: str) -> str:
        return "m_" + (group.replace(".", "_") or "tariffcalc")

    lines = ["```mermaid", "flowchart TB"]
    for number in range(len(NAMES) - 1, -1, -1):
        lines.append(f'  subgraph layer{number}["{number}. {NAMES[number]}"]')
        lines.extend(
            f'    {node(g)}["{labels[g]}"]' for g in sorted(labels, key=labels.__getitem__) if LAYERS[g] == number
        )
        lines.append("  end")
    for group in sorted(groups, key=labels.__getitem__):
        lines.extend(f"  {node(group)} --> {node(t)}" for t in sorted(groups[group], key=labels.__getitem__))
    lines.append("```")
    return "\n".join(lines) + "\n"
