"""Schedules cross process boundaries cheaply: the packaged one by name and fingerprint, others by their parts."""

from __future__ import annotations

import pickle
from datetime import date

import pytest
from hypothesis import given
from test_cache import _small

import tariffcalc.datasets as datasets
from tariffcalc import Schedule
from tariffcalc.errors import ScheduleError
from tariffcalc.schedule import _packaged_schedule
from tariffcalc.testing import schedules


def test_a_user_schedule_round_trips_by_its_parts() -> None:
    small = _small()
    small.fingerprint  # noqa: B018  # computed: it travels with the pickle
    back = pickle.loads(pickle.dumps(small))
    assert small == back
    assert small.fingerprint == back.fingerprint
    assert "fingerprint" in back._memo
    for on in (date(2025, 2, 1), date(2025, 3, 15)):
        assert (
            small.resolve("8703.23.01.90", "JP", on, value=1000).to_dict()
            == back.resolve("8703.23.01.90", "JP", on, value=1000).to_dict()
        )


@given(schedules())
def test_any_valid_schedule_round_trips(schedule: Schedule) -> None:
    back = pickle.loads(pickle.dumps(schedule))
    assert schedule == back
    assert schedule.fingerprint == back.fingerprint


def test_a_packaged_schedule_travels_by_name_and_fingerprint(monkeypatch: pytest.MonkeyPatch) -> None:
    small = _small()
    monkeypatch.setattr(datasets, "_BUILT", {})
    monkeypatch.setattr(datasets, "_build", lambda name: small)
    packaged = datasets.load_schedule("us-2025-26")
    blob = pickle.dumps(packaged)
    assert len(blob) < 300
    assert pickle.loads(blob) is packaged
    # Not a copy of its content: a schedule derived from it is pickled by its parts.
    derived = Schedule.combine("derived", packaged)
    assert pickle.loads(pickle.dumps(derived)) == derived


def test_a_packaged_schedule_with_other_content_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(datasets, "_BUILT", {})
    monkeypatch.setattr(datasets, "_build", lambda name: _small())
    with pytest.raises(ScheduleError, match="is not the one pickled"):
        _packaged_schedule("us-2025-26", "0" * 64)
