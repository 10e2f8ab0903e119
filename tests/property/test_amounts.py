"""
Invariants (docs/explanation/resolution.md) on amounts: ad valorem amounts are linear in the
customs value up to rounding, and with an ``AllIn(t)`` measure, base duty +
top-up = ``max(base duty, t x value)``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs
from hypothesis import event, given
from hypothesis import strategies as st

from tariffcalc import Citation, Entry, Instrument, Measure, MeasureKind, OriginScope, Period, ProductScope, Schedule
from tariffcalc._resolver.pricing import duty_rate
from tariffcalc.measures import WholeValue
from tariffcalc.rates import AdValorem, AllIn, Rate
from tariffcalc.resolution import Rounding
from tariffcalc.testing import ad_valorem_rates, all_in_rates, days, entries, rates, schedules
from tests.helpers.invariant_support import schedule_and_entry, with_catch_all_base

_MONEY = st.integers(0, 10**9).map(lambda n: Decimal(n).scaleb(-2))
_ROUNDINGS = st.builds(
    Rounding,
    st.sampled_from([Decimal("0.01"), Decimal(1), Decimal("0.001"), Decimal("0.05")]),
    st.sampled_from(["ROUND_HALF_UP", "ROUND_HALF_EVEN", "ROUND_HALF_DOWN", "ROUND_UP", "ROUND_DOWN"]),
)


class TestAdValoremIsLinearInTheValue:
    """An ad valorem rate's unrounded amount is exactly additive and homogeneous in the value."""

    @given(ad_valorem_rates(), _MONEY, _MONEY, st.integers(0, 1000))
    def test_rate(self, rate: AdValorem, a: Decimal, b: Decimal, k: int) -> None:
        assert rate.amount(a + b) == rate.amount(a) + rate.amount(b)
        assert rate.amount(k * a) == k * rate.amount(a)


@st.composite
def _ad_valorem_schedules(draw: st.DrawFn) -> Schedule:
    """Schedules of ad valorem duties on the whole value, with a base duty and one more duty everywhere."""
    drawn = draw(schedules(rate=ad_valorem_rates(), basis=st.just(WholeValue()), with_conditions=False))
    everywhere = Measure(
        "zz.everywhere",
        "An additional duty on everything",
        MeasureKind.ADDITIONAL,
        draw(ad_valorem_rates()),
        ProductScope.parse("all -99"),
        OriginScope(True),
        Period(date(2000, 1, 1)),
        Citation(Instrument("EO 1", "An act", known_on=date(2000, 1, 1))),
        tags={"zz-unruled"},
    )
    return with_catch_all_base(
        Schedule(
            drawn.name,
            [*drawn.measures, everywhere],
            rules=drawn.rules,
            suspensions=drawn.suspensions,
            groups=drawn.groups,
        )
    )


_AD_VALOREM_SCHEDULES = _ad_valorem_schedules()


class TestAResolutionIsLinearInTheValue:
    """
    Where every duty is ad valorem on the whole value, multiplying the
    customs value by k keeps the total rate and multiplies every line's
    amount by k, up to the rounding of each line (half a quantum on each
    side, so at most (k + 1) / 2 quanta per line).
    """

    @given(
        schedule_and_entry(_AD_VALOREM_SCHEDULES, complete=True, on=days()).map(
            lambda c: (c[0], attrs.evolve(c[1], contents=()))
        ),
        st.integers(1, 50),
    )
    def test_scaled(self, case: tuple[Schedule, Entry], k: int) -> None:
        schedule, entry = case
        assert entry.value is not None
        small = schedule.resolve_entry(entry)
        big = schedule.resolve_entry(attrs.evolve(entry, value=entry.value * k))
        event(f"lines: {min(len(small.lines), 3)}")

        assert big.rate == small.rate
        assert [line.measure.id for line in big.lines] == [line.measure.id for line in small.lines]
        quantum = Rounding().quantum
        for one, many in zip(small.lines, big.lines, strict=True):
            assert one.amount is not None
            assert many.amount is not None
            assert abs(many.amount - k * one.amount) <= (k + 1) * quantum / 2
        assert small.amount is not None
        assert big.amount is not None
        assert abs(big.amount - k * small.amount) <= len(big.lines) * (k + 1) * quantum / 2


