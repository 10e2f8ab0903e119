"""
Fixes inside the period the packaged us-2025-26 schedule covers (January 2025
to June 2026), each worked by hand from the HTS heading, note or footnote it
follows: the Section 301 four-year-review steps (U.S. note 31 of chapter 99
subchapter III), the List 3 goods of note 20(g) (heading 9903.88.04), Russian
aluminium and steel, the UK civil-aircraft exception, the 2026 metals annex
prefixes and Chapter 98.

Customs value 10,000 throughout. MFN rates are those of the HTS revision in
force (``tests/data/hts/``): HTS 2025 Rev 32 for 2025 entries, HTS 2026 Rev 10
for 2026 entries; for the products used here the two agree.
"""

from __future__ import annotations

import gzip
import json
import re
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from tests.helpers.worked import Worked, check

LISTS = Path(__file__).parents[2] / "src" / "tariffcalc" / "datasets" / "us2025" / "lists"
DATA = Path(__file__).parents[1] / "data"
PRIMARY = DATA / "primary"

S122 = "9903.03.01"
S122_EXEMPT = "9903.03.03"  # note 2(aa)(ii): products exempt from the surcharge
FENTANYL_CN = "9903.01.24"  # China fentanyl IEEPA, 20% until 10 Nov 2025 (facts s.3)
RECIPROCAL_CN = "9903.01.25"  # 10% reciprocal on China from 14 May 2025 (facts s.4)
LIST_3 = "9903.88.03"
LIST_3_NOTE_20G = "9903.88.04"
LIST_4A = "9903.88.15"

