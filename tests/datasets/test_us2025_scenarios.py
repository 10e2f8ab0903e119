"""
End-to-end entries on the us-2025 measures, totals worked by hand from the
cited rules (reference facts section and instrument in each comment).

The base (MFN) duties are hand-made here so that the totals depend only on
the 2025 measures; the acceptance examples of the packaged schedule at the bottom run on
the packaged ``us-2025`` schedule itself (MFN from the HTS import).
Customs value 10,000 unless said otherwise.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from tariffcalc import Citation, Instrument, Measure, MeasureKind, OriginScope, Period, ProductScope
from tariffcalc.datasets import load_schedule, us2025_data
from tariffcalc.measures import Preference
from tariffcalc.rates import AdValorem, Free
from tariffcalc.reasons import Displaced, Suspended, SwitchedOff
from tariffcalc.schedule import Schedule

HTS = Instrument("HTS test", "Hand-made column 1 rates for the scenarios", known_on=date(2025, 1, 1))


def _base(code: str, percent: str | None, preferences: tuple[Preference, ...] = ()) -> Measure:
    rate = Free() if percent is None else AdValorem(percent)
    return Measure(
        f"test.mfn.{code}",
        f"column 1 {code}",
        MeasureKind.BASE,
        rate,
        ProductScope.parse(code),
        OriginScope.parse("all"),
        Period(date(2018, 1, 1)),
        Citation(HTS, heading=code),
        preferences=preferences,
    )


# Column 1 rates: 8703.23.01 2.5% (facts s.2.4); the others are the HTS 2025 rates of those lines.
BASES = [
    _base("8703.23.01", "2.5"),
    _base("8704.21.01", "25"),
    _base("8708.30.50", "2.5"),
    _base("9403.60.80", None),
    _base("8481.80.90", "2"),
    _base("6109.10.00", "16.5", (Preference("usmca", Free()),)),
    _base("7326.90.86", "2.9"),
    _base("8414.51.30", "4.7"),
    _base("8517.13.00", None),
    _base("8414.59.65", "2.3"),
]

CAR, TRUCK, PART, FURNITURE, VALVE, TSHIRT, STEELWARE, FAN, PHONE, BLOWER = (
    "8703.23.01.90",
    "8704.21.01.00",
    "8708.30.50.90",
    "9403.60.80.93",
    "8481.80.90.50",
    "6109.10.00.12",
    "7326.90.86.88",
    "8414.51.30.00",
    "8517.13.00.00",
    "8414.59.65.90",
)
V = 10000


@pytest.fixture(scope="module")
def us() -> Schedule:
    return Schedule.combine("us-2025-test", us2025_data().to_schedule(), Schedule("hand-made mfn", BASES))


# (name, product, origin, day, facts, total amount, {measure id: line amount}) -- every line listed.
SCENARIOS: list[tuple[str, str, str, date, dict[str, Any], str, dict[str, str]]] = [
    # s.2.4/s.3: 2.5% MFN + 25% s232 (9903.94.01); no reciprocal on s232 autos (9903.01.33, s.5.1)
    (
        "jp-car-may",
        CAR,
        "JP",
        date(2025, 5, 5),
        {},
        "2750.00",
        {"test.mfn.8703.23.01": "250.00", "us.s232.autos": "2500.00"},
    ),
    # s.2.4: from 16 Sept 15% all-in: top-up 15% x 10000 - 250 = 1250 (9903.94.41)
    (
        "jp-car-sept",
        CAR,
        "JP",
        date(2025, 9, 20),
        {},
        "1500.00",
        {"test.mfn.8703.23.01": "250.00", "us.s232.autos.jp": "1250.00"},
    ),
    # s.2.4 / s.8: a light truck with 25% MFN pays nothing more under the deal (9903.94.40): 25%
    (
        "jp-light-truck-sept",
        TRUCK,
        "JP",
        date(2025, 9, 20),
        {},
        "2500.00",
        {"test.mfn.8704.21.01": "2500.00", "us.s232.autos.jp": "0.00"},
    ),
    # s.2.1: Japan 24% on 9 April only (9903.01.53), replacing the 10%
    (
        "jp-good-9-april",
        FURNITURE,
        "JP",
        date(2025, 4, 9),
        {},
        "2400.00",
        {"test.mfn.9403.60.80": "0.00", "us.ieepa.reciprocal.jp.annex-i": "2400.00"},
    ),
    # s.2.1: EO 14266 pause from 10 April: the 10% of 9903.01.25
    (
        "jp-good-15-april",
        FURNITURE,
        "JP",
        date(2025, 4, 15),
        {},
        "1000.00",
        {"test.mfn.9403.60.80": "0.00", "us.ieepa.reciprocal.baseline": "1000.00"},
    ),
    # s.1 in transit: loaded before 5 April, entered before 27 May: no reciprocal (9903.01.28, CSMS #64680374)
    (
        "jp-in-transit-may",
        FURNITURE,
        "JP",
        date(2025, 5, 20),
        {"loaded": date(2025, 4, 1)},
        "0.00",
        {"test.mfn.9403.60.80": "0.00"},
    ),
    # s.1: the 30 May extension (CSMS #65201773) covers entries before 16 June
    (
        "jp-in-transit-extended",
        FURNITURE,
        "JP",
        date(2025, 6, 15),
        {"loaded": date(2025, 4, 1)},
        "0.00",
        {"test.mfn.9403.60.80": "0.00"},
    ),
    # s.1: entered on 16 June or later, the same goods pay the 10%
    (
        "jp-in-transit-too-late",
        FURNITURE,
        "JP",
        date(2025, 7, 1),
        {"loaded": date(2025, 4, 1)},
        "1000.00",
        {"test.mfn.9403.60.80": "0.00", "us.ieepa.reciprocal.baseline": "1000.00"},
    ),
    # s.1: Annex I goods loaded 5-8 April pay 10% instead of the country rate (CSMS #64723363)
    (
        "jp-loaded-7-april",
        FURNITURE,
        "JP",
        date(2025, 4, 9),
        {"loaded": date(2025, 4, 7)},
        "1000.00",
        {"test.mfn.9403.60.80": "0.00", "us.ieepa.reciprocal.baseline": "1000.00"},
    ),
    # s.2.3: EO 14345 (retroactive to 7 Aug): 2% MFN = 200, top-up 1500 - 200 = 1300 (9903.02.73)
    (
        "jp-good-august",
        VALVE,
        "JP",
        date(2025, 8, 20),
        {},
        "1500.00",
        {"test.mfn.8481.80.90": "200.00", "us.ieepa.reciprocal.jp.deal": "1300.00"},
    ),
    # s.2.2: loaded before 7 Aug, entered before 5 Oct: the 10% of 9903.01.25
    (
        "jp-good-august-in-transit",
        VALVE,
        "JP",
        date(2025, 8, 20),
        {"loaded": date(2025, 8, 1)},
        "1200.00",
        {"test.mfn.8481.80.90": "200.00", "us.ieepa.reciprocal.baseline": "1000.00"},
    ),
    # 1-6 August [U]: the Annex I rate stays suspended until EO 14326's rates start: 10%
    (
        "jp-good-5-august",
        VALVE,
        "JP",
        date(2025, 8, 5),
        {},
        "1200.00",
        {"test.mfn.8481.80.90": "200.00", "us.ieepa.reciprocal.baseline": "1000.00"},
    ),
    # the news story, s.3: a Japanese car part on 20 May 2025: 2.5% + 25% (9903.94.05), no reciprocal
    (
        "jp-part-20-may",
        PART,
        "JP",
        date(2025, 5, 20),
        {},
        "2750.00",
        {"test.mfn.8708.30.50": "250.00", "us.s232.auto-parts": "2500.00"},
    ),
    # s.3: parts duty from 3 May only; on 2 May the part pays MFN + the 10% baseline
    (
        "jp-part-2-may",
        PART,
        "JP",
        date(2025, 5, 2),
        {},
        "1250.00",
        {"test.mfn.8708.30.50": "250.00", "us.ieepa.reciprocal.baseline": "1000.00"},
    ),
    # s.2.4: Japanese parts from 16 Sept: 15% all-in (9903.94.43)
    (
        "jp-part-sept",
        PART,
        "JP",
        date(2025, 9, 20),
        {},
        "1500.00",
        {"test.mfn.8708.30.50": "250.00", "us.s232.auto-parts.jp": "1250.00"},
    ),
    # s.6 China: 16.5% MFN + 20% fentanyl (9903.01.24) + 125% (9903.01.63) + 7.5% List 4A (9903.88.15) = 169%
    (
        "cn-11-april",
        TSHIRT,
        "CN",
        date(2025, 4, 11),
        {},
        "16900.00",
        {
            "test.mfn.6109.10.00": "1650.00",
            "us.ieepa.fentanyl.cn.20": "2000.00",
            "us.ieepa.reciprocal.cn.125": "12500.00",
            "us.s301.list-4a": "750.00",
        },
    ),
    # s.6: from 14 May China pays 10% under 9903.01.25 (24 points suspended, EO 14298): 54%
    (
        "cn-20-may",
        TSHIRT,
        "CN",
        date(2025, 5, 20),
        {},
        "5400.00",
        {
            "test.mfn.6109.10.00": "1650.00",
            "us.ieepa.fentanyl.cn.20": "2000.00",
            "us.ieepa.reciprocal.baseline": "1000.00",
            "us.s301.list-4a": "750.00",
        },
    ),
    # s.6: from 10 Nov the fentanyl duty is 10%: 16.5 + 10 + 10 + 7.5 = 44%
    (
        "cn-14-november",
        TSHIRT,
        "CN",
        date(2025, 11, 14),
        {},
        "4400.00",
        {
            "test.mfn.6109.10.00": "1650.00",
            "us.ieepa.fentanyl.cn.10-from-2025-11-10": "1000.00",
            "us.ieepa.reciprocal.baseline": "1000.00",
            "us.s301.list-4a": "750.00",
        },
    ),
    # s.6 Canada: the USMCA exemption starts 7 March, not retroactive: 25% on 5 March even when claimed
    (
        "ca-usmca-5-march",
        TSHIRT,
        "CA",
        date(2025, 3, 5),
        {"claims": ["usmca"]},
        "2500.00",
        {"test.mfn.6109.10.00": "0.00", "us.ieepa.ca.25": "2500.00"},
    ),
    # s.6: from 7 March a USMCA claim frees the good (9903.01.14); no reciprocal for Canada (9903.01.26)
    (
        "ca-usmca-10-march",
        TSHIRT,
        "CA",
        date(2025, 3, 10),
        {"claims": ["usmca"]},
        "0.00",
        {"test.mfn.6109.10.00": "0.00"},
    ),
    # s.5.2 EO 14289: an article subject to IEEPA Canada is not subject to s232 steel: 2.9% + 25% CA
    (
        "ca-steelware-may",
        STEELWARE,
        "CA",
        date(2025, 5, 5),
        {"contents": {"steel": 6000}},
        "2790.00",
        {"test.mfn.7326.90.86": "290.00", "us.ieepa.ca.25-usmca": "2500.00"},
    ),
    # s.5.3 Proc. 10947: steel first: 50% x 6000 = 3000; CA 25% on the rest 4000 = 1000 (slice [U])
    (
        "ca-steelware-june",
        STEELWARE,
        "CA",
        date(2025, 6, 5),
        {"contents": {"steel": 6000}},
        "4290.00",
        {
            "test.mfn.7326.90.86": "290.00",
            "us.s232.steel.derivatives-ch73.50": "3000.00",
            "us.ieepa.ca.25-usmca": "1000.00",
        },
    ),
    # s.4: until 3 June a ch. 73 derivative pays 25% on its whole value (9903.81.90), no reciprocal (9903.01.33)
    (
        "de-steelware-may",
        STEELWARE,
        "DE",
        date(2025, 5, 5),
        {"contents": {"steel": 6000}},
        "2790.00",
        {"test.mfn.7326.90.86": "290.00", "us.s232.steel.derivatives-ch73.25": "2500.00"},
    ),
    # s.4/s.5.1: from 4 June 50% on the steel content; the other 4000 pays the 10% reciprocal
    (
        "de-steelware-june",
        STEELWARE,
        "DE",
        date(2025, 6, 10),
        {"contents": {"steel": 6000}},
        "3690.00",
        {
            "test.mfn.7326.90.86": "290.00",
            "us.s232.steel.derivatives-ch73.50": "3000.00",
            "us.ieepa.reciprocal.baseline": "400.00",
        },
    ),
    # s.6 EU all-in on the non-steel 4000: 15% x 4000 - 290 x 4000/10000 = 600 - 116 = 484 (9903.02.20)
    (
        "de-steelware-august",
        STEELWARE,
        "DE",
        date(2025, 8, 20),
        {"contents": {"steel": 6000}},
        "3774.00",
        {
            "test.mfn.7326.90.86": "290.00",
            "us.s232.steel.derivatives-ch73.50": "3000.00",
            "us.ieepa.reciprocal.eu.eo14326": "484.00",
        },
    ),
    # s.4: the UK stays at 25% after 4 June: 25% x 6000 = 1500; 10% reciprocal on 4000
    (
        "gb-steelware-june",
        STEELWARE,
        "GB",
        date(2025, 6, 10),
        {"contents": {"steel": 6000}},
        "2190.00",
        {
            "test.mfn.7326.90.86": "290.00",
            "us.s232.steel.derivatives-ch73.uk-25": "1500.00",
            "us.ieepa.reciprocal.baseline": "400.00",
        },
    ),
    # s.3 UK deal: a UK car in quota pays 2.5% + 7.5% (9903.94.31) = 10%
    (
        "gb-car-in-quota",
        CAR,
        "GB",
        date(2025, 7, 1),
        {"claims": ["uk-auto-trq"]},
        "1000.00",
        {"test.mfn.8703.23.01": "250.00", "us.s232.autos.uk": "750.00"},
    ),
    # s.3: outside the quota the full 25%
    (
        "gb-car-over-quota",
        CAR,
        "GB",
        date(2025, 7, 1),
        {},
        "2750.00",
        {"test.mfn.8703.23.01": "250.00", "us.s232.autos": "2500.00"},
    ),
    # s.3: UK parts 10% including MFN (9903.94.32): 250 + 750
    (
        "gb-part",
        PART,
        "GB",
        date(2025, 7, 1),
        {},
        "1000.00",
        {"test.mfn.8708.30.50": "250.00", "us.s232.auto-parts.uk": "750.00"},
    ),
    # s.6 EU: column 1 >= 15% -> no reciprocal duty (9903.02.19)
    (
        "eu-tshirt-august",
        TSHIRT,
        "DE",
        date(2025, 8, 20),
        {},
        "1650.00",
        {"test.mfn.6109.10.00": "1650.00", "us.ieepa.reciprocal.eu.eo14326": "0.00"},
    ),
    # s.6 EU: column 1 < 15% -> 15% in total: 470 + 1030
    (
        "eu-fan-august",
        FAN,
        "DE",
        date(2025, 8, 20),
        {},
        "1500.00",
        {"test.mfn.8414.51.30": "470.00", "us.ieepa.reciprocal.eu.eo14326": "1030.00"},
    ),
    # s.1 9903.01.34: US content 30% of value: the reciprocal 10% on the non-US 7000 only
    (
        "us-content-30",
        FAN,
        "DE",
        date(2025, 4, 20),
        {"contents": {"us": 3000}},
        "1170.00",
        {"test.mfn.8414.51.30": "470.00", "us.ieepa.reciprocal.baseline": "700.00"},
    ),
    # s.1: US content below 20% counts for nothing
    (
        "us-content-10",
        FAN,
        "DE",
        date(2025, 4, 20),
        {"contents": {"us": 1000}},
        "1470.00",
        {"test.mfn.8414.51.30": "470.00", "us.ieepa.reciprocal.baseline": "1000.00"},
    ),
    # s.1: smartphones were excepted by the 11 April memorandum, retroactive to 5 April (9903.01.32)
    (
        "vn-phone-6-april",
        PHONE,
        "VN",
        date(2025, 4, 6),
        {},
        "0.00",
        {"test.mfn.8517.13.00": "0.00", "us.ieepa.reciprocal.exempt.annex-ii.electronics": "0.00"},
    ),
    # s.4: an aluminium derivative outside ch. 76 (9903.85.08): 50% on the aluminium content 2000 = 1000;
    # the other 8000 pays the Japan deal: 15% x 8000 - 230 x 8000/10000 = 1200 - 184 = 1016
    (
        "jp-blower",
        BLOWER,
        "JP",
        date(2025, 9, 20),
        {"contents": {"aluminum": 2000}},
        "2246.00",
        {
            "test.mfn.8414.59.65": "230.00",
            "us.s232.aluminum.derivatives-other.50": "1000.00",
            "us.ieepa.reciprocal.jp.deal": "1016.00",
        },
    ),
    # s.2.4: the same as a civil aircraft part under 9903.96.02 from 16 Sept: no s232 aluminium, no reciprocal
    (
        "jp-civil-aircraft",
        BLOWER,
        "JP",
        date(2025, 9, 20),
        {"contents": {"aluminum": 2000}, "claims": ["civil-aircraft"]},
        "230.00",
        {"test.mfn.8414.59.65": "230.00", "us.jp-deal.civil-aircraft": "0.00"},
    ),
    # later facts s.1.3: no IEEPA duty on entries from 24 Feb 2026; s.1.5: the Section 122 surcharge, 10%
    # (9903.03.01), replaces it that day: MFN 2% 200.00 + 10% 1000.00
    (
        "jp-after-ieepa",
        VALVE,
        "JP",
        date(2026, 2, 24),
        {},
        "1200.00",
        {"test.mfn.8481.80.90": "200.00", "us.s122.surcharge": "1000.00"},
    ),
]


@pytest.mark.parametrize(
    ("product", "origin", "day", "facts", "total", "lines"),
    [s[1:] for s in SCENARIOS],
    ids=[s[0] for s in SCENARIOS],
)
def test_scenario(
    us: Schedule, product: str, origin: str, day: date, facts: dict[str, Any], total: str, lines: dict[str, str]
) -> None:
    r = us.resolve(product, origin, day, value=V, **facts)
    assert (Decimal(total), lines, ()) == (r.amount, {line.measure.id: str(line.amount) for line in r.lines}, r.missing)
    assert r.rate == Decimal(total) * 100 / V


def test_there_are_enough_scenarios() -> None:
    assert len(SCENARIOS) >= 15


def test_suspended_country_rate_is_named(us: Schedule) -> None:
    """On 15 April the 24% is reported as suspended by EO 14266 until 9 July."""
    reason = us.resolve(FURNITURE, "JP", date(2025, 4, 15), value=V).reason("us.ieepa.reciprocal.jp.annex-i")
    assert isinstance(reason, Suspended)
    assert (reason.suspension.citation.instrument.id, reason.suspension.period.end) == ("EO 14266", date(2025, 7, 9))


def test_eo14326_rate_gives_way_to_eo14345(us: Schedule) -> None:
    """The explanation shows both: EO 14326's +15% displaced by the retroactive EO 14345 rule."""
    r = us.resolve(VALVE, "JP", date(2025, 8, 20), value=V)
    reason = r.reason("us.ieepa.reciprocal.jp.eo14326")
    assert isinstance(reason, Displaced)
    assert (reason.rule.id, reason.by) == ("eo14345.in-lieu", "us.ieepa.reciprocal.jp.deal")
    assert "EO 14345" in r.explain()
    assert "EO 14326" in r.explain()


