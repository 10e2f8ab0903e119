"""
Time the ``tariffcalc`` command in fresh processes on the packaged schedule,
beside ``python -c "import tariffcalc"`` measured in the same run, with a
warm schedule cache (in a temporary directory, written by a first run):

- ``explain`` of one entry (target: at most 0.3 s), and with the cache off;
- an unknown code, refused (target: as fast as a valid code is answered);
- ``refund`` of a 10-line file (target: at most 1 s);
- ``diff`` with a packaged scenario (target: at most 3 s).

    python benchmarks/command.py [--runs N] [--cold-runs N]

The processes compile and cache their bytecode (in a temporary
``PYTHONPYCACHEPREFIX``, even where ``PYTHONDONTWRITEBYTECODE`` is set), as
an installed package has it. The machine's load moves every figure (it is
printed): compare the rows of one run, not runs on different days. Run by
hand; nothing here is a timed test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ENTRY = ["--origin", "JP", "--date", "2025-05-20", "--value", "40000"]
EXPLAIN = ["-m", "tariffcalc", "explain", "8703.23.01.90", *ENTRY]
UNKNOWN = ["-m", "tariffcalc", "explain", "9999.99.99.99", *ENTRY]
DIFF = [
    "-m",
    "tariffcalc",
    "diff",
    "--scenario",
    "jp-deal-from-may",
    "9403.60.80.93",
    "--origin",
    "JP",
    "--from",
    "2025-04-01",
    "--to",
    "2025-10-01",
]
REFUND_ROWS = [
    ("E0000001", 1, "9503.00.00.90", "CN", "2025-04-20", 12000, "2026-02-27"),
    ("E0000001", 2, "8467.21.00.10", "CN", "2025-04-20", 3400, "2026-02-27"),
    ("E0000002", 1, "6110.20.20.79", "VN", "2025-06-02", 8800, ""),
    ("E0000002", 2, "8708.30.50.90", "VN", "2025-06-02", 950, ""),
    ("E0000003", 1, "9401.61.60.11", "IN", "2025-09-10", 40000, ""),
    ("E0000003", 2, "9503.00.00.90", "IN", "2025-09-10", 7100, ""),
    ("E0000004", 1, "8467.21.00.10", "BR", "2025-08-15", 2600, "2026-07-10"),
    ("E0000004", 2, "6110.20.20.79", "BR", "2025-08-15", 510, "2026-07-10"),
    ("E0000005", 1, "8708.30.50.90", "JP", "2025-11-03", 19000, ""),
    ("E0000005", 2, "9401.61.60.11", "JP", "2025-11-03", 640, ""),
]


def _times(args: list[str], env: dict[str, str], runs: int, ok: tuple[int, ...] = (0,)) -> list[float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, *args], capture_output=True, env=env)
        times.append(time.perf_counter() - t0)
        if done.returncode not in ok:
            raise SystemExit(f"{' '.join(args)}: exit {done.returncode}\n{done.stderr.decode()}")
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
        entries = Path(directory) / "entries.csv"
        entries.write_text(
            "entry,line,hts,origin,entry_date,value,liquidation_date\n"
            + "".join(",".join(map(str, row)) + "\n" for row in REFUND_ROWS)
        )
        refund = ["-m", "tariffcalc", "refund", str(entries), "--as-of", "2026-04-20"]
        first = _times(EXPLAIN, warm, 1)[0]  # builds and writes the cache
        rows = [
            ('python -c "import tariffcalc"', _times(["-c", "import tariffcalc"], warm, args.runs), None),
            ("explain, warm cache", _times(EXPLAIN, warm, args.runs), 0.3),
            ("unknown code refused, warm cache", _times(UNKNOWN, warm, args.runs, ok=(2,)), None),
            ("refund of 10 lines, warm cache", _times(refund, warm, args.runs, ok=(0, 1)), 1.0),
            ("diff jp-deal-from-may, warm cache", _times(DIFF, warm, max(1, args.runs // 2)), 3.0),
            ("explain, cache off", _times(EXPLAIN, off, args.cold_runs), None),
        ]
    print(f"first run (builds and writes the cache): {first:.2f} s")
    baseline = statistics.median(rows[0][1])
    for label, times, target in (r for r in rows if r[1]):
        median = statistics.median(times)
        aim = f"  target <= {target} s" if target is not None else ""
        print(
            f"{label:36} median {median:.3f} s  min {min(times):.3f} s  "
            f"x{median / baseline:.1f} the import  ({len(times)} runs){aim}"
        )
    unknown, valid = statistics.median(rows[2][1]), statistics.median(rows[1][1])
    print(f"unknown code / valid code: {unknown / valid:.2f} (target: <= 1, as fast)")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
