"""
The country IEEPA duties besides the reciprocal tariff, August 2025 to their
end: Brazil's 40% (EO 14323), India's 25% (EO 14329), the Canada/Mexico
energy and potash rates and Canada's transshipment rate, and China's
fentanyl duty around its cut on 10 November 2025.

Sources: ``docs/sources/us-2025-26-later-facts.md`` s.3.3 (Brazil), s.3.4
(India), s.3.8 (Canada, Mexico), s.3.9 (China), s.1.3 (the end on 24 February
2026); ``docs/sources/us-2025-facts.md`` s.6; the Chapter 99 headings of HTS
2025 Revision 32 (``tests/data/hts/``), which the data files cite. MFN rates
are read from HTS 2025 Revision 32: 9403.60.80 Free, 0901.11.00 Free,
4702.00.00 Free, 7208.51.00 Free, 7326.90.86 2.9%, 8807.30.00 Free,
4901.99.00 Free, 8703.23.01 2.5%, 6109.10.00 16.5%, 3004.20.00 Free,
0902.30.00 Free, 2709.00.20 10.5 cents/bbl, 3104.20.00 Free.

The reciprocal duty on these goods is another topic's (``ieepa-reciprocal.toml``):
Brazil's is 10% (the baseline 9903.01.25, or the EO 14326 heading 9903.02.09
once that file has it), so the Brazil examples check totals, not the
reciprocal heading. India's 25% (9903.02.26) may not be in the data yet: the
India examples then check every line but that one (``check_india``).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tariffcalc import Country, Measure
from tariffcalc.datasets import load_schedule, us2025_data
from tests.helpers.worked import Worked, check, resolve

IEEPA_END = "2026-02-24"  # later facts s.1.3

# (measure id, rate, validity, Chapter 99 heading, confidence): the measures of this topic against the facts and
# the HTS 2025 Rev 32 headings. test_us2025_facts.py counts these rows as checked.
MEASURES = [
    # later facts s.3.3: Brazil 40% from 6 Aug 2025 (9903.01.77); exemptions .79 donations, .80 informational,
    # .81 Annex I, .82 civil aircraft; 20 Nov 2025 agricultural lift retroactive to 13 Nov (.81, .90)
    ("us.ieepa.br.40", "40%", f"2025-08-06/{IEEPA_END}", "9903.01.77", "C2"),
    ("us.ieepa.br.exempt.donations", "Free", f"2025-08-06/{IEEPA_END}", "9903.01.79", "C2"),
    ("us.ieepa.br.exempt.informational", "Free", f"2025-08-06/{IEEPA_END}", "9903.01.80", "C1"),
    ("us.ieepa.br.exempt.annex-i", "Free", f"2025-08-06/{IEEPA_END}", "9903.01.81", "C2"),
    ("us.ieepa.br.exempt.agriculture", "Free", f"2025-11-13/{IEEPA_END}", "9903.01.81", "C2"),
    ("us.ieepa.br.exempt.particular-articles", "Free", f"2025-11-13/{IEEPA_END}", "9903.01.90", "C2"),
    ("us.ieepa.br.exempt.civil-aircraft", "Free", f"2025-08-06/{IEEPA_END}", "9903.01.82", "C2"),
    # later facts s.3.4: India 25% from 27 Aug 2025, removed from 7 Feb 2026 (9903.01.84); .86 Annex II goods
    # (following note 2(v)(iii) and its changes, later facts s.3.1, s.3.2: the additions are U), .88, .89
    ("us.ieepa.in.25", "25%", "2025-08-27/2026-02-07", "9903.01.84", "C2"),
    ("us.ieepa.in.exempt.annex-ii", "Free", "2025-08-27/2026-02-07", "9903.01.86", "C2"),
    ("us.ieepa.in.exempt.annex-ii.until-eo14346", "Free", "2025-08-27/2025-09-08", "9903.01.86", "C2"),
    ("us.ieepa.in.exempt.annex-ii.wood", "Free", "2025-08-27/2025-10-14", "9903.01.86", "C1"),
    ("us.ieepa.in.exempt.annex-ii.eo14346", "Free", "2025-09-08/2026-02-07", "9903.01.86", "U"),
    ("us.ieepa.in.exempt.annex-ii.agriculture", "Free", "2025-11-13/2026-02-07", "9903.01.86", "U"),
    ("us.ieepa.in.exempt.donations", "Free", "2025-08-27/2026-02-07", "9903.01.88", "C2"),
    ("us.ieepa.in.exempt.informational", "Free", "2025-08-27/2026-02-07", "9903.01.89", "C1"),
    # facts s.6, later facts s.3.8: Canadian energy 10% (9903.01.13, list C1) and potash 10% (9903.01.15; its
    # 4-6 March heading U) from 4 March 2025; USMCA exempt from 7 March; transshipment 40% (9903.01.16) from 1 Aug
    ("us.ieepa.ca.energy.10", "10%", "2025-03-04/2025-03-07", "9903.01.13", "C1"),
    ("us.ieepa.ca.energy.10-usmca", "10%", f"2025-03-07/{IEEPA_END}", "9903.01.13", "C1"),
    ("us.ieepa.ca.potash.10", "10%", "2025-03-04/2025-03-07", "9903.01.13", "U"),
    ("us.ieepa.ca.potash.10-usmca", "10%", f"2025-03-07/{IEEPA_END}", "9903.01.15", "C2"),
    ("us.ieepa.ca.transship.40", "40%", f"2025-08-01/{IEEPA_END}", "9903.01.16", "C2"),
    # facts s.6: Mexican non-USMCA potash 10% from 7 March 2025 (9903.01.05), kept after July (later facts s.3.8)
    ("us.ieepa.mx.potash.10-usmca", "10%", f"2025-03-07/{IEEPA_END}", "9903.01.05", "C2"),
    # HTS 2025 Rev 32: donations and informational-materials headings of the three fentanyl duties
    ("us.ieepa.cn.exempt.donations", "Free", f"2025-02-04/{IEEPA_END}", "9903.01.21", "C2"),
    ("us.ieepa.cn.exempt.informational", "Free", f"2025-02-04/{IEEPA_END}", "9903.01.22", "C1"),
    ("us.ieepa.ca.exempt.donations", "Free", f"2025-03-04/{IEEPA_END}", "9903.01.11", "C2"),
    ("us.ieepa.ca.exempt.informational", "Free", f"2025-03-04/{IEEPA_END}", "9903.01.12", "C1"),
    ("us.ieepa.mx.exempt.donations", "Free", f"2025-03-04/{IEEPA_END}", "9903.01.02", "C2"),
    ("us.ieepa.mx.exempt.informational", "Free", f"2025-03-04/{IEEPA_END}", "9903.01.03", "C1"),
]

S232_TAGS = ("s232-steel", "s232-aluminum", "s232-copper", "s232-auto", "s232-wood", "s232-truck", "s232-semi")
CONTENT_LINES = {"s232-steel", "s232-aluminum", "s232-copper"}  # charged on a metal content: slice

# (rule id, when, drops, displaces, validity); test_us2025_facts.py counts these rows as checked.
RULES = [
    ("eo14323.exemptions", "ieepa-br-exempt", "ieepa-br", "entry", f"2025-08-06/{IEEPA_END}"),
    *[
        (f"eo14323.{t}", t, "ieepa-br", "slice" if t in CONTENT_LINES else "entry", f"2025-08-06/{IEEPA_END}")
        for t in S232_TAGS
    ],
    ("eo14329.exemptions", "ieepa-in-exempt", "ieepa-in", "entry", "2025-08-27/2026-02-07"),
    *[
        (f"eo14329.{t}", t, "ieepa-in", "slice" if t in CONTENT_LINES else "entry", "2025-08-27/2026-02-07")
        for t in S232_TAGS
    ],
    ("eo14193.energy-potash-at-10", "ieepa-ca-energy", "ieepa-ca-general", "entry", f"2025-03-04/{IEEPA_END}"),
    ("eo14325.transship-over-general", "ieepa-transship", "ieepa-ca-general", "entry", f"2025-08-01/{IEEPA_END}"),
    ("eo14325.transship-over-energy", "ieepa-transship", "ieepa-ca-energy", "entry", f"2025-08-01/{IEEPA_END}"),
    ("eo14194.potash-at-10", "ieepa-mx-potash", "ieepa-mx-general", "entry", f"2025-03-07/{IEEPA_END}"),
    ("eo14195.exemptions", "ieepa-cn-exempt", "ieepa-cn", "entry", f"2025-02-04/{IEEPA_END}"),
    ("eo14193.exemptions", "ieepa-ca-exempt", "ieepa-ca", "entry", f"2025-03-04/{IEEPA_END}"),
    ("eo14194.exemptions", "ieepa-mx-exempt", "ieepa-mx", "entry", f"2025-03-04/{IEEPA_END}"),
]


@pytest.fixture(scope="module")
def measures() -> dict[str, Measure]:
    return {m.id: m for m in us2025_data().measures}


def test_the_china_duty_covers_hong_kong_not_macau(measures: dict[str, Measure]) -> None:
    """HTS 2025 Rev 32 9903.01.20-.24: 'articles the product of China and Hong Kong' (Macau is not named)."""
    for mid in ("us.ieepa.fentanyl.cn.10", "us.ieepa.fentanyl.cn.20", "us.ieepa.fentanyl.cn.10-from-2025-11-10"):
        origins = measures[mid].origins
        assert {Country("CN"), Country("HK")} == set(origins.countries), mid


def test_the_peer_lists_were_cut_to_the_printed_note(measures: dict[str, Measure]) -> None:
    """Annex I (9903.01.81) holds neither the civil-aircraft provisions nor the particular articles of .90."""
    annex = set(measures["us.ieepa.br.exempt.annex-i"].products.include)
    agriculture = set(measures["us.ieepa.br.exempt.agriculture"].products.include)
    aircraft = set(measures["us.ieepa.br.exempt.civil-aircraft"].products.include)
    particular = set(measures["us.ieepa.br.exempt.particular-articles"].products.include)
    assert (129, 240, 565, 11) == (len(annex), len(agriculture), len(aircraft), len(particular))
    assert not (annex | agriculture) & (aircraft | particular)
    assert not {str(c) for c in annex | agriculture | aircraft} & {"9014.80.50", "9031.49.40", "9802.00.91"}


V = "10000"

# Hand-worked examples (value $10,000 unless said). Brazil: MFN + reciprocal 10% + 40% (later facts s.3.3).
BRAZIL = [
    # 9403.60.80 Free + 10% reciprocal 1000 + 40% (9903.01.77) 4000 = 5000
    Worked(
        "later facts §3.3", "9403.60.80.93", "BR", date(2025, 8, 10), V, "5000.00", ("9903.01.77",), ("9903.01.81",)
    ),
    # the day before the 40%: only the 10% reciprocal = 1000
    Worked("later facts §3.3", "9403.60.80.93", "BR", date(2025, 8, 5), V, "1000.00", (), ("9903.01.77",)),
    # in transit (9903.01.78): loaded 1 Aug, entered 4 Oct: 10% only = 1000 ...
    Worked(
        "later facts §3.3",
        "9403.60.80.93",
        "BR",
        date(2025, 10, 4),
        V,
        "1000.00",
        (),
        ("9903.01.77",),
        loaded=date(2025, 8, 1),
    ),
    # ... entered on 5 Oct the window is closed: 1000 + 4000 = 5000
    Worked(
        "later facts §3.3",
        "9403.60.80.93",
        "BR",
        date(2025, 10, 5),
        V,
        "5000.00",
        ("9903.01.77",),
        loaded=date(2025, 8, 1),
    ),
    # coffee 0901.11.00 Free on 12 Nov 2025: 10% 1000 + 40% 4000 = 5000
    Worked(
        "later facts §3.3", "0901.11.00.25", "BR", date(2025, 11, 12), V, "5000.00", ("9903.01.77",), ("9903.01.81",)
    ),
    # from 13 Nov 2025 (EO of 20 Nov, retroactive; Annex II EO of 14 Nov, later facts s.3.2): no 40%, no 10% = 0
    Worked(
        "later facts §3.3, §3.2",
        "0901.11.00.25",
        "BR",
        date(2025, 11, 13),
        V,
        "0.00",
        ("9903.01.81", "9903.01.32"),
        ("9903.01.77", "9903.01.25", "9903.02.09"),
    ),
    # Annex I product (chemical woodpulp 4702.00.00, not in Annex II): 10% reciprocal only = 1000
    Worked("later facts §3.3", "4702.00.00.20", "BR", date(2025, 9, 1), V, "1000.00", ("9903.01.81",), ("9903.01.77",)),
    # steel plate 7208.51 Free, s232 50% on the full value (9903.81.87) = 5000; no 40% (9903.01.83), no reciprocal
    Worked(
        "later facts §3.3; facts §4",
        "7208.51.00.30",
        "BR",
        date(2025, 9, 1),
        V,
        "5000.00",
        ("9903.81.87",),
        ("9903.01.77", "9903.01.25", "9903.02.09"),
    ),
    # steel derivative 7326.90.86 with $4,000 of steel: MFN 2.9% 290 + s232 50% of 4000 = 2000
    # + reciprocal 10% of 6000 = 600 + 40% of the non-steel 6000 = 2400 -> 5290
    Worked(
        "later facts §3.3; facts §5.3",
        "7326.90.86.88",
        "BR",
        date(2025, 9, 1),
        V,
        "5290.00",
        ("9903.81.90", "9903.01.77"),
        contents={"steel": "4000"},
    ),
    # a car 8703.23.01 (MFN 2.5% 250) + s232 auto 25% 2500 = 2750: no 40% (9903.01.83), no reciprocal
    Worked(
        "later facts §3.3; facts §3",
        "8703.23.01.90",
        "BR",
        date(2025, 9, 1),
        "10000",
        "2750.00",
        ("9903.94.01",),
        ("9903.01.77", "9903.01.25"),
    ),
    # aircraft part 8807.30 Free with $2,000 aluminium, claimed civil aircraft (9903.01.82): s232 aluminium 50% of
    # 2000 = 1000 + reciprocal 10% of 8000 = 800 -> 1800 ...
    Worked(
        "later facts §3.3",
        "8807.30.00.60",
        "BR",
        date(2025, 9, 1),
        V,
        "1800.00",
        ("9903.01.82", "9903.85.08"),
        ("9903.01.77",),
        contents={"aluminum": "2000"},
        claims=("civil-aircraft",),
    ),
    # ... not claimed: + 40% of the non-aluminium 8000 = 3200 -> 5000
    Worked(
        "later facts §3.3",
        "8807.30.00.60",
        "BR",
        date(2025, 9, 1),
        V,
        "5000.00",
        ("9903.01.77", "9903.85.08"),
        ("9903.01.82",),
        contents={"aluminum": "2000"},
    ),
    # a donation (9903.01.79; reciprocal 9903.01.30): nothing
    Worked(
        "later facts §3.3",
        "9403.60.80.93",
        "BR",
        date(2025, 8, 10),
        V,
        "0.00",
        ("9903.01.79",),
        ("9903.01.77",),
        claims=("donation",),
    ),
    # a book (ch. 49, informational materials 9903.01.80): nothing
    Worked("later facts §3.3", "4901.99.00.92", "BR", date(2025, 8, 10), V, "0.00", ("9903.01.80",), ("9903.01.77",)),
    # 23 Feb 2026, the last day of IEEPA collection: T-shirts 6109.10.00 (MFN 16.5% 1650) + 10% 1000 + 40% 4000
    Worked("later facts §1.3", "6109.10.00.12", "BR", date(2026, 2, 23), V, "6650.00", ("9903.01.77",)),
]


@pytest.mark.parametrize("example", BRAZIL, ids=str)
def test_brazil(example: Worked) -> None:
    check(example)


def check_india(example: Worked, reciprocal: str) -> None:
    """
    :func:`check`, or, while India's 25% reciprocal (9903.02.26, another topic's
    file) still shows as not computable, the same check without that line:
    every other line's amount must add up to the total less *reciprocal*.
    """
    r = resolve(example)
    pending = [line for line in r.lines if "reciprocal" in line.measure.tags and line.amount is None]
    if not pending:
        check(example)
        return
    account = "\n" + r.explain()
    own = sum((line.amount for line in r.lines if line not in pending and line.amount is not None), Decimal(0))
    assert all(line.amount is not None for line in r.lines if line not in pending), account
    assert Decimal(example.total) - Decimal(reciprocal) == own, f"{example}: {own} without the reciprocal{account}"
    headings = [line.heading for line in r.lines]
    assert all(h in headings for h in example.applies), f"{example}: {example.applies}{account}"
    assert not [h for h in example.absent if h in headings], f"{example}: {example.absent}{account}"


# India: MFN + reciprocal 25% + 25% (later facts s.3.4); (example, the reciprocal part of its total)
INDIA = [
    # T-shirts 6109.10.00 (MFN 16.5% 1650) on 1 Sep 2025: + reciprocal 25% 2500 + 25% (9903.01.84) 2500 = 6650
    (Worked("later facts §3.4", "6109.10.00.12", "IN", date(2025, 9, 1), V, "6650.00", ("9903.01.84",)), "2500"),
    # the day before: 1650 + 2500 = 4150
    (
        Worked("later facts §3.4", "6109.10.00.12", "IN", date(2025, 8, 26), V, "4150.00", (), ("9903.01.84",)),
        "2500",
    ),
    # in transit (9903.01.85): loaded 20 Aug, entered 16 Sep: 4150; entered 17 Sep: 6650
    (
        Worked(
            "later facts §3.4",
            "6109.10.00.12",
            "IN",
            date(2025, 9, 16),
            V,
            "4150.00",
            (),
            ("9903.01.84",),
            loaded=date(2025, 8, 20),
        ),
        "2500",
    ),
    (
        Worked(
            "later facts §3.4",
            "6109.10.00.12",
            "IN",
            date(2025, 9, 17),
            V,
            "6650.00",
            ("9903.01.84",),
            loaded=date(2025, 8, 20),
        ),
        "2500",
    ),
    # the last day, 6 Feb 2026: 6650; removed for entries from 7 Feb (and on 10 Feb): 1650 + 2500 = 4150
    (Worked("later facts §3.4", "6109.10.00.12", "IN", date(2026, 2, 6), V, "6650.00", ("9903.01.84",)), "2500"),
    (
        Worked("later facts §3.4", "6109.10.00.12", "IN", date(2026, 2, 7), V, "4150.00", (), ("9903.01.84",)),
        "2500",
    ),
    (
        Worked("later facts §3.4", "6109.10.00.12", "IN", date(2026, 2, 10), V, "4150.00", (), ("9903.01.84",)),
        "2500",
    ),
    # an Annex II medicine 3004.20.00 (Free): 9903.01.86 and 9903.01.32, nothing to pay
    (
        Worked(
            "later facts §3.4; facts §1",
            "3004.20.00.75",
            "IN",
            date(2025, 9, 1),
            V,
            "0.00",
            ("9903.01.86", "9903.01.32"),
            ("9903.01.84",),
        ),
        "0",
    ),
    # steel plate 7208.51 (Free): s232 50% on the full value = 5000, no 25% (9903.01.87), no reciprocal
    (
        Worked(
            "later facts §3.4; facts §4",
            "7208.51.00.30",
            "IN",
            date(2025, 9, 1),
            V,
            "5000.00",
            ("9903.81.87",),
            ("9903.01.84", "9903.02.26"),
        ),
        "0",
    ),
    # steel derivative 7326.90.86 with $4,000 steel: 290 + 2000 + reciprocal 25% of 6000 = 1500 + 25% of 6000 = 1500
    (
        Worked(
            "later facts §3.4; facts §5.3",
            "7326.90.86.88",
            "IN",
            date(2025, 9, 1),
            V,
            "5290.00",
            ("9903.81.90", "9903.01.84"),
            contents={"steel": "4000"},
        ),
        "1500",
    ),
    # black tea 0902.30 (Free) on 12 Nov 2025: 25% + 25% = 5000; from 13 Nov Annex II (9903.01.32) and, by the
    # heading's reference to note 2(v)(iii), 9903.01.86 [U]: nothing
    (Worked("later facts §3.4", "0902.30.00.90", "IN", date(2025, 11, 12), V, "5000.00", ("9903.01.84",)), "2500"),
    (
        Worked(
            "later facts §3.4, §3.2",
            "0902.30.00.90",
            "IN",
            date(2025, 11, 13),
            V,
            "0.00",
            ("9903.01.86", "9903.01.32"),
            ("9903.01.84",),
        ),
        "0",
    ),
]


@pytest.mark.parametrize(("example", "reciprocal"), INDIA, ids=[str(e) for e, _ in INDIA])
def test_india(example: Worked, reciprocal: str) -> None:
    check_india(example, reciprocal)


def test_no_country_ieepa_duty_from_24_february_2026() -> None:
    """Later facts s.1.3: from 24 Feb 2026 no IEEPA line for Brazilian, Indian, Canadian, Mexican or Chinese goods."""
    us = load_schedule("us-2025")
    for origin in ("BR", "IN", "CA", "MX", "CN", "HK"):
        before = us.resolve("6109.10.00.12", origin, date(2026, 2, 23), value=10000)
        after = us.resolve("6109.10.00.12", origin, date(2026, 2, 24), value=10000)
        assert [line for line in before.lines if line.measure.id.startswith("us.ieepa.")], origin
        assert not [line for line in after.lines if line.measure.id.startswith("us.ieepa.")], origin
        assert Decimal("1650.00") == next(line.amount for line in after.lines if line.heading == "6109.10.00.12")


# Canada, Mexico, China (facts s.6; later facts s.3.8, s.3.9)
NORTH_AMERICA_AND_CHINA = [
    # non-USMCA T-shirt from Canada: 1650 + 35% (9903.01.10) 3500 = 5150; no reciprocal (9903.01.26)
    Worked(
        "later facts §3.8",
        "6109.10.00.12",
        "CA",
        date(2025, 9, 1),
        V,
        "5150.00",
        ("9903.01.10",),
        ("9903.01.13", "9903.01.16", "9903.01.25"),
    ),
    # crude oil 2709.00.20 (10.5 cents/bbl x 100 bbl = 10.50) + 10% (9903.01.13) 1000 = 1010.50; not the 35%
    Worked(
        "later facts §3.8; facts §6",
        "2709.00.20.90",
        "CA",
        date(2025, 9, 1),
        V,
        "1010.50",
        ("9903.01.13",),
        ("9903.01.10",),
        quantities={"bbl": "100"},
    ),
    # crude oil entered 5 March 2025 (before the USMCA exemption): 10% = 1000 although claimed USMCA (MFN free)
    Worked(
        "facts §6",
        "2709.00.20.90",
        "CA",
        date(2025, 3, 5),
        V,
        "1000.00",
        ("9903.01.13",),
        ("9903.01.10",),
        quantities={"bbl": "100"},
        claims=("usmca",),
    ),
    # ... and from 7 March a USMCA claim frees it: 0
    Worked(
        "facts §6",
        "2709.00.20.90",
        "CA",
        date(2025, 3, 7),
        V,
        "0.00",
        (),
        ("9903.01.13", "9903.01.10"),
        quantities={"bbl": "100"},
        claims=("usmca",),
    ),
    # Canadian potash 3104.20 (Free): 10% (9903.01.15) = 1000
    Worked("facts §6", "3104.20.00.10", "CA", date(2025, 9, 1), V, "1000.00", ("9903.01.15",), ("9903.01.10",)),
    # a T-shirt CBP finds transshipped (9903.01.16, in lieu of the 35%): 1650 + 4000 = 5650 ...
    Worked(
        "later facts §3.8",
        "6109.10.00.12",
        "CA",
        date(2025, 9, 1),
        V,
        "5650.00",
        ("9903.01.16",),
        ("9903.01.10",),
        claims=("transshipment",),
    ),
    # ... before 1 August 2025 there was no 40%: 1650 + 25% 2500 = 4150
    Worked(
        "later facts §3.8",
        "6109.10.00.12",
        "CA",
        date(2025, 7, 31),
        V,
        "4150.00",
        ("9903.01.10",),
        ("9903.01.16",),
        claims=("transshipment",),
    ),
    # Mexico kept at 25% (later facts s.3.8; later extensions not checked, the data keeps 25% to 24 Feb 2026)
    Worked("later facts §3.8", "6109.10.00.12", "MX", date(2026, 1, 15), V, "4150.00", ("9903.01.01",)),
    # Mexican potash: 25% on 5 March 2025 = 2500, 10% (9903.01.05) from 7 March = 1000
    Worked("facts §6", "3104.20.00.10", "MX", date(2025, 3, 5), V, "2500.00", ("9903.01.01",), ("9903.01.05",)),
    Worked("facts §6", "3104.20.00.10", "MX", date(2025, 9, 1), V, "1000.00", ("9903.01.05",), ("9903.01.01",)),
    # China, 9 Nov 2025: 1650 + fentanyl 20% 2000 + reciprocal 10% 1000 + s301 List 4A 7.5% 750 = 5400
    Worked(
        "later facts §3.9; facts §6",
        "6109.10.00.12",
        "CN",
        date(2025, 11, 9),
        V,
        "5400.00",
        ("9903.01.24", "9903.01.25", "9903.88.15"),
        ("9903.01.63",),
    ),
    # from 10 Nov 2025: fentanyl 10% 1000: 1650 + 1000 + 1000 + 750 = 4400
    Worked(
        "later facts §3.9; facts §6",
        "6109.10.00.12",
        "CN",
        date(2025, 11, 10),
        V,
        "4400.00",
        ("9903.01.24", "9903.01.25", "9903.88.15"),
        ("9903.01.63",),
    ),
    # Hong Kong (HTS 2025 Rev 32 9903.01.24 'China and Hong Kong'; no s301): 1650 + 1000 + 1000 = 3650
    Worked("later facts §3.9", "6109.10.00.12", "HK", date(2025, 11, 10), V, "3650.00", ("9903.01.24", "9903.01.25")),
    # China's first in-transit window (9903.01.23): loaded 25 Jan, entered 5 March: 1650 + 750 = 2400 ...
    Worked(
        "facts §6",
        "6109.10.00.12",
        "CN",
        date(2025, 3, 5),
        V,
        "2400.00",
        ("9903.88.15",),
        ("9903.01.24",),
        loaded=date(2025, 1, 25),
    ),
    # ... entered 7 March: + 20% = 4400
    Worked(
        "facts §6",
        "6109.10.00.12",
        "CN",
        date(2025, 3, 7),
        V,
        "4400.00",
        ("9903.01.24",),
        loaded=date(2025, 1, 25),
    ),
]


@pytest.mark.parametrize("example", NORTH_AMERICA_AND_CHINA, ids=str)
def test_canada_mexico_china(example: Worked) -> None:
    check(example)
