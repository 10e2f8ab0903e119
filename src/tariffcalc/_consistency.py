"""
The rules a schedule keeps, each a function whose docstring states it;
:func:`problems` runs them in order when a schedule is built, and every
problem found is reported at once (each naming what is involved):

1. :func:`unique_ids`: measures, suspensions, rules, groups and programmes have unique ids;
2. :func:`one_programme_per_claim`: no claim is answered by two programmes;
3. :func:`known_groups`: the country groups measures name exist;
4. :func:`suspensions_meet_their_measures`: a suspension names measures it can suspend;
5. :func:`suspensions_do_not_overlap`: one suspension of a measure at a time;
6. :func:`rule_tags_known`: a stacking rule names tags measures carry;
7. :func:`no_rule_cycle`: rules in force together do not displace each other in a circle;
8. :func:`no_measure_circle`: nor do the measures, through the tags they carry;
9. :func:`no_overlapping_measures`: one measure per family, origin and day.

Use it through :class:`tariffcalc.Schedule`, which runs them.
:func:`problems_of_change` gives the same problems for a changed copy of a
consistent schedule (a scenario applied) while looking, for the rules of one
measure and its family, only at the measures that changed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from tariffcalc import _graph as graph
from tariffcalc.countries import Country, CountryGroup, OriginScope
from tariffcalc.measures import Measure, Suspension
from tariffcalc.rules import StackingRule
from tariffcalc.vocabulary import unknown_rule_tags

if TYPE_CHECKING:
    from tariffcalc.programmes import Programme


class Schedule(Protocol):
    """What the rules read of a schedule (a :class:`tariffcalc.Schedule`, or some of its measures)."""

    @property
    def measures(self) -> frozenset[Measure]: ...
    @property
    def suspensions(self) -> frozenset[Suspension]: ...
    @property
    def rules(self) -> frozenset[StackingRule]: ...
    @property
    def groups(self) -> frozenset[CountryGroup]: ...
    @property
    def programmes(self) -> frozenset[Programme]: ...


@attrs.frozen
class _Some:
    """Some measures of a schedule, with all its other parts: what a rule of single measures needs to see."""

    measures: frozenset[Measure]
    suspensions: frozenset[Suspension]
    rules: frozenset[StackingRule]
    groups: frozenset[CountryGroup]
    programmes: frozenset[Programme]


__all__ = [
    "RULES",
    "known_groups",
    "no_measure_circle",
    "no_overlapping_measures",
    "no_rule_cycle",
    "one_programme_per_claim",
    "problems",
    "problems_of_change",
    "rule_tags_known",
    "suspensions_do_not_overlap",
    "suspensions_meet_their_measures",
    "unique_ids",
]


def problems(schedule: Schedule) -> list[str]:
    """Every problem of *schedule*, rule by rule in the order of :data:`RULES`."""
    return [problem for rule in RULES for problem in rule(schedule)]


def _family(m: Measure) -> tuple[Any, ...]:
    """What two measures share when :func:`no_overlapping_measures` compares them."""
    return (m.kind, m.products, m.basis, m.tags)


def problems_of_change(before: Schedule, after: Schedule) -> list[str]:
    """
    Every problem of *after*, a changed copy of the consistent schedule
    *before* (or of a subset of its measures, suspensions and rules), the
    same as :func:`problems` gives: the rules of one measure
    (:func:`known_groups`) look only at the measures that changed, and
    :func:`no_overlapping_measures` only at their families; every other rule
    (ids, suspensions, stacking rules, programmes) sees the whole of *after*.
    With other country groups than *before*'s, every rule sees everything.
    """
    if after.groups != before.groups:
        return problems(after)
    changed = after.measures - before.measures
    families = {_family(m) for m in changed}
    others = (after.suspensions, after.rules, after.groups, after.programmes)
    own = _Some(frozenset(changed), *others)
    kinds, tags = {m.kind for m in changed}, {m.tags for m in changed}
    near = (m for m in after.measures if m.kind in kinds and m.tags in tags and _family(m) in families)
    met = _Some(frozenset(near), *others)
    seen: dict[Callable[[Schedule], list[str]], Schedule] = {known_groups: own, no_overlapping_measures: met}
    return [problem for rule in RULES for problem in rule(seen.get(rule, after))]


def unique_ids(schedule: Schedule) -> list[str]:
    """Each measure, suspension, rule, country group and programme has an id no other of its kind uses."""
    found: list[str] = []
    for kind, ids in (
        ("measure", [m.id for m in schedule.measures]),
        ("suspension", [s.id for s in schedule.suspensions]),
        ("rule", [r.id for r in schedule.rules]),
        ("country group", [g.id for g in schedule.groups]),
        ("programme", [p.id for p in schedule.programmes]),
    ):
        if len(set(ids)) == len(ids):
            continue  # the common case, seen at once
        seen: dict[str, int] = defaultdict(int)
        for i in ids:
            seen[i] += 1
        found.extend(f"{kind} id {i!r} is used {n} times; ids must be unique" for i, n in sorted(seen.items()) if n > 1)
    return found


def one_programme_per_claim(schedule: Schedule) -> list[str]:
    """A claim is answered by one programme at most (else which beneficiaries count would be a guess)."""
    found: list[str] = []
    answered: dict[str, str] = {}
    for p in sorted(schedule.programmes, key=lambda p: p.id):
        for claim in sorted(p.claims):
            if claim in answered:
                found.append(f"programmes {answered[claim]} and {p.id} both answer the claim {claim!r}")
            answered.setdefault(claim, p.id)
    return found


def known_groups(schedule: Schedule) -> list[str]:
    """Every country group a measure's origins name is a group of the schedule."""
    groups = {g.id for g in schedule.groups}
    return [
        f"measure {m.id}: unknown country group {g!r}; known groups: {sorted(groups) or 'none'}"
        for m in sorted(schedule.measures, key=lambda m: m.id)
        for g in sorted(m.origins.group_ids() - groups)
    ]