S301 = [
    # Note 31(g), heading 9903.91.06: natural graphite 2504.10.50 from 1 Jan 2026, +25%.
    # MFN Free; s122 exempt (note 2(aa)(ii) prints 2504.10.50) -> 25% of 10000 = 2500.00
    Worked(
        "note 31(g), 9903.91.06",
        "2504.10.50.00",
        "CN",
        date(2026, 3, 10),
        "10000",
        "2500.00",
        ("9903.91.06", S122_EXEMPT),
        (S122,),
    ),
    # Note 31(g): permanent magnets 8505.11.00: MFN 2.1% = 210 + 25% = 2500 -> 2710.00 (s122 exempt, 2(aa)(ii))
    Worked(
        "note 31(g), 9903.91.06",
        "8505.11.00.70",
        "CN",
        date(2026, 3, 10),
        "10000",
        "2710.00",
        ("9903.91.06",),
        (S122, LIST_3),
    ),
    # Heading 9903.91.06 is for products of China only: Vietnamese graphite pays MFN Free, s122 exempt -> 0.00
    Worked(
        "note 31(g), 9903.91.06",
        "2504.10.50.00",
        "VN",
        date(2026, 3, 10),
        "10000",
        "0.00",
        (S122_EXEMPT,),
        ("9903.91.06",),
    ),
    # Note 31(e), heading 9903.91.04: disposable textile facemasks 6307.90.9870, +25% in 2025.
    # MFN 7% = 700 + fentanyl 20% = 2000 + reciprocal 10% = 1000 + 25% = 2500 -> 6200.00; the List 4A
    # 7.5% of 6307.90.98 is replaced (rule s301-2024.replaces-list), and 9903.91.07 is not yet in force
    Worked(
        "note 31(e), 9903.91.04",
        "6307.90.98.70",
        "CN",
        date(2025, 6, 1),
        "10000",
        "6200.00",
        ("9903.91.04", FENTANYL_CN, RECIPROCAL_CN),
        (LIST_4A, "9903.91.07"),
    ),
    # Note 31(h), heading 9903.91.07: the same facemask from 1 Jan 2026, +50% (9903.91.04 ended 31 Dec 2025).
    # After IEEPA: MFN 700 + s122 10% = 1000 + 50% = 5000 -> 6700.00
    Worked(
        "note 31(h), 9903.91.07",
        "6307.90.98.70",
        "CN",
        date(2026, 3, 10),
        "10000",
        "6700.00",
        ("9903.91.07", S122),
        ("9903.91.04", LIST_4A),
    ),
    # Note 31(h): N95 respirator 6307.90.9842, +50%: 700 + 1000 + 5000 = 6700.00
    Worked(
        "note 31(h), 9903.91.07",
        "6307.90.98.42",
        "CN",
        date(2026, 3, 10),
        "10000",
        "6700.00",
        ("9903.91.07",),
        (LIST_4A, "9903.91.01"),
    ),
    # Footnote "See ... 9903.91.01" on 6307.90.98 (HTS 2025 Rev 32): the N95 respirator at +25% in 2025:
    # 700 + 2000 + 1000 + 2500 = 6200.00
    Worked(
        "9903.91.01 footnote on 6307.90.98",
        "6307.90.98.42",
        "CN",
        date(2025, 6, 1),
        "10000",
        "6200.00",
        ("9903.91.01",),
        (LIST_4A, "9903.91.07"),
    ),
    # Note 20(s)(ii)(5): other made-up textile articles (6307.90.9891) stay on List 4A, 7.5%: 700 + 1000 + 750 = 2450.00
    Worked(
        "note 20(s)(ii)(5)",
        "6307.90.98.91",
        "CN",
        date(2026, 3, 10),
        "10000",
        "2450.00",
        (LIST_4A, S122),
        ("9903.91.07",),
    ),
    # Footnote "See 9903.91.05" on 4015.12.10 (HTS 2025 Rev 32): medical gloves +50% in 2025.
    # MFN Free + fentanyl 2000 + reciprocal 1000 + 5000 = 8000.00
    Worked(
        "9903.91.05 footnote on 4015.12.10",
        "4015.12.10.10",
        "CN",
        date(2025, 6, 1),
        "10000",
        "8000.00",
        ("9903.91.05",),
        ("9903.91.08",),
    ),
    # Note 31(i), heading 9903.91.08: medical gloves +100% from 1 Jan 2026: Free + s122 1000 + 10000 = 11000.00
    Worked(
        "note 31(i), 9903.91.08",
        "4015.12.10.10",
        "CN",
        date(2026, 3, 10),
        "10000",
        "11000.00",
        ("9903.91.08", S122),
        ("9903.91.05",),
    ),
    # Footnote "See 9903.88.15 and 9903.91.01" on 8507.60.00 (HTS 2025 Basic, Rev 32): electric-vehicle
    # lithium-ion batteries at +25% (9903.91.01), the List 4A rate replaced. MFN 3.4% = 340 + fentanyl
    # 20% = 2000 + s232 auto parts 25% (9903.94.05, facts s.5; no reciprocal on s232 auto parts) = 2500
    # + 25% = 2500 -> 7340.00
    Worked(
        "9903.91.01 footnote on 8507.60.00",
        "8507.60.00.10",
        "CN",
        date(2025, 6, 1),
        "10000",
        "7340.00",
        ("9903.91.01", "9903.94.05"),
        (LIST_4A, "9903.91.06"),
    ),
    # The other lithium-ion batteries in 2025: List 4A 7.5% (same footnote): 340 + 2000 + 2500 + 750 = 5590.00
    Worked(
        "9903.88.15 footnote on 8507.60.00",
        "8507.60.00.20",
        "CN",
        date(2025, 6, 1),
        "10000",
        "5590.00",
        (LIST_4A,),
        ("9903.91.01", "9903.91.06"),
    ),
    # Note 31(g): from 2026 every lithium-ion battery is under 9903.91.06, +25%: 340 + 2500 (s232 parts) + 2500
    # = 5340.00; the parts duty of s232 is exempt from s122 (note 2(aa)) -> no 9903.03.01
    Worked(
        "note 31(g), 9903.91.06",
        "8507.60.00.20",
        "CN",
        date(2026, 3, 10),
        "10000",
        "5340.00",
        ("9903.91.06",),
        (LIST_4A, S122),
    ),
]

