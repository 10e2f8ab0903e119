"""
How cheaply a schedule crosses a process boundary: the size of its pickle
and the time of a round trip (dumps + loads), for the packaged schedule
(pickled by name and fingerprint) and for a user schedule of the same size
(the packaged one changed by a scenario: pickled compactly, by its parts
written once each as columns; and, as it is derived from the packaged
schedule of this process, as that one's name and fingerprint with the
measures that differ). Beside them, in the same run, the baselines:
attrs' default pickle of every field (the index included), and the parts
pickled as they are (what a user schedule pickled as before).

    python benchmarks/pickle_schedule.py

Target: a user schedule's pickle at most 5 MB and its round trip at most
0.5 s. The unpickled schedule builds its index when it first resolves: that
first resolution is timed on its own line. A schedule is packed once, and a
process unpacks the same bytes once (a worker sent it again gets the one it
has): the second round trip shows that. Also unpickles the packaged
schedule in a fresh process (which loads it, from the schedule cache when
that is warm). The machine's load moves every figure (it is printed). Run by
hand; no timed test.
"""

from __future__ import annotations

import gc
import os
import pickle
import subprocess
import sys
import tempfile
import time
from datetime import date
from typing import Any

from tariffcalc import datasets
from tariffcalc.datasets import load_schedule
from tariffcalc.rates import AdValorem
from tariffcalc.scenario import Scenario, SetRate
from tariffcalc.schedule import Schedule, restore


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _round_trip(label: str, dumps: Any, loads: Any = pickle.loads) -> tuple[bytes, Any]:
    gc.collect()
    t0 = time.perf_counter()
    blob: bytes = dumps()
    t1 = time.perf_counter()
    back = loads(blob)
    t2 = time.perf_counter()
    print(
        f"{label:44} {len(blob) / 1e6:7.2f} MB  dumps {t1 - t0:6.3f} s  loads {t2 - t1:6.3f} s  round trip {t2 - t0:6.3f} s"
    )
    return blob, back


def main() -> None:
    print(f"load average before: {_load()} ({os.cpu_count()} cores)")
    schedule = load_schedule("us-2025-26")
    schedule.fingerprint  # noqa: B018  # computed once, as any user of the fingerprint would
    user = Scenario("autos at 15%", (SetRate("us.s232.autos", AdValorem(15)),)).apply(schedule)
    user.fingerprint  # noqa: B018  # travels with the pickle
    print(f"user schedule: {user.name!r}, {len(user.measures):,} measures")
    schedule._index.by_id  # noqa: B018  # built, as it was before it was built when first used
    state = schedule.__getstate__()  # type: ignore[attr-defined]
    _round_trip(
        "baseline: attrs' pickle of every field",
        lambda: pickle.dumps((Schedule, state), protocol=pickle.HIGHEST_PROTOCOL),
        lambda b: pickle.loads(b)[1],
    )
    parts = (
        user.name,
        tuple(user.measures),
        tuple(user.rules),
        tuple(user.suspensions),
        tuple(user.groups),
        user.horizon,
        user.fingerprint,
        tuple(user.programmes),
        user.legal,
    )
    _round_trip(
        "baseline: the parts as they are (before)",
        lambda: pickle.dumps(parts, protocol=pickle.HIGHEST_PROTOCOL),
        lambda b: restore(*pickle.loads(b)),
    )
    _round_trip("packaged, by name and fingerprint", lambda: pickle.dumps(schedule, protocol=5))
    saved = dict(datasets._BUILT)
    datasets._BUILT.clear()  # as if not derived from a packaged schedule of this process
    try:
        _round_trip("user schedule, every measure packed", lambda: pickle.dumps(user, protocol=5))
    finally:
        datasets._BUILT.update(saved)
        user._memo.pop("packed")
    _, back = _round_trip("user schedule, packed as packaged + changes", lambda: pickle.dumps(user, protocol=5))
    _round_trip("the same again (packed, unpacked once)", lambda: pickle.dumps(user, protocol=5))
    t0 = time.perf_counter()
    back.resolve("8703.23.01.90", "JP", date(2025, 5, 5), value=40000)
    print(f"its first resolution (builds the index): {time.perf_counter() - t0:.3f} s")
    t0 = time.perf_counter()
    back.resolve("8703.23.01.90", "JP", date(2025, 5, 6), value=40000)
    print(f"its second resolution: {time.perf_counter() - t0:.4f} s")
    assert back == user
    assert back.fingerprint == user.fingerprint

    blob = pickle.dumps(schedule, protocol=5)
    with tempfile.TemporaryDirectory() as directory:
        env = {**os.environ, "TARIFFCALC_CACHE_DIR": directory, "PYTHONPYCACHEPREFIX": f"{directory}/pycache"}
        env.pop("TARIFFCALC_NO_CACHE", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        code = "import pickle, sys, time; t = time.perf_counter(); pickle.loads(sys.stdin.buffer.read()); print(time.perf_counter() - t)"
        for warmth in ("cold cache (builds, writes it)", "warm cache"):
            out = subprocess.run([sys.executable, "-c", code], input=blob, capture_output=True, check=True, env=env)
            print(f"packaged, loads in a fresh process, {warmth}: {float(out.stdout):.2f} s")
    print(f"load average after: {_load()}")


if __name__ == "__main__":
    main()
