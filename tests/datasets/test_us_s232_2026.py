"""
Section 232 from late 2025 to June 2026 on the packaged us-2025 schedule: the
full-value metals regime of 6 April 2026 and its 8 June 2026 changes, the UK
metals headings of 2025, Korean and Taiwanese autos, and heading 8471 on the
auto-parts list.

Sources: docs/sources/us-2025-26-later-facts.md s.2.6, s.2.7, s.3.5, s.10.4-10.6;
U.S. notes 16 and 33 of HTS 2026 Rev 6; the Chapter 99 headings of HTS 2025 Rev 32
and 2026 Rev 10. MFN rates from HTS 2026 Rev 10 (unchanged from 2025 Rev 32 for
these lines): 7318.15.20 Free, 7208.10.15 Free, 8504.34.00 1.6%, 8433.51.00 Free,
8429.51.10 Free, 8504.34.00 column 2 35%, 8708.99.81 2.5%, 8708.10.30 2.5%, 8703.23.01 2.5%, 8471.30.01 Free.
Every example is worth 10,000.

Section 122 (10% from 24 February 2026, later facts s.1.5) is in these totals
where it applies: not on the value that pays Section 232 (so a metals-annex
article from 6 April 2026 pays none, later facts s.4), but on the non-metal
value of a content-based line before 6 April, and on an article outside the
metals tariffs (under 15% metal by weight).
Bumpers of 8708.10.30 are on the MHDV parts list too (U.S. note 38(i)): the car
part examples claim not-mhdv-part (9903.74.11), as an importer of a car part does.
"""

from __future__ import annotations

from datetime import date

import pytest

from tariffcalc import Measure
from tariffcalc.datasets import us2025_data
from tests.helpers.worked import Worked, check

IEEPA_END = "2026-02-24"

