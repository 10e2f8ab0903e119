"""
Invariants of scenarios (docs/how-to/write-a-scenario.md): a scenario that
changes nothing answers as the schedule does, on the final law and as
known on any day; and a scenario undone gives back the schedule it was
applied to, fingerprint and all.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from tariffcalc import Entry, Schedule
from tariffcalc.rates import AdValorem
from tariffcalc.scenario import Scenario, SetRate
from tariffcalc.testing import entries
from tests.helpers.invariant_support import known_to, rich_schedules


@st.composite
def _case(draw: st.DrawFn) -> tuple[Schedule, Entry, date | None]:
    schedule = draw(rich_schedules())
    entry = draw(entries(for_schedule=schedule, loaded=False))
    known = None if draw(st.booleans()) else entry.on + timedelta(days=draw(st.integers(-400, 400)))
    return schedule, entry, known


def _resolve(schedule: Schedule, entry: Entry, known: date | None) -> object:
    """The answer: the lines, missing facts, rate and amount (a copy as known on a day leaves out the
    measures not yet known, which the schedule itself lists among those not applied)."""
    r = schedule.resolve_entry(entry, known=known)
    return r.lines, r.missing, r.rate, r.amount


class TestAScenarioThatChangesNothing:
    """
    An empty scenario, or one whose changes cancel out (a rate set and set
    back), applied on the final law or as known on a day, gives the answers
    of the schedule itself asked with the same ``known``.
    """

    @given(_case())
    def test_an_empty_scenario(self, case: tuple[Schedule, Entry, date | None]) -> None:
        schedule, entry, known = case
        after = Scenario("nothing", ()).apply(schedule, known=known)
        entry = known_to(after, entry)  # a word only the acts not yet known use is unknown to the copy
        assert _resolve(schedule, entry, known) == _resolve(after, entry, known)
        before = {n.measure.id for n in schedule.resolve_entry(entry, known=known).not_applied}
        assert {n.measure.id for n in after.resolve_entry(entry, known=known).not_applied} <= before

    @given(_case(), st.data())
    def test_changes_that_cancel(self, case: tuple[Schedule, Entry, date | None], data: st.DataObject) -> None:
        schedule, entry, _ = case
        m = data.draw(st.sampled_from(sorted(schedule.measures, key=lambda m: m.id)))
        other = AdValorem(101) if m.rate != AdValorem(101) else AdValorem(102)
        back = Scenario("there and back", (SetRate(m.id, other), SetRate(m.id, m.rate))).apply(schedule)
        assert _resolve(schedule, entry, None) == _resolve(back, entry, None)


class TestUndoingAScenario:
    """Applying a scenario and then its :meth:`~tariffcalc.scenario.Scenario.undo` gives the original fingerprint."""

    @given(rich_schedules(), st.data())
    def test_undo_restores_the_fingerprint(self, schedule: Schedule, data: st.DataObject) -> None:
        m = data.draw(st.sampled_from(sorted(schedule.measures, key=lambda m: m.id)))
        other = AdValorem(101) if m.rate != AdValorem(101) else AdValorem(102)
        scenario = Scenario("cut", (SetRate(m.id, other),))
        after = scenario.apply(schedule)
        assert after.fingerprint != schedule.fingerprint
        restored = scenario.undo(schedule).apply(after)
        assert schedule.fingerprint == restored.fingerprint
        assert schedule.name == restored.name
