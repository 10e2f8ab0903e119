"""
Amendments: a later act that changed when a measure ends. Before the act
became known, the measure's end was another day (or none): the law as
known on a day reads the end that was known then.

A measure ended early by a later act (the Swiss 39% of 9903.02.58, ended
from 14 November 2025 by a notice of 18 December 2025) carries the
amendment "until 18 December 2025 the end was 24 February 2026 (or
none)"; a removal is an end from the day it governs; a replacement is an
end of the old measure and a new measure, hidden until its own act is
known (decision 7, ``docs/decisions/0007-knowledge-dates-of-ends.md``).

>>> from datetime import date
>>> from tariffcalc.citations import Citation, Instrument
>>> from tariffcalc.periods import Period
>>> notice = Instrument("FR Doc 2025-23316", "Swiss framework notice", known_on=date(2025, 12, 18),
...                     applies_from=date(2025, 11, 14))
>>> ended = Amendment(Citation(notice, heading="9903.02.58"), previous_end=None)
>>> validity = Period(date(2025, 8, 7), date(2025, 11, 14))
>>> str(validity_as_known(validity, (ended,), date(2025, 12, 1)))
'2025-08-07/'
>>> str(validity_as_known(validity, (ended,), date(2025, 12, 18)))
'2025-08-07/2025-11-14'
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import attrs

from tariffcalc._validators import optional_calendar_day
from tariffcalc.citations import Citation
from tariffcalc.errors import InvalidMeasureError
from tariffcalc.periods import Period

__all__ = ["Amendment", "amendments", "check_amendments", "validity_as_known"]


@attrs.frozen
class Amendment:
    """
    A later act (``citation``) that set a measure's end: until the act's
    instrument was known (``citation.instrument.known_on``), the end was
    ``previous_end`` (``None``: no end was known).
    """

    citation: Citation = attrs.field(validator=attrs.validators.instance_of(Citation))
    previous_end: date | None = attrs.field(default=None, validator=optional_calendar_day)

    @property
    def known_on(self) -> date:
        """The day the amending act became known."""
        return self.citation.instrument.known_on

    def __str__(self) -> str:
        before = self.previous_end.isoformat() if self.previous_end is not None else "no end"
        return f"until {self.known_on} ({self.citation.instrument}) the end was {before}"


def amendments(values: Iterable[Amendment]) -> tuple[Amendment, ...]:
    """The amendments *values* in the order they became known (the converter of ``Measure.amendments``)."""
    found = tuple(values)
    for value in found:
        if not isinstance(value, Amendment):
            raise InvalidMeasureError(f"{value!r} is not an Amendment")
    return tuple(sorted(found, key=lambda a: a.known_on))


def check_amendments(owner: str, validity: Period, found: tuple[Amendment, ...], since: date) -> None:
    """
    Raise :class:`InvalidMeasureError` when an amendment's previous end is
    not after the start of *validity*, or its act became known before the
    instrument of *owner* (a measure, rule or suspension, e.g. ``"measure
    us.x"``) on *since*: an amendment is a later act.
    """
    for a in found:
        if a.known_on < since:
            raise InvalidMeasureError(
                f"{owner}: amendment {a.citation.instrument.id!r} became known on {a.known_on}, "
                f"before the {owner.split()[0]} itself ({since}); an amendment is a later act"
            )
        if a.previous_end is not None and a.previous_end <= validity.start:
            raise InvalidMeasureError(
                f"{owner}: amendment {a.citation.instrument.id!r} says the end was {a.previous_end}, "
                f"not after the start {validity.start}; give a later day, or none for an end not known"
            )
    days = [a.known_on for a in found]
    if len(days) != len(set(days)):
        raise InvalidMeasureError(f"{owner}: two amendments became known on the same day; merge them")


def validity_as_known(validity: Period, found: tuple[Amendment, ...], known: date | None) -> Period:
    """
    *validity* as known on *known*: the end the first amendment not yet known
    replaced, or the final end once every amendment is known (or without a
    knowledge date).
    """
    if known is None or not found:
        return validity
    for a in found:  # in the order they became known
        if a.known_on > known:
            return Period(validity.start, a.previous_end)
    return validity
