"""
Time the panel of the packaged schedule for one day (every tariff line from
every ISO 3166 country), its parquet file, and the process's peak memory;
beside it, in the same run, the time of one resolution times the number of
cells (what resolving every cell would cost).

    python benchmarks/panel.py [--on 2025-09-05] [--out /tmp/panel.parquet] [--period-days 540]

With ``--period-days N`` (0: not run), the panel over the N days from
2025-01-01 is timed as well, beside the one day: it is computed in
stretches where nothing changes, not day by day.

Targets: at most 15 s and 1 GB peak for one day; a 540-day period at most
3 times one day. The machine's load moves
every figure (it is printed). Run by hand; nothing here is a timed test.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import time
from datetime import date, timedelta

from tariffcalc.datasets import load_schedule
from tariffcalc.panel import lines, panel
from tariffcalc.periods import Period


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--on", default="2025-09-05")
    parser.add_argument("--out", default="/tmp/tariffcalc-panel.parquet")
    parser.add_argument("--period-days", type=int, default=540)
    args = parser.parse_args()
    on = date.fromisoformat(args.on)
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
    t0 = time.perf_counter()
    schedule = load_schedule("us-2025-26")
    schedule.resolve("8703.23.01.90", "JP", on)  # its index, built when first used
    t1 = time.perf_counter()
    result = panel(schedule, on=on)
    t2 = time.perf_counter()
    rows = result.to_parquet(args.out)
    t3 = time.perf_counter()
    cells = len(result.products) * len(result.origins)
    sample = random.Random(1).sample(lines(schedule, on), 200)
    t4 = time.perf_counter()
    for product in sample:
        schedule.resolve(product, "JP", on, value=10_000)
    per_resolution = (time.perf_counter() - t4) / len(sample)
    if args.period_days:
        start = date(2025, 1, 1)
        t5 = time.perf_counter()
        over = panel(schedule, period=Period(start, start + timedelta(days=args.period_days)))
        t6 = time.perf_counter()
        print(
            f"panel over {args.period_days} days: {over.resolutions:,} resolutions, {t6 - t5:.1f} s, "
            f"{(t6 - t5) / (t2 - t1):.1f} x one day (target: <= 3 x)"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    print(f"schedule loaded and indexed in {t1 - t0:.1f} s")
    print(
        f"panel: {len(result.products)} lines x {len(result.origins)} origins = {cells:,} cells, "
        f"{result.resolutions:,} resolutions, {t2 - t1:.1f} s"
    )
    print(f"parquet: {rows:,} rows in {t3 - t2:.1f} s")
    print(f"baseline: one resolution {per_resolution * 1e6:.0f} µs, x every cell = {per_resolution * cells:,.0f} s")
    print(f"peak RSS: {peak:,.0f} MB (target: one day <= 15 s, peak <= 1 GB)")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
