"""
The HTS rate-text parser against real lines of HTS 2025 Revision 32.

Every case names the line and quotes its text exactly as the USITC export
prints it (tests/data/hts/hts_2025_rev_32.json.gz); the expected rate and
amount were worked out by hand from that text (¢ → $ by moving the point two
places; amounts = rate × the facts given), not taken from the parser.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tariffcalc.errors import MissingFactError, RateTextError
from tariffcalc.io import ratetext
from tariffcalc.io.ratetext import (
    Chapter99Formula,
    Reference,
    SpecialRates,
    parse_rate_text,
    parse_special_text,
    programme_claim,
)
from tariffcalc.measures import Preference
from tariffcalc.rates import AdValorem, Compound, Free, NotComputable, OnContent, Rate, Specific

D = Decimal


def grants(special: SpecialRates) -> dict[str, Rate | Reference]:
    """What a Special text grants each programme: a rate, or the reference it makes."""
    return {p.claim: p.rate if isinstance(p, Preference) else p.reference for p in special.preferences}


def kg(amount: str, unit: str = "kg") -> Specific:
    return Specific(D(amount), unit)


# (htsno, column, raw text, expected rate, value, quantities, contents, expected amount)
CASES = [
    ("0101.30.00.00", "general", "6.8%", AdValorem(D("6.8")), "1000", {}, {}, "68"),
    ("0101.21.00", "general", "Free", Free(), "1000", {}, {}, "0"),
    ("0102.29.40", "general", "1¢/kg", kg("0.01"), None, {"kg": "500"}, {}, "5"),
    ("0105.11.00", "general", "0.9¢ each", kg("0.009", "No."), None, {"No.": "1000"}, {}, "9"),
    (
        "0402.99.90.00",
        "general",
        "46.3¢/kg + 14.9%",
        Compound((kg("0.463"), AdValorem(D("14.9")))),
        "1000",
        {"kg": "100"},
        {},
        "195.3",
    ),
    (
        "0402.99.90.00",
        "other",
        "54.5¢/kg + 17.5%",
        Compound((kg("0.545"), AdValorem(D("17.5")))),
        "1000",
        {"kg": "100"},
        {},
        "229.5",
    ),
    (
        "0711.20.18.00",
        "general",
        "3.7¢/kg on drained weight",
        kg("0.037", "kg drained weight"),
        None,
        {"kg drained weight": "200"},
        {},
        "7.4",
    ),
    (
        "0711.51.00.00",
        "general",
        "5.7¢/kg on drained weight + 8%",
        Compound((kg("0.057", "kg drained weight"), AdValorem(8))),
        "500",
        {"kg drained weight": "100"},
        {},
        "45.7",
    ),
    (
        "0711.51.00.00",
        "other",
        "22¢/kg on drained weight+45%",
        Compound((kg("0.22", "kg drained weight"), AdValorem(45))),
        "500",
        {"kg drained weight": "100"},
        {},
        "247",
    ),
    (
        "0711.59.10.00",
        "general",
        "5.7¢/kg on drained weight +8%",
        Compound((kg("0.057", "kg drained weight"), AdValorem(8))),
        "500",
        {"kg drained weight": "100"},
        {},
        "45.7",
    ),
    (
        "1509.20.20",
        "general",
        "5¢/kg on contents and container",
        kg("0.05", "kg contents and container"),
        None,
        {"kg contents and container": "40"},
        {},
        "2",
    ),
    (
        "1702.90.05.00",
        "general",
        "3.6606¢/kg of total sugars",
        kg("0.036606", "kg total sugars"),
        None,
        {"kg total sugars": "1000"},
        {},
        "36.606",
    ),
    ("0401.50.75.00", "general", "$1.646/kg", kg("1.646"), None, {"kg": "10"}, {}, "16.46"),
    ("0601.10.60.00", "general", "$1.34/1000", kg("1.34", "1000"), None, {"1000": "5"}, {}, "6.70"),
    ("0806.10.20", "general", "$1.13/m3", kg("1.13", "m3"), None, {"m3": "2"}, {}, "2.26"),
    ("0104.10.00.00", "other", "$3/head", kg("3", "head"), None, {"head": "7"}, {}, "21"),
    (
        "9101.11.40",
        "general",
        "51¢ each + 6.25% on the case and strap, band or bracelet + 5.3% on the battery",
        Compound(
            (
                kg("0.51", "No."),
                OnContent(AdValorem(D("6.25")), "case-and-strap"),
                OnContent(AdValorem(D("5.3")), "battery"),
            )
        ),
        None,
        {"No.": "10"},
        {"case-and-strap": "200", "battery": "10"},
        "18.13",
    ),
    (
        "9101.11.40",
        "other",
        "$2.25 each + 45% on the case +80% on the strap, band or bracelet + 35% on the battery",
        Compound(
            (
                kg("2.25", "No."),
                OnContent(AdValorem(45), "case"),
                OnContent(AdValorem(80), "strap"),
                OnContent(AdValorem(35), "battery"),
            )
        ),
        None,
        {"No.": "10"},
        {"case": "100", "strap": "50", "battery": "10"},
        "111",
    ),
    (
        "9101.21.80",
        "general",
        "$1.61 each + 4.4% on the case and strap, band or bracelet",
        Compound((kg("1.61", "No."), OnContent(AdValorem(D("4.4")), "case-and-strap"))),
        None,
        {"No.": "2"},
        {"case-and-strap": "100"},
        "7.62",
    ),
    (
        "6505.00.08.00",
        "general",
        "13.5¢/kg + 6.3% + 1.9¢/article",
        Compound((kg("0.135"), AdValorem(D("6.3")), kg("0.019", "article"))),
        "200",
        {"kg": "10", "article": "100"},
        {},
        "15.85",
    ),
    (
        "6505.00.08.00",
        "other",
        "88.2¢/kg + 55% + 12.5¢/ article",
        Compound((kg("0.882"), AdValorem(55), kg("0.125", "article"))),
        "200",
        {"kg": "10", "article": "100"},
        {},
        "131.32",
    ),
    (
        "9105.99.10.00",
        "general",
        "17¢ each + 2.5% + 1¢/jewel",
        Compound((kg("0.17", "No."), AdValorem(D("2.5")), kg("0.01", "jewel"))),
        "400",
        {"No.": "4", "jewel": "68"},
        {},
        "11.36",
    ),
    (
        "2204.30.00.00",
        "general",
        "4.4¢/liter + 31.4¢/pf. liter",
        Compound((kg("0.044", "liter"), kg("0.314", "pf.liter"))),
        None,
        {"liter": "100", "pf.liter": "40"},
        {},
        "16.96",
    ),
    (
        "2204.30.00.00",
        "other",
        "18.5¢/liter + $1.32/pf. liter",
        Compound((kg("0.185", "liter"), kg("1.32", "pf.liter"))),
        None,
        {"liter": "100", "pf.liter": "40"},
        {},
        "71.3",
    ),
    (
        "2206.00.30.00",
        "other",
        "18.5¢/ liter + $1.32/pf. liter on ethyl alcohol content",
        Compound((kg("0.185", "liter"), kg("1.32", "pf.liter ethyl alcohol content"))),
        None,
        {"liter": "100", "pf.liter ethyl alcohol content": "10"},
        {},
        "31.7",
    ),
    (
        "2620.19.60",
        "general",
        "0.7¢/kg on copper content + 0.7¢/kg on lead content",
        Compound((kg("0.007", "kg copper content"), kg("0.007", "kg lead content"))),
        None,
        {"kg copper content": "1000", "kg lead content": "500"},
        {},
        "10.5",
    ),
    ("3213.10.00.00", "general", "6.5% on the entire set", AdValorem(D("6.5")), "200", {}, {}, "13"),
    (
        "7801.10.00.00",
        "general",
        "2.5% on the value of the lead content",
        OnContent(AdValorem(D("2.5")), "lead"),
        None,
        {},
        {"lead": "10000"},
        "250",
    ),
    (
        "2613.10.00.00",
        "other",
        "$1.10/kg on molybdenum content + 15%",
        Compound((kg("1.1", "kg molybdenum content"), AdValorem(15))),
        "1000",
        {"kg molybdenum content": "100"},
        {},
        "260",
    ),
    (
        "2523.10.00.00",
        "other",
        "$1.32/t, including weight of container",
        kg("1.32", "t including weight of container"),
        None,
        {"t including weight of container": "25"},
        {},
        "33",
    ),
    (
        "2402.20.90.00",
        "other",
        "$9.92/kg+ 25%",
        Compound((kg("9.92"), AdValorem(25))),
        "100",
        {"kg": "2"},
        {},
        "44.84",
    ),
    (
        "1302.11.00.00",
        "other",
        "$40/kg of anhydrous morphine content",
        kg("40", "kg anhydrous morphine content"),
        None,
        {"kg anhydrous morphine content": "0.5"},
        {},
        "20",
    ),
    (
        "9816.00.20",
        "general",
        "3 percent of the fair retail value",
        OnContent(AdValorem(3), "retail-value"),
        None,
        {},
        {"retail-value": "500"},
        "15",
    ),
    (
        "9812.00.20.00",
        "general",
        "Free, under bond, as prescribed in U.S. note 2 to this subchapter",
        Free(),
        "1000",
        {},
        {},
        "0",
    ),
    ("8703.23.01", "general", "2.5%", AdValorem(D("2.5")), "40000", {}, {}, "1000"),
    ("8703.23.01", "other", "10%", AdValorem(10), "40000", {}, {}, "4000"),
    ("6109.10.00", "general", "16.5%", AdValorem(D("16.5")), "20000", {}, {}, "3300"),
    ("6109.10.00", "other", "90%", AdValorem(90), "20000", {}, {}, "18000"),
]


@pytest.mark.parametrize(
    ("htsno", "column", "text", "expected", "value", "quantities", "contents", "amount"),
    CASES,
    ids=[f"{c[0]}-{c[1]}" for c in CASES],
)
def test_real_line(
    htsno: str,
    column: str,
    text: str,
    expected: Rate,
    value: str | None,
    quantities: dict[str, str],
    contents: dict[str, str],
    amount: str,
) -> None:
    """The text of the line reads as the rate worked out by hand, and charges the hand-computed amount."""
    rate = parse_rate_text(text)

    assert expected == rate
    assert isinstance(rate, Rate)
    assert D(amount) == rate.amount(
        None if value is None else D(value),
        {k: D(v) for k, v in quantities.items()},
        {k: D(v) for k, v in contents.items()},
    )


def test_cents_become_exact_dollars() -> None:
    """1.5¢ is exactly $0.015: no float on the way."""
    rate = parse_rate_text("1.5¢/kg")

    assert isinstance(rate, Specific)
    assert D("0.015") == rate.amount_per_unit
    assert isinstance(rate.amount_per_unit, Decimal)


def test_one_third_is_exact_to_the_cent() -> None:
    """4202.29.20.00 column 2 reads "33 1/3%": on $300 that is $100.00 once rounded to the cent."""
    rate = parse_rate_text("33 1/3%")

    assert isinstance(rate, AdValorem)
    assert D("100.00") == rate.amount(D("300")).quantize(D("0.01"))
    assert rate == Rate.parse(str(rate))


@pytest.mark.parametrize(
    ("htsno", "text", "reason"),
    [
        (
            "1701.12.05.00",
            "3.6606¢/kg less 0.020668¢/kg for each degree under 100 degrees (and fractions of a degree in "
            "proportion) but not less than 3.143854¢/kg",
            ratetext.SUGAR,
        ),
        (
            "6103.22.00",
            "The rate applicable to each garment in the ensemble if separately entered",
            ratetext.NAMED_ELSEWHERE,
        ),
        ("2106.90.52.00", "The rate applicable to the natural juice in heading 2009", ratetext.NAMED_ELSEWHERE),
        ("5810.91.00", "See additional U.S. note 1", ratetext.US_NOTE),
        (
            "9802.00.40",
            "A duty upon the value of the repairs or alterations (see U.S. note 3 of this subchapter)",
            ratetext.CHAPTER_98,
        ),
        (
            "9110.90.40.00",
            "4.3% + 1.7¢/jewel + 0.2¢ for each other piece or part, but if consisting in part of a plate or a set "
            "of plates the total duty shall not exceed the duty for the complete movement",
            ratetext.CAPPED,
        ),
        ("9822.05.30", "The duty rate provided in such subheading minus 0.5%", ratetext.SUCH_SUBHEADING),
    ],
)
def test_not_computable_keeps_reason_and_text(htsno: str, text: str, reason: str) -> None:
    """Texts tariffcalc cannot compute say why and keep the text; asking for an amount names what is missing."""
    rate = parse_rate_text(text)

    assert NotComputable(reason, text) == rate
    assert isinstance(rate, NotComputable)
    with pytest.raises(MissingFactError):
        rate.amount(D("1000"), {"kg": D("1")})
    assert rate == Rate.parse(str(rate))


@pytest.mark.parametrize(
    ("htsno", "text", "addition", "content", "subheadings"),
    [
        ("9903.01.25", "The duty provided in the applicable subheading + 10%", AdValorem(10), None, ()),
        ("9903.88.15", "The duty provided in the applicable subheading + 7.5%", AdValorem(D("7.5")), None, ()),
        ("9903.01.15", "The duty provided in the applicable subheading +10%", AdValorem(10), None, ()),
        ("9903.88.01", "The duty provided in the applicable subheading plus 25%", AdValorem(25), None, ()),
        ("9903.89.55", "The duty provided inthe applicable subheading+ 25%", AdValorem(25), None, ()),
        (
            "9903.81.91",
            "The duty provided in the applicable subheading + a duty of 50% upon the value of the steel content.",
            AdValorem(50),
            "steel",
            (),
        ),
        ("9903.01.02", "The duty provided in the applicable subheading", None, None, ()),
        ("9903.85.06", "The duty provided for in the applicable subheading", None, None, ()),
        ("9903.01.04", "No change", None, None, ()),
        (
            "9903.91.12",
            "The duty provided in subheadings 8716.39.00, 8716.90.30 or 8716.90.50 + 100%",
            AdValorem(100),
            None,
            ("8716.39.00", "8716.90.30", "8716.90.50"),
        ),
    ],
)
def test_chapter99_formulas(
    htsno: str, text: str, addition: Rate | None, content: str | None, subheadings: tuple[str, ...]
) -> None:
    """Chapter 99 texts read as what they add on top of the applicable subheading."""
    assert Chapter99Formula(addition, content, text, subheadings) == parse_rate_text(text)


def test_special_single_group_8703_23_01() -> None:
    """8703.23.01: every listed programme is Free; S (USMCA) becomes the claim 'usmca'."""
    text = "Free (A+,AU,B,BH,CL,CO,D,E,IL,JO,KR,MA,OM, P,PA,PE,S,SG)"
    claims = ["a+", "au", "b", "bh", "cl", "co", "d", "e", "il", "jo", "kr", "ma", "om", "p", "pa", "pe", "usmca", "sg"]

    special = parse_special_text(text)

    assert tuple(Preference(c, Free()) for c in claims) == special.preferences
    assert special.unlisted is None


def test_special_reduced_rate_0603_12_70_00() -> None:
    """0603.12.70.00: Free for 17 programmes, 3.2% for Japan."""
    special = parse_special_text("Free (A,AU,BH,CL,CO,D,E,IL,JO,KR,MA,OM,P,PA,PE,S,SG) 3.2% (JP)")
    assert all(isinstance(p, Preference) for p in special.preferences)
    rates = {p.claim: p.rate for p in special.preferences if isinstance(p, Preference)}

    assert AdValorem(D("3.2")) == rates.pop("jp")
    assert {Free()} == set(rates.values())
    assert 17 == len(rates)


def test_special_rate_glued_to_list_0807_19_70() -> None:
    """0807.19.70 has no space after ')': '...SG)2.7% (JP)'."""
    special = parse_special_text("Free (A,AU,BH,CL,CO,D,E,IL,JO,KR,MA,OM,P,PA,PE,S,SG)2.7% (JP)")

    assert Preference("jp", AdValorem(D("2.7"))) == special.preferences[-1]


def test_special_cross_references_0201_10_50() -> None:
    """0201.10.50: Korea 1.7%; Australia and Panama are sent to Chapter 98/99 lines (followed by the importer)."""
    special = parse_special_text(
        "Free (BH,CL,CO,JO,MA,OM,P,PE,S,SG) 1.7% (KR) See 9822.04.01-9822.04.03 (AU) See 9919.02.01-9919.02.02 (PA)"
    )
    rates = grants(special)

    assert AdValorem(D("1.7")) == rates["kr"]
    assert Reference(("9822.04.01-9822.04.03",), "See 9822.04.01-9822.04.03") == rates["au"]
    assert Reference(("9919.02.01-9919.02.02",), "See 9919.02.01-9919.02.02") == rates["pa"]
    assert Free() == rates["usmca"]


def test_special_specific_group_0401_40_25_00() -> None:
    """0401.40.25.00: Panama pays 5.1¢/liter."""
    special = parse_special_text(
        "Free (BH,CL,CO,JO,KR,MA,OM,P,P+,PE,SG) 5.1¢/liter (PA) See 9822.04.05 (AU) See 9823.01.01-9823.01.07 (S+)"
    )
    rates = grants(special)

    assert kg("0.051", "liter") == rates["pa"]
    assert Free() == rates["p+"]
    assert Reference(("9823.01.01-9823.01.07",), "See 9823.01.01-9823.01.07") == rates["usmca"]


def test_programme_claims() -> None:
    """Codes are lower-cased with their suffixes; both USMCA codes are 'usmca'."""
    assert ["a+", "a*", "au", "jp", "usmca", "usmca", "e*"] == [
        programme_claim(c) for c in ["A+", "A*", "AU", "JP", "S", "S+", "E*"]
    ]


def test_empty_text_is_no_rate() -> None:
    """A blank column has no rate; it is never read as a zero."""
    with pytest.raises(RateTextError):
        parse_rate_text("   ")


def test_rates_round_trip_through_canonical_text() -> None:
    """Every parsed rate of the cases reads back from str()."""
    for case in CASES:
        rate = parse_rate_text(case[2])
        assert isinstance(rate, Rate)
        assert rate == Rate.parse(str(rate))
