"""
Strategies for the entries a schedule is asked about.

The package :mod:`tariffcalc.testing` re-exports the public strategies;
import them from there. Names without an underscore that it does not
re-export are shared by its modules only.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from tariffcalc.entries import Entry
from tariffcalc.periods import Period
from tariffcalc.rates import Conversion, currencies
from tariffcalc.schedule import Schedule
from tariffcalc.testing._dates import days, lengths, within
from tariffcalc.testing._measures import CLAIMS
from tariffcalc.testing._memo import memoised
from tariffcalc.testing._rates import CONTENTS, CURRENCIES, UNITS, amounts
from tariffcalc.testing._scopes import ORIGINS, countries, covered_codes, product_codes

__all__ = ["entries"]


def _needs(schedule: Schedule | None) -> tuple[list[str], list[str]]:
    """The units of quantity and the contents that the schedule's duties may ask for (its vocabulary)."""
    if schedule is None:
        return list(UNITS), list(CONTENTS)
    words = schedule.vocabulary
    return sorted(words.units), sorted(words.contents)


@memoised
def _near(period: Period) -> SearchStrategy[date]:
    """Days in or around *period*, its boundaries first."""
    edges = [d + timedelta(days=k) for d in period.boundaries() for k in (-1, 0)]
    inside = within(period, 120).map(lambda p: p.start)
    return st.one_of(st.sampled_from(edges), inside, days())


def _foreign(schedule: Schedule | None) -> list[str]:
    """The currencies other than US dollars that the schedule's rates may be in (the strategies' without one)."""
    found = {c for c in CURRENCIES if c != "USD"}
    if schedule is not None:
        for m in schedule.measures:
            found |= currencies(m.rate) - {"USD"}
    return sorted(found)


@memoised
def _conversion_rates() -> SearchStrategy[Decimal]:
    """Conversion rates to US dollars: round ones first, then up to four decimals."""
    return st.one_of(
        st.sampled_from([Decimal(1), Decimal("1.1"), Decimal("0.85")]),
        st.integers(1, 10**5).map(lambda n: Decimal(n).scaleb(-4)),
    )


@memoised
def _cents(low: int, high: int) -> SearchStrategy[Decimal]:
    return st.one_of(
        st.sampled_from([Decimal(100), Decimal(10), Decimal(40000)]),
        st.integers(low, high).map(lambda n: Decimal(n).scaleb(-2)),
    )


@memoised
@st.composite
def entries(
    draw: st.DrawFn,
    *,
    for_schedule: Schedule | None = None,
    complete: bool | None = None,
    on: SearchStrategy[date] | None = None,
    among: Sequence[str] = ORIGINS,
    loaded: bool | None = None,
) -> Entry:
    """
    Entries: mostly of a product that some measure of *for_schedule*
    reaches, from an origin *among* the given ones, on a day from *on*.
    With *complete* every fact a duty of the schedule may need is given
    (customs value, every quantity, every content); otherwise some may be
    left out (``None``: either). Contents never add up to more than the
    value, and the goods are never loaded after they are entered. With
    *loaded* false there is no loading day; true, there always is one.
    Claims are words the schedule knows (its
    :attr:`~tariffcalc.Schedule.vocabulary`; :data:`CLAIMS` without a
    schedule), so that :meth:`~tariffcalc.Schedule.resolve_entry` accepts them.
    """
    measures_ = sorted(for_schedule.measures, key=lambda m: m.id) if for_schedule is not None else []
    if measures_ and draw(st.integers(0, 9)) != 0:
        measure = draw(st.sampled_from(measures_))
        product = draw(covered_codes(measure.products))
        near = _near(measure.validity)
        listed = sorted(c.code for c in measure.origins.countries if c.code in among)
        origin = draw(countries(listed) if bool(listed) and draw(st.booleans()) else countries(among))
    else:
        product = draw(product_codes(levels=(10,)))
        near = days()
        origin = draw(countries(among))
    day = draw(on if on is not None else near)
    full = draw(st.booleans()) if complete is None else complete
    units, contents = _needs(for_schedule)
    value = draw(_cents(0, 10**8)) if full or draw(st.booleans()) else None
    quantities = {u: draw(amounts(5000, 3)) for u in units if full or draw(st.booleans())}
    declared: dict[str, Decimal] = {}
    share_left = 100
    for c in contents:
        if not (full or draw(st.booleans())):
            continue
        share = draw(st.integers(0, share_left))
        share_left -= share
        worth = (value if value is not None else Decimal(100)) * share / 100
        declared[c] = worth.quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    with_loading = draw(st.booleans()) if loaded is None else loaded
    loading = day - timedelta(days=draw(lengths(120) | st.just(0))) if with_loading else None
    # A specific duty in another currency needs its conversion rate: given with every fact, else perhaps.
    conversions = [
        Conversion(c, draw(_conversion_rates()), day - timedelta(days=draw(lengths(30) | st.just(0))))
        for c in _foreign(for_schedule)
        if full or draw(st.booleans())
    ]
    known = sorted(for_schedule.vocabulary.claims) if for_schedule is not None else list(CLAIMS)
    claims = draw(st.frozensets(st.sampled_from(known), max_size=2)) if known else frozenset()
    return Entry(
        product,
        origin,
        day,
        value,
        tuple(quantities.items()),
        tuple(declared.items()),
        loading,
        claims,
        conversions=conversions,
    )
