"""
The Section 232 actions after July 2025 (later facts §2.1-2.4, §2.7, §4, §10.2,
§10.10): copper, wood, medium/heavy trucks and buses, semiconductors.

Tables of the measures and rules against the facts (``test_us2025_facts.py``
counts their rows), and hand-worked entries on the packaged schedule. MFN rates
are read from HTS 2025 Rev 32 (``tests/data/hts/hts_2025_rev_32.json.gz``),
which is the revision in force for every entry here.
"""

from __future__ import annotations

from datetime import date

import pytest

from tariffcalc import Measure, ProductCode
from tariffcalc.datasets import load_schedule, us2025_data
from tariffcalc.reasons import Expired, NotYetInForce
from tests.helpers.worked import Worked, check

IEEPA_END = "2026-02-24"  # later facts §1.3
FURNITURE = "9401.61.40.11"  # upholstered wooden seats, household (U.S. note 37(d)); MFN Free
SOFTWOOD = "4407.11.00.01"  # pine lumber (U.S. note 37(b)); MFN Free
COPPER_WIRE = "7408.11.60.00"  # refined copper wire over 6 mm (U.S. note 36(b) list); MFN 3%
HEAVY_TRUCK = "8704.43.00.00"  # diesel goods vehicle over 20 t (U.S. note 38(b)); MFN 25%
BUS = "8702.10.31.00"  # diesel bus for 16+ persons (U.S. note 38(c)); MFN 2%
BRAKES = "8708.30.50.90"  # brakes "for other vehicles": on the auto-parts and MHDV-parts lists; MFN 2.5%
HARNESS = "8544.30.00.00"  # ignition wiring sets for vehicles: on both parts lists; MFN 5%
CYLINDER = "8412.21.00.75"  # hydraulic cylinders: on no parts list; a steel derivative from 18 Aug 2025; MFN Free
SERVER = "8471.50.01.50"  # processing units (U.S. note 39(b) provision 8471.50); MFN Free

