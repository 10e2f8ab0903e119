"""
What a user may type for a country: an alpha-2 code in any case, an alpha-3
code, an English short or common name (ISO 3166 as packaged from pycountry).
A near miss is refused with the nearest country; a data file's scope takes
codes only.
"""

from __future__ import annotations

import re

import pytest

from tariffcalc import Country, OriginScope
from tariffcalc.errors import InvalidCountryError


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("JP", "JP"),
        ("jp", "JP"),
        ("JPN", "JP"),
        ("jpn", "JP"),
        ("Japan", "JP"),
        ("  japan ", "JP"),
        ("Korea, Republic of", "KR"),  # ISO's short name
        ("South Korea", "KR"),  # pycountry's common name
        ("UK", "GB"),
        ("GBR", "GB"),
        ("United Kingdom", "GB"),
        ("Germany", "DE"),
        ("DEU", "DE"),
    ],
)
def test_a_country_in_each_spelling(text: str, code: str) -> None:
    assert Country(code) == Country.parse(text)


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [("Japn", "'JP' (Japan)"), ("Germny", "'DE' (Germany)"), ("JPX", "'JP' (Japan)")],
)
def test_a_near_miss_is_refused_with_the_nearest_country(text: str, suggestion: str) -> None:
    with pytest.raises(InvalidCountryError, match=re.escape(f"did you mean {suggestion}")):
        Country.parse(text)


def test_two_unknown_letters_get_no_guess() -> None:
    with pytest.raises(InvalidCountryError) as caught:
        Country.parse("XX")
    assert "did you mean" not in str(caught.value)


def test_a_data_scope_takes_codes_only() -> None:
    assert OriginScope.parse("JP") == OriginScope.parse("jp")
    with pytest.raises(InvalidCountryError, match="'JPN' is not an ISO 3166-1 alpha-2 country code"):
        OriginScope.parse("JPN")
