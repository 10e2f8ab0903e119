"""
What-if questions: a :class:`Scenario` is a named, pure transformation of a
schedule (cut a rate, extend a suspension, remove or add a measure), and
:func:`diff` says what differs between two schedules.

>>> from datetime import date
>>> from tariffcalc import *
>>> from tariffcalc.rates import AdValorem
>>> from tariffcalc.scenario import Scenario, SetRate, diff
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

from collections.abc import Iterable
from datetime import date
from typing import Any

import attrs

from tariffcalc import _reprs as reprs
from tariffcalc._scenario_parts import Parts, changed_copy, few, minus, with_validity
from tariffcalc.citations import Citation
from tariffcalc.errors import ScheduleError
from tariffcalc.measures import Measure, Suspension
from tariffcalc.periods import Period, as_day
from tariffcalc.rates import Rate
from tariffcalc.rules import Displacement, StackingRule
from tariffcalc.schedule import Schedule

__all__ = [
    "AddMeasure",
    "AddRule",
    "AddSuspension",
    "AlterRule",
    "Change",
    "Difference",
    "ExtendSuspension",
    "RemoveMeasure",
    "RemoveRule",
    "RemoveSuspension",
    "Restore",
    "Scenario",
    "ScheduleDiff",
    "SetRate",
    "SetValidity",
    "diff",
]


class Change:
    """One step of a scenario."""

    __slots__ = ()

    def apply_to(self, parts: Parts) -> None:
        """Edit the working copy."""
        raise NotImplementedError


@attrs.frozen
class SetRate(Change):
    """Charge *rate* instead of the measure's own rate."""

    measure: str
    rate: Rate

    def apply_to(self, parts: Parts) -> None:
        parts.measures[self.measure] = attrs.evolve(parts.measure(self.measure), rate=self.rate)


@attrs.frozen
class RemoveMeasure(Change):
    """
    Take a measure out (with it, the suspensions that named only it, and the
    stacking rules that named a tag only it carried: they could no longer apply).
    """

    measure: str

    def apply_to(self, parts: Parts) -> None:
        gone = parts.measure(self.measure)
        del parts.measures[self.measure]
        carried = {t for m in parts.measures.values() for t in m.tags}
        orphaned = gone.tags - carried
        parts.rules = {rid: r for rid, r in parts.rules.items() if r.when not in orphaned and r.drops not in orphaned}
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

    def apply_to(self, parts: Parts) -> None:
        if self.measure.id in parts.measures:
            raise ScheduleError("scenario adds a measure twice", [f"measure {self.measure.id!r} already exists"])
        parts.measures[self.measure.id] = self.measure


@attrs.frozen
class AddSuspension(Change):
    """Add a suspension (its id must be new)."""

    suspension: Suspension

    def apply_to(self, parts: Parts) -> None:
        if self.suspension.id in parts.suspensions:
            raise ScheduleError(
                "scenario adds a suspension twice", [f"suspension {self.suspension.id!r} already exists"]
            )
        parts.suspensions[self.suspension.id] = self.suspension


