"""The garbage collector is the process's: bulk work pauses it only when ``TARIFFCALC_PAUSE_GC`` asks."""

from __future__ import annotations

import gc

import pandas as pd
import pytest

from tariffcalc._collector import VARIABLE, paused
from tariffcalc.frames import resolve_frame
from tests.helpers.hand_made import car_duty_schedule


def test_bulk_work_leaves_the_collector_alone_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(VARIABLE, raising=False)
    calls: list[str] = []
    monkeypatch.setattr(gc, "disable", lambda: calls.append("disable"))
    book = pd.DataFrame(
        {
            "product": ["8703.23.01.90"] * 3,
            "origin": ["JP", "DE", "KR"],
            "date": ["2025-05-20"] * 3,
            "value": [40000] * 3,
        }
    )
    out = resolve_frame(car_duty_schedule(), book, value="value")
    assert [1000.0] * 3 == out["amount"].tolist()  # 2.5% of 40,000
    assert [] == calls


@pytest.mark.parametrize("setting", ["", "0"])
def test_unset_or_zero_is_no(monkeypatch: pytest.MonkeyPatch, setting: str) -> None:
    monkeypatch.setenv(VARIABLE, setting)
    with paused():
        assert gc.isenabled()


def test_asked_for_it_pauses_and_resumes_after_the_outermost(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(VARIABLE, "1")
    assert gc.isenabled()
    with paused():
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause still holds
    assert gc.isenabled()
