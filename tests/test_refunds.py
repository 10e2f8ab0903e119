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