@attrs.frozen
class RemoveSuspension(Change):
    """Take a suspension out: "as seen before the pause was announced"."""

    suspension: str

    def apply_to(self, parts: Parts) -> None:
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

    def apply_to(self, parts: Parts) -> None:
        old = parts.suspension(self.suspension)
        if old.period.end is None:
            raise ScheduleError("scenario extends a suspension that never ends", [f"suspension {old.id} is open-ended"])
        wanted = Period(old.period.end, self.until)
        # Later suspensions of the same measures keep their own days (and citations):
        # the extension fills the days between them, and stops where each measure ends.
        by_gaps: dict[tuple[Period, ...], set[str]] = {}
        for mid in sorted(old.measures):
            taken = [s.period for s in parts.suspensions.values() if mid in s.measures and s.period.overlaps(wanted)]
            validity = parts.measure(mid).validity
            gaps = tuple(g for piece in minus(wanted, taken) if (g := piece.intersection(validity)) is not None)
            by_gaps.setdefault(gaps, set()).add(mid)
        pieces = [(gap, frozenset(mids)) for gaps, mids in by_gaps.items() for gap in gaps]
        pieces.sort(key=lambda p: (p[0].start, sorted(p[1])))
        met = sorted(
            {s.id for s in parts.suspensions.values() if s.measures & old.measures and s.period.overlaps(wanted)}
        )
        if met:
            parts.notes.append(
                f"{self.id}: extending {old.id} to {self.until or 'no end'} meets the later suspension(s) "
                f"{', '.join(met)}: they keep their days, the extension fills the rest"
            )
        if not pieces:
            parts.notes.append(
                f"{self.id}: nothing left to extend: later suspensions or the measures' end cover {wanted}"
            )
            return
        for n, (gap, mids) in enumerate(pieces):
            sid = self.id if len(pieces) == 1 else f"{self.id}.{n + 1}"
            AddSuspension(Suspension(sid, mids, gap, self.citation, old.replacement)).apply_to(parts)


@attrs.frozen
class SetValidity(Change):
    """Move a measure's validity to ``start``/``end`` (each ``None`` keeps the measure's own; ``open_end`` drops the end)."""

    measure: str
    start: date | None = None
    end: date | None = None
    open_end: bool = False

    def apply_to(self, parts: Parts) -> None:
        m = parts.measure(self.measure)
        end = None if self.open_end else (self.end or m.validity.end)
        parts.measures[self.measure] = with_validity(m, Period(self.start or m.validity.start, end))


@attrs.frozen
class AddRule(Change):
    """Add a stacking rule (its id must be new)."""

    rule: StackingRule

    def apply_to(self, parts: Parts) -> None:
        if self.rule.id in parts.rules:
            raise ScheduleError("scenario adds a rule twice", [f"rule {self.rule.id!r} already exists"])
        parts.rules[self.rule.id] = self.rule


@attrs.frozen
class RemoveRule(Change):
    """Take a stacking rule out."""

    rule: str

    def apply_to(self, parts: Parts) -> None:
        parts.rule(self.rule)
        del parts.rules[self.rule]


@attrs.frozen
class AlterRule(Change):
    """Change a stacking rule's tags, displacement or days (``None`` keeps each; ``open_end`` drops the end)."""

    rule: str
    when: str | None = None
    drops: str | None = None
    displaces: Displacement | None = None
    start: date | None = None
    end: date | None = None
    open_end: bool = False

    def apply_to(self, parts: Parts) -> None:
        r = parts.rule(self.rule)
        end = None if self.open_end else (self.end or r.validity.end)
        parts.rules[self.rule] = attrs.evolve(
            r,
            when=self.when or r.when,
            drops=self.drops or r.drops,
            displaces=self.displaces or r.displaces,
            validity=Period(self.start or r.validity.start, end),
        )


def _measures(values: Iterable[Measure]) -> tuple[Measure, ...]:
    return tuple(values)


def _suspensions(values: Iterable[Suspension]) -> tuple[Suspension, ...]:
    return tuple(values)


def _rules(values: Iterable[StackingRule]) -> tuple[StackingRule, ...]:
    return tuple(values)


@attrs.frozen
class Restore(Change):
    """Put back a schedule's *name*, measures, suspensions and rules (see :meth:`Scenario.undo`)."""

    name: str
    measures: tuple[Measure, ...] = attrs.field(converter=_measures)
    suspensions: tuple[Suspension, ...] = attrs.field(converter=_suspensions)
    rules: tuple[StackingRule, ...] = attrs.field(converter=_rules)

    def apply_to(self, parts: Parts) -> None:
        parts.final_name = self.name
        parts.measures = {m.id: m for m in self.measures}
        parts.suspensions = {s.id: s for s in self.suspensions}
        parts.rules = {r.id: r for r in self.rules}


