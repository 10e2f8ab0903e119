"""
Load the packaged MFN schedule (src/tariffcalc/us/data/hts_mfn.json.gz),
beside a plain ``json.load`` of one raw USITC export in the same run; the
process RSS after loading; and the median time of one uncached resolution of
a random real line.

    python benchmarks/load_mfn.py

Targets: load ≤ 1.5 s, RSS ≤ 150 MB, resolution ≤ 20 µs.
Run it in a fresh process: the RSS figure is the process peak.
"""

from __future__ import annotations

import gzip
import json
import random
import resource
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

RAW = Path(__file__).resolve().parent.parent / "tests" / "data" / "hts" / "hts_2025_rev_32.json.gz"
ORIGINS = ["JP", "CN", "DE", "GB", "KR", "VN", "IN", "BR", "CA", "MX", "CU", "RU"]


def rss_mb() -> float:
    """Peak resident set size of this process in MB (ru_maxrss is KB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main() -> None:
    t0 = time.perf_counter()
    from tariffcalc.us.mfn import load_mfn, read_extract

    imported = time.perf_counter() - t0

    t0 = time.perf_counter()
    schedule = load_mfn()
    loaded = time.perf_counter() - t0
    rss = rss_mb()

    t0 = time.perf_counter()
    with gzip.open(RAW, "rt", encoding="utf-8") as f:
        rows = json.load(f)
    raw = time.perf_counter() - t0

    rng = random.Random(20251115)
    codes = [line[0] for line in read_extract()["lines"] if len(line[0]) == 10]
    entries = [
        (rng.choice(codes), rng.choice(ORIGINS), date(2025, 1, 1) + timedelta(days=rng.randrange(600)))
        for _ in range(3_000)
    ]
    samples = []
    for code, origin, on in entries:
        t0 = time.perf_counter()
        schedule.resolve(code, origin, on, value=10_000)
        samples.append(time.perf_counter() - t0)
    median = statistics.median(samples) * 1e6

    # The same resolutions with the entries prepared beforehand, as benchmarks/resolve.py measures them.
    from tariffcalc._resolver import resolve
    from tariffcalc.entries import Entry
    from tariffcalc.resolution import Rounding

    prepared = [Entry.of(code, origin, on, value=10_000) for code, origin, on in entries]
    rounding = Rounding()
    core = []
    for entry in prepared:
        t0 = time.perf_counter()
        resolve(schedule, entry, rounding)
        core.append(time.perf_counter() - t0)
    core_median = statistics.median(core) * 1e6

    print(f"import tariffcalc.us.mfn:           {imported:6.2f} s")
    print(
        f"load_mfn(): {len(schedule.measures):,} measures   {loaded:6.2f} s   (target ≤ 1.5 s: "
        f"{'met' if loaded <= 1.5 else 'NOT met'})"
    )
    print(f"json.load of raw {RAW.name} ({len(rows):,} rows): {raw:6.2f} s")
    print(
        f"RSS after loading:                         {rss:6.1f} MB (target ≤ 150 MB: "
        f"{'met' if rss <= 150 else 'NOT met'})"
    )
    print(
        f"resolution of a random real 10-digit line: median {median:6.1f} µs over {len(samples):,} "
        f"uncached schedule.resolve() calls (target ≤ 20 µs: {'met' if median <= 20 else 'NOT met'})"
    )
    print(
        f"  of which the resolver on a prepared entry: median {core_median:6.1f} µs (target ≤ 20 µs: "
        f"{'met' if core_median <= 20 else 'NOT met'})"
    )


if __name__ == "__main__":
    main()
