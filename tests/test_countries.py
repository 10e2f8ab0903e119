"""Examples and errors of tariffcalc.countries: countries, groups, origin scopes."""

from __future__ import annotations

from datetime import date

import pytest

from tariffcalc import Country, CountryGroup, OriginScope, Period
from tariffcalc.countries import Membership, country_names
from tariffcalc.errors import InvalidCountryError

EU = CountryGroup(
    "EU",
    "European Union",
    (Membership(Country("DE"), Period.parse("1958-01-01/")), Membership(Country("HR"), Period.parse("2013-07-01/"))),
)
GROUPS = {"EU": EU}


class TestCountry:
    def test_parse_any_case_and_uk_as_gb(self) -> None:
        assert Country("JP") == Country.parse(" jp ")
        assert Country("GB") == Country.parse("UK")

    def test_name_from_the_packaged_table(self) -> None:
        assert "Japan" == Country("JP").name
        assert "Kosovo" in country_names()["XK"]

    def test_unknown_code_lists_examples(self) -> None:
        with pytest.raises(
            InvalidCountryError, match=r"'XX' is not an ISO 3166-1 alpha-2 country code; use two capital"
        ):
            Country.parse("XX")

    def test_lower_case_is_refused_by_the_constructor(self) -> None:
        with pytest.raises(InvalidCountryError, match=r"'jp' is not an ISO 3166-1 alpha-2"):
            Country("jp")

    def test_non_text(self) -> None:
        with pytest.raises(InvalidCountryError, match=r"a country code is text such as 'JP', got 81"):
            Country.parse(81)  # type: ignore[arg-type]


class TestCountryGroup:
    def test_dated_membership(self) -> None:
        assert (False, True) == (EU.has(Country("HR"), date(2013, 6, 30)), EU.has(Country("HR"), date(2013, 7, 1)))

    def test_ever_and_boundaries(self) -> None:
        assert {Country("DE"), Country("HR")} == EU.ever()
        assert {date(1958, 1, 1), date(2013, 7, 1)} == EU.boundaries()

    @pytest.mark.parametrize("group_id", ["", "1EU", "E U", 7])
    def test_bad_id_says_what_an_id_looks_like(self, group_id: object) -> None:
        with pytest.raises(InvalidCountryError, match=r"a group id starts with a letter .* e\.g\. 'EU' or 'column2'"):
            CountryGroup(group_id, "x", ())  # type: ignore[arg-type]


class TestOriginScope:
    def test_parse_and_canonical_text(self) -> None:
        scope = OriginScope.parse("all -ca -MX -@column2")
        assert "all -CA -MX -@column2" == str(scope)
        assert OriginScope(True, excluded=["CA", "MX"], excluded_groups="column2") == scope
        assert "CN JP @EU" == str(OriginScope.parse("JP @EU CN"))

    def test_covers(self) -> None:
        scope = OriginScope.parse("all -CA -@EU")
        day = date(2025, 5, 1)
        assert scope.covers(Country("JP"), day, GROUPS)
        assert not scope.covers(Country("CA"), day, GROUPS)
        assert not scope.covers(Country("HR"), day, GROUPS)
        assert scope.covers(Country("HR"), date(2013, 6, 30), GROUPS)  # not yet a member, so not excluded

    def test_groups_reach_their_members_on_the_day(self) -> None:
        scope = OriginScope.parse("@EU JP")
        assert scope.covers(Country("HR"), date(2020, 1, 1), GROUPS)
        assert not scope.covers(Country("HR"), date(2010, 1, 1), GROUPS)
        assert scope.covers(Country("JP"), date(2010, 1, 1), GROUPS)
        assert not scope.covers(Country("CN"), date(2020, 1, 1), GROUPS)

    def test_excludes(self) -> None:
        scope = OriginScope.parse("all -CA -@EU")
        assert scope.excludes(Country("CA"), date(2025, 1, 1), GROUPS)
        assert scope.excludes(Country("DE"), date(2025, 1, 1), GROUPS)
        assert not scope.excludes(Country("JP"), date(2025, 1, 1), GROUPS)

    def test_may_reach(self) -> None:
        assert OriginScope.parse("all").may_reach(GROUPS) is None
        assert frozenset({Country("JP"), Country("DE"), Country("HR")}) == OriginScope.parse("JP @EU").may_reach(GROUPS)
        assert {"EU", "column2"} == OriginScope.parse("@EU -@column2").group_ids()

    def test_all_with_countries_is_refused(self) -> None:
        with pytest.raises(InvalidCountryError, match=r"origin scope all JP: 'all' already covers every country"):
            OriginScope.parse("all JP")

    def test_an_empty_scope_is_refused(self) -> None:
        with pytest.raises(
            InvalidCountryError, match=r"an origin scope reaches nothing; give 'all', countries such as 'JP'"
        ):
            OriginScope.parse("-CA")
