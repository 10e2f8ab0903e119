"""
``-`` is standard input wherever a command reads a file: the same answer as
from the file, the same bounds and the same one-line refusals (naming
``<stdin>``); and a progress bar only on a terminal.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tariffcalc.cli import main
from tariffcalc.scenarios import scenario_path

ROOT = Path(__file__).parents[2]
ENTRIES = ROOT / "docs" / "how-to" / "ieepa-refund-entries.csv"
ES003 = ROOT / "tests" / "data" / "es003-synthetic.csv"
BOOK = ROOT / "docs" / "how-to" / "offset-book.csv"
HTS = ROOT / "tests" / "data" / "hts" / "hts_2025_basic.json.gz"

#: One valid data file: one instrument, one additional 10% measure.
DATA = """\
[instruments."EO 1"]
title = "An example order"
known_on = 2025-01-01

[[measures]]
id = "x"
title = "X"
kind = "additional"
rate = "10%"
products = "all"
origins = "all"
validity = "2025-01-01/"
[measures.citation]
instrument = "EO 1"
"""


def feed(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    """Standard input holding *data*, as a terminal or a pipe gives it."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def same_from_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, path: Path, *argv: str
) -> tuple[tuple[int, str, str], tuple[int, str, str]]:
    """The command *argv* (with ``{}`` for the file) run on *path*, and on ``-`` with the file's bytes."""
    from_file = run(capsys, *(str(path) if a == "{}" else a for a in argv))
    feed(monkeypatch, path.read_bytes())
    from_stdin = run(capsys, *("-" if a == "{}" else a for a in argv))
    return from_file, from_stdin


@pytest.mark.parametrize("entries", [ENTRIES, ES003], ids=["entries-csv", "es003"])
def test_refund_reads_the_entries_from_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, entries: Path
) -> None:
    from_file, from_stdin = same_from_stdin(capsys, monkeypatch, entries, "refund", "{}", "--as-of", "2026-04-20")
    assert from_file[0] in (0, 1)
    assert "Total refundable" in from_file[1]
    assert from_stdin == from_file


def test_refund_from_stdin_names_stdin_with_the_row_number(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The header is line 1 and the good row line 2, so the bad date is on line 3.
    feed(
        monkeypatch,
        b"entry,line,hts,origin,entry_date,value\nA,1,9503.00.00.90,JP,2025-05-01,1000\n"
        b"B,1,9503.00.00.90,JP,2025-02-30,1000\n",
    )
    status, out, err = run(capsys, "refund", "-", "--as-of", "2026-04-20")
    assert status == 1
    assert "A/1: as filed 100.00" in out  # 10% baseline on 1000 (facts s.1)
    assert err.startswith("row 3: ")


def test_offset_reads_the_book_from_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from_file, from_stdin = same_from_stdin(capsys, monkeypatch, BOOK, "offset", "{}", "--allowance", "375")
    assert from_file[0] == 0
    assert "Parts duty 500.00, offset drawn 375.00, left 0.00" in from_file[1]
    assert from_stdin == from_file


def test_audit_reads_the_export_from_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from_file, from_stdin = same_from_stdin(capsys, monkeypatch, ES003, "audit", "{}")
    # A finding is exit 1 (the synthetic export has one); the same lines are checked either way.
    assert from_file[0] == 1
    assert "lines checked" in from_file[1]
    assert from_stdin == from_file


def test_diff_reads_the_scenario_from_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = ("diff", "--scenario", "{}", "9403.60.80.93", "--origin", "JP", "--from", "2025-04-01", "--to", "2025-10-01")
    from_file, from_stdin = same_from_stdin(capsys, monkeypatch, scenario_path("jp-deal-from-may"), *argv)
    assert from_file[0] == 0
    assert "Scenario:" in from_file[1]
    assert from_stdin == from_file


def test_validate_reads_one_data_file_from_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Named stdin.toml so that the schedule's name, and so its fingerprint, is the one standard input gets.
    path = tmp_path / "stdin.toml"
    path.write_text(DATA, encoding="utf-8")
    (status, out, err), from_stdin = same_from_stdin(capsys, monkeypatch, path, "validate", "{}")
    assert (status, err) == (0, "")
    assert "valid schedule 'stdin': 1 measures" in out
    assert from_stdin == (0, out.replace(str(path), "<stdin>"), "")


def test_schedule_reads_one_data_file_from_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The schedule of DATA has its one measure, x (an additional 10%).
    feed(monkeypatch, DATA.encode())
    status, out, err = run(capsys, "measures", "--schedule", "-", "--json")
    assert (status, err) == (0, "")
    rows = json.loads(out)
    assert [(r["id"], r["rate"]) for r in rows] == [("x", "10%")]


def test_entries_and_schedule_cannot_both_come_from_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    feed(monkeypatch, b"")
    status, out, err = run(capsys, "refund", "-", "--schedule", "-")
    assert (status, out) == (2, "")
    assert err == (
        "tariffcalc: error: the entries and --schedule cannot both be read from standard input (-); give one as a file\n"
    )


def test_hts_report_reads_a_gzipped_or_plain_export_from_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from_file = run(capsys, "hts-report", str(HTS), "--json")
    assert from_file[0] == 0
    feed(monkeypatch, HTS.read_bytes())  # gzipped: told by its magic bytes
    assert run(capsys, "hts-report", "-", "--json") == from_file
    feed(monkeypatch, gzip.decompress(HTS.read_bytes()))
    assert run(capsys, "hts-report", "-", "--json") == from_file


def test_coverage_reads_the_export_from_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (status, out, err), from_stdin = same_from_stdin(capsys, monkeypatch, HTS, "coverage", "--hts", "{}", "--json")
    assert status in (0, 1)
    assert from_stdin == (status, out.replace(HTS.name, "<stdin>"), err)


def refused(capsys: pytest.CaptureFixture[str], argv: list[str], *expected: str) -> None:
    status, out, err = run(capsys, *argv)
    assert (status, out) == (2, "")
    assert err.count("\n") == 1, err
    assert err.startswith("tariffcalc: error: ")
    assert "<stdin>" in err
    for text in expected:
        assert text in err


def test_a_too_large_stdin_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    feed(monkeypatch, b"#" * 2_000_001)  # one byte over the bound of a data file
    refused(capsys, ["validate", "-"], "more than 2,000,000 bytes; at most 2,000,000 are read")
    feed(monkeypatch, b"#" * 2_000_001)
    refused(
        capsys,
        ["diff", "--scenario", "-", "9403.60.80.93", "--origin", "JP", "--from", "2025-04-01", "--to", "2025-05-01"],
        "more than",
    )
    monkeypatch.setattr("tariffcalc.io._limits.MAX_CSV_BYTES", 100)
    feed(monkeypatch, ENTRIES.read_bytes())
    refused(capsys, ["refund", "-"], "the entries <stdin>: more than 100 bytes; at most 100 are read")
    monkeypatch.setattr("tariffcalc.io._limits.MAX_CSV_BYTES", 50)  # the book has 92 bytes
    feed(monkeypatch, BOOK.read_bytes())
    refused(capsys, ["offset", "-", "--allowance", "1"], "the book <stdin>: more than 50 bytes")


def test_a_non_utf8_stdin_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    feed(monkeypatch, b'name = "caf\xe9"\n')
    refused(capsys, ["validate", "-"], "not UTF-8 text (byte 0xe9 on line 1); save it as UTF-8")
    feed(monkeypatch, b"product,origin,date,value\n9503.00.00.90,JP,2025-05-01,caf\xe9\n")
    refused(capsys, ["offset", "-", "--allowance", "1"], "not UTF-8 text (byte 0xe9 on line 2)")
    feed(monkeypatch, "a,b\n".encode("utf-16"))
    refused(capsys, ["refund", "-"], "it is UTF-16 text")


def test_the_panel_draws_no_progress_bar_when_stderr_is_not_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pytest.importorskip("pyarrow")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)  # a log file
    out = tmp_path / "p.parquet"
    argv = ["panel", "--on", "2025-09-16", "--product", "9503.00.00.90", "--origin", "JP", "--out", str(out)]
    status, _, err = run(capsys, *argv)
    assert status == 0
    assert "resolving" not in err
    assert "\r" not in err


