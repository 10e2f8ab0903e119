"""
``tariffcalc refund`` with a ``deposit_date`` column: the interest on each refund under
19 U.S.C. 1505(c), from the deposit to liquidation (docs/sources/us-fees-facts.md s.5).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tariffcalc.cli import main

HEADER = "entry,line,hts,origin,entry_date,value,liquidation_date,deposit_date\n"


def test_refund_interest_over_four_quarters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A Japanese toy of 1 May 2025 worth 100,000 paid the 10% IEEPA baseline (9903.01.25; EO 14257 as
    # paused by EO 14266): 10,000.00, refundable (held unlawful on 2026-02-20). Deposited 12 May 2025,
    # liquidated 31 Mar 2026: 50 + 92 + 92 + 89 = 323 days at the corporate 6% (fees facts s.5.3,
    # Q2 2025-Q1 2026): 10,000 x 0.06 x 323/365 = 530.958 -> 530.96.
    path = tmp_path / "entries.csv"
    path.write_text(HEADER + 'E1,1,9503.00.00.90,JP,2025-05-01,"100,000",2026-03-31,2025-05-12\n', encoding="utf-8")
    assert 0 == main(["refund", str(path), "--as-of", "2026-04-20", "--corporate"])
    out = capsys.readouterr().out
    assert "interest from 2025-05-12 to 2026-03-31: 530.96" in out
    assert "Total refundable: 10000.00; interest 530.96 (19 U.S.C. 1505(c))" in out
    # Non-corporate, 7%: 10,000 x 0.07 x 323/365 = 619.452 -> 619.45.
    assert 0 == main(["refund", str(path), "--as-of", "2026-04-20", "--json"])
    document = json.loads(capsys.readouterr().out)
    assert "619.45" == document["interest"] == document["lines"][0]["interest"]["amount"]


def test_without_a_deposit_date_interest_is_not_computed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "entries.csv"
    path.write_text(HEADER + "E1,1,9503.00.00.90,JP,2025-05-01,1000,2026-03-31,\n", encoding="utf-8")
    assert 0 == main(["refund", str(path), "--as-of", "2026-04-20"])
    assert "Total refundable: 100.00 (interest not computed)" in capsys.readouterr().out


def test_a_liquidation_in_a_quarter_without_a_rate_names_the_missing_rate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Fees facts s.5.3: no rate found for Q3 2026.
    path = tmp_path / "entries.csv"
    path.write_text(HEADER + "E1,1,9503.00.00.90,JP,2025-05-01,1000,2026-08-01,2025-05-12\n", encoding="utf-8")
    assert 0 == main(["refund", str(path), "--as-of", "2026-09-20"])
    out = capsys.readouterr().out
    assert "not computable: needs the 19 U.S.C. 1505 overpayment interest rate for the quarter from 2026-07-01" in out
    assert "(interest not computed)" in out
