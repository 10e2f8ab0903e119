"""
Invariant (docs/explanation/resolution.md): a measure applies exactly on the days of its validity
minus its suspensions (boundaries: start included, end excluded).
"""

from __future__ import annotations

from datetime import date

import attrs
from hypothesis import given
from hypothesis import strategies as st

from tariffcalc import Entry, Measure, Schedule
from tariffcalc.reasons import Displaced, Expired, NotYetInForce, Superseded, Suspended
from tariffcalc.testing import covered_codes, days, entries, schedules
from tests.helpers.invariant_support import covered_origins, days_around

# Group-free and condition-free, so that every measure's origins and facts are known to be met.
_SCHEDULES = schedules(with_groups=False, with_conditions=False)


@st.composite
def _measure_entry_days(draw: st.DrawFn) -> tuple[Schedule, Measure, Entry, list[date]]:
    schedule = draw(_SCHEDULES)
    measure = draw(st.sampled_from(sorted(schedule.measures, key=lambda m: m.id)))
    origins = covered_origins(measure.origins)
    entry = draw(entries(for_schedule=schedule, complete=True, loaded=False, among=origins or ["JP"]))
    # No claims: a claimed preference would change the rate the base measure charges.
    entry = attrs.evolve(entry, product=draw(covered_codes(measure.products)), claims=frozenset())
    suspensions = [s for s in schedule.suspensions if measure.id in s.measures]
    edges = set(days_around(measure.validity))
    for s in suspensions:
        edges.update(days_around(s.period))
    edges.add(draw(days()))
    return schedule, measure, entry, sorted(edges)


class TestAMeasureAppliesExactlyOnItsDays:
    """
    For a measure whose product and origin an entry meets, on day d: before
    its start it is "not yet in force", from its end on it is "expired",
    inside a suspension without replacement it is "suspended" by it, and on
    every other day it applies (at the replacement rate inside a suspension
    that has one) unless another measure supersedes or displaces it.
    """

    @given(_measure_entry_days())
    def test_days(self, case: tuple[Schedule, Measure, Entry, list[date]]) -> None:
        schedule, measure, entry, days_to_check = case
        if not covered_origins(measure.origins):
            return  # a scope of only excluded countries reaches nothing: no day to check
        suspensions = [s for s in schedule.suspensions if measure.id in s.measures]
        for day in days_to_check:
            resolution = schedule.resolve_entry(attrs.evolve(entry, on=day))
            line = resolution.line(measure.id)
            reason = resolution.reason(measure.id)
            suspending = [s for s in suspensions if s.period.contains(day)]
            if day < measure.validity.start:
                assert reason == NotYetInForce(measure.validity.start), day
            elif measure.validity.end is not None and day >= measure.validity.end:
                assert reason == Expired(measure.validity.end), day
            elif suspending and suspending[0].replacement is None:
                assert reason == Suspended(suspending[0]), day
            elif line is None:
                assert isinstance(reason, Superseded | Displaced), day
            else:
                assert reason is None
                assert line.rate == (suspending[0].replacement if suspending else measure.rate), day
