"""A panel holds the tariff lines that exist on its day (or in its period), and nothing else."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tariffcalc import (
    Citation,
    Instrument,
    Measure,
    MeasureKind,
    OriginScope,
    Period,
    ProductScope,
    Schedule,
)
from tariffcalc.errors import InvalidEntryError
from tariffcalc.rates import AdValorem

pytest.importorskip("numpy")

from tariffcalc.panel import lines, panel  # needs numpy

ACT = Instrument("HTS 2025", "Harmonized Tariff Schedule", known_on=date(2025, 1, 1))
DAY = date(2025, 6, 1)


def _base(code: str, validity: Period, rate: str = "2.5") -> Measure:
    return Measure(
        f"mfn.{code}",
        code,
        MeasureKind.BASE,
        AdValorem(rate),
        ProductScope.parse(code),
        OriginScope.parse("all"),
        validity,
        Citation(ACT, heading=code),
    )


SCHEDULE = Schedule(
    "lines",
    [
        _base("8703.23.01.10", Period(date(2025, 1, 1), DAY)),  # ends the day before
        _base("8703.23.01.20", Period(DAY), "4"),  # starts on the day
        _base("8703.23.01.30", Period(date(2025, 1, 1))),
        _base("8703.24.01", Period(date(2025, 1, 1), DAY)),  # a line whose subdivision starts on the day
        _base("8703.24.01.10", Period(DAY)),
    ],
)


def _codes(found: object) -> list[str]:
    return [str(c) for c in found]  # type: ignore[attr-defined]


def test_a_line_that_ended_before_the_day_is_absent_and_one_that_starts_on_it_is_present() -> None:
    expected = ["8703.23.01.20", "8703.23.01.30", "8703.24.01.10"]
    assert expected == _codes(lines(SCHEDULE, DAY))
    assert expected == SCHEDULE.codes(on=DAY)  # the same lines the schedule lists for that day
    p = panel(SCHEDULE, on=DAY, origins=["JP", "DE"])
    assert expected == _codes(p.products)
    assert Decimal(4) == p.rate("8703.23.01.20", "JP")
    with pytest.raises(ValueError, match="not in tuple"):  # not one of the panel's products
        p.rate("8703.23.01.10", "JP")


def test_the_day_before_holds_the_lines_of_that_day() -> None:
    before = date(2025, 5, 31)
    assert ["8703.23.01.10", "8703.23.01.30", "8703.24.01"] == _codes(lines(SCHEDULE, before))
    assert ["8703.23.01.10", "8703.23.01.30", "8703.24.01"] == _codes(
        panel(SCHEDULE, on=before, origins=["JP"]).products
    )


def test_a_period_panel_holds_every_line_that_exists_on_one_of_its_days() -> None:
    period = Period(date(2025, 5, 1), date(2025, 7, 1))
    p = panel(SCHEDULE, period=period, origins=["JP"])
    assert ["8703.23.01.10", "8703.23.01.20", "8703.23.01.30", "8703.24.01.10"] == _codes(p.products)
    assert _codes(lines(SCHEDULE, period=Period(date(2025, 2, 1), date(2025, 3, 1)))) == _codes(
        lines(SCHEDULE, date(2025, 2, 1))
    )
    with pytest.raises(InvalidEntryError, match="not both"):
        lines(SCHEDULE, DAY, period=period)


def test_without_a_day_every_line_ever_named() -> None:
    assert ["8703.23.01.10", "8703.23.01.20", "8703.23.01.30", "8703.24.01.10"] == _codes(lines(SCHEDULE))


def test_every_cell_is_the_resolved_rate_of_a_line_of_the_day() -> None:
    p = panel(SCHEDULE, on=DAY, origins=["JP", "DE", "CN"])
    for product in p.products:
        for origin in p.origins:
            assert SCHEDULE.resolve(product, origin, DAY, value=10_000).rate == p.rate(product, origin)


def test_the_command_writes_the_lines_of_the_day(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    import tariffcalc.datasets as datasets
    from tariffcalc.cli import main

    monkeypatch.setattr(datasets, "load_schedule", lambda name: SCHEDULE)
    out = tmp_path / "panel.parquet"
    assert 0 == main(["panel", "--on", "2025-06-01", "--out", str(out), "--quiet", "--origin", "JP"])
    rows = pq.read_table(out).to_pylist()
    assert ["8703.23.01.20", "8703.23.01.30", "8703.24.01.10"] == sorted(row["product"] for row in rows)