NOTE_20G = [
    # Note 20(g)(2), heading 9903.88.04: 8517.62.00 except 8517.62.0090 -> the switching apparatus
    # 8517.62.0020 pays +25% under 9903.88.04, not 9903.88.03. MFN Free, s122 exempt (2(aa)(ii)) -> 2500.00
    Worked(
        "note 20(g)(2), 9903.88.04",
        "8517.62.00.20",
        "CN",
        date(2026, 3, 10),
        "10000",
        "2500.00",
        (LIST_3_NOTE_20G,),
        (LIST_3, LIST_4A),
    ),
    # Note 20(s)(ii)(2): 8517.62.00 except .0010 and .0020 is on List 4A -> 8517.62.0090 pays 7.5% = 750.00
    Worked(
        "note 20(s)(ii)(2), 9903.88.15",
        "8517.62.00.90",
        "CN",
        date(2026, 3, 10),
        "10000",
        "750.00",
        (LIST_4A,),
        (LIST_3_NOTE_20G, LIST_3),
    ),
    # The same line entered under its 8-digit code only: the statistical split cannot be read, the entry is
    # charged once, at the List 4A rate (GAPS.md): 750.00, no 9903.88.04
    Worked(
        "note 20(g)(2), 20(s)(ii)(2)",
        "8517.62.00",
        "CN",
        date(2026, 3, 10),
        "10000",
        "750.00",
        (LIST_4A,),
        (LIST_3_NOTE_20G,),
    ),
    # Note 20(g)(1) and the HTS footnote on 2931.90.9010: MFN 3.7% = 370 + 25% = 2500 -> 2870.00 (s122 exempt)
    Worked(
        "note 20(g)(1), 9903.88.04",
        "2931.90.90.10",
        "CN",
        date(2026, 3, 10),
        "10000",
        "2870.00",
        (LIST_3_NOTE_20G,),
        (LIST_3,),
    ),
    # 2931.90.9052 carries no footnote ("statistical reporting descriptions without a footnote are not
    # covered"): MFN 370 only
    Worked(
        "note 20(g)(1), 9903.88.04",
        "2931.90.90.52",
        "CN",
        date(2026, 3, 10),
        "10000",
        "370.00",
        (),
        (LIST_3_NOTE_20G, LIST_3),
    ),
    # Same line in 2025 (HTS 2025 Rev 32): 2931.90.90 is in Annex II of EO 14257 (9903.01.32, no
    # reciprocal duty): 370 + fentanyl 20% 2000 + 2500 = 4870.00
    Worked(
        "note 20(g)(1), 9903.88.04",
        "2931.90.90.10",
        "CN",
        date(2025, 6, 1),
        "10000",
        "4870.00",
        (LIST_3_NOTE_20G, FENTANYL_CN, "9903.01.32"),
        (LIST_3, RECIPROCAL_CN),
    ),
]

ANNEX_I_B = "9903.82.09"  # Annex I-B derivatives, 25% of the full value from 6 April 2026 (later facts s.2.6)
ANNEXES = [
    # Annex I-B of the Proclamation of 2 April 2026 prints "8471" only in descriptions: a Chinese laptop
    # (8471.30.01.00, MFN Free) pays no metals duty; s122 exempt (note 2(aa)(ii) electronics); not on a
    # Section 301 list in force (List 4B was never imposed) -> 0.00
    Worked("Annex I-B text", "8471.30.01.00", "CN", date(2026, 5, 1), "10000", "0.00", (S122_EXEMPT,), (ANNEX_I_B,)),
    # "8501" only in "stators and rotors for electric motors ... of heading 8501": a German small motor
    # 8501.10.20.00 pays MFN 6.7% = 670 + s122 10% = 1000 -> 1670.00, no 9903.82.09
    Worked("Annex I-B text", "8501.10.20.00", "DE", date(2026, 5, 1), "10000", "1670.00", (S122,), (ANNEX_I_B,)),
    # A code Annex I-B prints: 8504.90.9642 (transformer parts), MFN Free + 25% = 2500.00; the s232 duty
    # is exempt from s122 (note 2(aa)), so no 9903.03.01
    Worked("Annex I-B text", "8504.90.96.42", "DE", date(2026, 5, 1), "10000", "2500.00", (ANNEX_I_B,), (S122,)),
]

RETURNED = "9801.00.10.43"  # U.S. goods returned, of headings 8470-8473: MFN Free (9801.00.10, HTS 2025 Rev 32)
CHAPTER_98 = [
    # Note 2(s)/(u) and 2(v)(i): the IEEPA duties "shall not apply to goods for which entry is properly claimed
    # under a provision of chapter 98": a U.S. good returned from China in April 2025 pays neither the 20%
    # fentanyl duty (9903.01.24) nor the 125% reciprocal rate (9903.01.63): Free -> 0.00
    Worked(
        "note 2(u), 2(v)(i)",
        RETURNED,
        "CN",
        date(2025, 4, 20),
        "10000",
        "0.00",
        (),
        (FENTANYL_CN, "9903.01.63", RECIPROCAL_CN),
    ),
    # Note 2(v)(i): no reciprocal 10% baseline on a U.S. good returned from Japan in June 2025 (9817.00.96: Free)
    Worked("note 2(v)(i)", "9817.00.96.00", "JP", date(2025, 6, 1), "10000", "0.00", (), (RECIPROCAL_CN, "9903.01.43")),
    # Note 2(aa)(i): no Section 122 surcharge on chapter 98 goods: a U.S. good returned from Germany in March 2026 -> 0.00
    Worked("note 2(aa)(i)", RETURNED, "DE", date(2026, 3, 10), "10000", "0.00", (), (S122,)),
    # Note 2(j): no Canada IEEPA 35% (9903.01.10) on a U.S. good returned from Canada in September 2025 -> 0.00
    Worked("note 2(j)", RETURNED, "CA", date(2025, 9, 10), "10000", "0.00", (), ("9903.01.10",)),
    # The exception does not reach 9802.00.40 (repairs under warranty): the fentanyl 20% (9903.01.24) and the
    # reciprocal 10% (9903.01.25) still apply; the MFN duty is on the value of the repairs, so the total is not
    # computable from the value alone -> checked by headings below (test_repairs_abroad_still_pay)
]

