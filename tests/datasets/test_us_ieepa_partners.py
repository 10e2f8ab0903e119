"""
The IEEPA reciprocal tariff from 7 August 2025 to its end on 24 February 2026:
every EO 14326 partner rate, the Korea, Switzerland and Liechtenstein 15%
all-in arrangements, the PTAAP exemptions of the EU, Korea, Switzerland and
Liechtenstein, the 9903.02.78 particular articles and the 9903.02.01
transshipment rate.

Sources: docs/sources/us-2025-facts.md s.2.2 (EO 14326, 9903.02.01-.71, the
in-transit rule), docs/sources/us-2025-26-later-facts.md s.1.3 (end on
24 Feb 2026), s.2.7 (EU exemptions from 1 Sep 2025), s.3.2 (9903.02.78),
s.3.5 (Korea), s.3.6 (Switzerland, Liechtenstein), s.3.7 and s.10.7 (Taiwan's
cut never reached the HTS), s.10.3 (9903.02.88), s.10.12 (9903.02.56 ends);
the Chapter 99 headings of HTS 2025 Rev 32 and 2026 Rev 10 (tests/data/hts/).

MFN rates of the examples, HTS 2025 Rev 32 (unchanged in 2026 Rev 10):
3924.10.40 plastic tableware 3.4%; 6109.10.00 cotton T-shirts 16.5%;
2905.12.00 propan-1-ol / isopropyl alcohol 5.5%; 2008.99.21 acai 4.5%;
8807.30.00 aircraft parts Free; 8708.30.50 brakes 2.5%.

The facts of its measures and rules (one row a partner, written out from
PARTNERS) are rows of ``tests/data/facts/ieepa_partners.toml``, checked by
test_us2025_facts.py, which checks every measure and rule of the data.

The hand-worked entries are rows of ``tests/data/worked/ieepa_partners.toml``, checked by
``test_worked_examples.py``.
"""

from __future__ import annotations

import gzip
import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tariffcalc import Country, Measure
from tariffcalc.datasets import load_schedule, us2025_data
from tariffcalc.measures import OnlyIfClaimed

HTS = Path(__file__).resolve().parents[1] / "data" / "hts"

# EO 14326 Annex I, as printed in HTS 2025 Rev 32 headings 9903.02.02-.71 (facts s.2.2):
# (heading, ISO code, additional rate in percent). Japan (.30) and the EU (.19/.20) are in
# test_us2025_facts.py. C2 where a fact sheet (or a broker page quoted there) also names the rate.
PARTNERS = [
    ("9903.02.02", "AF", 15), ("9903.02.03", "DZ", 30), ("9903.02.04", "AO", 15), ("9903.02.05", "BD", 20),
    ("9903.02.06", "BO", 15), ("9903.02.07", "BA", 30), ("9903.02.08", "BW", 15), ("9903.02.09", "BR", 10),
    ("9903.02.10", "BN", 25), ("9903.02.11", "KH", 19), ("9903.02.12", "CM", 15), ("9903.02.13", "TD", 15),
    ("9903.02.14", "CR", 15), ("9903.02.15", "CI", 15), ("9903.02.16", "CD", 15), ("9903.02.17", "EC", 15),
    ("9903.02.18", "GQ", 15), ("9903.02.21", "FK", 10), ("9903.02.22", "FJ", 15), ("9903.02.23", "GH", 15),
    ("9903.02.24", "GY", 15), ("9903.02.25", "IS", 15), ("9903.02.26", "IN", 25), ("9903.02.27", "ID", 19),
    ("9903.02.28", "IQ", 35), ("9903.02.29", "IL", 15), ("9903.02.31", "JO", 15), ("9903.02.32", "KZ", 25),
    ("9903.02.33", "LA", 40), ("9903.02.34", "LS", 15), ("9903.02.35", "LY", 30), ("9903.02.36", "LI", 15),
    ("9903.02.37", "MG", 15), ("9903.02.38", "MW", 15), ("9903.02.39", "MY", 19), ("9903.02.40", "MU", 15),
    ("9903.02.41", "MD", 25), ("9903.02.42", "MZ", 15), ("9903.02.43", "MM", 40), ("9903.02.44", "NA", 15),
    ("9903.02.45", "NR", 15), ("9903.02.46", "NZ", 15), ("9903.02.47", "NI", 18), ("9903.02.48", "NG", 15),
    ("9903.02.49", "MK", 15), ("9903.02.50", "NO", 15), ("9903.02.51", "PK", 19), ("9903.02.52", "PG", 15),
    ("9903.02.53", "PH", 19), ("9903.02.54", "RS", 35), ("9903.02.55", "ZA", 30), ("9903.02.56", "KR", 15),
    ("9903.02.57", "LK", 20), ("9903.02.58", "CH", 39), ("9903.02.59", "SY", 41), ("9903.02.60", "TW", 20),
    ("9903.02.61", "TH", 19), ("9903.02.62", "TT", 15), ("9903.02.63", "TN", 25), ("9903.02.64", "TR", 15),
    ("9903.02.65", "UG", 15), ("9903.02.66", "GB", 10), ("9903.02.67", "VU", 15), ("9903.02.68", "VE", 15),
    ("9903.02.69", "VN", 20), ("9903.02.70", "ZM", 15), ("9903.02.71", "ZW", 15),
]  # fmt: skip

