"""Invariant (docs/explanation/resolution.md): resolving never mutates anything, and equal inputs give equal outputs."""

from __future__ import annotations

import copy
import pickle

from hypothesis import given
from hypothesis import strategies as st

from tariffcalc import Entry, Schedule, _resolver
from tariffcalc.testing import entries
from tests.helpers.invariant_support import outcome, schedule_and_entry


def _index_state(schedule: Schedule) -> dict[str, object]:
    return _resolver.index_state(schedule)


class TestResolvingNeverMutates:
    """
    Resolving an entry leaves the schedule (its parts, its index, its
    fingerprint) and the entry exactly as they were (the invariant: "Resolving
    never mutates anything").
    """

    @given(schedule_and_entry())
    def test_schedule_and_entry_unchanged(self, case: tuple[Schedule, Entry]) -> None:
        schedule, entry = case
        schedule_before = pickle.dumps((schedule.name, schedule.measures, schedule.rules, schedule.suspensions))
        entry_before = copy.deepcopy(entry)
        index_before = _index_state(schedule)
        fingerprint_before = schedule.fingerprint

        schedule.resolve_entry(entry)

        assert pickle.loads(schedule_before) == (schedule.name, schedule.measures, schedule.rules, schedule.suspensions)
        assert entry_before == entry
        assert index_before == _index_state(schedule)
        assert fingerprint_before == schedule.fingerprint


class TestEqualInputsGiveEqualOutputs:
    """
    The same question asked twice, of equal schedules, with other questions
    asked in between, gets an equal answer (the invariant: "equal inputs give
    equal outputs"): the resolver keeps no state between calls.
    """

    @given(
        schedule_and_entry().flatmap(
            lambda case: st.tuples(st.just(case[0]), st.just(case[1]), entries(for_schedule=case[0]))
        )
    )
    def test_same_answer(self, case: tuple[Schedule, Entry, Entry]) -> None:
        schedule, entry, other = case
        first = schedule.resolve_entry(entry)
        schedule.resolve_entry(other)
        again = schedule.resolve_entry(entry)
        twin = pickle.loads(pickle.dumps(schedule))
        from_twin = twin.resolve_entry(copy.deepcopy(entry))

        assert first == again
        assert first == from_twin
        assert hash(first) == hash(from_twin)
        assert outcome(first) == outcome(
            schedule.resolve(
                entry.product,
                entry.origin,
                entry.on,
                value=entry.value,
                quantities=entry.quantity_map,
                contents=entry.content_map,
                loaded=entry.loaded,
                claims=entry.claims,
                currency=entry.currency,
                conversions=entry.conversions,
                strict=False,  # drawn codes need not be lines of the drawn schedule
            )
        )
