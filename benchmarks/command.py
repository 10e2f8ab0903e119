"""
Time ``tariffcalc explain`` in fresh processes on the packaged schedule,
beside ``python -c "import tariffcalc"`` measured in the same run: with a
warm schedule cache (in a temporary directory, written by a first run) and
with the cache turned off.

    python benchmarks/command.py [--runs N] [--cold-runs N]

The processes compile and cache their bytecode (in a temporary
``PYTHONPYCACHEPREFIX``, even where ``PYTHONDONTWRITEBYTECODE`` is set), as
an installed package has it. The machine's load moves every figure (it is
printed): compare the rows of one run, not runs on different days. Target:
``tariffcalc explain`` at most 0.5 s with a warm cache. Run by hand;
nothing here is a timed test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

EXPLAIN = ["-m", "tariffcalc", "explain", "8703.23.01.90", "--origin", "JP", "--date", "2025-05-20", "--value", "40000"]


def _times(args: list[str], env: dict[str, str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, *args], check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - t0)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--cold-runs", type=int, default=1)
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
    with tempfile.TemporaryDirectory() as directory:
        warm = {**os.environ, "TARIFFCALC_CACHE_DIR": directory, "PYTHONPYCACHEPREFIX": f"{directory}/pycache"}
        warm.pop("TARIFFCALC_NO_CACHE", None)
        warm.pop("PYTHONDONTWRITEBYTECODE", None)
        off = {**warm, "TARIFFCALC_NO_CACHE": "1"}
        first = _times(EXPLAIN, warm, 1)[0]  # builds and writes the cache
        rows = [
            ('python -c "import tariffcalc"', _times(["-c", "import tariffcalc"], warm, args.runs)),
            ("tariffcalc explain, warm cache", _times(EXPLAIN, warm, args.runs)),
            ("tariffcalc explain, cache off", _times(EXPLAIN, off, args.cold_runs)),
        ]
    print(f"first run (builds and writes the cache): {first:.2f} s")
    for label, times in (r for r in rows if r[1]):
        print(f"{label:40} median {statistics.median(times):.3f} s  min {min(times):.3f} s  ({len(times)} runs)")
    explain, baseline = statistics.median(rows[1][1]), statistics.median(rows[0][1])
    print(f"explain beyond the import: {explain - baseline:.3f} s (target: explain <= 0.5 s)")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
