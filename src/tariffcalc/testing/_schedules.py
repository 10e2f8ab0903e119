"""
Strategies for whole valid schedules.

The package :mod:`tariffcalc.testing` re-exports the public strategies;
import them from there. Names without an underscore that it does not
re-export are shared by its modules only.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from tariffcalc import _graph as graph
from tariffcalc.measures import Basis, Measure, MeasureKind, Suspension, WholeValue
from tariffcalc.periods import Period
from tariffcalc.rates import AdValorem, AllIn, Rate
from tariffcalc.rules import StackingRule
from tariffcalc.schedule import Schedule
from tariffcalc.testing._citations import FEW_CITATIONS
from tariffcalc.testing._dates import WINDOW, days, periods, within
from tariffcalc.testing._measures import EXTRA_TAGS, TAGS, bases, measures, stacking_rules, suspensions
from tariffcalc.testing._memo import memoised
from tariffcalc.testing._rates import rates
from tariffcalc.testing._scopes import country_groups, product_scopes

__all__ = ["schedules"]

# Up to two tags that rules may name, plus maybe one that no rule names (a heading family, a deal).
_SCHEDULE_TAG_SETS = st.builds(
    lambda ruled, extra: ruled | ({extra} if extra is not None else set()),
    st.frozensets(st.sampled_from(TAGS), max_size=2),
    st.none() | st.sampled_from(EXTRA_TAGS),
)

_STARTS = st.sampled_from([0, 0, 1, 30]) | st.integers(0, 60)
_GAPS = st.sampled_from([0, 0, 1, 30])
_CHAIN_LENGTHS = st.one_of(st.sampled_from([1, 29, 90, 365, 366]), st.integers(30, 400))
_FAMILY_KINDS = st.sampled_from([MeasureKind.BASE, MeasureKind.ADDITIONAL, MeasureKind.ADDITIONAL])


@memoised
@st.composite
def _chain(draw: st.DrawFn, count: int, anchor: date) -> list[Period]:
    """*count* periods one after the other from near *anchor*, each starting on or after the previous end."""
    chain = []
    start = anchor + timedelta(days=draw(_STARTS))
    for n in range(count):
        last = n == count - 1
        if last and draw(st.booleans()):
            chain.append(Period(start))
            break
        end = start + timedelta(days=draw(_CHAIN_LENGTHS))
        chain.append(Period(start, end))
        start = end + timedelta(days=draw(_GAPS))
    return chain


def _acyclic(rules: Sequence[StackingRule], tag_sets: set[frozenset[str]]) -> tuple[StackingRule, ...]:
    """
    The *rules*, less each one that would let measures displace each other
    in a circle. Tags are acyclic by construction, but a measure carries all
    its tags at once: under rules a -> b and c -> d, measures tagged {a, d}
    and {b, c} displace each other, and so do two measures tagged {a, b}.
    Checked on the tag sets the measures carry, whatever the rules' dates.
    """
    nodes = sorted(tag_sets, key=sorted)
    kept: list[StackingRule] = []
    for rule in rules:
        trial = [*kept, rule]
        edges = {
            i: {j for j, u in enumerate(nodes) for r in trial if r.when in t and r.drops in u}
            for i, t in enumerate(nodes)
        }
        if not graph.has_cycle(edges):
            kept.append(rule)
    return tuple(kept)


def _no_all_in(rate: Rate) -> Rate:
    """An all-in rate becomes the ad valorem rate of its target (where all-in is not allowed)."""
    return AdValorem(rate.target) if isinstance(rate, AllIn) else rate


#: Up to two country groups of distinct ids (built once: a strategy is checked the first time it is drawn).
_GROUP_LISTS = st.lists(country_groups(), unique_by=lambda g: g.id, max_size=2)


@memoised
@st.composite
def schedules(
    draw: st.DrawFn,
    *,
    name: str = "drawn",
    max_families: int = 6,
    rate: SearchStrategy[Rate] | None = None,
    basis: SearchStrategy[Basis] | None = None,
    with_rules: bool = True,
    with_suspensions: bool = True,
    with_groups: bool = True,
    with_conditions: bool = True,
) -> Schedule:
    """
    Valid schedules. Measures come in *families* (same kind, product scope,
    basis and tags) whose validities follow one another, so no two of one
    family overlap; ids are unique; each suspension starts inside the
    validity of a measure it suspends, and those of one measure never
    overlap; stacking rules come from :func:`stacking_rules` among the
    :data:`TAGS` the measures carry (a schedule refuses a rule naming a tag
    that no measure carries, so fewer than two such tags means no rules), less any
    that would let two measures displace each other in a circle through
    the several tags they carry; origin scopes name only the drawn groups.
    There is always at least one base measure.

    *rate* and *basis* replace the strategies of every measure's rate
    (except all-in on base measures), of preferences and of replacement
    rates, and of additional measures' bases.
    """
    groups = draw(_GROUP_LISTS) if with_groups else []
    group_ids = tuple(g.id for g in groups)
    families = draw(st.integers(1, max_families))
    anchor = draw(days(WINDOW[0], WINDOW[1] - timedelta(days=400)))
    all_measures: list[Measure] = []
    seen: set[tuple[object, ...]] = set()
    for f in range(families):
        kind = MeasureKind.BASE if f == 0 else draw(_FAMILY_KINDS)
        base = kind is MeasureKind.BASE
        scope = draw(product_scopes())
        the_basis = WholeValue() if base else draw(basis if basis is not None else bases())
        the_tags: frozenset[str] = frozenset() if base else draw(_SCHEDULE_TAG_SETS)
        key = (kind, scope, the_basis, the_tags)
        if key in seen:
            continue
        seen.add(key)
        for n, validity in enumerate(draw(_chain(draw(st.integers(1, 3)), anchor))):
            rate_strategy = rate.map(_no_all_in) if rate is not None and base else rate
            all_measures.append(
                draw(
                    measures(
                        kind=kind,
                        id=f"{'base' if base else 'add'}.{f}.{n}",
                        rate=rate_strategy,
                        products=st.just(scope),
                        validity=st.just(validity),
                        basis=st.just(the_basis),
                        tags=st.just(the_tags),
                        citation=FEW_CITATIONS,
                        group_ids=group_ids,
                        with_conditions=with_conditions,
                    )
                )
            )
    all_suspensions: list[Suspension] = []
    rate_strategy_no_all_in = rate.map(_no_all_in) if rate is not None else rates(all_in=False)
    maybe_replacement = st.none() | rate_strategy_no_all_in
    if with_suspensions:
        for m in all_measures:
            if draw(st.integers(0, 2)) != 0:
                continue
            # Suspensions of one measure, cut out of its validity one after the other.
            room = m.validity
            for k in range(draw(st.integers(1, 2))):
                period = draw(within(room, 200))
                replacement = draw(maybe_replacement)
                all_suspensions.append(
                    Suspension(f"susp.{m.id}.{k}", frozenset([m.id]), period, draw(FEW_CITATIONS), replacement)
                )
                if period.end is None or period.end == room.end:
                    break
                room = Period(period.end, room.end)
        untouched = [m for m in all_measures if not any(m.id in s.measures for s in all_suspensions)]
        if len(untouched) > 1 and draw(st.booleans()):
            # One suspension of several measures at once, as EO 14266 paused every Annex I rate.
            all_suspensions.append(
                draw(suspensions(untouched, id="susp.shared", rate=rate_strategy_no_all_in, citation=FEW_CITATIONS))
            )
    rules: tuple[StackingRule, ...] = ()
    if with_rules:
        # Rules only between the tags the measures carry (a schedule refuses a rule naming a tag
        # no measure carries), mostly in force from before the measures start.
        used = sorted({t for m in all_measures for t in m.tags if t in TAGS})
        since = st.one_of(
            periods(anchor - timedelta(days=60), anchor, open_ended=True),
            periods(anchor - timedelta(days=60), anchor + timedelta(days=200)),
        )
        if len(used) > 1:
            drawn = draw(stacking_rules(used, validity=since))
            rules = _acyclic(drawn, {m.tags for m in all_measures})
    return Schedule(name, all_measures, rules=rules, suspensions=all_suspensions, groups=groups)
