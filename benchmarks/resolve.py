"""
Median time of one uncached resolution on a synthetic schedule of 10,000
base measures and 50 additional measures, beside a naive scan of every
measure for candidates, in the same run.

    python benchmarks/resolve.py

Target: at most 20 µs per uncached resolution.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import date, timedelta

from tariffcalc import (
    Citation,
    Country,
    Displacement,
    Instrument,
    Measure,
    MeasureKind,
    OriginScope,
    Period,
    ProductScope,
    Schedule,
    StackingRule,
    Suspension,
)
from tariffcalc._resolver.index import Index
from tariffcalc._resolver.steps import resolve_entry
from tariffcalc.entries import Entry
from tariffcalc.rates import AdValorem
from tariffcalc.resolution import Rounding

ACT = Instrument("SYNTHETIC", "Synthetic benchmark schedule", known_on=date(2025, 1, 1))
COUNTRIES = ["JP", "CN", "DE", "GB", "KR", "VN", "IN", "BR", "CA", "MX"]


def synthetic_schedule(rng: random.Random) -> Schedule:
    everyone = OriginScope.parse("all")
    measures = []
    for i in range(10_000):
        code = f"{rng.randrange(1, 98):02d}{rng.randrange(100):02d}{i:06d}"
        measures.append(
            Measure(
                f"base.{code}",
                "base line",
                MeasureKind.BASE,
                AdValorem(rng.randrange(0, 30)),
                ProductScope.parse(code),
                everyone,
                Period(date(2025, 1, 1)),
                Citation(ACT, heading=code),
            )
        )
    for j in range(50):
        chapter = f"{rng.randrange(1, 98):02d}"
        scope = ProductScope.parse("all") if j % 10 == 0 else ProductScope.parse(chapter)
        start = date(2025, 1, 1) + timedelta(days=rng.randrange(300))
        measures.append(
            Measure(
                f"extra.{j}",
                "additional",
                MeasureKind.ADDITIONAL,
                AdValorem(rng.randrange(1, 50)),
                scope,
                OriginScope.parse(rng.choice(COUNTRIES) if j % 3 else "all"),
                Period(start, start + timedelta(days=200)),
                Citation(ACT, heading=f"9903.99.{j:02d}"),
                tags={f"tag{j % 5}", f"measure{j}"},
            )
        )
    rules = [
        StackingRule(f"rule.{k}", f"tag{k}", f"tag{k + 1}", Displacement.ENTRY, Period(date(2025, 1, 1)), Citation(ACT))
        for k in range(4)
    ]
    starts = {m.id: m.validity.start for m in measures if m.kind is MeasureKind.ADDITIONAL}
    suspensions = [
        Suspension(
            f"pause.{j}",
            {f"extra.{j}"},
            Period(starts[f"extra.{j}"] + timedelta(days=30), starts[f"extra.{j}"] + timedelta(days=90)),
            Citation(ACT),
        )
        for j in range(0, 50, 7)
    ]
    return Schedule("synthetic", measures, rules=rules, suspensions=suspensions)


class NaiveIndex(Index):
    """The same resolver, but candidates come from a scan of every measure."""

    def __init__(self, index: Index, measures: list[Measure]) -> None:
        super().__init__(
            index.name, measures, list(index.rules), [s for ss in index.suspensions.values() for s in ss], index.groups
        )
        self.all = sorted(measures, key=lambda m: m.id)

    def candidates(self, digits: str, origin: Country | None = None) -> list[Measure]:
        # A scan; origins are screened one by one afterwards (the index also skips those never reached).
        return [
            m for m in self.all if m.products.everything or any(digits.startswith(p.digits) for p in m.products.include)
        ]


def median_us(index: Index, entries: list[Entry], rounds: int) -> float:
    rounding = Rounding()
    samples = []
    for _ in range(rounds):
        for entry in entries:
            t0 = time.perf_counter()
            resolve_entry(index, entry, rounding, planned=False)  # uncached: no compiled plans
            samples.append(time.perf_counter() - t0)
    return statistics.median(samples) * 1e6


def main() -> None:
    rng = random.Random(20250409)
    t0 = time.perf_counter()
    schedule = synthetic_schedule(rng)
    build = time.perf_counter() - t0
    codes = [m.products.include[0].digits for m in schedule.measures if m.kind is MeasureKind.BASE]
    entries = [
        Entry.of(
            rng.choice(codes),
            rng.choice(COUNTRIES),
            date(2025, 1, 1) + timedelta(days=rng.randrange(365)),
            value=10_000,
        )
        for _ in range(2_000)
    ]
    index = schedule._index  # the resolver's own index: this compares it with a scan
    naive = NaiveIndex(index, list(schedule.measures))
    fast = median_us(index, entries, rounds=5)
    slow = median_us(naive, entries[:200], rounds=1)
    print(f"schedule: 10,000 base + 50 additional measures, built and checked in {build:.2f} s")
    print(f"indexed resolver:  median {fast:8.1f} µs per uncached resolution ({len(entries) * 5} resolutions)")
    print(f"naive scan:        median {slow:8.1f} µs per resolution ({200} resolutions)")
    print(f"speed-up: {slow / fast:.0f}x; target ≤ 20 µs: {'met' if fast <= 20 else 'NOT met'}")


if __name__ == "__main__":
    main()
