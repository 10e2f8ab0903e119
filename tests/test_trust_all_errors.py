"""
``tariffcalc validate`` reports every problem of every file in one run,
each with its file and line, and no cascades (``tests/data/mistakes/``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tariffcalc.cli import main
from tariffcalc.errors import DataFileError
from tariffcalc.io.datafiles import read_dataset

MISTAKES = Path(__file__).parent / "data" / "mistakes"

#: (file, line, words) of each planted mistake (see the directory's README).
PLANTED = [
    ("a-syntax.toml", 3, "not valid TOML"),
    ("b-instruments.toml", 8, "known_on: expected a day"),
    ("c-measures.toml", 1, "unknown field(s) rates"),
    ("c-measures.toml", 17, "cannot read 'ten percent'"),
    ("c-measures.toml", 30, "'XX' is not an ISO 3166-1 alpha-2 country code"),
    ("c-measures.toml", 42, "period must end after it starts"),
    ("c-measures.toml", 55, "unknown instrument 'EO 404'"),
    ("d-schedule.toml", 12, "measure 'd.twice' is defined twice: first at "),  # the place of the repeat
    ("d-schedule.toml", 34, "no measure 'd.no-such-measure'"),
    ("d-schedule.toml", 23, "unknown country group 'nowhere'"),
]


def test_validate_reports_all_ten_mistakes_with_file_and_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(MISTAKES)]) == 2
    err = capsys.readouterr().err
    problems = [line for line in err.splitlines() if line.startswith("  - ")]
    assert len(PLANTED) == len(problems), err
    for file, line, words in PLANTED:
        assert any(re.search(rf"{re.escape(file)}:{line}[ :]", p) and words in p for p in problems), (file, line, err)


def test_every_problem_has_a_file_and_line() -> None:
    with pytest.raises(DataFileError) as info:
        read_dataset(MISTAKES)
    for problem in info.value.problems:
        assert re.search(r"\.toml:\d+", problem), problem


def test_a_broken_instrument_is_reported_once_not_at_every_citation() -> None:
    with pytest.raises(DataFileError) as info:
        read_dataset(MISTAKES)
    assert not any("'EO 2'" in p and "unknown instrument" in p for p in info.value.problems)
    # The measure citing the broken instrument still has its own problem (its rate) reported.
    assert any("measures[1].rate" in p for p in info.value.problems)


def test_schedule_problems_of_a_valid_file_carry_their_place(tmp_path: Path) -> None:
    (tmp_path / "x.toml").write_text((MISTAKES / "b-instruments.toml").read_text().split("# mistake 2")[0])
    (tmp_path / "y.toml").write_text((MISTAKES / "d-schedule.toml").read_text())
    with pytest.raises(DataFileError) as info:  # every field is valid; the schedule is not
        read_dataset(tmp_path).to_schedule()  # (the measure defined twice is refused on reading)
    assert 3 == len(info.value.problems)
    for problem in info.value.problems:
        assert re.search(r"y\.toml:\d+ (measures|suspensions)\[\d\]: ", problem), problem
