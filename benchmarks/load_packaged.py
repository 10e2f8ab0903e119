"""
Build the packaged schedule from its data files in fresh processes, beside
the same build from the data as of an earlier commit (default: the data of
spring–summer 2025, before the law was taken to 2026), and print both
times and their ratio. Also times a resolution with and without a
knowledge date (``known=``) in one process.

    python benchmarks/load_packaged.py [--baseline REV] [--runs N]

Needs a git checkout (the baseline data is read with ``git archive``). Run
by hand; nothing here is a timed test.
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = "src/tariffcalc/us/data/us2025"
#: The last commit whose packaged data covered only spring–summer 2025.
BASELINE = "b7fc4c5"

BUILD = """
import sys, time
t0 = time.perf_counter()
from tariffcalc.us.mfn import mfn_measures
from tariffcalc.io.datafiles import read_dataset
from tariffcalc.us.groups import COLUMN2
from tariffcalc.schedule import Schedule
data = read_dataset(sys.argv[1])
measures = data.to_schedule()
full = Schedule("s", [*mfn_measures(), *measures.measures], rules=measures.rules,
                suspensions=measures.suspensions, groups=[COLUMN2, *measures.groups])
print(time.perf_counter() - t0, len(measures.measures), len(full.measures))
"""


def _baseline_dir(rev: str, into: Path) -> Path:
    archive = subprocess.run(["git", "archive", rev, DATA], cwd=ROOT, check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / DATA


def _build(directory: Path, runs: int) -> tuple[float, str]:
    times, sizes = [], ""
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", BUILD, str(directory)], check=True, capture_output=True, text=True)
        seconds, measures, total = out.stdout.split()
        times.append(float(seconds))
        sizes = f"{measures} measures, {total} with the MFN"
    return statistics.median(times), sizes


def _known_cost() -> tuple[float, float]:
    from tariffcalc.datasets import load_schedule
    from tariffcalc.errors import InvalidCodeError

    us = load_schedule("us-2025-26")
    rng = random.Random(2026)
    lines = sorted({p for m in us.measures if m.kind.value == "base" for p in m.products.include if p.level == 10})
    origins = ["JP", "CN", "DE", "GB", "CA", "MX", "VN", "KR", "BR", "IN", "CH", "TW"]
    entries = []
    for _ in range(3000):
        on = date(2025, 1, 1) + timedelta(days=rng.randrange(540))
        entries.append((rng.choice(lines), rng.choice(origins), on))
    plain, known = [], []
    for product, origin, on in entries:  # interleaved, so that machine load hits both alike
        try:
            us.check_product(product, on)
        except InvalidCodeError:  # a line of another revision than the one in force that day
            continue
        start = time.perf_counter()
        us.resolve(product, origin, on, value=10000)
        middle = time.perf_counter()
        us.resolve(product, origin, on, value=10000, known=on)
        plain.append(middle - start)
        known.append(time.perf_counter() - middle)
    return statistics.median(plain), statistics.median(known)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", default=BASELINE, help="the commit whose data is the baseline")
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per build (the median is shown)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        try:
            old_dir = _baseline_dir(args.baseline, Path(tmp))
        except (subprocess.CalledProcessError, FileNotFoundError) as e:
            print(f"cannot read the baseline data of {args.baseline} with git archive: {e}", file=sys.stderr)
            return 1
        old, old_sizes = _build(old_dir, args.runs)
        new, new_sizes = _build(ROOT / DATA, args.runs)
    print(f"build, data of {args.baseline}: {old:.2f}s ({old_sizes})")
    print(f"build, data of today:     {new:.2f}s ({new_sizes})")
    print(f"ratio today / baseline: {new / old:.2f} (target <= 1.5)")
    plain, known = _known_cost()
    print(
        f"resolve: median {plain * 1e6:.1f} us; with known=entry date {known * 1e6:.1f} us "
        f"(ratio {known / plain:.2f}, target <= 1.10)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