# (measure id, rate, validity, Chapter 99 heading, confidence) as the facts and the HTS text give them.
MEASURES = [
    # later facts §2.1: 50% on the copper content from 1 Aug 2025; copper moves to the metals regime on 6 Apr 2026
    ("us.s232.copper", "50%", "2025-08-01/2026-04-06", "9903.78.01", "C2"),
    # later facts §2.2, §10.2, §10.8: softwood 10% for all; furniture and cabinets 25% but UK/EU/JP (KR, TW later)
    ("us.s232.wood.softwood", "10%", "2025-10-14/", "9903.76.01", "C2"),
    ("us.s232.wood.upholstered", "25%", "2025-10-14/2027-01-01", "9903.76.02", "C2"),
    ("us.s232.wood.cabinets", "25%", "2025-10-14/2027-01-01", "9903.76.03", "C2"),
    # U.S. note 37(g): goods of the cabinet lines that are not cabinets; the default on the broad 'other' lines
    ("us.s232.wood.not-cabinet", "Free", "2025-10-14/", "9903.76.04", "C2"),
    # later facts §2.2 and §7 no.6: the 1 Jan 2026 increases postponed to 1 Jan 2027, beyond the horizon
    ("us.s232.wood.upholstered.30", "30%", "2027-01-01/", "9903.76.02", "U"),
    ("us.s232.wood.cabinets.50", "50%", "2027-01-01/", "9903.76.03", "U"),
    ("us.s232.wood.uk", "10%", "2025-10-14/", "9903.76.20", "C2"),
    ("us.s232.wood.jp", "all-in 15%", "2025-10-14/", "9903.76.21", "C2"),
    ("us.s232.wood.eu", "all-in 15%", "2025-10-14/", "9903.76.22", "C2"),
    # later facts §2.7: Korea retroactive to 14 Nov 2025; Taiwan's first day only in the Budget Lab's notes
    ("us.s232.wood.kr", "all-in 15%", "2025-11-14/", "9903.76.23", "C2"),
    ("us.s232.wood.tw", "all-in 15%", "2026-05-01/", "9903.76.24", "U"),
    # later facts §2.3: MHDVs 25%, buses 10%, USMCA MHDVs on non-U.S. content, 25+ years free, parts 25%
    ("us.s232.trucks", "25%", "2025-11-01/", "9903.74.01", "C2"),
    ("us.s232.trucks.usmca", "25%", "2025-11-01/", "9903.74.03", "C2"),
    ("us.s232.buses", "10%", "2025-11-01/", "9903.74.02", "C2"),
    ("us.s232.trucks.vintage", "Free", "2025-11-01/", "9903.74.07", "C2"),
    ("us.s232.truck-parts", "25%", "2025-11-01/", "9903.74.08", "C2"),
    # the lines on both parts lists whose HTS text names no vehicle: 25% when used for an MHDV (claim for-mhdv)
    ("us.s232.truck-parts.by-use", "25%", "2025-11-01/", "9903.74.08", "C2"),
    # §2.3: the offset is a claim line; tariffcalc.offset draws the parts duty against the allowance
    ("us.s232.truck-parts.offset", "Free", "2025-11-01/2030-11-01", None, "C2"),
    ("us.s232.truck-parts.certified", "25%", "2025-11-01/", "9903.74.09", "C2"),
    # later facts §2.4: 25% on advanced-chip articles from 15 Jan 2026 (12:01 a.m. EST), 0% otherwise and for end uses
    ("us.s232.semi", "25%", "2026-01-15/", "9903.79.01", "C2"),
    ("us.s232.semi.other", "Free", "2026-01-15/", "9903.79.02", "C2"),
    ("us.s232.semi.data-center", "Free", "2026-01-15/", "9903.79.03", "C2"),
    ("us.s232.semi.repair", "Free", "2026-01-15/", "9903.79.04", "C2"),
    ("us.s232.semi.research", "Free", "2026-01-15/", "9903.79.05", "C2"),
    ("us.s232.semi.startup", "Free", "2026-01-15/", "9903.79.06", "C2"),
    ("us.s232.semi.consumer", "Free", "2026-01-15/", "9903.79.07", "C2"),
    ("us.s232.semi.industrial", "Free", "2026-01-15/", "9903.79.08", "C2"),
    ("us.s232.semi.public-sector", "Free", "2026-01-15/", "9903.79.09", "C2"),
]

#: Measures of these topics without a rate to check (none: the MHDV parts offset is a claim line, later facts §2.3).
UNRATED: tuple[str, ...] = ()

