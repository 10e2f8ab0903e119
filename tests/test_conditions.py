"""Conditions on the facts of an entry, as the resolver applies them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tariffcalc import Citation, Instrument, Measure, MeasureKind, OriginScope, Period, ProductScope, Schedule
from tariffcalc.measures import ContentShare
from tariffcalc.rates import AdValorem
from tariffcalc.reasons import SwitchedOff

ACT = Instrument("TEST", "A test act", known_on=date(2025, 1, 1))
BASE = Measure(
    "base", "Base", MeasureKind.BASE, AdValorem(2), ProductScope.parse("87"), OriginScope.parse("all"),
    Period(date(2025, 1, 1)), Citation(ACT),
)  # fmt: skip
THRESHOLD = ContentShare("steel", Decimal(15), inclusive=False, citation=Citation(ACT, heading="9903.00.00"))
METAL = Measure(
    "metal", "Metal duty above 15% metal", MeasureKind.ADDITIONAL, AdValorem(50), ProductScope.parse("87"),
    OriginScope.parse("all"), Period(date(2025, 1, 1)), Citation(ACT), conditions=[THRESHOLD],
)  # fmt: skip
SCHEDULE = Schedule("conditions", [BASE, METAL])


def test_content_below_the_threshold_switches_the_measure_off() -> None:
    """15% steel is not more than 15%: the metal duty is off, with the condition as the reason."""
    r = SCHEDULE.resolve("8708.30", "DE", date(2025, 6, 1), value=1000, contents={"steel": 150})
    assert SwitchedOff(THRESHOLD) == r.reason("metal")
    assert Decimal("20.00") == r.amount


def test_content_above_the_threshold_keeps_it() -> None:
    """15.1% steel: 2% of 1000 + 50% of 1000 = 520."""
    r = SCHEDULE.resolve("8708.30", "DE", date(2025, 6, 1), value=1000, contents={"steel": 151})
    assert Decimal("520.00") == r.amount


def test_an_undeclared_content_is_a_missing_fact_not_a_guess() -> None:
    r = SCHEDULE.resolve("8708.30", "DE", date(2025, 6, 1), value=1000)
    assert ("value of the steel content",) == r.missing
    assert r.amount is None
    assert r.line("metal") is not None
    assert r.line("metal").amount is None  # type: ignore[union-attr]
