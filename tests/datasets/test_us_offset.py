"""
The import adjustment offset (facts s.3: Proc. 10925; later facts s.2.3:
Proc. 10984) as a number: the allowance from the aggregate MSRP and the
rate in force, drawn against a book's Section 232 parts duty in date order,
never against the vehicle duty or another authority's duty.

Customs value 10,000 per entry. MFN (HTS 2025 Basic, ``tests/data/hts/``):
8708.30.50 2.5%, 8703.23.01 2.5%.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from tariffcalc import Resolution, Schedule
from tariffcalc.datasets import load_schedule
from tariffcalc.errors import InvalidEntryError
from tariffcalc.us.offset import Allowance, apply_offset, offset_frame, offset_rate

PART, CAR, BRAKES = "8708.30.50.30", "8703.23.01.90", "8708.30.50.90"
V = 10000


@pytest.fixture(scope="module")
def us() -> Schedule:
    return load_schedule("us-2025-26")


def part(us: Schedule, on: date, origin: str = "JP", claims: tuple[str, ...] = ("auto-offset",)) -> Resolution:
    return us.resolve(PART, origin, on, value=V, claims=claims)


class TestTheAllowance:
    def test_cars_assembled_in_the_first_year(self) -> None:
        # Facts s.3: 3.75% of the aggregate MSRP of cars assembled 3 Apr 2025 - 30 Apr 2026:
        # 3.75% x 2,000,000 = 75,000.00
        a = Allowance.from_msrp(2_000_000, date(2025, 6, 1))
        assert Decimal("75000.00") == a.amount
        assert "3.75% of 2000000 MSRP" in a.basis

    def test_the_second_year_as_known_in_may_2025_and_finally(self) -> None:
        # Facts s.3: Proc. 10925 set 2.5% for cars assembled 1 May 2026 - 30 Apr 2027: 2.5% x 2,000,000 =
        # 50,000.00 as known in May 2025; Proc. 10984 (17 Oct 2025) kept 3.75%: 75,000.00 on the final law.
        assert Decimal("50000.00") == Allowance.from_msrp(2_000_000, date(2026, 6, 1), known=date(2025, 5, 20)).amount
        assert Decimal("75000.00") == Allowance.from_msrp(2_000_000, date(2026, 6, 1)).amount
        assert "Proc. 10984" == offset_rate("cars", date(2030, 12, 31)).citation.instrument.id

    def test_trucks_from_1_november_2025(self) -> None:
        # Later facts s.2.3: 3.75% of the value of MHDVs assembled 1 Nov 2025 - 31 Oct 2030:
        # 3.75% x 4,000,000 = 150,000.00; none before 1 November 2025 nor as known before 17 October 2025
        assert Decimal("150000.00") == Allowance.from_msrp(4_000_000, date(2025, 11, 1), vehicles="mhdv").amount
        with pytest.raises(InvalidEntryError, match="no import adjustment offset for 'mhdv' assembled on 2025-10-31"):
            offset_rate("mhdv", date(2025, 10, 31))
        with pytest.raises(InvalidEntryError, match="as known on 2025-10-16"):
            offset_rate("mhdv", date(2025, 12, 1), known=date(2025, 10, 16))

    def test_allowances_add_up(self) -> None:
        # 3.75% x 1,000,000 = 37,500.00 plus an amount of 2,500.00 = 40,000.00
        total = Allowance.from_msrp(1_000_000, date(2025, 6, 1)) + Allowance.of_amount(2500)
        assert Decimal("40000.00") == total.amount


class TestABook:
    def test_the_allowance_runs_out_part_way(self, us: Schedule) -> None:
        # Facts s.3: each Japanese part pays 2.5% (250) + s232 parts 25% (2,500) = 2,750.00. An allowance of
        # 6,000.00, drawn in date order (the book is given out of order): 20 May 2,500 (left 3,500),
        # 1 June 2,500 (left 1,000), 2 July 1,000 of 2,500 (left 0): parts duty after 0, 0, 1,500.
        book = [part(us, date(2025, 7, 2)), part(us, date(2025, 5, 20)), part(us, date(2025, 6, 1))]
        report = apply_offset(book, Allowance.of_amount(6000))
        rows = [(r.index, r.on, r.parts_duty, r.drawn, r.parts_duty_after, r.left) for r in report.rows]
        assert [
            (1, date(2025, 5, 20), Decimal("2500.00"), Decimal("2500.00"), Decimal("0.00"), Decimal("3500.00")),
            (2, date(2025, 6, 1), Decimal("2500.00"), Decimal("2500.00"), Decimal("0.00"), Decimal("1000.00")),
            (0, date(2025, 7, 2), Decimal("2500.00"), Decimal("1000.00"), Decimal("1500.00"), Decimal("0.00")),
        ] == rows
        assert (Decimal("7500.00"), Decimal("6000.00"), Decimal("1500.00"), Decimal("0.00")) == (
            report.parts_duty,
            report.drawn,
            report.parts_duty_after,
            report.left,
        )
        # the MFN 250 of each entry stays: 2 July owes 250 + 1,500 = 1,750.00
        assert Decimal("1750.00") == report.rows[2].duty_after

    def test_only_the_parts_duty_of_an_entry_is_offset(self, us: Schedule) -> None:
        # Facts s.3: the offset is not against other tariffs such as the China 20%. A Chinese part on 20 May:
        # MFN 2.5% (250) + fentanyl 20% (9903.01.24, 2,000) + s232 parts 25% (9903.94.05, 2,500) + s301
        # List 3 25% (9903.88.03, 2,500) = 7,250.00; an allowance of 10,000 draws the 2,500 only, leaving
        # 7,500.00; the entry then owes 7,250 - 2,500 = 4,750.00.
        r = part(us, date(2025, 5, 20), origin="CN")
        assert Decimal("7250.00") == r.amount
        (row,) = apply_offset([r], Allowance.of_amount(10000)).rows
        assert (Decimal("2500.00"), Decimal("2500.00"), Decimal("4750.00"), Decimal("7500.00")) == (
            row.parts_duty,
            row.drawn,
            row.other_duty,
            row.left,
        )
        assert Decimal("4750.00") == row.duty_after

    def test_the_vehicle_duty_and_unclaimed_entries_are_not_offset(self, us: Schedule) -> None:
        # Facts s.3: not against the vehicle duty: a car (2.5% + 25% = 2,750.00, 9903.94.01) draws nothing;
        # nor a part whose entry does not claim the offset (2,750.00 stays).
        car = us.resolve(CAR, "JP", date(2025, 5, 20), value=V, claims=["auto-offset"])
        unclaimed = part(us, date(2025, 5, 20), claims=())
        report = apply_offset([car, unclaimed], Allowance.of_amount(1000))
        assert [Decimal(0), Decimal(0)] == [r.drawn for r in report.rows]
        assert [Decimal("2750.00"), Decimal("2750.00")] == [r.duty_after for r in report.rows]
        assert Decimal("1000.00") == report.left

    def test_a_frame_book(self, us: Schedule) -> None:
        # Facts s.3: two Japanese parts of 10,000 (parts duty 2,500.00 each) against 3.75% x 100,000 MSRP =
        # 3,750.00: 2,500 then 1,250 drawn, 1,250 parts duty left, nothing left of the allowance.
        book = pd.DataFrame({"product": [PART, PART], "origin": ["JP", "JP"], "date": ["2025-06-01", "2025-06-02"]})
        book["value"] = [V, V]
        report = offset_frame(us, book, Allowance.from_msrp(100_000, date(2025, 6, 1)), value="value")
        frame = report.to_frame(exact=True)
        assert [Decimal("2500.00"), Decimal("1250.00")] == list(frame["drawn"])
        floats = report.to_frame()  # the convention of every frame: Float64 amounts, string text, datetime64 days
        assert [2500.0, 1250.0] == floats["drawn"].tolist()
        assert ("Float64", "string") == (str(floats["drawn"].dtype), str(floats["product"].dtype))
        assert str(floats["on"].dtype).startswith("datetime64")
        assert (Decimal("1250.00"), Decimal("0.00")) == (report.parts_duty_after, report.left)

    def test_the_truck_offset(self, us: Schedule) -> None:
        # Later facts s.2.3: German brakes for MHDVs on 1 Dec 2025 pay MFN 2.5% (250) + MHDV parts 25%
        # (2,500) = 2,750.00 with mhdv-offset claimed; an allowance of 2,000 leaves 500.00 of parts duty.
        r = us.resolve(BRAKES, "DE", date(2025, 12, 1), value=V, claims=["mhdv-offset", "for-mhdv"])
        (row,) = apply_offset([r], Allowance.of_amount(2000), vehicles="mhdv").rows
        assert (Decimal("2500.00"), Decimal("2000.00"), Decimal("500.00")) == (
            row.parts_duty,
            row.drawn,
            row.parts_duty_after,
        )

    def test_an_entry_without_an_amount_says_what_it_needs(self, us: Schedule) -> None:
        r = us.resolve(PART, "JP", date(2025, 5, 20), claims=["auto-offset"])
        with pytest.raises(InvalidEntryError, match="has no amount"):
            apply_offset([r], Allowance.of_amount(1))


def test_the_offset_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Facts s.3: two Japanese parts (parts duty 2,500.00 each) and a car (no parts duty; 2.5% + 25% = 2,750.00)
    # against 3.75% x 80,000 MSRP = 3,000.00: 20 May draws 2,500, the car nothing, 2 July the last 500.
    from tariffcalc.cli import main

    book = tmp_path / "book.csv"
    book.write_text(
        "product,origin,date,value\n"
        f"{PART},JP,2025-07-02,10000\n{PART},JP,2025-05-20,10000\n{CAR},JP,2025-06-01,10000\n",
        encoding="utf-8",
    )
    assert 0 == main(["offset", str(book), "--msrp", "80000", "--assembled", "2025-06-01"])
    out = capsys.readouterr().out
    assert "Allowance: 3000.00 (3.75% of 80000 MSRP" in out
    assert "   2  2025-05-20  8708.30.50.30      2500.00     2500.00        0.00      250.00      500.00" in out
    assert "   3  2025-06-01  8703.23.01.90         0.00        0.00        0.00     2750.00      500.00" in out
    assert "   1  2025-07-02  8708.30.50.30      2500.00      500.00     2000.00      250.00        0.00" in out
    assert "Parts duty 5000.00, offset drawn 3000.00, left 0.00" in out
