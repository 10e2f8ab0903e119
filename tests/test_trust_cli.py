"""
No file, path or option makes a command print a traceback or hang: each is
refused with one line on standard error and exit status 2, before any work
(``tests/data/hostile/``, ``tests/data/hostile/scenarios/``).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from tariffcalc.cli import main
from tariffcalc.datasets import load_schedule
from tariffcalc.errors import DataFileError, UnknownScheduleError
from tariffcalc.scenarios import load_scenario

SCENARIOS = Path(__file__).parent / "data" / "hostile" / "scenarios"
LONG = "a" * 300
DIFF = ["diff", "9503.00.00.90", "--origin", "JP", "--from", "2025-04-01", "--to", "2025-05-01", "--scenario"]


def refused(capsys: pytest.CaptureFixture[str], argv: list[str], words: str = "") -> str:
    """Run *argv* in a thread (so a hang fails the test instead of blocking it): exit 2, one line."""
    result: list[int] = []
    worker = threading.Thread(target=lambda: result.append(main(argv)), daemon=True)
    worker.start()
    worker.join(timeout=60)
    assert result, f"{argv} did not finish in 60 s"
    out, err = capsys.readouterr()
    assert (result[0], out) == (2, ""), err
    assert err.startswith("tariffcalc: error: ")
    assert len(err.splitlines()) == 1, err
    assert words in err
    return err


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("binary.toml", "is not UTF-8 text"),
        ("utf16.toml", "it is UTF-16 text; save it as UTF-8"),
        ("changes-not-tables.toml", "a change must be a table, got int"),
        ("no-instrument-id.toml", "instrument: missing key 'id'"),
        ("deep.toml", "brackets are nested more than 32 levels deep"),
        ("wrong-types.toml", "changes[0]: change 'set-rate' is not valid"),
        ("instrument-not-table.toml", "instrument must be a table, got int"),
        ("open-end-text.toml", "write open_end = true or open_end = false, got 'false'"),
    ],
)
def test_a_hostile_scenario_file_is_one_line(capsys: pytest.CaptureFixture[str], name: str, words: str) -> None:
    refused(capsys, [*DIFF, str(SCENARIOS / name)], words)
    with pytest.raises(DataFileError):
        load_scenario(SCENARIOS / name)


@pytest.mark.parametrize(
    ("special", "words"),
    [
        (".", "a directory, not a file"),
        ("/dev/zero", "not a regular file (a character device)"),
        ("fifo", "a named pipe"),
    ],
)
def test_a_scenario_that_is_not_a_regular_file_is_refused_unopened(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, special: str, words: str
) -> None:
    if special == "fifo":
        special = str(tmp_path / "fifo")
        os.mkfifo(special)  # opening it would block until a writer comes
    elif special == ".":
        special = str(tmp_path)
    refused(capsys, [*DIFF, special], words)


@pytest.mark.parametrize(
    "argv",
    [
        ["rate", "0101", "--origin", "JP", "--date", "2025-01-01", "--schedule", LONG],
        ["rate", "0101", "--origin", "JP", "--date", "2025-01-01", "--schedule", f"./{LONG}"],
        ["explain", "0101", "--origin", "JP", "--date", "2025-01-01", "--schedule", f"{LONG}.toml"],
        ["validate", LONG],
        ["refund", LONG],
        ["hts-report", LONG],
        [*DIFF, LONG],
        ["panel", "--on", "2025-01-01", "--out", "x.parquet", "--schedule", f"./{LONG}"],
        ["panel", "--on", "2025-01-01", "--out", f"{LONG}.parquet"],
    ],
)
def test_a_name_over_255_bytes_is_one_line(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    refused(capsys, argv)


def test_load_schedule_refuses_a_long_name_with_its_own_error() -> None:
    with pytest.raises(UnknownScheduleError, match="at most 255 are allowed"):
        load_schedule("a" * 300)
    with pytest.raises(UnknownScheduleError, match="at most 255 are allowed"):
        load_schedule(Path("a" * 300))


def test_validate_root_does_not_walk_the_file_system(capsys: pytest.CaptureFixture[str]) -> None:
    refused(capsys, ["validate", "/"], "give the directory of the data files, or one file")


PANEL = ["panel", "--on", "2025-05-01", "--origin", "JP", "--product", "9503.00.00.90", "--quiet", "--out"]


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        (["--value", "abc"], "--value: 'abc' is not a number"),
        (["--value", "0"], "which must be above 0, got 0"),
        (["--value", "-1"], "must not be negative"),
    ],
)
def test_panel_values_are_checked_first(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, extra: list[str], words: str
) -> None:
    refused(capsys, [*PANEL, str(tmp_path / "p.parquet"), *extra, "--schedule", "no-such"], words)


def test_panel_out_must_be_a_file_path_checked_first(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    refused(capsys, [*PANEL, str(tmp_path), "--schedule", "no-such"], "is a directory; give a file name")
    refused(capsys, [*PANEL, str(tmp_path / "no" / "p.parquet"), "--schedule", "no-such"], "does not exist")


def test_panel_refuses_a_line_that_does_not_exist(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    out = tmp_path / "p.parquet"
    refused(capsys, [*PANEL[:-3], "9999.99.99.99", "--quiet", "--out", str(out)], "9999.99.99.99 is not in schedule")
    assert not out.exists()


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_validate_says_what_a_special_file_is(capsys: pytest.CaptureFixture[str], tmp_path: Path, special: str) -> None:
    if special == "fifo":
        special = str(tmp_path / "fifo")
        os.mkfifo(special)
    refused(capsys, ["validate", special], "not a regular file")
