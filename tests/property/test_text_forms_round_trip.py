"""
Text forms round-trip (and "Serialising a schedule and loading it
back gives an equal schedule", for the text of its parts): ``str()`` gives
the canonical form that ``parse`` reads back to an equal value.
"""

from __future__ import annotations

from hypothesis import given

from tariffcalc import Country, OriginScope, Period, ProductCode, ProductScope
from tariffcalc.measures import Basis
from tariffcalc.rates import Rate
from tariffcalc.testing import bases, countries, origin_scopes, periods, product_codes, product_scopes, rates


class TestProductCodeRoundTrip:
    """``ProductCode.parse(str(c)) == c`` for every code."""

    @given(product_codes(chapters=None))
    def test_round_trip(self, code: ProductCode) -> None:
        assert ProductCode.parse(str(code)) == code


class TestCountryRoundTrip:
    """``Country.parse(str(c)) == c`` for every ISO 3166-1 country."""

    @given(countries())
    def test_round_trip(self, country: Country) -> None:
        assert Country.parse(str(country)) == country


class TestPeriodRoundTrip:
    """``Period.parse(str(p)) == p``, open-ended or not."""

    @given(periods())
    def test_round_trip(self, period: Period) -> None:
        assert Period.parse(str(period)) == period


class TestRateRoundTrip:
    """``Rate.parse(str(r)) == r`` for a rate of every class."""

    @given(rates())
    def test_round_trip(self, rate: Rate) -> None:
        assert Rate.parse(str(rate)) == rate


class TestOriginScopeRoundTrip:
    """``OriginScope.parse(str(s)) == s``, with groups and exclusions."""

    @given(origin_scopes(group_ids=("EU", "column2")))
    def test_round_trip(self, scope: OriginScope) -> None:
        assert OriginScope.parse(str(scope)) == scope


class TestProductScopeRoundTrip:
    """``ProductScope.parse(str(s)) == s``, with carve-outs."""

    @given(product_scopes())
    def test_round_trip(self, scope: ProductScope) -> None:
        assert ProductScope.parse(str(scope)) == scope


class TestBasisRoundTrip:
    """``Basis.parse(str(b)) == b`` for the whole value, a content and the value less a content."""

    @given(bases())
    def test_round_trip(self, basis: Basis) -> None:
        assert Basis.parse(str(basis)) == basis
