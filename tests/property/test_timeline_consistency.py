"""
Invariant (docs/explanation/resolution.md): the timeline agrees with point resolutions on every
day of the range, and its segments change only at measure, suspension or
membership boundaries (``tariffcalc.timeline.change_days``).
"""

from __future__ import annotations

import itertools
from datetime import timedelta

import attrs
from hypothesis import given
from hypothesis import strategies as st

from tariffcalc import Entry, Period, Schedule
from tariffcalc.testing import days, entries
from tariffcalc.timeline import change_days
from tests.helpers.invariant_support import outcome, rich_schedules


@st.composite
def _case(draw: st.DrawFn) -> tuple[Schedule, Entry, Period]:
    """A schedule, an entry on the first day of a range of up to 75 days around some boundary of it."""
    schedule = draw(rich_schedules())
    boundaries = sorted(
        {d for m in schedule.measures for d in m.validity.boundaries()}
        | {d for s in schedule.suspensions for d in s.period.boundaries()}
    )
    anchor = draw(st.sampled_from(boundaries) | days())
    start = anchor - timedelta(days=draw(st.integers(0, 40)))
    period = Period(start, start + timedelta(days=draw(st.integers(1, 75))))
    entry = draw(entries(for_schedule=schedule, on=st.just(start)))
    return schedule, entry, period


def _days(period: Period) -> list:  # type: ignore[type-arg]
    assert period.end is not None
    return [period.start + timedelta(days=n) for n in range((period.end - period.start).days)]


class TestResolutionsChangeOnlyOnChangeDays:
    """
    Point resolutions on two consecutive days d and d + 1 differ only when
    d + 1 is one of ``change_days`` (a boundary of a measure, suspension,
    rule, in-transit window or group membership).
    """

    @given(_case())
    def test_consecutive_days(self, case: tuple[Schedule, Entry, Period]) -> None:
        schedule, entry, period = case
        changes = change_days(schedule, entry)
        previous = None
        for day in _days(period):
            now = outcome(schedule.resolve_entry(attrs.evolve(entry, on=day)))
            if previous is not None and now != previous:
                assert day in changes
            previous = now


class TestTimelineAgreesWithPointResolutions:
    """
    ``Schedule.timeline`` gives, on every day of the range, what resolving
    on that day gives; its segments tile the range, neighbours differ, and
    each segment after the first starts on a change day.
    """

    @given(_case())
    def test_every_day(self, case: tuple[Schedule, Entry, Period]) -> None:
        schedule, entry, period = case
        timeline = schedule.timeline(
            entry.product,
            entry.origin,
            period,
            value=entry.value,
            quantities=entry.quantity_map,
            contents=entry.content_map,
            loaded=entry.loaded,
            claims=entry.claims,
            currency=entry.currency,
            conversions=entry.conversions,
            strict=False,  # drawn codes need not be lines of the drawn schedule
        )
        for day in _days(period):
            assert outcome(timeline.at(day)) == outcome(schedule.resolve_entry(attrs.evolve(entry, on=day))), day

        segments = timeline.segments
        assert segments[0].period.start == period.start
        assert segments[-1].period.end == period.end
        changes = change_days(schedule, entry)
        for before, after in itertools.pairwise(segments):
            assert before.period.end == after.period.start
            assert after.period.start in changes
            assert outcome(before.resolution) != outcome(after.resolution)
