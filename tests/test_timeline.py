"""Examples and errors of tariffcalc.timeline: a resolution over a range of days."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tariffcalc import (
    Citation,
    Country,
    CountryGroup,
    Displacement,
    Instrument,
    Measure,
    MeasureKind,
    OriginScope,
    Period,
    ProductScope,
    Schedule,
    StackingRule,
    Suspension,
)
from tariffcalc.countries import Membership
from tariffcalc.errors import InvalidPeriodError
from tariffcalc.measures import InTransit
from tariffcalc.rates import AdValorem
from tariffcalc.timeline import change_days

ACT = Instrument("EO 14257", "Reciprocal tariff", known_on=date(2025, 4, 2))
CITE = Citation(ACT, heading="9903.01.25")


def additional(mid: str, percent: int, validity: str, origins: str = "all", **kw: object) -> Measure:
    return Measure(
        mid,
        mid,
        MeasureKind.ADDITIONAL,
        AdValorem(percent),
        ProductScope.parse("all"),
        OriginScope.parse(origins),
        Period.parse(validity),
        CITE,
        **kw,  # type: ignore[arg-type]
    )


MFN = Measure(
    "mfn",
    "mfn",
    MeasureKind.BASE,
    AdValorem("2.5"),
    ProductScope.parse("87"),
    OriginScope.parse("all"),
    Period.parse("2025-01-01/"),
    CITE,
)
SCHEDULE = Schedule(
    "t",
    [
        MFN,
        additional(
            "baseline",
            10,
            "2025-04-05/",
            tags={"reciprocal"},
            conditions=[InTransit(date(2025, 4, 5), date(2025, 5, 27))],
        ),
        additional("jp", 14, "2025-04-09/", origins="JP", tags={"annex"}),
    ],
    suspensions=[Suspension("pause", "jp", Period.parse("2025-04-10/2025-07-09"), CITE)],
)


class TestTimeline:
    def test_segments_split_only_where_something_changes(self) -> None:
        t = SCHEDULE.timeline("8703.23", "JP", Period.parse("2025-04-01/2025-07-15"), value=100)
        assert [
            ("2025-04-01/2025-04-05", Decimal("2.5")),
            ("2025-04-05/2025-04-09", Decimal("12.5")),
            ("2025-04-09/2025-04-10", Decimal("26.5")),
            ("2025-04-10/2025-07-09", Decimal("12.5")),
            ("2025-07-09/2025-07-15", Decimal("26.5")),
        ] == [(str(s.period), s.resolution.rate) for s in t.segments]

    def test_at_a_day(self) -> None:
        t = SCHEDULE.timeline("8703.23", "JP", Period.parse("2025-04-01/2025-07-15"))
        assert Decimal("26.5") == t.at(date(2025, 4, 9)).rate
        assert date(2025, 5, 1) == t.at(date(2025, 5, 1)).entry.on  # the day asked, not the segment's first
        assert "entered 2025-05-01" in t.at(date(2025, 5, 1)).explain()
        assert "on 2025-05-01:" in repr(t.at(date(2025, 5, 1)))
        assert t.segments[3].resolution.lines == t.at(date(2025, 5, 1)).lines

    def test_at_a_day_outside(self) -> None:
        t = SCHEDULE.timeline("8703.23", "JP", Period.parse("2025-04-01/2025-04-15"))
        with pytest.raises(InvalidPeriodError, match=r"2025-04-15 is outside the timeline 2025-04-01/2025-04-15"):
            t.at(date(2025, 4, 15))

    def test_needs_an_end(self) -> None:
        with pytest.raises(InvalidPeriodError, match=r"a timeline needs a period with an end, got 2025-04-01/"):
            SCHEDULE.timeline("8703.23", "JP", Period.parse("2025-04-01/"))

    def test_the_in_transit_deadline_is_a_change_day(self) -> None:
        t = SCHEDULE.timeline(
            "8703.23", "CN", Period.parse("2025-05-20/2025-06-01"), value=100, loaded=date(2025, 4, 1)
        )
        assert [("2025-05-20/2025-05-27", Decimal("2.5")), ("2025-05-27/2025-06-01", Decimal("12.5"))] == [
            (str(s.period), s.resolution.rate) for s in t.segments
        ]

    def test_membership_and_rule_boundaries_are_change_days(self) -> None:
        eu = CountryGroup("EU", "European Union", (Membership(Country("HR"), Period.parse("2025-07-01/")),))
        rule = StackingRule("r", "a", "b", Displacement.ENTRY, Period.parse("2025-08-01/"), CITE)
        schedule = Schedule(
            "g",
            [
                MFN,
                additional("eu", 20, "2025-01-01/", origins="@EU", tags={"a"}),
                additional("b", 5, "2025-01-01/", tags={"b"}),
            ],
            rules=[rule],
            groups=[eu],
        )
        t = schedule.timeline("8703.23", "HR", Period.parse("2025-06-01/2025-09-01"), value=100)
        assert [
            ("2025-06-01/2025-07-01", Decimal("7.5")),
            ("2025-07-01/2025-08-01", Decimal("27.5")),
            ("2025-08-01/2025-09-01", Decimal("22.5")),
        ] == [(str(s.period), s.resolution.rate) for s in t.segments]
        entry = t.segments[0].resolution.entry
        assert {date(2025, 7, 1), date(2025, 8, 1), date(2025, 1, 1)} <= change_days(schedule, entry)
