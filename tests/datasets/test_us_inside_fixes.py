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

from datetime import date

import pytest
from worked import Worked, check

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
    Worked("note 31(g), 9903.91.06", "2504.10.50.00", "CN", date(2026, 3, 10), "10000", "2500.00", ("9903.91.06", S122_EXEMPT), (S122,)),
    # Note 31(g): permanent magnets 8505.11.00: MFN 2.1% = 210 + 25% = 2500 -> 2710.00 (s122 exempt, 2(aa)(ii))
    Worked("note 31(g), 9903.91.06", "8505.11.00.70", "CN", date(2026, 3, 10), "10000", "2710.00", ("9903.91.06",), (S122, LIST_3)),
    # Heading 9903.91.06 is for products of China only: Vietnamese graphite pays MFN Free, s122 exempt -> 0.00
    Worked("note 31(g), 9903.91.06", "2504.10.50.00", "VN", date(2026, 3, 10), "10000", "0.00", (S122_EXEMPT,), ("9903.91.06",)),
    # Note 31(e), heading 9903.91.04: disposable textile facemasks 6307.90.9870, +25% in 2025.
    # MFN 7% = 700 + fentanyl 20% = 2000 + reciprocal 10% = 1000 + 25% = 2500 -> 6200.00; the List 4A
    # 7.5% of 6307.90.98 is replaced (rule s301-2024.replaces-list), and 9903.91.07 is not yet in force
    Worked("note 31(e), 9903.91.04", "6307.90.98.70", "CN", date(2025, 6, 1), "10000", "6200.00", ("9903.91.04", FENTANYL_CN, RECIPROCAL_CN), (LIST_4A, "9903.91.07")),
    # Note 31(h), heading 9903.91.07: the same facemask from 1 Jan 2026, +50% (9903.91.04 ended 31 Dec 2025).
    # After IEEPA: MFN 700 + s122 10% = 1000 + 50% = 5000 -> 6700.00
    Worked("note 31(h), 9903.91.07", "6307.90.98.70", "CN", date(2026, 3, 10), "10000", "6700.00", ("9903.91.07", S122), ("9903.91.04", LIST_4A)),
    # Note 31(h): N95 respirator 6307.90.9842, +50%: 700 + 1000 + 5000 = 6700.00
    Worked("note 31(h), 9903.91.07", "6307.90.98.42", "CN", date(2026, 3, 10), "10000", "6700.00", ("9903.91.07",), (LIST_4A, "9903.91.01")),
    # Footnote "See ... 9903.91.01" on 6307.90.98 (HTS 2025 Rev 32): the N95 respirator at +25% in 2025:
    # 700 + 2000 + 1000 + 2500 = 6200.00
    Worked("9903.91.01 footnote on 6307.90.98", "6307.90.98.42", "CN", date(2025, 6, 1), "10000", "6200.00", ("9903.91.01",), (LIST_4A, "9903.91.07")),
    # Note 20(s)(ii)(5): other made-up textile articles (6307.90.9891) stay on List 4A, 7.5%: 700 + 1000 + 750 = 2450.00
    Worked("note 20(s)(ii)(5)", "6307.90.98.91", "CN", date(2026, 3, 10), "10000", "2450.00", (LIST_4A, S122), ("9903.91.07",)),
    # Footnote "See 9903.91.05" on 4015.12.10 (HTS 2025 Rev 32): medical gloves +50% in 2025.
    # MFN Free + fentanyl 2000 + reciprocal 1000 + 5000 = 8000.00
    Worked("9903.91.05 footnote on 4015.12.10", "4015.12.10.10", "CN", date(2025, 6, 1), "10000", "8000.00", ("9903.91.05",), ("9903.91.08",)),
    # Note 31(i), heading 9903.91.08: medical gloves +100% from 1 Jan 2026: Free + s122 1000 + 10000 = 11000.00
    Worked("note 31(i), 9903.91.08", "4015.12.10.10", "CN", date(2026, 3, 10), "10000", "11000.00", ("9903.91.08", S122), ("9903.91.05",)),
    # Footnote "See 9903.88.15 and 9903.91.01" on 8507.60.00 (HTS 2025 Basic, Rev 32): electric-vehicle
    # lithium-ion batteries at +25% (9903.91.01), the List 4A rate replaced. MFN 3.4% = 340 + fentanyl
    # 20% = 2000 + s232 auto parts 25% (9903.94.05, facts s.5; no reciprocal on s232 auto parts) = 2500
    # + 25% = 2500 -> 7340.00
    Worked("9903.91.01 footnote on 8507.60.00", "8507.60.00.10", "CN", date(2025, 6, 1), "10000", "7340.00", ("9903.91.01", "9903.94.05"), (LIST_4A, "9903.91.06")),
    # The other lithium-ion batteries in 2025: List 4A 7.5% (same footnote): 340 + 2000 + 2500 + 750 = 5590.00
    Worked("9903.88.15 footnote on 8507.60.00", "8507.60.00.20", "CN", date(2025, 6, 1), "10000", "5590.00", (LIST_4A,), ("9903.91.01", "9903.91.06")),
    # Note 31(g): from 2026 every lithium-ion battery is under 9903.91.06, +25%: 340 + 2500 (s232 parts) + 2500
    # = 5340.00; the parts duty of s232 is exempt from s122 (note 2(aa)) -> no 9903.03.01
    Worked("note 31(g), 9903.91.06", "8507.60.00.20", "CN", date(2026, 3, 10), "10000", "5340.00", ("9903.91.06",), (LIST_4A, S122)),
]

