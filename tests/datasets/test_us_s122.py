"""
The end of the IEEPA duties and the Section 122 surcharge that replaced them
(later facts §1.3, §1.5, §4, §7 items 1-3, §10.1), on the packaged us-2025
schedule: hand-worked entries, and the table of the s122 measures and rules
against the facts.

Customs value 10,000 throughout. MFN rates are those of HTS 2026 Rev 10
(``tests/data/hts/hts_2026_rev_10.json.gz``), the revision in force in 2026;
for the products used here they equal HTS 2025's.
"""

from __future__ import annotations

from datetime import date

import pytest

from tariffcalc import Measure
from tariffcalc.datasets import load_schedule, us2025_data
from tariffcalc.reasons import Expired, OriginNotCovered
from tests.helpers.worked import Worked, check

IEEPA_END = "2026-02-24"  # later facts §1.3: no IEEPA duty on entries from 24 Feb 2026
S122 = "9903.03.01"
FURNITURE = "9403.60.80.93"  # wooden furniture, other: MFN Free (HTS 2026 Rev 10, 9403.60.80)
STEEL_ARTICLE = "7326.90.86.88"  # other articles of iron or steel: MFN 2.9% (7326.90.86)
CAR = "8703.23.01.90"  # used cars 1.5-3 l: MFN 2.5% (8703.23.01)

