"""
The "forced labour" Section 301 duties on 60 economies from 24 July 2026
(HTS chapter 99 subchapter III U.S. note 52, headings 9903.05.20-9903.06.21;
h2 facts §2.2, §8, §10, §11), on the packaged us-2025-26 schedule:
hand-worked entries, and the table of the 60 duty headings against their
heading texts.

Customs value 10,000 throughout. MFN rates are those of HTS 2026 Rev 10
(``tests/data/hts/hts_2026_rev_10.json.gz``), the latest revision the repo
holds; for the products used here they equal HTS 2025's:
- 9503.00.00 toys Free; 9403.60.80 wooden furniture, other, Free;
  0901.11.00 coffee Free; 4901.99.00 printed books Free; 9018.90.80
  medical instruments, other, Free; 1511.90.00 palm oil, other, Free;
  3004.90.92 medicaments, other, Free; 9401.61.40 upholstered wooden seats Free
- 6105.10.00 men's cotton knit shirts 19.7%; 6110.20.20 cotton sweaters 16.5%;
  6109.10.00 cotton T-shirts 16.5% (Free (P) under CAFTA-DR);
  3926.90.99 other articles of plastics 5.3% (Free (KR) under KORUS);
  8481.80.90 other valves 2%; 0805.90.01 other citrus fruit 0.8%;
  3917.22.00 polypropylene tubes 3.1%; 2804.10.00 hydrogen 3.7%;
  4202.21.90 leather handbags over $20 9%; 8703.23.01 cars 1.5-3 l 2.5%;
  0805.50.20 lemons 2.2¢/kg; 0703.20.00 garlic 0.43¢/kg; 7208.10.15 flat-rolled steel Free;
  7326.90.86 other articles of iron or steel 2.9%.

The hand-worked entries are rows of ``tests/data/worked/s301_forced_labour.toml``, checked by
``test_worked_examples.py``.
"""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tariffcalc.datasets import load_schedule
from tests.helpers.facts import facts_table
from tests.helpers.worked import Worked, resolve

ON = date(2026, 8, 10)  # a day inside the period: note 52 in force since 24 July 2026 (h2 facts §2.2)
TOY = "9503.00.00.90"  # toys, other: MFN Free
HANDBAG = "4202.21.90.00"  # leather handbags valued over $20: MFN 9%

#: The heading rows of HTS 2026 Revisions 12-20 as printed (copied with their provenance).
HEADING_TEXTS = Path(__file__).parents[1] / "data" / "hts" / "2026h2" / "headings_2026h2.csv"


def test_brazil_pays_the_forced_labour_duty_and_brazils_own_301() -> None:
    # h2 facts §2.1, §10 item 4: a Brazilian leather handbag (MFN 9% = 900.00) pays FL +12.5% (9903.05.27)
    # = 1250.00, and Brazil's note 50 duty (9903.05.01, +25%) = 2500.00 stacks on it: 4650.00 in all.
    r = resolve(Worked("h2 facts §2.1", HANDBAG, "BR", ON, "10000", "0", ()))
    assert [
        ("4202.21.90.00", Decimal("900.00")),
        ("9903.05.01", Decimal("2500.00")),
        ("9903.05.27", Decimal("1250.00")),
    ] == [(line.heading, line.amount) for line in r.lines]
    assert Decimal("4650.00") == r.amount
    # no rule lets a forced-labour measure or exception drop anything but the forced-labour duty
    schedule = load_schedule("us-2025")
    fl_tags = {"s301-forced-labour", "s301-fl-exempt"}
    assert not [rule.id for rule in schedule.rules if rule.when in fl_tags and rule.drops != "s301-forced-labour"]


def test_chapter_98_value_added_provisions_still_pay() -> None:
    # note 52(a): 9802.00.40/.50/.60 and 9802.00.80 pay the FL duty (on the value added abroad): the FL line is
    # there for a Vietnamese engine repaired abroad (9802.00.40.40): 12.5% of the value given, 1250.00
    r = resolve(Worked("note 52(a)", "9802.00.40.40", "VN", ON, "10000", "0", ()))
    assert [line.amount for line in r.lines if line.heading == "9903.05.84"] == [Decimal("1250.00")]
    assert "us.s301.forced-labour.exempt.chapter-98" not in [line.measure.id for line in r.lines]
    # ... while US goods returned (9801.00.10.12) are under the chapter 98 exception, a line with no 9903 heading
    returned = resolve(Worked("note 52(a)", "9801.00.10.12", "CN", ON, "10000", "0", ()))
    (line,) = [line for line in returned.lines if line.measure.id == "us.s301.forced-labour.exempt.chapter-98"]
    assert (line.heading, line.amount) == (None, Decimal("0.00"))


