"""
``tariffcalc measures [--search TEXT] [--schedule NAME|PATH] [--base]``:
list the measures of a schedule, one line each (id, heading, rate, validity,
confidence, title). Without ``--search`` only the additional measures are
listed (``--base`` adds the base duties, tens of thousands in ``us-2025``).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from tariffcalc.datasets import DEFAULT
from tariffcalc.measures import Measure, MeasureKind

__all__ = ["register", "run"]


def register(subparsers: Any) -> None:
    """Add the ``measures`` subcommand."""
    parser = subparsers.add_parser(
        "measures",
        help="list the measures of a schedule",
        description="List the measures of a schedule: id, heading, rate, validity, confidence and title.",
    )
    parser.add_argument("--search", help="only measures whose id, title, heading, tags or instrument contain TEXT")
    parser.add_argument(
        "--schedule", default=DEFAULT, help=f"packaged schedule name ({DEFAULT}) or a data file/directory"
    )
    parser.add_argument("--base", action="store_true", help="include the base (MFN) measures")
    parser.add_argument("--json", action="store_true", help="print a JSON list")
    parser.set_defaults(run=run)


def _haystack(m: Measure) -> str:
    c = m.citation
    return " ".join(
        [m.id, m.title, c.heading or "", c.instrument.id, c.instrument.title, " ".join(sorted(m.tags))]
    ).lower()


def _row(m: Measure) -> dict[str, Any]:
    c = m.citation
    return {
        "id": m.id,
        "kind": str(m.kind),
        "heading": c.heading,
        "rate": str(m.rate),
        "validity": str(m.validity),
        "origins": str(m.origins),
        "basis": str(m.basis),
        "tags": sorted(m.tags),
        "title": m.title,
        "citation": str(c),
        "confidence": str(c.confidence) if c.confidence else None,
    }


def run(args: argparse.Namespace) -> int:
    """Print the matching measures; 0 even when none match (the count says so)."""
    from tariffcalc.datasets import load_schedule

    schedule = load_schedule(args.schedule)
    needle = args.search.lower() if args.search else None
    chosen = [
        m
        for m in schedule.measures
        if (needle is not None and needle in _haystack(m))
        or (needle is None and (args.base or m.kind is MeasureKind.ADDITIONAL))
    ]
    chosen.sort(key=lambda m: (m.id, m.validity.start))
    if args.json:
        print(json.dumps([_row(m) for m in chosen], indent=2, ensure_ascii=False))
        return 0
    for m in chosen:
        r = _row(m)
        print(
            f"{r['id']}  {r['heading'] or '-'}  {r['rate']}  {r['validity']}  {r['origins']}  "
            f"[{r['confidence'] or '-'}]  {r['title']}"
        )
    print(f"{len(chosen)} measure(s) in schedule {schedule.name} ({schedule.fingerprint[:12]})")
    return 0
