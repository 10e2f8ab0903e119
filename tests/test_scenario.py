"""Scenarios and diffs: what-if questions on a schedule."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

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
    Suspension,
)
from tariffcalc.errors import ScheduleError
from tariffcalc.rates import AdValorem
from tariffcalc.scenario import (
    AddMeasure,
    AddSuspension,
    ExtendSuspension,
    RemoveMeasure,
    RemoveSuspension,
    Scenario,
    SetRate,
    diff,
)

HTS = Instrument("HTS 2025", "Harmonized Tariff Schedule", known_on=date(2025, 1, 1))
EO14257 = Instrument("EO 14257", "Reciprocal tariff", known_on=date(2025, 4, 2))
EO14266 = Instrument("EO 14266", "Pause", known_on=date(2025, 4, 9))
WHAT_IF = Instrument("what-if", "A hypothetical act", known_on=date(2025, 5, 1))

# Facts §2.1: Japan 24% (9903.01.53) from 9 April 2025, paused by EO 14266 from
# 10 April until 9 July 2025.
CARS = Measure(
    "mfn.8703.23.01", "Passenger cars", MeasureKind.BASE, AdValorem("2.5"), ProductScope.parse("8703.23.01"),
    OriginScope.parse("all"), Period(date(2025, 1, 1)), Citation(HTS, heading="8703.23.01"),
)  # fmt: skip
JAPAN = Measure(
    "reciprocal.jp", "Japan", MeasureKind.ADDITIONAL, AdValorem(24), ProductScope.parse("all"),
    OriginScope.parse("JP"), Period(date(2025, 4, 9)), Citation(EO14257, heading="9903.01.53"),
)  # fmt: skip
PAUSE = Suspension("eo14266", {"reciprocal.jp"}, Period(date(2025, 4, 10), date(2025, 7, 9)), Citation(EO14266))
SCHEDULE = Schedule("base", [CARS, JAPAN], suspensions=[PAUSE])


def test_cutting_the_rate_changes_the_duty_after_the_pause() -> None:
    """Cut Japan's 24% to 5%: on 15 July a $40,000 car pays 2.5% + 5% = 7.5% = $3,000."""
    cut = Scenario("cut to 5%", (SetRate("reciprocal.jp", AdValorem(5)),)).apply(SCHEDULE)
    before = SCHEDULE.resolve("8703.23.01.90", "JP", date(2025, 7, 15), value=40000)
    after = cut.resolve("8703.23.01.90", "JP", date(2025, 7, 15), value=40000)
    assert (Decimal("26.5"), Decimal("7.5")) == (before.rate, after.rate)
    assert Decimal("3000.00") == after.amount


def test_extending_the_pause_adds_a_new_suspension() -> None:
    """An extension to 1 August is a new suspension starting on 9 July; the old one is untouched."""
    extended = Scenario(
        "extend", (ExtendSuspension("eo14266", date(2025, 8, 1), "what-if.extension", Citation(WHAT_IF)),)
    ).apply(SCHEDULE)
    r = extended.resolve("8703.23.01.90", "JP", date(2025, 7, 15), value=40000)
    assert Decimal("2.5") == r.rate
    assert "what-if" in str(r.reason("reciprocal.jp"))
    assert ["added suspension what-if.extension"] == [str(c) for c in diff(SCHEDULE, extended).changes]
    assert PAUSE in extended.suspensions


def test_removing_a_measure_drops_its_suspension() -> None:
    removed = Scenario("drop", (RemoveMeasure("reciprocal.jp"),)).apply(SCHEDULE)
    assert ["removed measure reciprocal.jp", "removed suspension eo14266"] == [
        str(c) for c in diff(SCHEDULE, removed).changes
    ]


def test_removing_a_suspension_brings_the_rate_back() -> None:
    """Without EO 14266's pause, Japan's 24% applies on 15 April: 2.5% + 24% = 26.5%."""
    unpaused = Scenario("no pause", (RemoveSuspension("eo14266"),)).apply(SCHEDULE)
    assert Decimal("26.5") == unpaused.resolve("8703.23.01.90", "JP", date(2025, 4, 15), value=40000).rate
    with pytest.raises(ScheduleError, match="no suspension 'nope'"):
        Scenario("x", (RemoveSuspension("nope"),)).apply(SCHEDULE)


def test_adding_a_measure_and_a_suspension() -> None:
    extra = Measure(
        "extra", "Extra", MeasureKind.ADDITIONAL, AdValorem(1), ProductScope.parse("87"), OriginScope.parse("all"),
        Period(date(2025, 1, 1)), Citation(WHAT_IF),
    )  # fmt: skip
    pause = Suspension("extra.pause", {"extra"}, Period(date(2025, 1, 1), date(2025, 2, 1)), Citation(WHAT_IF))
    added = Scenario("add", (AddMeasure(extra), AddSuspension(pause))).apply(SCHEDULE)
    assert ["added measure extra", "added suspension extra.pause"] == [str(c) for c in diff(SCHEDULE, added).changes]


def test_a_schedule_against_itself_differs_in_nothing() -> None:
    """Invariant (docs/explanation/resolution.md): a diff of a schedule against itself is empty."""
    assert not diff(SCHEDULE, SCHEDULE)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (SetRate("reciprocal.japan", AdValorem(5)), "no measure 'reciprocal.japan'; did you mean reciprocal.jp?"),
        (RemoveMeasure("nope"), "no measure 'nope'"),
        (ExtendSuspension("eo14226", None, "x", Citation(WHAT_IF)), "no suspension 'eo14226'; did you mean eo14266?"),
        (AddMeasure(JAPAN), "measure 'reciprocal.jp' already exists"),
        (AddSuspension(PAUSE), "suspension 'eo14266' already exists"),
    ],
)
def test_bad_scenarios_say_what_is_wrong(change: object, message: str) -> None:
    with pytest.raises(ScheduleError) as info:
        Scenario("bad", (change,)).apply(SCHEDULE)  # type: ignore[arg-type]
    assert message in str(info.value)


def test_an_open_suspension_cannot_be_extended() -> None:
    forever = Suspension("forever", {"reciprocal.jp"}, Period(date(2025, 4, 10)), Citation(EO14266))
    schedule = Schedule("open", [CARS, JAPAN], suspensions=[forever])
    with pytest.raises(ScheduleError, match="suspension forever is open-ended"):
        Scenario("x", (ExtendSuspension("forever", None, "x", Citation(WHAT_IF)),)).apply(schedule)
