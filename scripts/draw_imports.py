"""
Draw the imports of ``src/tariffcalc`` by layer into docs/explanation/design.md:
a Mermaid flowchart with one box per layer and one node per entry of the
layer table (``tests/helpers/layers.py``, the table ``tests/test_layers.py``
enforces), between the page's ``<!-- imports:start -->`` and
``<!-- imports:end -->`` marks. Every arrow points down or sideways, and
none runs in a circle (the layer test fails otherwise).

    python scripts/draw_imports.py          # write the drawing into the page
    python scripts/draw_imports.py --check  # exit 1 if the page's drawing is stale

tests/test_layers.py runs the same check.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the layer table lives with the tests that enforce it

from tests.helpers.layers import drawing, graph  # noqa: E402

PAGE = ROOT / "docs" / "explanation" / "design.md"
START, END = "<!-- imports:start -->\n", "<!-- imports:end -->"


def render(page: str) -> str:
    """*page* with the current drawing between its marks."""
    if START not in page or END not in page:
        raise SystemExit(f"{PAGE}: no {START.strip()} ... {END} marks to draw between")
    head, rest = page.split(START, 1)
    _, tail = rest.split(END, 1)
    return head + START + drawing(graph()) + END + tail


def main(argv: list[str]) -> int:
    page = PAGE.read_text(encoding="utf-8")
    current = render(page)
    if "--check" in argv:
        if current != page:
            print(f"{PAGE.relative_to(ROOT)} is stale: run python scripts/draw_imports.py")
            return 1
        return 0
    PAGE.write_text(current, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
