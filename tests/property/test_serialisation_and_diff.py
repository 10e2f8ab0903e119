"""
Invariants (docs/explanation/resolution.md): serialising a schedule and loading it back gives an
equal schedule; a diff of a schedule against itself is empty.
"""

from __future__ import annotations

from random import Random

from hypothesis import given
from hypothesis import strategies as st

from tariffcalc import Schedule
from tariffcalc.io.datafiles import format_dataset, parse_dataset
from tariffcalc.scenario import diff
from tariffcalc.testing import schedules
from tests.helpers.invariant_support import rebuilt, without_measures


class TestASerialisedScheduleLoadsBackEqual:
    """The TOML text of any valid schedule loads back to an equal schedule, with the same fingerprint."""

    @given(schedules())
    def test_round_trip(self, schedule: Schedule) -> None:
        loaded = parse_dataset(format_dataset(schedule)).to_schedule()
        assert loaded == schedule
        assert loaded.fingerprint == schedule.fingerprint


class TestADiffOfAScheduleAgainstItselfIsEmpty:
    """``diff(s, s)`` is empty, also against the same schedule built from its parts in another order."""

    @given(schedules(), st.randoms(use_true_random=False))
    def test_empty(self, schedule: Schedule, random: Random) -> None:
        measures = sorted(schedule.measures, key=lambda m: m.id)
        random.shuffle(measures)
        assert not diff(schedule, schedule)
        assert not diff(schedule, rebuilt(schedule, measures=measures))

    @given(schedules().flatmap(lambda s: st.tuples(st.just(s), st.sampled_from(sorted(m.id for m in s.measures)))))
    def test_a_removed_measure_shows(self, case: tuple[Schedule, str]) -> None:
        schedule, gone = case
        changes = diff(schedule, without_measures(schedule, frozenset([gone]))).changes
        assert ("removed", "measure", gone) in [(c.kind, c.part, c.id) for c in changes]
