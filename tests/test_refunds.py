"""refund_rows and read_rows on small inputs: bad amounts and quantities, schedules without legal status, retroactive suspensions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tariffcalc.errors import InvalidEntryError
from tariffcalc.io.datafiles import parse_dataset
from tariffcalc.schedule import Schedule
from tariffcalc.us.refunds import read_rows, refund_rows

# A schedule without [[authorities]] or [[status]]: nothing in it is refundable.
# The pause of the extra duty is published on 2025-05-01, after it starts to govern on 2025-04-10.
TINY = """
[schedule]
name = "tiny"

[instruments."EO 1"]
title = "An order"
known_on = 2025-01-01

[instruments."EO 2"]
title = "A later pause"
known_on = 2025-05-01

[[measures]]
id = "tiny.base"
title = "Steel bars"
kind = "base"
rate = "$0.50/kg"
products = "7214"
origins = "all"
validity = "2025-01-01/"
[measures.citation]
instrument = "EO 1"
heading = "7214"

[[measures]]
id = "tiny.extra"
title = "Extra"
kind = "additional"
rate = "10%"
products = "7214"
origins = "all"
validity = "2025-01-01/"
[measures.citation]
instrument = "EO 1"
heading = "9903.99.01"

[[suspensions]]
id = "pause"
measures = ["tiny.extra"]
period = "2025-04-10/2025-07-09"
replacement = "5%"
[suspensions.citation]
instrument = "EO 2"
"""


@pytest.fixture(scope="module")
def tiny() -> Schedule:
    return parse_dataset(TINY, file="tiny.toml").to_schedule()


def row(**kw: str) -> dict[str, str]:
    base = {"entry": "E1", "line": "1", "hts": "7214.10.00.00", "origin": "JP", "entry_date": "2025-03-01"}
    base.update({"value": "1000", "quantity": "10 kg"})
    base.update(kw)
    return base


def test_a_specific_rate_uses_the_quantity_and_nothing_is_refundable_without_legal_status(tiny: Schedule) -> None:
    # $0.50/kg * 10 kg = 5.00, plus 10% of 1000 = 100.00.
    report = refund_rows(tiny, [row(value="$1,000")], as_of=date(2026, 1, 1))
    (line,) = report.lines
    assert (line.as_filed, line.final, line.refundable, line.by_instrument) == (
        Decimal("105.00"),
        Decimal("105.00"),
        Decimal("0"),
        (),
    )
    assert report.errors == ()


def test_a_pause_known_later_lowers_the_final_duty_only(tiny: Schedule) -> None:
    # Entered 2025-04-20: as filed the pause was not yet known (10% = 100.00); finally it is (5% = 50.00).
    (line,) = refund_rows(tiny, [row(entry_date="2025-04-20")], as_of=date(2026, 1, 1)).lines
    assert (line.as_filed, line.final, line.refundable) == (Decimal("105.00"), Decimal("55.00"), Decimal("0"))
    # Known on 2025-06-01, the deposit already has the pause.
    (known,) = refund_rows(tiny, [row(entry_date="2025-04-20")], known=date(2025, 6, 1)).lines
    assert known.as_filed == Decimal("55.00")


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"value": "ten"}, "value: 'ten' is not a number"),
        ({"value": "-5"}, "value must not be negative, got -5"),
        ({"quantity": "kg"}, "quantity 'kg': write an amount and a unit, e.g. 10kg"),
        ({"quantity": ""}, "duty not computable: needs "),
        ({"duty_paid": "abc"}, "duty_paid: 'abc' is not a number"),
    ],
)
def test_bad_rows_give_their_number_and_reason(tiny: Schedule, changes: dict[str, str], reason: str) -> None:
    seen: list[int] = []
    report = refund_rows(tiny, [row(), row(**changes)], progress=seen.append)
    assert seen == [2, 3]
    assert len(report.lines) == 1
    (error,) = report.errors
    assert error.row == 3
    assert error.reason.startswith(reason)


def test_not_computable_names_the_missing_quantity(tiny: Schedule) -> None:
    (error,) = refund_rows(tiny, [row(quantity="")]).errors
    assert "kg" in error.reason


def test_read_rows_skips_blank_rows_and_normalises_the_header(tmp_path: Path) -> None:
    f = tmp_path / "e.csv"
    f.write_text("\ufeff Entry ,LINE\n A , 1 \n,\n\nB,2\n", encoding="utf-8")
    assert list(read_rows(f)) == [{"entry": "A", "line": "1"}, {"entry": "B", "line": "2"}]


def test_read_rows_of_an_empty_file_is_empty(tmp_path: Path) -> None:
    f = tmp_path / "empty.csv"
    f.write_text("", encoding="utf-8")
    assert list(read_rows(f)) == []


def test_there_is_no_implicit_today(tiny: Schedule) -> None:
    # A route depends on the day it is worked out on: rows with a liquidation date need as_of.
    with pytest.raises(InvalidEntryError, match="pass as_of=date"):
        refund_rows(tiny, [row(liquidation_date="2026-01-02")])
    (line,) = refund_rows(tiny, [row(liquidation_date="")], as_of=date(2026, 1, 1)).lines
    assert line.route is not None
    assert refund_rows(tiny, [row()]).lines[0].route is None  # no liquidation date column: no route, no day needed


@pytest.mark.parametrize(
    ("name", "first", "other"),
    [
        ("entry_date", "2025-03-01", "2025-03-02"),
        ("liquidation_date", "2026-01-01", "2026-02-01"),
        ("deposit_date", "2025-03-11", ""),
    ],
)
def test_the_lines_of_one_entry_share_its_entry_date_liquidation_and_deposit(
    tiny: Schedule, name: str, first: str, other: str
) -> None:
    # An entry summary has one time of entry (19 CFR 141.68) and is liquidated as a whole (19 CFR 159.1):
    # line 2 of E1 stating another day than line 1 is a bad row; line 1 ($0.50/kg x 10 kg + 10% of 1000
    # = 105.00) and E2 (the same line on its own day) are computed.
    base = {"liquidation_date": "2026-01-01", "deposit_date": "2025-03-11"}
    rows = [row(**{**base, name: first}), row(line="2", **{**base, name: other}), row(entry="E2", **base)]
    report = refund_rows(tiny, rows, as_of=date(2026, 4, 20))
    assert [(ln.entry, ln.line, ln.as_filed) for ln in report.lines] == [
        ("E1", "1", Decimal("105.00")),
        ("E2", "1", Decimal("105.00")),
    ]
    (error,) = report.errors
    assert error.row == 3
    assert error.reason.startswith(f"entry E1 has {name} {first} (row 2), this line {other or 'none'}: ")
    assert error.reason.endswith(f"the lines of one entry share its {name}")


def test_the_lines_of_one_entry_may_share_a_day_written_two_ways(tiny: Schedule) -> None:
    # The same day is the same fact however it is written: both lines are computed, 105.00 each.
    rows = [row(entry_date="2025-03-01"), row(line="2", entry_date=" 2025-03-01 ")]
    report = refund_rows(tiny, rows)
    assert report.errors == ()
    assert [(ln.entry, ln.as_filed) for ln in report.lines] == [("E1", Decimal("105.00"))] * 2


def test_an_es003_line_of_another_entry_date_is_a_bad_row() -> None:
    # ES-003 rows of line 2 of entry X1 give 05/02/2025, line 1 05/01/2025: the entry has one entry date
    # (19 CFR 141.68); line 1 is accounted (baseline 10% of 1000 = 100.00 deposited on 9903.01.25).
    from tariffcalc.datasets import load_schedule
    from tariffcalc.us.es003 import es003_report

    def es(line: str, on: str, hts: str, value: str, duty: str) -> dict[str, str]:
        return {
            "entry number": "X1",
            "line number": line,
            "entry date": on,
            "hts code": hts,
            "country of origin": "JP",
            "entered value": value,
            "duty amount": duty,
        }

    rows = [
        es("1", "05/01/2025", "9503.00.00.90", "1000", "0.00"),
        es("1", "05/01/2025", "9903.01.25", "0", "100.00"),
        es("2", "05/02/2025", "9503.00.00.90", "1000", "0.00"),
        es("2", "05/02/2025", "9903.01.25", "0", "100.00"),
    ]
    report = es003_report(load_schedule("us-2025-26"), rows, as_of=date(2026, 4, 20))
    assert [(ln.entry, ln.line, ln.refundable) for ln in report.lines] == [("X1", "1", Decimal("100.00"))]
    (error,) = report.errors
    assert error.row == 4
    assert error.reason.startswith("entry X1 has Entry Date 2025-05-01 (row 2), this line 2025-05-02")