EXAMPLES = [
    # --- the full-value regime of 6 April 2026 (later facts s.2.6, s.10.5) ---
    # 5 April 2026: bolts of 7318.15.20 (Proc. 10896 Annex I derivative, 9903.81.90) pay 50% on the
    # steel content only: MFN Free + 50% x 6000 = 3000; Section 122 10% on the other 4000 = 400: 3400.
    Worked(
        facts="later facts §2.6, §1.5 (before 6 April 2026: metal content; s122 on the rest)",
        product="7318.15.20.95",
        origin="JP",
        on=date(2026, 4, 5),
        value="10000",
        contents={"steel": "6000"},
        total="3400.00",
        applies=("9903.81.90", "9903.03.01"),
        absent=("9903.82.02",),
    ),
    # 10 April 2026: the same bolts are Annex I-A (note 16(c)(iv)): 50% of the full value 10000 = 5000,
    # whatever the steel content.
    Worked(
        facts="later facts §2.6, §10.5 (Annex I-A, full value)",
        product="7318.15.20.95",
        origin="JP",
        on=date(2026, 4, 10),
        value="10000",
        contents={"steel": "6000"},
        total="5000.00",
        applies=("9903.82.02",),
        absent=("9903.81.90",),
    ),
    # A chapter 73 article cannot use the under-15% weight rule (9903.82.03 excludes chapters 72-76): 5000.
    Worked(
        facts="later facts §10.4 (chapter 73 outside the 15% rule)",
        product="7318.15.20.95",
        origin="JP",
        on=date(2026, 4, 10),
        value="10000",
        claims=("metal-under-15pct",),
        total="5000.00",
        applies=("9903.82.02",),
        absent=("9903.82.03",),
    ),
    # UK steel of chapter 72 from 6 April 2026: MFN Free + 25% (9903.82.04) = 2500.
    Worked(
        facts="later facts §2.6, §10.5 (UK Annex I-A 25%)",
        product="7208.10.15.00",
        origin="GB",
        on=date(2026, 4, 10),
        value="10000",
        total="2500.00",
        applies=("9903.82.04",),
        absent=("9903.82.02", "9903.81.94"),
    ),
    # The same UK steel not melted and poured in the UK (note 16(d)): the general 50% = 5000.
    Worked(
        facts="note 16(d), HTS 2026 Rev 6 (UK rate needs 95% UK-melted steel)",
        product="7208.10.15.00",
        origin="GB",
        on=date(2026, 4, 10),
        value="10000",
        claims=("not-uk-melted",),
        total="5000.00",
        applies=("9903.82.02",),
        absent=("9903.82.04",),
    ),
    # UK steel on 1 July 2025 under the UK heading 9903.81.94 (later facts §10.6): 25% = 2500; the reciprocal
    # 10% does not reach the steel line (9903.01.33), which is the whole value of a chapter 72 article.
    Worked(
        facts="later facts §10.6 (UK steel 9903.81.94)",
        product="7208.10.15.00",
        origin="GB",
        on=date(2025, 7, 1),
        value="10000",
        total="2500.00",
        applies=("9903.81.94",),
        absent=("9903.81.87", "9903.01.25"),
    ),
    # Annex III transformer of Germany: MFN 1.6% (160) + top-up to 15% (1340) = 1500.
    Worked(
        facts="later facts §2.6 (Annex III 15% all-in), note 16(f)",
        product="8504.34.00.00",
        origin="DE",
        on=date(2026, 5, 1),
        value="10000",
        total="1500.00",
        applies=("9903.82.10",),
        absent=("9903.82.09", "9903.82.02"),
    ),
    # The same with less than 15% metal by weight (9903.82.03): outside the metals duty, so MFN 160 + s122 10%
    # (1000) = 1160.
    Worked(
        facts="later facts §10.4, §1.5 (metal under 15% by weight)",
        product="8504.34.00.00",
        origin="DE",
        on=date(2026, 5, 1),
        value="10000",
        claims=("metal-under-15pct",),
        total="1160.00",
        applies=("9903.82.03", "9903.03.01"),
        absent=("9903.82.10",),
    ),
    # Annex III transformer of Belarus (a column 2 country): column 2 base rate 35% (HTS 2026 Rev 10) = 3500,
    # + 25% (9903.82.12) = 2500: 6000, not the 15% tier.
    Worked(
        facts="later facts §10.5 (9903.82.12 column 2 countries)",
        product="8504.34.00.00",
        origin="BY",
        on=date(2026, 5, 1),
        value="10000",
        total="6000.00",
        applies=("9903.82.12",),
        absent=("9903.82.10",),
    ),
    # From 1 January 2028 Annex III joins Annex I-B (annex text of the proclamation; after the facts' end, U):
    # MFN 1.6% (160) + 25% (2500) = 2660.
    Worked(
        facts="later facts §2.6 (temporary reductions revert 1 January 2028)",
        product="8504.34.00.00",
        origin="DE",
        on=date(2028, 1, 3),
        value="10000",
        total="2660.00",
        applies=("9903.82.09",),
        absent=("9903.82.10",),
    ),
    # --- Proclamation 11032, 8 June 2026 ---
    # Combine harvester on 5 June 2026: Annex I-B, MFN Free + 25% = 2500.
    Worked(
        facts="later facts §2.6 (agricultural equipment 25% before 8 June 2026)",
        product="8433.51.00.10",
        origin="DE",
        on=date(2026, 6, 5),
        value="10000",
        total="2500.00",
        applies=("9903.82.09",),
        absent=("9903.82.10",),
    ),
    # From 8 June 2026: Annex III, MFN Free + 15% all-in = 1500.
    Worked(
        facts="later facts §2.6 (Proc. 11032: agricultural equipment 15%)",
        product="8433.51.00.10",
        origin="DE",
        on=date(2026, 6, 8),
        value="10000",
        total="1500.00",
        applies=("9903.82.10",),
        absent=("9903.82.09",),
    ),
    # U.S.-metal tier at 85% is not yet law on 5 June 2026: MFN 2.5% (250) + 25% (2500) = 2750.
    Worked(
        facts="later facts §2.6 (85% U.S.-metal threshold only from 8 June 2026)",
        product="8708.99.81.80",
        origin="DE",
        on=date(2026, 6, 5),
        value="10000",
        claims=("us-metal-85",),
        total="2750.00",
        applies=("9903.82.09",),
        absent=("9903.82.06",),
    ),
    # With 95% U.S. metal on 5 June 2026: MFN 250 + 10% (1000) = 1250.
    Worked(
        facts="note 16(e), HTS 2026 Rev 6 (95% U.S. metal: 10%)",
        product="8708.99.81.80",
        origin="DE",
        on=date(2026, 6, 5),
        value="10000",
        claims=("us-metal-95",),
        total="1250.00",
        applies=("9903.82.06",),
        absent=("9903.82.09",),
    ),
    # From 8 June 2026, 85% U.S. metal suffices: 250 + 1000 = 1250.
    Worked(
        facts="later facts §2.6 (Proc. 11032: 85% U.S.-metal threshold)",
        product="8708.99.81.80",
        origin="DE",
        on=date(2026, 6, 10),
        value="10000",
        claims=("us-metal-85",),
        total="1250.00",
        applies=("9903.82.06",),
        absent=("9903.82.09",),
    ),
    # Mobile industrial equipment (Annex I-C) of Japan from 8 June 2026: 15% all-in, MFN Free = 1500.
    Worked(
        facts="later facts §2.6, §10.5 (9903.82.22 deal countries 15%)",
        product="8429.51.10.35",
        origin="JP",
        on=date(2026, 6, 10),
        value="10000",
        total="1500.00",
        applies=("9903.82.22",),
        absent=("9903.82.09",),
    ),
    # The same loader of Brazil (not a deal country): 25% = 2500.
    Worked(
        facts="later facts §2.6, §10.5 (Annex I-C 25%)",
        product="8429.51.10.35",
        origin="BR",
        on=date(2026, 6, 10),
        value="10000",
        total="2500.00",
        applies=("9903.82.09",),
        absent=("9903.82.22",),
    ),
    # The Japanese loader with 85% U.S. steel: +10% (9903.82.06) = 1000, below the deal's 15%.
    Worked(
        facts="later facts §2.6, §10.5 (U.S.-metal tier covers Annex I-C)",
        product="8429.51.10.35",
        origin="JP",
        on=date(2026, 6, 10),
        value="10000",
        claims=("us-metal-85",),
        total="1000.00",
        applies=("9903.82.06",),
        absent=("9903.82.22", "9903.82.09"),
    ),
    # A combine harvester moved to Annex III keeps the under-15% weight rule: no metals duty, s122 10% = 1000.
    Worked(
        facts="later facts §10.4, §1.5 (9903.82.03 after 8 June 2026)",
        product="8433.51.00.10",
        origin="DE",
        on=date(2026, 6, 8),
        value="10000",
        claims=("metal-under-15pct",),
        total="1000.00",
        applies=("9903.82.03", "9903.03.01"),
        absent=("9903.82.10",),
    ),
    # The Japanese loader before 8 June 2026 is plain Annex I-B: 25% = 2500.
    Worked(
        facts="later facts §2.6 (Annex I-C only from 8 June 2026)",
        product="8429.51.10.35",
        origin="JP",
        on=date(2026, 6, 5),
        value="10000",
        total="2500.00",
        applies=("9903.82.09",),
        absent=("9903.82.22",),
    ),
    # Note 33(r) part of Germany certified for U.S. car production: 15% all-in instead of the metals 25%:
    # MFN 250 + 1250 = 1500.
    Worked(
        facts="note 33(r), HTS 2026 Rev 6 (certified parts 15%, no metals duty)",
        product="8708.99.81.80",
        origin="DE",
        on=date(2026, 4, 10),
        value="10000",
        claims=("us-auto-production",),
        total="1500.00",
        applies=("9903.94.45",),
        absent=("9903.82.09",),
    ),
    # --- Korea and Taiwan autos (later facts §3.5, §2.7) ---
    # Korean car on 31 October 2025: MFN 2.5% (250) + 25% s232 (2500) = 2750; no reciprocal on s232 autos.
    Worked(
        facts="later facts §3.5 (Korea before 1 November 2025)",
        product="8703.23.01.30",
        origin="KR",
        on=date(2025, 10, 31),
        value="10000",
        total="2750.00",
        applies=("9903.94.01",),
        absent=("9903.94.61",),
    ),
    # Korean car on 1 December 2025: 15% all-in: MFN 250 + 1250 = 1500, not 27.5%.
    Worked(
        facts="later facts §3.5, §2.7 (Korea 15% all-in from 1 November 2025)",
        product="8703.23.01.30",
        origin="KR",
        on=date(2025, 12, 1),
        value="10000",
        total="1500.00",
        applies=("9903.94.61",),
        absent=("9903.94.01",),
    ),
    # Korean bumper on 10 April 2026: a listed auto part (15% all-in: 250 + 1250) and an Annex I-B
    # derivative; the autos duty wins, no metals duty (note 33(t)).
    Worked(
        facts="later facts §2.7 (Korea autos not also subject to metals)",
        product="8708.10.30.50",
        origin="KR",
        on=date(2026, 4, 10),
        value="10000",
        claims=("not-mhdv-part",),
        total="1500.00",
        applies=("9903.94.63",),
        absent=("9903.82.09", "9903.94.05"),
    ),
    # Brazilian bumper on 10 April 2026: 25% auto parts + MFN 2.5% = 2750; no metals duty either.
    Worked(
        facts="later facts §4 (autos over metals)",
        product="8708.10.30.50",
        origin="BR",
        on=date(2026, 4, 10),
        value="10000",
        claims=("not-mhdv-part",),
        total="2750.00",
        applies=("9903.94.05",),
        absent=("9903.82.09",),
    ),
    # Taiwanese bumper on 30 April 2026: 25% + 2.5% = 2750; on 1 May 2026 [U]: 15% all-in = 1500.
    Worked(
        facts="later facts §2.7 (Taiwan parts, before the tracker's 1 May 2026)",
        product="8708.10.30.50",
        origin="TW",
        on=date(2026, 4, 30),
        value="10000",
        claims=("not-mhdv-part",),
        total="2750.00",
        applies=("9903.94.05",),
        absent=("9903.94.67",),
    ),
    Worked(
        facts="later facts §2.7, §10.7 (Taiwan parts 15% all-in, date U)",
        product="8708.10.30.50",
        origin="TW",
        on=date(2026, 5, 1),
        value="10000",
        claims=("not-mhdv-part",),
        total="1500.00",
        applies=("9903.94.67",),
        absent=("9903.94.05",),
    ),
    # --- heading 8471 on the auto-parts list ---
    # Japanese laptop on 20 May 2025: MFN Free, no auto-parts duty, reciprocal exempt (Annex II electronics,
    # 9903.01.32): 0.
    Worked(
        facts="facts §3 (auto parts), Budget Lab applicability of 8471",
        product="8471.30.01.00",
        origin="JP",
        on=date(2025, 5, 20),
        value="10000",
        total="0.00",
        applies=("9903.01.32",),
        absent=("9903.94.05",),
    ),
    # The same entered as a car part (claim auto-part): 25% = 2500.
    Worked(
        facts="facts §3 (auto parts 25% from 3 May 2025)",
        product="8471.30.01.00",
        origin="JP",
        on=date(2025, 5, 20),
        value="10000",
        claims=("auto-part",),
        total="2500.00",
        applies=("9903.94.05",),
    ),
    # Claimed as a car part after the Japan deal (16 September 2025): 15% all-in, MFN Free = 1500.
    Worked(
        facts="facts §2.3 (Japan parts 15% all-in)",
        product="8471.30.01.00",
        origin="JP",
        on=date(2025, 10, 1),
        value="10000",
        claims=("auto-part",),
        total="1500.00",
        applies=("9903.94.43",),
        absent=("9903.94.05",),
    ),
]


