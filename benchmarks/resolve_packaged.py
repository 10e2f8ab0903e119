"""
Time ``Schedule.resolve`` on the packaged schedule, beside a plain dict
lookup measured in the same run: tariff lines drawn at random from the
schedule, origins mixed over the 20 largest US import partners (2024, by
value), and dates over the whole period the data covers (its horizon).

    python benchmarks/resolve_packaged.py [--entries N] [--repeat R] [--profile]

Reports, beside the dict lookup:

* the one-time costs, kept out of the other figures: the first check of
  product codes (the schedule builds its index of lines then) and the
  resolver's index (built when the schedule first resolves);
* a *cold* figure: the mean time of the first pass, in which each (line,
  origin) is resolved for the first time in the process (the resolver
  compiles its plan for the pair then);
* the *warm* figure: the median over R later passes of the mean per entry,
  with and without a customs value, and as filed (``known`` the entry's
  day: screening then reads the validity as known of amended measures) (from the second question of a line,
  origin and stretch, steps 1 to 5 are the decision the plan kept, and
  only steps 6 and 7 run: see ``tariffcalc._resolver.pricing``).

Each figure is given as elapsed (wall) time and as the CPU time of this
process, which a loaded machine moves less.

Run by hand; the machine's load moves every figure, so compare the rows of one run.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import timedelta
from typing import Any

from tariffcalc import MeasureKind, ProductCode
from tariffcalc.datasets import load_schedule

#: The 20 largest partners by US goods imports in 2024 (US Census, approximately in order).
PARTNERS = (
    "MX CN CA DE JP VN KR TW IE IN IT CH GB TH MY FR SG NL BR ID".split()  # noqa: SIM905  # kept on one line
)


def _entries(n: int, seed: int = 2025) -> list[tuple[ProductCode, str, Any]]:
    """Lines with a day on which they are lines (inside the horizon), and a partner."""
    schedule = load_schedule("us-2025-26")
    rng = random.Random(seed)
    horizon = schedule.horizon
    assert horizon is not None
    assert horizon.end is not None
    spans = sorted(
        (p, max(m.validity.start, horizon.start), min(m.validity.end or horizon.end, horizon.end))
        for m in schedule.measures
        if m.kind is MeasureKind.BASE
        for p in m.products.include
        if p.level >= 8
    )
    spans = [(p, a, b) for p, a, b in spans if a < b]
    out = []
    for _ in range(n):
        product, first, end = rng.choice(spans)
        out.append((product, rng.choice(PARTNERS), first + timedelta(days=rng.randrange((end - first).days))))
    return out


def _per_call(fn: Any, items: list[Any], repeat: int) -> tuple[float, float]:
    """The median over *repeat* passes of the mean per item: wall-clock and this process's CPU time."""
    walls, cpus = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        for item in items:
            fn(item)
        walls.append((time.perf_counter() - t0) / len(items))
        cpus.append((time.process_time() - c0) / len(items))
    return statistics.median(walls), statistics.median(cpus)


def _row(label: str, wall: float, cpu: float, baseline: tuple[float, float]) -> str:
    return (
        f"{label:40} {wall * 1e6:9.2f} µs wall {cpu * 1e6:9.2f} µs CPU"
        f"  ({wall / baseline[0]:,.0f} / {cpu / baseline[1]:,.0f} x the dict lookup)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one pass instead")
    args = parser.parse_args()
    schedule = load_schedule("us-2025-26")
    entries = _entries(args.entries)
    table = {(str(p), o, d): i for i, (p, o, d) in enumerate(entries)}
    keys = list(table)

    def resolve(e: tuple[ProductCode, str, Any]) -> object:
        return schedule.resolve(e[0], e[1], e[2])

    def resolve_value(e: tuple[ProductCode, str, Any]) -> object:
        return schedule.resolve(e[0], e[1], e[2], value=10000)

    def resolve_as_filed(e: tuple[ProductCode, str, Any]) -> object:
        return schedule.resolve(e[0], e[1], e[2], value=10000, known=e[2])

    started = time.perf_counter()
    for e in entries:  # the first code checks build the schedule's index of lines: a one-time cost
        schedule.check_product(e[0], e[2])
    lines_built = time.perf_counter() - started
    started = time.perf_counter()
    schedule._index.by_id  # noqa: B018  # the resolver's index, built when first used: a one-time cost
    index_built = time.perf_counter() - started
    if args.profile:
        import cProfile
        import pstats

        for e in entries:  # profile the warm path: plans compiled
            resolve_value(e)
        with cProfile.Profile() as profile:
            for e in entries:
                resolve_value(e)
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)
        return
    pairs = {(str(p), o) for p, o, _ in entries}
    cold = _per_call(resolve_value, entries, 1)  # the first pass: every plan compiled now
    baseline = _per_call(table.__getitem__, keys, args.repeat)
    print(f"entries: {len(entries)} ({len(pairs)} distinct line x origin) x days {schedule.horizon}")
    print(_row("dict lookup (baseline)", *baseline, baseline))
    print(f"{'first code checks (index of lines, once)':40} {lines_built * 1e3:9.1f} ms wall in all")
    print(f"{'resolver index (built once)':40} {index_built * 1e3:9.1f} ms wall")
    print(_row("cold: first pass, value=10000", *cold, baseline))
    _per_call(resolve_as_filed, entries, 1)  # as filed: plans compiled for the knowledge dates too
    for label, fn in (
        ("warm: resolve, rates only", resolve),
        ("warm: resolve, value=10000", resolve_value),
        ("warm: as filed (known=entry day), value", resolve_as_filed),
    ):
        print(_row(label, *_per_call(fn, entries, args.repeat), baseline))
    print("wall: elapsed, moved by the machine's load; CPU: this process's time (median of the passes)")


if __name__ == "__main__":
    main()
