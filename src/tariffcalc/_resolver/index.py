"""
The resolver's index of one schedule: its measures by product prefix and
origin reach, its rules by day, its suspensions by measure. Built once
when the schedule is built; private to the schedule (reach it through the
functions of :mod:`tariffcalc._resolver`).
"""

from __future__ import annotations

import copy
import functools
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from tariffcalc.entries import Entry
from tariffcalc.measures import Measure, Suspension
from tariffcalc.periods import Period
from tariffcalc.rules import StackingRule

if TYPE_CHECKING:
    from tariffcalc.codes import ProductCode
    from tariffcalc.countries import Country, CountryGroup
    from tariffcalc.programmes import Programme

__all__ = ["Index"]

T = TypeVar("T")


class _Table(dict[Any, Any]):
    """A cache table (a plain dict, named apart from the memos that call)."""


class Index:
    """What the resolver needs from a schedule, precomputed once."""

    __slots__ = (
        "_memos",
        "by_id",
        "by_prefix",
        "carve_outs",
        "changes",
        "everything",
        "everything_for",
        "groups",
        "horizon",
        "name",
        "programmes",
        "reach",
        "rules",
        "rules_by_day",
        "suspensions",
    )

    def __init__(
        self,
        name: str,
        measures: Sequence[Measure],
        rules: Sequence[StackingRule],
        suspensions: Sequence[Suspension],
        groups: Mapping[str, CountryGroup],
        programmes: Sequence[Programme] = (),
        horizon: Period | None = None,
    ) -> None:
        self.name = name
        self.horizon = horizon
        #: The programme each checked claim belongs to.
        self.programmes: dict[str, Programme] = {c: p for p in programmes for c in p.claims}
        self.by_id = {m.id: m for m in measures}
        by_prefix: dict[str, list[Measure]] = {}
        everything: list[Measure] = []
        for m in sorted(measures, key=lambda m: m.id):
            if m.products.everything:
                everything.append(m)
            for prefix in m.products.include:
                by_prefix.setdefault(prefix.digits, []).append(m)
        self.by_prefix = {k: tuple(v) for k, v in by_prefix.items()}
        self.everything = tuple(everything)
        self.rules = tuple(sorted(rules, key=lambda r: r.id))
        cuts = sorted({d for r in self.rules for d in (r.validity.start, r.validity.end) if d is not None})
        stretches = [date.min, *cuts]
        self.rules_by_day: tuple[list[date], list[tuple[StackingRule, ...]]] = (
            cuts,
            [tuple(r for r in self.rules if r.validity.contains(d)) for d in stretches],
        )
        by_measure: dict[str, list[Suspension]] = {}
        for s in sorted(suspensions, key=lambda s: s.id):
            for mid in s.measures:
                by_measure.setdefault(mid, []).append(s)
        self.suspensions = {k: tuple(v) for k, v in by_measure.items()}
        self.groups = groups
        # The countries a measure may ever reach (None: all but a few), so that a
        # measure for other countries is passed over without testing its scope.
        self.reach: dict[str, frozenset[Country] | None] = {}
        for m in measures:
            reach = m.origins.may_reach(groups) if m.origins.groups <= groups.keys() else None
            self.reach[m.id] = reach
        # Carve-outs by digits, so a product is tested against them in five look-ups, not one per prefix.
        self.carve_outs: dict[str, dict[str, ProductCode]] = {}
        for m in measures:
            if m.products.exclude:
                self.carve_outs[m.id] = {p.digits: p for p in m.products.exclude}
        # The measures for all products that may reach an origin: by origin for the origins some
        # measure names, and one tuple for every other origin.
        named = {c for m in everything if (r := self.reach[m.id]) is not None for c in r}
        self.everything_for: dict[Country | None, tuple[Measure, ...]] = {
            c: tuple(m for m in everything if (r := self.reach[m.id]) is None or c in r) for c in named
        }
        self.everything_for[None] = tuple(m for m in everything if self.reach[m.id] is None)
        #: The days on which something that is not a measure's own validity changes
        #: what step 1 decides: group memberships, and the rules in force.
        self.changes = frozenset(
            {d for g in groups.values() for d in g.boundaries()}
            | {d for r in self.rules for d in (r.validity.start, r.validity.end) if d is not None}
            | {a.previous_end for r in self.rules for a in r.amendments if a.previous_end is not None}
        )
        self._memos: dict[str, Any] = {}

    def __getstate__(self) -> dict[str, object]:
        # Slotted without a __dict__: pickle protocols 0 and 1 need the state spelled out.
        # The caches are not pickled: they refill as entries are resolved.
        return {slot: getattr(self, slot) for slot in self.__slots__ if slot != "_memos"}

    def __setstate__(self, state: dict[str, object]) -> None:
        for slot, value in state.items():
            setattr(self, slot, value)
        self._memos = {}

    def state(self) -> dict[str, object]:
        """A deep copy of the index's slots, less its caches."""
        return {slot: copy.deepcopy(getattr(self, slot)) for slot in self.__slots__ if slot != "_memos"}

    def memo(self, name: str, build: Callable[..., T], size: int) -> Callable[..., T]:
        """
        *build* (called with this index first) behind a cache of the *size*
        latest results, one per *name* for the life of the index. Safe under
        threads: two threads may build the same value, and one insert is lost.
        """
        found = self._memos.get(name)
        if found is None:
            found = self._memos[name] = functools.lru_cache(maxsize=size)(functools.partial(build, self))
        return found

    def refused(self, entry: Entry) -> dict[str, Programme]:
        """The claims of *entry* that a programme does not honour for its origin on its date."""
        refused = {}
        for claim in entry.claims:
            programme = self.programmes.get(claim)
            if programme is not None and not programme.eligible(entry.origin, entry.on):
                refused[claim] = programme
        return refused

    def rules_on(self, day: date, known: date | None = None) -> tuple[StackingRule, ...]:
        """
        The rules in force on *day* (and known on *known*, when given), by id;
        without *known*, one of a few tuples kept for the life of the index.
        """
        if known is None:
            # The rules in force between two consecutive days on which one starts or ends.
            return self.rules_by_day[1][bisect_right(self.rules_by_day[0], day)]
        return tuple(
            r
            for r in self.rules
            if r.validity_as_known(known).contains(day) and r.citation.instrument.known_on <= known
        )

    def table(self, name: str, size: int) -> dict[Any, Any]:
        """
        A dict kept for the life of the index under *name*, emptied when it
        holds more than *size* items (a cache; under threads an insert may be lost).
        """
        found = self._memos.get(name)
        if found is None:
            found = self._memos[name] = _Table()
        if len(found) > size:
            found.clear()
        return found

    def candidates(self, digits: str, origin: Country | None = None) -> list[Measure]:
        """
        Measures whose include prefixes or ``all`` reach the product, each once,
        by id; with *origin*, without the measures for all products that can
        never reach that origin (they are no candidates for it).
        """
        everything = self.everything if origin is None else self._everything_for(origin)
        by_prefix = self.by_prefix
        matched: list[Measure] = []
        for n in (2, 4, 6, 8, 10):
            if n > len(digits):
                break
            matched.extend(by_prefix.get(digits[:n], ()))
        if not matched:
            return list(everything)
        found: dict[str, Measure] = {m.id: m for m in everything}
        for m in matched:
            found[m.id] = m
        return [found[k] for k in sorted(found)]

    def _everything_for(self, origin: Country) -> tuple[Measure, ...]:
        found = self.everything_for.get(origin)
        return self.everything_for[None] if found is None else found

    def carve_out(self, measure: Measure, digits: str) -> ProductCode | None:
        """The carve-out of *measure* that removes the product (the widest, as ``ProductScope.carve_out``)."""
        carve_outs = self.carve_outs.get(measure.id)
        if carve_outs is None:
            return None
        for n in (2, 4, 6, 8, 10):
            if n > len(digits):
                break
            found = carve_outs.get(digits[:n])
            if found is not None:
                return found
        return None