# The facts of this topic's measures and rules, each row citing its source, are rows of tests/data/facts/ieepa_partners.toml,
# checked by test_us2025_facts.py.


@pytest.fixture(scope="module")
def measures() -> dict[str, Measure]:
    return {m.id: m for m in us2025_data().measures}


@pytest.mark.parametrize("revision", ["hts_2025_rev_32", "hts_2026_rev_10"])
def test_every_eo14326_heading_of_the_hts_has_its_measure(measures: dict[str, Measure], revision: str) -> None:
    """Each country heading 9903.02.02-.71 of the HTS text: '+ N%' for one country, and a measure with that rate."""
    with gzip.open(HTS / f"{revision}.json.gz") as f:
        rows = json.load(f)
    by_heading = {m.citation.heading: m for m in measures.values() if m.id.endswith(".eo14326")}
    seen = 0
    for row in rows:
        number = re.fullmatch(r"9903\.02\.(\d\d)", row["htsno"])
        if not number or not 2 <= int(number[1]) <= 71 or row["htsno"] in ("9903.02.19", "9903.02.20"):
            continue
        rate = re.fullmatch(r"The duty provided in the applicable subheading \+ (\d+)%", row["general"])
        assert rate, row["htsno"]
        m = by_heading[row["htsno"]]
        assert f"{rate[1]}%" == str(m.rate), row["htsno"]
        assert len(m.origins.countries) == 1, m.id
        assert "in transit" in row["description"], row["htsno"]
        assert m.conditions, m.id
        seen += 1
    assert len(PARTNERS) + 1 == seen  # and Japan's 9903.02.30


def test_the_not_computable_placeholder_is_gone(measures: dict[str, Measure]) -> None:
    assert "us.ieepa.reciprocal.eo14326.other-partners" not in measures
    assert not any(str(m.rate).startswith("not computable") for m in measures.values() if "reciprocal" in m.tags)


def test_the_deals_file_their_zero_line_under_the_met_heading(measures: dict[str, Measure]) -> None:
    """Later facts s.3.5, s.3.6: MFN >= 15% files 9903.02.79 (KR), .82 (CH), .87 (LI)."""
    deals = [f"us.ieepa.reciprocal.{cc}.deal" for cc in ("kr", "ch", "li")]
    met = {mid: measures[mid].citation.heading_when_met for mid in deals}
    assert {
        "us.ieepa.reciprocal.kr.deal": "9903.02.79",
        "us.ieepa.reciprocal.ch.deal": "9903.02.82",
        "us.ieepa.reciprocal.li.deal": "9903.02.87",
    } == met


def test_claimed_exemptions_need_their_claim(measures: dict[str, Measure]) -> None:
    """Facts the code cannot show are claims: civil aircraft, non-patented pharma, religious use, transshipment."""
    claims = {
        "us.eu-deal.civil-aircraft": "civil-aircraft",
        "us.kr-deal.civil-aircraft": "civil-aircraft",
        "us.ieepa.reciprocal.ch.civil-aircraft": "civil-aircraft",
        "us.ieepa.reciprocal.li.civil-aircraft": "civil-aircraft",
        "us.ieepa.reciprocal.eu.ptaap.pharma": "non-patented-pharma",
        "us.ieepa.reciprocal.ch.pharma": "non-patented-pharma",
        "us.ieepa.reciprocal.li.pharma": "non-patented-pharma",
        "us.ieepa.reciprocal.eu.ptaap.particular": "religious-use",
        "us.ieepa.reciprocal.exempt.particular-articles": "annex-ii-particular",
        "us.ieepa.transshipment": "transshipment",
    }
    for mid, claim in claims.items():
        conditions = measures[mid].conditions
        assert [claim] == [c.claim for c in conditions if isinstance(c, OnlyIfClaimed)], mid
        assert 1 == len(conditions), mid