RU_ALUMINIUM = (
    "7601.10.60.90"  # unwrought aluminium alloys: MFN Free, column 2 11% (7601.10.60, HTS 2025 Rev 32 / 2026 Rev 10)
)
RUSSIA = [
    # Note 19(m)(A), heading 9903.85.67: Russian aluminium articles pay +200% on the full value from 12 March
    # 2025, in place of the 50% of 9903.85.02 ("Except as provided in headings 9903.85.67"). Russia is a
    # column 2 country: 11% = 1100 + 200% = 20000 -> 21100.00
    Worked(
        "note 19(m)(A), 9903.85.67",
        RU_ALUMINIUM,
        "RU",
        date(2025, 7, 1),
        "10000",
        "21100.00",
        ("9903.85.67",),
        ("9903.85.02",),
    ),
    # 2026 Rev 10: 9903.82.02 excepts 9903.85.67; the 200% goes on after 6 April 2026: 1100 + 20000 = 21100.00
    Worked(
        "9903.82.02, 9903.85.67",
        RU_ALUMINIUM,
        "RU",
        date(2026, 5, 1),
        "10000",
        "21100.00",
        ("9903.85.67",),
        ("9903.82.02", "9903.82.14"),
    ),
    # Note 19(m)(A): aluminium smelted in Russia, entered from Germany (claim russian-aluminum): MFN Free + 200%
    # = 20000.00; neither 9903.85.02 nor the reciprocal duty (s232 aluminium articles, 9903.01.33)
    Worked(
        "note 19(m)(A), 9903.85.67",
        RU_ALUMINIUM,
        "DE",
        date(2025, 7, 1),
        "10000",
        "20000.00",
        ("9903.85.67",),
        ("9903.85.02", "9903.01.25"),
        claims=("russian-aluminum",),
    ),
    # Without the claim, German aluminium pays the 2025 50% (9903.85.02) on the aluminium content (all of
    # unwrought aluminium: declared as the full value 10000) -> 5000.00, no 200%
    Worked(
        "9903.85.02",
        RU_ALUMINIUM,
        "DE",
        date(2025, 7, 1),
        "10000",
        "5000.00",
        ("9903.85.02",),
        ("9903.85.67",),
        contents={"aluminum": "10000"},
    ),
    # Heading 9903.82.14 (HTS 2026 Rev 10): Russian flat-rolled steel of Annex I-A, +50%, not 9903.82.02.
    # 7208.51.00 column 2 20% = 2000 + 5000 -> 7000.00
    Worked("9903.82.14", "7208.51.00.30", "RU", date(2026, 5, 1), "10000", "7000.00", ("9903.82.14",), ("9903.82.02",)),
    # Heading 9903.82.17: Russian Annex III steel derivative (8207.20.0070), +25%, not the column 2 heading
    # 9903.82.12 (which excepts 9903.82.17): column 2 30% = 3000 + 2500 -> 5500.00
    Worked("9903.82.17", "8207.20.00.70", "RU", date(2026, 5, 1), "10000", "5500.00", ("9903.82.17",), ("9903.82.12",)),
    # Belarus (column 2, not Russia) keeps 9903.82.12: 3000 + 2500 -> 5500.00
    Worked("9903.82.12", "8207.20.00.70", "BY", date(2026, 5, 1), "10000", "5500.00", ("9903.82.12",), ("9903.82.17",)),
]

