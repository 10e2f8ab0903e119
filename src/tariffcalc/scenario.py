"""
What-if questions: a :class:`Scenario` is a named, pure transformation of a
schedule (cut a rate, extend a suspension, remove or add a measure), and
:func:`diff` says what differs between two schedules.

>>> from datetime import date
>>> from tariffcalc import *
>>> eo = Instrument("EO 14257", "Reciprocal tariff", known_on=date(2025, 4, 2))
>>> japan = Measure("reciprocal.jp", "Japan", MeasureKind.ADDITIONAL, AdValorem(24), ProductScope.parse("all"),
...                 OriginScope.parse("JP"), Period(date(2025, 4, 9)), Citation(eo, heading="9903.01.53"))
>>> before = Schedule("base", [japan])
>>> after = Scenario("cut to 15%", (SetRate("reciprocal.jp", AdValorem(15)),)).apply(before)
>>> after.name, [str(c) for c in diff(before, after).changes]
('base + cut to 15%', ['changed measure reciprocal.jp: rate 24% -> 15%'])
>>> diff(before, before).changes
()
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from datetime import date
from typing import Any

import attrs

from tariffcalc import reprs
from tariffcalc.citations import Citation
from tariffcalc.errors import ScheduleError
from tariffcalc.measures import Measure, Suspension
from tariffcalc.periods import Period
from tariffcalc.rates import Rate
from tariffcalc.schedule import Schedule

__all__ = [
    "AddMeasure",
    "AddSuspension",
    "Change",
    "Difference",
    "ExtendSuspension",
    "RemoveMeasure",
    "RemoveSuspension",
    "Scenario",
    "ScheduleDiff",
    "SetRate",
    "diff",
]


class _Parts:
    """The mutable working copy a scenario edits before a new schedule is built."""

    def __init__(self, schedule: Schedule) -> None:
        self.name = schedule.name
        self.measures = {m.id: m for m in schedule.measures}
        self.suspensions = {s.id: s for s in schedule.suspensions}
        self.rules = set(schedule.rules)
        self.groups = set(schedule.groups)

    def measure(self, measure_id: str) -> Measure:
        try:
            return self.measures[measure_id]
        except KeyError:
            raise ScheduleError(
                f"scenario names no measure of schedule {self.name!r}", [_unknown("measure", measure_id, self.measures)]
            ) from None

    def suspension(self, suspension_id: str) -> Suspension:
        try:
            return self.suspensions[suspension_id]
        except KeyError:
            raise ScheduleError(
                f"scenario names no suspension of schedule {self.name!r}",
                [_unknown("suspension", suspension_id, self.suspensions)],
            ) from None


def _unknown(kind: str, wanted: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(wanted, list(known), n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return f"no {kind} {wanted!r}{hint}"


class Change:
    """One step of a scenario."""

    __slots__ = ()

    def apply_to(self, parts: _Parts) -> None:
        """Edit the working copy."""
        raise NotImplementedError


@attrs.frozen
class SetRate(Change):
    """Charge *rate* instead of the measure's own rate."""

    measure: str
    rate: Rate

    def apply_to(self, parts: _Parts) -> None:
        parts.measures[self.measure] = attrs.evolve(parts.measure(self.measure), rate=self.rate)


@attrs.frozen
class RemoveMeasure(Change):
    """Take a measure out (with it, the suspensions that named only it)."""

    measure: str

    def apply_to(self, parts: _Parts) -> None:
        parts.measure(self.measure)
        del parts.measures[self.measure]
        for sid, s in list(parts.suspensions.items()):
            if self.measure in s.measures:
                rest = s.measures - {self.measure}
                if rest:
                    parts.suspensions[sid] = attrs.evolve(s, measures=rest)
                else:
                    del parts.suspensions[sid]


@attrs.frozen
class AddMeasure(Change):
    """Add a measure (its id must be new)."""

    measure: Measure

    def apply_to(self, parts: _Parts) -> None:
        if self.measure.id in parts.measures:
            raise ScheduleError("scenario adds a measure twice", [f"measure {self.measure.id!r} already exists"])
        parts.measures[self.measure.id] = self.measure


