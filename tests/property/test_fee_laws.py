"""
docs/explanation/fees.md as laws: the MPF is per entry, so splitting an
entry's value into lines does not change it; it stays within the fiscal
year's minimum and maximum; fees never change a line's duty; and an entry
of $800 or less before any suspension pays nothing.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from tariffcalc import Citation, Entry, Instrument, Measure, MeasureKind, OriginScope, Period, ProductScope, Schedule
from tariffcalc.rates import AdValorem
from tariffcalc.us.entrycost import cost_entry
from tariffcalc.us.fees import FeeKind, us_fees

_HTS = Citation(Instrument("HTS", "Harmonized Tariff Schedule", known_on=date(2024, 1, 1)))
_SCHEDULE = Schedule(
    "laws",
    [
        Measure(
            "mfn.8471",
            "MFN",
            MeasureKind.BASE,
            AdValorem(2),
            ProductScope.parse("8471"),
            OriginScope.parse("all"),
            Period(date(2024, 1, 1)),
            _HTS,
        )
    ],
)
# the days of FY2025 to FY2027 (fees facts s.1.2)
_DAYS = st.integers(0, 3 * 365 - 1).map(lambda n: date(2024, 10, 1) + timedelta(days=n))
_CENTS = st.integers(250_001, 50_000_000).map(lambda c: Decimal(c) / 100)  # over 2,500: formal


def _entry(value: Decimal, on: date) -> Entry:
    return Entry.of("8471.30", "JP", on, value=value)


@given(_CENTS, st.integers(1, 6), _DAYS)
def test_splitting_an_entry_into_lines_does_not_change_its_mpf(value: Decimal, parts: int, on: date) -> None:
    share = (value / parts).quantize(Decimal("0.01"))
    values = [share] * (parts - 1) + [value - share * (parts - 1)]
    whole = cost_entry(_SCHEDULE, [_entry(value, on)], mode="air")
    split = cost_entry(_SCHEDULE, [_entry(v, on) for v in values], mode="air")
    assert whole.fee(FeeKind.MPF) is not None
    assert [(f.fee, f.amount, f.basis_value) for f in split.fees] == [
        (f.fee, f.amount, f.basis_value) for f in whole.fees
    ]


@given(_CENTS, _DAYS)
def test_the_mpf_stays_within_its_bounds(value: Decimal, on: date) -> None:
    fee = us_fees().fee(FeeKind.MPF, on)
    assert fee is not None
    assert fee.minimum is not None
    assert fee.maximum is not None
    line = cost_entry(_SCHEDULE, [_entry(value, on)], mode="sea").fee(FeeKind.MPF)
    assert line is not None
    assert fee.minimum <= line.amount <= fee.maximum


@given(_CENTS, _DAYS, st.sampled_from(["sea", "air", "truck"]))
def test_fees_never_change_the_duty(value: Decimal, on: date, mode: str) -> None:
    resolution = _SCHEDULE.resolve_entry(_entry(value, on))
    cost = cost_entry(_SCHEDULE, [resolution], mode=mode)
    assert cost.duties == resolution.amount
    assert cost.duties is not None
    assert cost.total is not None
    assert cost.fees_total is not None
    assert cost.total == cost.duties + cost.fees_total


@given(st.integers(0, 80_000).map(lambda c: Decimal(c) / 100), st.integers(0, 120))
def test_de_minimis_before_any_suspension_pays_nothing(value: Decimal, day: int) -> None:
    # fees facts s.3.8: 1 Jan - 1 May 2025, every origin, 800 or less: duty-free, no MPF
    on = date(2025, 1, 1) + timedelta(days=day)
    cost = cost_entry(_SCHEDULE, [_entry(value, on)], mode="air")
    assert cost.total == 0