# (rule id, when, drops, displaces, validity): later facts §2.1-§2.4 and §4, U.S. notes 37-39
RULES = [
    ("proc-copper.s232-copper-content", "s232-copper", "reciprocal", "slice", f"2025-08-01/{IEEPA_END}"),
    ("proc-copper.autos-over-copper", "s232-auto", "s232-copper", "entry", "2025-08-01/"),
    ("proc10976.deal-caps-replace-general", "s232-wood-deal", "s232-wood-general", "entry", "2025-11-14/"),
    ("proc10976.autos-over-wood", "s232-auto", "s232-wood", "entry", "2025-10-14/"),
    ("proc10976.not-a-cabinet", "s232-wood-exempt", "s232-wood", "entry", "2025-10-14/"),
    ("proc10976.wood-over-reciprocal", "s232-wood", "reciprocal", "entry", f"2025-10-14/{IEEPA_END}"),
    ("proc10976.wood-over-ieepa-ca", "s232-wood", "ieepa-ca", "entry", "2025-10-14/"),
    ("proc10976.wood-over-ieepa-mx", "s232-wood", "ieepa-mx", "entry", "2025-10-14/"),
    ("proc10984.trucks-over-reciprocal", "s232-truck", "reciprocal", "entry", f"2025-11-01/{IEEPA_END}"),
    ("proc10984.trucks-over-ieepa-ca", "s232-truck", "ieepa-ca", "entry", "2025-11-01/"),
    ("proc10984.trucks-over-ieepa-mx", "s232-truck", "ieepa-mx", "entry", "2025-11-01/"),
    ("proc10984.trucks-over-ieepa-br", "s232-truck", "ieepa-br", "entry", "2025-11-01/"),
    ("proc10984.trucks-over-ieepa-in", "s232-truck", "ieepa-in", "entry", "2025-11-01/"),
    ("proc10984.trucks-over-s232-steel", "s232-truck", "s232-steel", "entry", "2025-11-01/"),
    ("proc10984.trucks-over-s232-aluminum", "s232-truck", "s232-aluminum", "entry", "2025-11-01/"),
    ("proc10984.trucks-over-s232-copper", "s232-truck", "s232-copper", "entry", "2025-11-01/"),
    ("proc10984.trucks-over-s232-metals", "s232-truck", "s232-metals", "entry", "2025-11-01/"),
    ("proc10984.trucks-over-s232-autos", "s232-truck", "s232-auto", "entry", "2025-11-01/"),
    ("proc10984.trucks-over-s232-wood", "s232-truck", "s232-wood", "entry", "2025-11-01/"),
    ("proc-semi.semi-over-s232-autos", "s232-semi", "s232-auto", "entry", "2026-01-15/"),
    ("proc-semi.semi-over-s232-trucks", "s232-semi", "s232-truck", "entry", "2026-01-15/"),
    ("proc-semi.semi-over-s232-steel", "s232-semi", "s232-steel", "entry", "2026-01-15/"),
    ("proc-semi.semi-over-s232-aluminum", "s232-semi", "s232-aluminum", "entry", "2026-01-15/"),
    ("proc-semi.semi-over-s232-copper", "s232-semi", "s232-copper", "entry", "2026-01-15/"),
    ("proc-semi.semi-over-s232-metals", "s232-semi", "s232-metals", "entry", "2026-01-15/"),
    ("proc-semi.semi-over-ieepa-ca", "s232-semi", "ieepa-ca", "entry", "2026-01-15/"),
    ("proc-semi.semi-over-ieepa-mx", "s232-semi", "ieepa-mx", "entry", "2026-01-15/"),
    ("proc-semi.semi-over-reciprocal", "s232-semi", "reciprocal", "entry", f"2026-01-15/{IEEPA_END}"),
    ("proc-semi.semi-over-ieepa-cn", "s232-semi", "ieepa-cn", "entry", f"2026-01-15/{IEEPA_END}"),
]

# The claims the four topics introduce (the brief's list for the report) and the measures they switch.
CLAIMS = {
    "not-wood-cabinet": {"us.s232.wood.cabinets", "us.s232.wood.uk", "us.s232.wood.jp", "us.s232.wood.eu"},
    "not-mhdv": {"us.s232.trucks", "us.s232.trucks.usmca"},
    "not-mhdv-part": {"us.s232.truck-parts", "us.s232.truck-parts.by-use"},
    "for-mhdv": {"us.s232.truck-parts.by-use"},
    "mhdv-part-certified": {"us.s232.truck-parts.certified"},
    "mhdv-offset": {"us.s232.truck-parts.offset"},
    "vehicle-25-years": {"us.s232.trucks", "us.s232.buses", "us.s232.trucks.vintage"},
    "advanced-chip": {"us.s232.semi", "us.s232.semi.other", "us.s232.semi.data-center"},
    "chip-data-center": {"us.s232.semi", "us.s232.semi.data-center"},
    "chip-public-sector": {"us.s232.semi", "us.s232.semi.public-sector"},
}


@pytest.fixture(scope="module")
def measures() -> dict[str, Measure]:
    return {m.id: m for m in us2025_data().measures}


def test_the_topic_tables_cover_their_files(measures: dict[str, Measure]) -> None:
    """Every measure with a copper, wood, truck or semiconductor tag is in the table."""
    topical = {
        mid
        for mid, m in measures.items()
        if any(t.startswith(("s232-copper", "s232-wood", "s232-truck", "s232-semi")) for t in m.tags)
    }
    assert topical == {row[0] for row in MEASURES} | set(UNRATED)
    assert all(str(measures[mid].rate).startswith("not computable: ") for mid in UNRATED)