@pytest.mark.parametrize("example", EXAMPLES, ids=str)
def test_worked_example(example: Worked) -> None:
    check(example)


# (measure id, rate, validity, Chapter 99 heading, confidence) as the facts and the HTS text give them.
MEASURES = [
    # later facts s.2.6, s.10.5: April 2026 tiers
    ("us.s232.metals.1a.50", "50%", "2026-04-06/", "9903.82.02", "C2"),
    ("us.s232.metals.1a.uk-25", "25%", "2026-04-06/", "9903.82.04", "C2"),
    ("us.s232.metals.1a.us-metal-95", "10%", "2026-04-06/2026-06-08", "9903.82.06", "C2"),
    ("us.s232.metals.1a.us-metal-85", "10%", "2026-06-08/", "9903.82.06", "C2"),
    ("us.s232.metals.1b.25", "25%", "2026-04-06/2026-06-08", "9903.82.09", "C2"),
    ("us.s232.metals.1b.25.from-2026-06-08", "25%", "2026-06-08/", "9903.82.09", "C2"),
    ("us.s232.metals.1b.uk-15", "15%", "2026-04-06/2026-06-08", "9903.82.05", "C2"),
    ("us.s232.metals.1b.uk-15.from-2026-06-08", "15%", "2026-06-08/", "9903.82.05", "C2"),
    ("us.s232.metals.1b.us-metal-95", "10%", "2026-04-06/2026-06-08", "9903.82.06", "C2"),
    ("us.s232.metals.1b.us-metal-85", "10%", "2026-06-08/", "9903.82.06", "C2"),
    # Annex III 15% all-in to 31 December 2027, then Annex I-B (annex text; after the facts' end: U)
    ("us.s232.metals.3.15", "all-in 15%", "2026-04-06/2028-01-01", "9903.82.10", "C2"),
    ("us.s232.metals.3.15.from-2026-06-08", "all-in 15%", "2026-06-08/2028-01-01", "9903.82.10", "C2"),
    ("us.s232.metals.3.column2", "25%", "2026-04-06/2028-01-01", "9903.82.12", "U"),
    ("us.s232.metals.3.column2.from-2026-06-08", "25%", "2026-06-08/2028-01-01", "9903.82.12", "U"),
    ("us.s232.metals.3.us-metal-95", "all-in 10%", "2026-04-06/2026-06-08", "9903.82.07", "C2"),
    ("us.s232.metals.3.us-metal-85", "all-in 10%", "2026-06-08/2028-01-01", "9903.82.07", "C2"),
    ("us.s232.metals.3.after-2027", "25%", "2028-01-01/", "9903.82.09", "U"),
    # Proc. 11032: Annex I-C (mobile industrial equipment), deal countries 15% (9903.82.22)
    ("us.s232.metals.1c.25", "25%", "2026-06-08/", "9903.82.09", "C1"),
    ("us.s232.metals.1c.us-metal-85", "10%", "2026-06-08/", "9903.82.06", "C1"),
    ("us.s232.metals.1c.deal-15", "all-in 15%", "2026-06-08/2028-01-01", "9903.82.22", "U"),
    # later facts s.10.4/10.5: 9903.82.01 no metal (U: added by a correction, tracker only), .03 under 15% by weight
    ("us.s232.metals.no-metal", "Free", "2026-04-06/", "9903.82.01", "U"),
    ("us.s232.metals.under-15pct", "Free", "2026-04-06/", "9903.82.03", "C2"),
    # later facts s.3.5, s.2.7: Korea 15% all-in retroactive to 1 November 2025; Taiwan parts (date U)
    ("us.s232.autos.kr", "all-in 15%", "2025-11-01/", "9903.94.61", "C2"),
    ("us.s232.auto-parts.kr", "all-in 15%", "2025-11-01/", "9903.94.63", "C2"),
    ("us.s232.auto-parts.tw", "all-in 15%", "2026-05-01/", "9903.94.67", "U"),
    # 8471 only when claimed as an auto part, at each partner's parts rate
    ("us.s232.auto-parts.8471", "25%", "2025-05-03/", "9903.94.05", "C2"),
    ("us.s232.auto-parts.8471.uk", "all-in 10%", "2025-06-30/", "9903.94.32", "C2"),
    ("us.s232.auto-parts.8471.jp", "all-in 15%", "2025-09-16/", "9903.94.43", "C2"),
    ("us.s232.auto-parts.8471.eu", "all-in 15%", "2025-08-01/", "9903.94.53", "C2"),
    ("us.s232.auto-parts.8471.kr", "all-in 15%", "2025-11-01/", "9903.94.63", "C2"),
    ("us.s232.auto-parts.8471.tw", "all-in 15%", "2026-05-01/", "9903.94.67", "U"),
    # note 33(r): certified parts outside the list (scope: the Budget Lab's 8 codes, start U)
    ("us.s232.auto-parts.r.eu", "all-in 15%", "2026-04-06/", "9903.94.45", "U"),
    ("us.s232.auto-parts.r.jp", "all-in 15%", "2026-04-06/", "9903.94.55", "U"),
    ("us.s232.auto-parts.r.kr", "all-in 15%", "2026-04-06/", "9903.94.65", "U"),
    ("us.s232.auto-parts.r.tw", "all-in 15%", "2026-05-01/", "9903.94.69", "U"),
]

