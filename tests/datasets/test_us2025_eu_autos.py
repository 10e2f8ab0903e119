"""
EU cars and parts under the US-EU framework agreement, end to end on the
packaged us-2025 schedule.

Source: docs/sources/us-2025-26-later-facts.md s.2.7 (EU: 15% all-in,
retroactive to 1 Aug 2025; 9903.94.50 cars MFN >= 15%, .51 cars MFN < 15%,
.52/.53 parts), confirmed by CBP CSMS #66336270 as quoted by C.H. Robinson
(26 Sep 2025). MFN rates from HTS 2025: 8703.23.01 2.5%, 8708.30.50 2.5%,
8704.21.01 25%.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tariffcalc import Resolution, Schedule
from tariffcalc.datasets import load_schedule


@pytest.fixture(scope="module")
def us() -> Schedule:
    return load_schedule("us-2025")


def _lines(r: Resolution) -> list[tuple[str | None, Decimal | None]]:
    return [(line.heading, line.amount) for line in r.lines]


def test_a_german_car_before_the_deal_pays_25_percent(us: Schedule) -> None:
    """31 July 2025: 2.5% MFN ($1,000 of $40,000) + 25% s232 ($10,000) = 27.5%."""
    r = us.resolve("8703.23.01.90", "DE", date(2025, 7, 31), value=40000)
    assert [("8703.23.01.90", Decimal("1000.00")), ("9903.94.01", Decimal("10000.00"))] == _lines(r)


def test_a_german_car_from_1_august_pays_15_percent_all_in(us: Schedule) -> None:
    """1 August 2025: MFN $1,000 + 9903.94.51 top-up to 15% of $40,000 ($6,000) = $5,000; the 25% is displaced."""
    r = us.resolve("8703.23.01.90", "DE", date(2025, 8, 1), value=40000)
    assert [("8703.23.01.90", Decimal("1000.00")), ("9903.94.51", Decimal("5000.00"))] == _lines(r)
    assert (Decimal("15"), Decimal("6000.00")) == (r.rate, r.amount)
    assert "eu-framework.eu-autos" in str(r.reason("us.s232.autos"))


def test_a_french_part_pays_15_percent_all_in(us: Schedule) -> None:
    """Brake rotors (8708.30.50.90, 2.5% MFN) from France on 20 Sept 2025: $25 + $125 on $1,000 = 15%."""
    r = us.resolve("8708.30.50.90", "FR", date(2025, 9, 20), value=1000)
    assert [("8708.30.50.90", Decimal("25.00")), ("9903.94.53", Decimal("125.00"))] == _lines(r)


def test_a_truck_whose_mfn_meets_15_percent_owes_nothing_more(us: Schedule) -> None:
    """A light truck at 25% MFN from Germany: the target is met, 9903.94.50 with $0; total 25%."""
    r = us.resolve("8704.21.01.00", "DE", date(2025, 9, 20), value=40000)
    assert [("8704.21.01.00", Decimal("10000.00")), ("9903.94.50", Decimal("0.00"))] == _lines(r)
    assert Decimal("25") == r.rate


def test_an_all_in_15_percent_reads_15_percent_when_the_base_rounds_up(us: Schedule) -> None:
    """
    3 May 2026, value $4,291: MFN 2.5% = $107.275, rounded $107.28; the 9903.94.51 top-up to 15%
    ($643.65) is $536.37; the total $643.65 is 15% of $4,291 exactly, and the rate says 15, not 14.9999
    (the rate sums the top-up over the unrounded base).
    """
    for _ in range(3):  # the first answer runs the steps; later ones the compiled price path
        r = us.resolve("8703.23.01.90", "DE", date(2026, 5, 3), value=4291)
        assert [("8703.23.01.90", Decimal("107.28")), ("9903.94.51", Decimal("536.37"))] == _lines(r)
        assert (Decimal(15), Decimal("643.65")) == (r.rate, r.amount)
