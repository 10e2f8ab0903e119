"""
The Section 232 actions after July 2025 (later facts §2.1-2.4, §2.7, §4, §10.2,
§10.10): copper, wood, medium/heavy trucks and buses, semiconductors.

Tables of the measures and rules against the facts
(``tests/data/facts/s232_new.toml``, whose rows ``test_us2025_facts.py``
checks and counts), and hand-worked entries on the packaged schedule. MFN rates
are read from HTS 2025 Rev 32 (``tests/data/hts/hts_2025_rev_32.json.gz``),
which is the revision in force for every entry here.

The hand-worked entries are rows of ``tests/data/worked/s232_new.toml``, checked by
``test_worked_examples.py``.
"""

from __future__ import annotations

from datetime import date

import pytest

from tariffcalc import Measure, ProductCode
from tariffcalc.datasets import load_schedule, us2025_data
from tariffcalc.reasons import Expired, NotYetInForce
from tests.helpers.facts import facts_table

COPPER_WIRE = "7408.11.60.00"  # refined copper wire over 6 mm (U.S. note 36(b) list); MFN 3%
BUS = "8702.10.31.00"  # diesel bus for 16+ persons (U.S. note 38(c)); MFN 2%
BRAKES = "8708.30.50.90"  # brakes "for other vehicles": on the auto-parts and MHDV-parts lists; MFN 2.5%

# The facts of this topic's measures and rules, each row citing its source: tests/data/facts/s232_new.toml
FACTS = facts_table("s232_new")
MEASURES, UNRATED = FACTS.measures, FACTS.unrated


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


def test_the_mhdv_offset_states_the_parts_duty_and_its_rule() -> None:
    """Later facts §2.3: a claimed offset is a credit against the manufacturer's liability, drawn by tariffcalc.us.offset."""
    us = load_schedule("us-2025")
    plain = us.resolve(BRAKES, "DE", date(2025, 12, 1), value=10000, claims=("for-mhdv",))
    claimed = us.resolve(BRAKES, "DE", date(2025, 12, 1), value=10000, claims=("mhdv-offset", "for-mhdv"))
    assert plain.amount == 2750  # MFN 2.5% = 250 + 25% = 2,500
    assert claimed.amount == 2750  # the same duty stated: the offset is drawn from the allowance, not the entry
    line = claimed.line("us.s232.truck-parts.offset")
    assert line is not None
    assert line.amount == 0
    assert "3.75% of the value of the MHDVs" in line.measure.citation.note