def test_the_panel_draws_its_progress_bar_on_a_terminal_unless_quiet(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pytest.importorskip("pyarrow")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    monkeypatch.setitem(sys.modules, "tqdm", None)  # the plain bar, without tqdm
    out = tmp_path / "p.parquet"
    argv = ["panel", "--on", "2025-09-16", "--product", "9503.00.00.90", "--origin", "JP", "--out", str(out)]
    status, _, err = run(capsys, *argv)
    assert status == 0
    assert "resolving: 100%" in err
    status, _, err = run(capsys, *argv, "--quiet")
    assert status == 0
    assert "resolving" not in err


def test_refund_draws_no_progress_bar_when_stderr_is_not_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # 1,200 lines: more than the 1,000 from which refund shows a bar on a terminal.
    row = "A,{n},9503.00.00.90,JP,2025-05-01,1000\n"
    feed(
        monkeypatch,
        ("entry,line,hts,origin,entry_date,value\n" + "".join(row.format(n=n) for n in range(1200))).encode(),
    )
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    status, out, err = run(capsys, "refund", "-", "--as-of", "2026-04-20")
    assert (status, err) == (0, "")
    assert "Total refundable: 120000.00" in out  # 1,200 lines x 100.00 (10% baseline on 1000)


def test_a_real_pipe_into_the_command(tmp_path: Path) -> None:
    # Through the operating system's pipe, not a replaced sys.stdin: a valid data file, then one byte over the bound.
    env = {**os.environ, "TARIFFCALC_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "tariffcalc", "validate", "-"]
    done = subprocess.run(command, input=DATA.encode(), capture_output=True, env=env, timeout=120, check=False)
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout.startswith(b"<stdin>: valid schedule 'stdin': 1 measures")
    done = subprocess.run(command, input=b"#" * 2_000_001, capture_output=True, env=env, timeout=120, check=False)
    assert (done.returncode, done.stdout) == (2, b"")
    assert done.stderr == (
        b"tariffcalc: error: <stdin>: cannot load: more than 2,000,000 bytes; at most 2,000,000 are read\n"
    )
