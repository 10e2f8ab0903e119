"""
``tariffcalc refund`` on a long file: 100,000 synthetic entry lines (ten
origins, dates across 2025-2026, a handful of products), timed end to end
through the command, in a fresh process.

    python benchmarks/refund.py [LINES]

Target: 100,000 lines within a couple of minutes on one core.
"""

from __future__ import annotations

import csv
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

PRODUCTS = ["9503.00.00.90", "8467.21.00.10", "6110.20.20.79", "8708.30.50.90", "9401.61.60.11"]
ORIGINS = ["JP", "CN", "DE", "GB", "KR", "VN", "IN", "BR", "CA", "MX"]


def write(path: Path, lines: int) -> None:
    rng = random.Random(20260420)
    start = date(2025, 2, 1)
    with path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["entry", "line", "hts", "origin", "entry_date", "value", "liquidation_date"])
        for i in range(lines):
            on = start + timedelta(days=rng.randrange(500))
            value = rng.randrange(100, 100_000)
            liquidated = (on + timedelta(days=314)).isoformat() if rng.random() < 0.5 else ""
            w.writerow([f"E{i // 5:07d}", i % 5 + 1, rng.choice(PRODUCTS), rng.choice(ORIGINS), on, value, liquidated])


def main() -> None:
    lines = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    from tariffcalc.cli import main as cli

    with tempfile.TemporaryDirectory() as tmp:
        entries = Path(tmp) / "entries.csv"
        write(entries, lines)
        t0 = time.perf_counter()
        status = cli(["refund", str(entries), "--as-of", "2026-04-20", "--out", str(Path(tmp) / "out.csv")])
        elapsed = time.perf_counter() - t0
    print(f"{lines} lines: {elapsed:.1f} s ({elapsed / lines * 1e6:.0f} µs per line), exit {status}", file=sys.stderr)


if __name__ == "__main__":
    main()
