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


# (measure id, rate, validity, Chapter 99 heading, confidence), as the h2 facts and the heading texts give them.
MEASURES = [
    # h2 facts s.2.1, HTS 2026 Rev 12 headings 9903.05.01-.09 (effective 22 July 2026); .09 prints no list (U)
    ("us.s301.br.25", "25%", "2026-07-22/", "9903.05.01", "C2"),
    ("us.s301.br.exempt.note50-a-ii", "Free", "2026-07-22/", "9903.05.03", "C2"),
    ("us.s301.br.exempt.particular-articles", "Free", "2026-07-22/", "9903.05.04", "C2"),
    ("us.s301.br.exempt.civil-aircraft", "Free", "2026-07-22/", "9903.05.05", "C2"),
    ("us.s301.br.exempt.pharmaceutical-use", "Free", "2026-07-22/", "9903.05.06", "C2"),
    ("us.s301.br.exempt.donations", "Free", "2026-07-22/", "9903.05.08", "C2"),
    ("us.s301.br.exempt.informational", "Free", "2026-07-22/", "9903.05.09", "U"),
    # h2 facts s.4.2, HTS 2026 Rev 18 headings 9903.08.20-.26 (effective 3 September 2026), note 43(c)/(d)
    ("us.s232.uas.large", "100%", "2026-09-03/", "9903.08.21", "C2"),
    ("us.s232.uas.docking", "100%", "2026-09-03/", "9903.08.21", "C2"),
    ("us.s232.uas.parts", "100%", "2026-09-03/", "9903.08.21", "C2"),
    ("us.s232.uas.small.thermal", "100%", "2026-09-03/", "9903.08.21", "C2"),
    ("us.s232.uas.small", "25%", "2026-09-03/", "9903.08.22", "C2"),
    ("us.s232.uas.docking.not-for-uas", "Free", "2026-09-03/", "9903.08.20", "C2"),
    ("us.s232.uas.uk.aircraft", "10%", "2026-09-03/", "9903.08.23", "C2"),
    ("us.s232.uas.uk.docking", "10%", "2026-09-03/", "9903.08.23", "C2"),
    ("us.s232.uas.uk.parts", "10%", "2026-09-03/", "9903.08.23", "C2"),
    ("us.s232.uas.allies.aircraft", "all-in 15%", "2026-09-03/", "9903.08.24", "C2"),
    ("us.s232.uas.allies.docking", "all-in 15%", "2026-09-03/", "9903.08.24", "C2"),
    ("us.s232.uas.allies.parts", "all-in 15%", "2026-09-03/", "9903.08.24", "C2"),
    ("us.s232.uas.onshoring-dhs", "Free", "2026-09-03/", "9903.08.25", "C2"),
    ("us.s232.uas.onshoring-commerce", "Free", "2026-09-03/", "9903.08.26", "C2"),
    # h2 facts s.5, note 41(e): 25/50% to 14 Aug 2027, then 23/49, 21/48, 19/47 (after the horizon: U)
    ("us.s201.quartz.in-quota.2026", "25%", "2026-08-15/2027-08-15", "9903.45.30", "C2"),
    ("us.s201.quartz.over-quota.2026", "50%", "2026-08-15/2027-08-15", "9903.45.31", "C2"),
    ("us.s201.quartz.in-quota.2027", "23%", "2027-08-15/2028-08-15", "9903.45.30", "U"),
    ("us.s201.quartz.over-quota.2027", "49%", "2027-08-15/2028-08-15", "9903.45.31", "U"),
    ("us.s201.quartz.in-quota.2028", "21%", "2028-08-15/2029-08-15", "9903.45.30", "U"),
    ("us.s201.quartz.over-quota.2028", "48%", "2028-08-15/2029-08-15", "9903.45.31", "U"),
    ("us.s201.quartz.in-quota.2029", "19%", "2029-08-15/2030-08-15", "9903.45.30", "U"),
    ("us.s201.quartz.over-quota.2029", "47%", "2029-08-15/2030-08-15", "9903.45.31", "U"),
    # h2 facts s.6: 12:01 a.m. 1 September to 11:59 p.m. 30 November 2026, rate "No change"
    ("us.beef-trq.lean-trimmings-2026", "Free", "2026-09-01/2026-12-01", "9903.54.02", "C2"),
    # h2 facts s.4.3: scheduled from 4 December 2026, implementation and headings unknown (U)
    ("us.s232.polysilicon", "15%", "2026-12-04/", None, "U"),
    ("us.s232.polysilicon.partners", "all-in 15%", "2026-12-04/", None, "U"),
    ("us.s232.polysilicon.uk", "10%", "2026-12-04/", None, "U"),
]

# (rule id, when, drops, displaces, validity): note 50(a)(i)-(vi) (9903.05.02-.09 except the +25%; the
# full-value s232 articles of (vi)(1)-(7)); note 43(a) (the UAS headings are mutually exclusive)
RULES = [
    ("s301-brazil.exemptions", "s301-brazil-exempt", "s301-brazil", "entry", "2026-07-22/"),
    ("s301-brazil.s232-metals", "s232-metals", "s301-brazil", "entry", "2026-07-22/"),
    ("s301-brazil.s232-autos", "s232-auto", "s301-brazil", "entry", "2026-07-22/"),
    ("s301-brazil.s232-trucks", "s232-truck", "s301-brazil", "entry", "2026-07-22/"),
    ("s301-brazil.s232-wood", "s232-wood", "s301-brazil", "entry", "2026-07-22/"),
    ("s301-brazil.s232-semiconductors", "s232-semi-duty", "s301-brazil", "entry", "2026-07-22/"),
    ("s301-brazil.s232-pharma-patented", "s232-pharma-patented", "s301-brazil", "entry", "2026-07-31/"),
    ("proc11055.partners-replace-general", "s232-uas-partner", "s232-uas-general", "entry", "2026-09-03/"),
    ("proc11055.onshoring", "s232-uas-exempt", "s232-uas", "entry", "2026-09-03/"),
]


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
