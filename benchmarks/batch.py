"""
``tariffcalc rate FILE`` (the batch command) on a book of distinct lines,
beside ``Schedule.resolve`` in a loop on the same lines, in the same process
after the schedule is loaded: prints lines per second of each and the ratio
batch / loop.

    python benchmarks/batch.py [--lines N] [--seed S]

The lines are drawn like benchmarks/resolve_packaged.py's: tariff lines of
the packaged schedule at random, origins over the 20 largest US import
partners, days inside the horizon, a customs value on every row, grouped
five lines to an entry (so the MPF is costed per entry), one mode of
transport per entry. The loop is run once before the timing, so both find
the resolver's plans compiled alike. Target: at least 2,000 lines a second.
Run by hand; nothing here is a timed test.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from tariffcalc import MeasureKind
from tariffcalc.cli import main as cli
from tariffcalc.datasets import load_schedule

#: The 20 largest partners by US goods imports in 2024 (US Census, approximately in order).
PARTNERS = "MX CN CA DE JP VN KR TW IE IN IT CH GB TH MY FR SG NL BR ID".split()  # noqa: SIM905
MODES = ("sea", "air", "truck")


def book(n: int, seed: int) -> list[tuple[str, str, str, date, int, str]]:
    """*n* lines: (entry, hts, origin, day, value, mode), five lines to an entry with one day and mode."""
    schedule = load_schedule("us-2025-26")
    rng = random.Random(seed)
    horizon = schedule.horizon
    assert horizon is not None
    assert horizon.end is not None
    spans = sorted(
        (str(p), max(m.validity.start, horizon.start), min(m.validity.end or horizon.end, horizon.end))
        for m in schedule.measures
        if m.kind is MeasureKind.BASE
        for p in m.products.include
        if p.level >= 8
    )
    lines = []
    for i in range(n):
        if i % 5 == 0:
            code, start, end = rng.choice(spans)
            on = start + timedelta(days=rng.randrange(max(1, (end - start).days)))
            origin, mode = rng.choice(PARTNERS), rng.choice(MODES)
        else:  # another line of the entry: another product valid that day
            code, start, end = rng.choice(spans)
            while not (start <= on < end):
                code, start, end = rng.choice(spans)
        lines.append((f"E{i // 5:06d}", code, origin, on, rng.randrange(100, 250_000), mode))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    t0 = time.perf_counter()
    schedule = load_schedule("us-2025-26")
    print(f"schedule loaded in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    lines = book(args.lines, args.seed)

    def loop() -> float:
        t = time.perf_counter()
        for _, code, origin, on, value, _ in lines:
            schedule.resolve(code, origin, on, value=value)
        return time.perf_counter() - t

    loop()  # plans compiled for both
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "lines.csv"
        with path.open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["entry", "line", "hts", "origin", "entry_date", "value", "mode"])
            for i, (entry, code, origin, on, value, mode) in enumerate(lines):
                w.writerow([entry, i % 5 + 1, code, origin, on, f"{value:,}", mode])  # "12,345": the reader's work too
        t = time.perf_counter()
        status = cli(["rate", str(path), "--out", str(Path(tmp) / "out.csv")])
        batch = time.perf_counter() - t
    baseline = loop()
    n = len(lines)
    print(f"batch command: {n / batch:8.0f} lines/s ({n} lines, exit {status})")
    print(f"resolve loop:  {n / baseline:8.0f} lines/s")
    print(f"ratio batch / resolve loop: {baseline / batch:.2f}")


if __name__ == "__main__":
    main()
