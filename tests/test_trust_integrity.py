"""The packaged data is the data whose fingerprints the package pins."""

from __future__ import annotations

import json

import pytest

from tariffcalc.cli import main
from tariffcalc.datasets import NAMES, check_packaged, load_schedule, pinned_fingerprints


def test_every_packaged_schedule_is_pinned() -> None:
    assert set(NAMES) == set(pinned_fingerprints())


def test_the_packaged_schedules_match_their_pins() -> None:
    # After a change of the packaged data: PYTHONPATH=src python scripts/pin_fingerprints.py
    assert [] == check_packaged()
    assert pinned_fingerprints()["us-2025-26"] == load_schedule("us-2025").fingerprint


def test_validate_packaged_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--packaged"]) == 0
    assert "us-2025-26: fingerprint" in capsys.readouterr().out


def test_validate_packaged_fails_on_a_changed_pin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import tariffcalc.datasets as datasets

    monkeypatch.setattr(datasets, "pinned_fingerprints", lambda: dict.fromkeys(NAMES, "0" * 64))
    assert main(["validate", "--packaged"]) == 2
    err = capsys.readouterr().err
    assert "does not match its pinned fingerprints" in err
    assert "scripts/pin_fingerprints.py" in err


def test_the_pin_file_says_how_to_regenerate_it() -> None:
    from importlib.resources import files

    document = json.loads(files("tariffcalc").joinpath("datasets/fingerprints.json").read_text())
    assert "scripts/pin_fingerprints.py" in document["about"]
