"""
``tariffcalc offset``: the import adjustment offset drawn against a book of
entries (a CSV with columns ``product,origin,date,value``), in date order:
the parts duty before, the offset drawn per entry, the duty after and what
is left of the allowance.

    tariffcalc offset book.csv --msrp 2000000 --assembled 2025-06-01
    tariffcalc offset book.csv --allowance 6000 --json
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from typing import Any

from tariffcalc.datasets import DEFAULT
from tariffcalc.errors import InvalidEntryError
from tariffcalc.periods import parse_day

__all__ = ["register", "run_offset"]


def register(subparsers: Any) -> None:
    """Add the ``offset`` subcommand."""
    p = subparsers.add_parser(
        "offset",
        help="the Section 232 parts offset drawn against a CSV book of entries, in date order",
        description="Resolve each row of BOOK (columns product,origin,date,value) with the offset claimed, and draw "
        "the allowance against the Section 232 parts duty only, entry by entry in date order.",
    )
    p.add_argument("book", help="CSV with columns product,origin,date,value; - reads standard input")
    given = p.add_mutually_exclusive_group(required=True)
    given.add_argument("--allowance", help="the allowance in USD")
    given.add_argument(
        "--msrp", help="the aggregate MSRP (value, for MHDVs) of the vehicles assembled (with --assembled)"
    )
    p.add_argument("--assembled", help="a day of the assembly period the MSRP is for, YYYY-MM-DD")
    p.add_argument("--vehicles", default="cars", choices=("cars", "mhdv"), help="whose offset (default: cars)")
    p.add_argument("--known", help="the offset rate as known on this day, YYYY-MM-DD (with --msrp)")
    p.add_argument("--schedule", default=DEFAULT, help=f"packaged schedule name ({DEFAULT}) or a data path")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(run=run_offset)


def run_offset(args: argparse.Namespace) -> int:
    """Print the offset report."""
    from tariffcalc.datasets import load_schedule
    from tariffcalc.io._guard import is_stdin, read_guarded, source_name
    from tariffcalc.io._limits import MAX_CSV_BYTES
    from tariffcalc.us.offset import PROGRAMMES, Allowance, apply_offset

    if args.msrp is not None:
        if args.assembled is None:
            raise InvalidEntryError("--msrp needs --assembled, a day of the assembly period, e.g. 2025-06-01")
        known = None if args.known is None else parse_day(args.known)
        allowance = Allowance.from_msrp(args.msrp, parse_day(args.assembled), vehicles=args.vehicles, known=known)
    else:
        allowance = Allowance.of_amount(args.allowance)
    if is_stdin(args.book) and is_stdin(args.schedule):
        raise InvalidEntryError(
            "the book and --schedule cannot both be read from standard input (-); give one as a file"
        )
    # The one guarded reader: a regular file or standard input (-), bounded, UTF-8 (a byte-order mark allowed).
    text = read_guarded(args.book, MAX_CSV_BYTES, "the book")
    schedule = load_schedule(args.schedule)
    claim = PROGRAMMES[args.vehicles].claim
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    missing = {"product", "origin", "date", "value"} - set(rows[0] if rows else {})
    if missing:
        raise InvalidEntryError(
            f"{source_name(args.book)}: missing column(s) {', '.join(sorted(missing))}; give product,origin,date,value"
        )
    book = [
        schedule.resolve(r["product"], r["origin"], parse_day(r["date"]), value=r["value"], claims=[claim])
        for r in rows
    ]
    report = apply_offset(book, allowance, vehicles=args.vehicles)
    if args.json:
        doc = {
            "allowance": str(allowance.amount),
            "basis": allowance.basis,
            "rows": [
                {
                    "row": r.index + 1,
                    "date": r.on.isoformat(),
                    "product": r.product,
                    "parts_duty": str(r.parts_duty),
                    "drawn": str(r.drawn),
                    "parts_duty_after": str(r.parts_duty_after),
                    "other_duty": str(r.other_duty),
                    "left": str(r.left),
                }
                for r in report.rows
            ],
            "parts_duty": str(report.parts_duty),
            "drawn": str(report.drawn),
            "left": str(report.left),
        }
        print(json.dumps(doc, indent=2))
        return 0
    print(f"Allowance: {allowance.amount} ({allowance.basis})")
    print(
        f"{'row':>4}  {'date':<10}  {'product':<14}{'parts duty':>12}{'drawn':>12}{'after':>12}{'other':>12}{'left':>12}"
    )
    for r in report.rows:
        print(
            f"{r.index + 1:>4}  {r.on!s:<10}  {r.product:<14}{r.parts_duty!s:>12}{r.drawn!s:>12}"
            f"{r.parts_duty_after!s:>12}{r.other_duty!s:>12}{r.left!s:>12}"
        )
    print(f"Parts duty {report.parts_duty}, offset drawn {report.drawn}, left {report.left}")
    return 0
