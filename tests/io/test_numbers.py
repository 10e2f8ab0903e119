"""
The one reader of outside numbers (tariffcalc.io.numbers) and every reader that uses it.

The rules are those of the readers' contract in the module's docstring: what only one
reading can give is accepted (``"1,000"``, ``1000.00``, ``$1,000.00``); what a
spreadsheet in another locale or its binary floats could have written for another
number is refused with its row and column; a duplicated header column is refused.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tariffcalc.entries import Entry, parse_amount, parse_quantities
from tariffcalc.errors import InvalidEntryError
from tariffcalc.io.numbers import check_header, extra_cells, read_amount, read_percent, read_quantity
from tariffcalc.us.refunds import cell_amount, refund_rows, rows_of_bytes

TOY = "9503.00.00.90"  # HTS 9503.00.00: toys, MFN free (tests/data/hts)


@pytest.fixture(scope="module")
def us():  # type: ignore[no-untyped-def]
    from tariffcalc import load_schedule

    return load_schedule("us-2025-26")


# --- accepted spellings ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1000", Decimal("1000")),
        ("1000.00", Decimal("1000")),  # a decimal point and cents
        ("1,000", Decimal("1000")),  # commas between groups of three: a thousands separator
        ("$1,000.00", Decimal("1000")),
        ("US$ 12,500.50", Decimal("12500.5")),
        ("1,234,567.5", Decimal("1234567.5")),
        ("1e3", Decimal("1000")),
        (".5", Decimal("0.5")),
        ("  40000  ", Decimal("40000")),
    ],
)
def test_unambiguous_amounts_are_read(text: str, number: Decimal) -> None:
    assert number == read_amount(text)


# --- refused spellings, each with where it stands ----------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1.000,00", "is ambiguous: a comma there could be a thousands or a decimal separator"),  # European 1000
        ("1.234,5", "is ambiguous: a comma there could be a thousands or a decimal separator"),
        ("1,5", "is ambiguous: a comma"),  # a decimal comma
        ("12,34,567", "is ambiguous: a comma"),  # not groups of three
        ("1.234", "is ambiguous: the dot could be a thousands separator"),  # 1234 in a German sheet
        ("1.234.567", "is ambiguous: the dot could be a thousands separator"),
        ("1 000", "has a space or an apostrophe inside"),
        ("1'000", "has a space or an apostrophe inside"),  # the Swiss thousands separator
        ("€1000", "is in another currency"),
        ("1000 EUR", "is in another currency"),
        ("12%", "is a percentage, not an amount"),
        ("1234.5000000000002", "binary-float artefact"),  # 1234.5 after a spreadsheet's arithmetic
        ("0.30000000000000004", "binary-float artefact"),  # 0.1 + 0.2 printed in full
        ("", "the cell is empty"),
        ("lots", "is not a number"),
    ],
)
def test_ambiguous_amounts_are_refused_with_their_cell(text: str, reason: str) -> None:
    with pytest.raises(InvalidEntryError, match=r"^row 7, column value \(F\): ") as e:
        read_amount(text, "row 7, column value (F)")
    assert reason in str(e.value)


def test_a_spreadsheet_float_is_read_by_its_digits_and_an_artefact_refused() -> None:
    assert Decimal("2500") == read_amount(2500.0)
    assert Decimal("0.1") == read_amount(0.1)
    with pytest.raises(InvalidEntryError, match=r"binary-float artefact .* e\.g\. to 0\.3$"):
        read_amount(0.1 + 0.2, "value")


def test_a_quantity_and_a_rate_may_have_three_decimals() -> None:
    assert (Decimal("1.234"), "kg") == read_quantity("1.234 kg")
    assert (Decimal("1000"), "kg") == read_quantity("1,000 kg")
    assert Decimal("0.3464") == read_percent("0.3464%")  # the MPF rate, 19 CFR 24.23(b)(1)(i)
    with pytest.raises(InvalidEntryError, match=r"^quantity kg: '1,5' is ambiguous"):
        read_quantity("1,5 kg")


def test_small_numbers_are_not_mistaken_for_artefacts() -> None:
    assert Decimal("0.0000001") == read_amount("0.0000001", money=False)
    assert Decimal("10000000.5") == read_amount("10000000.5")


# --- every reader, the same number ---------------------------------------------------------

SPELLINGS = ["1000", "1000.00", "1,000", '"1,000"', "$1,000.00", "1e3"]


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_every_reader_gives_the_same_entry_for_each_spelling(spelling: str) -> None:
    text = spelling.strip('"')
    expected = Entry.of(TOY, "JP", date(2025, 5, 1), value=Decimal(1000), quantities={"kg": Decimal(1000)})
    cli = Entry.of(
        TOY,
        "JP",
        "2025-05-01",
        value=parse_amount("--value", text),
        quantities=parse_quantities([f"{text.removeprefix('$')} kg"]),
    )
    cell = Entry.of(
        TOY,
        "JP",
        "2025-05-01",
        value=cell_amount("value", text),
        quantities={"kg": read_quantity(f"{text.removeprefix('$')}kg")[0]},
    )
    assert expected == cli == cell


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_a_grouped_and_a_plain_spelling_are_one_number(number: Decimal) -> None:
    grouped = f"{number:,.2f}"  # 1,234,567.89: groups of three, a decimal point
    assert read_amount(grouped) == read_amount(f"{number:.2f}") == read_amount(f"${grouped}")


# --- the refund reader: row and column, headers, split cells ---------------------------------


def _rows(text: str) -> list[dict[str, str]]:
    return list(rows_of_bytes(text.encode(), "entries.csv"))


HEADER = "entry,line,hts,origin,entry_date,value\n"


def test_an_unquoted_thousands_comma_in_the_last_column_is_refused_not_read_as_one(us) -> None:  # type: ignore[no-untyped-def]
    # Before, the row was read as a value of 1 (a refund of 0.10). Japan's toy of 1 May 2025:
    # 10% IEEPA baseline (EO 14257, heading 9903.01.25, paused rate of EO 14266) of 1000 = 100.00.
    rows = _rows(HEADER + f"E1,1,{TOY},JP,2025-05-01,1,000\nE1,2,{TOY},JP,2025-05-01," + '"1,000"\n')
    report = refund_rows(us, rows, as_of=date(2026, 3, 1))
    assert [(2, "7 cells under a header of 6")] == [(e.row, e.reason.partition(":")[0]) for e in report.errors]
    assert [Decimal("100.00")] == [line.refundable for line in report.lines]


def test_a_european_amount_is_refused_with_its_row_and_column(us) -> None:  # type: ignore[no-untyped-def]
    rows = _rows(HEADER + f'E1,1,{TOY},JP,2025-05-01,"1.000,00"\nE1,2,{TOY},JP,2025-05-01,1000.00\n')
    report = refund_rows(us, rows, as_of=date(2026, 3, 1))
    assert [(2, "value: '1.000,00' is ambiguous")] == [(e.row, e.reason[:30]) for e in report.errors]
    assert [Decimal("100.00")] == [line.refundable for line in report.lines]


def test_a_duplicated_header_column_is_refused() -> None:
    with pytest.raises(
        InvalidEntryError, match=r"^entries.csv: the header names column 'value' twice \(columns F and G\)"
    ):
        _rows("entry,line,hts,origin,entry_date,value,Value\nE1,1,x,JP,2025-05-01,1,2\n")
    with pytest.raises(InvalidEntryError, match="twice"):
        check_header(["a", "b", " A "], "x")


def test_empty_trailing_cells_are_no_split_number() -> None:
    assert extra_cells(["a", "b", "", " "], ["x", "y"]) is None
    assert extra_cells(["a", "1", "000"], ["x", "y"]) is not None
