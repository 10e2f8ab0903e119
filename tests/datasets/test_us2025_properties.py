"""Laws the packaged us-2025 measures keep for any entry (Hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from tariffcalc import Country, ProductCode, Schedule
from tariffcalc.datasets import load_schedule
from tariffcalc.testing import days, product_codes


def us() -> Schedule:
    """The packaged us-2025-measures schedule, built on first use (once per process), not when the tests are collected."""
    return load_schedule("us-2025-measures")


ORIGINS = ("JP", "CN", "HK", "CA", "MX", "DE", "FR", "GB", "VN", "KR", "RU", "CU", "BR", "US")
CHAPTERS = ("72", "73", "76", "84", "85", "87", "94", "61", "09", "49", "26")
SEASON = days(date(2025, 1, 1), date(2026, 3, 31))
#: Every code prefix a us-2025 measure names, so that entries meet the product lists, not only "all".
#: (Drawn from the schedule when the first example is drawn, not when the tests are collected.)
PREFIXES = st.deferred(lambda: st.sampled_from(sorted({p for m in us().measures for p in m.products.include})))
PRODUCTS = st.one_of(
    product_codes(chapters=CHAPTERS, levels=(10,)),
    PREFIXES.flatmap(lambda p: product_codes(under=p, levels=(10,))),
)


@given(
    PRODUCTS,
    st.sampled_from(ORIGINS),
    SEASON,
    st.one_of(st.none(), st.integers(0, 120)),
    st.lists(
        st.sampled_from(["usmca", "uk-auto-trq", "not-auto-part", "donation", "advanced-chip", "not-mhdv-part"]),
        max_size=2,
    ),
)
def test_every_entry_resolves(
    product: ProductCode, origin: str, on: date, days_on_the_water: int | None, claims: list[str]
) -> None:
    """No entry makes the rules cycle or the resolver fail; every applied line is cited with a confidence mark."""
    loaded = None if days_on_the_water is None else on - timedelta(days=days_on_the_water)
    r = us().resolve(
        product,
        Country(origin),
        on,
        value=10000,
        contents={"steel": 4000, "aluminum": 1000, "copper": 500, "us": 0},
        loaded=loaded,
        claims=claims,
    )
    assert all(line.measure.citation.confidence is not None for line in r.lines)
    # the offset is never claimed here, so only the missing base duty can be missing
    assert all(m.startswith("a base (column 1) duty") or "EO 14326 Annex I" in m for m in r.missing)


@given(PRODUCTS, st.sampled_from(ORIGINS), SEASON)
def test_no_ieepa_duty_after_24_february_2026(product: ProductCode, origin: str, on: date) -> None:
    """Later facts s.1.3: IEEPA duties are not collected on entries from 24 February 2026."""
    if on >= date(2026, 2, 24):
        r = us().resolve(product, Country(origin), on, value=10000, contents={"steel": 1, "aluminum": 1})
        assert not [line for line in r.lines if line.measure.id.startswith("us.ieepa.")]


@given(PRODUCTS, SEASON)
def test_canada_and_mexico_pay_no_reciprocal_duty(product: ProductCode, on: date) -> None:
    """Facts s.1: 9903.01.26/.27: Canadian and Mexican goods are outside the reciprocal tariff."""
    for origin in ("CA", "MX"):
        r = us().resolve(product, Country(origin), on, value=10000, contents={"steel": 1, "aluminum": 1})
        assert not [line for line in r.lines if "reciprocal" in line.measure.tags]


@given(PRODUCTS, st.sampled_from(ORIGINS), SEASON)
def test_the_reciprocal_duty_is_charged_once(product: ProductCode, origin: str, on: date) -> None:
    """Baseline, country and deal rates replace each other: at most one reciprocal line with a duty."""
    r = us().resolve(product, Country(origin), on, value=10000, contents={"steel": 4000, "aluminum": 1000})
    charging = [
        line
        for line in r.lines
        if "reciprocal" in line.measure.tags and (line.amount is None or line.amount > Decimal(0))
    ]
    assert len(charging) <= 1
