"""What an answer must say about the horizon of its schedule's data."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from tariffcalc.periods import Period

__all__ = ["horizon_warnings", "read_revisions_with"]

#: Who says which HTS revision a schedule's data has last read: ``(id, in force from)`` or None.
#: :mod:`tariffcalc.datasets` registers its Chapter 99 ledger when imported (this layer imports no dataset).
_LAST_REVISION: list[Callable[[str], tuple[str, date] | None]] = []


def read_revisions_with(reader: Callable[[str], tuple[str, date] | None]) -> None:
    """
    Let *reader* say, for a schedule's name, the last HTS revision its data
    has read (``None`` for none): :mod:`tariffcalc.datasets` registers its
    ledger (:func:`tariffcalc.us.ledger.last_revision`) when imported.
    """
    _LAST_REVISION[:] = [reader]


def horizon_warnings(schedule: str, horizon: Period | None, on: date) -> tuple[str, ...]:
    """
    What an answer for *on* must say about the *horizon* of the schedule's
    data: nothing inside it, a warning before or after it. After it, the
    warning of a packaged schedule also names the last HTS revision its data
    has read (:func:`tariffcalc.us.ledger.last_revision`).

    >>> horizon = Period(date(2025, 1, 1), date(2026, 6, 28))
    >>> horizon_warnings("us", horizon, date(2025, 5, 20))
    ()
    >>> print(horizon_warnings("us", horizon, date(2027, 1, 5))[0])
    the entry date is after the last day the sources of schedule 'us' confirm (2026-06-27): the law may have changed since, and events the data schedules after that day are marked uncertain (U)
    >>> "the last HTS revision the data has read is 2026 Rev 20" in horizon_warnings("us-2025-26", horizon, date(2027, 1, 5))[0]
    True
    """
    if horizon is None or horizon.contains(on):
        return ()
    if on < horizon.start:
        return (
            f"the entry date is before the data of schedule {schedule!r} begins ({horizon.start}): "
            "measures in force only before then are not in it, so the answer may miss duties",
        )
    assert horizon.end is not None  # a schedule's horizon is closed
    text = (
        f"the entry date is after the last day the sources of schedule {schedule!r} confirm ({horizon.end - timedelta(days=1)}): "
        "the law may have changed since, and events the data schedules after that day are marked uncertain (U)"
    )
    return (text + _revision_read(schedule),)


def _revision_read(schedule: str) -> str:
    """What a packaged schedule's Chapter 99 ledger says of the last HTS revision its data has read."""
    read = _LAST_REVISION[0](schedule) if _LAST_REVISION else None  # asked only for an answer past the horizon
    if read is None:
        return ""
    return f"; the last HTS revision the data has read is {read[0]} (in force from {read[1]}), and later revisions may change the headings"
