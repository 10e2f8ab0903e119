"""
Attrs validators shared by tariffcalc's value classes: a calendar day, a
one-line identifier, a claim word.

Internal but shared: these are the checks behind the fields of
:class:`~tariffcalc.Period`, :class:`~tariffcalc.Citation`,
:class:`~tariffcalc.Measure`, :class:`~tariffcalc.Entry` and others, kept in
one place so that every class refuses the same input with the same message.
They are not re-exported and may change between releases.

>>> from datetime import date, datetime
>>> import attrs
>>> @attrs.frozen
... class Stamp:
...     on: date = attrs.field(validator=calendar_day)
>>> Stamp(datetime(2025, 5, 1, 12))
Traceback (most recent call last):
...
tariffcalc.errors.InvalidPeriodError: on must be a datetime.date (a day), got datetime datetime.datetime(2025, 5, 1, 12, 0)
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import attrs

from tariffcalc.errors import InvalidMeasureError, InvalidPeriodError

__all__ = ["calendar_day", "claim_word", "identifier", "optional_calendar_day"]

_ID = re.compile(r"^\S(?:.*\S)?$")


def calendar_day(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Refuse anything but a ``datetime.date`` (a ``datetime`` is a date subclass, but not a day)."""
    if type(value) is not date:
        raise InvalidPeriodError(
            f"{attribute.name} must be a datetime.date (a day), got {type(value).__name__} {value!r}"
        )


def optional_calendar_day(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Like :func:`calendar_day`, but ``None`` passes."""
    if value is not None:
        calendar_day(instance, attribute, value)


def identifier(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Refuse anything but a non-empty one-line text without surrounding spaces."""
    if not isinstance(value, str) or not _ID.match(value) or "\n" in value:
        raise InvalidMeasureError(
            f"{attribute.name} must be a non-empty one-line text without surrounding spaces, got {value!r}"
        )


def claim_word(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """
    Refuse anything but a lower-case word such as ``usmca`` (what
    :func:`tariffcalc.measures.normalise_claim` makes of a claim).
    """
    if not isinstance(value, str) or not value or value != value.strip().lower() or " " in value:
        raise InvalidMeasureError(f"{attribute.name} must be a lower-case word such as 'usmca', got {value!r}")


def require(value: Any, kind: type | tuple[type, ...], what: str) -> None:
    """
    Raise :class:`TypeError` naming *what* unless *value* is a *kind*: the
    check at the door of a public function, so that a wrong type is said in
    its terms instead of as an ``AttributeError`` from deep inside.

    >>> require(3, str, "text")
    Traceback (most recent call last):
    ...
    TypeError: text must be a str, got int 3
    """
    if not isinstance(value, kind):
        names = " or ".join(k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,)))
        raise TypeError(f"{what} must be a {names}, got {type(value).__name__} {value!r:.40}")
