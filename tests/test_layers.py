"""
The four layers of docs/explanation/design.md, enforced: no import points up, and none runs in a circle.

The table and the graph are those of :mod:`tests.helpers.layers`, which
``scripts/draw_imports.py`` draws into the design page (checked current here).
"""

import graphlib
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.layers import LAYERS, NAMES, drawing, graph, grouped, layer

ROOT = Path(__file__).resolve().parents[1]
EDGES = graph()


@pytest.mark.parametrize(("module", "targets"), sorted(EDGES.items()))
def test_no_import_points_up(module: str, targets: set[str]) -> None:
    here = layer(module)  # every module has a layer, whatever it imports
    up = sorted(f"{t} ({NAMES[layer(t)]})" for t in targets if layer(t) > here)
    assert not up, f"{module} ({NAMES[here]}) imports a higher layer: {', '.join(up)}"


def test_no_import_runs_in_a_circle() -> None:
    graphlib.TopologicalSorter(EDGES).prepare()  # raises CycleError naming the circle


def test_the_drawing_has_no_circle_and_no_arrow_up() -> None:
    groups = grouped(EDGES)
    graphlib.TopologicalSorter(groups).prepare()  # the drawn boxes import in no circle either
    up = [(g, t) for g, targets in groups.items() for t in targets if LAYERS[t] > LAYERS[g]]
    assert [] == up


def test_the_design_page_has_the_current_drawing() -> None:
    page = (ROOT / "docs" / "explanation" / "design.md").read_text(encoding="utf-8")
    assert drawing(EDGES) in page, "the import drawing is stale: run python scripts/draw_imports.py"
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "draw_imports.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert 0 == run.returncode, run.stdout + run.stderr
