"""
Every CSV the library writes is safe to open in a spreadsheet, and the
refund command reads every row it can: no formula cell, no stale CAPE file,
no traceback, bad rows reported on their own line of the file
(``tests/data/hostile/``).
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from tariffcalc.cli import main
from tariffcalc.io._cells import FORMULA_STARTS, SafeWriter, safe_cell

HOSTILE = Path(__file__).parent / "data" / "hostile"
HEADER = "entry,line,hts,origin,entry_date,value,liquidation_date,duty_paid\n"
# A Japanese toy of 1 May 2025, unliquidated: 10% IEEPA baseline on 1000, all refundable, CAPE phase 1
# (later facts s.1.4).
TOY = "9503.00.00.90,JP,2025-05-01,1000,,"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def cells(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def formula(cell: str) -> bool:
    return cell.startswith(FORMULA_STARTS)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_each_formula_character_gets_a_quote(start: str) -> None:
    assert safe_cell(f"{start}1+1") == f"'{start}1+1"


@pytest.mark.parametrize("text", ["ABC-1234567-8", "9903.01.25", "", "1", "'=already"])
def test_plain_text_is_left_alone(text: str) -> None:
    assert safe_cell(text) == text


def test_numbers_the_library_computed_stay_numbers() -> None:
    # A negative amount (a paid difference) must stay a number a spreadsheet can sum.
    assert safe_cell(Decimal("-10.00")) == Decimal("-10.00")
    assert safe_cell(-3) == -3


def test_the_writer_applies_the_rule_to_every_cell(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        SafeWriter(f).writerows([["=a", "-b", Decimal("-1")], ["@c", "ok", 2]])
    assert cells(path) == [["'=a", "'-b", "-1"], ["'@c", "ok", "2"]]


def test_refund_out_has_no_formula_cell(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "refunds.csv"
    status, _, err = run(
        capsys, "refund", str(HOSTILE / "formula-entries.csv"), "--as-of", "2026-04-20", "--out", str(out)
    )
    assert (status, err) == (0, "")
    rows = cells(out)
    assert len(rows) == 1 + 7
    assert not [c for row in rows for c in row if formula(c)]
    entries = [row[0] for row in rows[1:]]
    # The reader strips the blanks around a cell: "\t=1+1" is read as "=1+1", and still written as text.
    assert "'=1+1" in entries
    assert "'-2+3+cmd|' /C calc'!A0" in entries
    assert ["B", "'=1+1"] in [row[:2] for row in rows]


def test_cape_files_have_no_formula_cell(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    cape = tmp_path / "cape"
    status, _, _ = run(
        capsys, "refund", str(HOSTILE / "formula-entries.csv"), "--as-of", "2026-04-20", "--cape-out", str(cape)
    )
    assert status == 0
    rows = cells(cape / "cape-declaration-001.csv")
    assert rows[0] == ["Entry Number"]
    assert len(rows) == 1 + 7
    assert not [c for row in rows for c in row if formula(c)]


def test_cape_out_leaves_only_this_runs_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    cape = tmp_path / "cape"
    cape.mkdir()
    (cape / "cape-declaration-002.csv").write_text("Entry Number\nOLD\n", encoding="utf-8")
    (cape / "notes.txt").write_text("mine\n", encoding="utf-8")
    entries = tmp_path / "e.csv"
    entries.write_text(HEADER + f"A,1,{TOY}\n", encoding="utf-8")
    status, _, err = run(capsys, "refund", str(entries), "--as-of", "2026-04-20", "--cape-out", str(cape))
    assert status == 0
    assert sorted(p.name for p in cape.iterdir()) == ["cape-declaration-001.csv", "notes.txt"]
    assert cells(cape / "cape-declaration-001.csv") == [["Entry Number"], ["A"]]
    assert f"wrote {cape / 'cape-declaration-001.csv'}" in err


@pytest.mark.parametrize(
    ("option", "target", "words"),
    [
        ("--out", "dir", "is a directory; give a file name"),
        ("--out", "missing/x.csv", "does not exist"),
        ("--cape-out", "file", "exists and is not a directory"),
        ("--out", "a" * 300, "at most 255 are allowed"),
    ],
)
def test_bad_output_paths_are_refused_before_any_work(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, option: str, target: str, words: str
) -> None:
    (tmp_path / "dir").mkdir()
    (tmp_path / "file").write_text("x", encoding="utf-8")
    entries = tmp_path / "e.csv"
    entries.write_text(HEADER + f"A,1,{TOY}\n", encoding="utf-8")
    # An unknown schedule would fail only when loaded: the output path is refused first.
    status, out, err = run(
        capsys, "refund", str(entries), option, str(tmp_path / target), "--schedule", "no-such-schedule"
    )
    assert (status, out) == (2, "")
    assert words in err
    assert len(err.splitlines()) == 1


def test_a_row_that_is_not_utf8_is_reported_and_the_others_kept(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "refund", str(HOSTILE / "latin1-row-entries.csv"), "--as-of", "2026-04-20")
    assert status == 1
    assert "entry A: refundable 100.00" in out
    assert "entry C: refundable 100.00" in out
    assert err == "row 3: not UTF-8 text (byte 0xe9); save the file as UTF-8\n"


def test_a_utf16_file_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "refund", str(HOSTILE / "utf16-entries.csv"))
    assert (status, out) == (2, "")
    assert "it is UTF-16 text; save it as UTF-8" in err


def test_a_cell_over_128_kb_is_one_bad_row(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    entries = tmp_path / "e.csv"
    entries.write_text(HEADER + f"A,1,{TOY}\n" + "B" * 140_000 + f",1,{TOY}\nC,1,{TOY}\n", encoding="utf-8")
    status, out, err = run(capsys, "refund", str(entries), "--as-of", "2026-04-20")
    assert status == 1
    assert "entry A: refundable 100.00" in out
    assert "entry C: refundable 100.00" in out
    assert err.startswith("row 3: cannot be read (field larger than field limit")


@pytest.mark.parametrize("text", ["", HEADER, "\n\n"])
def test_a_file_without_rows_is_an_error_not_a_zero_total(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str
) -> None:
    entries = tmp_path / "e.csv"
    entries.write_text(text, encoding="utf-8")
    status, out, err = run(capsys, "refund", str(entries))
    assert (status, out) == (2, "")
    assert "no entry rows" in err


def test_the_same_line_twice_is_counted_once(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    entries = tmp_path / "e.csv"
    entries.write_text(HEADER + f"A,1,{TOY}\n" * 3, encoding="utf-8")
    status, out, err = run(capsys, "refund", str(entries), "--as-of", "2026-04-20")
    assert status == 1
    assert "Total refundable: 100.00 (interest not computed)" in out
    assert err.splitlines() == [
        "row 3: entry A line 1 is already on row 2",
        "row 4: entry A line 1 is already on row 2",
    ]


def test_a_bad_row_is_named_by_its_line_in_the_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    entries = tmp_path / "e.csv"
    entries.write_text(HEADER + f"A,1,{TOY}\n\n\nB,1,9503.00.00.90,XX,2025-05-01,1000,,\n", encoding="utf-8")
    status, _, err = run(capsys, "refund", str(entries), "--as-of", "2026-04-20")
    assert status == 1
    assert err.startswith("row 5: 'XX' is not an ISO 3166-1 alpha-2 country code")


@pytest.mark.parametrize("special", ["/dev/zero", "/", "fifo"])
def test_refund_refuses_what_is_not_a_regular_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, special: str
) -> None:
    import os

    if special == "fifo":
        special = str(tmp_path / "fifo")
        os.mkfifo(special)
    status, out, err = run(capsys, "refund", special)
    assert (status, out) == (2, "")
    assert len(err.splitlines()) == 1
