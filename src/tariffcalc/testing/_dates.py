"""
Strategies for days and periods.

The package :mod:`tariffcalc.testing` re-exports the public strategies;
import them from there. Names without an underscore that it does not
re-export are shared by its modules only.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from tariffcalc.periods import Period
from tariffcalc.testing._memo import memoised

__all__ = ["AWKWARD_DAYS", "WINDOW", "days", "periods"]

#: The default window of days: wide enough for leap days and year ends.
WINDOW: tuple[date, date] = (date(2024, 1, 1), date(2026, 12, 31))

#: Days where off-by-one mistakes hide; tried before arbitrary days.
AWKWARD_DAYS: tuple[date, ...] = (
    date(2024, 2, 29),
    date(2024, 3, 1),
    date(2024, 12, 31),
    date(2025, 1, 1),
    date(2025, 4, 5),
    date(2025, 4, 9),
    date(2025, 4, 10),
    date(2025, 6, 4),
    date(2025, 12, 31),
    date(2026, 1, 1),
    date(2024, 1, 1),
    date(2026, 12, 31),
)


@memoised
def days(min_value: date = WINDOW[0], max_value: date = WINDOW[1]) -> SearchStrategy[date]:
    """
    Days between *min_value* and *max_value* (both included), awkward days first.

    >>> from hypothesis import find
    >>> find(days(), lambda d: d.month == 2 and d.day == 29)
    datetime.date(2024, 2, 29)
    """
    return _days(min_value, max_value)


@cache
def _days(min_value: date, max_value: date) -> SearchStrategy[date]:
    awkward = [d for d in AWKWARD_DAYS if min_value <= d <= max_value]
    anyday = st.dates(min_value, max_value)
    return st.one_of(st.sampled_from(awkward), anyday) if awkward else anyday


@cache
def lengths(max_days: int) -> SearchStrategy[int]:
    """Lengths in days from 1 to *max_days*, month, leap and year lengths first."""
    special = [n for n in (1, 28, 29, 90, 365, 366) if n <= max_days]
    return st.one_of(st.sampled_from(special), st.integers(1, max_days))


@memoised
@st.composite
def periods(
    draw: st.DrawFn,
    min_start: date = WINDOW[0],
    max_start: date = WINDOW[1],
    *,
    max_days: int = 400,
    open_ended: bool | None = None,
) -> Period:
    """
    Periods starting between *min_start* and *max_start*: a start, then a
    positive length of at most *max_days* days, or no end when *open_ended*
    (``None``: either).
    """
    start = draw(days(min_start, max_start))
    is_open = draw(st.booleans()) if open_ended is None else open_ended
    if is_open:
        return Period(start)
    return Period(start, start + timedelta(days=draw(lengths(max_days))))


@memoised
def within(validity: Period, max_days: int) -> SearchStrategy[Period]:
    """A period that starts inside *validity* and, when it ends, ends inside it too (or at its end)."""

    @st.composite
    def build(draw: st.DrawFn) -> Period:
        room = max_days if validity.end is None else (validity.end - validity.start).days
        offset = draw(st.integers(0, room - 1))
        start = validity.start + timedelta(days=offset)
        left = room - offset
        if validity.end is None and draw(st.booleans()):
            return Period(start)
        return Period(start, start + timedelta(days=draw(st.integers(1, left))))

    return build()
