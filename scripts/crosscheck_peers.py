"""
Cross-check the packaged us-2025 schedule against a peer model's headline
rates (The Budget Lab at Yale's tariff-rate-tracker, copied with its notes
to tests/data/peers/). The peer is a comparison, never a source: where the
two differ, the cited facts decide, and this script only lists the
differences for a person to read.

    python scripts/crosscheck_peers.py [--all]

For each peer row (date, country, programme, rate) it resolves one
representative product of the programme on that date and compares the rate
of the lines the programme contributes. Peer conventions it accounts for
(tests/data/peers/budgetlab-headline-rates.md): the reciprocal headline is
the country's whole reciprocal rate; deal rates are all-in totals; the
peer caps reciprocal rates at 10% during the 90-day pause. Section 301 and
copper are not compared (no single representative product; copper is not
modelled).
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

from tariffcalc import Resolution, Schedule
from tariffcalc.datasets import load_schedule

PEERS = Path(__file__).parent.parent / "tests" / "data" / "peers" / "budgetlab-headline-rates.csv"

# programme -> (representative product with a Free MFN rate where possible, tags of its lines)
PROGRAMMES = {
    "reciprocal": ("9403.60.80.93", {"reciprocal"}),  # wooden furniture, MFN free
    "fentanyl": ("9403.60.80.93", {"ieepa-cn", "ieepa-ca", "ieepa-mx"}),
    "autos": ("8703.23.01.90", {"s232-auto"}),  # MFN 2.5%: deal rates are compared as all-in totals
    "auto_parts": ("8708.30.50.90", {"s232-auto"}),
    "steel": ("7208.10.15.00", {"s232-steel"}),  # chapter 72: charged on the whole value
    "aluminum": ("7601.10.60.30", {"s232-aluminum"}),
}
ALL_IN = {"autos", "auto_parts"}
# Facts the peer's headline takes for granted: unwrought metal is all metal; the peer's
# CA/MX parts headline is for USMCA-qualifying parts and its GB car rate is in quota.
CONTENT = {"steel": {"steel": Decimal(10000)}, "aluminum": {"aluminum": Decimal(10000)}}
CLAIMS = {("auto_parts", "CA"): ["usmca"], ("auto_parts", "MX"): ["usmca"], ("autos", "GB"): ["uk-auto-trq"]}


def programme_rate(r: Resolution, tags: set[str], all_in: bool) -> Decimal | None:
    """The percentage the programme's lines add (with the base duty when the peer quotes all-in totals)."""
    if r.amount is None:
        return None  # a fact is missing or a rate needs working out by hand: no number to compare
    value = r.entry.value or Decimal(1)
    total = sum(
        (line.amount or Decimal(0) for line in r.lines if line.measure.tags & tags),
        Decimal(0),
    )
    if all_in and any(line.measure.tags & {"s232-auto-deal", "s232-auto-uk"} for line in r.lines):
        total += r.lines[0].amount or Decimal(0)
    return (total * 100 / value).quantize(Decimal("0.01"))


def main(show_all: bool) -> int:
    schedule: Schedule = load_schedule("us-2025")
    counts: Counter[str] = Counter()
    with PEERS.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            name = row["tariff_name"]
            if row["iso2"] == "OTHERS" or name not in PROGRAMMES:
                counts["not compared"] += 1
                continue
            product, tags = PROGRAMMES[name]
            on = date.fromisoformat(row["policy_effective_date"])
            claims = CLAIMS.get((name, row["iso2"]), [])
            r = schedule.resolve(product, row["iso2"], on, value=10000, content=CONTENT.get(name), claims=claims)
            ours = programme_rate(r, tags, name in ALL_IN)
            peer = (Decimal(row["rate"]) * 100).quantize(Decimal("0.01"))
            same = ours == peer
            counts["same" if same else "not computable here" if ours is None else "different"] += 1
            if show_all or not same:
                shown = "n/c" if ours is None else f"{ours}%"
                print(
                    f"{'  ' if same else '≠ '}{on} {row['iso2']} {name:10} peer {peer:>6}%  tariffcalc {shown:>7}  ({product})"
                )
    print(", ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main("--all" in sys.argv))
