"""
Strategies for measures, their conditions and bases, suspensions and stacking rules.

The package :mod:`tariffcalc.testing` re-exports the public strategies;
import them from there. Names without an underscore that it does not
re-export are shared by its modules only.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from decimal import Decimal

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from tariffcalc.amendments import Amendment
from tariffcalc.citations import Citation, Instrument
from tariffcalc.countries import OriginScope
from tariffcalc.measures import (
    Basis,
    Condition,
    ContentShare,
    ContentValue,
    InTransit,
    Measure,
    MeasureKind,
    NotIfClaimed,
    OnlyIfClaimed,
    Preference,
    ProductScope,
    Suspension,
    ValueLess,
    WholeValue,
)
from tariffcalc.periods import Period
from tariffcalc.rates import Rate
from tariffcalc.rules import Displacement, StackingRule
from tariffcalc.testing._citations import DRAWN_CITATIONS, FEW_CITATIONS, MAYBE_CITATION
from tariffcalc.testing._dates import days, lengths, periods, within
from tariffcalc.testing._memo import memoised
from tariffcalc.testing._rates import CONTENTS, ad_valorem_rates, free_rates, rates, specific_rates
from tariffcalc.testing._scopes import origin_scopes, product_scopes

__all__ = ["CLAIMS", "EXTRA_TAGS", "TAGS", "bases", "conditions", "measures", "stacking_rules", "suspensions"]

#: Claims of programmes or exemptions.
CLAIMS: tuple[str, ...] = ("usmca", "au", "kr", "a+")
#: Stacking tags; each drawn set of rules puts them in a drawn order and only lets earlier ones displace later ones.
TAGS: tuple[str, ...] = ("s232-autos", "s232-metals", "fentanyl", "reciprocal", "s301")
#: Tags that no drawn stacking rule names (a measure's heading family, a deal).
EXTRA_TAGS: tuple[str, ...] = ("annex-i", "deal")

_TAG_SETS = st.frozensets(st.sampled_from(TAGS), max_size=2)


@memoised
def bases(contents: Sequence[str] = CONTENTS) -> SearchStrategy[Basis]:
    """``value``, ``content:NAME`` or ``value-less:NAME`` (with an optional minimum share)."""
    return st.one_of(
        st.just(WholeValue()),
        st.sampled_from(contents).map(ContentValue),
        st.builds(ValueLess, st.sampled_from(contents), st.none() | st.integers(1, 100).map(Decimal)),
    )


@memoised
@st.composite
def conditions(draw: st.DrawFn, *, claims: Sequence[str] = CLAIMS) -> Condition:
    """
    Claim conditions, content thresholds and in-transit windows (loaded
    before a day, entered before a later one).
    """
    which = draw(st.sampled_from(["not-if", "only-if", "in-transit", "content-share"]))
    citation = draw(MAYBE_CITATION)
    if which == "not-if":
        return NotIfClaimed(draw(st.sampled_from(claims)), citation)
    if which == "only-if":
        return OnlyIfClaimed(draw(st.sampled_from(claims)), citation)
    if which == "content-share":
        return ContentShare(draw(st.sampled_from(CONTENTS)), draw(st.integers(1, 100)), draw(st.booleans()), citation)
    loaded_before = draw(days())
    return InTransit(loaded_before, loaded_before + timedelta(days=draw(lengths(120))), citation)


_CONDITION_LISTS = st.lists(conditions(), max_size=2)


@memoised
@st.composite
def _preferences(
    draw: st.DrawFn, claims: Sequence[str], rate: SearchStrategy[Rate] | None = None
) -> tuple[Preference, ...]:
    chosen = draw(st.lists(st.sampled_from(claims), unique=True, max_size=2))
    the_rate = _PREFERENCE_RATES if rate is None else rate
    return tuple(Preference(c, draw(the_rate)) for c in chosen)


_PREFERENCE_RATES: SearchStrategy[Rate] = st.one_of(free_rates(), ad_valorem_rates(20), specific_rates())


@memoised
def _measure_ids() -> SearchStrategy[str]:
    return st.builds(
        lambda a, n: f"{a}.{n}", st.sampled_from(["mfn", "us.reciprocal", "s232", "m"]), st.integers(0, 999)
    )


@memoised
@st.composite
def measures(
    draw: st.DrawFn,
    *,
    kind: MeasureKind | None = None,
    id: str | None = None,  # the measure's own field name
    rate: SearchStrategy[Rate] | None = None,
    products: SearchStrategy[ProductScope] | None = None,
    origins: SearchStrategy[OriginScope] | None = None,
    validity: SearchStrategy[Period] | None = None,
    basis: SearchStrategy[Basis] | None = None,
    tags: SearchStrategy[frozenset[str]] | None = None,
    citation: SearchStrategy[Citation] | None = None,
    group_ids: Sequence[str] = (),
    with_conditions: bool = True,
) -> Measure:
    """
    Base and additional measures (*kind* ``None``: either). Each part can
    be given as a strategy; by default base measures charge a non-all-in
    rate on the whole value and may carry preferences, and additional ones
    have any rate, basis and tags. Origins refer only to *group_ids*.
    """
    kind = draw(st.sampled_from(MeasureKind)) if kind is None else kind
    base = kind is MeasureKind.BASE
    measure_id = draw(_measure_ids()) if id is None else id
    the_rate = draw(rate if rate is not None else rates(all_in=not base))
    the_basis = WholeValue() if base else draw(basis if basis is not None else bases())
    the_tags = draw(tags if tags is not None else _TAG_SETS)
    the_validity = draw(validity if validity is not None else periods())
    the_citation = draw(citation if citation is not None else DRAWN_CITATIONS)
    return Measure(
        id=measure_id,
        title=f"measure {measure_id}",
        kind=kind,
        rate=the_rate,
        products=draw(products if products is not None else product_scopes()),
        origins=draw(origins if origins is not None else origin_scopes(group_ids=group_ids)),
        validity=the_validity,
        citation=the_citation,
        basis=the_basis,
        conditions=tuple(draw(_CONDITION_LISTS)) if with_conditions else (),
        tags=frozenset() if base else the_tags,
        preferences=draw(_preferences(CLAIMS, rate)) if base else (),
        amendments=draw(_amendments(the_validity, the_citation)) if with_conditions else (),
    )


_SUSPENSION_IDS = st.integers(0, 999).map(lambda n: f"suspension.{n}")


@memoised
@st.composite
def _amendments(draw: st.DrawFn, validity: Period, citation: Citation) -> tuple[Amendment, ...]:
    """Now and then one later act that set the end: before it was known, no end or another one."""
    if draw(st.integers(0, 7)) != 0:
        return ()
    before = draw(st.none() | lengths(400).map(lambda n: validity.start + timedelta(days=n)))
    if before == validity.end:
        return ()
    known_on = citation.instrument.known_on + timedelta(days=draw(st.integers(0, 200)))
    act = Instrument(f"Amending act {known_on.isoformat()}", "A later act that set the end", known_on)
    return (Amendment(Citation(act), before),)


@st.composite
def suspensions(
    draw: st.DrawFn,
    for_measures: Sequence[Measure],
    *,
    id: str | None = None,  # the suspension's own field name
    replacement: bool | None = None,
    rate: SearchStrategy[Rate] | None = None,
    citation: SearchStrategy[Citation] | None = None,
    max_days: int = 200,
) -> Suspension:
    """
    A suspension of one of *for_measures* (and of any others its period
    also meets), starting inside the first one's validity, with a
    replacement rate (drawn from *rate*, by default any but all-in) when
    *replacement* (``None``: maybe).
    """
    first = draw(st.sampled_from(list(for_measures)))
    period = draw(within(first.validity, max_days))
    others = [m for m in for_measures if m.id != first.id and m.validity.overlaps(period)]
    more = draw(st.lists(st.sampled_from(others), unique_by=lambda m: m.id, max_size=2)) if others else []
    with_replacement = draw(st.booleans()) if replacement is None else replacement
    return Suspension(
        id=draw(_SUSPENSION_IDS) if id is None else id,
        measures=frozenset([first.id, *(m.id for m in more)]),
        period=period,
        citation=draw(DRAWN_CITATIONS if citation is None else citation),
        replacement=draw(rates(all_in=False) if rate is None else rate) if with_replacement else None,
    )


@memoised
@st.composite
def stacking_rules(
    draw: st.DrawFn,
    tags: Sequence[str] = TAGS,
    *,
    max_rules: int = 4,
    validity: SearchStrategy[Period] | None = None,
) -> tuple[StackingRule, ...]:
    """
    Stacking rules that cannot form a cycle: the *tags* are put in a drawn
    order and a rule only ever lets an earlier tag displace a later one.
    Their validity comes from *validity* (by default any period).
    """
    order = draw(st.permutations(list(tags)))
    pairs = [(a, b) for i, a in enumerate(order) for b in order[i + 1 :]]
    chosen = draw(st.lists(st.sampled_from(pairs), max_size=max_rules)) if pairs else []
    return tuple(
        StackingRule(
            id=f"rule.{n}",
            when=when,
            drops=drops,
            displaces=draw(st.sampled_from(Displacement)),
            validity=draw(periods() if validity is None else validity),
            citation=draw(FEW_CITATIONS),
        )
        for n, (when, drops) in enumerate(chosen)
    )