@pytest.mark.parametrize("claim", sorted(CLAIMS))
def test_claims_switch_their_measures(measures: dict[str, Measure], claim: str) -> None:
    for mid in CLAIMS[claim]:
        assert claim in {c.claim for c in measures[mid].conditions if hasattr(c, "claim")}, (claim, mid)


def test_instruments_record_publication_and_first_day() -> None:
    """Proc. 10984 signed 17 Oct, in force 1 Nov 2025; the Korea notice of 4 Dec 2025 reaches back to 1 Nov
    (Korean autos and parts, later facts s.3.5), the earliest of its days (wood and the reciprocal deal: 14 Nov)."""
    instruments = {i.id: i for i in us2025_data().instruments}
    trucks = instruments["Proc. 10984"]
    assert (date(2025, 10, 17), date(2025, 11, 1), False) == (
        trucks.known_on,
        trucks.applies_from,
        trucks.is_retroactive,
    )
    korea = instruments["Korea deal notice of 4 December 2025"]
    assert (date(2025, 12, 4), date(2025, 11, 1), True) == (korea.known_on, korea.applies_from, korea.is_retroactive)
    semis = instruments["Proclamation of 14 January 2026 (semiconductors)"]
    assert (date(2026, 1, 14), date(2026, 1, 15)) == (semis.known_on, semis.applies_from)


def test_copper_ends_when_the_metals_regime_takes_it_over() -> None:
    """Later facts §2.1, §2.6: the copper-content line stops on 6 April 2026 (2026 Rev 10 has no 9903.78)."""
    us = load_schedule("us-2025")

    def copper(on: date) -> object:
        r = us.resolve(COPPER_WIRE, "CL", on, value=10000, contents={"copper": 9000})
        line = r.line("us.s232.copper")
        return line.amount if line is not None else r.reason("us.s232.copper")

    assert copper(date(2026, 4, 5)) == 4500  # 50% x 9,000
    assert isinstance(copper(date(2026, 4, 6)), Expired)
    assert isinstance(copper(date(2025, 7, 31)), NotYetInForce)


def test_buses_were_steel_derivatives_before_the_bus_duty() -> None:
    """Later facts §10.10: 8702.10.31 is on the 18 Aug 2025 steel inclusions list (9903.81.91)."""
    scope = {m.id: m for m in us2025_data().measures}["us.s232.steel.derivatives-other-inclusions.50"]
    assert scope.products.covers(ProductCode.parse(BUS))


# Hand-worked entries. Each comment gives the arithmetic; values are customs values in USD.
OTHER_WOOD_FURNITURE = "9403.60.80.93"  # 'other' wooden furniture (desks, bookcases, cabinets, ...); MFN Free