# The 60 duty headings: heading, a member economy, and the rate as printed in the heading text (HTS 2026 Rev 13,
# column 1; h2 facts §2.2 table). "+x%" is in addition to column 1; "x%" is the total of the pair's second
# heading (the first heading of the pair, column 1 >= x%, adds nothing).
HEADINGS = [
    ("9903.05.20", "DZ", "+12.5%"),
    ("9903.05.21", "AO", "+12.5%"),
    ("9903.05.22", "AR", "+10%"),
    ("9903.05.23", "AU", "+12.5%"),
    ("9903.05.24", "BS", "+12.5%"),
    ("9903.05.25", "BH", "+12.5%"),
    ("9903.05.26", "BD", "+10%"),
    ("9903.05.27", "BR", "+12.5%"),
    ("9903.05.28", "KH", "+10%"),
    ("9903.05.29", "CA", "+10%"),
    ("9903.05.30", "CL", "+12.5%"),
    ("9903.05.31", "CN", "+12.5%"),
    ("9903.05.32", "CO", "+12.5%"),
    ("9903.05.33", "CR", "+12.5%"),
    ("9903.05.34", "DO", "+12.5%"),
    ("9903.05.35", "EC", "+10%"),
    ("9903.05.36", "EG", "+12.5%"),
    ("9903.05.37", "SV", "+10%"),
    ("9903.05.39", "DE", "10%"),
    ("9903.05.40", "GT", "+10%"),
    ("9903.05.41", "GY", "+12.5%"),
    ("9903.05.42", "HN", "+10%"),
    ("9903.05.43", "HK", "+12.5%"),
    ("9903.05.44", "IN", "+10%"),
    ("9903.05.45", "ID", "+10%"),
    ("9903.05.46", "IQ", "+12.5%"),
    ("9903.05.47", "IL", "+12.5%"),
    ("9903.05.49", "JP", "12.5%"),
    ("9903.05.50", "JO", "+10%"),
    ("9903.05.51", "KZ", "+12.5%"),
    ("9903.05.52", "KW", "+12.5%"),
    ("9903.05.53", "LY", "+12.5%"),
    ("9903.05.54", "MY", "+10%"),
    ("9903.05.55", "MX", "+10%"),
    ("9903.05.56", "MA", "+12.5%"),
    ("9903.05.57", "NZ", "+12.5%"),
    ("9903.05.58", "NI", "+12.5%"),
    ("9903.05.59", "NG", "+12.5%"),
    ("9903.05.60", "NO", "+12.5%"),
    ("9903.05.61", "OM", "+12.5%"),
    ("9903.05.62", "PK", "+10%"),
    ("9903.05.63", "PE", "+12.5%"),
    ("9903.05.64", "PH", "+12.5%"),
    ("9903.05.65", "QA", "+12.5%"),
    ("9903.05.66", "RU", "+12.5%"),
    ("9903.05.67", "SA", "+12.5%"),
    ("9903.05.68", "SG", "+12.5%"),
    ("9903.05.69", "ZA", "+12.5%"),
    ("9903.05.71", "KR", "12.5%"),
    ("9903.05.72", "LK", "+10%"),
    ("9903.05.74", "CH", "12.5%"),
    ("9903.05.76", "TW", "10%"),
    ("9903.05.77", "TH", "+12.5%"),
    ("9903.05.78", "TT", "+10%"),
    ("9903.05.79", "TR", "+12.5%"),
    ("9903.05.80", "AE", "+12.5%"),
    ("9903.05.81", "GB", "+10%"),
    ("9903.05.82", "UY", "+12.5%"),
    ("9903.05.83", "VE", "+12.5%"),
    ("9903.05.84", "VN", "+12.5%"),
]


def test_sixty_economies() -> None:
    assert len(HEADINGS) == 60
    assert len({origin for _, origin, _ in HEADINGS}) == 60


@pytest.mark.parametrize(("heading", "origin", "rate"), HEADINGS, ids=[h for h, _, _ in HEADINGS])
def test_every_duty_heading(heading: str, origin: str, rate: str) -> None:
    # A toy (MFN Free, no other duty in 2026): the FL line is the whole duty, the printed rate of 10000,
    # for an additional rate and for a total alike (column 1 Free < the total).
    r = resolve(Worked("h2 facts §2.2", TOY, origin, ON, "10000", "0", ()))
    lines = [line for line in r.lines if "s301-forced-labour" in line.measure.tags]
    assert [line.heading for line in lines] == [heading]
    assert lines[0].amount == Decimal(rate.lstrip("+").rstrip("%")) * 100
    assert {"s301", "s301-forced-labour"} <= lines[0].measure.tags


# The facts of this topic's measures and rules, each row citing its source: tests/data/facts/s301_forced_labour.toml
MEASURES = facts_table("s301_forced_labour").measures


def test_the_duty_rows_are_the_headings_of_the_heading_texts() -> None:
    # Each duty row's heading and rate is the HEADINGS row (checked against the heading texts above).
    printed = {h: rate.lstrip("+") for h, _, rate in HEADINGS}
    duties = {heading: rate for _, rate, _, heading, _ in MEASURES if rate != "Free"}
    assert printed == {h: r.removeprefix("all-in ") for h, r in duties.items()}
    assert {h for h, r in duties.items() if r.startswith("all-in ")} == {h for h, _, r in HEADINGS if r[0] != "+"}


def test_the_exception_rows_are_headings_that_add_no_duty() -> None:
    # HTS 2026 Rev 13/14 heading texts (tests/data/hts/2026h2/headings_2026h2.csv): every exception heading's
    # general rate is "The duty provided in the applicable subheading", so the exception measure is Free.
    with HEADING_TEXTS.open(encoding="utf-8") as rows:
        texts = {row["heading"]: row["general"] for row in csv.DictReader(rows)}
    exceptions = [heading for _, rate, _, heading, _ in MEASURES if rate == "Free" and heading is not None]
    assert exceptions
    assert all(texts[h] == "The duty provided in the applicable subheading" for h in exceptions)
