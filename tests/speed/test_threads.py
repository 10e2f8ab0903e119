"""The packaged schedule is built once per process, however many threads ask for it at once."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

import tariffcalc.datasets as datasets
from tariffcalc.schedule import Schedule


def test_threads_asking_at_once_share_one_build(monkeypatch: pytest.MonkeyPatch) -> None:
    builds: list[str] = []
    ready = threading.Barrier(8)

    def slow_build(name: str) -> Schedule:
        builds.append(name)
        time.sleep(0.05)  # widen the window in which a second build would start (no timing is asserted)
        return Schedule(name)

    monkeypatch.setattr(datasets, "_BUILT", {})
    monkeypatch.setattr(datasets, "_build", slow_build)

    def ask(_: int) -> Schedule:
        ready.wait()
        return datasets.load_schedule("us-2025-26")

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(ask, range(8)))
    assert ["us-2025-26"] == builds
    assert all(r is results[0] for r in results)
    # The alias and a second name: one more build, for the other name only.
    assert datasets.load_schedule("us-2025") is results[0]
    datasets.load_schedule("us-2025-26-measures")
    assert ["us-2025-26", "us-2025-26-measures"] == builds
