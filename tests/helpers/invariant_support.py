"""Shared strategies and helpers of the property tests (not a test module)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

import attrs
from hypothesis import strategies as st

from tariffcalc import (
    Citation,
    Country,
    Displacement,
    Entry,
    Instrument,
    Measure,
    MeasureKind,
    OriginScope,
    Period,
    ProductScope,
    Resolution,
    Schedule,
    StackingRule,
    Suspension,
)
from tariffcalc.rates import AdValorem
from tariffcalc.testing import ORIGINS, bases, citations, entries, measures, periods, rates, schedules


def outcome(resolution: Resolution) -> tuple[Any, ...]:
    """Everything a resolution says, except the entry it was asked about."""
    return (resolution.lines, resolution.not_applied, resolution.missing, resolution.rate, resolution.amount)


def schedule_and_entry(
    schedule_strategy: st.SearchStrategy[Schedule] | None = None, **entry_options: Any
) -> st.SearchStrategy[tuple[Schedule, Entry]]:
    """A schedule (by default from :func:`rich_schedules`) and an entry drawn for it."""
    base = rich_schedules() if schedule_strategy is None else schedule_strategy
    return base.flatmap(lambda s: st.tuples(st.just(s), entries(for_schedule=s, **entry_options)))


def rebuilt(
    schedule: Schedule,
    *,
    measures: Iterable[Measure] | None = None,
    suspensions: Iterable[Suspension] | None = None,
    rules: Iterable[Any] | None = None,
) -> Schedule:
    """The schedule with some of its parts replaced."""
    return Schedule(
        schedule.name,
        list(schedule.measures if measures is None else measures),
        rules=list(schedule.rules if rules is None else rules),
        suspensions=list(schedule.suspensions if suspensions is None else suspensions),
        groups=list(schedule.groups),
    )


def without_measures(schedule: Schedule, ids: frozenset[str]) -> Schedule:
    """
    The schedule without the measures *ids*; suspensions lose them too (and go
    if left with none), and so do the rules naming a tag no remaining measure
    carries (they could not apply, and a schedule refuses them).
    """
    carried = {t for m in schedule.measures if m.id not in ids for t in m.tags}
    rules = [r for r in schedule.rules if r.when in carried and r.drops in carried]
    kept = []
    for s in schedule.suspensions:
        rest = s.measures - ids
        if rest == s.measures:
            kept.append(s)
        elif rest:
            kept.append(Suspension(s.id, rest, s.period, s.citation, s.replacement))
    return rebuilt(schedule, measures=[m for m in schedule.measures if m.id not in ids], suspensions=kept, rules=rules)


def known_to(schedule: Schedule, entry: Entry) -> Entry:
    """*entry* without the claims and contents *schedule* does not know (they could change nothing there)."""
    words = schedule.vocabulary
    return attrs.evolve(
        entry,
        claims=entry.claims & words.claims,
        contents=tuple((c, v) for c, v in entry.contents if c in words.contents),
    )


def covered_origins(scope: OriginScope) -> list[str]:
    """The countries of :data:`ORIGINS` a group-free scope reaches on every day."""
    assert not scope.groups
    assert not scope.excluded_groups
    reached = ORIGINS if scope.everywhere else sorted(c.code for c in scope.countries)
    return [c for c in reached if Country(c) not in scope.excluded]


def days_around(period: Period) -> list[date]:
    """The days either side of each boundary of *period*."""
    return sorted({d + timedelta(days=k) for d in period.boundaries() for k in (-1, 0)})


def computable_schedules(**options: Any) -> st.SearchStrategy[Schedule]:
    """
    Schedules whose every rate can be computed and where every product has
    a base duty: a catch-all base measure (``all -99``, never more specific
    than a drawn one) is added, in force on every drawn day.
    """
    return schedules(rate=rates(not_computable=False), **options).flatmap(_with_rivals).map(with_catch_all_base)


def with_catch_all_base(schedule: Schedule) -> Schedule:
    """The schedule plus a free base measure for every product but chapter 99, from 2000 on."""
    act = Instrument("HTS", "Harmonized Tariff Schedule", known_on=date(2000, 1, 1))
    catch_all = Measure(
        "zz.catch-all",
        "Everything else",
        MeasureKind.BASE,
        AdValorem("3.7"),
        ProductScope.parse("all -99"),
        OriginScope(True),
        Period(date(2000, 1, 1)),
        Citation(act),
    )
    return rebuilt(schedule, measures=[*schedule.measures, catch_all])


@st.composite
def _with_rivals(draw: st.DrawFn, schedule: Schedule) -> Schedule:
    """
    The schedule plus a stacking rule of its own and two additional measures
    on every product and origin, one tagged with its ``when`` and one with
    its ``drops``, in force around the rule's start, so that rules really displace.
    """
    # A rule of its own between tags nothing else carries, so that it cannot close a circle.
    rule = StackingRule(
        "rule.rivals",
        "rival-winner",
        "rival-loser",
        draw(st.sampled_from(Displacement)),
        draw(periods()),
        draw(citations()),
    )
    rules = [*schedule.rules, rule]
    start = rule.validity.start - timedelta(days=draw(st.integers(0, 30)))
    validity = Period(start, None if draw(st.booleans()) else start + timedelta(days=draw(st.integers(1, 200))))
    rivals = [
        draw(
            measures(
                kind=MeasureKind.ADDITIONAL,
                id=f"zz.rival.{tag}",
                rate=rates(all_in=False, not_computable=False),
                products=st.just(ProductScope.parse("all -99")),
                origins=st.just(OriginScope(True)),
                validity=st.just(validity),
                basis=bases(),
                tags=st.just(frozenset([tag])),
                with_conditions=False,
            )
        )
        for tag in (rule.when, rule.drops)
    ]
    return Schedule(
        schedule.name,
        [*schedule.measures, *rivals],
        rules=rules,
        suspensions=schedule.suspensions,
        groups=schedule.groups,
    )


def rich_schedules(**options: Any) -> st.SearchStrategy[Schedule]:
    """Drawn schedules in which stacking rules have measures to act on (see ``_with_rivals``)."""
    return schedules(**options).flatmap(_with_rivals)
