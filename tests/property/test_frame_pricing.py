"""
Array pricing (``resolve_frame`` with a value column decides once per
decision and prices its rows with numpy) gives on every row what
``Schedule.resolve`` gives that row alone: the same rate and amount to the
cent (exactly equal Decimals with ``exact=True``, the same floats without),
the same amount per authority, missing facts, headings and warnings. Books
are drawn from the packaged schedule: lines, origins and days across its
data, values in whole cents, in fractions of a cent, zero and missing,
quantities given or not, a claim or none, several roundings.
"""

from __future__ import annotations

import math
from datetime import timedelta
from decimal import Decimal
from functools import cache
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tariffcalc import Entry, MeasureKind, ProductCode, Resolution, Schedule
from tariffcalc.datasets import load_schedule
from tariffcalc.frames import authority_column, line_rates, resolve_frame
from tariffcalc.io.numbers import read_amount
from tariffcalc.resolution import Rounding

pytest.importorskip("numpy")

ORIGINS = ["JP", "CN", "DE", "FR", "GB", "CA", "MX", "VN", "KR", "IN", "BR", "CH", "RU", "KP"]


@cache
def _schedule() -> Schedule:
    return load_schedule("us-2025-26")


@cache
def _lines() -> list[ProductCode]:
    """Lines under the base measures, and a sample of the 10-digit lines of the data."""
    schedule = _schedule()
    prefixes = sorted({p for m in schedule.measures if m.kind is MeasureKind.BASE for p in m.products.include})
    step = max(1, len(prefixes) // 400)
    return prefixes[::step]


@cache
def _book_strategy() -> st.SearchStrategy[tuple[pd.DataFrame, Rounding]]:
    horizon = _schedule().horizon
    assert horizon is not None
    assert horizon.end is not None
    first = horizon.start - timedelta(days=60)
    span = (horizon.end - first).days + 120
    decision = st.tuples(
        st.sampled_from(_lines()),
        st.sampled_from(ORIGINS),
        st.integers(0, span).map(lambda d: first + timedelta(days=d)),
        st.sampled_from([None, None, None, 5.0, 1234.5]),  # kilograms
    )
    value = st.one_of(
        st.integers(1, 10**9).map(lambda c: c / 100),  # whole cents, as a float
        st.integers(1, 10**6),
        st.sampled_from([0.005, 0.01, 0.015, 1.005, 99999999.995, 0.0, math.nan, 10.0**10]),
    )
    rows = st.lists(st.tuples(st.integers(0, 5), value), min_size=1, max_size=25)
    rounding = st.sampled_from(
        [
            Rounding(),
            Rounding(),
            Rounding(Decimal(1), "ROUND_HALF_EVEN"),
            Rounding(Decimal("0.05")),
            Rounding(Decimal(10), "ROUND_DOWN"),
            Rounding(Decimal("1E+1"), "ROUND_UP"),
        ]
    )

    @st.composite
    def books(draw: st.DrawFn) -> tuple[pd.DataFrame, Rounding]:
        decisions = draw(st.lists(decision, min_size=1, max_size=6))
        picked = draw(rows)
        records = [(*decisions[i % len(decisions)], v) for i, v in picked]
        frame = pd.DataFrame(records, columns=["product", "origin", "date", "kg", "value"])
        return frame, draw(rounding)

    return books()


def _alone(schedule: Schedule, row: Any, rounding: Rounding) -> Resolution:
    value = None if pd.isna(row.value) else read_amount(row.value)
    quantities = {} if pd.isna(row.kg) else {"kg": read_amount(row.kg, money=False)}
    entry = Entry.of(row.product, row.origin, row.date, value=value, quantities=quantities)
    return schedule.resolve_entry(entry, rounding)


def _same(cell: Any, expected: Decimal | None, exact: bool) -> bool:
    if expected is None:
        return bool(pd.isna(cell))
    if exact:
        return isinstance(cell, Decimal) and cell == expected
    return not pd.isna(cell) and cell == float(expected)


@settings(max_examples=25, deadline=None)
@given(_book_strategy(), st.booleans())
def test_array_pricing_is_resolve_row_by_row(book: tuple[pd.DataFrame, Rounding], exact: bool) -> None:
    frame, rounding = book
    schedule = _schedule()
    out = resolve_frame(schedule, frame, quantity={"kg": "kg"}, exact=exact, rounding=rounding, progress=False)
    for position, row in enumerate(frame.itertuples(index=False)):
        alone = _alone(schedule, row, rounding)
        got = out.iloc[position]
        where = (row, rounding, alone)
        assert _same(got["rate"], alone.rate, exact), where
        assert _same(got["amount"], alone.amount, exact), where
        assert (None if pd.isna(got["missing"]) else got["missing"]) == ("; ".join(alone.amount_missing) or None), where
        headings = "; ".join(line.heading or line.measure.id for line in alone.lines) or None
        assert (None if pd.isna(got["headings"]) else got["headings"]) == headings, where
        assert (None if pd.isna(got["warnings"]) else got["warnings"]) == ("; ".join(alone.warnings) or None), where
        by_authority: dict[str, Decimal | None] = {}
        for line in alone.lines:
            name = authority_column(_authority(line))
            before = by_authority.get(name, Decimal(0))
            by_authority[name] = None if before is None or line.amount is None else before + line.amount
        for name, amount in by_authority.items():
            assert _same(got[name], None if alone.entry.value is None else amount, exact), (name, *where)
    assert len(line_rates(alone)) == len(alone.lines)


def _authority(line: Any) -> str:
    from tariffcalc.authority import authority

    return authority(line.measure)
