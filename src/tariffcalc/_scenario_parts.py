"""The working copy a scenario edits (private machinery of :mod:`tariffcalc.scenario` and :mod:`tariffcalc.whatif`)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from datetime import date
from typing import Any

import attrs

from tariffcalc import _caches, _consistency
from tariffcalc import _schedule_fields as _fields
from tariffcalc.countries import CountryGroup
from tariffcalc.errors import ScheduleError
from tariffcalc.measures import Measure, MeasureKind, Suspension
from tariffcalc.periods import Period
from tariffcalc.programmes import Programme
from tariffcalc.rules import StackingRule
from tariffcalc.schedule import Schedule, restore

__all__ = ["Parts", "few", "minus"]


class Parts:
    """The mutable working copy a scenario edits before a new schedule is built."""

    def __init__(self, schedule: Schedule, known: date | None = None) -> None:
        self.name = schedule.name
        #: The knowledge date the changes are translated for (``None``: the final law).
        self.known = known
        #: The name of the schedule to build (``None``: "<schedule> + <scenario>").
        self.final_name: str | None = None
        self.measures = {m.id: m for m in schedule.measures}
        self.suspensions = {s.id: s for s in schedule.suspensions}
        self.rules = {r.id: r for r in schedule.rules}
        self.groups = set(schedule.groups)
        self.programmes = set(schedule.programmes)
        #: What the changes did that the reader should know (a clipped extension, ...).
        self.notes: list[str] = []
        if known is not None:
            self._as_known(known)

    def _as_known(self, known: date) -> None:
        """Leave out the acts not known on *known*: the changes are made to the law as it then stood."""
        later = {m.id for m in self.measures.values() if m.citation.instrument.known_on > known}
        self.measures = {mid: m for mid, m in self.measures.items() if mid not in later}
        suspensions = {}
        for sid, s in self.suspensions.items():
            if s.citation.instrument.known_on > known or not s.measures - later:
                continue
            suspensions[sid] = s if not s.measures & later else attrs.evolve(s, measures=s.measures - later)
        carried = {t for m in self.measures.values() for t in m.tags}
        rules = {
            rid: r
            for rid, r in self.rules.items()
            if r.citation.instrument.known_on <= known and r.when in carried and r.drops in carried
        }
        acts = sorted(
            {s.citation.instrument.id for sid, s in self.suspensions.items() if sid not in suspensions}
            | {r.citation.instrument.id for rid, r in self.rules.items() if rid not in rules}
        )
        self.suspensions, self.rules = suspensions, rules
        if later or acts:
            self.notes.append(
                f"as known on {known}: {len(later)} measure(s) and the acts {few(acts, 6)} became known later "
                "and are left out"
            )

    def snapshot(self) -> tuple[dict[str, Measure], dict[str, Suspension], dict[str, StackingRule]]:
        return dict(self.measures), dict(self.suspensions), dict(self.rules)

    def rule(self, rule_id: str) -> StackingRule:
        try:
            return self.rules[rule_id]
        except KeyError:
            raise ScheduleError(
                f"scenario names no stacking rule of schedule {self.name!r}", [_unknown("rule", rule_id, self.rules)]
            ) from None

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


def minus(period: Period, taken: Iterable[Period]) -> list[Period]:
    """The days of *period* outside every period of *taken*, as periods in order."""
    pieces = [period]
    for cut in sorted(taken, key=lambda p: p.start):
        rest: list[Period] = []
        for piece in pieces:
            if not piece.overlaps(cut):
                rest.append(piece)
                continue
            if piece.start < cut.start:
                rest.append(Period(piece.start, cut.start))
            if cut.end is not None and (piece.end is None or cut.end < piece.end):
                rest.append(Period(cut.end, piece.end))
        pieces = rest
    return pieces


def few(ids: list[str], n: int = 4) -> str:
    """The first *n* ids, and how many more: ``a, b, c, d and 2 more``."""
    if not ids:
        return "(none)"
    return ", ".join(ids[:n]) + (f" and {len(ids) - n} more" if len(ids) > n else "")


def with_validity(m: Measure, validity: Period, **changes: Any) -> Measure:
    """
    *m* on *validity* (and *changes*), its amendments kept only where they
    still say something: a scenario that sets an end of its own sets it
    outright (no amendment dates it), one that keeps the measure's end keeps
    the later acts that set it, less those known before the (new) citation
    or whose earlier end is not after the new start (decision 7).
    """
    changed = attrs.evolve(m, validity=validity, amendments=(), **changes)
    if validity.end != m.validity.end or not m.amendments:
        return changed
    since = changed.citation.instrument.known_on
    kept = tuple(
        a for a in m.amendments if a.known_on >= since and (a.previous_end is None or a.previous_end > validity.start)
    )
    return attrs.evolve(changed, amendments=kept) if kept else changed


def changed_copy(
    base: Schedule,
    name: str,
    measures: Iterable[Measure],
    *,
    rules: Iterable[StackingRule],
    suspensions: Iterable[Suspension],
    groups: Iterable[CountryGroup],
    programmes: Iterable[Programme],
) -> Schedule:
    """
    ``Schedule(name, measures, ...)`` with *base*'s horizon and legal status,
    for parts that are *base*'s with some changed (a scenario applied): the
    same schedule, or the same :class:`~tariffcalc.errors.ScheduleError`,
    but checked by :func:`tariffcalc._consistency.problems_of_change`, which
    looks again at the measures that changed and not at the 60,000 others.
    Its index is built when first used.
    """
    if not isinstance(name, str):
        raise TypeError(f"a schedule's name must be text, got {type(name).__name__} {name!r:.60}")
    parts = (_fields.measures(measures), _fields.rules(rules), _fields.suspensions(suspensions))
    copy = restore(name, *parts, _fields.groups(groups), base.horizon, None, _fields.programmes(programmes), base.legal)
    problems = _consistency.problems_of_change(base, copy)
    if problems:
        raise ScheduleError(f"schedule {name!r} is not consistent", problems)
    lines = _caches.recall(base, _caches.LINES)
    if lines is not None and not any(m.kind is MeasureKind.BASE for m in copy.measures ^ base.measures):
        _caches.remember(copy, _caches.LINES, lines)  # the same base measures: the same tariff lines
    return copy
