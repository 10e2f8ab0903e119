"""
docs/explanation/resolution.md, steps 4 and 7, as laws: the most
specific base measure wins; amounts are rounded per line and the total is
the sum of the lines; a missing fact never becomes a silent zero.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from tariffcalc import Entry, Schedule
from tariffcalc.reasons import Superseded
from tariffcalc.resolution import Rounding
from tests.helpers.invariant_support import computable_schedules, schedule_and_entry

_ROUNDINGS = st.builds(
    Rounding,
    st.sampled_from([Decimal("0.01"), Decimal(1), Decimal("0.001"), Decimal("0.05")]),
    st.sampled_from(["ROUND_HALF_UP", "ROUND_HALF_EVEN", "ROUND_DOWN", "ROUND_UP"]),
)


class TestTheMostSpecificBaseMeasureWins:
    """
    Every base measure reported as superseded was superseded by the applied
    base measure, whose matching product prefix is at least as long (step 4).
    """

    @given(schedule_and_entry(computable_schedules()))
    def test_base_choice(self, case: tuple[Schedule, Entry]) -> None:
        schedule, entry = case
        resolution = schedule.resolve_entry(entry)
        applied = [line for line in resolution.lines if line.measure.kind.value == "base"]
        assert len(applied) <= 1

        def level(measure_id: str) -> int:
            prefix = schedule.measure(measure_id).products.matched_prefix(entry.product)
            return 0 if prefix is None else prefix.level

        for skipped in resolution.not_applied:
            if isinstance(skipped.reason, Superseded):
                assert [skipped.reason.by] == [line.measure.id for line in applied]
                assert level(skipped.reason.by) >= level(skipped.measure.id)


class TestTheTotalIsTheSumOfTheRoundedLines:
    """
    Each line's amount is rounded to the quantum, never negative, and the
    total is their sum; the total rate, applied to the value, gives the total
    up to the rounding of the lines and of the rate (step 7).
    """

    @given(schedule_and_entry(computable_schedules(), complete=True), _ROUNDINGS)
    def test_total(self, case: tuple[Schedule, Entry], rounding: Rounding) -> None:
        schedule, entry = case
        resolution = schedule.resolve_entry(entry, rounding)
        if resolution.amount is None:
            assert resolution.missing
            return
        amounts = [line.amount for line in resolution.lines]
        assert all(a is not None and a >= 0 and a == rounding.apply(a) for a in amounts)
        assert resolution.amount == sum((a for a in amounts if a is not None), Decimal(0))
        assert entry.value is not None
        if entry.value and resolution.rate is not None:
            slack = len(amounts) * rounding.quantum + entry.value * Decimal("0.0001") / 100
            assert abs(resolution.rate * entry.value / 100 - resolution.amount) <= slack


class TestAMissingFactIsNeverAZero:
    """
    When a line's amount cannot be computed, the resolution names the missing
    fact and gives no total amount (step 7: "never a silent zero").
    """

    @given(schedule_and_entry())
    def test_missing(self, case: tuple[Schedule, Entry]) -> None:
        schedule, entry = case
        resolution = schedule.resolve_entry(entry)
        if entry.value is not None and any(line.amount is None for line in resolution.lines):
            assert resolution.missing
            assert resolution.amount is None
            assert resolution.rate is None
        if resolution.missing:
            assert resolution.amount is None
            assert resolution.rate is None
