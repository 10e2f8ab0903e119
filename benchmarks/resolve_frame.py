"""
``resolve_frame`` on a book of 1,000,000 rows with 20,000 distinct
(line, origin, date) and a customs value on every row (as an importer's
book has), beside a pandas merge of the book on a precomputed rate table
in the same run (the table made by ``Schedule.resolve`` per distinct
entry, timed apart), and the amount computed from the merged rate. Prints
the times of ``resolve_frame`` (Float64 and ``exact=True``), of the merge
and of the table, the ratios, and checks a sample of rows against
``Schedule.resolve``.

    python benchmarks/resolve_frame.py [--rows 1000000] [--keys 20000] [--no-value] [--processes N]

Targets: Float64 at most 4 times the merge, ``exact=True`` at most 12 times.
The machine's load moves both figures alike (it is printed).
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
    # Line values of a book: from a few dollars to a few millions, in cents.
    values = np.random.default_rng(seed + 1).lognormal(mean=8, sigma=2, size=rows)
    frame["value"] = np.round(np.clip(values, 1, 5e7), 2)
    return frame


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keys", type=int, default=20_000)
    parser.add_argument("--no-value", action="store_true", help="the book without its value column")
    parser.add_argument("--processes", type=int, default=None)
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
    schedule = load_schedule("us-2025-26")
    # Built before either way is timed: the index (built when first used) and the lines of the schedule.
    schedule.resolve("8703.23.01.90", "JP", date(2025, 5, 5))
    frame = book(args.rows, args.keys)
    if args.no_value:
        frame = frame.drop(columns="value")
    key = ["product", "origin", "date"]
    distinct = frame[key].drop_duplicates()
    print(f"book: {len(frame):,} rows, {len(distinct):,} distinct (line, origin, date), value: {not args.no_value}")

    t0 = time.perf_counter()
    table = distinct.assign(
        rate=[
            schedule.resolve(p, o, d.date(), strict=False).rate  # as resolve_frame: codes not checked
            for p, o, d in zip(distinct["product"], distinct["origin"], distinct["date"], strict=True)
        ]
    )
    table["rate"] = table["rate"].map(lambda r: None if r is None else float(r)).astype("Float64")
    t1 = time.perf_counter()
    merged = frame.merge(table, on=key, how="left")
    if not args.no_value:
        merged["amount"] = (merged["value"] * merged["rate"] / 100).round(2)
    t2 = time.perf_counter()
    merge = t2 - t1

    t0f = time.perf_counter()
    out = resolve_frame(schedule, frame, progress=False, processes=args.processes)
    ours = time.perf_counter() - t0f
    assert merged["rate"].equals(out["rate"]), "resolve_frame and the rate table disagree"
    exact = None
    if not args.no_value:
        t0e = time.perf_counter()
        out_exact = resolve_frame(schedule, frame, progress=False, processes=args.processes, exact=True)
        exact = time.perf_counter() - t0e
        rng = random.Random(7)
        for i in rng.sample(range(len(frame)), min(500, len(frame))):
            row = frame.iloc[i]
            alone = schedule.resolve(
                row["product"], row["origin"], row["date"].date(), value=row["value"], strict=False
            )
            assert out_exact["amount"].iloc[i] == alone.amount, (i, out_exact["amount"].iloc[i], alone.amount)
            assert (alone.amount is None and pd.isna(out["amount"].iloc[i])) or out["amount"].iloc[i] == float(
                alone.amount
            )
    print(f"rate table (Schedule.resolve per distinct entry): {t1 - t0:8.2f} s")
    print(f"pandas merge on the rate table (baseline):        {merge:8.2f} s")
    print(f"resolve_frame, Float64:                           {ours:8.2f} s  ratio {ours / merge:6.2f} (target <= 4)")
    if exact is not None:
        print(
            f"resolve_frame, exact=True:                        {exact:8.2f} s  ratio {exact / merge:6.2f} (target <= 12)"
        )
    print(f"resolve_frame / (table + merge):                  {ours / (t2 - t0):8.2f}")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
