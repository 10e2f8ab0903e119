"""
Strategies for product codes, countries, country groups and scopes.

The package :mod:`tariffcalc.testing` re-exports the public strategies;
import them from there. Names without an underscore that it does not
re-export are shared by its modules only.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from functools import cache

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from tariffcalc.codes import ProductCode
from tariffcalc.countries import Country, CountryGroup, Membership, OriginScope, country_names
from tariffcalc.measures import ProductScope
from tariffcalc.testing._dates import WINDOW, periods
from tariffcalc.testing._memo import memoised

__all__ = [
    "CHAPTERS",
    "ORIGINS",
    "PREFIXES",
    "countries",
    "country_groups",
    "covered_codes",
    "origin_scopes",
    "product_codes",
    "product_scopes",
]

#: A small set of chapters, so that drawn measures and entries meet often.
CHAPTERS: tuple[str, ...] = ("87", "72", "73", "84", "01")
#: A small set of origins, for the same reason.
ORIGINS: tuple[str, ...] = ("JP", "CN", "DE", "GB", "CA", "MX", "VN", "CH")
#: Nested code prefixes that product scopes are drawn from.
PREFIXES: tuple[str, ...] = ("87", "8703", "8703.23", "8703.23.01", "8708", "72", "7208", "73", "7318", "84", "8471")

_GROUP_IDS = ("EU", "column2", "annex1")


@memoised
@st.composite
def product_codes(
    draw: st.DrawFn,
    *,
    under: ProductCode | None = None,
    chapters: Sequence[str] | None = CHAPTERS,
    levels: Sequence[int] = (2, 4, 6, 8, 10),
) -> ProductCode:
    """
    Product codes of the given *levels* (number of digits): below *under*
    when given, else in one of *chapters* (``None``: any chapter).
    """
    prefix = under.digits if under is not None else draw(st.sampled_from(chapters)) if chapters else ""
    allowed = [n for n in levels if n >= max(len(prefix), 2)]
    length = draw(st.sampled_from(allowed or [10]))
    rest = draw(st.text("0123456789", min_size=length - len(prefix), max_size=length - len(prefix)))
    return ProductCode(prefix + rest)


@memoised
def covered_codes(scope: ProductScope, *, chapters: Sequence[str] = CHAPTERS) -> SearchStrategy[ProductCode]:
    """
    Ten-digit codes that *scope* covers (never under one of its carve-outs).

    >>> from hypothesis import find
    >>> scope = ProductScope.parse("8703 -8703.23")
    >>> code = find(covered_codes(scope), lambda c: True)
    >>> scope.covers(code)
    True
    """
    starts = [p.digits for p in scope.include if scope.carve_out(p) is None]
    if scope.everything:
        starts = [c for c in chapters if not any(c.startswith(x.digits) for x in scope.exclude)] or [""]
    carve = [x.digits for x in scope.exclude]

    @st.composite
    def build(draw: st.DrawFn) -> ProductCode:
        code = draw(st.sampled_from(starts))
        while len(code) < 10:
            free = [d for d in "0123456789" if not any(code + d == x for x in carve)]
            code += draw(st.sampled_from(free))
        return ProductCode(code)

    if not starts:
        raise ValueError(f"product scope {scope} covers no code")
    return build()


def countries(among: Sequence[str] | None = None) -> SearchStrategy[Country]:
    """
    Countries: any of the ISO 3166-1 table, or only those *among* the given codes.

    >>> from hypothesis import find
    >>> find(countries(["JP", "CN"]), lambda c: c.code == "CN")
    Country(code='CN')
    """
    return _countries(None if among is None else tuple(among))


@cache
def _countries(among: tuple[str, ...] | None) -> SearchStrategy[Country]:
    codes = sorted(country_names()) if among is None else list(among)
    return st.sampled_from(codes).map(Country)


@memoised
@st.composite
def country_groups(
    draw: st.DrawFn,
    *,
    ids: Sequence[str] = _GROUP_IDS,
    among: Sequence[str] = ORIGINS,
    min_day: date = WINDOW[0],
    max_day: date = WINDOW[1],
) -> CountryGroup:
    """Country groups with an id from *ids* and dated memberships of countries *among* the given ones."""
    group_id = draw(st.sampled_from(ids))
    members = draw(st.lists(countries(among), min_size=1, max_size=4, unique=True))
    memberships = []
    for country in members:
        # One or two consecutive stays, the second after a gap: never overlapping.
        first = draw(periods(min_day, max_day))
        memberships.append(Membership(country, first))
        if first.end is not None and draw(st.booleans()):
            gap = draw(st.integers(1, 60))
            again = first.end + timedelta(days=gap)
            memberships.append(Membership(country, draw(periods(again, max(again, max_day)))))
    return CountryGroup(group_id, f"group {group_id}", tuple(memberships))


@memoised
@st.composite
def origin_scopes(draw: st.DrawFn, *, among: Sequence[str] = ORIGINS, group_ids: Sequence[str] = ()) -> OriginScope:
    """
    Origin scopes over the countries *among* and the groups *group_ids*:
    ``all`` with exclusions, or listed countries and groups with exclusions
    that are never also listed.
    """
    if draw(st.integers(0, 2)) != 0:
        excluded = draw(st.frozensets(countries(among), max_size=2))
        excluded_groups = draw(st.frozensets(st.sampled_from(group_ids), max_size=1)) if group_ids else frozenset()
        return OriginScope(True, excluded=excluded, excluded_groups=excluded_groups)
    groups: frozenset[str] = frozenset()
    if group_ids:
        groups = draw(st.frozensets(st.sampled_from(group_ids), max_size=2))
    listed = draw(st.frozensets(countries(among), min_size=0 if groups else 1, max_size=3))
    others = [c for c in among if Country(c) not in listed]
    excluded = draw(st.frozensets(countries(others), max_size=1)) if others and groups else frozenset()
    return OriginScope(False, listed, groups, excluded)


@memoised
@st.composite
def product_scopes(draw: st.DrawFn, *, prefixes: Sequence[str] = PREFIXES) -> ProductScope:
    """
    Product scopes: ``all`` or a few include prefixes from *prefixes* (nested,
    so that measures meet), with carve-outs below them that never swallow an
    include prefix whole.
    """
    pool = [ProductCode.parse(p) for p in prefixes]
    if draw(st.integers(0, 2)) == 0:
        exclude = draw(st.lists(st.sampled_from([p for p in pool if p.level >= 4] or pool), max_size=2))
        return ProductScope((), exclude, True)
    include = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3))
    carve: list[ProductCode] = []
    for prefix in include:
        if prefix.level < 10 and draw(st.integers(0, 2)) == 0:
            levels = [n for n in (4, 6, 8, 10) if n > prefix.level]
            carve.append(draw(product_codes(under=prefix, levels=levels)))
    carve = [c for c in carve if not any(i.is_within(c) for i in include)]
    return ProductScope(tuple(include), tuple(carve))
