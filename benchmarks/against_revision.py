"""
Load the packaged schedule and resolve a book of distinct questions with
this checkout's code and data, beside the same work done by an earlier
commit's code and data, in the same run: fresh processes, alternating, so
that the machine's load moves both alike. Prints each figure and the ratio
new / baseline.

    python benchmarks/against_revision.py [--baseline REV] [--runs N] [--entries N]

The questions are drawn once (tariff lines, the 20 largest partners, days
inside the baseline's horizon, a customs value on every row) and asked of
both, so the two resolve the same book. Needs a git checkout (the baseline
is read with ``git archive``). Run by hand; nothing here is a timed test.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The commit before the law was taken past June 2026.
BASELINE = "9e7cd7a"

#: Run in a fresh process with PYTHONPATH at one tree's src/: load (from sources, then from the cache
#: that load wrote), then resolve the book: a first pass (plans compiled) and the median of later passes.
WORK = r"""
import json, statistics, sys, time
from datetime import date
t0 = time.perf_counter()
from tariffcalc.datasets import load_schedule
schedule = load_schedule("us-2025-26")
load = time.perf_counter() - t0
book = [(p, o, date.fromisoformat(d)) for p, o, d in json.load(open(sys.argv[1]))]
def run():
    t = time.perf_counter()
    for p, o, d in book:
        schedule.resolve(p, o, d, value=10000, strict=False)
    return (time.perf_counter() - t) / len(book)
cold = run()
warm = statistics.median(run() for _ in range(5))
print(json.dumps({"load": load, "cold": cold, "warm": warm}))
"""


def _tree(rev: str, into: Path) -> Path:
    archive = subprocess.run(["git", "archive", rev, "src"], cwd=ROOT, check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def _book(n: int, src: Path) -> list[tuple[str, str, str]]:
    """*n* distinct questions on lines of the baseline's schedule, inside its horizon (drawn in its tree)."""
    code = f"""
import json, random
from datetime import timedelta
from tariffcalc import MeasureKind
from tariffcalc.datasets import load_schedule
s = load_schedule("us-2025-26")
h = s.horizon
partners = "MX CN CA DE JP VN KR TW IE IN IT CH GB TH MY FR SG NL BR ID".split()
spans = sorted((str(p), max(m.validity.start, h.start), min(m.validity.end or h.end, h.end))
               for m in s.measures if m.kind is MeasureKind.BASE for p in m.products.include if p.level >= 8)
spans = [x for x in spans if x[1] < x[2]]
rng = random.Random(2026)
out = set()
while len(out) < {n}:
    p, a, b = rng.choice(spans)
    out.add((p, rng.choice(partners), (a + timedelta(days=rng.randrange((b - a).days))).isoformat()))
print(json.dumps(sorted(out)))
"""
    return json.loads(_python(code, src, []))


def _python(code: str, src: Path, args: list[str], cache: Path | None = None) -> str:
    env = {**os.environ, "PYTHONPATH": str(src)}
    env.pop("TARIFFCALC_NO_CACHE", None)
    env["TARIFFCALC_CACHE_DIR"] = str(cache) if cache is not None else tempfile.mkdtemp(prefix="tc-bench-")
    done = subprocess.run([sys.executable, "-c", code, *args], env=env, check=True, capture_output=True, text=True)
    return done.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--baseline", default=BASELINE)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--entries", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tariffcalc-against-") as tmp:
        old = _tree(args.baseline, Path(tmp) / "baseline")
        trees = {"baseline": old, "this checkout": ROOT / "src"}
        book = Path(tmp) / "book.json"
        book.write_text(json.dumps(_book(args.entries, old)), encoding="utf-8")
        figures: dict[str, dict[str, list[float]]] = {name: {} for name in trees}
        for _ in range(args.runs):
            for name, src in trees.items():
                cache = Path(tempfile.mkdtemp(prefix="tc-bench-", dir=tmp))
                for kind, result in (
                    ("from sources", json.loads(_python(WORK, src, [str(book)], cache))),
                    ("from the cache", json.loads(_python(WORK, src, [str(book)], cache))),
                ):
                    for key, value in result.items():
                        figures[name].setdefault(f"{key} ({kind})", []).append(value)
    print(f"baseline {args.baseline} against this checkout: {args.entries} distinct questions with a value, ")
    print(f"median of {args.runs} alternating runs in fresh processes")
    for key in figures["baseline"]:
        a, b = (statistics.median(figures[n][key]) for n in trees)
        unit, scale = ("s", 1) if key.startswith("load") else ("µs", 1e6)
        print(f"{key:28} baseline {a * scale:10.2f} {unit}   this {b * scale:10.2f} {unit}   ratio {b / a:5.2f}")


if __name__ == "__main__":
    main()