EXAMPLES = [
    # §1.5: Japanese furniture after IEEPA: MFN Free + s122 10% = 1000.00; the Japan 15% all-in is gone (§1.5 derived)
    Worked("later facts §1.5", FURNITURE, "JP", date(2026, 3, 2), "10000", "1000.00", (S122,), ("9903.02.73",)),
    # §1.3: the last IEEPA day: Japan 15% all-in (9903.02.73) on a Free MFN = 15% of 10000 = 1500.00, no s122
    Worked("later facts §1.3", FURNITURE, "JP", date(2026, 2, 23), "10000", "1500.00", ("9903.02.73",), (S122,)),
    # §1.3/§1.5 first day: IEEPA gone, s122 from 12:01 a.m. EST 24 Feb (§7 item 2: both modelled as 2026-02-24)
    Worked("later facts §1.3", FURNITURE, "JP", date(2026, 2, 24), "10000", "1000.00", (S122,), ("9903.02.73",)),
    # §1.5, §3.9: China after IEEPA: MFN Free + s301 List 3 25% (9403.60.80 on List 3) + s122 10% = 3500.00,
    # no fentanyl 9903.01.24, no reciprocal 9903.01.63/.25
    Worked(
        "later facts §3.9",
        FURNITURE,
        "CN",
        date(2026, 3, 10),
        "10000",
        "3500.00",
        (S122, "9903.88.03"),
        ("9903.01.24", "9903.01.63", "9903.01.25"),
    ),
    # §3.9 on 23 Feb 2026: List 3 25% + fentanyl 10% (9903.01.24, from 10 Nov 2025) + reciprocal 10%
    # (34% with 24 points suspended to 10 Nov 2026) = 45% = 4500.00; no s122 yet
    Worked(
        "later facts §3.9",
        FURNITURE,
        "CN",
        date(2026, 2, 23),
        "10000",
        "4500.00",
        ("9903.01.24", "9903.88.03"),
        (S122,),
    ),
    # §1.3 China first day: List 3 25% + s122 10% = 3500.00
    Worked("later facts §1.3", FURNITURE, "CN", date(2026, 2, 24), "10000", "3500.00", (S122,), ("9903.01.24",)),
    # §3.8, §1.3: Canada non-USMCA 35% (9903.01.10) on 23 Feb = 3500.00; from 24 Feb s122 10% = 1000.00
    Worked("later facts §3.8", FURNITURE, "CA", date(2026, 2, 23), "10000", "3500.00", ("9903.01.10",), (S122,)),
    Worked("later facts §1.5", FURNITURE, "CA", date(2026, 2, 24), "10000", "1000.00", (S122,), ("9903.01.10",)),
    # Mexico non-USMCA 25% (9903.01.01) on 23 Feb = 2500.00; from 24 Feb s122 10% = 1000.00
    Worked("later facts §1.3", FURNITURE, "MX", date(2026, 2, 23), "10000", "2500.00", ("9903.01.01",), (S122,)),
    Worked("later facts §1.5", FURNITURE, "MX", date(2026, 2, 24), "10000", "1000.00", (S122,), ("9903.01.01",)),
    # §1.5 USMCA: Canadian / Mexican goods entered duty-free under USMCA: 9903.03.07 / .08 at 0 = 0.00
    Worked(
        "later facts §1.5",
        FURNITURE,
        "CA",
        date(2026, 3, 10),
        "10000",
        "0.00",
        ("9903.03.07",),
        (S122,),
        claims=("usmca",),
    ),
    Worked(
        "later facts §1.5",
        FURNITURE,
        "MX",
        date(2026, 3, 10),
        "10000",
        "0.00",
        ("9903.03.08",),
        (S122,),
        claims=("usmca",),
    ),
    # §1.5 in transit (9903.03.02): loaded 20 Feb, entered 26 Feb: no s122, and no IEEPA (ended) = 0.00
    Worked(
        "later facts §1.5",
        FURNITURE,
        "JP",
        date(2026, 2, 26),
        "10000",
        "0.00",
        (FURNITURE,),
        (S122, "9903.02.73"),
        loaded=date(2026, 2, 20),
    ),
    # entered 27 Feb (last day before 12:01 a.m. EST 28 Feb): still 0.00
    Worked(
        "later facts §1.5",
        FURNITURE,
        "JP",
        date(2026, 2, 27),
        "10000",
        "0.00",
        (FURNITURE,),
        (S122,),
        loaded=date(2026, 2, 20),
    ),
    # entered 28 Feb: too late for 9903.03.02: s122 10% = 1000.00
    Worked(
        "later facts §1.5",
        FURNITURE,
        "JP",
        date(2026, 2, 28),
        "10000",
        "1000.00",
        (S122,),
        loaded=date(2026, 2, 20),
    ),
    # loaded on 24 Feb itself: not in transit before 12:01 a.m. 24 Feb: s122 10% = 1000.00
    Worked(
        "later facts §1.5",
        FURNITURE,
        "JP",
        date(2026, 2, 26),
        "10000",
        "1000.00",
        (S122,),
        loaded=date(2026, 2, 24),
    ),
    # §1.5 note 2(aa)(ii): green coffee 0901.11.00 (MFN Free) of Brazil is on the (ii) list: 9903.03.03, 0.00
    Worked("later facts §1.5", "0901.11.00.15", "BR", date(2026, 3, 10), "10000", "0.00", ("9903.03.03",), (S122,)),
    # note 2(aa)(ii) prints '8505.11.0070': NdFeB magnets (8505.11.00.70, MFN 2.1%) exempt = 210.00,
    # the other metal magnets of 8505.11.00 are not: 210.00 + s122 1000.00 = 1210.00
    Worked("later facts §1.5", "8505.11.00.70", "JP", date(2026, 3, 10), "10000", "210.00", ("9903.03.03",), (S122,)),
    Worked("later facts §1.5", "8505.11.00.90", "JP", date(2026, 3, 10), "10000", "1210.00", (S122,), ("9903.03.03",)),
    # note 2(aa)(iii): etrogs in 0805.90.01 (MFN 0.8% = 80.00), claimed: 9903.03.04 at 0 = 80.00;
    # not claimed (kumquats of the same subheading): 80.00 + 1000.00 = 1080.00
    Worked(
        "later facts §1.5",
        "0805.90.01.00",
        "GR",
        date(2026, 3, 10),
        "10000",
        "80.00",
        ("9903.03.04",),
        (S122,),
        claims=("s122-listed-article",),
    ),
    Worked("later facts §1.5", "0805.90.01.00", "GR", date(2026, 3, 10), "10000", "1080.00", (S122,), ("9903.03.04",)),
    # note 2(aa)(iv): polypropylene tube 3917.22.00 (MFN 3.1% = 310.00) for a civil aircraft, claimed: 310.00;
    # the same tube not for aircraft: 310.00 + 1000.00 = 1310.00
    Worked(
        "later facts §10.1",
        "3917.22.00.00",
        "GB",
        date(2026, 3, 10),
        "10000",
        "310.00",
        ("9903.03.05",),
        (S122,),
        claims=("civil-aircraft",),
    ),
    Worked("later facts §10.1", "3917.22.00.00", "GB", date(2026, 3, 10), "10000", "1310.00", (S122,), ("9903.03.05",)),
    # §10.1: CAFTA-DR cotton T-shirt of Guatemala entered free under CAFTA-DR (MFN Free (P)): 9903.03.09 = 0.00;
    # not claimed: MFN 16.5% = 1650.00 + s122 1000.00 = 2650.00
    Worked(
        "later facts §10.1",
        "6109.10.00.04",
        "GT",
        date(2026, 3, 10),
        "10000",
        "0.00",
        ("9903.03.09",),
        (S122,),
        claims=("p", "cafta-dr-textile"),
    ),
    Worked("later facts §10.1", "6109.10.00.04", "GT", date(2026, 3, 10), "10000", "2650.00", (S122,), ("9903.03.09",)),
    # §10.1: donation (9903.03.10), claimed: 0.00; a book (ch. 49, MFN Free) is informational material (9903.03.11): 0.00
    Worked(
        "later facts §10.1",
        FURNITURE,
        "JP",
        date(2026, 3, 10),
        "10000",
        "0.00",
        ("9903.03.10",),
        (S122,),
        claims=("donation",),
    ),
    Worked("later facts §10.1", "4901.99.00", "GB", date(2026, 3, 10), "10000", "0.00", ("9903.03.11",), (S122,)),
    # §1.5, §4: a car under s232 pays no s122: India, MFN 2.5% 250.00 + s232 25% (9903.94.01) 2500.00 = 2750.00
    Worked("later facts §4", CAR, "IN", date(2026, 3, 10), "10000", "2750.00", ("9903.94.01",), (S122,)),
    # the EU car: 15% all-in (9903.94.51, MFN 2.5% included) = 1500.00, no s122
    Worked("later facts §4", CAR, "DE", date(2026, 3, 10), "10000", "1500.00", ("9903.94.51",), (S122,)),
    # §1.5, §4: chapter 73 steel article of Vietnam, steel content 4000: MFN 2.9% 290.00 + s232 50% on 4000
    # (9903.81.90) 2000.00 + s122 10% on the other 6000 = 600.00 -> 2890.00
    Worked(
        "later facts §1.5",
        STEEL_ARTICLE,
        "VN",
        date(2026, 3, 10),
        "10000",
        "2890.00",
        ("9903.81.90", S122),
        contents={"steel": "4000"},
    ),
    # the same of China: + s301 List 3 25% on 10000 (7326.90.86 on List 3) = 2890.00 + 2500.00 = 5390.00
    Worked(
        "later facts §1.5",
        STEEL_ARTICLE,
        "CN",
        date(2026, 3, 10),
        "10000",
        "5390.00",
        ("9903.81.90", S122, "9903.88.03"),
        ("9903.01.24",),
        contents={"steel": "4000"},
    ),
    # h2 facts §1.1: the surcharge expired at the close of 23 July 2026 (HTS 2026 Rev 13 compiler's note):
    # 1000.00 on 30 June and on 23 July; nothing on 24 July. Liechtenstein on 24 July: not one of the 60
    # economies of the forced-labour s301 (h2 facts §2.2), MFN Free, so 0.00
    Worked("later facts §1.5", FURNITURE, "JP", date(2026, 6, 30), "10000", "1000.00", (S122,)),
    Worked("h2 facts §1.1", FURNITURE, "JP", date(2026, 7, 23), "10000", "1000.00", (S122,)),
    Worked("h2 facts §1.1", FURNITURE, "LI", date(2026, 7, 23), "10000", "1000.00", (S122,)),
    Worked("h2 facts §1.1", FURNITURE, "LI", date(2026, 7, 24), "10000", "0.00", (FURNITURE,), (S122,)),
    # h2 facts §1.1, §2.2: on 24 July 2026 the forced-labour s301 begins: Japan, column 1 Free < 12.5%, total
    # 12.5% under 9903.05.49 = 1250.00, no s122
    Worked("h2 facts §1.1, §2.2", FURNITURE, "JP", date(2026, 7, 24), "10000", "1250.00", ("9903.05.49",), (S122,)),
]


