"""
July to October 2026 on the packaged us-2025-26 schedule (h2 facts, ``docs/sources/us-2026h2-facts.md``):
the end of Section 122, Section 301 on Brazil, Section 232 on drones, the quartz safeguard, the beef quota
heading, the scheduled polysilicon duty and the new horizon. Hand-worked entries, each citing its section,
note or heading.

Customs value 10,000 throughout. MFN rates are those of HTS 2026 Rev 10
(``tests/data/hts/hts_2026_rev_10.json.gz``), the last revision the tests hold; the 2026 Rev 11-20 changes
touch no rate used here. Origins are chosen so that no other duty of the period meets the entry: entries of
Brazil fall on 22-23 July 2026, before the forced-labour Section 301 duties of 24 July (h2 facts s.2.2);
later entries come from Iceland, Liechtenstein, Ukraine and Paraguay, none of them among its 60 economies.

The hand-worked entries are rows of ``tests/data/worked/2026h2.toml``, checked by
``test_worked_examples.py``.
"""

from __future__ import annotations

from datetime import date

import pytest

from tariffcalc import Measure
from tariffcalc.citations import Confidence
from tariffcalc.datasets import load_schedule, us2025_data
from tests.helpers.worked import Worked, resolve

FURNITURE = "9403.60.80.93"  # wooden furniture, other: MFN Free (9403.60.80)
MODULE = "8541.43.00.10"  # crystalline silicon photovoltaic modules: MFN Free (8541.43.00)


# The facts of this topic's measures and rules, each row citing its source, are rows of tests/data/facts/2026h2.toml,
# checked by test_us2025_facts.py.


@pytest.fixture(scope="module")
def measures() -> dict[str, Measure]:
    return {m.id: m for m in us2025_data().measures}


def test_polysilicon_from_4_december_is_uncertain_and_after_the_horizon() -> None:
    """h2 facts s.4.3: +15% on modules of 8541.43, 15% of 10000 = 1500.00, marked U, with the horizon warning."""
    r = resolve(Worked("h2 facts §4.3", MODULE, "IS", date(2026, 12, 4), "10000", "1500.00", ()))
    assert r.amount == 1500
    (line,) = [x for x in r.lines if x.measure.id == "us.s232.polysilicon"]
    assert Confidence.U == line.citation.confidence
    assert any("2026-10-09" in w for w in r.warnings)


def test_the_wood_step_up_of_2027_stays_uncertain(measures: dict[str, Measure]) -> None:
    """h2 facts s.4.6: still scheduled for 1 January 2027, no further postponement found, not confirmed."""
    for mid in ("us.s232.wood.upholstered.30", "us.s232.wood.cabinets.50"):
        m = measures[mid]
        assert (date(2027, 1, 1), Confidence.U) == (m.validity.start, m.citation.confidence)


@pytest.mark.parametrize(("day", "warned"), [(date(2026, 10, 9), False), (date(2026, 10, 10), True)])
def test_the_horizon_ends_on_9_october_2026(day: date, warned: bool) -> None:
    """h2 facts, "Where the stored sources end": nothing stored covers 10 October 2026 onwards."""
    r = load_schedule("us-2025-26").resolve(FURNITURE, "IS", day, value=10000)
    assert warned == bool(r.warnings)


def test_section_122_is_one_confirmed_measure(measures: dict[str, Measure]) -> None:
    """h2 facts s.1.1 settles the end: one measure to 2026-07-24, no unconfirmed remainder."""
    m = measures["us.s122.surcharge"]
    assert (date(2026, 7, 24), Confidence.C2) == (m.validity.end, m.citation.confidence)
    assert "us.s122.surcharge.statutory-remainder" not in measures


def test_brazil_301_is_not_tagged_as_china_301(measures: dict[str, Measure]) -> None:
    """Note 50's duty must meet none of the rules written for China's Section 301 (tags s301, s301-list, ...)."""
    brazil = [m for m in measures.values() if m.id.startswith("us.s301.br.")]
    assert len(brazil) == 7
    china_tags = {t for m in measures.values() if m.id.startswith("us.s301.") and m not in brazil for t in m.tags}
    assert all(not (set(m.tags) & china_tags) for m in brazil)


def test_the_lists_follow_the_notes(measures: dict[str, Measure]) -> None:
    """Counts of the note texts (HTS 2026 Rev 20): 50(a)(ii) 864, (iii) 11, (iv) 546, (v) 705; 43(c)(2) 4."""
    sizes = {
        "us.s301.br.exempt.note50-a-ii": 864,
        "us.s301.br.exempt.particular-articles": 11,
        "us.s301.br.exempt.civil-aircraft": 546,
        "us.s301.br.exempt.pharmaceutical-use": 705,
        "us.s232.uas.parts": 4,
    }
    for mid, size in sizes.items():
        assert size == len(measures[mid].products.include), mid
