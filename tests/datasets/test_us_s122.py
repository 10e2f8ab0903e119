"""
The end of the IEEPA duties and the Section 122 surcharge that replaced them
(later facts §1.3, §1.5, §4, §7 items 1-3, §10.1), on the packaged us-2025
schedule: hand-worked entries, and the table of the s122 measures and rules
against the facts.

Customs value 10,000 throughout. MFN rates are those of HTS 2026 Rev 10
(``tests/data/hts/hts_2026_rev_10.json.gz``), the revision in force in 2026;
for the products used here they equal HTS 2025's.

The hand-worked entries are rows of ``tests/data/worked/s122.toml``, checked by
``test_worked_examples.py``.
"""

from __future__ import annotations

from datetime import date

import pytest

from tariffcalc import Measure
from tariffcalc.datasets import load_schedule, us2025_data
from tariffcalc.measures import InTransit
from tariffcalc.reasons import Expired, OriginNotCovered
from tests.helpers.facts import facts_table

FURNITURE = "9403.60.80.93"  # wooden furniture, other: MFN Free (HTS 2026 Rev 10, 9403.60.80)


# The facts of this topic's measures and rules, each row citing its source: tests/data/facts/s122.toml
MEASURES = facts_table("s122").measures


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
    assert isinstance(condition, InTransit)
    assert condition.citation is not None
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