@pytest.mark.parametrize("example", EXAMPLES, ids=str)
def test_worked_example(example: Worked) -> None:
    check(example)


# (measure id, rate, validity, Chapter 99 heading, confidence), as the facts give them (later facts §1.5, §10.1).
MEASURES = [
    # h2 facts §1.1: to the close of 23 July 2026, confirmed by the HTS 2026 Rev 13 compiler's note
    ("us.s122.surcharge", "10%", "2026-02-24/2026-07-24", S122, "C2"),
    # Note 2(aa)(i): goods entered under chapter 98 are exempt, except 9802.00.40/.50/.60/.80 (no heading of its own)
    ("us.s122.exempt.chapter98", "Free", "2026-02-24/2026-07-24", None, "C2"),
    ("us.s122.exempt.note2-aa-ii", "Free", "2026-02-24/2026-07-24", "9903.03.03", "C2"),
    ("us.s122.exempt.note2-aa-iii", "Free", "2026-02-24/2026-07-24", "9903.03.04", "C2"),
    ("us.s122.exempt.civil-aircraft", "Free", "2026-02-24/2026-07-24", "9903.03.05", "C2"),
    ("us.s122.exempt.ca-usmca", "Free", "2026-02-24/2026-07-24", "9903.03.07", "C2"),
    ("us.s122.exempt.mx-usmca", "Free", "2026-02-24/2026-07-24", "9903.03.08", "C2"),
    ("us.s122.exempt.cafta-dr-textiles", "Free", "2026-02-24/2026-07-24", "9903.03.09", "C2"),
    ("us.s122.exempt.donations", "Free", "2026-02-24/2026-07-24", "9903.03.10", "C2"),
    # the heading is C2 (§10.1); the product prefixes are carried over from the IEEPA list (U)
    ("us.s122.exempt.informational", "Free", "2026-02-24/2026-07-24", "9903.03.11", "U"),
]

