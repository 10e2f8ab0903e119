"""
Invariant (docs/explanation/resolution.md): permuting the measures or rules of a schedule never
changes a resolution; the fingerprint does not depend on the order the
parts were given in.
"""

from __future__ import annotations

import attrs
from hypothesis import given
from hypothesis import strategies as st

from tariffcalc import Entry, Schedule
from tests.helpers.invariant_support import schedule_and_entry


@st.composite
def _shuffled(draw: st.DrawFn, schedule: Schedule) -> Schedule:
    """The same schedule built from its parts in a drawn order."""

    def shuffle(parts: frozenset[object]) -> list[object]:
        return draw(st.permutations(sorted(parts, key=repr)))

    return Schedule(
        schedule.name,
        shuffle(schedule.measures),  # type: ignore[arg-type]
        rules=shuffle(schedule.rules),  # type: ignore[arg-type]
        suspensions=shuffle(schedule.suspensions),  # type: ignore[arg-type]
        groups=shuffle(schedule.groups),  # type: ignore[arg-type]
    )


_CASES = schedule_and_entry().flatmap(lambda case: st.tuples(st.just(case[0]), _shuffled(case[0]), st.just(case[1])))


class TestPermutingPartsNeverChangesAResolution:
    """A schedule built from its measures, rules, suspensions and groups in any order resolves every entry the same."""

    @given(_CASES)
    def test_same_resolution(self, case: tuple[Schedule, Schedule, Entry]) -> None:
        schedule, shuffled, entry = case
        assert shuffled.resolve_entry(entry) == schedule.resolve_entry(entry)


class TestFingerprintIgnoresOrder:
    """``Schedule.fingerprint`` is the same whatever order the parts were given in, and changes with the content."""

    @given(_CASES)
    def test_same_fingerprint(self, case: tuple[Schedule, Schedule, Entry]) -> None:
        schedule, shuffled, _ = case
        assert shuffled.fingerprint == schedule.fingerprint
        assert attrs.evolve(schedule, name=schedule.name + "-renamed").fingerprint != schedule.fingerprint
