"""
``tariffcalc audit``: a 30-row ES-003-shaped file with planted errors reports exactly those.

Every line is a Japanese toy (HTS 9503.00.00.90, MFN free: tests/data/hts) entered 1 May 2025,
when Japan's 24% was paused and the 10% IEEPA baseline applied under heading 9903.01.25
(EO 14257 as paused by EO 14266; docs/sources/us-2025-facts.md): the deposit of a line of
value v is v / 10 on 9903.01.25.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from tariffcalc.cli import main

HEADER = "Entry Number,Line Number,HTS Code,Country of Origin,Entry Date,Entered Value,Duty Amount\n"


def _file(tmp_path: Path) -> Path:
    rows = []
    for line in range(1, 16):
        value = 1000 + 100 * line
        rows.append(f"E1,{line},9503.00.00.90,JP,05/01/2025,{value},0.00")
        if line == 15:
            continue  # planted: the 9903.01.25 row of line 15 is missing (its base row is row 31)
        deposit = Decimal(value) / 10
        if line == 9:
            deposit -= 10  # planted: 10.00 short on line 9
        rows.append(f"E1,{line},9903.01.25,JP,05/01/2025,0,{deposit:.2f}")
        if line == 4:
            rows.append("E1,4,9903.88.15,JP,05/01/2025,0,75.00")  # planted: a China Section 301 heading on a JP line
    assert 30 == len(rows)
    path = tmp_path / "es003.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_the_planted_errors_and_only_those(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert 1 == main(["audit", str(_file(tmp_path)), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert 15 == report["lines_checked"]
    assert [] == report["errors"]
    found = [(f["row"], f["line"], f["kind"], f["heading"], f["filed"], f["expected"]) for f in report["findings"]]
    assert [
        (10, "4", "extra", "9903.88.15", "75.00", None),
        # line 9, value 1900: 10% = 190.00, filed 180.00 (its 9903 row is row 2 + 2*8 + 1 (the extra) + 1 = 20)
        (20, "9", "amount", "9903.01.25", "180.00", "190.00"),
        # line 15, value 2500: 10% = 250.00 not filed (its base row is the last, row 31)
        (31, "15", "missing", "9903.01.25", None, "250.00"),
    ] == found
    assert all("9903.01.25" in f["citation"] for f in report["findings"] if f["kind"] != "extra")


def test_a_wrong_amount_within_the_tolerance_is_no_finding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert 1 == main(["audit", str(_file(tmp_path)), "--tolerance", "10.00"])
    out = capsys.readouterr().out
    assert "15 lines checked, 2 findings" in out
    assert "amount" not in out
