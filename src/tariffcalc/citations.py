"""
Where a measure comes from: the legal instrument and the citation of one
measure, suspension, condition or rule.

>>> from datetime import date
>>> eo = Instrument(
...     id="EO 14345", title="Implementing the United States-Japan Agreement",
...     published="90 FR 43535", known_on=date(2025, 9, 4), applies_from=date(2025, 8, 7),
...     url="https://www.federalregister.gov/d/2025-17389")
>>> eo.is_retroactive
True
>>> str(Citation(eo, heading="9903.02.73"))
'EO 14345 (90 FR 43535), heading 9903.02.73'
"""

from __future__ import annotations

import enum
from datetime import date

import attrs

from tariffcalc._validators import calendar_day, identifier, optional_calendar_day

__all__ = ["Citation", "Confidence", "Instrument"]


class Confidence(enum.Enum):
    """
    How well a fact is sourced, as marked in the reference facts.

    ``C2``: two or more independent sources, or one primary text plus one
    secondary; ``C1``: one source only; ``U``: uncertain or inferred.
    """

    C2 = "C2"
    C1 = "C1"
    U = "U"

    def __str__(self) -> str:
        return self.value


@attrs.frozen
class Instrument:
    """
    A legal act: an executive order, a proclamation, a CBP message, a tariff
    schedule revision.

    ``known_on`` is the day it became known (signed or published);
    ``applies_from`` the first day it governs, earlier when it is retroactive.
    """

    id: str = attrs.field(validator=identifier)
    title: str
    known_on: date = attrs.field(validator=calendar_day)
    applies_from: date | None = attrs.field(default=None, validator=optional_calendar_day)
    published: str | None = None
    url: str | None = None

    @property
    def is_retroactive(self) -> bool:
        """Whether it governs entries made before it became known."""
        return self.applies_from is not None and self.applies_from < self.known_on

    def __str__(self) -> str:
        return f"{self.id} ({self.published})" if self.published else self.id


@attrs.frozen(cache_hash=True)
class Citation:
    """
    The legal source of one measure, suspension, condition or rule: its
    instrument, the tariff heading it is reported under (a Chapter 99 heading
    or an HTS line), the page the fact was taken from, how well it is sourced,
    and a note (e.g. which source was chosen where sources disagree).

    ``heading_when_met`` is for all-in measures, which are filed under one
    heading when they top the duty up and under another when the base duty
    alone already meets the target (EU 9903.02.20 / 9903.02.19).
    """

    instrument: Instrument
    heading: str | None = None
    source: str | None = None
    confidence: Confidence | None = None
    note: str = ""
    heading_when_met: str | None = None

    def __str__(self) -> str:
        text = str(self.instrument)
        if self.heading:
            text += f", heading {self.heading}"
        return text
