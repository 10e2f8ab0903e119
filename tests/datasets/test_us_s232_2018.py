"""
The 2018 Section 232 steel (25%) and aluminium (10%) duties as in force from
1 January to 11 March 2025 (src/tariffcalc/datasets/us2025/s232-metals-2018.toml),
on the packaged us-2025 schedule.

Sources: later facts s.10 no.9 (the country arrangements of HTS 2025 Basic),
facts s.4 (all exemptions and quotas end on 12 March 2025), facts s.6 (China
fentanyl 10% from 4 February 2025, Canada/Mexico 25% from 4 March) and s.5.2
(EO 14289, retroactive to 4 March: IEEPA Mexico over s232 steel). MFN rates
from HTS 2025 Basic: 7208.51.00 Free, 7601.10.60 Free (column 2: 11%),
7317.00.55 Free, 7614.10.50 4.9%, 8708.10.30 2.5%.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tariffcalc import Measure
from tariffcalc.datasets import load_schedule, us2025_data
from tariffcalc.reasons import Expired
from tests.helpers.worked import Worked, check

END = "2025-03-12"  # facts s.4: Proclamations 10895/10896 from 12:01 a.m. EDT 12 March 2025
SPAN = f"2025-01-01/{END}"  # the arrangement of HTS 2025 Basic, from the data's horizon

# (measure id, rate, validity, Chapter 99 heading, confidence): later facts s.10 no.9 and the
# HTS 2025 Basic headings; test_us2025_facts.py checks these rows with every other measure.
MEASURES = [
    ("us.s232-2018.steel.articles", "25%", SPAN, "9903.80.01", "C2"),
    ("us.s232-2018.steel.articles.trq", "25%", SPAN, "9903.80.01", "C2"),
    ("us.s232-2018.steel.articles.ua", "25%", SPAN, "9903.81.83", "C1"),
    ("us.s232-2018.steel.articles.mx", "25%", SPAN, "9903.81.85", "C1"),
    ("us.s232-2018.steel.derivatives", "25%", SPAN, "9903.80.03", "C2"),
    ("us.s232-2018.steel.derivatives.ua", "25%", SPAN, "9903.81.84", "C1"),
    ("us.s232-2018.steel.derivatives.mx", "25%", SPAN, "9903.81.86", "C1"),
    ("us.s232-2018.aluminum.articles", "10%", SPAN, "9903.85.01", "C2"),
    ("us.s232-2018.aluminum.articles.trq", "10%", SPAN, "9903.85.01", "C2"),
    ("us.s232-2018.aluminum.derivatives", "10%", SPAN, "9903.85.03", "C2"),
    ("us.s232-2018.aluminum.articles.ru", "200%", SPAN, "9903.85.67", "C2"),
    ("us.s232-2018.aluminum.articles.ru-smelted", "200%", SPAN, "9903.85.67", "C2"),
    ("us.s232-2018.aluminum.derivatives.ru", "200%", SPAN, "9903.85.68", "C2"),
    ("us.s232-2018.aluminum.derivatives.ru-smelted", "200%", SPAN, "9903.85.68", "C2"),
    ("us.s232-2018.aluminum.articles.mx", "10%", SPAN, "9903.85.71", "C1"),
    ("us.s232-2018.aluminum.derivatives.mx", "10%", SPAN, "9903.85.72", "C1"),
]

# The countries each general line excepts (HTS 2025 Basic 9903.80.01/.03, 9903.85.01/.03).
STEEL_EXCEPTED = {"AR", "AU", "BR", "CA", "GB", "JP", "KR", "MX", "UA"}  # and the EU
ALUMINUM_EXCEPTED = {"AR", "AU", "CA", "GB", "MX"}  # and the EU; RU pays 200% instead

STEEL = "7208.51.00.30"  # plate in cut lengths, 9903.80.11 / .71 / 9903.81.31 in the quota lines; MFN Free
ALUMINUM = "7601.10.60"  # unwrought aluminium, not alloyed; MFN Free
NAILS = "7317.00.55.03"  # Proc. 9980 steel derivative; MFN Free
ALU_WIRE = "7614.10.50.00"  # Proc. 9980 aluminium derivative (stranded wire, fitted); MFN 4.9%

EXAMPLES = [
    # Japan is no longer free: over quota (no in-quota claim) it pays 9903.80.01.
    # MFN Free + 25% of 10000 = 2500
    Worked(
        "later facts s.10 no.9 (Japan TRQ, over quota)",
        STEEL,
        "JP",
        date(2025, 1, 10),
        "10000",
        "2500.00",
        ("9903.80.01",),
    ),
    # In quota (9903.81.31): Free. 0 + 0 = 0
    Worked(
        "later facts s.10 no.9 (Japan TRQ, in quota)",
        STEEL,
        "JP",
        date(2025, 1, 10),
        "10000",
        "0.00",
        (STEEL,),
        ("9903.80.01",),
        claims=("in-quota",),
    ),
    # China on 10 Feb 2025: MFN Free + fentanyl 10% (EO 14195, from 4 Feb) + s232 25% + s301 25%
    # (2024 review, 9903.91.01; lists/s301_biden_25.txt names 7208.51.00) = 60% of 10000 = 6000
    Worked(
        "facts s.6 China + later facts s.10 no.9",
        STEEL,
        "CN",
        date(2025, 2, 10),
        "10000",
        "6000.00",
        ("9903.80.01", "9903.91.01"),
    ),
    # Canada excepted outright: MFN Free only = 0 (before the 4 March IEEPA duty)
    Worked(
        "later facts s.10 no.9 (Canada)", STEEL, "CA", date(2025, 1, 10), "10000", "0.00", (STEEL,), ("9903.80.01",)
    ),
    # Brazil: absolute steel quota, no duty in quota (fill not modelled) = 0 ...
    Worked(
        "later facts s.10 no.9 (Brazil steel quota)",
        STEEL,
        "BR",
        date(2025, 2, 3),
        "10000",
        "0.00",
        (STEEL,),
        ("9903.80.01",),
    ),
    # ... but Brazil pays the aluminium 10%: 0 + 1000 = 1000
    Worked(
        "later facts s.10 no.9 (Brazil aluminium)",
        ALUMINUM,
        "BR",
        date(2025, 2, 3),
        "10000",
        "1000.00",
        ("9903.85.01",),
    ),
    # Korea pays the aluminium 10%: MFN Free + 10% of 10000 = 1000
    Worked(
        "later facts s.10 no.9 (Korea aluminium)",
        ALUMINUM,
        "KR",
        date(2025, 3, 11),
        "10000",
        "1000.00",
        ("9903.85.01",),
    ),
    # Boundary: from 12 March 25% for all countries (9903.85.02): 2500
    Worked(
        "facts s.4 (25% from 12 March)",
        ALUMINUM,
        "KR",
        date(2025, 3, 12),
        "10000",
        "2500.00",
        ("9903.85.02",),
        ("9903.85.01",),
    ),
    # Germany in quota on 11 March: Free = 0 ...
    Worked(
        "later facts s.10 no.9 (EU TRQ)",
        STEEL,
        "DE",
        date(2025, 3, 11),
        "10000",
        "0.00",
        (STEEL,),
        ("9903.80.01",),
        claims=("in-quota",),
    ),
    # ... and on 12 March the quota is gone: 25% under 9903.81.87 whatever is claimed = 2500
    Worked(
        "facts s.4 (quotas end 12 March)",
        STEEL,
        "DE",
        date(2025, 3, 12),
        "10000",
        "2500.00",
        ("9903.81.87",),
        ("9903.80.01",),
        claims=("in-quota",),
    ),
    # UK aluminium: TRQ (9903.85.51-.66), over quota 10% = 1000; its derivatives are excepted outright:
    # stranded wire MFN 4.9% of 10000 = 490, no 9903.85.03
    Worked(
        "later facts s.10 no.9 (UK aluminium TRQ)",
        ALUMINUM,
        "GB",
        date(2025, 1, 10),
        "10000",
        "1000.00",
        ("9903.85.01",),
    ),
    Worked(
        "HTS 2025 Basic 9903.85.03 (UK derivatives excepted)",
        ALU_WIRE,
        "GB",
        date(2025, 1, 10),
        "10000",
        "490.00",
        (ALU_WIRE,),
        ("9903.85.03", "9903.85.01"),
    ),
    # Japanese stranded wire pays the derivative 10%: 490 + 1000 = 1490
    Worked(
        "HTS 2025 Basic 9903.85.03 (Japan derivatives)",
        ALU_WIRE,
        "JP",
        date(2025, 1, 10),
        "10000",
        "1490.00",
        ("9903.85.03",),
    ),
    # Japanese nails: steel derivatives of Japan are excepted (9903.80.03), no quota: Free = 0
    Worked(
        "HTS 2025 Basic 9903.80.03 (Japan derivatives excepted)",
        NAILS,
        "JP",
        date(2025, 1, 10),
        "10000",
        "0.00",
        (NAILS,),
        ("9903.80.03", "9903.80.01"),
    ),
    # Chinese nails on 10 Feb: Free + fentanyl 10% + s232 derivative 25% + s301 List 3 25% (9903.88.03) = 6000
    Worked(
        "facts s.6 China + HTS 2025 Basic 9903.80.03",
        NAILS,
        "CN",
        date(2025, 2, 10),
        "10000",
        "6000.00",
        ("9903.80.03", "9903.88.03"),
    ),
    # Aluminium bumper stampings (8708.10.30.30) are a Proc. 9980 aluminium derivative, not a steel one:
    # Korea 2.5% MFN + 10% = 12.5% of 10000 = 1250
    Worked(
        "HTS 2025 Basic 9903.85.03 (bumper stampings of aluminium)",
        "8708.10.30.30",
        "KR",
        date(2025, 1, 10),
        "10000",
        "1250.00",
        ("9903.85.03",),
        ("9903.80.03",),
    ),
    # Mexican steel melted in China, 3 March (before the IEEPA Mexico duty): 25% = 2500
    Worked(
        "HTS 2025 Basic 9903.81.85 (Mexico melt and pour)",
        STEEL,
        "MX",
        date(2025, 3, 3),
        "10000",
        "2500.00",
        ("9903.81.85",),
        claims=("steel-melted-outside-usmca",),
    ),
    # 10 March, not USMCA: the IEEPA Mexico 25% applies and displaces s232 steel (EO 14289, retroactive
    # to 4 March): 2500 under 9903.01.01, none under 9903.81.85
    Worked(
        "facts s.5.2 EO 14289 (IEEPA Mexico over s232 steel)",
        STEEL,
        "MX",
        date(2025, 3, 10),
        "10000",
        "2500.00",
        ("9903.01.01",),
        ("9903.81.85",),
        claims=("steel-melted-outside-usmca",),
    ),
    # Without the melt claim Mexico is excepted: 3 March, Free = 0
    Worked(
        "later facts s.10 no.9 (Mexico)",
        STEEL,
        "MX",
        date(2025, 3, 3),
        "10000",
        "0.00",
        (STEEL,),
        ("9903.81.85", "9903.80.01"),
    ),
    # Ukraine with a certificate of origin: excepted = 0; without one (claimed): 25% = 2500
    Worked(
        "later facts s.10 no.9 (Ukraine)",
        STEEL,
        "UA",
        date(2025, 1, 10),
        "10000",
        "0.00",
        (STEEL,),
        ("9903.81.83", "9903.80.01"),
    ),
    Worked(
        "HTS 2025 Basic 9903.81.83 (Ukraine, no certificate)",
        STEEL,
        "UA",
        date(2025, 1, 10),
        "10000",
        "2500.00",
        ("9903.81.83",),
        claims=("no-certificate-of-origin",),
    ),
    # Russian aluminium: column 2 MFN 11% (Russia lost normal trade relations) + 200% in place of the 10%
    # = 1100 + 20000 = 21100
    Worked(
        "facts s.4 (Russia 200%) + HTS 2025 Basic 9903.85.67",
        ALUMINUM,
        "RU",
        date(2025, 1, 10),
        "10000",
        "21100.00",
        ("9903.85.67",),
        ("9903.85.01",),
    ),
    # Canadian aluminium smelted in Russia: 200% instead of nothing = 20000
    Worked(
        "HTS 2025 Basic 9903.85.67 (Russian smelt)",
        ALUMINUM,
        "CA",
        date(2025, 1, 10),
        "10000",
        "20000.00",
        ("9903.85.67",),
        claims=("russian-aluminum",),
    ),
    # Chinese aluminium the day before the fentanyl duty: Free + 10% (9903.85.01) + s301 25% (2024 review,
    # 9903.91.01; lists/s301_biden_25.txt names 7601.10.60) = 3500 ...
    Worked(
        "later facts s.10 no.9 + facts s.6 China (before 4 Feb)",
        ALUMINUM,
        "CN",
        date(2025, 2, 3),
        "10000",
        "3500.00",
        ("9903.85.01", "9903.91.01"),
    ),
    # ... and from 4 February the fentanyl 10% stacks on top (EO 14195, outside any hierarchy) = 4500
    Worked(
        "facts s.6 China (fentanyl 10% from 4 Feb)",
        ALUMINUM,
        "CN",
        date(2025, 2, 4),
        "10000",
        "4500.00",
        ("9903.85.01", "9903.91.01"),
    ),
    # Canadian aluminium on 5 March, not USMCA: excepted from the 10%; only the IEEPA Canada 25% = 2500
    Worked(
        "facts s.6 Canada + later facts s.10 no.9",
        ALUMINUM,
        "CA",
        date(2025, 3, 5),
        "10000",
        "2500.00",
        ("9903.01.10",),
        ("9903.85.01", "9903.85.21"),
    ),
    # A Commerce product exclusion frees Chinese steel of the s232 line: 10% + 25% (s301) = 3500
    Worked(
        "HTS 2025 Basic 9903.80.01 (exclusions)",
        STEEL,
        "CN",
        date(2025, 2, 10),
        "10000",
        "3500.00",
        ("9903.91.01",),
        ("9903.80.01",),
        claims=("s232-exclusion",),
    ),
]


@pytest.mark.parametrize("example", EXAMPLES, ids=str)
def test_worked_example(example: Worked) -> None:
    check(example)


@pytest.fixture(scope="module")
def measures() -> dict[str, Measure]:
    return {m.id: m for m in us2025_data().measures}


def test_every_2018_measure_is_in_the_table(measures: dict[str, Measure]) -> None:
    assert {mid for mid in measures if mid.startswith("us.s232-2018.")} == {m[0] for m in MEASURES}


def test_the_tags_are_the_march_2025_ones(measures: dict[str, Measure]) -> None:
    """Same tags as s232-metals.toml, so the EO 14289 and autos rules of stacking.toml apply."""
    for mid, *_ in MEASURES:
        metal = "s232-steel" if ".steel." in mid else "s232-aluminum"
        assert metal in measures[mid].tags, mid


@pytest.mark.parametrize("origin", sorted(STEEL_EXCEPTED | {"FR", "CN", "TR", "VN"}))
def test_steel_exceptions_without_claims(origin: str) -> None:
    """With no claim, the non-excepted countries and the quota countries (EU, Japan, UK) pay 9903.80.01."""
    r = load_schedule("us-2025").resolve(STEEL, origin, date(2025, 2, 3), value=1000)
    pays = origin not in STEEL_EXCEPTED or origin in {"GB", "JP"}
    assert pays == ("9903.80.01" in [line.heading for line in r.lines]), origin


@pytest.mark.parametrize("origin", sorted(ALUMINUM_EXCEPTED | {"BR", "JP", "KR", "FR", "CN"}))
def test_aluminum_exceptions_without_claims(origin: str) -> None:
    """Brazil, Japan and Korea pay the 10%; the EU and the UK pay it over quota; the others are excepted."""
    r = load_schedule("us-2025").resolve(ALUMINUM, origin, date(2025, 2, 3), value=1000)
    pays = origin not in ALUMINUM_EXCEPTED or origin == "GB"
    assert pays == ("9903.85.01" in [line.heading for line in r.lines]), origin


@pytest.mark.parametrize(("product", "origin"), [(STEEL, "CN"), (ALUMINUM, "RU"), (NAILS, "VN"), (ALUMINUM, "FR")])
def test_the_2018_lines_end_on_11_march(product: str, origin: str) -> None:
    """Facts s.4: a 2018 line applies on 11 March 2025 and has expired on 12 March."""
    schedule = load_schedule("us-2025")
    end = date(2025, 3, 12)
    before = schedule.resolve(product, origin, end - timedelta(days=1), value=1000)
    applied = [line.measure.id for line in before.lines if line.measure.id.startswith("us.s232-2018.")]
    assert applied, before.explain()
    after = schedule.resolve(product, origin, end, value=1000)
    assert all(isinstance(after.reason(mid), Expired) for mid in applied), after.explain()
