"""
The history of a resolution over a range of days: piecewise constant,
split only where a measure, suspension, rule, condition, group
membership or the eligibility of a claimed programme changes.

>>> from datetime import date
>>> from tariffcalc import *
>>> from tariffcalc.rates import AdValorem
>>> act = Instrument("EO 14257", "Reciprocal tariff", known_on=date(2025, 4, 2))
>>> extra = Measure("reciprocal", "10%", MeasureKind.ADDITIONAL, AdValorem(10), ProductScope.parse("all"),
...                 OriginScope.parse("all"), Period(date(2025, 4, 5)), Citation(act, heading="9903.01.25"))
>>> t = Schedule("t", [extra]).timeline("0101.21.00", "JP", Period(date(2025, 4, 1), date(2025, 4, 10)))
>>> [(str(s.period), str(s.resolution.rate)) for s in t.segments]
[('2025-04-01/2025-04-05', 'None'), ('2025-04-05/2025-04-10', 'None')]
>>> [s.resolution.lines[0].rate for s in t.segments[1:]]
[AdValorem(percent=Decimal('10'))]
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from tariffcalc import _reprs as reprs
from tariffcalc import _resolver
from tariffcalc.entries import Entry
from tariffcalc.errors import InvalidPeriodError
from tariffcalc.periods import Period, as_day
from tariffcalc.resolution import Resolution, Rounding

if TYPE_CHECKING:
    from tariffcalc.schedule import Schedule

__all__ = ["Segment", "Segments", "Timeline", "change_days"]


@attrs.frozen(repr=False)
class Segment:
    """Days on which the resolution is the same; ``resolution`` is the one of the first day."""

    period: Period
    resolution: Resolution

    def __repr__(self) -> str:
        r = self.resolution
        rate = "rate not computable" if r.rate is None else f"{r.rate}%"
        amount = "" if r.amount is None else f" = {r.amount}"
        return reprs.clip(f"<Segment {self.period}: {rate}{amount}>")


class Segments(tuple[Segment, ...]):
    """
    A timeline's segments: a tuple (equal to the plain tuple, hashed and
    pickled alike) with a short repr.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        shown = [repr(s)[len("<Segment ") : -1] for s in self[:3]]
        more = f", … {len(self) - 3} more" if len(self) > 3 else ""
        return reprs.clip(f"<Segments {len(self)}: {'; '.join(shown)}{more}>")


def _segments(segments: Any) -> Segments:
    return Segments(segments)


@attrs.frozen(repr=False)
class Timeline:
    """Consecutive segments covering the requested days."""

    segments: tuple[Segment, ...] = attrs.field(converter=_segments)

    def __repr__(self) -> str:
        return reprs.timeline_repr(self)

    def _repr_html_(self) -> str:
        return reprs.timeline_html(self)

    def at(self, day: date | str | Any) -> Resolution:
        """
        The resolution of an entry on *day* (a date, ``datetime``,
        ``pandas.Timestamp``, ``numpy.datetime64`` or ISO text): its segment's,
        with *day* as the entry date (nothing that bears on the duty changes
        within a segment).
        """
        day = as_day(day, "day")
        for segment in self.segments:
            if segment.period.contains(day):
                r = segment.resolution
                return r if r.entry.on == day else attrs.evolve(r, entry=attrs.evolve(r.entry, on=day))
        raise InvalidPeriodError(
            f"{day} is outside the timeline {self.segments[0].period.start}/{self.segments[-1].period.end}"
        )


def change_days(schedule: Schedule, entry: Entry) -> frozenset[date]:
    """Every day on which the resolution of *entry* on *schedule* can change."""
    return _resolver.change_days(schedule, entry)


def _same(a: Resolution, b: Resolution) -> bool:
    return (a.lines, a.not_applied, a.missing_facts, a.rate, a.amount, a.warnings) == (
        b.lines,
        b.not_applied,
        b.missing_facts,
        b.rate,
        b.amount,
        b.warnings,
    )


def build_timeline(
    schedule: Schedule,
    entry: Entry,
    period: Period,
    rounding: Rounding = Rounding(),  # noqa: B008  # immutable value
    known: date | None = None,
) -> Timeline:
    """The timeline of *entry* over *period* (which must have an end), with the law as known on *known*."""
    if period.end is None:
        raise InvalidPeriodError(f"a timeline needs a period with an end, got {period}")
    cuts = sorted(d for d in change_days(schedule, entry) if period.start < d < period.end)
    starts = [period.start, *cuts]
    ends = [*cuts, period.end]
    segments: list[Segment] = []
    for start, end in zip(starts, ends, strict=True):
        resolution = _resolver.resolve(schedule, attrs.evolve(entry, on=start), rounding, known)
        if segments and _same(segments[-1].resolution, resolution):
            previous = segments.pop()
            segments.append(Segment(Period(previous.period.start, end), previous.resolution))
        else:
            segments.append(Segment(Period(start, end), resolution))
    return Timeline(tuple(segments))
