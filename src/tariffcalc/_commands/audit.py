"""
``tariffcalc audit``: every deposit of an ACE ES-003 export checked against
the law as known on the entry date (see :mod:`tariffcalc.us.audit`).

    tariffcalc audit ES003.csv
    tariffcalc audit ES003.csv --tolerance 1.00 --json
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from tariffcalc.datasets import DEFAULT

__all__ = ["register", "run_audit"]


def register(subparsers: Any) -> None:
    """Add the ``audit`` subcommand."""
    p = subparsers.add_parser(
        "audit",
        help="check every deposit of an ES-003 export: Chapter 99 headings, amounts, SPI claims, the MPF",
        description=(
            "One finding per row: a heading the law applies that was not filed, a heading filed that does "
            "not apply, an amount that differs from the law as known on the entry date by more than the "
            "tolerance, a deposit the law as finally known changes, an SPI claim for an origin that was not a "
            "beneficiary, an MPF (class code 499) outside its minimum and maximum. "
            "The exit status is 1 when there are findings or bad rows."
        ),
    )
    p.add_argument("entries", help="an ACE ES-003 export (CSV); - reads standard input")
    p.add_argument("--tolerance", default="0.01", help="the difference in USD that is not a finding (default 0.01)")
    p.add_argument("--schedule", default=DEFAULT, help=f"packaged schedule name ({DEFAULT}) or a data file/directory")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run_audit)


def run_audit(args: argparse.Namespace) -> int:
    """Print the findings; 1 when there are any (or bad rows)."""
    from tariffcalc.datasets import load_schedule
    from tariffcalc.io.numbers import read_amount
    from tariffcalc.us.audit import audit_rows
    from tariffcalc.us.refunds import read_rows

    tolerance = read_amount(args.tolerance, "--tolerance")
    rows = read_rows(args.entries)
    schedule = load_schedule(args.schedule)
    report = audit_rows(schedule, rows, tolerance=tolerance)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        for finding in report.findings:
            print(finding)
        for error in report.errors:
            print(f"row {error.row}: not checked: {error.reason}", file=sys.stderr)  # as refund names bad rows
        print(f"{report.lines_checked} lines checked, {len(report.findings)} findings")
    return 1 if report.findings or report.errors else 0