def _changes(changes: Iterable[Change]) -> tuple[Change, ...]:
    # A typed converter: with ``converter=tuple`` a type checker reads the parameter as ``Iterable[_T_co]``
    # and refuses every change passed to ``Scenario``.
    return tuple(changes)


@attrs.frozen(repr=False)
class Scenario:
    """A named sequence of changes; :meth:`apply` gives a new, checked schedule."""

    name: str
    changes: tuple[Change, ...] = attrs.field(converter=_changes)

    def __repr__(self) -> str:
        kinds = [type(c).__name__ for c in self.changes]
        shown = ", ".join(kinds[:3]) + (f", … {len(kinds) - 3} more" if len(kinds) > 3 else "")
        return reprs.clip(f"<Scenario {self.name!r}: {len(kinds)} change(s): {shown}>")

    def apply(self, schedule: Schedule, *, known: date | str | Any | None = None) -> Schedule:
        """
        The schedule with every change made, named ``"<schedule> + <scenario>"``.

        With ``known``, the changes are made to the law as known on that day
        (the acts that became known later are left out of the copy, and
        resolving it with the same ``known=`` is the natural question: "as
        known in May 2025"). A change that leaves the schedule as it was
        raises :class:`~tariffcalc.errors.ScheduleError` naming the reason.
        """
        return self._built(schedule, self._parts(schedule, known))

    def apply_with_notes(self, schedule: Schedule, *, known: date | None = None) -> tuple[Schedule, tuple[str, ...]]:
        """
        ``(self.apply(schedule, known=known), self.notes(schedule, known=known))``,
        the changes made once for both (``tariffcalc diff`` shows the two).

        >>> from tariffcalc import *
        >>> from tariffcalc.rates import AdValorem
        >>> eo = Instrument("EO 14257", "Reciprocal tariff", known_on=date(2025, 4, 2))
        >>> japan = Measure("reciprocal.jp", "Japan", MeasureKind.ADDITIONAL, AdValorem(24), ProductScope.parse("all"),
        ...                 OriginScope.parse("JP"), Period(date(2025, 4, 9)), Citation(eo, heading="9903.01.53"))
        >>> cut = Scenario("cut to 15%", (SetRate("reciprocal.jp", AdValorem(15)),))
        >>> after, notes = cut.apply_with_notes(Schedule("base", [japan]))
        >>> after == cut.apply(Schedule("base", [japan])), notes
        (True, ())
        """
        parts = self._parts(schedule, known)
        return self._built(schedule, parts), self._notes(schedule, known, parts)

    def _built(self, schedule: Schedule, parts: Parts) -> Schedule:
        try:
            # Checked as a copy of the consistent *schedule*: the measures that changed, not all of them.
            return changed_copy(
                schedule,
                parts.final_name or f"{schedule.name} + {self.name}",
                parts.measures.values(),
                rules=parts.rules.values(),
                suspensions=parts.suspensions.values(),
                groups=parts.groups,
                programmes=parts.programmes,
            )
        except ScheduleError as e:
            e.add_note(f"scenario {self.name!r} leaves schedule {schedule.name!r} inconsistent")
            raise

    def _parts(self, schedule: Schedule, known: date | str | Any | None = None) -> Parts:
        from tariffcalc._validators import require
        from tariffcalc.schedule import Schedule as _Schedule

        require(schedule, _Schedule, "schedule")  # before anything is read from it
        known = None if known is None else as_day(known, "known")
        parts = Parts(schedule, known)
        for change in self.changes:
            before, notes = parts.snapshot(), len(parts.notes)
            change.apply_to(parts)
            if parts.snapshot() == before and not isinstance(change, Restore):
                seen = "the final law" if known is None else f"the law as known on {known}"
                raise ScheduleError(
                    f"scenario {self.name!r}: a change has no effect on {seen} of schedule {schedule.name!r}",
                    [
                        _describe(change),
                        *(parts.notes[notes:] or ["it leaves every measure, suspension and rule as it was"]),
                    ],
                )
        return parts

    def undo(self, schedule: Schedule, *, known: date | str | Any | None = None) -> Scenario:
        """
        The scenario that takes ``self.apply(schedule, known=known)`` back to
        *schedule* itself: the same name, content and fingerprint.
        """
        restore = Restore(schedule.name, schedule.measures, schedule.suspensions, schedule.rules)
        return Scenario(f"undo {self.name}", (restore,))

    def notes(self, schedule: Schedule, *, known: date | str | Any | None = None) -> tuple[str, ...]:
        """
        What the reader of the scenario's answers should know: extensions
        clipped around later suspensions, what each change defined by its
        meaning was translated into (and which later acts it overrides), and
        every stacking rule whose ties change (a rule added, removed or
        altered, or measures whose tags or days change what a rule reaches),
        with the measures it ties.
        """
        known = None if known is None else as_day(known, "known")
        return self._notes(schedule, known, self._parts(schedule, known))

    def _notes(self, schedule: Schedule, known: date | None, parts: Parts) -> tuple[str, ...]:
        out = list(parts.notes)
        seen = Parts(schedule, known)
        before = seen.rules
        after = parts.rules
        old_measures = seen.measures

        def ties(rule: StackingRule, measures: Iterable[Measure]) -> str:
            ms = list(measures)
            winners = sorted(m.id for m in ms if rule.when in m.tags and m.validity.overlaps(rule.validity))
            losers = sorted(m.id for m in ms if rule.drops in m.tags and m.validity.overlaps(rule.validity))
            return f"{few(winners)} over {few(losers)}"

        for rid in sorted(before.keys() | after.keys()):
            if rid not in after:
                out.append(f"rule {rid} removed: it tied {ties(before[rid], old_measures.values())}")
            elif rid not in before:
                out.append(
                    f"rule {rid} added ({after[rid]}, {after[rid].validity}): it ties {ties(after[rid], parts.measures.values())}"
                )
            elif before[rid] != after[rid]:
                details = "; ".join(_fields(before[rid], after[rid]))
                out.append(f"rule {rid} altered ({details}): it now ties {ties(after[rid], parts.measures.values())}")
        for mid, m in sorted(parts.measures.items()):
            old = old_measures.get(mid)
            if old is None or (old.tags == m.tags and old.validity == m.validity):
                continue
            if old.validity == m.validity and old.tags <= m.tags and all(":" in t for t in m.tags - old.tags):
                continue  # tagged to give way to a change's own rule (said by the change's notes)
            new_days = minus(m.validity, [old.validity]) if old.tags == m.tags else [m.validity]
            reaching = sorted(
                {
                    r.id
                    for r in after.values()
                    if (r.when in m.tags or r.drops in m.tags) and any(r.validity.overlaps(p) for p in new_days)
                }
            )
            if reaching:
                days = ", ".join(map(str, new_days))
                out.append(f"measure {mid} now meets the stacking rules {few(reaching, 6)} on {days}")
        return tuple(out)


def _describe(change: Change) -> str:
    """A change in one line, without its citation: ``ExtendSuspension(suspension=..., until=2025-10-01, id=x)``."""
    names = [a.name for a in getattr(type(change), "__attrs_attrs__", ()) if a.name != "citation"]
    fields = ", ".join(f"{n}={getattr(change, n)}" for n in names)
    return f"{type(change).__name__}({fields})"


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
        ("programme", {p.id: p for p in a.programmes}, {p.id: p for p in b.programmes}),
    ):
        for key in sorted(left.keys() | right.keys()):
            if key not in right:
                out.append(Difference("removed", part, key))
            elif key not in left:
                out.append(Difference("added", part, key))
            elif left[key] != right[key]:
                out.append(Difference("changed", part, key, _fields(left[key], right[key])))
    return ScheduleDiff(tuple(out))
