"""
The 2018 Section 232 steel (25%) and aluminium (10%) duties as in force from
1 January to 11 March 2025 (src/tariffcalc/us/data/us2025/s232-metals-2018.toml),
on the packaged us-2025 schedule.

Sources: later facts s.10 no.9 (the country arrangements of HTS 2025 Basic),
facts s.4 (all exemptions and quotas end on 12 March 2025), facts s.6 (China
fentanyl 10% from 4 February 2025, Canada/Mexico 25% from 4 March) and s.5.2
(EO 14289, retroactive to 4 March: IEEPA Mexico over s232 steel). MFN rates
from HTS 2025 Basic: 7208.51.00 Free, 7601.10.60 Free (column 2: 11%),
7317.00.55 Free, 7614.10.50 4.9%, 8708.10.30 2.5%.

The hand-worked entries are rows of ``tests/data/worked/s232_2018.toml``, checked by
``test_worked_examples.py``.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tariffcalc import Measure
from tariffcalc.datasets import load_schedule, us2025_data
from tariffcalc.reasons import Expired
from tests.helpers.facts import facts_table

# The facts of this topic's measures and rules, each row citing its source: tests/data/facts/s232_2018.toml
MEASURES = facts_table("s232_2018").measures

# The countries each general line excepts (HTS 2025 Basic 9903.80.01/.03, 9903.85.01/.03).
STEEL_EXCEPTED = {"AR", "AU", "BR", "CA", "GB", "JP", "KR", "MX", "UA"}  # and the EU
ALUMINUM_EXCEPTED = {"AR", "AU", "CA", "GB", "MX"}  # and the EU; RU pays 200% instead

STEEL = "7208.51.00.30"  # plate in cut lengths, 9903.80.11 / .71 / 9903.81.31 in the quota lines; MFN Free
ALUMINUM = "7601.10.60"  # unwrought aluminium, not alloyed; MFN Free
NAILS = "7317.00.55.03"  # Proc. 9980 steel derivative; MFN Free


@pytest.fixture(scope="module")
def measures() -> dict[str, Measure]:
    return {m.id: m for m in us2025_data().measures}


def test_every_2018_measure_is_in_the_table(measures: dict[str, Measure]) -> None:
    assert {mid for mid in measures if mid.startswith("us.s232-2018.")} == {m[0] for m in MEASURES}


def test_the_tags_are_the_march_2025_ones(measures: dict[str, Measure]) -> None:
    """Same tags as s232-metals.toml, so the EO 14289 and autos rules of stacking.toml apply."""
    for mid, *_ in MEASURES:
        metal = "s232-steel" if ".steel." in mid else "s232-aluminum"
        assert metal in measures[mid].tags, mid


@pytest.mark.parametrize("origin", sorted(STEEL_EXCEPTED | {"FR", "CN", "TR", "VN"}))
def test_steel_exceptions_without_claims(origin: str) -> None:
    """With no claim, the non-excepted countries and the quota countries (EU, Japan, UK) pay 9903.80.01."""
    r = load_schedule("us-2025").resolve(STEEL, origin, date(2025, 2, 3), value=1000)
    pays = origin not in STEEL_EXCEPTED or origin in {"GB", "JP"}
    assert pays == ("9903.80.01" in [line.heading for line in r.lines]), origin


@pytest.mark.parametrize("origin", sorted(ALUMINUM_EXCEPTED | {"BR", "JP", "KR", "FR", "CN"}))
def test_aluminum_exceptions_without_claims(origin: str) -> None:
    """Brazil, Japan and Korea pay the 10%; the EU and the UK pay it over quota; the others are excepted."""
    r = load_schedule("us-2025").resolve(ALUMINUM, origin, date(2025, 2, 3), value=1000)
    pays = origin not in ALUMINUM_EXCEPTED or origin == "GB"
    assert pays == ("9903.85.01" in [line.heading for line in r.lines]), origin


@pytest.mark.parametrize(("product", "origin"), [(STEEL, "CN"), (ALUMINUM, "RU"), (NAILS, "VN"), (ALUMINUM, "FR")])
def test_the_2018_lines_end_on_11_march(product: str, origin: str) -> None:
    """Facts s.4: a 2018 line applies on 11 March 2025 and has expired on 12 March."""
    schedule = load_schedule("us-2025")
    end = date(2025, 3, 12)
    before = schedule.resolve(product, origin, end - timedelta(days=1), value=1000)
    applied = [line.measure.id for line in before.lines if line.measure.id.startswith("us.s232-2018.")]
    assert applied, before.explain()
    after = schedule.resolve(product, origin, end, value=1000)
    assert all(isinstance(after.reason(mid), Expired) for mid in applied), after.explain()
