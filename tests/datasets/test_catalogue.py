"""The documentation's catalogue of the packaged data matches the data (it cannot drift)."""

from __future__ import annotations

import runpy
from pathlib import Path

from tariffcalc.datasets import us2025_data

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "make_dataset_docs.py"


def test_the_catalogue_page_is_what_the_data_makes() -> None:
    script = runpy.run_path(str(SCRIPT))
    page: Path = script["PAGE"]
    assert page.read_text(encoding="utf-8") == script["render"](), (
        "docs/reference/us-data.md is stale: run python scripts/make_dataset_docs.py"
    )


def test_the_catalogue_lists_every_measure_rule_and_instrument() -> None:
    page = (SCRIPT.parent.parent / "docs" / "reference" / "us-data.md").read_text(encoding="utf-8")
    data = us2025_data()
    for item_id in [m.id for m in data.measures] + [s.id for s in data.suspensions] + [r.id for r in data.rules]:
        assert f"`{item_id}`" in page
    for instrument in data.instruments:
        assert instrument.id.replace("|", "\\|") in page
    assert "## What the data does not cover" in page