S122_PERIOD = "2026-02-24/2026-07-24"
# (rule id, when, drops, displaces, validity): §1.5 and §4 (not on the value that pays s232; content lines
# free only their slice until the full-value metals regime of 6 April 2026), §10.1 (exemption headings)
RULES = [
    ("proc11012.s232-steel-content", "s232-steel", "s122", "slice", S122_PERIOD),
    ("proc11012.s232-aluminum-content", "s232-aluminum", "s122", "slice", S122_PERIOD),
    ("proc11012.s232-copper-content", "s232-copper", "s122", "slice", S122_PERIOD),
    ("proc11012.s232-autos", "s232-auto", "s122", "entry", S122_PERIOD),
    ("proc11012.s232-wood", "s232-wood", "s122", "entry", S122_PERIOD),
    ("proc11012.s232-trucks", "s232-truck", "s122", "entry", S122_PERIOD),
    ("proc11012.s232-semiconductors", "s232-semi", "s122", "entry", S122_PERIOD),
    ("proc11012.s232-metals", "s232-metals", "s122", "entry", S122_PERIOD),
    ("proc11012.exemptions", "s122-exempt", "s122", "entry", S122_PERIOD),
]


@pytest.fixture(scope="module")
def measures() -> dict[str, Measure]:
    return {m.id: m for m in us2025_data().measures}


