"""
Whether pausing the garbage collector (``TARIFFCALC_PAUSE_GC=1``, see
``tariffcalc._collector``) pays for itself, on the bulk work it pauses for: loading the packaged
schedule from the cache, building its index (the first question), a book of
many distinct questions with a value through ``resolve_frame``, and packing
and unpacking the schedule's 64,000 measures (a pickle to another process).

    python benchmarks/gc_pauses.py [--keys 20000] [--repeats 3]

Each run is a fresh process, the two ways alternating: ``paused`` (with
``TARIFFCALC_PAUSE_GC=1``) and ``collector on`` (the default: the library
leaves the collector alone). It prints the median CPU seconds of the process (wall
seconds move with the machine's load) and the ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

CASES = ("load", "index", "frame", "pack", "unpack")


def _run(keys: int) -> dict[str, float]:
    """One process's CPU seconds for each case (paused or not as the environment says)."""
    import random
    from datetime import date, timedelta

    import pandas as pd

    from tariffcalc import _packing
    from tariffcalc.datasets import load_schedule
    from tariffcalc.frames import resolve_frame
    from tariffcalc.schedule import restore

    out: dict[str, float] = {}
    t = time.process_time()
    schedule = load_schedule("us-2025-26")
    out["load"] = time.process_time() - t
    t = time.process_time()
    schedule.resolve("8703.23.01.90", "JP", date(2025, 5, 5), value=1000)  # builds the index
    out["index"] = time.process_time() - t

    rng = random.Random(0)
    codes = [c for c in schedule.codes(on=date(2025, 6, 1)) if len(c) == 13]
    origins = ["JP", "CN", "DE", "FR", "GB", "CA", "MX", "VN", "KR", "IN", "BR", "CH"]
    start = date(2025, 1, 1)
    book = pd.DataFrame(
        {
            "product": [rng.choice(codes) for _ in range(keys)],
            "origin": [rng.choice(origins) for _ in range(keys)],
            "date": [start + timedelta(days=rng.randrange(540)) for _ in range(keys)],
            "value": [rng.randrange(100, 100_000) for _ in range(keys)],  # distinct questions, each with a value
        }
    )
    t = time.process_time()
    resolve_frame(schedule, book, value="value", progress=False)
    out["frame"] = time.process_time() - t

    # A schedule of the same parts that is not the packaged one: packed measure by measure.
    copy = restore(
        "copy",
        list(schedule.measures),
        schedule.rules,
        schedule.suspensions,
        schedule.groups,
        schedule.horizon,
        None,
        schedule.programmes,
        schedule.legal,
    )
    _packing._PACKAGED[:] = []  # no packaged schedule to write a delta against
    t = time.process_time()
    blob = _packing.pack(copy)
    out["pack"] = time.process_time() - t
    assert blob is not None
    t = time.process_time()
    _packing.unpack(blob)
    out["unpack"] = time.process_time() - t
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--keys", type=int, default=20_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--child", choices=["paused", "on"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_run(args.keys)))
        return
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
    runs: dict[str, list[dict[str, float]]] = {"paused": [], "on": []}
    for _ in range(args.repeats):
        for mode in runs:
            command = [sys.executable, __file__, "--keys", str(args.keys), "--child", mode]
            env = {**os.environ, "TARIFFCALC_PAUSE_GC": "1" if mode == "paused" else "0"}
            done = subprocess.run(command, check=True, capture_output=True, text=True, env=env)
            runs[mode].append(json.loads(done.stdout.splitlines()[-1]))
    print(f"{args.keys:,} distinct questions with a value; median CPU seconds of {args.repeats} runs")
    print(f"{'case':8} {'paused':>8} {'collector on':>13} {'on / paused':>12}")
    for case in CASES:
        paused = statistics.median(r[case] for r in runs["paused"])
        on = statistics.median(r[case] for r in runs["on"])
        print(f"{case:8} {paused:8.2f} {on:13.2f} {on / paused:12.2f}")
    total_paused = statistics.median(sum(r.values()) for r in runs["paused"])
    total_on = statistics.median(sum(r.values()) for r in runs["on"])
    print(f"{'total':8} {total_paused:8.2f} {total_on:13.2f} {total_on / total_paused:12.2f}")


if __name__ == "__main__":
    main()
