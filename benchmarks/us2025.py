"""
Read the us-2025 data files, build the full ``us-2025`` schedule (MFN + the
2025 measures), and time resolutions of real lines from several origins on
days of 2025, and ``tariffcalc explain`` from a fresh process.

    python benchmarks/us2025.py

Run by hand; nothing here is a timed test.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta


def main() -> None:
    t0 = time.perf_counter()
    from tariffcalc.datasets import data_path, load_schedule
    from tariffcalc.io.datafiles import read_dataset

    t1 = time.perf_counter()
    data = read_dataset(data_path())
    t2 = time.perf_counter()
    data.to_schedule()
    t3 = time.perf_counter()
    full = load_schedule("us-2025")
    t4 = time.perf_counter()
    print(
        f"import {t1 - t0:.3f}s; read data files {t2 - t1:.3f}s ({len(data.measures)} measures); "
        f"check {t3 - t2:.3f}s; with MFN {t4 - t3:.3f}s ({len(full.measures)} measures)"
    )

    rng = random.Random(2025)
    lines = sorted({p for m in full.measures if m.kind.value == "base" for p in m.products.include if p.level == 10})
    origins = ["JP", "CN", "DE", "GB", "CA", "MX", "VN", "KR", "BR"]
    samples = []
    for _ in range(2000):
        product = rng.choice(lines)
        on = date(2025, 1, 1) + timedelta(days=rng.randrange(420))
        start = time.perf_counter()
        full.resolve(product, rng.choice(origins), on, value=10000, contents={"steel": 3000, "aluminum": 1000})
        samples.append(time.perf_counter() - start)
    print(
        f"resolve: median {statistics.median(samples) * 1e6:.0f} us, "
        f"p95 {sorted(samples)[int(len(samples) * 0.95)] * 1e6:.0f} us over {len(samples)} entries"
    )

    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "tariffcalc",
            "explain",
            "8708.30.50.90",
            "--origin",
            "JP",
            "--date",
            "2025-05-20",
            "--value",
            "1000",
        ],
        check=True,
        capture_output=True,
    )
    print(f"tariffcalc explain in a fresh process: {time.perf_counter() - start:.2f}s")


if __name__ == "__main__":
    main()
