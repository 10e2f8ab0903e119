"""
Invariant (docs/explanation/resolution.md): adding an additional measure that no stacking rule
mentions never lowers the total; removing one never raises it.
"""

from __future__ import annotations

from datetime import timedelta

from hypothesis import event, given
from hypothesis import strategies as st

from tariffcalc import Entry, Measure, MeasureKind, OriginScope, ProductScope, Schedule
from tariffcalc.testing import measures, periods
from tests.helpers.invariant_support import (
    computable_schedules,
    known_to,
    rebuilt,
    schedule_and_entry,
    without_measures,
)

_UNMENTIONED = frozenset({"unmentioned"})  # a tag no drawn rule names


@st.composite
def _extra(draw: st.DrawFn, schedule: Schedule, entry: Entry) -> Measure:
    """An additional measure tagged only 'unmentioned' that often reaches the entry."""
    reach = st.sampled_from([*entry.product.parents(), entry.product]).map(lambda p: ProductScope((p,)))
    products = st.one_of(reach, st.just(ProductScope(everything=True)))
    origins = st.one_of(st.just(OriginScope(countries=[entry.origin])), st.just(OriginScope(True)))
    around = periods(entry.on - timedelta(days=30), entry.on)
    return draw(
        measures(
            kind=MeasureKind.ADDITIONAL,
            id="zz.extra",
            products=products,
            origins=origins,
            validity=around,
            tags=st.just(_UNMENTIONED),
        )
    )


class TestAddingAnUnmentionedMeasureNeverLowersTheTotal:
    """
    With an additional measure that no stacking rule mentions added, the
    total amount and rate are at least what they were (when both can be
    computed; when the new one needs a missing fact, the resolution says so).
    """

    @given(
        schedule_and_entry(computable_schedules(), complete=True).flatmap(lambda c: st.tuples(st.just(c), _extra(*c)))
    )
    def test_adding(self, case: tuple[tuple[Schedule, Entry], Measure]) -> None:
        (schedule, entry), extra = case
        before = schedule.resolve_entry(entry)
        after = rebuilt(schedule, measures=[*schedule.measures, extra]).resolve_entry(entry)
        event(
            f"both totals known, the new measure applied: {after.line(extra.id) is not None}"
            if before.amount is not None and after.amount is not None
            else "a total unknown"
        )
        if before.amount is not None and after.amount is not None:
            assert after.amount >= before.amount
        if before.rate is not None and after.rate is not None:
            assert after.rate >= before.rate
        if before.amount is not None and after.amount is None:
            assert after.missing


class TestRemovingAnUnmentionedMeasureNeverRaisesTheTotal:
    """
    Without one of its additional measures that no stacking rule mentions,
    a schedule's total amount and rate are at most what they were.
    """

    @given(schedule_and_entry(computable_schedules(), complete=True), st.data())
    def test_removing(self, case: tuple[Schedule, Entry], data: st.DataObject) -> None:
        schedule, entry = case
        additional = sorted((m for m in schedule.measures if m.kind is MeasureKind.ADDITIONAL), key=lambda m: m.id)
        if not additional:
            additional = [data.draw(_extra(schedule, entry))]
            schedule = rebuilt(schedule, measures=[*schedule.measures, *additional])
        gone = data.draw(st.sampled_from(additional))
        # Drop the rules that mention the measure's tags, so that no rule mentions it.
        schedule = rebuilt(
            schedule, rules=[r for r in schedule.rules if r.when not in gone.tags and r.drops not in gone.tags]
        )
        before = schedule.resolve_entry(entry)
        smaller = without_measures(schedule, frozenset([gone.id]))
        # The removed measure may have been the only one to know a content or claim of the entry.
        after = smaller.resolve_entry(known_to(smaller, entry))
        event(
            f"both totals known, the removed measure had applied: {before.line(gone.id) is not None}"
            if before.amount is not None and after.amount is not None
            else "a total unknown"
        )
        if before.amount is not None and after.amount is not None:
            assert after.amount <= before.amount
        if before.rate is not None and after.rate is not None:
            assert after.rate <= before.rate