EXAMPLES = [
    Worked(
        facts="later facts §2.2, §10.2; U.S. note 37(f)-(g) (a bookcase, no cabinet: 9903.76.04 by default)",
        product=OTHER_WOOD_FURNITURE,
        origin="VN",
        on=date(2025, 12, 1),
        value="10000",
        # MFN Free; no wood duty (9903.76.04, Free); Vietnam's reciprocal +20% (9903.02.69) -> 2,000
        total="2000.00",
        applies=("9903.76.04", "9903.02.69"),
        absent=("9903.76.03",),
    ),
    Worked(
        facts="later facts §2.2, §10.2; U.S. note 37(f) (a kitchen cabinet of the same line, claimed)",
        product=OTHER_WOOD_FURNITURE,
        origin="VN",
        on=date(2025, 12, 1),
        value="10000",
        claims=("wood-cabinet",),
        # MFN Free; cabinets 25% (9903.76.03) -> 2,500; no reciprocal duty on wood goods
        total="2500.00",
        applies=("9903.76.03",),
        absent=("9903.76.04", "9903.02.69"),
    ),
    Worked(
        facts="later facts §2.2, §10.2 (a Japanese kitchen cabinet, claimed: the 15% cap)",
        product=OTHER_WOOD_FURNITURE,
        origin="JP",
        on=date(2025, 12, 1),
        value="10000",
        claims=("wood-cabinet",),
        # MFN Free; Japan's cap: 15% including MFN (9903.76.21) -> 1,500; no reciprocal duty on wood goods
        total="1500.00",
        applies=("9903.76.21",),
        absent=("9903.76.04", "9903.02.73"),
    ),
    # --- copper (later facts §2.1) ---
    Worked(
        facts="later facts §2.1",
        product=COPPER_WIRE,
        origin="CL",
        on=date(2025, 9, 1),
        value="10000",
        contents={"copper": "9000"},
        # MFN 3% x 10,000 = 300 (no FTA claimed); copper 50% x 9,000 = 4,500 (9903.78.01);
        # reciprocal 10% baseline (Chile) on the non-copper 1,000 = 100 -> 4,900
        total="4900.00",
        applies=("9903.78.01", "9903.01.25"),
        absent=("9903.01.32",),
    ),
    Worked(
        facts="later facts §2.1 (day before)",
        product=COPPER_WIRE,
        origin="CL",
        on=date(2025, 7, 31),
        value="10000",
        contents={"copper": "9000"},
        # MFN 300; copper wire still on IEEPA Annex II (9903.01.32, to 31 July 2025): no reciprocal -> 300
        total="300.00",
        applies=("9903.01.32",),
        absent=("9903.78.01", "9903.01.25"),
    ),
    Worked(
        facts="later facts §2.1 (first day)",
        product=COPPER_WIRE,
        origin="CL",
        on=date(2025, 8, 1),
        value="10000",
        contents={"copper": "9000"},
        # MFN 300 + copper 4,500 + reciprocal 10% x 1,000 = 100 -> 4,900; no in-transit exception
        total="4900.00",
        applies=("9903.78.01", "9903.01.25"),
        absent=("9903.01.32",),
    ),
    Worked(
        facts="later facts §2.1, §2.3 (copper-bearing car part)",
        product=HARNESS,
        origin="JP",
        on=date(2025, 12, 1),
        value="10000",
        contents={"copper": "4000"},
        claims=("not-mhdv-part",),
        # a car wiring set with copper in it: not on the copper list, so only the auto-parts duty:
        # Japan 15% all-in: 15% x 10,000 = 1,500 including MFN 5% (500) -> 1,000 more; total 1,500
        total="1500.00",
        applies=("9903.94.43",),
        absent=("9903.78.01", "9903.74.08", "9903.02.73"),
    ),
    # --- wood (later facts §2.2, §2.7, §10.2) ---
    Worked(
        facts="later facts §2.2, §10.2 (Japan)",
        product=FURNITURE,
        origin="JP",
        on=date(2025, 12, 1),
        value="10000",
        # MFN Free; Japan cap 15% including MFN (9903.76.21) -> 1,500; no reciprocal on wood goods
        total="1500.00",
        applies=("9903.76.21",),
        absent=("9903.76.02", "9903.02.73"),
    ),
    Worked(
        facts="later facts §2.2 (Vietnam)",
        product=FURNITURE,
        origin="VN",
        on=date(2025, 12, 1),
        value="10000",
        # MFN Free; 25% (9903.76.02) -> 2,500; Vietnam's reciprocal rate does not apply to wood goods
        total="2500.00",
        applies=("9903.76.02",),
        absent=("9903.76.21", "9903.02.69"),
    ),
    Worked(
        facts="later facts §2.2 (day before, UK)",
        product=FURNITURE,
        origin="GB",
        on=date(2025, 10, 13),
        value="10000",
        # MFN Free; no wood duty yet; reciprocal: the UK's +10% of EO 14326 (9903.02.66, HTS 2025 Rev 32) -> 1,000
        total="1000.00",
        applies=("9903.02.66",),
        absent=("9903.76.20",),
    ),
    Worked(
        facts="later facts §2.2, §10.2 (first day, UK)",
        product=FURNITURE,
        origin="GB",
        on=date(2025, 10, 14),
        value="10000",
        # MFN Free; UK +10% (9903.76.20) -> 1,000; reciprocal no longer on wood goods
        total="1000.00",
        applies=("9903.76.20",),
        absent=("9903.01.25", "9903.76.02"),
    ),
    Worked(
        facts="later facts §2.7 (Korea, day before the cap)",
        product=FURNITURE,
        origin="KR",
        on=date(2025, 11, 13),
        value="10000",
        # the Korean cap reaches back to 14 Nov only: 25% (9903.76.02) -> 2,500
        total="2500.00",
        applies=("9903.76.02",),
        absent=("9903.76.23",),
    ),
    Worked(
        facts="later facts §2.7, §10.2 (Korea cap)",
        product=FURNITURE,
        origin="KR",
        on=date(2025, 11, 14),
        value="10000",
        # 15% including MFN Free (9903.76.23) -> 1,500
        total="1500.00",
        applies=("9903.76.23",),
        absent=("9903.76.02",),
    ),
    Worked(
        facts="later facts §2.7 (Taiwan, before its cap)",
        product=FURNITURE,
        origin="TW",
        on=date(2026, 4, 30),
        value="10000",
        # 25% (9903.76.02) -> 2,500
        total="2500.00",
        applies=("9903.76.02",),
        absent=("9903.76.24",),
    ),
    Worked(
        facts="later facts §2.7, §10.2 (Taiwan cap)",
        product=FURNITURE,
        origin="TW",
        on=date(2026, 5, 1),
        value="10000",
        # 15% including MFN Free (9903.76.24) -> 1,500
        total="1500.00",
        applies=("9903.76.24",),
        absent=("9903.76.02",),
    ),
    Worked(
        facts="later facts §2.2 (Canadian softwood, day before)",
        product=SOFTWOOD,
        origin="CA",
        on=date(2025, 10, 13),
        value="10000",
        # MFN Free; not USMCA-claimed: IEEPA Canada 35% -> 3,500
        total="3500.00",
        applies=("9903.01.10",),
        absent=("9903.76.01",),
    ),
    Worked(
        facts="later facts §2.2, §4 (Canadian softwood)",
        product=SOFTWOOD,
        origin="CA",
        on=date(2025, 10, 14),
        value="10000",
        # MFN Free; softwood 10% (9903.76.01) -> 1,000; only the wood duty where it and the Canada duty meet
        total="1000.00",
        applies=("9903.76.01",),
        absent=("9903.01.10",),
    ),
    Worked(
        facts="later facts §10.2 (EU softwood: no cap)",
        product=SOFTWOOD,
        origin="DE",
        on=date(2025, 12, 1),
        value="10000",
        # MFN Free; softwood 10% for every country, the EU cap covers furniture and cabinets only -> 1,000
        total="1000.00",
        applies=("9903.76.01",),
        absent=("9903.76.22", "9903.02.20"),
    ),
    # --- trucks and buses (later facts §2.3, §10.10) ---
    Worked(
        facts="later facts §2.3 (Mexican truck, day before)",
        product=HEAVY_TRUCK,
        origin="MX",
        on=date(2025, 10, 31),
        value="100000",
        # MFN 25% = 25,000; not USMCA-claimed: IEEPA Mexico 25% = 25,000 -> 50,000
        total="50000.00",
        applies=("9903.01.01",),
        absent=("9903.74.01",),
    ),
    Worked(
        facts="later facts §2.3 (Mexican truck)",
        product=HEAVY_TRUCK,
        origin="MX",
        on=date(2025, 12, 1),
        value="100000",
        # MFN 25% = 25,000; MHDV 25% (9903.74.01) = 25,000; no IEEPA Mexico duty on s232 trucks -> 50,000
        total="50000.00",
        applies=("9903.74.01",),
        absent=("9903.01.01", "9903.74.03"),
    ),
    Worked(
        facts="later facts §2.3 (USMCA truck)",
        product=HEAVY_TRUCK,
        origin="MX",
        on=date(2025, 12, 1),
        value="100000",
        contents={"us": "40000"},
        claims=("usmca",),
        # MFN Free under USMCA (S); 25% on the non-U.S. content 100,000 - 40,000 = 60,000 -> 15,000 (9903.74.03)
        total="15000.00",
        applies=("9903.74.03",),
        absent=("9903.74.01", "9903.01.01"),
    ),
    Worked(
        facts="later facts §10.10 (bus, last day as a steel derivative)",
        product=BUS,
        origin="DE",
        on=date(2025, 10, 31),
        value="100000",
        contents={"steel": "30000"},
        # MFN 2% = 2,000; steel 50% on the steel content 30,000 = 15,000 (9903.81.91);
        # EU 15% all-in on the non-steel 70,000: 10,500 less its MFN share 2,000 x 70% = 1,400 -> 9,100; total 26,100
        total="26100.00",
        applies=("9903.81.91", "9903.02.20"),
        absent=("9903.74.02",),
    ),
    Worked(
        facts="later facts §2.3, §10.10 (bus)",
        product=BUS,
        origin="DE",
        on=date(2025, 11, 1),
        value="100000",
        contents={"steel": "30000"},
        # MFN 2% = 2,000; bus 10% (9903.74.02) = 10,000; no steel or reciprocal duty -> 12,000
        total="12000.00",
        applies=("9903.74.02",),
        absent=("9903.81.91", "9903.02.20"),
    ),
    Worked(
        facts="later facts §2.3 (EU truck part; HTS text over the facts' 15% [C1])",
        product=BRAKES,
        origin="DE",
        on=date(2025, 12, 1),
        value="10000",
        claims=("for-mhdv",),
        # brakes "for other vehicles" name no vehicle: the use is stated (for an MHDV).
        # MFN 2.5% = 250; MHDV part 25% (9903.74.08) = 2,500 -> 2,750. Note 38 has no EU heading: the
        # EU 15% headings of that date (9903.94.44/.45/.52/.53) are for automobile parts only
        total="2750.00",
        applies=("9903.74.08",),
        absent=("9903.94.53", "9903.02.20"),
    ),
    Worked(
        facts="later facts §2.3, U.S. note 38(l) (EU car brakes)",
        product=BRAKES,
        origin="DE",
        on=date(2025, 12, 1),
        value="10000",
        claims=("not-mhdv-part",),
        # not an MHDV part (9903.74.11): EU auto parts 15% all-in: 1,500 including MFN 250 -> 1,250 more; total 1,500
        total="1500.00",
        applies=("9903.94.53",),
        absent=("9903.74.08",),
    ),
    Worked(
        facts="later facts §2.3 (EU brakes, day before)",
        product=BRAKES,
        origin="DE",
        on=date(2025, 10, 31),
        value="10000",
        # before the truck duty: EU auto parts 15% all-in -> 1,500
        total="1500.00",
        applies=("9903.94.53",),
        absent=("9903.74.08",),
    ),
    Worked(
        facts="U.S. note 38(j) (certified MHDV part)",
        product=CYLINDER,
        origin="DE",
        on=date(2025, 12, 1),
        value="10000",
        contents={"steel": "6000"},
        claims=("mhdv-part-certified",),
        # certified for U.S. truck production: 25% (9903.74.09) on the whole value = 2,500; MFN Free;
        # no steel duty and no reciprocal duty on s232 truck parts -> 2,500
        total="2500.00",
        applies=("9903.74.09",),
        absent=("9903.81.91", "9903.02.20"),
    ),
    Worked(
        facts="facts §4 and later facts §2.3 (the same cylinder, not certified)",
        product=CYLINDER,
        origin="DE",
        on=date(2025, 12, 1),
        value="10000",
        contents={"steel": "6000"},
        # steel derivative: 50% x 6,000 = 3,000 (9903.81.91); EU 15% all-in on the other 4,000, MFN Free -> 600;
        # total 3,600
        total="3600.00",
        applies=("9903.81.91", "9903.02.20"),
        absent=("9903.74.09",),
    ),
    # --- semiconductors (later facts §2.4) ---
    Worked(
        facts="later facts §2.4 (advanced chip server)",
        product=SERVER,
        origin="TW",
        on=date(2026, 2, 1),
        value="100000",
        claims=("advanced-chip",),
        # MFN Free; 25% (9903.79.01) = 25,000; not also the auto-parts 25% that the list's 8471 would give
        total="25000.00",
        applies=("9903.79.01",),
        absent=("9903.79.02", "9903.94.05"),
    ),
    Worked(
        facts="later facts §2.4 (ordinary server)",
        product=SERVER,
        origin="TW",
        on=date(2026, 2, 1),
        value="100000",
        claims=("not-auto-part",),
        # MFN Free; outside the note 39(b) parameters: 9903.79.02 at 0%; not a car part; reciprocal: Annex II -> 0
        total="0.00",
        applies=("9903.79.02", "9903.01.32"),
        absent=("9903.79.01",),
    ),
    Worked(
        facts="later facts §2.4 (day before)",
        product=SERVER,
        origin="TW",
        on=date(2026, 1, 14),
        value="100000",
        claims=("advanced-chip", "not-auto-part"),
        # no semiconductor duty yet -> 0
        total="0.00",
        applies=("9903.01.32",),
        absent=("9903.79.01", "9903.79.02"),
    ),
    Worked(
        facts="later facts §2.4 (first day)",
        product=SERVER,
        origin="TW",
        on=date(2026, 1, 15),
        value="100000",
        claims=("advanced-chip", "not-auto-part"),
        # 25% from 12:01 a.m. EST 15 January 2026 -> 25,000
        total="25000.00",
        applies=("9903.79.01",),
        absent=("9903.79.02",),
    ),
    Worked(
        facts="later facts §2.4, U.S. note 39(a)(7) (Mexican advanced-chip server)",
        product=SERVER,
        origin="MX",
        on=date(2026, 2, 1),
        value="100000",
        claims=("advanced-chip",),
        # not USMCA-claimed: 25% (9903.79.01) = 25,000; no IEEPA Mexico duty and no auto-parts duty on it -> 25,000
        total="25000.00",
        applies=("9903.79.01",),
        absent=("9903.01.01", "9903.94.05"),
    ),
    Worked(
        facts="later facts §2.4 (Mexican ordinary server)",
        product=SERVER,
        origin="MX",
        on=date(2026, 2, 1),
        value="100000",
        claims=("not-auto-part",),
        # 9903.79.02 at 0% leaves the other duties: IEEPA Mexico 25% = 25,000 (not USMCA-claimed)
        total="25000.00",
        applies=("9903.79.02", "9903.01.01"),
        absent=("9903.79.01",),
    ),
    Worked(
        facts="later facts §2.4 (U.S. data centre)",
        product=SERVER,
        origin="TW",
        on=date(2026, 2, 1),
        value="100000",
        claims=("advanced-chip", "chip-data-center"),
        # end-use exemption (9903.79.03) at 0%; as a semiconductor article, no auto-parts duty either -> 0
        total="0.00",
        applies=("9903.79.03",),
        absent=("9903.79.01", "9903.94.05"),
    ),
]


@pytest.mark.parametrize("example", EXAMPLES, ids=str)
def test_worked_example(example: Worked) -> None:
    check(example)


def test_the_mhdv_offset_states_the_parts_duty_and_its_rule() -> None:
    """Later facts §2.3: a claimed offset is a credit against the manufacturer's liability, drawn by tariffcalc.offset."""
    us = load_schedule("us-2025")
    plain = us.resolve(BRAKES, "DE", date(2025, 12, 1), value=10000, claims=("for-mhdv",))
    claimed = us.resolve(BRAKES, "DE", date(2025, 12, 1), value=10000, claims=("mhdv-offset", "for-mhdv"))
    assert plain.amount == 2750  # MFN 2.5% = 250 + 25% = 2,500
    assert claimed.amount == 2750  # the same duty stated: the offset is drawn from the allowance, not the entry
    line = claimed.line("us.s232.truck-parts.offset")
    assert line is not None
    assert line.amount == 0
    assert "3.75% of the value of the MHDVs" in line.measure.citation.note
