"""
docs/explanation/resolution.md, step 5: stacking rules are dated like measures. A rule
displaces only on the days of its validity (start included, end excluded),
and on those days no measure it drops applies beside one it names as winner.
"""

from __future__ import annotations

from datetime import date, timedelta

import attrs
from hypothesis import event, given
from hypothesis import strategies as st

from tariffcalc import Displacement, Entry, MeasureKind, Schedule
from tariffcalc.reasons import Displaced
from tests.helpers.invariant_support import rich_schedules, schedule_and_entry


@st.composite
def _case(draw: st.DrawFn) -> tuple[Schedule, Entry, list[date]]:
    schedule, entry = draw(schedule_and_entry(rich_schedules(), loaded=False))
    edges = {entry.on}
    for r in schedule.rules:
        edges.update(d + timedelta(days=k) for d in r.validity.boundaries() for k in (-1, 0))
    return schedule, entry, sorted(edges)


class TestARuleActsExactlyOnItsDays:
    """
    Every measure displaced by a rule on day d was displaced by a rule in
    force on d; and on d, where a measure tagged with a rule's ``when``
    applies, no other measure tagged with its ``drops`` applies on the
    whole entry (an entry rule) or on more than what the winner leaves (a slice rule).
    """

    @given(_case())
    def test_days(self, case: tuple[Schedule, Entry, list[date]]) -> None:
        schedule, entry, days_to_check = case
        for day in days_to_check:
            resolution = schedule.resolve_entry(attrs.evolve(entry, on=day))
            for skipped in resolution.not_applied:
                if isinstance(skipped.reason, Displaced):
                    event("a measure was displaced")
                    assert skipped.reason.rule.validity.contains(day)
                    assert resolution.line(skipped.reason.by) is not None
            applied = {line.measure.id: line for line in resolution.lines}
            for rule in schedule.rules:
                if not rule.validity.contains(day) or rule.displaces is not Displacement.ENTRY:
                    continue
                winners = [line for line in resolution.lines if rule.when in line.measure.tags]
                if not winners:
                    continue
                for loser in applied.values():
                    if loser.measure.kind is MeasureKind.ADDITIONAL and rule.drops in loser.measure.tags:
                        assert all(w.measure.id == loser.measure.id for w in winners), (day, rule.id)