# (rule id, when, drops, displaces, validity)
RULES = [
    ("metals2026.uk-over-general", "s232-metals-uk", "s232-metals-general", "entry", "2026-04-06/"),
    ("metals2026.us-metal-over-general", "s232-metals-us", "s232-metals-general", "entry", "2026-04-06/"),
    ("metals2026.us-metal-over-uk", "s232-metals-us", "s232-metals-uk", "entry", "2026-04-06/"),
    ("metals2026.us-metal-over-deal", "s232-metals-us", "s232-metals-deal", "entry", "2026-06-08/"),
    ("metals2026.deal-over-general", "s232-metals-deal", "s232-metals-general", "entry", "2026-06-08/"),
    ("metals2026.exempt-over-metals", "s232-metals-exempt", "s232-metals", "entry", "2026-04-06/"),
    ("metals2026.autos-over-metals", "s232-auto", "s232-metals", "entry", "2026-04-06/"),
    ("kr-deal.kr-autos", "s232-auto-kr", "s232-auto-general", "entry", "2025-11-01/"),
    ("tw-deal.tw-auto-parts", "s232-auto-tw", "s232-auto-general", "entry", "2026-05-01/"),
]


@pytest.fixture(scope="module")
def measures() -> dict[str, Measure]:
    return {m.id: m for m in us2025_data().measures}