def suspensions_meet_their_measures(schedule: Schedule) -> list[str]:
    """A suspension names measures of the schedule, and its period meets each one's validity."""
    by_id = {m.id: m for m in schedule.measures}
    found: list[str] = []
    for s in sorted(schedule.suspensions, key=lambda s: s.id):
        for mid in sorted(s.measures):
            target = by_id.get(mid)
            if target is None:
                found.append(f"suspension {s.id}: no measure {mid!r} in the schedule")
            elif not s.period.overlaps(target.validity):
                found.append(
                    f"suspension {s.id}: its period {s.period} does not meet the validity "
                    f"{target.validity} of measure {mid}"
                )
    return found


def suspensions_do_not_overlap(schedule: Schedule) -> list[str]:
    """
    The suspensions of one measure do not overlap: one ends where the next
    begins (those that do not meet their measure are reported by
    :func:`suspensions_meet_their_measures` instead).
    """
    by_id = {m.id: m for m in schedule.measures}
    per_measure: dict[str, list[Suspension]] = defaultdict(list)
    for s in sorted(schedule.suspensions, key=lambda s: s.id):
        for mid in sorted(s.measures):
            target = by_id.get(mid)
            if target is not None and s.period.overlaps(target.validity):
                per_measure[mid].append(s)
    found: list[str] = []
    for mid, suspensions in sorted(per_measure.items()):
        for i, a in enumerate(suspensions):
            for b in suspensions[i + 1 :]:
                if a.period.overlaps(b.period):
                    found.append(
                        f"suspensions {a.id} ({a.period}) and {b.id} ({b.period}) of measure {mid} overlap; "
                        "end one where the next begins"
                    )
    return found


def rule_tags_known(schedule: Schedule) -> list[str]:
    """
    A stacking rule names only tags some measure carries (a typo would
    otherwise switch it off silently), unless no measure carries a tag.
    """
    return unknown_rule_tags(schedule.measures, schedule.rules)


def no_rule_cycle(schedule: Schedule) -> list[str]:
    """
    No stacking rules in force on the same day may displace each other in a
    cycle of tags (checked on every day a rule starts).
    """
    rules = sorted(schedule.rules, key=lambda r: r.id)
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


def no_measure_circle(schedule: Schedule) -> list[str]:
    """
    No measures may displace each other in a circle although the tags do
    not: rules a->b and c->d with measures tagged {a, d} and {b, c}, or a
    measure carrying both tags of one rule. Checked on the tag sets measures
    carry, on every day a rule starts.
    """
    rules = sorted(schedule.rules, key=lambda r: r.id)
    carriers: dict[frozenset[str], list[str]] = defaultdict(list)
    for m in schedule.measures:
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


def no_overlapping_measures(schedule: Schedule) -> list[str]:
    """
    No two measures of the same kind, product scope, basis and tags may
    meet in origin and period: one answer per family, per origin and day.
    """
    groups = {g.id: g for g in schedule.groups}
    families: dict[tuple[Any, ...], list[Measure]] = defaultdict(list)
    for m in schedule.measures:
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


#: The rules in the order :func:`problems` runs them (the order of the problems reported).
RULES: tuple[Callable[[Schedule], list[str]], ...] = (
    unique_ids,
    one_programme_per_claim,
    known_groups,
    suspensions_meet_their_measures,
    suspensions_do_not_overlap,
    rule_tags_known,
    no_rule_cycle,
    no_measure_circle,
    no_overlapping_measures,
)