def test_every_s122_measure_is_in_the_table(measures: dict[str, Measure]) -> None:
    assert {mid for mid in measures if mid.startswith("us.s122.")} == {m[0] for m in MEASURES}


def test_the_surcharge_is_10_percent_on_every_country(measures: dict[str, Measure]) -> None:
    """§7 item 1: 10%, never the announced 15%; heading 9903.03.01 names no country (HTS 2026 Rev 10)."""
    m = measures["us.s122.surcharge"]
    assert ("10%", "all", "all") == (str(m.rate), str(m.origins), str(m.products))
    assert {"s122"} == set(m.tags)
    assert "15%" in measures["us.s122.surcharge"].citation.note  # the note says why 15% is not used


def test_the_in_transit_window_cites_9903_03_02(measures: dict[str, Measure]) -> None:
    (condition,) = measures["us.s122.surcharge"].conditions
    assert (date(2026, 2, 24), date(2026, 2, 28), "9903.03.02") == (
        condition.loaded_before,
        condition.entered_before,
        condition.citation.heading,
    )


def test_proclamation_11012_is_dated() -> None:
    """Signed 20 February 2026, in force for entries from 24 February (§1.5)."""
    proc = {i.id: i for i in us2025_data().instruments}["Proc. 11012"]
    assert (date(2026, 2, 20), date(2026, 2, 24)) == (proc.known_on, proc.applies_from)


def test_exempt_lists_follow_the_note_not_the_peer(measures: dict[str, Measure]) -> None:
    """U.S. note 2(aa)(ii) has 1,098 subheadings, (iii) 11, (iv) 546; the peer's extra 9031.49.70 is not in (iv)."""
    sizes = {
        mid: len(measures[mid].products.include)
        for mid in ("us.s122.exempt.note2-aa-ii", "us.s122.exempt.note2-aa-iii", "us.s122.exempt.civil-aircraft")
    }
    assert {
        "us.s122.exempt.note2-aa-ii": 1098,
        "us.s122.exempt.note2-aa-iii": 11,
        "us.s122.exempt.civil-aircraft": 546,
    } == sizes
    aircraft = {str(c) for c in measures["us.s122.exempt.civil-aircraft"].products.include}
    assert "9031.49.70" not in aircraft
    assert "8505.11.00.70" in {str(c) for c in measures["us.s122.exempt.note2-aa-ii"].products.include}


@pytest.mark.parametrize("origin", ["JP", "CN", "CA", "MX", "DE", "VN", "BR", "IN"])
def test_no_ieepa_line_from_24_february_2026(origin: str) -> None:
    """§1.3: every IEEPA measure (reciprocal, fentanyl CA/MX/CN, country orders) has expired on 24 Feb 2026."""
    schedule = load_schedule("us-2025")
    before = schedule.resolve(FURNITURE, origin, date(2026, 2, 23), value=10000)
    after = schedule.resolve(FURNITURE, origin, date(2026, 2, 24), value=10000)
    assert [line for line in before.lines if line.measure.id.startswith("us.ieepa.")]
    assert not [line for line in after.lines if line.measure.id.startswith("us.ieepa.")]
    reasons = {m.id: after.reason(m.id) for m in schedule.measures if m.id.startswith("us.ieepa.")}
    reasons = {mid: reason for mid, reason in reasons.items() if reason is not None}
    assert any(isinstance(reason, Expired) for reason in reasons.values())
    for mid, reason in reasons.items():
        assert isinstance(reason, Expired | OriginNotCovered), mid