NOTE_20G = [
    # Note 20(g)(2), heading 9903.88.04: 8517.62.00 except 8517.62.0090 -> the switching apparatus
    # 8517.62.0020 pays +25% under 9903.88.04, not 9903.88.03. MFN Free, s122 exempt (2(aa)(ii)) -> 2500.00
    Worked("note 20(g)(2), 9903.88.04", "8517.62.00.20", "CN", date(2026, 3, 10), "10000", "2500.00", (LIST_3_NOTE_20G,), (LIST_3, LIST_4A)),
    # Note 20(s)(ii)(2): 8517.62.00 except .0010 and .0020 is on List 4A -> 8517.62.0090 pays 7.5% = 750.00
    Worked("note 20(s)(ii)(2), 9903.88.15", "8517.62.00.90", "CN", date(2026, 3, 10), "10000", "750.00", (LIST_4A,), (LIST_3_NOTE_20G, LIST_3)),
    # Note 20(g)(1) and the HTS footnote on 2931.90.9010: MFN 3.7% = 370 + 25% = 2500 -> 2870.00 (s122 exempt)
    Worked("note 20(g)(1), 9903.88.04", "2931.90.90.10", "CN", date(2026, 3, 10), "10000", "2870.00", (LIST_3_NOTE_20G,), (LIST_3,)),
    # 2931.90.9052 carries no footnote ("statistical reporting descriptions without a footnote are not
    # covered"): MFN 370 only
    Worked("note 20(g)(1), 9903.88.04", "2931.90.90.52", "CN", date(2026, 3, 10), "10000", "370.00", (), (LIST_3_NOTE_20G, LIST_3)),
    # Same line in 2025 (HTS 2025 Rev 32): 2931.90.90 is in Annex II of EO 14257 (9903.01.32, no
    # reciprocal duty): 370 + fentanyl 20% 2000 + 2500 = 4870.00
    Worked("note 20(g)(1), 9903.88.04", "2931.90.90.10", "CN", date(2025, 6, 1), "10000", "4870.00", (LIST_3_NOTE_20G, FENTANYL_CN, "9903.01.32"), (LIST_3, RECIPROCAL_CN)),
]

ALL = S301 + NOTE_20G


@pytest.mark.parametrize("example", ALL, ids=str)
def test_worked_example(example: Worked) -> None:
    check(example, "us-2025-26")
