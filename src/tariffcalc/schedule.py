"""
A schedule: an immutable, checked set of measures, suspensions, stacking
rules and country groups, indexed for resolution.

>>> from datetime import date, datetime
>>> from tariffcalc import *
>>> from tariffcalc.rates import AdValorem
>>> act = Instrument("HTS 2025", "Harmonized Tariff Schedule", known_on=date(2025, 1, 1))
>>> mfn = Measure("mfn.8703.23.01", "Passenger cars", MeasureKind.BASE, AdValorem("2.5"),
...               ProductScope.parse("8703.23.01"), OriginScope.parse("all"),
...               Period(date(2025, 1, 1)), Citation(act, heading="8703.23.01"))
>>> schedule = Schedule("example", [mfn])
>>> r = schedule.resolve("8703.23.01.90", "JP", date(2025, 5, 5), value=40000)
>>> r.rate, r.amount
(Decimal('2.5'), Decimal('1000.00'))
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar

import attrs

from tariffcalc import graph, reprs
from tariffcalc._collector import paused
from tariffcalc._decimals import own_context
from tariffcalc._resolver import Index, measure_by_id, resolve
from tariffcalc.codes import ProductCode
from tariffcalc.countries import Country, CountryGroup, OriginScope
from tariffcalc.entries import Entry, given_contents
from tariffcalc.errors import ScheduleError
from tariffcalc.legal import LegalStatus
from tariffcalc.lines import ProductLines
from tariffcalc.measures import Measure, MeasureKind, Suspension
from tariffcalc.periods import Period, as_day
from tariffcalc.programmes import Programme
from tariffcalc.resolution import Resolution, Rounding
from tariffcalc.rules import StackingRule
from tariffcalc.timeline import Timeline, build_timeline
from tariffcalc.validators import require
from tariffcalc.vocabulary import Vocabulary, unknown_rule_tags

__all__ = ["Schedule"]

_P = TypeVar("_P")


def _check(schedule: Schedule) -> list[str]:
    """Every problem of the schedule, each naming what is involved."""
    problems: list[str] = []
    groups = {g.id: g for g in schedule.groups}

    def duplicates(kind: str, ids: Iterable[str]) -> None:
        seen: dict[str, int] = defaultdict(int)
        for i in ids:
            seen[i] += 1
        problems.extend(
            f"{kind} id {i!r} is used {n} times; ids must be unique" for i, n in sorted(seen.items()) if n > 1
        )

    duplicates("measure", (m.id for m in schedule.measures))
    duplicates("suspension", (s.id for s in schedule.suspensions))
    duplicates("rule", (r.id for r in schedule.rules))
    duplicates("country group", (g.id for g in schedule.groups))
    duplicates("programme", (p.id for p in schedule.programmes))
    answered: dict[str, str] = {}
    for p in sorted(schedule.programmes, key=lambda p: p.id):
        for claim in sorted(p.claims):
            if claim in answered:
                problems.append(f"programmes {answered[claim]} and {p.id} both answer the claim {claim!r}")
            answered.setdefault(claim, p.id)

    for m in sorted(schedule.measures, key=lambda m: m.id):
        for g in sorted(m.origins.group_ids() - groups.keys()):
            problems.append(f"measure {m.id}: unknown country group {g!r}; known groups: {sorted(groups) or 'none'}")

    by_id = {m.id: m for m in schedule.measures}
    per_measure: dict[str, list[Suspension]] = defaultdict(list)
    for s in sorted(schedule.suspensions, key=lambda s: s.id):
        for mid in sorted(s.measures):
            target = by_id.get(mid)
            if target is None:
                problems.append(f"suspension {s.id}: no measure {mid!r} in the schedule")
            elif not s.period.overlaps(target.validity):
                problems.append(
                    f"suspension {s.id}: its period {s.period} does not meet the validity "
                    f"{target.validity} of measure {mid}"
                )
            else:
                per_measure[mid].append(s)
    for mid, suspensions in sorted(per_measure.items()):
        for i, a in enumerate(suspensions):
            for b in suspensions[i + 1 :]:
                if a.period.overlaps(b.period):
                    problems.append(
                        f"suspensions {a.id} ({a.period}) and {b.id} ({b.period}) of measure {mid} overlap; "
                        "end one where the next begins"
                    )

    problems.extend(unknown_rule_tags(schedule.measures, schedule.rules))
    problems.extend(_rule_cycles(schedule.rules))
    problems.extend(_measure_cycles(schedule.measures, schedule.rules))
    problems.extend(_overlaps(schedule.measures, groups))
    return problems


def _rule_cycles(rules: Iterable[StackingRule]) -> list[str]:
    """Cycles among the rules in force on the same day (checked on every day a rule starts)."""
    rules = sorted(rules, key=lambda r: r.id)
    found: set[tuple[str, ...]] = set()
    for day in sorted({r.validity.start for r in rules}):
        edges: dict[str, list[StackingRule]] = defaultdict(list)
        for r in rules:
            if r.validity.contains(day):
                edges[r.when].append(r)
        found.update(_cycles(edges))
    return [
        f"stacking rules {', '.join(cycle)} form a cycle; the tags they name must not displace each other"
        for cycle in sorted(found)
    ]


def _measure_cycles(measures: Iterable[Measure], rules: Iterable[StackingRule]) -> list[str]:
    """
    Measures that could displace each other in a circle although the tags do
    not: rules a->b and c->d with measures tagged {a, d} and {b, c}, or a
    measure carrying both tags of one rule. Checked on the tag sets measures
    carry, on every day a rule starts.
    """
    rules = sorted(rules, key=lambda r: r.id)
    carriers: dict[frozenset[str], list[str]] = defaultdict(list)
    for m in measures:
        if m.tags:
            carriers[m.tags].append(m.id)
    found: set[tuple[str, ...]] = set()
    problems: list[str] = []
    for day in sorted({r.validity.start for r in rules}):
        active = [r for r in rules if r.validity.contains(day)]
        for tags, ids in sorted(carriers.items(), key=lambda kv: sorted(kv[0])):
            for r in active:
                if r.when in tags and r.drops in tags and (r.id, *ids[:1]) not in found:
                    found.add((r.id, *ids[:1]))
                    problems.append(
                        f"measure {min(ids)} carries both tags of rule {r.id} ({r.when} and {r.drops}); "
                        "two such measures would displace each other: give it one of them"
                    )
        tag_edges: dict[str, list[StackingRule]] = defaultdict(list)
        for r in active:
            tag_edges[r.when].append(r)
        if _cycles(tag_edges):
            continue  # the rules themselves form a cycle, reported as such
        # Edges between distinct tag sets; a cycle among them is a circle of measures.
        edges: dict[frozenset[str], set[frozenset[str]]] = defaultdict(set)
        via: dict[tuple[frozenset[str], frozenset[str]], str] = {}
        for r in active:
            for a in carriers:
                if r.when not in a:
                    continue
                for b in carriers:
                    if a != b and r.drops in b:
                        edges[a].add(b)
                        via.setdefault((a, b), r.id)
        for cycle in _set_cycles(edges):
            rule_ids = tuple(sorted({via[(cycle[i], cycle[(i + 1) % len(cycle)])] for i in range(len(cycle))}))
            if rule_ids in found:
                continue
            found.add(rule_ids)
            names = [min(carriers[t]) for t in cycle]
            problems.append(
                f"stacking rules {', '.join(rule_ids)} let measures {', '.join(names)} displace each other in a "
                "circle through the tags they carry; change their tags or the rules"
            )
    return problems


def _set_cycles(edges: Mapping[frozenset[str], set[frozenset[str]]]) -> list[list[frozenset[str]]]:
    """One cycle per strongly connected knot met by a depth-first search (enough to report it)."""
    labelled = {a: [(b, b) for b in sorted(bs, key=sorted)] for a, bs in edges.items()}
    return [[source for source, _, _ in cycle] for cycle in graph.cycles(labelled, key=sorted)]


def _cycles(edges: Mapping[str, list[StackingRule]]) -> set[tuple[str, ...]]:
    """The rule ids of every cycle a depth-first search meets in the tag graph."""
    labelled = {tag: [(r.drops, r) for r in rules] for tag, rules in edges.items()}
    return {tuple(sorted(r.id for _, _, r in cycle)) for cycle in graph.cycles(labelled)}


def _always_excluded(scope: OriginScope, country: Country, groups: Mapping[str, CountryGroup]) -> bool:
    return country in scope.excluded or any(country in groups[g].ever() for g in scope.excluded_groups if g in groups)


def _origins_meet(a: OriginScope, b: OriginScope, groups: Mapping[str, CountryGroup]) -> bool:
    known = {g: groups[g] for g in a.group_ids() | b.group_ids() if g in groups}
    reach_a = a.may_reach(known) if a.groups <= known.keys() else None
    reach_b = b.may_reach(known) if b.groups <= known.keys() else None
    if reach_a is None and reach_b is None:
        return True
    if reach_a is None or reach_b is None:
        finite, other = (reach_b, a) if reach_a is None else (reach_a, b)
        assert finite is not None
        own = b if reach_a is None else a
        return any(not _always_excluded(other, c, known) and not _always_excluded(own, c, known) for c in finite)
    return any(not _always_excluded(a, c, known) and not _always_excluded(b, c, known) for c in reach_a & reach_b)


def _overlaps(measures: Iterable[Measure], groups: Mapping[str, CountryGroup]) -> list[str]:
    """Measures of the same kind, product scope, basis and tags whose origins and periods meet."""
    families: dict[tuple[Any, ...], list[Measure]] = defaultdict(list)
    for m in measures:
        families[(m.kind, m.products, m.basis, m.tags)].append(m)
    problems = []
    meets: dict[tuple[OriginScope, OriginScope], bool] = {}  # few distinct scopes, many measures
    for family in families.values():
        if len(family) < 2:
            continue
        family.sort(key=lambda m: (m.validity.start, m.id))
        for i, a in enumerate(family):
            for b in family[i + 1 :]:
                if a.validity.end is not None and b.validity.start >= a.validity.end:
                    break  # sorted by start: no later one meets *a* either
                pair = (a.origins, b.origins)
                if pair not in meets:
                    meets[pair] = _origins_meet(a.origins, b.origins, groups)
                if meets[pair]:
                    problems.append(
                        f"measures {a.id} ({a.validity}) and {b.id} ({b.validity}) are both {a.kind} measures on "
                        f"{a.products} from overlapping origins ({a.origins} / {b.origins}) on overlapping days; "
                        "end one where the other begins, or tell them apart by origin"
                    )
    return problems


_FINGERPRINTED: dict[type, tuple[tuple[str, bool], ...]] = {}


def _fingerprinted(cls: type) -> tuple[tuple[str, bool], ...]:
    """
    The fields of attrs class *cls* a fingerprint reads, each with whether
    it is left out when empty (a field added later, so that values without
    it keep the fingerprint they had).
    """
    found = _FINGERPRINTED.get(cls)
    if found is None:
        found = _FINGERPRINTED[cls] = tuple(
            (f.name, f.metadata.get("fingerprint") == "unless-empty") for f in attrs.fields(cls) if f.eq
        )
    return found


def _canonical(value: Any, memo: dict[int, str]) -> str:
    """A JSON text of a value that does not depend on set order or hash seeds (shared parts computed once)."""
    key = id(value)
    if key in memo:
        return memo[key]
    if attrs.has(type(value)):
        parts = [json.dumps(type(value).__name__)]
        for name, unless_empty in _fingerprinted(type(value)):
            field = getattr(value, name)
            if field or not unless_empty:
                parts.append(_canonical(field, memo))
        result = "[" + ",".join(parts) + "]"
    elif isinstance(value, frozenset | set):
        result = "[" + ",".join(sorted(_canonical(v, memo) for v in value)) + "]"
    elif isinstance(value, tuple | list):
        result = "[" + ",".join(_canonical(v, memo) for v in value) + "]"
    elif isinstance(value, Enum):
        result = json.dumps(value.value)
    elif isinstance(value, Decimal | date):
        result = json.dumps(str(value))
    else:
        result = json.dumps(value)
    memo[key] = result
    return result


def _parts(kind: str, cls: type[_P], values: Iterable[_P]) -> frozenset[_P]:
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise TypeError(f"a schedule's {kind}s must be an iterable of {cls.__name__}, got {type(values).__name__}")
    parts = frozenset(values)
    for part in parts:
        if not isinstance(part, cls):
            raise TypeError(
                f"a schedule's {kind}s must be {cls.__name__} values, got {type(part).__name__} {part!r:.60}"
            )
    return parts


def _measures(values: Iterable[Measure]) -> frozenset[Measure]:
    return _parts("measure", Measure, values)


def _rules(values: Iterable[StackingRule]) -> frozenset[StackingRule]:
    return _parts("rule", StackingRule, values)


def _suspensions(values: Iterable[Suspension]) -> frozenset[Suspension]:
    return _parts("suspension", Suspension, values)


def _groups(values: Iterable[CountryGroup]) -> frozenset[CountryGroup]:
    return _parts("country group", CountryGroup, values)


def _name(_instance: Any, _attribute: Any, name: str) -> None:
    if not isinstance(name, str):
        raise TypeError(f"a schedule's name must be text, got {type(name).__name__} {name!r:.60}")


def _closed_horizon(_schedule: object, _attribute: object, horizon: Period | None) -> None:
    if horizon is None:
        return
    if not isinstance(horizon, Period):
        raise TypeError(f"a schedule's horizon is a Period or None, got {type(horizon).__name__} {horizon!r}")
    if horizon.end is None:
        raise ScheduleError(
            f"a schedule's horizon needs a last day, got the open period {horizon}",
            ["give the period its sources confirm, e.g. Period.parse('2025-01-01/2026-06-28')"],
        )


def _knowledge_date(known: object) -> date | None:
    return None if known is None else as_day(known, "known")


def restore(
    name: str,
    measures: Iterable[Measure],
    rules: Iterable[StackingRule],
    suspensions: Iterable[Suspension],
    groups: Iterable[CountryGroup],
    horizon: Period | None,
    fingerprint: str | None = None,
    programmes: Iterable[Programme] = (),
    legal: LegalStatus | None = None,
    vocabulary: Vocabulary | None = None,
) -> Schedule:
    """
    A schedule of parts that were checked together when it was first built
    (unpickling, a verified cache): not checked again; its index is rebuilt
    when it is first used (a worker that unpickles a schedule it never
    resolves with does not pay for it). *vocabulary*: the words it was
    stored with (a cached one-chapter view knows the whole schedule's).
    """
    measures, rules, suspensions = list(measures), list(rules), list(suspensions)
    groups, programmes = list(groups), sorted(programmes, key=lambda p: p.id)
    schedule: Schedule = object.__new__(Schedule)
    index = _LazyIndex(
        schedule, lambda: Index(name, measures, rules, suspensions, {g.id: g for g in groups}, programmes, horizon)
    )
    schedule.__setstate__(  # type: ignore[attr-defined]  # attrs' own unpickling path
        {
            "name": name,
            "measures": frozenset(measures),
            "rules": frozenset(rules),
            "suspensions": frozenset(suspensions),
            "groups": frozenset(groups),
            "programmes": frozenset(programmes),
            "horizon": horizon,
            "legal": legal,
            "_index": index,
            "_memo": {} if fingerprint is None else {"fingerprint": fingerprint},
        }
    )
    if vocabulary is not None:
        schedule._memo["vocabulary"] = schedule._memo["stored vocabulary"] = vocabulary
    return schedule


class _LazyIndex:
    """
    A restored schedule's index until it is first used: then built (as
    :func:`restore` says) and put in its place.
    """

    __slots__ = ("_build", "_lock", "_schedule")

    def __init__(self, schedule: Schedule, build: Callable[[], Index]) -> None:
        self._schedule = schedule
        self._build = build
        self._lock = threading.Lock()  # threads that resolve at once build it once

    def __getattr__(self, name: str) -> Any:
        schedule = self._schedule
        index: object = schedule._index
        if index is self:
            with self._lock:
                if schedule._index is self:  # type: ignore[comparison-overlap]  # it stands for the Index
                    with paused():  # 64,000 measures indexed: nothing of it is garbage
                        object.__setattr__(schedule, "_index", self._build())
            index = schedule._index
        return getattr(index, name)


def packaged_schedule(name: str, fingerprint: str) -> Schedule:
    """The packaged schedule *name* of this process, which must have *fingerprint* (unpickling)."""
    from tariffcalc.datasets import load_schedule

    schedule = load_schedule(name)
    if schedule.fingerprint != fingerprint:
        raise ScheduleError(
            f"the packaged schedule {name!r} of this process is not the one pickled",
            [f"pickled fingerprint {fingerprint}, here {schedule.fingerprint}: install the same tariffcalc and data"],
        )
    return schedule


def _programmes(values: Iterable[Programme]) -> frozenset[Programme]:
    return frozenset(values)


@attrs.frozen(cache_hash=True, repr=False)
class Schedule:
    """
    An immutable set of measures, suspensions, stacking rules and country
    groups. It is checked when built: every problem found is reported at
    once in a :class:`ScheduleError`. Order never matters: the parts are
    kept as sets.

    ``programmes`` (optional) say which origins are beneficiaries of a
    preference programme on which days: a claim of one of them from any
    other origin is refused and reported (see :mod:`tariffcalc.programmes`).
    Claims of no programme are taken as made.

    Entries may only claim and declare the words the schedule knows (its
    :attr:`vocabulary`); a stacking rule may only name tags its measures
    carry (unless no measure carries any tag: a rules-only schedule).
    """

    name: str = attrs.field(validator=_name)
    measures: frozenset[Measure] = attrs.field(default=frozenset(), converter=_measures)
    rules: frozenset[StackingRule] = attrs.field(default=frozenset(), converter=_rules, kw_only=True)
    suspensions: frozenset[Suspension] = attrs.field(default=frozenset(), converter=_suspensions, kw_only=True)
    groups: frozenset[CountryGroup] = attrs.field(default=frozenset(), converter=_groups, kw_only=True)
    programmes: frozenset[Programme] = attrs.field(default=frozenset(), converter=_programmes, kw_only=True)
    #: The days its sources confirm (``None``: not stated). An answer for a day
    #: outside it is still computed, but carries a warning.
    horizon: Period | None = attrs.field(default=None, validator=_closed_horizon, kw_only=True)
    #: The legal status of the authorities its duties rest on (court rulings,
    #: refunds); shown on every line, never changing an amount.
    legal: LegalStatus | None = attrs.field(default=None, kw_only=True)
    _index: Index = attrs.field(init=False, eq=False, hash=False, repr=False)
    _memo: dict[str, Any] = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __repr__(self) -> str:
        return reprs.schedule_repr(self)

    def _repr_html_(self) -> str:
        return reprs.schedule_html(self)

    def __attrs_post_init__(self) -> None:
        problems = _check(self)
        if problems:
            raise ScheduleError(f"schedule {self.name!r} is not consistent", problems)
        groups = {g.id: g for g in self.groups}
        object.__setattr__(
            self,
            "_index",
            Index(
                self.name,
                list(self.measures),
                list(self.rules),
                list(self.suspensions),
                groups,
                sorted(self.programmes, key=lambda p: p.id),
                self.horizon,
            ),
        )
        object.__setattr__(self, "_memo", {})

    def __reduce__(self) -> tuple[Any, ...]:
        """
        Pickle compactly: a packaged schedule by its name and fingerprint (the
        receiving process loads it, and refuses one whose content differs);
        one derived from a packaged schedule of this process as that one's
        name and fingerprint and the measures that differ; any other by its
        parts, each shared value written once, compressed and checksummed (see
        :mod:`tariffcalc._packing`). Never the index, which is rebuilt when
        first used; nothing is checked again that was checked when it was built.
        """
        packaged = self._memo.get("packaged")
        if packaged is not None:
            return (packaged_schedule, (packaged, self.fingerprint))
        from tariffcalc._packing import pack, unpack  # only when pickling: not on every import

        packed = pack(self)  # the measures as columns of shared values (see tariffcalc._packing)
        if packed is not None:
            return (unpack, (packed,))
        parts = (tuple(self.measures), tuple(self.rules), tuple(self.suspensions), tuple(self.groups))
        extra = (tuple(self.programmes), self.legal, self._memo.get("stored vocabulary"))
        return (restore, (self.name, *parts, self.horizon, self._memo.get("fingerprint"), *extra))

    @classmethod
    def combine(cls, name: str, *schedules: Schedule, horizon: Period | None = None) -> Schedule:
        """
        One schedule with every part of *schedules* (checked again as a whole),
        their legal statuses combined, and the *horizon* its sources confirm
        (the parts' horizons are not guessed at: say it).

        >>> Schedule.combine("both", Schedule("a"), Schedule("b")).name
        'both'
        """
        for i, s in enumerate(schedules):
            require(s, Schedule, f"schedules[{i}]")
        return cls(
            name,
            [m for s in schedules for m in s.measures],
            rules=[r for s in schedules for r in s.rules],
            suspensions=[p for s in schedules for p in s.suspensions],
            groups=[g for s in schedules for g in s.groups],
            programmes=[p for s in schedules for p in s.programmes],
            horizon=horizon,
            legal=LegalStatus.combine(*(s.legal for s in schedules)),
        )

    @property
    def fingerprint(self) -> str:
        """A sha256 of the schedule's content, independent of order: the same content, the same hash."""
        if "fingerprint" not in self._memo:
            memo: dict[int, str] = {}
            parts: tuple[Any, ...] = (self.name, self.measures, self.rules, self.suspensions, self.groups)
            if self.programmes:  # a schedule without programmes keeps the fingerprint it always had
                parts += (self.programmes,)
            if self.horizon is not None:  # schedules without one keep the fingerprint they always had
                parts += (str(self.horizon),)
            text = "[" + ",".join(_canonical(part, memo) for part in parts) + "]"
            self._memo["fingerprint"] = hashlib.sha256(text.encode()).hexdigest()
        fingerprint: str = self._memo["fingerprint"]
        return fingerprint

    @property
    def vocabulary(self) -> Vocabulary:
        """
        The claim, content, tag and unit words the schedule's measures use.

        >>> sorted(Schedule("empty").vocabulary.claims)
        []
        """
        if "vocabulary" not in self._memo:
            self._memo["vocabulary"] = Vocabulary.of(self.measures, self.suspensions, self.programmes)
        vocabulary: Vocabulary = self._memo["vocabulary"]
        return vocabulary

    def check_entry(self, entry: Entry) -> None:
        """
        Raise :class:`~tariffcalc.errors.UnknownNameError` when *entry*
        claims or declares a word the schedule does not know.
        """
        require(entry, Entry, "entry")
        if entry.claims or entry.contents or entry.quantities:
            aliases = {p.id: p.claims for p in self.programmes}
            self.vocabulary.check(entry, self.name, aliases)

    def measure(self, measure_id: str) -> Measure:
        """
        The measure with id *measure_id*.

        >>> Schedule("empty").measure("nope")
        Traceback (most recent call last):
        ...
        tariffcalc.errors.ScheduleError: schedule 'empty' has no measure 'nope' (1 problem(s)):
          - known ids start with: (none)
        """
        found = measure_by_id(self, measure_id)
        if found is not None:
            return found
        known = sorted(m.id for m in self.measures)[:5]
        raise ScheduleError(
            f"schedule {self.name!r} has no measure {measure_id!r}",
            [f"known ids start with: {', '.join(known) or '(none)'}"],
        )

    def codes(self, on: date | None = None) -> list[str]:
        """
        The product lines the schedule's base measures cover (in force on
        *on*, when given), sorted, as dotted codes.

        >>> Schedule("empty").codes()
        []
        """
        found = {
            str(prefix)
            for m in self.measures
            if m.kind is MeasureKind.BASE and (on is None or m.validity.contains(on))
            for prefix in m.products.include
        }
        return sorted(found)

    @own_context
    def resolve(
        self,
        product: ProductCode | str,
        origin: Country | str,
        on: date | str,
        *,
        value: Decimal | int | str | float | None = None,
        quantities: Mapping[str, Decimal | int | str] | None = None,
        contents: Mapping[str, Decimal | int | str] | None = None,
        loaded: date | str | None = None,
        claims: Iterable[str] | None = (),
        rounding: Rounding = Rounding(),  # noqa: B008  # immutable value
        known: date | str | None = None,
        strict: bool = True,
        content: Mapping[str, Decimal | int | str] | None = None,
    ) -> Resolution:
        """
        The duty on *product* from *origin* entered on *on*, with the facts of
        the entry: customs ``value``, ``quantities`` by unit, declared
        ``contents`` values (``steel``, ``aluminum``, ``us``), the day the goods
        were ``loaded`` and the programmes or exemptions ``claims``-ed
        (``content=`` is the deprecated spelling of ``contents=``).

        With ``known``, the law as known on that day: measures, conditions,
        suspensions and rules whose instrument became known later (even
        retroactively) are left out. ``known=on`` is the entry *as filed*;
        without it, the *final* law.

        A claim or content the schedule does not know (see :attr:`vocabulary`)
        raises :class:`~tariffcalc.errors.UnknownNameError`; a programme claim
        from an origin that is not a beneficiary on *on* is not honoured and
        is reported as :class:`~tariffcalc.reasons.IneligibleClaim`.

        With ``strict`` (the default) a code that is not a product line of the
        schedule on that day raises :class:`~tariffcalc.errors.InvalidCodeError`
        naming nearby lines (see :meth:`check_product`); ``strict=False``
        resolves it anyway, through whatever measures cover it.
        """
        contents = given_contents(contents, content)
        entry = Entry.of(
            product, origin, on, value=value, quantities=quantities, contents=contents, loaded=loaded, claims=claims
        )
        _rounding(rounding)
        if strict:
            self.check_product(entry.product, entry.on)
        self.check_entry(entry)
        return resolve(self, entry, rounding, _knowledge_date(known), annotated=True)

    def check_product(self, product: ProductCode | str, on: date) -> None:
        """
        Raise :class:`~tariffcalc.errors.InvalidCodeError` unless *product*
        is a product line on *on*: named by a base measure in force that day,
        or under such a line that has no lines of the code's length. A
        schedule with no base measure in force that day accepts every code
        (see :mod:`tariffcalc.lines`).
        """
        lines = self._memo.get("lines")
        if lines is None:
            lines = self._memo["lines"] = ProductLines.of(self.measures)
        lines.check(product, as_day(on, "on"), self.name)

    @own_context
    def timeline(
        self,
        product: ProductCode | str,
        origin: Country | str,
        period: Period,
        *,
        value: Decimal | int | str | float | None = None,
        quantities: Mapping[str, Decimal | int | str] | None = None,
        contents: Mapping[str, Decimal | int | str] | None = None,
        loaded: date | str | None = None,
        claims: Iterable[str] | None = (),
        rounding: Rounding = Rounding(),  # noqa: B008  # immutable value
        known: date | str | None = None,
        strict: bool = True,
        content: Mapping[str, Decimal | int | str] | None = None,
    ) -> Timeline:
        """
        The resolution of an entry on every day of *period* (which needs an
        end), as segments that change only where something in the schedule does.
        With ``strict``, the code must be a product line on the first day (see :meth:`resolve`).
        """
        if not isinstance(period, Period):
            raise TypeError(f"period must be a Period, got {type(period).__name__} {period!r:.40}")
        contents = given_contents(contents, content)
        entry = Entry.of(
            product,
            origin,
            period.start,
            value=value,
            quantities=quantities,
            contents=contents,
            loaded=loaded,
            claims=claims,
        )
        _rounding(rounding)
        if strict:
            self.check_product(entry.product, entry.on)
        self.check_entry(entry)
        return build_timeline(self, entry, period, rounding, _knowledge_date(known))

    @own_context
    def resolve_entry(
        self,
        entry: Entry,
        rounding: Rounding = Rounding(),  # noqa: B008  # immutable value
        known: date | str | None = None,
    ) -> Resolution:
        """
        Resolve a prepared :class:`Entry` (its claims and contents checked as in
        :meth:`resolve`, its code not: see :meth:`check_product`; with the law as
        known on ``known``, when given).
        """
        if not isinstance(entry, Entry):
            raise TypeError(f"entry must be an Entry, got {type(entry).__name__}")
        _rounding(rounding)
        self.check_entry(entry)
        return resolve(self, entry, rounding, _knowledge_date(known), annotated=True)


def _rounding(rounding: object) -> None:
    if not isinstance(rounding, Rounding):
        raise TypeError(f"rounding must be a Rounding, got {type(rounding).__name__} {rounding!r:.40}")
