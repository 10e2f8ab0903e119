"""
Stacking rules: which measures do not apply together.

>>> from datetime import date
>>> from tariffcalc import Citation, Instrument, Period
>>> eo = Instrument("EO 14257", "Reciprocal tariff", known_on=date(2025, 4, 2))
>>> rule = StackingRule(
...     id="s232-before-reciprocal", when="s232-steel", drops="reciprocal",
...     displaces=Displacement.ENTRY, validity=Period(date(2025, 4, 5)),
...     citation=Citation(eo, heading="9903.01.33"))
>>> str(rule)
'where a measure tagged s232-steel applies, measures tagged reciprocal do not (whole entry)'
"""

from __future__ import annotations

import enum
from datetime import date
from typing import Any

import attrs

from tariffcalc._validators import identifier
from tariffcalc.amendments import Amendment, amendments, check_amendments, validity_as_known
from tariffcalc.citations import Citation
from tariffcalc.errors import InvalidMeasureError
from tariffcalc.periods import Period

__all__ = ["Displacement", "StackingRule"]


class Displacement(enum.Enum):
    """
    ``entry``: the displaced measure does not apply at all; ``slice``: it
    applies only to the value the applying measure does not cover (the
    metal-content rule of 4 June 2025).
    """

    ENTRY = "entry"
    SLICE = "slice"

    def __str__(self) -> str:
        return self.value


def _tag(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str) or not value or value != value.strip() or " " in value:
        raise InvalidMeasureError(f"{attribute.name} must be one tag word such as 's232', got {value!r}")


@attrs.frozen(repr=False)
class StackingRule:
    """Where a measure tagged ``when`` applies, measures tagged ``drops`` do not (on the whole entry or a slice)."""

    id: str = attrs.field(validator=identifier)
    when: str = attrs.field(validator=_tag)
    drops: str = attrs.field(validator=_tag)
    displaces: Displacement = attrs.field(validator=attrs.validators.instance_of(Displacement))
    validity: Period = attrs.field(validator=attrs.validators.instance_of(Period))
    citation: Citation = attrs.field(validator=attrs.validators.instance_of(Citation))
    #: Later acts that set the end of ``validity`` (see :mod:`tariffcalc.amendments`), in the order
    #: they became known. Left out of the fingerprint when empty, so older schedules keep theirs.
    amendments: tuple[Amendment, ...] = attrs.field(
        default=(), converter=amendments, metadata={"fingerprint": "unless-empty"}
    )

    def __repr__(self) -> str:
        from tariffcalc._reprs import clip

        return clip(
            f"<StackingRule {self.id}: {self.when} drops {self.drops} ({self.displaces.value}), "
            f"{self.validity} [{self.citation}]>"
        )

    def validity_as_known(self, known: date | None) -> Period:
        """The validity as known on *known*: before a later act that ended the rule was known, the end known then."""
        return validity_as_known(self.validity, self.amendments, known) if self.amendments else self.validity

    def __attrs_post_init__(self) -> None:
        if self.amendments:
            check_amendments(f"rule {self.id}", self.validity, self.amendments, self.citation.instrument.known_on)
        if self.when == self.drops:
            raise InvalidMeasureError(f"rule {self.id}: a tag cannot displace itself ({self.when})")

    def __str__(self) -> str:
        scope = "whole entry" if self.displaces is Displacement.ENTRY else "on the slice it covers"
        return f"where a measure tagged {self.when} applies, measures tagged {self.drops} do not ({scope})"
