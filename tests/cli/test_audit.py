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
from typing import Any

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


# --- preference claims, fees, the law as final, liquidation ------------------------------------

FULL = (
    "Entry Number,Line Number,HTS Code,Country of Origin,Entry Date,Entered Value,Duty Amount,SPI,"
    "Liquidation Status,Liquidation Date\n"
)


def _audit(tmp_path: Path, capsys: pytest.CaptureFixture[str], rows: list[str]) -> dict[str, Any]:
    path = tmp_path / "es003.csv"
    path.write_text(FULL + "\n".join(rows) + "\n", encoding="utf-8")
    main(["audit", str(path), "--json"])
    report: dict[str, Any] = json.loads(capsys.readouterr().out)
    return report


def _found(report: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(f["row"], f["entry"], f["kind"], f["heading"], f["filed"], f["expected"]) for f in report["findings"]]


def test_a_preference_claimed_for_an_origin_that_was_no_beneficiary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Toys (MFN free), value 1000, entered 1 May 2025 with the 10% baseline (100.00 on 9903.01.25) filed.
    # G1 from India claims GSP (SPI A): GSP lapsed after 31 December 2020 (General Note 4;
    # src/tariffcalc/us/data/us_programmes.toml). K1 from Japan claims KORUS (SPI KR): Japan is not a
    # beneficiary (General Note 33). K2 from Korea claims KORUS: a beneficiary, no finding.
    rows = [
        "G1,1,9503.00.00.90,IN,05/01/2025,1000,0.00,A,Unliquidated,",
        "G1,1,9903.01.25,IN,05/01/2025,0,100.00,,Unliquidated,",
        "K1,1,9503.00.00.90,JP,05/01/2025,1000,0.00,KR,Unliquidated,",
        "K1,1,9903.01.25,JP,05/01/2025,0,100.00,,Unliquidated,",
        "K2,1,9503.00.00.90,KR,05/01/2025,1000,0.00,KR,Unliquidated,",
        "K2,1,9903.01.25,KR,05/01/2025,0,100.00,,Unliquidated,",
    ]
    report = _audit(tmp_path, capsys, rows)
    assert [(2, "G1", "spi", "A", None, None), (4, "K1", "spi", "KR", None, None)] == _found(report)
    gsp, korus = report["findings"]
    assert "GSP is not in force on 2025-05-01 (lapsed from 2021-01-01)" in gsp["reason"]
    assert "General Note 4" in gsp["citation"]
    assert "JP is not a beneficiary of KORUS" in korus["reason"]
    assert "unliquidated" == gsp["liquidation"]


def test_an_mpf_outside_its_minimum_and_maximum(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # MPF, class code 499, per formal entry (docs/sources/us-fees-facts.md §0): 0.3464%, FY2025
    # (1 Oct 2024 - 30 Sep 2025) minimum 32.71, maximum 634.62; FY2026 minimum 33.58, maximum 651.50.
    # M1 (1 May 2025, $300,000): 0.3464% = 1,039.20 filed, above the FY2025 maximum 634.62.
    # M2 (1 May 2025, $1,000): 3.46 filed, below the minimum 32.71.
    # M3 (1 Dec 2025, FY2026, $300,000): 651.50 filed, the maximum itself: no finding.
    # M4 (1 Dec 2025, FY2026): 634.62, the FY2025 maximum, is within FY2026's bounds: no finding.
    # Duties: toys from Japan; 10% baseline on 1 May 2025 (9903.01.25); 15% all-in on 1 Dec 2025
    # (EO 14345, heading 9903.02.73; MFN free, so 15% of the value).
    rows = [
        "M1,1,9503.00.00.90,JP,05/01/2025,300000,0.00,,Unliquidated,",
        "M1,1,9903.01.25,JP,05/01/2025,0,30000.00,,Unliquidated,",
        "M1,1,499,JP,05/01/2025,0,1039.20,,Unliquidated,",
        "M2,1,9503.00.00.90,JP,05/01/2025,1000,0.00,,Unliquidated,",
        "M2,1,9903.01.25,JP,05/01/2025,0,100.00,,Unliquidated,",
        "M2,1,499,JP,05/01/2025,0,3.46,,Unliquidated,",
        "M3,1,9503.00.00.90,JP,12/01/2025,300000,0.00,,Unliquidated,",
        "M3,1,9903.02.73,JP,12/01/2025,0,45000.00,,Unliquidated,",
        "M3,1,499,JP,12/01/2025,0,651.50,,Unliquidated,",
        "M4,1,9503.00.00.90,JP,12/01/2025,300000,0.00,,Unliquidated,",
        "M4,1,9903.02.73,JP,12/01/2025,0,45000.00,,Unliquidated,",
        "M4,1,499,JP,12/01/2025,0,634.62,,Unliquidated,",
    ]
    report = _audit(tmp_path, capsys, rows)
    assert [] == report["errors"]
    assert [(4, "M1", "fee", "499", "1039.20", "634.62"), (7, "M2", "fee", "499", "3.46", "32.71")] == _found(report)
    above, below = report["findings"]
    assert "above its maximum 634.62" in above["reason"]
    assert "below its minimum 32.71" in below["reason"]
    assert "class code 499" in above["citation"]


def test_the_law_as_final_beside_the_law_as_known_and_the_liquidation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Swiss drills (8467.21.00.10, MFN 1.7%) entered 1 Dec 2025, value 1000, liquidated 1 Mar 2026
    # (later facts §3.6): as known on the entry date, 1.7% = 17.00 and the 39% of 9903.02.58 = 390.00,
    # which is what was filed: no deposit finding. The framework notice (FR Doc 2025-23316, 17 Dec 2025)
    # ended the 39% from 14 Nov and set the 15% all-in (9903.02.83): as finally known, 9903.02.58 is 0.00
    # and 9903.02.83 is 150.00 - 17.00 = 133.00. Two "final" findings, on a liquidated entry.
    rows = [
        "S1,1,8467.21.00.10,CH,12/01/2025,1000,17.00,,Liquidated,03/01/2026",
        "S1,1,9903.02.58,CH,12/01/2025,0,390.00,,Liquidated,03/01/2026",
    ]
    report = _audit(tmp_path, capsys, rows)
    found = [(f["row"], f["kind"], f["heading"], f["filed"], f["expected"], f["final"]) for f in report["findings"]]
    assert [
        (2, "final", "9903.02.83", "0.00", None, "133.00"),
        (3, "final", "9903.02.58", "390.00", "390.00", "0.00"),
    ] == found
    assert {"liquidated 2026-03-01"} == {f["liquidation"] for f in report["findings"]}


def test_the_lines_of_one_entry_share_its_entry_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # One entry summary, one time of entry (19 CFR 141.68): line 2 of D1 entered on another day is not
    # checked; line 1 (toy from Japan, 10% of 1000 = 100.00 filed) has no finding.
    rows = [
        "D1,1,9503.00.00.90,JP,05/01/2025,1000,0.00,,Unliquidated,",
        "D1,1,9903.01.25,JP,05/01/2025,0,100.00,,Unliquidated,",
        "D1,2,9503.00.00.90,JP,05/02/2025,1000,0.00,,Unliquidated,",
        "D1,2,9903.01.25,JP,05/02/2025,0,100.00,,Unliquidated,",
    ]
    report = _audit(tmp_path, capsys, rows)
    assert [] == report["findings"]
    (error,) = report["errors"]
    assert 4 == error["row"]
    assert error["reason"].startswith("entry D1 has Entry Date 2025-05-01 (row 2), this line 2025-05-02")
