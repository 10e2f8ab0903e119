"""
Section 232 on pharmaceuticals (U.S. note 40 to subchapter III of chapter 99,
headings 9903.04.60-9903.04.70; h2 facts §4.1, §8, §10 item 6, §11 item 1;
later facts §2.5) and Section 338 on products of Canada (U.S. note 51,
9903.03.12-9903.03.16; h2 facts §3, §10 item 5, §11 item 3), on the packaged
schedule: hand-worked entries, the knowledge date of the UK's retroactive
+0%, and the lists against the counts the HTS text gives.

Customs value 10,000 throughout. MFN rates are those of HTS 2026 Rev 10
(``tests/data/hts/hts_2026_rev_10.json.gz``), the last revision the repository
holds; for these lines Revs 11-20 change no column 1 rate (their change
records list none). The Canadian entries that are not Section 232 articles
claim USMCA: note 51(a) makes the s338 duty owed all the same (and the
column 1 rate drops to the USMCA "Free"), which is the point those examples
make.

The hand-worked entries are rows of ``tests/data/worked/s232_pharma_s338.toml``, checked by
``test_worked_examples.py``.
"""

from __future__ import annotations

import gzip
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tariffcalc.datasets import load_schedule, us2025_data
from tariffcalc.reasons import NotYetKnown
from tariffcalc.restatement import restate

HTS_REV_10 = Path(__file__).parent.parent / "data" / "hts" / "hts_2026_rev_10.json.gz"
REV20 = Path(__file__).parent.parent / "data" / "us2026h2"  # note 40(c) as printed in HTS 2026 Rev 20
LISTS = Path(__file__).parent.parent.parent / "src" / "tariffcalc" / "us" / "data" / "us2025" / "lists"

UK = "9903.04.63"  # UK: +10% (Rev 14) -> +0% (Rev 15, from 31 July 2026)

MAB = "3002.15.00.11"  # monoclonal-antibody medicaments in doses: MFN Free (3002.15.00), col. 2 Free; note 40(c) Rev 14 and 20

ALCOHOL, DAIRY, VEHICLES, S232_ARTICLE, AIRCRAFT = "9903.03.12", "9903.03.13", "9903.03.14", "9903.03.15", "9903.03.16"
WHISKY_SMALL = "2208.30.60.20"  # MFN Free (2208.30.60); 51(b)(1): 2208.30.60 to 14 Sep, 2208.30.6020 from 15 Sep


# The facts of this topic's measures and rules, each row citing its source, are rows of tests/data/facts/s232_pharma_s338.toml,
# checked by test_us2025_facts.py.


def test_uk_rate_as_filed_and_final() -> None:
    # h2 facts §4.1, §9.1: Rev 14 printed 9903.04.63 at "+10%" (31 July 2026); the BIS notice (CSMS #69415934 of
    # 1 August, FR Doc 2026-15799 of 4 August) cut it to "+0%" retroactive to 31 July. A UK patented drug entered
    # 31 July, Free MFN: as filed on 31 July 10% of 10000 = 1000.00; final 0.00; 1000.00 owed back.
    us = load_schedule("us-2025-26")
    filed = us.resolve(MAB, "GB", date(2026, 7, 31), value=10000, known=date(2026, 7, 31))
    assert filed.amount == Decimal("1000.00")
    assert [line.heading for line in filed.lines if line.amount] == [UK]
    reason = filed.reason("us.s232.pharma.uk")
    assert isinstance(reason, NotYetKnown)
    assert "became known on 2026-08-01 (retroactive to 2026-07-31)" in str(reason)
    # as known on 1 August the +0% holds
    assert us.resolve(MAB, "GB", date(2026, 7, 31), value=10000, known=date(2026, 8, 1)).amount == Decimal("0.00")
    r = restate(us, MAB, "GB", date(2026, 7, 31), value=10000)
    assert (r.as_filed.amount, r.final.amount, r.owed_back) == (Decimal("1000.00"), Decimal("0.00"), Decimal("1000.00"))
    # a UK drug from 29 Sep (Rev 20 list): never the +10% (it was known to be 0 by then)
    assert us.resolve(MAB, "GB", date(2026, 9, 29), value=10000, known=date(2026, 9, 29)).amount == Decimal("0.00")


def test_s338_start_as_known_before_the_suspension() -> None:
    # h2 facts §3: the proclamations of 20 July 2026 set 19 August; Proc. 11056 of 18 August moved it to 22 August.
    # Whisky entered 20 August, USMCA Free: as known on 1 August 50% = 5000.00; as finally known 0.00.
    us = load_schedule("us-2025-26")
    early = us.resolve(WHISKY_SMALL, "CA", date(2026, 8, 20), value=10000, claims=("usmca",), known=date(2026, 8, 1))
    assert early.amount == Decimal("5000.00")
    assert ALCOHOL in [line.heading for line in early.lines]
    final = us.resolve(WHISKY_SMALL, "CA", date(2026, 8, 20), value=10000, claims=("usmca",))
    assert final.amount == Decimal("0.00")