UK_TUBE = "7608.20.00.30"  # seamless aluminium-alloy tubes: MFN 5.7% (7608.20.00, HTS 2025 Rev 32 / 2026 Rev 10)
UK_AIRCRAFT = [
    # Heading 9903.96.01 and note 35(a) (7608.20.00 is printed there): a UK civil-aircraft tube (claim
    # civil-aircraft; no Special "C" claimed, so MFN 5.7% = 570) pays neither the UK aluminium 25%
    # (9903.85.12, "Except as provided in heading 9903.96.01") nor the reciprocal 10% -> 570.00
    Worked(
        "9903.96.01, note 35(a)",
        UK_TUBE,
        "GB",
        date(2025, 7, 15),
        "10000",
        "570.00",
        ("9903.96.01",),
        ("9903.85.12", "9903.01.25"),
        claims=("civil-aircraft",),
    ),
    # Note 35(a): nor the 2026 UK heading 9903.82.04 (+25%); s122 civil-aircraft exemption 9903.03.05 -> 570.00
    Worked(
        "9903.96.01, note 35(a)",
        UK_TUBE,
        "GB",
        date(2026, 5, 1),
        "10000",
        "570.00",
        ("9903.96.01",),
        ("9903.82.04", S122),
        claims=("civil-aircraft",),
    ),
    # Without the claim the UK tube pays 570 + 25% of the full value (9903.82.04, Annex I-A) = 3070.00
    Worked("9903.82.04", UK_TUBE, "GB", date(2026, 5, 1), "10000", "3070.00", ("9903.82.04",), ("9903.96.01",)),
    # 9903.96.01 is the UK's heading: a French tube claimed as civil aircraft on 15 July 2025 (before the EU
    # framework of 1 September 2025) still pays 9903.85.02 -> not computed without the aluminium content;
    # checked in test_uk_heading_is_for_the_uk
]

ALL = S301 + NOTE_20G + ANNEXES + CHAPTER_98 + RUSSIA + UK_AIRCRAFT

MEASURES = [
    ("us.s301.list-3-note20g.10", "10%", "2018-09-24/2019-05-10", "9903.88.04", "U"),
    ("us.s301.list-3-note20g", "25%", "2019-05-10/", "9903.88.04", "C2"),
    ("us.s301.2024-25.to-2026", "25%", "2024-09-27/2026-01-01", "9903.91.01", "U"),
    ("us.s301.2025-25.facemasks", "25%", "2025-01-01/2026-01-01", "9903.91.04", "C2"),
    ("us.s301.2025-50.gloves", "50%", "2025-01-01/2026-01-01", "9903.91.05", "C1"),
    ("us.s301.2026-25", "25%", "2026-01-01/", "9903.91.06", "C2"),
    ("us.s301.2026-50", "50%", "2026-01-01/", "9903.91.07", "C2"),
    ("us.s301.2026-100", "100%", "2026-01-01/", "9903.91.08", "C2"),
    ("us.ieepa.cn.exempt.chapter98", "Free", "2025-02-04/2026-02-24", None, "C2"),
    ("us.ieepa.ca.exempt.chapter98", "Free", "2025-03-04/2026-02-24", None, "C2"),
    ("us.ieepa.mx.exempt.chapter98", "Free", "2025-03-04/2026-02-24", None, "C2"),
    ("us.ieepa.reciprocal.exempt.chapter98", "Free", "2025-04-05/2026-02-24", None, "C2"),
    ("us.ieepa.br.exempt.chapter98", "Free", "2025-08-06/2026-02-24", None, "C2"),
    ("us.ieepa.in.exempt.chapter98", "Free", "2025-08-27/2026-02-07", None, "C2"),
    ("us.s232.aluminum.ru.articles", "200%", "2025-03-12/", "9903.85.67", "C2"),
    ("us.s232.aluminum.ru-smelted.articles", "200%", "2025-03-12/", "9903.85.67", "C2"),
    ("us.s232.aluminum.ru.derivatives", "200%", "2025-03-12/2025-08-18", "9903.85.68", "C2"),
    ("us.s232.aluminum.ru-smelted.derivatives", "200%", "2025-03-12/2025-08-18", "9903.85.68", "C2"),
    ("us.s232.aluminum.ru.derivatives.from-2025-08-18", "200%", "2025-08-18/", "9903.85.68", "C2"),
    ("us.s232.aluminum.ru-smelted.derivatives.from-2025-08-18", "200%", "2025-08-18/", "9903.85.68", "C2"),
    ("us.s232.metals.1a.ru-50", "50%", "2026-04-06/", "9903.82.14", "C1"),
    ("us.s232.metals.1b.ru-25", "25%", "2026-04-06/2026-06-08", "9903.82.16", "C1"),
    ("us.s232.metals.1b.ru-25.from-2026-06-08", "25%", "2026-06-08/", "9903.82.16", "C1"),
    ("us.s232.metals.1c.ru-25", "25%", "2026-06-08/", "9903.82.16", "C1"),
    ("us.s232.metals.3.ru-25", "25%", "2026-04-06/2026-06-08", "9903.82.17", "C1"),
    ("us.s232.metals.3.ru-25.from-2026-06-08", "25%", "2026-06-08/", "9903.82.17", "C1"),
    ("us.uk-deal.civil-aircraft", "Free", "2025-06-30/", "9903.96.01", "C2"),
]

