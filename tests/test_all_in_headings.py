"""An all-in measure is filed under one heading when it tops up, another when the base duty already meets it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tariffcalc import Citation, Instrument, Measure, MeasureKind, OriginScope, Period, ProductScope, Schedule
from tariffcalc.rates import AdValorem, AllIn

HTS = Instrument("HTS 2025", "Harmonized Tariff Schedule", known_on=date(2025, 1, 1))
EO14326 = Instrument("EO 14326", "Further Modifying the Reciprocal Tariff Rates", known_on=date(2025, 7, 31))
EVERYONE = OriginScope.parse("all")


def _schedule() -> Schedule:
    # Facts, "European Union under EO 14326": Column 1 >= 15% -> no reciprocal duty, 9903.02.19;
    # below 15% -> Column 1 + reciprocal = 15%, 9903.02.20 (CSMS #65829726).
    shirts = Measure(
        "mfn.6109.10.00", "T-shirts of cotton", MeasureKind.BASE, AdValorem("16.5"), ProductScope.parse("6109.10.00"),
        EVERYONE, Period(date(2025, 1, 1)), Citation(HTS, heading="6109.10.00"),
    )  # fmt: skip
    cars = Measure(
        "mfn.8703.23.01", "Passenger cars", MeasureKind.BASE, AdValorem("2.5"), ProductScope.parse("8703.23.01"),
        EVERYONE, Period(date(2025, 1, 1)), Citation(HTS, heading="8703.23.01"),
    )  # fmt: skip
    eu = Measure(
        "reciprocal.eu", "EU 15% all-in", MeasureKind.ADDITIONAL, AllIn(15), ProductScope.parse("all"),
        OriginScope.parse("DE FR"), Period(date(2025, 8, 7)),
        Citation(EO14326, heading="9903.02.20", heading_when_met="9903.02.19"),
    )  # fmt: skip
    return Schedule("eu", [shirts, cars, eu])


def test_a_top_up_is_filed_under_the_main_heading() -> None:
    """A car at 2.5% MFN: 12.5% is added, under 9903.02.20."""
    line = _schedule().resolve("8703.23.01.90", "DE", date(2025, 9, 1), value=1000).line("reciprocal.eu")
    assert line is not None
    assert (Decimal("125.00"), "9903.02.20") == (line.amount, line.heading)


def test_a_met_target_is_filed_under_the_other_heading() -> None:
    """Cotton T-shirts at 16.5% MFN already exceed 15%: nothing is added, under 9903.02.19."""
    r = _schedule().resolve("6109.10.00.12", "DE", date(2025, 9, 1), value=1000)
    line = r.line("reciprocal.eu")
    assert line is not None
    assert (Decimal("0.00"), "9903.02.19") == (line.amount, line.heading)
    assert "9903.02.19" == r.to_dict()["lines"][1]["heading"]


def test_without_a_value_the_heading_still_follows_the_rate() -> None:
    line = _schedule().resolve("6109.10.00.12", "FR", date(2025, 9, 1)).line("reciprocal.eu")
    assert line is not None
    assert "9903.02.19" == line.heading
