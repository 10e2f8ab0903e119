"""``tariffcalc refund`` in text form: bad days and paths, paid differences, flags, bad rows on stderr, progress."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tariffcalc.cli import main

ES003 = Path(__file__).parents[1] / "data" / "es003-synthetic.csv"
HEADER = "entry,line,hts,origin,entry_date,value,liquidation_date,duty_paid\n"
TOY = "A,1,9503.00.00.90,JP,2025-05-01,1000,,90.00\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_text_report_shows_the_paid_difference_and_bad_rows_on_stderr(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # A Japanese toy of 1 May 2025: 10% baseline on 1000 = 100.00 deposited, all of it refundable;
    # 90.00 paid is 10.00 less than the computed deposit.
    f = tmp_path / "e.csv"
    f.write_text(HEADER + TOY + "A,2,9503.00.00.90,XX,2025-05-01,1000,,\n", encoding="utf-8")
    status, out, err = run(capsys, "refund", str(f), "--as-of", "2026-04-20")
    assert status == 1
    lines = out.splitlines()
    assert lines[0] == "A/1: as filed 100.00, final 0.00, refundable 100.00  [CAPE phase 1 (unliquidated)]"
    assert lines[1].startswith("    ieepa-reciprocal 9903.01.25: 100.00 (held unlawful on 2026-02-20")
    assert lines[2] == "    duty paid differs from the computed deposit by -10.00"
    assert lines[-2:] == ["entry A: refundable 100.00", "Total refundable: 100.00 (interest not computed)"]
    assert err.startswith("row 3: 'XX' is not an ISO 3166-1 alpha-2 country code")


def test_es003_flags_are_printed_with_a_mark(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "refund", str(ES003), "--as-of", "2026-04-20")
    assert status == 0
    assert (
        "    ! IEEPA deposit 300.00 differs from the law as known on 2025-12-01: 200.00 "
        "(9903.01.24 100.00, 9903.01.25 100.00)"
    ) in out.splitlines()
    assert "warning: deposit differs from the law as known on the entry date: ABC00000052/1" in out
    assert "Total refundable: 1850.00 (interest not computed)" in out


@pytest.mark.parametrize("option", ["--known", "--as-of"])
def test_a_bad_day_is_exit_2_naming_the_options(capsys: pytest.CaptureFixture[str], option: str) -> None:
    status, out, err = run(capsys, "refund", str(ES003), option, "2026-02-30")
    assert (2, "") == (status, out)
    assert "--known/--as-of: '2026-02-30' is not a calendar day" in err


def test_a_missing_entries_file_is_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _, err = run(capsys, "refund", str(tmp_path / "nope.csv"))
    assert status == 2
    assert f"{tmp_path / 'nope.csv'}: no such file" in err


def long_file(tmp_path: Path) -> Path:
    # One entry line and 1,000 blank lines: long enough for a progress bar, quick to compute.
    f = tmp_path / "long.csv"
    f.write_text(HEADER + TOY + ",,,,,,,\n" * 1000, encoding="utf-8")
    return f


def test_a_long_file_on_a_terminal_shows_progress(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pytest.importorskip("tqdm")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    status, out, err = run(capsys, "refund", str(long_file(tmp_path)), "--as-of", "2026-04-20")
    assert status == 0
    assert "Total refundable: 100.00" in out
    assert "1/1001" in err
    assert "line" in err


def test_without_tqdm_a_long_file_runs_without_progress(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    monkeypatch.setitem(sys.modules, "tqdm", None)
    status, out, err = run(capsys, "refund", str(long_file(tmp_path)), "--as-of", "2026-04-20")
    assert (0, "") == (status, err)
    assert "Total refundable: 100.00" in out