RULES = [
    ("russia-aluminum.over-2025-metals", "s232-aluminum-ru", "s232-aluminum", "entry", "2025-03-12/"),
    ("russia-aluminum.over-2026-metals", "s232-aluminum-ru", "s232-metals", "entry", "2026-04-06/"),
    ("russia-aluminum.no-reciprocal", "s232-aluminum-ru", "reciprocal", "entry", "2025-04-05/2026-02-24"),
    ("russia-aluminum.no-s122", "s232-aluminum-ru", "s122", "entry", "2026-02-24/2026-07-24"),
    ("russia-aluminum.no-ieepa-ca", "s232-aluminum-ru", "ieepa-ca", "entry", "2025-03-12/2026-02-24"),
    ("russia-aluminum.no-ieepa-mx", "s232-aluminum-ru", "ieepa-mx", "entry", "2025-03-12/2026-02-24"),
    ("metals2026.russia-over-general", "s232-metals-ru", "s232-metals-general", "entry", "2026-04-06/"),
    ("metals2026.us-metal-over-russia", "s232-metals-us", "s232-metals-ru", "entry", "2026-04-06/"),
    ("uk-deal.civil-aircraft-over-s232-steel", "s232-metal-exempt-uk", "s232-steel", "entry", "2025-06-30/2026-04-06"),
    (
        "uk-deal.civil-aircraft-over-s232-aluminum",
        "s232-metal-exempt-uk",
        "s232-aluminum",
        "entry",
        "2025-06-30/2026-04-06",
    ),
    ("uk-deal.civil-aircraft-over-s232-metals", "s232-metal-exempt-uk", "s232-metals", "entry", "2026-04-06/"),
]


@pytest.mark.parametrize("example", ALL, ids=str)
def test_worked_example(example: Worked) -> None:
    check(example, "us-2025-26")


# --- the lists against the primary texts -------------------------------------------------

CODE = re.compile(r"^\[?\(?(\d{4}(?:\.\d{2}){0,2}(?:\.?\d{2,4})?)[,;.)\]]*$")
#: Words that open an annex table's run of codes (e.g. "Steel 7206 7207 ...").
LABELS = {"Steel", "Aluminum", "Copper", "Derivatives", "Articles"}


def list_codes(name: str) -> list[str]:
    """The include prefixes of a packaged list (carve-outs left out)."""
    words = (line.split("#", 1)[0].strip() for line in (LISTS / name).read_text(encoding="utf-8").splitlines())
    return [w for w in words if w and not w.startswith("-")]


def digits(code: str) -> str:
    return code.replace(".", "")


def printed_codes(lines: list[str]) -> tuple[set[str], set[str]]:
    """Codes printed as codes (at a line's start, after a code or a table label) and codes printed after a word."""
    printed: set[str] = set()
    described: set[str] = set()
    for line in lines:
        words = line.split()
        for i, word in enumerate(words):
            m = CODE.match(word)
            if not m:
                continue
            before = words[i - 1] if i else ""
            as_code = not before or CODE.match(before) is not None or before in LABELS
            (printed if as_code else described).add(digits(m.group(1)))
    return printed, described


@cache
def annex_sections() -> dict[str, tuple[set[str], set[str]]]:
    """Annex I-A, I-B, II and III of the Proclamation of 2 April 2026, each with its printed and described codes."""
    with gzip.open(PRIMARY / "proc_2026-04-02_annexes_text.txt.gz", "rt", encoding="utf-8", errors="replace") as f:
        lines = f.read().split("\n")
    starts = {
        name: next(i for i, line in enumerate(lines) if line.lstrip("\x0c").startswith(f"Annex {name}:"))
        for name in ("I-A", "I-B", "II", "III")
    }
    bounds = [*sorted(starts.values()), len(lines)]
    return {name: printed_codes(lines[start : bounds[bounds.index(start) + 1]]) for name, start in starts.items()}