def test_in_transit_reason_cites_the_cbp_message(us: Schedule) -> None:
    r = us.resolve(FURNITURE, "JP", date(2025, 5, 20), value=V, loaded=date(2025, 4, 1))
    reason = r.reason("us.ieepa.reciprocal.baseline")
    assert isinstance(reason, SwitchedOff)
    assert reason.citation is not None
    assert reason.citation.instrument.id == "CSMS 64680374"
    later = us.resolve(FURNITURE, "JP", date(2025, 6, 1), value=V, loaded=date(2025, 4, 1))
    reason = later.reason("us.ieepa.reciprocal.baseline")
    assert isinstance(reason, SwitchedOff)
    assert reason.citation is not None
    assert reason.citation.instrument.id == "CSMS 65201773"


def test_parts_offset_states_the_parts_duty_and_its_rule(us: Schedule) -> None:
    """Proc. 10925 (facts s.3): with the offset claimed, the parts duty is stated in full and the claim line says the rule.

    MFN 2.5% of 10,000 = 250; s232 parts 25% (9903.94.05) = 2,500; total 2,750. The offset is drawn by
    tariffcalc.us.offset against the manufacturer's allowance, never on the entry.
    """
    r = us.resolve(PART, "JP", date(2025, 5, 20), value=V, claims=["auto-offset"])
    assert (Decimal("2750.00"), Decimal("27.5")) == (r.amount, r.rate)
    parts = r.line("us.s232.auto-parts")
    assert parts is not None
    assert Decimal("2500.00") == parts.amount
    claim = r.line("us.s232.auto-parts.offset")
    assert claim is not None
    assert Decimal(0) == claim.amount
    assert "3.75% of the aggregate MSRP" in claim.measure.citation.note