def test_proc_11056_suspends_the_first_three_days() -> None:
    # h2 facts §3: planned 19 August 2026, moved to 22 August by Proc. 11056 (18 August)
    found = {s.id: s for s in us2025_data().suspensions}["proc11056.start-moved"]
    assert set(found.measures) == {"us.s338.ca.alcohol.rev17", "us.s338.ca.dairy", "us.s338.ca.vehicles.rev17"}
    assert (str(found.period), found.replacement) == ("2026-08-19/2026-08-22", None)


def _codes(name: str, folder: Path = LISTS) -> list[str]:
    lines = (folder / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize(
    ("name", "count"),
    [
        # h2 facts §4.1: note 40(c) "131 -> 149 by one count"; the list as printed in the Rev 14-19 text
        ("s232_pharma_note40c.txt", 131),
        # note 51 as printed (Rev 17-18 and Rev 19-20 text); 51(b)(2) and 51(d) unchanged by Rev 19
        ("s338_canada_b1_rev17.txt", 63),
        ("s338_canada_b1_rev19.txt", 101),
        ("s338_canada_b2.txt", 52),
        ("s338_canada_b3_rev17.txt", 439),
        ("s338_canada_b3_rev19.txt", 513),
        ("s338_canada_d_civil_aircraft.txt", 554),
    ],
)
def test_list_has_the_provisions_of_the_note(name: str, count: int) -> None:
    codes = _codes(name)
    assert len(codes) == count
    assert len(set(codes)) == count


def test_no_listed_line_is_above_15() -> None:
    # note 40(d), (f): where column 1 exceeds the heading's rate, no additional duty. No provision of either note 40(c)
    # list has a column 1 rate above 15% in HTS 2026 Rev 10 (rates seen: Free, 3.7%, 6%, 6.5%), so that branch of the
    # totals has no line to work.
    rows = json.loads(gzip.decompress(HTS_REV_10.read_bytes()))
    general = {row["htsno"]: row["general"].strip() for row in rows if row["general"].strip()}
    seen = set()
    for code in _codes("s232_pharma_note40c.txt") + _codes("note40c_rev20.txt", REV20):
        rate = next((general[p] for p in (code, code[:10], code[:7]) if p in general), None)
        if rate is None:  # a statistical line of Rev 11-20: the rate of its 8-digit line's Rev 10 statistical line
            rate = next(v for k, v in sorted(general.items()) if k.startswith(code[:10]))
        seen.add(rate)
    assert seen <= {"Free", "3.7%", "6%", "6.5%"}, seen


# HTS 2026 Rev 11 change record (1 July 2026, 484(f)): the Rev 10 statistical lines of note 40(c) that Rev 11
# annotated, deleted or moved, with the Rev 11 numbers they were transferred to ("transferred from ... (pt.)").
REV11_SUCCESSORS = {
    "2922.19.09.00": {"2922.19.09.10", "2922.19.09.90"},
    "2934.99.47.00": {"2934.99.47.20", "2934.99.47.30", "2934.99.47.40", "2934.99.47.90"},
    "2937.22.00.00": {"2937.22.00.10", "2937.22.00.90"},
    "2941.90.30.00": {"2941.90.30.30", "2941.90.30.90"},
    "2941.90.50.00": {"2941.90.50.30", "2941.90.50.90"},
    "3004.20.00.83": {
        "3004.20.00.42",
        "3004.20.00.58",
        "3004.20.00.73",
        "3004.20.00.74",
        "3004.20.00.78",
        "3004.20.00.85",
    },
    "3004.31.00.00": {"3004.31.00.10", "3004.31.00.90"},
    "3004.32.00.60": {"3004.32.00.20", "3004.32.00.80"},
    "3004.39.00.55": {"3004.39.00.15", "3004.39.00.80"},
    "3004.90.92.11": {"3004.90.92.11", "3004.90.92.12"},
    "3004.90.92.16": {"3004.90.92.16", "3004.90.92.17", "3004.90.92.18"},
    "3004.90.92.25": {"3004.90.92.26"},
}


def test_the_rev20_list_is_the_rev14_list_renumbered() -> None:
    # h2 facts §4.1 "131 -> 149": every code Rev 20 adds is the Rev 11 successor of a Rev 14 code, and every code it
    # drops was replaced by its successors, so the provisions are the same (which is why one list serves both periods)
    rev14, rev20 = set(_codes("s232_pharma_note40c.txt")), set(_codes("note40c_rev20.txt", REV20))
    renumbered = {new for old in rev14 for new in REV11_SUCCESSORS.get(old, {old})}
    assert renumbered == rev20
    assert (len(rev14), len(rev20)) == (131, 149)
