"""
Why a candidate measure did not apply: one class per kind of reason, each
with a readable ``str()`` and the citation of what switched it off.

>>> from datetime import date
>>> str(NotYetInForce(date(2025, 5, 3)))
'not yet in force: applies from 2025-05-03'
"""

from __future__ import annotations

from datetime import date, timedelta

import attrs

from tariffcalc.citations import Citation, Instrument
from tariffcalc.codes import ProductCode
from tariffcalc.countries import Country
from tariffcalc.measures import Condition, Suspension
from tariffcalc.programmes import Programme
from tariffcalc.rules import StackingRule

__all__ = [
    "BeforeData",
    "Displaced",
    "Expired",
    "IneligibleClaim",
    "NotYetInForce",
    "NotYetKnown",
    "OriginNotCovered",
    "OutOfProductScope",
    "Reason",
    "Superseded",
    "Suspended",
    "SwitchedOff",
]


class Reason:
    """Base of the reasons a measure did not apply."""

    __slots__ = ()

    @property
    def citation(self) -> Citation | None:
        """The legal source of the reason itself (a suspension, a rule, a condition), if any."""
        return None

    @property
    def code(self) -> str:
        """A short machine-readable name of the kind of reason."""
        return type(self).__name__


@attrs.frozen
class OutOfProductScope(Reason):
    """The product is under one of the measure's carve-outs."""

    carve_out: ProductCode

    def __str__(self) -> str:
        return f"out of product scope: carved out under {self.carve_out}"


@attrs.frozen
class OriginNotCovered(Reason):
    """
    The origin is excluded from the measure on the day. (A measure that simply
    does not reach the origin — one for other countries — is no candidate and
    is not reported.)
    """

    origin: Country
    excluded: bool

    def __str__(self) -> str:
        if self.excluded:
            return f"origin {self.origin} is excluded"
        return f"origin {self.origin} is not covered"


@attrs.frozen
class NotYetInForce(Reason):
    """The entry is before the measure's first day."""

    start: date

    def __str__(self) -> str:
        return f"not yet in force: applies from {self.start}"


@attrs.frozen
class NotYetKnown(Reason):
    """
    The measure's instrument was not yet known on the knowledge date of the
    question (signed or published later, perhaps retroactively): the law as
    known then did not include it.

    >>> eo = Instrument("EO 14345", "Japan agreement", known_on=date(2025, 9, 4), applies_from=date(2025, 8, 7))
    >>> print(NotYetKnown(eo, date(2025, 8, 20)))
    not known on 2025-08-20: EO 14345 became known on 2025-09-04 (retroactive to 2025-08-07)
    """

    instrument: Instrument
    known: date

    @property
    def citation(self) -> Citation | None:
        return Citation(self.instrument)

    def __str__(self) -> str:
        text = f"not known on {self.known}: {self.instrument.id} became known on {self.instrument.known_on}"
        if self.instrument.is_retroactive:
            text += f" (retroactive to {self.instrument.applies_from})"
        return text


@attrs.frozen
class BeforeData(Reason):
    """
    The entry is before the first day of the schedule's data, and the measure
    starts on that day: the data cannot say whether it applied earlier.

    >>> str(BeforeData(date(2025, 1, 1)))
    'before the data: the sources of this schedule begin on 2025-01-01, so what applied earlier is not known to it'
    """

    start: date

    def __str__(self) -> str:
        return (
            f"before the data: the sources of this schedule begin on {self.start}, "
            "so what applied earlier is not known to it"
        )


@attrs.frozen
class Expired(Reason):
    """The entry is on or after the measure's end (which is excluded)."""

    end: date

    def __str__(self) -> str:
        return f"expired: last applied on {self.end - timedelta(days=1)}"


@attrs.frozen
class SwitchedOff(Reason):
    """A condition on the entry's facts switched the measure off."""

    condition: Condition

    @property
    def citation(self) -> Citation | None:
        return self.condition.citation

    def __str__(self) -> str:
        cite = f" ({self.condition.citation})" if self.condition.citation else ""
        return f"switched off: {self.condition}{cite}"


@attrs.frozen
class Suspended(Reason):
    """A suspension covers the entry date."""

    suspension: Suspension

    @property
    def citation(self) -> Citation | None:
        return self.suspension.citation

    def __str__(self) -> str:
        period = self.suspension.period
        until = f"until {period.end}" if period.end else "until further notice"
        return f"suspended by {self.suspension.citation} from {period.start} {until}"


@attrs.frozen
class Displaced(Reason):
    """A stacking rule removed the measure because another one applies."""

    rule: StackingRule
    by: str
    whole_slice: bool = False

    @property
    def citation(self) -> Citation | None:
        return self.rule.citation

    def __str__(self) -> str:
        how = "covers the whole value" if self.whole_slice else "applies"
        return f"displaced by rule {self.rule.id}: {self.by} {how} ({self.rule}; {self.rule.citation})"


@attrs.frozen
class Superseded(Reason):
    """Another base measure is more specific for this product."""

    by: str

    def __str__(self) -> str:
        return f"superseded by the more specific base measure {self.by}"


@attrs.frozen
class IneligibleClaim(Reason):
    """
    The entry claims a programme (a preference, or an exemption asked for
    by a programme claim such as ``usmca``) for which its origin is not a
    beneficiary on the entry date, or which is not in force: the claim is
    not honoured. Reported on the measure whose preference or condition it
    would have changed; that measure may still apply, without the claim.
    """

    claim: str
    programme: Programme
    origin: Country
    on: date

    @property
    def citation(self) -> Citation | None:
        return self.programme.citation

    def __str__(self) -> str:
        why = self.programme.why_not(self.origin, self.on)
        return f"claim {self.claim} not honoured: {why} ({self.programme.citation})"