ANNEX_LISTS = [
    ("s232_2026_annex_1a_articles.txt", "I-A"),
    ("s232_2026_annex_1a_derivatives.txt", "I-A"),
    ("s232_2026_annex_1a_copper.txt", "I-A"),
    ("s232_2026_annex_1b.txt", "I-B"),
    ("s232_2026_annex_1b_copper.txt", "I-B"),
    ("s232_2026_annex_3.txt", "III"),
]


@pytest.mark.parametrize(("name", "annex"), ANNEX_LISTS)
def test_annex_list_codes_are_printed_in_the_annex(name: str, annex: str) -> None:
    """Every code of a 2026 metals list is printed as a code in its annex (an 8-digit code also as its `.00` line).

    A code that the annex prints only inside a description ("parts ... of the machines of heading 8471") is a
    parse error of the peer file, not a row of the annex.
    """
    printed, described = annex_sections()[annex]
    missing = [c for c in list_codes(name) if digits(c) not in printed and digits(c) + "00" not in printed]
    only_described = [c for c in missing if digits(c) in described]
    assert (missing, only_described) == ([], [])


def test_annex_i_b_does_not_name_computers() -> None:
    """ "8471" is in the annex text only inside descriptions ("... for automatic data processing machines ... of
    heading 8471"); the parts 8473.30.20.00 and 8473.30.51.00 are printed in Annex II (removed from scope)."""
    sections = annex_sections()
    assert "8471" in sections["I-B"][1]
    assert not any("8471" in printed for printed, _ in sections.values())
    assert {"8473302000", "8473305100"} <= sections["II"][0]
    assert not {"8471", "8473.30.20.00", "8473.30.51.00"} & set(list_codes("s232_2026_annex_1b.txt"))


@cache
def chapter99_notes() -> list[str]:
    with gzip.open(PRIMARY / "chapter99_us_notes_2026_rev_6.txt.gz", "rt", encoding="utf-8", errors="replace") as f:
        return f.read().split("\n")


def subdivision(opening: str, closing: str) -> set[str]:
    """Every code printed between the line that opens a note subdivision and the line that opens the next."""
    lines = chapter99_notes()
    start = next(i for i, line in enumerate(lines) if line.startswith(opening))
    end = next(i for i, line in enumerate(lines) if i > start and line.startswith(closing))
    found: set[str] = set()
    for line in lines[start:end]:
        found |= {digits(m.group(1)) for w in line.split() if (m := CODE.match(w))}
    return found


@cache
def hts_lines() -> set[str]:
    """Every code of the three HTS revisions in tests/data/hts."""
    codes: set[str] = set()
    for name in ("hts_2025_basic", "hts_2025_rev_32", "hts_2026_rev_10"):
        with gzip.open(DATA / "hts" / f"{name}.json.gz", "rt", encoding="utf-8") as f:
            codes |= {digits(row["htsno"]) for row in json.load(f) if row["htsno"]}
    return codes


S301_LISTS = [
    ("s301_list_1.txt", "(b) Heading 9903.88.01 applies", "(c) For the purposes of heading 9903.88.02"),
    ("s301_list_2.txt", "(d) Heading 9903.88.02 applies", "(e) For the purposes of heading 9903.88.03"),
    ("s301_list_3.txt", "(f) Heading 9903.88.03 applies", "(g) For the purposes of heading 9903.88.04"),
    ("s301_list_3_9903_88_04.txt", "(g) For the purposes of heading 9903.88.04", "(h) The U.S. Trade Representative"),
    ("s301_list_4a.txt", "(s) Heading 9903.88.15 applies", "(t) For the purposes of heading 9903.88.16"),
]


@pytest.mark.parametrize(("name", "opening", "closing"), S301_LISTS, ids=[n for n, *_ in S301_LISTS])
def test_s301_list_codes_are_printed_in_note_20(name: str, opening: str, closing: str) -> None:
    """Every code of a List 1/2/3/4A file is printed in its subdivision of U.S. note 20 (HTS 2026 Rev 6).

    Two kinds of code are allowed outside it: codes that note 31 prints (the four-year review moved them to
    9903.91.xx, whose measures replace the list rate), and codes that are no line of any HTS revision in the
    repo (numbers the HTS has since replaced; they match no entry). A 10-digit code of note 20(g) is printed
    as its 8-digit line with the statistical numbers written out.
    """
    printed = subdivision(opening, closing)
    note_31 = subdivision("31. (a)", "32. ")
    codes = list_codes(name)
    outside = [c for c in codes if digits(c)[:8] not in printed and digits(c) not in printed]
    unexplained = [c for c in outside if digits(c) not in note_31 and digits(c) in hts_lines()]
    assert unexplained == []


