"""
``resolve_frame`` on a book of 1,000,000 rows with 20,000 distinct entries,
beside the hand-made way in the same run: resolve each distinct entry with
``Schedule.resolve`` into a rate table, then a bare pandas merge of the
book on it. Prints both times, the merge alone, and the ratio.

    python benchmarks/resolve_frame.py [--rows 1000000] [--keys 20000] [--processes N]

Target: ``resolve_frame`` at most 1.5 times the hand-made way. The
machine's load moves both figures alike (it is printed).
"""

from __future__ import annotations

import argparse
import os
import random
import time
from datetime import date, timedelta

import numpy as np
import pandas as pd

from tariffcalc.datasets import load_schedule
from tariffcalc.frames import resolve_frame

ORIGINS = ["JP", "CN", "DE", "FR", "GB", "CA", "MX", "VN", "KR", "IN", "BR", "CH"]


def book(rows: int, keys: int, seed: int = 0) -> pd.DataFrame:
    """A synthetic book: *keys* distinct (product, origin, date) entries, repeated to *rows* rows."""
    rng = random.Random(seed)
    schedule = load_schedule("us-2025-26")
    codes = [c for c in schedule.codes(on=date(2025, 6, 1)) if len(c) == 13]
    start = date(2025, 1, 1)
    distinct = [
        (rng.choice(codes), rng.choice(ORIGINS), start + timedelta(days=rng.randrange(540))) for _ in range(keys)
    ]
    picks = np.random.default_rng(seed).integers(0, keys, rows)
    frame = pd.DataFrame(distinct, columns=["product", "origin", "date"]).iloc[picks].reset_index(drop=True)
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keys", type=int, default=20_000)
    parser.add_argument("--processes", type=int, default=None)
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
    schedule = load_schedule("us-2025-26")
    # Built before either way is timed: the index (built when first used) and the lines of the schedule.
    schedule.resolve("8703.23.01.90", "JP", date(2025, 5, 5))
    frame = book(args.rows, args.keys)
    distinct = frame.drop_duplicates().shape[0]
    print(f"book: {len(frame):,} rows, {distinct:,} distinct entries")

    t0 = time.perf_counter()
    out = resolve_frame(schedule, frame, progress=False, processes=args.processes)
    ours = time.perf_counter() - t0

    t0 = time.perf_counter()
    keys = frame.drop_duplicates()
    table = keys.assign(
        rate=[
            schedule.resolve(p, o, d.date(), strict=False).rate  # as resolve_frame: codes not checked
            for p, o, d in zip(keys["product"], keys["origin"], keys["date"], strict=True)
        ]
    )
    table["rate"] = table["rate"].map(lambda r: None if r is None else float(r)).astype("Float64")
    t1 = time.perf_counter()
    merged = frame.merge(table, on=["product", "origin", "date"], how="left")
    t2 = time.perf_counter()
    by_hand = t2 - t0

    assert merged["rate"].equals(out["rate"]), "resolve_frame and the hand-made table disagree"
    print(f"resolve_frame:                        {ours:8.2f} s")
    print(f"by hand (rate table + merge):         {by_hand:8.2f} s  (table {t1 - t0:.2f} s, merge {t2 - t1:.2f} s)")
    print(f"ratio resolve_frame / by hand:        {ours / by_hand:8.2f}  (target <= 1.5)")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
