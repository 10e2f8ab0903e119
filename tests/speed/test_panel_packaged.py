"""The panel of the packaged schedule: random cells equal ``Schedule.resolve``; the command writes parquet."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tariffcalc.cli import main
from tariffcalc.datasets import load_schedule

pytest.importorskip("numpy")

from tariffcalc.panel import lines, panel  # needs numpy

ON = date(2025, 9, 5)
VALUE = Decimal(10_000)


@pytest.fixture(scope="module")
def sample() -> object:
    us = load_schedule("us-2025-26")
    products = random.Random(7).sample(lines(us, ON), 150)
    return panel(us, on=ON, products=products, value=VALUE)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_random_cells_are_the_resolved_rate(sample: object, data: st.DataObject) -> None:
    us = load_schedule("us-2025-26")
    product = data.draw(st.sampled_from(sample.products))  # type: ignore[attr-defined]
    origin = data.draw(st.sampled_from(sample.origins))  # type: ignore[attr-defined]
    assert us.resolve(product, origin, ON, value=VALUE, strict=False).rate == sample.rate(product, origin)  # type: ignore[attr-defined]


def test_every_cell_of_twenty_products_is_the_resolved_rate(sample: object) -> None:
    # The panel resolves one entry per class of alike cells; here every cell is resolved on its own.
    us = load_schedule("us-2025-26")
    for product in sample.products[:20]:  # type: ignore[attr-defined]
        for origin in sample.origins:  # type: ignore[attr-defined]
            assert us.resolve(product, origin, ON, value=VALUE, strict=False).rate == sample.rate(product, origin)  # type: ignore[attr-defined]


def test_the_panel_holds_the_lines_of_its_day_only() -> None:
    us = load_schedule("us-2025-26")
    today = set(lines(us, ON))
    ever = set(lines(us))
    assert today < ever  # lines that ended before the day, or start after it, are not the day's
    assert {str(c) for c in today} <= set(us.codes(on=ON))


def test_summaries_add_up(sample: object) -> None:
    us = load_schedule("us-2025-26")
    product = sample.products[0]  # type: ignore[attr-defined]
    by_origin = sample.by_origin(weights={(str(product), "JP"): 5})  # type: ignore[attr-defined]
    jp = by_origin["JP"]
    assert us.resolve(product, "JP", ON, value=VALUE, strict=False).rate == jp.weighted_mean
    rates = [us.resolve(p, "JP", ON, value=VALUE, strict=False).rate for p in sample.products]  # type: ignore[attr-defined]
    known = [r for r in rates if r is not None]
    assert len(rates) - len(known) == jp.not_computable
    assert (sum(known, Decimal(0)) / len(known)).quantize(Decimal("0.0001")).normalize() == jp.mean
    assert "base" in sample.by_authority()  # type: ignore[attr-defined]


def test_the_command_writes_parquet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "panel.parquet"
    argv = ["panel", "--on", "2025-09-05", "--out", str(out), "--quiet"]
    argv += ["--product", "8703.23.01.90", "--product", "8467.21.00.10", "--origin", "JP", "--origin", "CN"]
    assert 0 == main(argv)
    table = pq.read_table(out).to_pylist()
    assert 4 == len(table)
    us = load_schedule("us-2025-26")
    for row in table:
        rate = us.resolve(row["product"], row["origin"], ON, value=VALUE, strict=False).rate
        assert (None if rate is None else float(rate)) == row["rate"]  # float64: the parquet's numbers
        assert (ON, date(2025, 9, 6)) == (row["start"], row["end"])
    assert "all origins: mean rate" in capsys.readouterr().out