# --- Chapter 98 ---------------------------------------------------------------------------


def test_repairs_abroad_still_pay() -> None:
    """Note 2(u): the chapter 98 exception excepts 9802.00.40, .50, .60 and 9802.00.80: those pay the IEEPA duty."""
    from tariffcalc.datasets import load_schedule

    r = load_schedule("us-2025-26").resolve("9802.00.40.20", "CN", date(2025, 6, 1), value="10000")
    headings = {line.heading for line in r.lines}
    assert {FENTANYL_CN, RECIPROCAL_CN} <= headings


@pytest.mark.parametrize("stem", ["hts_2025_basic", "hts_2025_rev_32", "hts_2026_rev_10"])
def test_every_chapter_98_line_is_known(stem: str) -> None:
    """Every 8- and 10-digit chapter 98 line of each HTS revision is a line of the schedule on its effective day
    (291 of them print only a Special rate and were dropped before)."""
    from tariffcalc.datasets import load_schedule
    from tariffcalc.io.hts import KNOWN_REVISIONS

    revision = next(r for r in KNOWN_REVISIONS if r.stem == stem)
    with gzip.open(DATA / "hts" / f"{stem}.json.gz", "rt", encoding="utf-8") as f:
        codes = [
            row["htsno"]
            for row in json.load(f)
            if row["htsno"].startswith("98") and len(digits(row["htsno"])) in (8, 10)
        ]
    schedule = load_schedule("us-2025-26")
    assert len(codes) == 503
    for code in codes:
        schedule.check_product(code, revision.effective)


# --- UK civil aircraft ----------------------------------------------------------------------


def test_uk_heading_is_for_the_uk() -> None:
    """9903.96.01 covers articles "of the United Kingdom": a French tube claimed as civil aircraft in July 2025
    still pays the aluminium duty 9903.85.02."""
    from tariffcalc.datasets import load_schedule

    r = load_schedule("us-2025-26").resolve(UK_TUBE, "FR", date(2025, 7, 15), value="10000", claims=("civil-aircraft",))
    headings = {line.heading for line in r.lines}
    assert "9903.85.02" in headings
    assert "9903.96.01" not in headings


def test_uk_civil_aircraft_list_is_note_35_a() -> None:
    """The list is every provision note 35(a) prints, between its opening and subdivision (b)."""
    lines = chapter99_notes()
    start = next(i for i, line in enumerate(lines) if line.startswith("(a) As provided in heading 9903.96.01"))
    end = next(i for i, line in enumerate(lines) if i > start and "(b) As provided in heading 9903.96.02" in line)
    text = "\n".join(lines[start:end])
    printed = re.findall(r"(?<![\d.])(\d{4}\.\d{2}\.\d{2})(?![\d.])", text[text.index("following provisions") :])
    assert list_codes("civil_aircraft_uk.txt") == printed


@pytest.mark.parametrize(
    ("origin", "on", "duty"),
    [
        ("CN", date(2025, 4, 20), ("9903.01.24", "9903.01.63")),  # notes 2(u), 2(v)(i): fentanyl 20%, reciprocal 125%
        ("CA", date(2025, 9, 10), ("9903.01.10",)),  # note 2(j): Canada 35%
        ("DE", date(2025, 9, 10), ("9903.02.19", "9903.02.20")),  # note 2(v)(i): the EU 15% headings
        ("DE", date(2026, 3, 10), (S122,)),  # note 2(aa)(i): Section 122
    ],
)
def test_no_chapter_98_line_pays_ieepa_or_s122(origin: str, on: date, duty: tuple[str, ...]) -> None:
    """Every chapter 98 line of HTS 2025 Rev 32 but 9802.00.40, .50, .60 and .80 is free of the duties the notes
    exempt it from; those four pay them."""
    from tariffcalc.datasets import load_schedule

    schedule = load_schedule("us-2025-26")
    with gzip.open(DATA / "hts" / "hts_2025_rev_32.json.gz", "rt", encoding="utf-8") as f:
        codes = [
            row["htsno"]
            for row in json.load(f)
            if row["htsno"].startswith("98") and len(digits(row["htsno"])) in (8, 10)
        ]
    paying = []
    for code in codes:
        r = schedule.resolve(code, origin, on, value="10000")
        if {line.heading for line in r.lines} & set(duty):
            paying.append(code)
    excepted = ("9802.00.40", "9802.00.50", "9802.00.60", "9802.00.80")
    assert paying
    assert all(code.startswith(excepted) for code in paying)
