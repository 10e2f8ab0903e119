"""Programmes: the checks of a Programme, its reasons for refusing a claim, and the reader's errors."""

from __future__ import annotations

from datetime import date

import pytest

from tariffcalc.citations import Citation, Instrument
from tariffcalc.countries import Country, Membership
from tariffcalc.errors import DataFileError, InvalidMeasureError, TariffError
from tariffcalc.periods import Period
from tariffcalc.programmes import Programme, read_programmes

CITE = Citation(Instrument("HTS X", "A schedule", known_on=date(2020, 1, 1)), heading="General Note 9")
KR = Membership(Country("KR"), Period.parse("2020-01-01/2022-01-01"))

EDITIONS = """
[editions."E1"]
title = "Edition one"
known_on = "2026-01-01"
"""


def programme(**kw: object) -> Programme:
    args: dict[str, object] = {
        "id": "p",
        "name": "Prog",
        "claims": ["kr"],
        "in_force": Period.parse("2020-01-01/2030-01-01"),
        "citation": CITE,
        "members": [KR],
    }
    args.update(kw)
    return Programme(**args)  # type: ignore[arg-type]


def test_a_single_claim_text_is_one_claim_not_its_letters() -> None:
    assert programme(claims="KR").claims == frozenset({"kr"})


def test_a_programme_without_claims_is_refused() -> None:
    with pytest.raises(InvalidMeasureError, match=r"programme p answers no claim; list its claims, e\.g\. \['kr'\]"):
        programme(claims=[])


@pytest.mark.parametrize(("members", "any_origin", "word"), [([KR], True, "both"), ([], False, "neither")])
def test_members_and_any_origin_exclude_each_other(members: list[Membership], any_origin: bool, word: str) -> None:
    with pytest.raises(InvalidMeasureError, match=rf"give either its members .* or any_origin=True, not {word}$"):
        programme(members=members, any_origin=any_origin)


def test_why_not_is_empty_for_an_honoured_claim() -> None:
    p = programme()
    assert p.eligible(Country("KR"), date(2021, 6, 1))
    assert p.why_not(Country("KR"), date(2021, 6, 1)) == ""


def test_why_not_before_the_programme_starts() -> None:
    assert programme().why_not(Country("KR"), date(2019, 12, 31)) == (
        "Prog is not in force on 2019-12-31 (in force from 2020-01-01)"
    )


def test_why_not_after_the_programme_lapses() -> None:
    assert programme().why_not(Country("KR"), date(2030, 1, 1)) == (
        "Prog is not in force on 2030-01-01 (lapsed from 2030-01-01)"
    )


def test_why_not_names_the_origins_own_beneficiary_spans() -> None:
    on = date(2023, 1, 1)
    p = programme()
    assert not p.eligible(Country("KR"), on)
    assert p.why_not(Country("KR"), on) == (
        f"KR is not a beneficiary of Prog on 2023-01-01 (a beneficiary during {KR.period})"
    )
    assert p.why_not(Country("JP"), on) == "JP is not a beneficiary of Prog"


def test_any_origin_programme_honours_every_origin_while_in_force() -> None:
    p = programme(members=[], any_origin=True)
    assert p.eligible(Country("JP"), date(2025, 1, 1))
    assert not p.eligible(Country("JP"), date(2030, 1, 1))


def test_boundaries_are_the_days_of_the_programme_and_its_members() -> None:
    assert programme().boundaries() == frozenset({date(2020, 1, 1), date(2030, 1, 1), date(2022, 1, 1)})


def table(body: str) -> str:
    return EDITIONS + "[[programmes]]\n" + body


GOOD = """id = "korus"
name = "KORUS"
claims = ["KR"]
in_force = "2012-03-15/"
members = ["KR 2012-03-15/"]
citation = { edition = "E1", heading = "General Note 33" }
"""


def problems(text: str) -> list[str]:
    with pytest.raises(DataFileError) as info:
        read_programmes(text, where="t.toml")
    assert str(info.value).startswith("cannot read the programme table")
    return [str(p) for p in info.value.problems]


def test_a_good_table_reads() -> None:
    korus = read_programmes(table(GOOD))["korus"]
    assert korus.eligible(Country("KR"), date(2025, 1, 1))
    assert str(korus.citation) == "E1, heading General Note 33"


def test_any_word_makes_an_any_origin_programme() -> None:
    p = read_programmes(table(GOOD.replace('["KR 2012-03-15/"]', '["any"]')))["korus"]
    assert p.any_origin
    assert p.members == ()


def test_an_empty_name_is_refused_with_its_place() -> None:
    assert problems(table(GOOD.replace('name = "KORUS"', 'name = "  "'))) == [
        "t.toml programmes[0].name: give a non-empty string"
    ]


def test_an_uncited_programme_is_refused() -> None:
    text = table(GOOD.replace('citation = { edition = "E1", heading = "General Note 33" }\n', ""))
    assert problems(text) == ["t.toml programmes[0].citation: every programme is cited"]


def test_an_unknown_edition_lists_the_known_ones() -> None:
    assert problems(table(GOOD.replace('edition = "E1"', 'edition = "E9"'))) == [
        "t.toml programmes[0].citation.edition 'E9' is not one of the [editions]: E1"
    ]


def test_a_member_without_its_period_is_refused() -> None:
    assert problems(table(GOOD.replace('"KR 2012-03-15/"', '"KR"'))) == [
        "t.toml programmes[0].members[0]: write 'CC START/END'"
    ]


def test_a_programme_given_twice_is_refused() -> None:
    assert problems(table(GOOD + "[[programmes]]\n" + GOOD)) == ["t.toml: programme korus twice"]


def test_bad_toml_is_a_data_file_error() -> None:
    (problem,) = problems("[[programmes]\n")
    assert problem.startswith("t.toml: TOMLDecodeError: ")


def test_a_missing_edition_field_is_a_data_file_error() -> None:
    assert problems('[editions."E1"]\nknown_on = "2026-01-01"\n') == ["t.toml: KeyError: 'title'"]


def test_other_tariff_errors_become_data_file_errors() -> None:
    (problem,) = problems(table(GOOD.replace('claims = ["KR"]', "claims = []")))
    assert problem == "t.toml: programme korus answers no claim; list its claims, e.g. ['kr']"
    assert issubclass(DataFileError, TariffError)
