"""
Strategies for every kind of rate.

The package :mod:`tariffcalc.testing` re-exports the public strategies;
import them from there. Names without an underscore that it does not
re-export are shared by its modules only.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from functools import cache

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from tariffcalc.rates import AdValorem, AllIn, Bounded, Compound, Free, NotComputable, OnContent, Rate, Specific
from tariffcalc.testing._memo import memoised

__all__ = [
    "CONTENTS",
    "CURRENCIES",
    "UNITS",
    "ad_valorem_rates",
    "all_in_rates",
    "bounded_rates",
    "compound_rates",
    "free_rates",
    "not_computable_rates",
    "on_content_rates",
    "rates",
    "specific_rates",
]

#: Units of quantity, in canonical spelling.
UNITS: tuple[str, ...] = ("kg", "liter", "No.", "doz", "m2", "pf.liter")
#: Declared contents, in canonical spelling.
CONTENTS: tuple[str, ...] = ("steel", "aluminum", "copper", "us")


@memoised
def amounts(max_value: int = 20000, places: int = 3) -> SearchStrategy[Decimal]:
    """Non-negative decimals with at most *places* decimal places, round numbers first."""
    return st.one_of(
        st.sampled_from([Decimal(0), Decimal(1), Decimal("2.5"), Decimal(10), Decimal(15), Decimal(25)]),
        st.integers(0, max_value * 10**places).map(lambda n: Decimal(n).scaleb(-places)),
    )


@memoised
def free_rates() -> SearchStrategy[Free]:
    """``Free``."""
    return st.just(Free())


@memoised
def ad_valorem_rates(max_percent: int = 200) -> SearchStrategy[AdValorem]:
    """Percentages from 0 to *max_percent*, with up to two decimals."""
    return amounts(max_percent, 2).map(AdValorem)


#: The currencies of specific duties, US dollars first.
CURRENCIES: tuple[str, ...] = ("USD", "USD", "EUR")


@memoised
def specific_rates(units: Sequence[str] = UNITS, currencies: Sequence[str] = CURRENCIES) -> SearchStrategy[Specific]:
    """Money per unit of quantity, in US dollars or another currency of *currencies*."""
    return st.builds(Specific, amounts(50, 3), st.sampled_from(units), st.sampled_from(currencies))


@memoised
def on_content_rates(contents: Sequence[str] = CONTENTS) -> SearchStrategy[OnContent]:
    """An ad valorem rate on the value of one declared content."""
    return st.builds(OnContent, ad_valorem_rates(100), st.sampled_from(contents))


@memoised
def compound_rates(units: Sequence[str] = UNITS, contents: Sequence[str] = CONTENTS) -> SearchStrategy[Compound]:
    """Sums of two or three ad valorem, specific, on-content or free parts; the specific ones in one currency."""

    def of(currency: str) -> SearchStrategy[Compound]:
        part = st.one_of(
            ad_valorem_rates(), specific_rates(units, (currency,)), on_content_rates(contents), free_rates()
        )
        return st.lists(part, min_size=2, max_size=3).map(lambda parts: Compound(tuple(parts)))

    return st.sampled_from(CURRENCIES).flatmap(of)


@memoised
@st.composite
def bounded_rates(draw: st.DrawFn, units: Sequence[str] = UNITS) -> Bounded:
    """A rate with a minimum, a maximum or both; its specific duties in one currency."""
    currency = draw(st.sampled_from(CURRENCIES))
    simple = st.one_of(ad_valorem_rates(), specific_rates(units, (currency,)))
    bound = st.one_of(simple, st.lists(simple, min_size=2, max_size=2).map(lambda p: Compound(tuple(p))))
    rate = draw(bound)
    which = draw(st.sampled_from(["min", "max", "both"]))
    minimum = draw(bound) if which in ("min", "both") else None
    maximum = draw(bound) if which in ("max", "both") else None
    return Bounded(rate, minimum, maximum)


@memoised
def all_in_rates() -> SearchStrategy[AllIn]:
    """All-in targets (15% first)."""
    return st.one_of(st.just(AllIn(15)), ad_valorem_rates(60).map(lambda r: AllIn(r.percent)))


_WORDS = st.sampled_from(["sliding", "scale", "see", "note", "2(a)", "per", "degree", "alcohol", "50%", "+"])


@memoised
@st.composite
def not_computable_rates(draw: st.DrawFn) -> NotComputable:
    """Duties kept as text, with a one-line reason; the text may be empty."""
    reason = " ".join(draw(st.lists(_WORDS.filter(lambda w: w != "+"), min_size=1, max_size=3)))
    text = " ".join(draw(st.lists(_WORDS, max_size=4)))
    return NotComputable(reason, text)


def rates(
    *,
    all_in: bool = True,
    not_computable: bool = True,
    units: Sequence[str] = UNITS,
    contents: Sequence[str] = CONTENTS,
) -> SearchStrategy[Rate]:
    """
    A rate of any class: ``Free``, ``AdValorem``, ``Specific``, ``Compound``,
    ``Bounded``, ``OnContent``, and unless told otherwise ``NotComputable``
    and ``AllIn``.
    """
    return _rates(all_in, not_computable, tuple(units), tuple(contents))


@cache
def _rates(
    all_in: bool, not_computable: bool, units: tuple[str, ...], contents: tuple[str, ...]
) -> SearchStrategy[Rate]:
    choices: list[SearchStrategy[Rate]] = [
        free_rates(),
        ad_valorem_rates(),
        specific_rates(units),
        compound_rates(units, contents),
        bounded_rates(units),
        on_content_rates(contents),
    ]
    if not_computable:
        choices.append(not_computable_rates())
    if all_in:
        choices.append(all_in_rates())
    return st.one_of(choices)
