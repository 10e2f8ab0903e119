"""
``tariffcalc diff``: one product from one origin over a range of days, under
the schedule and under a scenario, with the days on which they differ.

    tariffcalc diff --scenario jp-deal-from-may 9403.60.80.93 --origin JP --from 2025-04-01 --to 2025-10-01
    tariffcalc diff --scenario jp-pause-to-oct --known 2025-05-20 9403.60.80.93 --origin JP --from 2025-07-01 --to 2025-10-15

With ``--known``, both sides are the law as known on that day, the
scenario applied to it ("as known in May 2025").
"""

from __future__ import annotations

import argparse
import itertools
import json
from datetime import date
from typing import Any

from tariffcalc.datasets import DEFAULT
from tariffcalc.errors import InvalidEntryError, InvalidPeriodError
from tariffcalc.periods import Period, parse_day
from tariffcalc.question import QuestionFacts
from tariffcalc.resolution import Resolution
from tariffcalc.timeline import Timeline

__all__ = ["register", "run_diff"]


def register(subparsers: Any) -> None:
    """Add the ``diff`` subcommand."""
    parser = subparsers.add_parser(
        "diff",
        help="an entry's duty over a range of days under the schedule and under a scenario file",
        description="The total rate (and amount, with --value) of one product from one origin on every day of a "
        "range, under the schedule and under a scenario, and where they differ.",
    )
    parser.add_argument("product", help="HTS code, e.g. 9403.60.80.93")
    parser.add_argument(
        "--scenario", required=True, help="a scenario TOML file, or a packaged one by name; - reads standard input"
    )
    parser.add_argument("--origin", required=True, help="country of origin, ISO 3166-1 alpha-2 (JP, CN, DE)")
    parser.add_argument("--from", dest="start", required=True, help="first day, YYYY-MM-DD")
    parser.add_argument("--to", dest="end", required=True, help="the day after the last one, YYYY-MM-DD (excluded)")
    parser.add_argument("--value", help="customs value in USD (without it: rates only)")
    parser.add_argument(
        "--known", help="the law as known on this day, YYYY-MM-DD, on both sides (default: the final law)"
    )
    parser.add_argument("--claim", action="append", default=[], help="a programme or exemption claimed (repeatable)")
    parser.add_argument("--schedule", default=DEFAULT, help=f"packaged schedule name ({DEFAULT}) or a data path")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.set_defaults(run=run_diff)


def _pieces(a: Timeline, b: Timeline) -> list[tuple[date, date, Resolution, Resolution]]:
    end = a.segments[-1].period.end
    assert end is not None  # a timeline's period has an end
    days = sorted({s.period.start for s in (*a.segments, *b.segments)} | {end})
    return [(start, stop, a.at(start), b.at(start)) for start, stop in itertools.pairwise(days)]


def _text(x: Any) -> str | None:
    return None if x is None else format(x, "f")


def run_diff(args: argparse.Namespace) -> int:
    """Print the two timelines side by side."""
    from tariffcalc.datasets import load_schedule
    from tariffcalc.scenarios import load_scenario

    start, end = parse_day(args.start), parse_day(args.end)
    if end <= start:
        raise InvalidPeriodError(f"--to ({end}) must be after --from ({start}); it is the first day left out")
    known = None if args.known is None else parse_day(args.known)
    if args.scenario == "-" and args.schedule == "-":
        raise InvalidEntryError(
            "--scenario and --schedule cannot both be read from standard input (-); give one as a file"
        )
    scenario = load_scenario(args.scenario)
    base = load_schedule(args.schedule)
    after, notes = scenario.apply_with_notes(base, known=known)  # the changes made once for both
    period = Period(start, end)
    facts: QuestionFacts = {"value": args.value, "claims": args.claim, "known": known}
    a = base.timeline(args.product, args.origin, period, **facts)
    b = after.timeline(args.product, args.origin, period, **facts)
    rows: list[dict[str, Any]] = []
    for first, stop, x, y in _pieces(a, b):
        delta = None if x.rate is None or y.rate is None else y.rate - x.rate
        same = (_text(x.rate), _text(y.rate), _text(x.amount), _text(y.amount))
        if (
            rows
            and (rows[-1]["rate"], rows[-1]["scenario_rate"], rows[-1]["amount"], rows[-1]["scenario_amount"]) == same
        ):
            rows[-1]["to"] = stop.isoformat()  # the same answers on both sides: one period
            continue
        rows.append(
            {
                "from": first.isoformat(),
                "to": stop.isoformat(),
                "rate": _text(x.rate),
                "scenario_rate": _text(y.rate),
                "delta_rate": _text(delta),
                "amount": _text(x.amount),
                "scenario_amount": _text(y.amount),
                "headings": [line.heading for line in x.lines],
                "scenario_headings": [line.heading for line in y.lines],
            }
        )
    if args.json:
        doc = {
            "product": args.product,
            "origin": args.origin,
            "schedule": base.name,
            "scenario": scenario.name,
            "known": None if known is None else known.isoformat(),
            "periods": rows,
            "notes": list(notes),
        }
        print(json.dumps(doc, indent=2))
        return 0
    print(f"{args.product} from {args.origin}, {start} to {end} (excluded)")
    print(f"Schedule: {base.name}")
    print(f"Scenario: {scenario.name}")
    print(f"Law: {'the final law' if known is None else f'as known on {known}'}")
    print()
    width = max(len(f"{r['from']}/{r['to']}") for r in rows)
    for r in rows:
        days = f"{r['from']}/{r['to']}".ljust(width)
        rate = f"{r['rate']}%" if r["rate"] is not None else "n/a"
        what_if = f"{r['scenario_rate']}%" if r["scenario_rate"] is not None else "n/a"
        mark = "" if r["rate"] == r["scenario_rate"] else f"   changed ({r['delta_rate'] or '?'} points)"
        print(f"  {days}  {rate:>8} -> {what_if:>8}{mark}")
    if notes:
        print()
        print("Notes:")
        for note in notes:
            print(f"  - {note}")
    return 0
