"""
Legal status: dated court and agency events (enjoined, stayed, held
unlawful, collection ended, refund ordered or suspended, refund process,
appeal pending) that change what a duty *means* without changing its
arithmetic.

The model. A status event attaches to a **legal authority** (a statute the
duties rest on: ``IEEPA``, ``s122``), never to an instrument. A measure's
authority is found from its tags: each :class:`Authority` names the tags of
the measures it covers (``ieepa-reciprocal`` covers ``reciprocal``,
``ieepa-fentanyl`` covers ``ieepa-ca``/``ieepa-mx``/``ieepa-cn`` ...), and
several authorities may share one law (both of those are ``IEEPA``).

Why not the instrument: several notices implement measures under two
statutes at once. The "EU framework notice of 25 September 2025" sets the
EU's 15% all-in reciprocal rate (IEEPA) *and* its 15% car and parts rate
(Section 232); the "Korea deal notice of 4 December 2025" does the same for
Korea. The Supreme Court held (Learning Resources v. Trump, 20 February
2026; later facts §1.2) that IEEPA does not authorise tariffs: that
reaches the reciprocal half of each notice and not its Section 232 half. A
status on the instrument would wrongly mark the Section 232 car duty
unlawful; a status on the law, found through the measure's own tags, cannot.
Splitting every shared notice into two instruments would work too, but
changes other topics' data and citations for no gain.

>>> from datetime import date
>>> from tariffcalc.datasets import load_schedule
>>> us = load_schedule("us-2025-26")
>>> r = us.resolve("9503.00.00.90", "JP", date(2025, 5, 1), value=1000)
>>> line = r.line("us.ieepa.reciprocal.baseline")
>>> line.amount, line.status.authority.id, line.status.refundable
(Decimal('100.00'), 'ieepa-reciprocal', True)
>>> line.status.summary
'held unlawful on 2026-02-20 (Supreme Court, Learning Resources v. Trump); collection ended 2026-02-24; refund ordered 2026-03-04; refund suspended 2026-03-06; refund process 2026-04-20; appeal pending 2026-05-29'
>>> filed = us.resolve("9503.00.00.90", "JP", date(2025, 5, 1), value=1000, known=date(2025, 5, 1))
>>> filed.line("us.ieepa.reciprocal.baseline").status.summary
'in force; no court ruling as known on 2025-05-01'
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from tariffcalc._validators import calendar_day, identifier
from tariffcalc.citations import Citation
from tariffcalc.errors import ScheduleError

if TYPE_CHECKING:
    from tariffcalc.measures import Measure
    from tariffcalc.resolution import Resolution

__all__ = ["Authority", "LegalStatus", "LineStatus", "StatusEvent", "StatusKind", "annotate"]


class StatusKind(enum.Enum):
    """What a status event did."""

    ENJOINED = "enjoined"
    STAYED = "stayed"
    HELD_UNLAWFUL = "held-unlawful"
    COLLECTION_ENDED = "collection-ended"
    REFUND_ORDERED = "refund-ordered"
    REFUND_SUSPENDED = "refund-suspended"
    REFUND_PROCESS = "refund-process"
    APPEAL_PENDING = "appeal-pending"

    def __str__(self) -> str:
        return self.value.replace("-", " ")


def _tags(values: Iterable[str]) -> frozenset[str]:
    return frozenset(values)


@attrs.frozen
class Authority:
    """
    A legal authority duties rest on, as a refund sees it: ``id``
    (``ieepa-reciprocal``), a ``title``, the ``law`` whose status events
    apply to it (``IEEPA``) and the measure ``tags`` it covers.
    """

    id: str = attrs.field(validator=identifier)
    title: str
    law: str = attrs.field(validator=identifier)
    tags: frozenset[str] = attrs.field(converter=_tags)

    def covers(self, measure: Measure) -> bool:
        """Whether *measure* rests on this authority (shares one of its tags)."""
        return not self.tags.isdisjoint(measure.tags)


@attrs.frozen
class StatusEvent:
    """
    One dated event in the legal status of a ``law``: its ``kind``, a
    ``title`` (the court and case, or the agency act), whether it binds
    only the named plaintiffs, and whether it is ``final`` (the court of
    last resort, or otherwise not open to appeal).
    """

    id: str = attrs.field(validator=identifier)
    law: str = attrs.field(validator=identifier)
    on: date = attrs.field(validator=calendar_day)
    kind: StatusKind
    title: str
    citation: Citation
    plaintiffs_only: bool = False
    final: bool = False

    def __str__(self) -> str:
        text = f"{self.kind} on {self.on} ({self.title})"
        return text + (" for the named plaintiffs only" if self.plaintiffs_only else "")


@attrs.frozen
class LineStatus:
    """
    The legal status of one duty line as known on ``known`` (``None``: every
    event): its authority and the events so far, oldest first.
    """

    authority: Authority
    events: tuple[StatusEvent, ...]
    known: date | None = None

    @property
    def refundable(self) -> bool:
        """
        Whether the duty comes back to every importer: a final holding that
        the law does not authorise it, for everyone (not the named plaintiffs
        only), as known.
        """
        return any(e.kind is StatusKind.HELD_UNLAWFUL and e.final and not e.plaintiffs_only for e in self.events)

    @property
    def summary(self) -> str:
        """
        One line: the decisive holding (the final one, else the latest) and
        every event after it, or 'in force' when no court has ruled.
        """
        if not self.events:
            when = f" as known on {self.known}" if self.known is not None else ""
            return f"in force; no court ruling{when}"
        holdings = [e for e in self.events if e.kind is StatusKind.HELD_UNLAWFUL]
        holding = next((e for e in reversed(holdings) if e.final), holdings[-1] if holdings else None)
        if holding is None:
            return "; ".join(f"{e.kind} on {e.on} ({e.title})" for e in self.events)
        after = self.events[self.events.index(holding) + 1 :]
        return "; ".join([str(holding), *(f"{e.kind} {e.on}" for e in after)])

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready account."""
        return {
            "authority": self.authority.id,
            "law": self.authority.law,
            "refundable": self.refundable,
            "summary": self.summary,
            "events": [
                {
                    "id": e.id,
                    "on": e.on.isoformat(),
                    "kind": e.kind.value,
                    "title": e.title,
                    "plaintiffs_only": e.plaintiffs_only,
                    "final": e.final,
                    "citation": str(e.citation),
                    "source": e.citation.source or e.citation.instrument.url,
                }
                for e in self.events
            ],
        }


