"""``--schedule`` and :func:`load_schedule` tell a packaged name from a path."""

from __future__ import annotations

from pathlib import Path

import pytest

from tariffcalc.datasets import load_schedule
from tariffcalc.errors import UnknownScheduleError
from tariffcalc.io.datafiles import format_dataset
from tariffcalc.schedule import Schedule


@pytest.fixture
def local(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in ("us-2025", "mine"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "s.toml").write_text(format_dataset(Schedule(f"local-{name}")))
    return tmp_path


def test_a_bare_name_is_a_packaged_name_even_beside_a_directory_of_that_name(local: Path) -> None:
    assert load_schedule("us-2025-measures").name == "us-2025-26"
    assert load_schedule("./us-2025").name == "local-us-2025"


def test_an_unknown_name_beside_a_directory_says_how_to_read_it(local: Path) -> None:
    with pytest.raises(UnknownScheduleError, match=r"no packaged schedule 'mine' .*give it as a path: \./mine"):
        load_schedule("mine")
    assert load_schedule("./mine").name == "local-mine"
    assert load_schedule(Path("mine")).name == "local-mine"


def test_a_missing_path_says_it_was_read_as_a_path(local: Path) -> None:
    with pytest.raises(UnknownScheduleError, match=r"no data file or directory at the path '\./us-2024'"):
        load_schedule("./us-2024")
    with pytest.raises(UnknownScheduleError, match=r"no data file or directory at the path 'x\.toml'"):
        load_schedule("x.toml")
