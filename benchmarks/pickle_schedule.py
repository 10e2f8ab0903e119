"""
How cheaply a schedule crosses a process boundary: the size of its pickle
and the time of a round trip (dumps + loads), for the packaged schedule
(pickled by name and fingerprint), for the same content as a user schedule
(pickled by its parts, without its index), and, as the baseline measured in
the same run, attrs' default pickle of every field (the index included),
which is what a schedule pickled as before.

    python benchmarks/pickle_schedule.py

Also unpickles the packaged schedule in a fresh process (which loads it,
from the schedule cache when that is warm). Run by hand; no timed test.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import tempfile
import time
from typing import Any

from tariffcalc.datasets import load_schedule
from tariffcalc.schedule import Schedule, _restore


def _round_trip(label: str, dumps: Any, loads: Any = pickle.loads) -> bytes:
    t0 = time.perf_counter()
    blob: bytes = dumps()
    t1 = time.perf_counter()
    loads(blob)
    t2 = time.perf_counter()
    print(
        f"{label:44} {len(blob) / 1e6:7.2f} MB  dumps {t1 - t0:6.3f} s  loads {t2 - t1:6.3f} s  round trip {t2 - t0:6.3f} s"
    )
    return blob


def main() -> None:
    schedule = load_schedule("us-2025-26")
    schedule.fingerprint  # noqa: B018  # computed once, as any user of the fingerprint would
    user = _restore(
        "us-2025-26 (as a user schedule)",
        schedule.measures,
        schedule.rules,
        schedule.suspensions,
        schedule.groups,
        schedule.horizon,
    )
    state = schedule.__getstate__()  # type: ignore[attr-defined]
    _round_trip(
        "baseline: attrs' pickle of every field",
        lambda: pickle.dumps((Schedule, state), protocol=pickle.HIGHEST_PROTOCOL),
        lambda b: pickle.loads(b)[1],
    )
    blob = _round_trip("packaged, by name and fingerprint", lambda: pickle.dumps(schedule, protocol=5))
    _round_trip("the same content as a user schedule", lambda: pickle.dumps(user, protocol=5))
    with tempfile.TemporaryDirectory() as directory:
        env = {**os.environ, "TARIFFCALC_CACHE_DIR": directory}
        env.pop("TARIFFCALC_NO_CACHE", None)
        code = "import pickle, sys, time; t = time.perf_counter(); pickle.loads(sys.stdin.buffer.read()); print(time.perf_counter() - t)"
        for warmth in ("cold cache (builds, writes it)", "warm cache"):
            out = subprocess.run([sys.executable, "-c", code], input=blob, capture_output=True, check=True, env=env)
            print(f"packaged, loads in a fresh process, {warmth}: {float(out.stdout):.2f} s")


if __name__ == "__main__":
    main()