def _chronological(events: Iterable[StatusEvent]) -> tuple[StatusEvent, ...]:
    return tuple(sorted(events, key=lambda e: (e.on, e.id)))


@attrs.frozen(repr=False)
class LegalStatus:
    """The authorities and the status events of a schedule's data."""

    authorities: tuple[Authority, ...] = ()
    events: tuple[StatusEvent, ...] = attrs.field(default=(), converter=_chronological)

    def __repr__(self) -> str:
        """
        >>> LegalStatus()
        <LegalStatus: 0 authorities, 0 events>
        """
        ids = [a.id for a in self.authorities]
        shown = (" (" + ", ".join(ids[:3]) + (f", … {len(ids) - 3} more" if len(ids) > 3 else "") + ")") if ids else ""
        span = f" from {self.events[0].on} to {self.events[-1].on}" if self.events else ""
        text = f"<LegalStatus: {len(ids)} authorities{shown}, {len(self.events)} events{span}>"
        return text if len(text) <= 300 else text[:298] + "…>"

    @classmethod
    def combine(cls, *statuses: LegalStatus | None) -> LegalStatus | None:
        """
        One status with the authorities and events of *statuses* (each
        once; ``None`` when none is given), for schedules combined into one.
        Raises :class:`~tariffcalc.errors.ScheduleError` when two give
        different authorities or events under one id.

        >>> LegalStatus.combine(None, LegalStatus()) == LegalStatus()
        True
        """
        given = [s for s in statuses if s is not None]
        if not given:
            return None
        problems: list[str] = []
        authorities = _by_id("authority", (a for s in given for a in s.authorities), problems)
        events = _by_id("status event", (e for s in given for e in s.events), problems)
        if problems:
            raise ScheduleError("the schedules' legal statuses disagree", problems)
        return cls(authorities, events)

    def authority_of(self, measure: Measure) -> Authority | None:
        """The first authority covering *measure* (``None``: no status is kept for it)."""
        return next((a for a in self.authorities if a.covers(measure)), None)

    def status(self, measure: Measure, known: date | None = None) -> LineStatus | None:
        """The status of *measure* as known on *known* (``None``: all events)."""
        authority = self.authority_of(measure)
        if authority is None:
            return None
        events = tuple(e for e in self.events if e.law == authority.law and (known is None or e.on <= known))
        return LineStatus(authority, events, known)


_Identified = TypeVar("_Identified", Authority, StatusEvent)


def _by_id(what: str, values: Iterable[_Identified], problems: list[str]) -> tuple[_Identified, ...]:
    """*values* each once, in order; two different ones under one id are a problem."""
    kept: dict[str, _Identified] = {}
    for value in values:
        seen = kept.setdefault(value.id, value)
        if seen != value:
            problems.append(f"{what} {value.id!r} is given twice, differently: {seen!r} and {value!r}")
    return tuple(kept.values())


def annotate(legal: LegalStatus | None, resolution: Resolution) -> Resolution:
    """*resolution* with every line's status as known on its knowledge date; the amounts untouched."""
    if legal is None or not legal.authorities:
        return resolution
    lines = tuple(attrs.evolve(line, status=legal.status(line.measure, resolution.known)) for line in resolution.lines)
    return attrs.evolve(resolution, lines=lines)
