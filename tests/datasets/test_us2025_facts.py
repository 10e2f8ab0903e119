"""
Every measure, suspension and rule of the packaged us-2025 data against the
reference facts (docs/sources/us-2025-facts.md, section in the
comments), with boundary days: a measure applies from its first day and not
on its end day. The topics' tables of facts are data, one file a topic
(``tests/data/facts/*.toml``, each row citing its source): they are checked
here with these, and the completeness tests count their rows too.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tariffcalc import Country, Measure, OriginScope, ProductCode
from tariffcalc.citations import Confidence
from tariffcalc.datasets import load_schedule, us2025_data
from tariffcalc.reasons import BeforeData, Expired, NotYetInForce
from tariffcalc.schedule import Schedule
from tests.helpers.facts import MeasureRow, RuleRow, all_tables

HORIZON_START = date(2025, 1, 1)  # the first day of the packaged data (schedule.toml)
IEEPA_END = "2026-02-24"  # later facts s.1.3: IEEPA duties not collected on entries from 24 Feb 2026

# (measure id, rate, validity, Chapter 99 heading, confidence) as the facts give them.
MEASURES = [
    # facts s.6 Canada/Mexico; later facts s.3.8 (Canada 35% from 1 Aug 2025); USMCA exemption from 7 March
    ("us.ieepa.ca.25", "25%", "2025-03-04/2025-03-07", "9903.01.10", "C2"),
    ("us.ieepa.ca.25-usmca", "25%", "2025-03-07/2025-08-01", "9903.01.10", "C2"),
    ("us.ieepa.ca.35", "35%", f"2025-08-01/{IEEPA_END}", "9903.01.10", "C2"),
    ("us.ieepa.mx.25", "25%", "2025-03-04/2025-03-07", "9903.01.01", "C2"),
    ("us.ieepa.mx.25-usmca", "25%", f"2025-03-07/{IEEPA_END}", "9903.01.01", "C2"),
    # facts s.6 China fentanyl: 10% from 4 Feb (EO 14195), 20% from 4 March (EO 14228), 10% from 10 Nov;
    # the first month's heading 9903.01.20 read from U.S. note 2(s) (HTS text, later facts s.10)
    ("us.ieepa.fentanyl.cn.10", "10%", "2025-02-04/2025-03-04", "9903.01.20", "C2"),
    ("us.ieepa.fentanyl.cn.20", "20%", "2025-03-04/2025-11-10", "9903.01.24", "C2"),
    ("us.ieepa.fentanyl.cn.10-from-2025-11-10", "10%", f"2025-11-10/{IEEPA_END}", "9903.01.24", "C2"),
    # facts s.1: baseline 10% from 5 April, 9903.01.25
    ("us.ieepa.reciprocal.baseline", "10%", f"2025-04-05/{IEEPA_END}", "9903.01.25", "C2"),
    # facts s.6 China reciprocal: 84% on 9 April, 125% from 10 April, 34% (24 points suspended) from 14 May
    ("us.ieepa.reciprocal.cn.84", "84%", "2025-04-09/2025-04-10", "9903.01.63", "C2"),
    ("us.ieepa.reciprocal.cn.125", "125%", "2025-04-10/2025-05-14", "9903.01.63", "C2"),
    ("us.ieepa.reciprocal.cn.34", "34%", f"2025-05-14/{IEEPA_END}", "9903.01.63", "C2"),
    # facts s.1 Annex I (EU heading [C1]); the 20% rate is not in the facts (U)
    ("us.ieepa.reciprocal.eu.annex-i", "20%", "2025-04-09/2025-08-07", "9903.01.50", "U"),
    # facts s.6 EU under EO 14326: 15% all-in, 9903.02.19/.20
    ("us.ieepa.reciprocal.eu.eo14326", "all-in 15%", f"2025-08-07/{IEEPA_END}", "9903.02.20", "C2"),
    # facts s.1 exceptions: Annex II 9903.01.32 (windows per the Budget Lab list), electronics memo retroactive to 5 April
    ("us.ieepa.reciprocal.exempt.annex-ii", "Free", f"2025-04-05/{IEEPA_END}", "9903.01.32", "C2"),
    ("us.ieepa.reciprocal.exempt.annex-ii.agriculture", "Free", f"2025-11-13/{IEEPA_END}", "9903.01.32", "C2"),
    ("us.ieepa.reciprocal.exempt.annex-ii.copper", "Free", "2025-04-05/2025-08-01", "9903.01.32", "C1"),
    ("us.ieepa.reciprocal.exempt.annex-ii.electronics", "Free", f"2025-04-05/{IEEPA_END}", "9903.01.32", "C2"),
    ("us.ieepa.reciprocal.exempt.annex-ii.eo14346", "Free", f"2025-09-08/{IEEPA_END}", "9903.01.32", "C2"),
    ("us.ieepa.reciprocal.exempt.annex-ii.until-eo14346", "Free", "2025-04-05/2025-09-08", "9903.01.32", "C2"),
    ("us.ieepa.reciprocal.exempt.annex-ii.wood", "Free", "2025-04-05/2025-10-14", "9903.01.32", "C1"),
    ("us.ieepa.reciprocal.exempt.donations", "Free", f"2025-04-05/{IEEPA_END}", "9903.01.30", "U"),
    ("us.ieepa.reciprocal.exempt.informational", "Free", f"2025-04-05/{IEEPA_END}", "9903.01.31", "C2"),
    # facts s.2.1: Japan 24% from 9 April under 9903.01.53; s.2.2: EO 14326 +15% (heading [U]); s.2.3: EO 14345 all-in
    ("us.ieepa.reciprocal.jp.annex-i", "24%", "2025-04-09/2025-08-07", "9903.01.53", "C2"),
    # (heading 9903.02.30 read in HTS 2025 Rev 32 / 2026 Rev 10: C2 since the partners topic)
    ("us.ieepa.reciprocal.jp.eo14326", "15%", f"2025-08-07/{IEEPA_END}", "9903.02.30", "C2"),
    ("us.ieepa.reciprocal.jp.deal", "all-in 15%", f"2025-08-07/{IEEPA_END}", "9903.02.73", "C2"),
    # facts s.2.4: Japanese civil aircraft free of reciprocal and s232 metals from 16 Sept (9903.96.02)
    ("us.jp-deal.civil-aircraft", "Free", "2025-09-16/", "9903.96.02", "C2"),
    # facts s.3: autos 25% from 3 April (9903.94.01), parts 25% from 3 May (9903.94.05), USMCA vehicles 9903.94.03
    ("us.s232.autos", "25%", "2025-04-03/", "9903.94.01", "C2"),
    ("us.s232.autos.usmca", "25%", "2025-04-03/", "9903.94.03", "C2"),
    ("us.s232.auto-parts", "25%", "2025-05-03/", "9903.94.05", "C2"),
    # s.3 Proc. 10925, kept at 3.75% "through 2030" by Proc. 10984: a claim line, the offset is tariffcalc.us.offset's
    ("us.s232.auto-parts.offset", "Free", "2025-05-03/2031-01-01", None, "C2"),
    # facts s.3 UK deal: 30 June, cars in quota 7.5% (9903.94.31), parts 10% including MFN (9903.94.32)
    ("us.s232.autos.uk", "7.5%", "2025-06-30/", "9903.94.31", "C2"),
    ("us.s232.auto-parts.uk", "all-in 10%", "2025-06-30/", "9903.94.32", "C2"),
    # facts s.2.4: Japan cars and parts 15% all-in from 16 Sept (9903.94.40-.43), not retroactive
    ("us.s232.autos.jp", "all-in 15%", "2025-09-16/", "9903.94.41", "C2"),
    ("us.s232.auto-parts.jp", "all-in 15%", "2025-09-16/", "9903.94.43", "C2"),
    # later facts s.2.7 (EU deal, CSMS #66336270): cars 9903.94.50/.51, parts .52/.53, retroactive to 1 Aug 2025
    ("us.s232.autos.eu", "all-in 15%", "2025-08-01/", "9903.94.51", "C2"),
    ("us.s232.auto-parts.eu", "all-in 15%", "2025-08-01/", "9903.94.53", "C2"),
    # facts s.4: steel/aluminium 25% from 12 March, 50% from 4 June (UK 25%); inclusions from 18 Aug;
    # later facts s.10.6: UK headings 9903.81.94-.99 / 9903.85.12-.15; s.2.6: all end on 6 April 2026
    ("us.s232.steel.mill-ch72.25", "25%", "2025-03-12/2025-06-04", "9903.81.87", "C2"),
    ("us.s232.steel.mill-ch72.50", "50%", "2025-06-04/2026-04-06", "9903.81.87", "C2"),
    ("us.s232.steel.mill-ch72.uk-25", "25%", "2025-06-04/2026-04-06", "9903.81.94", "C2"),
    ("us.s232.steel.mill-ch73.25", "25%", "2025-03-12/2025-06-04", "9903.81.87", "C2"),
    ("us.s232.steel.mill-ch73.50", "50%", "2025-06-04/2026-04-06", "9903.81.87", "C2"),
    ("us.s232.steel.mill-ch73.uk-25", "25%", "2025-06-04/2026-04-06", "9903.81.94", "C2"),
    ("us.s232.steel.derivatives-ch73-2020.25", "25%", "2025-03-12/2025-06-04", "9903.81.89", "C2"),
    ("us.s232.steel.derivatives-ch73-2020.50", "50%", "2025-06-04/2026-04-06", "9903.81.89", "C2"),
    ("us.s232.steel.derivatives-ch73-2020.uk-25", "25%", "2025-06-04/2026-04-06", "9903.81.96", "C2"),
    ("us.s232.steel.derivatives-ch73.25", "25%", "2025-03-12/2025-06-04", "9903.81.90", "C2"),
    ("us.s232.steel.derivatives-ch73.50", "50%", "2025-06-04/2026-04-06", "9903.81.90", "C2"),
    ("us.s232.steel.derivatives-ch73.uk-25", "25%", "2025-06-04/2026-04-06", "9903.81.97", "C2"),
    ("us.s232.steel.derivatives-ch72-73-inclusions.50", "50%", "2025-08-18/2026-04-06", "9903.81.90", "U"),
    ("us.s232.steel.derivatives-ch72-73-inclusions.uk-25", "25%", "2025-08-18/2026-04-06", "9903.81.97", "U"),
    # facts s.4: March 2025 derivatives outside ch. 73 (9903.81.91), nine examples only [U]
    ("us.s232.steel.derivatives-other.25", "25%", "2025-03-12/2025-06-04", "9903.81.91", "U"),
    ("us.s232.steel.derivatives-other.50", "50%", "2025-06-04/2026-04-06", "9903.81.91", "U"),
    ("us.s232.steel.derivatives-other.uk-25", "25%", "2025-06-04/2026-04-06", "9903.81.98", "U"),
    ("us.s232.steel.derivatives-other-inclusions.50", "50%", "2025-08-18/2026-04-06", "9903.81.91", "C2"),
    ("us.s232.steel.derivatives-other-inclusions.uk-25", "25%", "2025-08-18/2026-04-06", "9903.81.98", "C2"),
    ("us.s232.aluminum.mill-ch76.25", "25%", "2025-03-12/2025-06-04", "9903.85.02", "C2"),
    ("us.s232.aluminum.mill-ch76.50", "50%", "2025-06-04/2026-04-06", "9903.85.02", "C2"),
    ("us.s232.aluminum.mill-ch76.uk-25", "25%", "2025-06-04/2026-04-06", "9903.85.12", "C2"),
    ("us.s232.aluminum.derivatives-ch76-2020.25", "25%", "2025-03-12/2025-06-04", "9903.85.04", "C2"),
    ("us.s232.aluminum.derivatives-ch76-2020.50", "50%", "2025-06-04/2026-04-06", "9903.85.04", "C2"),
    ("us.s232.aluminum.derivatives-ch76-2020.uk-25", "25%", "2025-06-04/2026-04-06", "9903.85.13", "C2"),
    ("us.s232.aluminum.derivatives-ch76.25", "25%", "2025-03-12/2025-06-04", "9903.85.07", "C2"),
    ("us.s232.aluminum.derivatives-ch76.50", "50%", "2025-06-04/2026-04-06", "9903.85.07", "C2"),
    ("us.s232.aluminum.derivatives-ch76.uk-25", "25%", "2025-06-04/2026-04-06", "9903.85.14", "U"),
    ("us.s232.aluminum.derivatives-ch76-inclusions.50", "50%", "2025-08-18/2026-04-06", "9903.85.07", "U"),
    ("us.s232.aluminum.derivatives-ch76-inclusions.uk-25", "25%", "2025-08-18/2026-04-06", "9903.85.14", "U"),
    ("us.s232.aluminum.derivatives-other-2020.25", "25%", "2025-03-12/2025-06-04", "9903.85.04", "U"),
    ("us.s232.aluminum.derivatives-other-2020.50", "50%", "2025-06-04/2026-04-06", "9903.85.04", "U"),
    ("us.s232.aluminum.derivatives-other-2020.uk-25", "25%", "2025-06-04/2026-04-06", "9903.85.13", "U"),
    ("us.s232.aluminum.derivatives-other.25", "25%", "2025-03-12/2025-06-04", "9903.85.08", "C2"),
    ("us.s232.aluminum.derivatives-other.50", "50%", "2025-06-04/2026-04-06", "9903.85.08", "C2"),
    ("us.s232.aluminum.derivatives-other.uk-25", "25%", "2025-06-04/2026-04-06", "9903.85.15", "U"),
    ("us.s232.aluminum.derivatives-other-inclusions.50", "50%", "2025-08-18/2026-04-06", "9903.85.08", "C2"),
    ("us.s232.aluminum.derivatives-other-inclusions.uk-25", "25%", "2025-08-18/2026-04-06", "9903.85.15", "C2"),
    # facts s.6 Section 301: List 1 25% 6 Jul 2018; List 2 25% 23 Aug 2018; List 3 10% 24 Sep 2018, 25% 10 May 2019;
    # List 4A 15% 1 Sep 2019, 7.5% 14 Feb 2020; 2024 review increases [U]
    ("us.s301.list-1", "25%", "2018-07-06/", "9903.88.01", "C2"),
    ("us.s301.list-2", "25%", "2018-08-23/", "9903.88.02", "C2"),
    ("us.s301.list-3.10", "10%", "2018-09-24/2019-05-10", "9903.88.03", "C2"),
    ("us.s301.list-3", "25%", "2019-05-10/", "9903.88.03", "C2"),
    ("us.s301.list-4a.15", "15%", "2019-09-01/2020-02-14", "9903.88.15", "C2"),
    ("us.s301.list-4a", "7.5%", "2020-02-14/", "9903.88.15", "C2"),
    ("us.s301.2024-25", "25%", "2024-09-27/", "9903.91.01", "U"),
    ("us.s301.2024-50", "50%", "2024-09-27/", "9903.91.02", "U"),
    ("us.s301.2024-100", "100%", "2024-09-27/", "9903.91.03", "U"),
    ("us.s301.2025-25", "25%", "2025-01-01/", "9903.91.11", "U"),
    ("us.s301.2025-50", "50%", "2025-01-01/", "9903.91.05", "U"),
]
# later facts s.10 no.9: the 2018 steel/aluminium regime until 12 March 2025 (its own table)


# (suspension id, measures, period): facts s.2.1 (EO 14266 to 9 July, EO 14316 to 1 August; 1-7 August [U]),
# s.6 China (EO 14298 from 14 May for 90 days, extended 11 Aug to 10 Nov, then kept at 10%)
SUSPENSIONS = [
    (
        "eo14266.annex-i-pause",
        {"us.ieepa.reciprocal.jp.annex-i", "us.ieepa.reciprocal.eu.annex-i"},
        "2025-04-10/2025-07-09",
    ),
    (
        "eo14316.annex-i-pause-extended",
        {"us.ieepa.reciprocal.jp.annex-i", "us.ieepa.reciprocal.eu.annex-i"},
        "2025-07-09/2025-08-01",
    ),
    (
        "eo14326.annex-i-until-new-rates",
        {"us.ieepa.reciprocal.jp.annex-i", "us.ieepa.reciprocal.eu.annex-i"},
        "2025-08-01/2025-08-07",
    ),
    ("eo14298.china-24-points", {"us.ieepa.reciprocal.cn.34"}, "2025-05-14/2025-08-12"),
    ("eo-2025-08-11.china-24-points", {"us.ieepa.reciprocal.cn.34"}, "2025-08-12/2025-11-10"),
    ("eo-2025-11-04.china-24-points", {"us.ieepa.reciprocal.cn.34"}, f"2025-11-10/{IEEPA_END}"),
]

# (rule id, when, drops, displaces, validity): facts s.5 and s.1
RULES = [
    (
        "eo14257.country-replaces-baseline",
        "reciprocal-country",
        "reciprocal-baseline",
        "entry",
        f"2025-04-09/{IEEPA_END}",
    ),
    ("eo14257.exceptions", "reciprocal-exempt", "reciprocal", "entry", f"2025-04-05/{IEEPA_END}"),
    ("eo14345.in-lieu", "reciprocal-deal", "reciprocal-country", "entry", f"2025-08-07/{IEEPA_END}"),
    ("eo14345.replaces-baseline", "reciprocal-deal", "reciprocal-baseline", "entry", f"2025-08-07/{IEEPA_END}"),
    ("eo14257.s232-autos", "s232-auto", "reciprocal", "entry", f"2025-04-05/{IEEPA_END}"),
    ("eo14257.s232-steel", "s232-steel", "reciprocal", "entry", "2025-04-05/2025-06-04"),
    ("eo14257.s232-aluminum", "s232-aluminum", "reciprocal", "entry", "2025-04-05/2025-06-04"),
    ("proc10947.s232-steel-content", "s232-steel", "reciprocal", "slice", f"2025-06-04/{IEEPA_END}"),
    ("proc10947.s232-aluminum-content", "s232-aluminum", "reciprocal", "slice", f"2025-06-04/{IEEPA_END}"),
    ("eo14289.autos-over-ieepa-ca", "s232-auto", "ieepa-ca", "entry", "2025-03-04/"),
    ("eo14289.autos-over-ieepa-mx", "s232-auto", "ieepa-mx", "entry", "2025-03-04/"),
    ("eo14289.autos-over-s232-steel", "s232-auto", "s232-steel", "entry", "2025-03-04/"),
    ("eo14289.autos-over-s232-aluminum", "s232-auto", "s232-aluminum", "entry", "2025-03-04/"),
    ("eo14289.ieepa-ca-over-s232-steel", "ieepa-ca", "s232-steel", "entry", "2025-03-04/2025-06-04"),
    ("eo14289.ieepa-ca-over-s232-aluminum", "ieepa-ca", "s232-aluminum", "entry", "2025-03-04/2025-06-04"),
    ("eo14289.ieepa-mx-over-s232-steel", "ieepa-mx", "s232-steel", "entry", "2025-03-04/2025-06-04"),
    ("eo14289.ieepa-mx-over-s232-aluminum", "ieepa-mx", "s232-aluminum", "entry", "2025-03-04/2025-06-04"),
    ("proc10947.s232-steel-over-ieepa-ca", "s232-steel", "ieepa-ca", "slice", "2025-06-04/"),
    ("proc10947.s232-aluminum-over-ieepa-ca", "s232-aluminum", "ieepa-ca", "slice", "2025-06-04/"),
    ("proc10947.s232-steel-over-ieepa-mx", "s232-steel", "ieepa-mx", "slice", "2025-06-04/"),
    ("proc10947.s232-aluminum-over-ieepa-mx", "s232-aluminum", "ieepa-mx", "slice", "2025-06-04/"),
    ("eo14309.uk-autos", "s232-auto-uk", "s232-auto-general", "entry", "2025-06-30/"),
    ("eo14345.jp-autos", "s232-auto-jp", "s232-auto-general", "entry", "2025-09-16/"),
    ("eu-framework.eu-autos", "s232-auto-eu", "s232-auto-general", "entry", "2025-08-01/"),
    ("eo14345.civil-aircraft-over-s232-steel", "s232-metal-exempt", "s232-steel", "entry", "2025-09-16/"),
    ("eo14345.civil-aircraft-over-s232-aluminum", "s232-metal-exempt", "s232-aluminum", "entry", "2025-09-16/"),
    ("s301-2024.replaces-list", "s301-2024", "s301-list", "entry", "2024-09-27/"),
]


TOPICS = all_tables()  # the tables of the topics, tests/data/facts/*.toml
ALL_MEASURES: list[MeasureRow] = MEASURES + [row for table in TOPICS for row in table.measures]
ALL_RULES: list[RuleRow] = RULES + [row for table in TOPICS for row in table.rules]


@pytest.fixture(scope="module")
def measures() -> dict[str, Measure]:
    return {m.id: m for m in us2025_data().measures}


def test_the_dataset_validates() -> None:
    """The packaged files load without a problem and form a valid schedule, alone and with the MFN."""
    alone = us2025_data().to_schedule()
    full = load_schedule("us-2025")
    assert alone.measures <= full.measures
    assert alone.rules == full.rules


@pytest.mark.parametrize(
    ("mid", "rate", "validity", "heading", "confidence"), ALL_MEASURES, ids=[m[0] for m in ALL_MEASURES]
)
def test_measure_matches_the_facts(
    measures: dict[str, Measure], mid: str, rate: str, validity: str, heading: str | None, confidence: str
) -> None:
    m = measures[mid]
    assert (rate, validity, heading, Confidence(confidence)) == (
        str(m.rate),
        str(m.validity),
        m.citation.heading,
        m.citation.confidence,
    )


def test_every_measure_is_in_the_table(measures: dict[str, Measure]) -> None:
    """Only the measures without a rate to check are outside the table; a new measure needs its row."""
    unrated = {mid for table in TOPICS for mid in table.unrated}
    assert set(measures) - {m[0] for m in ALL_MEASURES} == unrated
    assert all(str(measures[mid].rate).startswith("not computable: ") for mid in unrated)


def test_every_measure_is_cited(measures: dict[str, Measure]) -> None:
    """Instrument with a known-on day, a source page or URL, and a confidence mark on every measure."""
    for m in measures.values():
        c = m.citation
        assert c.confidence is not None, m.id
        assert c.source or c.instrument.url, m.id
        assert c.note, m.id


@pytest.mark.parametrize(("sid", "targets", "period"), SUSPENSIONS, ids=[s[0] for s in SUSPENSIONS])
def test_suspension_matches_the_facts(sid: str, targets: set[str], period: str) -> None:
    found = {s.id: s for s in us2025_data().suspensions}[sid]
    assert (targets, period, None) == (set(found.measures), str(found.period), found.replacement)


@pytest.mark.parametrize(("rid", "when", "drops", "displaces", "validity"), ALL_RULES, ids=[r[0] for r in ALL_RULES])
def test_rule_matches_the_facts(rid: str, when: str, drops: str, displaces: str, validity: str) -> None:
    r = {r.id: r for r in us2025_data().rules}[rid]
    assert (when, drops, displaces, validity) == (r.when, r.drops, str(r.displaces), str(r.validity))


def test_every_rule_is_in_the_table() -> None:
    assert {r.id for r in us2025_data().rules} == {r[0] for r in ALL_RULES}


def test_retroactive_instruments_record_both_days() -> None:
    """EO 14345 was signed on 4 Sept 2025 and applies from 7 August (facts s.2.3); EO 14289 from 4 March."""
    instruments = {i.id: i for i in us2025_data().instruments}
    eo14345 = instruments["EO 14345"]
    assert (date(2025, 9, 4), date(2025, 8, 7), True) == (
        eo14345.known_on,
        eo14345.applies_from,
        eo14345.is_retroactive,
    )
    eo14289 = instruments["EO 14289"]
    assert (date(2025, 4, 29), date(2025, 3, 4)) == (eo14289.known_on, eo14289.applies_from)
    memo = instruments["Memorandum of 11 April 2025"]
    assert memo.is_retroactive


def _sample(m: Measure, groups: dict[str, list[Country]]) -> tuple[ProductCode, Country]:
    # A product the measure reaches: its first include prefix that no carve-out removes.
    product = (
        ProductCode.parse("9403.60.80.93")
        if m.products.everything
        else next(p for p in m.products.include if m.products.carve_out(p) is None)
    )
    origins: OriginScope = m.origins
    if origins.countries:
        country = sorted(origins.countries)[0]
    elif origins.groups:
        country = groups[sorted(origins.groups)[0]][0]
    else:
        country = next(Country(c) for c in ("JP", "VN", "DE", "BR") if Country(c) not in origins.excluded)
    return product, country


@pytest.fixture(scope="module")
def measures_only() -> Schedule:
    return load_schedule("us-2025-measures")


def test_every_measure_starts_and_ends_on_its_days(measures_only: Schedule) -> None:
    """Boundary days: not yet in force the day before the start, in force on it; expired on the end day."""
    groups = {g.id: sorted(m.country for m in g.members) for g in measures_only.groups}
    for m in measures_only.measures:
        product, country = _sample(m, groups)
        start, end = m.validity.start, m.validity.end

        def reason(day: date, m: Measure = m, product: ProductCode = product, country: Country = country) -> object:
            return measures_only.resolve(product, country, day, value=1000).reason(m.id)

        # A measure that starts with the data (1 January 2025) is "before the data" the day before.
        before = BeforeData if start == HORIZON_START else NotYetInForce
        assert isinstance(reason(start - timedelta(days=1)), before), m.id
        assert not isinstance(reason(start), NotYetInForce | Expired), m.id
        if end is not None:
            assert not isinstance(reason(end - timedelta(days=1)), NotYetInForce | Expired), m.id
            assert isinstance(reason(end), Expired), m.id


def test_ieepa_measures_end_when_collection_ended(measures: dict[str, Measure]) -> None:
    """Later facts s.1.3: no IEEPA duty on entries from 24 February 2026."""
    ieepa = [m for m in measures.values() if m.id.startswith("us.ieepa.")]
    assert ieepa
    for m in ieepa:
        assert m.validity.end is not None, m.id
        assert m.validity.end <= date(2026, 2, 24), m.id
        assert m.validity.end != date(2026, 2, 24) or "2026-02-24" in m.citation.note, m.id


def test_eu_membership_is_dated() -> None:
    """Croatia from 1 July 2013; the United Kingdom until 31 January 2020."""
    eu = {g.id: g for g in us2025_data().groups}["EU"]
    assert not eu.has(Country("HR"), date(2013, 6, 30))
    assert eu.has(Country("HR"), date(2013, 7, 1))
    assert eu.has(Country("GB"), date(2020, 1, 31))
    assert not eu.has(Country("GB"), date(2020, 2, 1))
    assert len({m.country for m in eu.members if m.period.contains(date(2025, 8, 7))}) == 27


def test_column2_group_is_the_hts_one() -> None:
    """The data defines column2 exactly as the HTS import does, so combining keeps one group."""
    from tariffcalc.us.groups import COLUMN2

    assert {g.id: g for g in us2025_data().groups}["column2"] == COLUMN2


def test_section_301_lists_are_deduplicated(measures: dict[str, Measure]) -> None:
    """A code on several lists is charged once (s301_product_lists.csv caveat); List 4B has no measure."""
    lists = ["us.s301.list-1", "us.s301.list-2", "us.s301.list-3", "us.s301.list-4a"]
    seen: set[ProductCode] = set()
    for mid in lists:
        codes = set(measures[mid].products.include)
        assert not codes & seen, mid
        seen |= codes
    assert not any("4b" in mid for mid in measures)