@attrs.frozen
class AddSuspension(Change):
    """Add a suspension (its id must be new)."""

    suspension: Suspension

    def apply_to(self, parts: _Parts) -> None:
        if self.suspension.id in parts.suspensions:
            raise ScheduleError(
                "scenario adds a suspension twice", [f"suspension {self.suspension.id!r} already exists"]
            )
        parts.suspensions[self.suspension.id] = self.suspension


@attrs.frozen
class RemoveSuspension(Change):
    """Take a suspension out: "as seen before the pause was announced"."""

    suspension: str

    def apply_to(self, parts: _Parts) -> None:
        parts.suspension(self.suspension)
        del parts.suspensions[self.suspension]


@attrs.frozen
class ExtendSuspension(Change):
    """
    Extend a suspension to *until* (``None``: indefinitely) with a **new**
    suspension ``id`` starting where the old one ends, cited to *citation*
    (a real extension is a new act, so is a hypothetical one).
    """

    suspension: str
    until: date | None
    id: str
    citation: Citation

    def apply_to(self, parts: _Parts) -> None:
        old = parts.suspension(self.suspension)
        if old.period.end is None:
            raise ScheduleError("scenario extends a suspension that never ends", [f"suspension {old.id} is open-ended"])
        AddSuspension(
            Suspension(self.id, old.measures, Period(old.period.end, self.until), self.citation, old.replacement)
        ).apply_to(parts)


@attrs.frozen
class Scenario:
    """A named sequence of changes; :meth:`apply` gives a new, checked schedule."""

    name: str
    changes: tuple[Change, ...] = attrs.field(converter=tuple)

    def apply(self, schedule: Schedule) -> Schedule:
        """The schedule with every change made, named ``"<schedule> + <scenario>"``."""
        parts = _Parts(schedule)
        for change in self.changes:
            change.apply_to(parts)
        return Schedule(
            f"{schedule.name} + {self.name}",
            parts.measures.values(),
            rules=parts.rules,
            suspensions=parts.suspensions.values(),
            groups=parts.groups,
            horizon=schedule.horizon,
        )


@attrs.frozen
class Difference:
    """One thing that differs: ``kind`` (added, removed, changed), ``part`` (measure, ...), id and details."""

    kind: str
    part: str
    id: str
    details: tuple[str, ...] = ()

    def __str__(self) -> str:
        text = f"{self.kind} {self.part} {self.id}"
        return f"{text}: {'; '.join(self.details)}" if self.details else text


@attrs.frozen(repr=False)
class ScheduleDiff:
    """Everything that differs between two schedules, sorted by part and id."""

    changes: tuple[Difference, ...]

    def to_frame(self) -> Any:
        """One row per difference, as a pandas frame (the ``pandas`` extra)."""
        from tariffcalc.frames import diff_frame

        return diff_frame(self)

    def __repr__(self) -> str:
        return reprs.diff_repr(self)

    def _repr_html_(self) -> str:
        return reprs.diff_html(self)

    def __bool__(self) -> bool:
        return bool(self.changes)


def _fields(a: Any, b: Any) -> tuple[str, ...]:
    return tuple(
        f"{f.name} {_show(getattr(a, f.name))} -> {_show(getattr(b, f.name))}"
        for f in attrs.fields(type(a))
        if getattr(a, f.name) != getattr(b, f.name)
    )


def _show(value: Any) -> str:
    if isinstance(value, frozenset):
        return "{" + ", ".join(sorted(map(str, value))) + "}"
    return str(value)


def diff(a: Schedule, b: Schedule) -> ScheduleDiff:
    """What *b* adds, removes and changes relative to *a*, by id."""
    out: list[Difference] = []
    for part, left, right in (
        ("measure", {m.id: m for m in a.measures}, {m.id: m for m in b.measures}),
        ("suspension", {s.id: s for s in a.suspensions}, {s.id: s for s in b.suspensions}),
        ("rule", {r.id: r for r in a.rules}, {r.id: r for r in b.rules}),
        ("group", {g.id: g for g in a.groups}, {g.id: g for g in b.groups}),
    ):
        for key in sorted(left.keys() | right.keys()):
            if key not in right:
                out.append(Difference("removed", part, key))
            elif key not in left:
                out.append(Difference("added", part, key))
            elif left[key] != right[key]:
                out.append(Difference("changed", part, key, _fields(left[key], right[key])))
    return ScheduleDiff(tuple(out))