def test_an_eo14326_partner_pays_its_own_rate(us: Schedule) -> None:
    """Vietnam's EO 14326 rate is +20% under 9903.02.69 (HTS 2025 Rev 32), in place of the 10% baseline.

    MFN 2% (200) + 20% (2000) = 2200; before 7 August 2025 MFN + 10% = 1200.
    """
    r = us.resolve(VALVE, "VN", date(2025, 8, 20), value=V)
    assert (Decimal("2200.00"), Decimal("22")) == (r.amount, r.rate)
    assert r.line("us.ieepa.reciprocal.vn.eo14326") is not None
    assert isinstance(r.reason("us.ieepa.reciprocal.baseline"), Displaced)
    before = us.resolve(VALVE, "VN", date(2025, 8, 6), value=V)
    assert before.amount == Decimal("1200.00")


def test_metal_content_is_a_needed_fact(us: Schedule) -> None:
    """From 4 June the steel duty needs the steel content; without it no total is given."""
    r = us.resolve(STEELWARE, "DE", date(2025, 6, 10), value=V)
    assert r.amount is None
    assert "value of the steel content" in r.missing


# --- the acceptance examples, on the packaged schedule ----------------------------


@pytest.fixture(scope="module")
def packaged() -> Schedule:
    return load_schedule("us-2025")