def test_the_deal_instruments_are_retroactive() -> None:
    """Korea: published 4 Dec 2025, from 1 Nov (autos) / 14 Nov; Switzerland: 17-18 Dec 2025, from 14 Nov."""
    instruments = {i.id: i for i in us2025_data().instruments}
    korea = instruments["Korea deal notice of 4 December 2025"]
    swiss = instruments["Switzerland-Liechtenstein framework notice of 18 December 2025"]
    assert (date(2025, 12, 4), date(2025, 11, 1), True) == (korea.known_on, korea.applies_from, korea.is_retroactive)
    assert (date(2025, 12, 17), date(2025, 11, 14), True) == (swiss.known_on, swiss.applies_from, swiss.is_retroactive)


def _filed(product: str, origin: str, on: date, claims: tuple[str, ...] = ()) -> dict[str | None, Decimal | None]:
    r = load_schedule("us-2025").resolve(product, origin, on, value=10000, claims=claims)
    return {line.heading: line.amount for line in r.lines}


def test_no_ieepa_duty_from_24_february_2026() -> None:
    """Later facts s.1.3: Vietnamese tableware on 24 Feb 2026 pays MFN 340 and no IEEPA line.

    Section 122 (9903.03.*, another topic) starts the same day; it is left out of the sum.
    """
    lines = _filed("3924.10.40", "VN", date(2026, 2, 24), claims=("transshipment",))
    assert not [h for h in lines if h and h.startswith(("9903.01.", "9903.02."))]
    assert Decimal("340.00") == sum(
        a for h, a in lines.items() if a is not None and not (h or "").startswith("9903.03.")
    )


def test_a_korean_car_part_after_14_november_pays_no_reciprocal_duty() -> None:
    """Later facts s.2.7, s.3.5: Korean auto parts stay outside the reciprocal tariff under the deal.

    Their s232 rate (15% all-in from 1 Nov 2025) is another topic's, so only the headings are checked.
    Brakes of 8708.30.50 are on the MHDV parts list too (U.S. note 38(i)): a car part claims
    not-mhdv-part (9903.74.11).
    """
    lines = _filed("8708.30.50", "KR", date(2025, 11, 14), claims=("not-mhdv-part",))
    assert {"9903.02.56", "9903.02.79", "9903.02.80", "9903.01.25"}.isdisjoint(lines)
    assert any(h and h.startswith("9903.94.") for h in lines)


def test_japan_and_the_eu_keep_their_arrangements() -> None:
    """Facts s.2.3 and s.6: Japan and the EU still file 9903.02.73 / .20 after the later deals."""
    assert "9903.02.73" in _filed("3924.10.40", "JP", date(2025, 12, 1))
    assert "9903.02.20" in _filed("3924.10.40", "IT", date(2025, 12, 1))
    assert "9903.02.30" not in _filed("3924.10.40", "JP", date(2025, 12, 1))


def test_every_partner_pays_its_rate_on_a_sample_day() -> None:
    """Each EO 14326 partner on 1 Oct 2025: MFN 3.4% + its rate, under its own heading (Brazil and India
    are checked before their extra duties exist in this data: the extra 40%/25% are another topic's)."""
    schedule = load_schedule("us-2025")
    for heading, cc, rate in PARTNERS:
        on = date(2025, 8, 20) if cc in {"BR", "IN"} else date(2025, 10, 1)
        r = schedule.resolve("3924.10.40", Country(cc), on, value=10000)
        filed = {line.heading: line.amount for line in r.lines}
        if cc in {"BR", "IN"}:
            assert Decimal(100 * rate).quantize(Decimal("0.01")) == filed[heading], cc
            continue
        assert Decimal(340 + 100 * rate).quantize(Decimal("0.01")) == r.amount, cc
        assert heading in filed, cc
        assert "9903.01.25" not in filed, cc
