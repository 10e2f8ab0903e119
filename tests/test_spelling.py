"""
What a user may type for a country: an alpha-2 code in any case, an alpha-3
code, an English short or common name (ISO 3166 as packaged from pycountry).
A near miss is refused with the nearest country; a data file's scope takes
codes only. A content name is one word (older names are aliases), a basis
reads in words, and ``--value`` takes the forms a quantity takes.
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal

import pytest

from tariffcalc import Country, Entry, OriginScope, Schedule
from tariffcalc.cli import main
from tariffcalc.datasets import load_schedule
from tariffcalc.errors import InvalidCountryError, UnknownNameError
from tariffcalc.measures import Basis
from tariffcalc.rates import normalise_content


@pytest.fixture(scope="module")
def us() -> Schedule:
    return load_schedule()


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


# --- content names: one word each, the older names as aliases (docs/reference/rates.md) ---

_ONE_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@pytest.mark.parametrize(
    ("old", "name"),
    [
        ("strap, band or bracelet", "strap"),
        ("Case and strap, band or bracelet", "case-and-strap"),
        ("movement and case", "movement-and-case"),
        ("telescopic sight", "sight"),
        ("fair retail value", "retail-value"),
        ("cost of such goods or repairs", "repairs"),
        ("Aluminium", "aluminum"),
        ("U.S.", "us"),
        ("gold leaf", "gold-leaf"),  # no alias: the words joined by a hyphen
    ],
)
def test_a_content_name_is_one_word_and_the_old_name_an_alias(old: str, name: str) -> None:
    assert name == normalise_content(old)
    assert Entry.of("9102.11.30", "RU", date(2025, 5, 5), contents={old: "50"}).content_value(name) == Decimal(50)


def test_every_content_name_of_the_packaged_schedule_is_one_word(us: Schedule) -> None:
    names = us.vocabulary.contents
    assert {"strap", "case-and-strap", "sight", "us", "steel"} <= names
    assert [n for n in sorted(names) if not _ONE_WORD.fullmatch(n)] == []


def test_an_old_content_name_resolves_as_the_new_one(us: Schedule) -> None:
    # 9102.11.30 from Russia pays column 2 (HTS 9102.11.30, "Other" column):
    # $1.90 each + 45% on the case + 35% on the strap, band or bracelet + 35% on the battery.
    old = us.resolve(
        "9102.11.30",
        "RU",
        date(2025, 5, 5),
        contents={"case": 300, "strap, band or bracelet": 100, "battery": 20},
        quantities={"No.": 10},
        value=1000,
    )
    new = us.resolve(
        "9102.11.30",
        "RU",
        date(2025, 5, 5),
        contents={"case": 300, "strap": 100, "battery": 20},
        quantities={"No.": 10},
        value=1000,
    )
    base = new.lines[0]
    # 10 x 1.90 + 45% x 300 + 35% x 100 + 35% x 20 = 19 + 135 + 35 + 7 = 196.00
    assert (Decimal("196.00"), "hts.col2.9102.11.30/2025-01-01") == (base.amount, base.measure.id)
    assert old.lines == new.lines


def test_an_unknown_content_is_refused_with_one_word_names(us: Schedule) -> None:
    with pytest.raises(UnknownNameError) as caught:
        us.resolve("9102.11.30", "RU", date(2025, 5, 5), value=1000, contents={"straps": 100})
    message = str(caught.value)
    assert "did you mean 'strap'?" in message
    known = message.split("known contents: ")[1].split(", ")
    assert "strap" in known
    assert [n for n in known if not _ONE_WORD.fullmatch(n)] == []


# --- the basis in words ---


def test_a_basis_reads_in_words() -> None:
    assert "the customs value" == Basis.parse("value").words()
    assert "the value of the steel content" == Basis.parse("content:steel").words()
    assert "the value less the US content, when that content is at least 20% of the value" == (
        Basis.parse("value-less:us>=20%").words()
    )


def test_explain_shows_the_basis_in_words(us: Schedule) -> None:
    # EO 14326 (North Macedonia 15%) is charged on the value less the US content when that is at
    # least 20% of the value (EO 14257 s.3(f)); 5000 of US content in 10000 is 50%.
    r = us.resolve("8467.21.00.10", "MK", date(2025, 9, 5), value=10000, contents={"us": 5000})
    text = r.explain()
    assert "(the value less the US content, when that content is at least 20% of the value)" in text
    assert "value-less:" not in text


# --- amounts on the command line: the forms quantities take ---


@pytest.mark.parametrize("typed", ["10000", "10,000", "$10,000", " $10000 "])
def test_the_value_in_each_form_on_the_command_line(typed: str, capsys: pytest.CaptureFixture[str]) -> None:
    # 8703.23.01.90 from Japan on 5 May 2025: MFN 2.5% + Section 232 autos 25% = 27.5% of 10,000 = 2,750.00.
    assert 0 == main(["rate", "8703.23.01.90", "--origin", "JP", "--date", "2025-05-05", "--value", typed, "--json"])
    out = json.loads(capsys.readouterr().out)
    assert ("27.5", "2750.00") == (out["rate"], out["amount"])