def test_acceptance_japanese_car_5_may(packaged: Schedule) -> None:
    """2.5% MFN + 25% Section 232; the reciprocal duty listed as not applied, and why."""
    r = packaged.resolve(CAR, "JP", date(2025, 5, 5), value=40000)
    assert [(line.heading, str(line.rate)) for line in r.lines] == [(CAR, "2.5%"), ("9903.94.01", "25%")]
    assert (Decimal("27.5"), Decimal("11000.00")) == (r.rate, r.amount)
    reason = r.reason("us.ieepa.reciprocal.baseline")
    assert isinstance(reason, Displaced)
    assert reason.rule.citation.heading == "9903.01.33"


def test_acceptance_japanese_car_20_september(packaged: Schedule) -> None:
    """15% all-in."""
    r = packaged.resolve(CAR, "JP", date(2025, 9, 20), value=40000)
    assert (Decimal("15"), Decimal("6000.00")) == (r.rate, r.amount)


def test_acceptance_ordinary_japanese_good_april(packaged: Schedule) -> None:
    """MFN + 24% on 9 April; MFN + 10% on 15 April with the suspension named as the reason."""
    on_9 = packaged.resolve(FURNITURE, "JP", date(2025, 4, 9), value=V)
    on_15 = packaged.resolve(FURNITURE, "JP", date(2025, 4, 15), value=V)
    assert [str(line.rate) for line in on_9.lines] == ["Free", "24%"]
    assert [str(line.rate) for line in on_15.lines] == ["Free", "10%"]
    assert (Decimal(24), Decimal(10)) == (on_9.rate, on_15.rate)
    assert "suspended by EO 14266" in str(on_15.reason("us.ieepa.reciprocal.jp.annex-i"))


def test_acceptance_in_transit(packaged: Schedule) -> None:
    """Loaded 1 April: no reciprocal duty if entered 20 May; the 10% if entered 1 July."""
    may = packaged.resolve(FURNITURE, "JP", date(2025, 5, 20), value=V, loaded=date(2025, 4, 1))
    july = packaged.resolve(FURNITURE, "JP", date(2025, 7, 1), value=V, loaded=date(2025, 4, 1))
    assert not any("reciprocal" in line.measure.id for line in may.lines)
    assert isinstance(may.reason("us.ieepa.reciprocal.baseline"), SwitchedOff)
    assert july.line("us.ieepa.reciprocal.baseline") is not None
    assert (Decimal(0), Decimal(10)) == (may.rate, july.rate)
