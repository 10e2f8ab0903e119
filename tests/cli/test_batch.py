"""
``tariffcalc rate FILE`` and ``tariffcalc explain FILE``: one output row per input line, the
entry's fees on an entry row, bad rows reported with their row and column while the good rows
are computed.

Amounts are worked by hand from docs/sources/us-fees-facts.md (fees) and
docs/sources/us-2025-facts.md (duties); HTS 9503.00.00 (toys) and 8471.30.01 (portable
computers) are MFN free (tests/data/hts).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from tariffcalc.cli import main

TOY = "9503.00.00.90"
LAPTOP = "8471.30.01.00"
HEADER = "entry,line,hts,origin,entry_date,value,mode\n"


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict[str, str]], str]:
    status = main(argv)
    out = capsys.readouterr()
    return status, list(csv.DictReader(io.StringIO(out.out))), out.err


def _file(tmp_path: Path, text: str, name: str = "lines.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_300_lines_with_3_bad_rows_give_297_answers_and_3_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Japanese toys entered 10 Apr-9 Jul 2025 pay the 10% IEEPA baseline, heading 9903.01.25
    # (EO 14257 as paused by EO 14266; us-2025-facts.md): every value v gives a duty of v / 10.
    start = date(2025, 4, 10)
    lines = [HEADER]
    for i in range(300):
        value = 1000 + 10 * i
        on = start + timedelta(days=i % 90)
        lines.append(f",,{TOY},JP,{on},{value},air\n")
    lines[51] = f',,{TOY},JP,2025-05-01,"1.000,00",air\n'  # a European thousands: ambiguous (row 52)
    lines[101] = f",,{TOY},XX,2025-05-01,1000,air\n"  # no such country (row 102)
    lines[201] = f",,{TOY},JP,2025-05-01,1,000,air\n"  # an unquoted 1,000: split in two cells (row 202)
    status, rows, err = _run(["rate", _file(tmp_path, "".join(lines))], capsys)
    assert 1 == status
    assert 300 == len(rows)
    bad = [r for r in rows if r["error"]]
    assert ["52", "102", "202"] == [r["row"] for r in bad]
    assert "column value: '1.000,00' is ambiguous" in bad[0]["error"]
    assert "column origin" in bad[1]["error"]
    assert bad[2]["error"].startswith("8 cells under a header of 7")
    good = [r for r in rows if not r["error"]]
    assert 297 == len(good)
    assert all(r["duties"] == f"{int(r['value']) / 10:.2f}" for r in good)
    assert "3 of 300 rows not computed" in err
    assert "row 52: column value" in err


def test_lines_of_one_entry_pay_one_mpf_on_the_entry_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Fees facts s.1.2: FY2026 (1 Oct 2025-30 Sep 2026) MPF 0.3464%, minimum $33.58, maximum $651.50,
    # once per entry on its total value: 0.3464% of (4000 + 8000) = 41.568 -> 41.57, within the bounds.
    # By air: no HMF (fees facts s.2.1, vessel cargo only). Laptops from Japan, 15 Mar 2026: no duty.
    text = HEADER + f"E1,1,{LAPTOP},JP,2026-03-15,4000,air\nE1,2,{LAPTOP},JP,2026-03-15,8000,air\n"
    status, rows, _ = _run(["rate", _file(tmp_path, text)], capsys)
    assert 0 == status
    assert [("line", "E1", "1", ""), ("line", "E1", "2", ""), ("entry", "E1", "", "41.57")] == [
        (r["kind"], r["entry"], r["line"], r["mpf"]) for r in rows
    ]
    entry = rows[2]
    assert ("12000", "0.00", "41.57", "41.57") == (entry["value"], entry["duties"], entry["fees"], entry["total"])


def test_a_line_of_its_own_carries_its_fees_and_hmf_by_sea(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A $100,000 formal entry by sea on 15 Mar 2026 (fees facts s.0, s.1.2, s.2.1):
    # MPF 0.3464% of 100,000 = 346.40 (within 33.58-651.50), HMF 0.125% of 100,000 = 125.00.
    text = HEADER + f'A-1,7,{LAPTOP},JP,2026-03-15,"$100,000.00",sea\n'
    _, rows, _ = _run(["rate", _file(tmp_path, text)], capsys)
    line, entry = rows
    assert ("A-1", "7") == (line["entry"], line["line"])  # the entry id carried through
    assert ("346.40", "125.00", "471.40", "471.40") == (entry["mpf"], entry["hmf"], entry["fees"], entry["total"])
    text = f"hts,origin,entry_date,value,mode\n{LAPTOP},JP,2026-03-15,100000,sea\n"
    _, rows, _ = _run(["rate", _file(tmp_path, text)], capsys)
    assert [("346.40", "125.00", "471.40")] == [(r["mpf"], r["hmf"], r["total"]) for r in rows]


def test_de_minimis_before_the_all_country_suspension(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Fees facts s.3.1, s.3.3: a $50 shipment from Germany on 1 Aug 2025 (before 29 Aug 2025) is
    # released duty-free under Section 321 ($800) and pays no MPF.
    text = HEADER + f",,{TOY},DE,2025-08-01,50,air\n"
    _, rows, _ = _run(["rate", _file(tmp_path, text)], capsys)
    assert [("0.00", "", "0.00", "0.00")] == [(r["duties"], r["mpf"], r["fees"], r["total"]) for r in rows]


def test_lines_of_one_entry_with_different_dates_are_an_entry_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = HEADER + f"E9,1,{LAPTOP},JP,2026-03-15,4000,air\nE9,2,{LAPTOP},JP,2026-03-16,4000,air\n"
    status, rows, err = _run(["rate", _file(tmp_path, text)], capsys)
    # Each line is computed; the entry cannot be costed, and that is an error: the exit status is 1.
    assert 1 == status
    # The lines of one entry share its entry date: cost_entry refuses lines of different days.
    assert rows[2]["error"].startswith("the lines of one entry have one entry date; got 2026-03-15, 2026-03-16")
    assert "entry E9" in err


def test_standard_input_and_json_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = (HEADER + f"E1,1,{TOY},JP,2025-05-01,1000,air\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert 0 == main(["rate", "-", "--format", "jsonl"])
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    # 10% of 1000 (9903.01.25); the informal MPF waits for the entry type ($2,500 or less, fees facts s.1.3).
    assert [("line", "E1", "100.00"), ("entry", "E1", "100.00")] == [
        (r["kind"], r["entry"], r["duties"]) for r in records
    ]


def test_explain_a_file_explains_every_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = HEADER + f'E1,1,{TOY},JP,2025-05-01,1000,air\n,,{TOY},JP,2025-05-01,"1,5",air\n'
    assert 1 == main(["explain", _file(tmp_path, text), "--brief"])
    out = capsys.readouterr().out
    assert "== row 2 (entry E1 line 1)" in out
    assert "9903.01.25" in out
    assert "== row 3\nnot computed: column value: '1,5' is ambiguous" in out
    assert "== entry E1" in out


def test_a_duplicated_header_is_refused_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "hts,origin,entry_date,value,VALUE\n" + f"{TOY},JP,2025-05-01,1,2\n"
    assert 2 == main(["rate", _file(tmp_path, text)])
    assert "the header names column 'value' twice (columns D and E)" in capsys.readouterr().err


def test_excel_without_its_extra_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "lines.xlsx"
    path.write_bytes(b"PK")
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # as if it were not installed
    assert 2 == main(["rate", str(path)])
    assert "reading Excel needs openpyxl: pip install 'tariffcalc[excel]'" in capsys.readouterr().err


def test_excel_in_and_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Entry", "Line", "HTS", "Origin", "Entry_Date", "Value", "Mode"])
    sheet.append(["E1", 1, TOY, "JP", date(2025, 5, 1), 1000.0, "air"])  # a float cell: read by its digits
    sheet.append(["E1", 2, TOY, "JP", date(2025, 5, 1), "1.000,00", "air"])  # a European text: refused
    book.save(tmp_path / "in.xlsx")
    assert 1 == main(["rate", str(tmp_path / "in.xlsx"), "--out", str(tmp_path / "out.xlsx")])
    assert "row 3: column value: '1.000,00' is ambiguous" in capsys.readouterr().err
    rows = list(openpyxl.load_workbook(tmp_path / "out.xlsx").active.iter_rows(values_only=True))
    header = rows[0]
    first = dict(zip(header, rows[1], strict=True))
    assert ("E1", 1000, 100) == (first["entry"], first["value"], first["duties"])  # 10% of 1000, 9903.01.25
    assert 4 == len(rows)  # the header, two lines, the entry