def test_the_content_based_metal_duties_end_on_6_april_2026(measures: dict[str, Measure]) -> None:
    """Later facts s.2.6: every s232-steel / s232-aluminum measure stops when the full-value regime starts
    (or earlier: the 2018 regime on 12 March 2025, facts s.4 and later facts s.10.9; the 25% rate on 4 June 2025)."""
    old = [m for m in measures.values() if m.tags & {"s232-steel", "s232-aluminum"}]
    assert old
    assert {str(m.validity).split("/")[1] for m in old if m.validity.end is not None} | {"2026-04-06"} == {
        "2025-03-12",
        "2025-06-04",
        "2026-04-06",
    }
    assert all(m.validity.end is not None for m in old)


def test_uk_metal_headings_are_the_uk_ones(measures: dict[str, Measure]) -> None:
    """Later facts s.10.6: UK steel 9903.81.94-.99, UK aluminium 9903.85.12-.15 (2025)."""
    uk = [m for m in measures.values() if m.tags & {"s232-steel", "s232-aluminum"} and str(m.origins) == "GB"]
    assert len(uk) == 14
    for m in uk:
        heading = m.citation.heading or ""
        steel = "s232-steel" in m.tags
        assert ("9903.81.94" <= heading <= "9903.81.99") if steel else ("9903.85.12" <= heading <= "9903.85.15"), m.id


def test_8471_is_out_of_every_default_parts_measure(measures: dict[str, Measure]) -> None:
    """A laptop is not a car part: every auto-parts measure over the list carves 8471 out, and its twin needs the claim."""
    from tariffcalc import ProductCode

    laptop = ProductCode.parse("8471.30.01.00")
    for m in measures.values():
        if "s232-auto" in m.tags and m.products.covers(laptop) and m.id != "us.s232.auto-parts.offset":
            assert m.id.startswith("us.s232.auto-parts.8471"), m.id
            assert any(getattr(c, "claim", None) == "auto-part" for c in m.conditions), m.id
