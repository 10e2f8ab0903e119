"""
Half-open date periods: ``[start, end)``, ``end=None`` while open-ended.

>>> from datetime import date
>>> p = Period(date(2025, 4, 10), date(2025, 7, 9))
>>> date(2025, 7, 8) in p, date(2025, 7, 9) in p
(True, False)
>>> str(p), Period.parse(str(p)) == p
('2025-04-10/2025-07-09', True)
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import attrs
from dateutil.parser import isoparse

from tariffcalc._validators import calendar_day, optional_calendar_day
from tariffcalc.errors import InvalidPeriodError

__all__ = ["Period", "as_day", "as_period", "parse_day"]


def parse_day(text: str) -> date:
    """
    Read an ISO 8601 calendar day (``2025-04-09``); a time of day is refused.

    >>> parse_day("2025-04-09")
    datetime.date(2025, 4, 9)
    """
    if not isinstance(text, str):
        raise InvalidPeriodError(f"a day must be given as text YYYY-MM-DD, got {text!r}")
    stripped = text.strip()
    try:
        moment = isoparse(stripped)
    except (ValueError, OverflowError):
        raise InvalidPeriodError(f"{text!r} is not a calendar day; write it as YYYY-MM-DD, e.g. 2025-04-09") from None
    if len(stripped) != 10 or moment.time() != moment.min.time():
        raise InvalidPeriodError(f"{text!r} is not a calendar day; write it as YYYY-MM-DD, e.g. 2025-04-09")
    return moment.date()


def as_day(value: Any, what: str = "day") -> date:
    """
    The calendar day *value* names, from what a caller or a data frame's row
    holds: a ``datetime.date``; a ``datetime`` or ``pandas.Timestamp`` (its
    date part, as written in its own time zone: the time of day is dropped);
    a ``numpy.datetime64``; or ISO text ``YYYY-MM-DD``. Anything else, and a
    missing time (``NaT``), is refused with a valid call. *what* names the
    argument in the message.

    >>> as_day("2025-05-20"), as_day(datetime(2025, 5, 20, 14, 30))
    (datetime.date(2025, 5, 20), datetime.date(2025, 5, 20))
    >>> as_day(20250520, "on")
    Traceback (most recent call last):
    ...
    TypeError: on must be a day, e.g. date(2025, 5, 20) or '2025-05-20', got int 20250520
    """
    if type(value) is date:
        return value
    if isinstance(value, str):
        return parse_day(value)
    if isinstance(value, datetime):  # pandas.Timestamp is one too
        day = value.date()
        if type(day) is not date:  # pandas.NaT is a datetime whose date() is NaT again
            raise InvalidPeriodError(f"{what} is missing ({value!r}); give a day such as '2025-05-20'")
        return day
    if type(value).__name__ == "datetime64" and hasattr(value, "astype"):  # numpy, without importing it
        text = str(value.astype("datetime64[D]"))
        if text == "NaT":
            raise InvalidPeriodError(f"{what} is missing (numpy NaT); give a day such as '2025-05-20'")
        return parse_day(text)
    raise TypeError(
        f"{what} must be a day, e.g. date(2025, 5, 20) or '2025-05-20', got {type(value).__name__} {value!r:.40}"
    )


@attrs.frozen
class Period:
    """
    The days on which something is in force: *start* included, *end*
    excluded (``None`` while open-ended).

    >>> Period(date(2025, 4, 5)).contains(date(2999, 1, 1))
    True
    >>> Period(date(2025, 4, 10), date(2025, 4, 10))
    Traceback (most recent call last):
    ...
    tariffcalc.errors.InvalidPeriodError: period must end after it starts: 2025-04-10/2025-04-10 (the end day is excluded; a one-day period is 2025-04-10/2025-04-11)
    """

    start: date = attrs.field(validator=calendar_day)
    end: date | None = attrs.field(default=None, validator=optional_calendar_day)

    @end.validator
    def _end_after_start(self, _attribute: attrs.Attribute[Any], end: date | None) -> None:
        if end is not None and end <= self.start:
            if self.start < date.max:
                hint = f"a one-day period is {self.start}/{self.start + timedelta(days=1)}"
            else:
                hint = f"a period from {self.start} can only be open-ended: {self.start}/"
            raise InvalidPeriodError(
                f"period must end after it starts: {self.start}/{end} (the end day is excluded; {hint})"
            )

    @classmethod
    def parse(cls, text: str) -> Period:
        """
        Read ``START/END`` or ``START/`` (open-ended).

        >>> Period.parse("2025-04-05/")
        Period(start=datetime.date(2025, 4, 5), end=None)
        """
        if not isinstance(text, str):
            raise InvalidPeriodError(f"a period must be given as text START/END, got {type(text).__name__} {text!r}")
        start, sep, end = text.partition("/")
        if not sep:
            raise InvalidPeriodError(
                f"{text!r} is not a period; write START/END or START/ (open), e.g. 2025-04-10/2025-07-09"
            )
        return cls(parse_day(start), parse_day(end) if end.strip() else None)

    def __str__(self) -> str:
        return f"{self.start}/{self.end or ''}"

    def __contains__(self, day: date | str | Any) -> bool:
        return self.contains(day)

    def contains(self, day: date | str | Any) -> bool:
        """
        Whether *day* lies in ``[start, end)``; *day* in any form :func:`as_day` reads.

        >>> Period.parse("2025-04-05/2025-04-09").contains("2025-04-08")
        True
        """
        if type(day) is not date:  # the fast path stays one comparison of types
            day = as_day(day, "day")
        return self.start <= day and (self.end is None or day < self.end)

    def overlaps(self, other: Period) -> bool:
        """
        Whether the two periods share at least one day.

        >>> Period.parse("2025-01-01/2025-02-01").overlaps(Period.parse("2025-02-01/"))
        False
        """
        return (other.end is None or self.start < other.end) and (self.end is None or other.start < self.end)

    def intersection(self, other: Period) -> Period | None:
        """The days both periods share, or ``None``."""
        if not self.overlaps(other):
            return None
        start = max(self.start, other.start)
        ends = [e for e in (self.end, other.end) if e is not None]
        return Period(start, min(ends) if ends else None)

    def boundaries(self) -> tuple[date, ...]:
        """The days on which being inside this period can change."""
        return (self.start,) if self.end is None else (self.start, self.end)


def as_period(value: Any, what: str = "period") -> Period:
    """
    The period a caller names: a :class:`Period`, its text ``START/END``
    (``START/`` open-ended), or a pair of days ``(start, end)`` in any form
    :func:`as_day` reads (*end* excluded, ``None`` for open-ended). Anything
    else is refused with a valid call; *what* names the argument.

    >>> as_period(("2025-04-01", date(2025, 7, 1))) == as_period("2025-04-01/2025-07-01")
    True
    >>> as_period(2025)
    Traceback (most recent call last):
    ...
    TypeError: period must be a Period, 'START/END' text or a pair of days, e.g. '2025-04-01/2025-07-01' or (date(2025, 4, 1), date(2025, 7, 1)), got int 2025
    """
    if isinstance(value, Period):
        return value
    if isinstance(value, str):
        return Period.parse(value)
    if isinstance(value, tuple) and len(value) == 2:
        start, end = value
        return Period(as_day(start, f"{what} start"), None if end is None else as_day(end, f"{what} end"))
    raise TypeError(
        f"{what} must be a Period, 'START/END' text or a pair of days, e.g. '2025-04-01/2025-07-01' or "
        f"(date(2025, 4, 1), date(2025, 7, 1)), got {type(value).__name__} {value!r:.40}"
    )
