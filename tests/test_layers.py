"""The four layers of docs/explanation/design.md, enforced: no import points up, and none runs in a circle.

Every ``import`` counts, module-level or inside a function; an import under ``if TYPE_CHECKING:`` names a type
for the checker only, never runs, and is left out (the design page says why).
"""

import ast
import graphlib
from pathlib import Path

import pytest

SRC = Path(__file__).parents[1] / "src"
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


def layer(module: str) -> int:
    parts = [part.strip("_") for part in module.split(".")[1:]]
    found = [LAYERS[key] for n in range(len(parts), 0, -1) if (key := ".".join(parts[:n])) in LAYERS]
    assert found or not parts, f"{module} is in no layer: add it to LAYERS here and to the design page"
    return found[0] if found else LAYERS[""]


def graph() -> dict[str, set[str]]:
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


@pytest.mark.parametrize(("module", "targets"), sorted(graph().items()))
def test_no_import_points_up(module: str, targets: set[str]) -> None:
    here = layer(module)  # every module has a layer, whatever it imports
    up = sorted(f"{t} ({NAMES[layer(t)]})" for t in targets if layer(t) > here)
    assert not up, f"{module} ({NAMES[here]}) imports a higher layer: {', '.join(up)}"


def test_no_import_runs_in_a_circle() -> None:
    graphlib.TopologicalSorter(graph()).prepare()  # raises CycleError naming the circle