def _all_in_schedule(base_rate: Rate, target: AllIn) -> Schedule:
    act = Instrument("EO 14345", "Japan agreement", known_on=date(2025, 9, 4), applies_from=date(2025, 8, 7))
    every = Period(date(2024, 1, 1))
    base = Measure(
        "mfn", "MFN", MeasureKind.BASE, base_rate, ProductScope.parse("all"), OriginScope(True), every, Citation(act)
    )
    top = Measure(
        "all-in",
        "All-in",
        MeasureKind.ADDITIONAL,
        target,
        ProductScope.parse("all"),
        OriginScope(True),
        every,
        Citation(act, heading="9903.02.73"),
    )
    return Schedule("all-in", [base, top])


@st.composite
def _all_in_case(draw: st.DrawFn) -> tuple[Schedule, Entry, AllIn]:
    target = draw(all_in_rates())
    schedule = _all_in_schedule(draw(rates(all_in=False, not_computable=False)), target)
    entry = draw(entries(for_schedule=schedule, complete=True, on=days()))
    return schedule, attrs.evolve(entry, claims=frozenset()), target


class TestAllInTopsUpToItsTarget:
    """
    With a base duty B and an ``AllIn(t)`` measure on the whole value V,
    the two lines add up to ``max(B, t% x V)`` in amounts: exactly for
    the default rounding (B is already rounded to the cent), and within
    one quantum for any rounding.
    """

    @given(_all_in_case())
    def test_default_rounding(self, case: tuple[Schedule, Entry, AllIn]) -> None:
        schedule, entry, target = case
        resolution = schedule.resolve_entry(entry)
        base, top_up = resolution.line("mfn"), resolution.line("all-in")
        assert base is not None
        assert top_up is not None
        assert base.amount is not None
        assert top_up.amount is not None
        assert entry.value is not None
        event(f"top-up positive: {top_up.amount > 0}")
        assert base.amount + top_up.amount == max(base.amount, Rounding().apply(entry.value * target.target / 100))
        assert top_up.amount >= 0

    @given(_all_in_case(), _ROUNDINGS)
    def test_any_rounding(self, case: tuple[Schedule, Entry, AllIn], rounding: Rounding) -> None:
        schedule, entry, target = case
        resolution = schedule.resolve_entry(entry, rounding)
        base, top_up = resolution.line("mfn"), resolution.line("all-in")
        assert base is not None
        assert top_up is not None
        assert base.amount is not None
        assert top_up.amount is not None
        assert entry.value is not None
        expected = max(base.amount, rounding.apply(entry.value * target.target / 100))
        assert abs(base.amount + top_up.amount - expected) <= rounding.quantum

    @given(_all_in_case(), _ROUNDINGS)
    def test_the_rate_reads_the_target(self, case: tuple[Schedule, Entry, AllIn], rounding: Rounding) -> None:
        # An all-in 15% reads 15% however the base's amount was rounded: the rate sums the
        # top-up over the unrounded base (a 2.5% base of 4291 is 107.275, rounded 107.28).
        schedule, entry, target = case
        assert entry.value is not None
        resolution = schedule.resolve_entry(entry, rounding)
        base = schedule.measure("mfn").rate.amount(entry.value, entry.quantity_map, entry.content_map, entry.exchange)
        if not entry.value:
            assert resolution.rate is None
            return
        goal = entry.value * target.target / 100
        event(f"top-up positive: {base < goal}")
        assert duty_rate([max(base, goal)], entry.value) == resolution.rate
