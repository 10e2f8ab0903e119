"""
Invariant (docs/explanation/resolution.md): a suspended measure contributes nothing during the
suspension and exactly what it contributed without the suspension outside it.
"""

from __future__ import annotations

from datetime import date, timedelta

import attrs
from hypothesis import event, given
from hypothesis import strategies as st

from tariffcalc import Entry, Measure, Period, Schedule, Suspension
from tariffcalc.testing import citations, covered_codes, entries, rates
from tests.helpers.invariant_support import days_around, known_to, outcome, rebuilt, rich_schedules, without_measures


@st.composite
def _case(draw: st.DrawFn, replacement: bool) -> tuple[Schedule, Schedule, Measure, Suspension, Entry, list[date]]:
    """A schedule without any suspension of one of its measures, the same with one, an entry and days to ask."""
    drawn = draw(rich_schedules())
    measure = draw(st.sampled_from(sorted(drawn.measures, key=lambda m: m.id)))
    plain = rebuilt(drawn, suspensions=[s for s in drawn.suspensions if measure.id not in s.measures])
    start = measure.validity.start + timedelta(days=draw(st.integers(0, 60)))
    if measure.validity.end is not None:
        start = min(start, measure.validity.end - timedelta(days=1))
    end = None if draw(st.integers(0, 4)) == 0 else start + timedelta(days=draw(st.integers(1, 120)))
    suspension = Suspension(
        "the-suspension",
        frozenset([measure.id]),
        Period(start, end),
        draw(citations()),
        draw(rates(all_in=False)) if replacement else None,
    )
    suspended = rebuilt(plain, suspensions=[*plain.suspensions, suspension])
    # Drawn for the schedule asked (which only adds to plain's words): a content or claim named only
    # by a dropped suspension's replacement rate would be refused as unknown.
    entry = draw(entries(for_schedule=plain, loaded=False))
    entry = attrs.evolve(entry, product=draw(covered_codes(measure.products)))
    inside = [start + timedelta(days=draw(st.integers(0, 200)))]
    return plain, suspended, measure, suspension, entry, days_around(suspension.period) + inside


class TestASuspendedMeasureContributesNothing:
    """
    During a suspension without replacement the schedule resolves as if
    the measure were not there at all (it is only listed as suspended);
    outside the suspension it resolves exactly as without the suspension.
    """

    @given(_case(replacement=False))
    def test_neutral(self, case: tuple[Schedule, Schedule, Measure, Suspension, Entry, list[date]]) -> None:
        plain, suspended, measure, suspension, entry, days_to_check = case
        absent = without_measures(plain, frozenset([measure.id]))
        for day in days_to_check:
            asked = attrs.evolve(entry, on=day)
            with_it = suspended.resolve_entry(asked)
            if suspension.period.contains(day):
                # Without the measure the schedule may no longer know a content or claim of the entry.
                without_it = absent.resolve_entry(known_to(absent, asked))
                event(
                    f"suspended measure would have applied: {plain.resolve_entry(asked).line(measure.id) is not None}"
                )
                assert with_it.line(measure.id) is None
                others = tuple(n for n in with_it.not_applied if n.measure.id != measure.id)
                assert (with_it.lines, others, with_it.missing, with_it.rate, with_it.amount) == outcome(without_it)
            else:
                assert outcome(with_it) == outcome(plain.resolve_entry(asked))


class TestAReplacementRateStandsInForTheRate:
    """
    During a suspension with a replacement rate the schedule resolves as if
    the measure had that rate; outside it, exactly as without the suspension.
    """

    @given(_case(replacement=True))
    def test_replaced(self, case: tuple[Schedule, Schedule, Measure, Suspension, Entry, list[date]]) -> None:
        plain, suspended, measure, suspension, entry, days_to_check = case
        assert suspension.replacement is not None
        swapped = attrs.evolve(measure, rate=suspension.replacement)
        at_replacement = rebuilt(plain, measures=[swapped, *(m for m in plain.measures if m.id != measure.id)])

        def figures(resolution: object) -> tuple[object, ...]:
            lines = tuple((line.measure.id, line.rate, line.basis_value, line.amount) for line in resolution.lines)  # type: ignore[attr-defined]
            skipped = tuple((n.measure.id, n.reason) for n in resolution.not_applied)  # type: ignore[attr-defined]
            return lines, skipped, resolution.missing, resolution.rate, resolution.amount  # type: ignore[attr-defined]

        for day in days_to_check:
            asked = attrs.evolve(entry, on=day)
            with_it = suspended.resolve_entry(asked)
            if suspension.period.contains(day):
                assert figures(with_it) == figures(at_replacement.resolve_entry(known_to(at_replacement, asked)))
            else:
                assert outcome(with_it) == outcome(plain.resolve_entry(known_to(plain, asked)))
