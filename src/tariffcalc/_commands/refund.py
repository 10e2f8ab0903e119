"""
``tariffcalc refund``: the IEEPA refund of every line of an entries CSV
(see :mod:`tariffcalc.us.refunds`).

    tariffcalc refund entries.csv --as-of 2026-04-20
    tariffcalc refund entries.csv --json
    tariffcalc refund entries.csv --out refunds.csv
"""

from __future__ import annotations

import argparse
import csv
import io
import itertools
import json
import sys
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tariffcalc.datasets import DEFAULT
from tariffcalc.errors import InvalidEntryError, TariffError
from tariffcalc.io._cells import SafeWriter
from tariffcalc.periods import parse_day

if TYPE_CHECKING:  # the refund modules are imported when the command runs: other commands start faster
    from tariffcalc.codes import ProductCode
    from tariffcalc.us.refunds import RefundReport, Row

__all__ = ["register", "run_refund"]


#: A file of at most this many lines reads only its chapters of the packaged schedule.
_FEW = 1000


def _code(text: str | None) -> ProductCode | None:
    """The product code of a row's ``hts`` cell, or ``None`` (the row's own error is reported later)."""
    from tariffcalc.codes import ProductCode

    try:
        return ProductCode.parse(text) if text else None
    except TariffError:
        return None


def register(subparsers: Any) -> None:
    """Add the ``refund`` subcommand."""
    p = subparsers.add_parser(
        "refund",
        help="the IEEPA refund of every line of an entries CSV, by authority, with its route",
        description=(
            "Per entry line: the deposit as filed, the final duty, the refundable amount by authority "
            "with its legal status and citation, and the CAPE route by liquidation date. Bad rows are "
            "reported with their row number; the exit status is 1 when any row failed."
        ),
    )
    p.add_argument(
        "entries",
        help="CSV with columns entry,line,hts,origin,entry_date,value (and optional ones), or an ACE ES-003 export; - reads standard input",
    )
    p.add_argument(
        "--cape-out",
        metavar="DIR",
        help="write CAPE declaration CSV files (entry numbers, at most 9,999 per file) for the entries that can go in now",
    )
    p.add_argument("--known", help="deposits and legal status as known on this day, YYYY-MM-DD")
    p.add_argument(
        "--corporate",
        action="store_true",
        help="the importer is a corporation: refund interest at the corporate overpayment rate (needs a deposit_date column)",
    )
    p.add_argument("--as-of", help="the day the refund routes are worked out on, YYYY-MM-DD (default: today)")
    p.add_argument("--schedule", default=DEFAULT, help=f"packaged schedule name ({DEFAULT}) or a data file/directory")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print JSON")
    out.add_argument("--out", help="write one CSV row per line to this file")
    p.set_defaults(run=run_refund)


def _progress(total_hint: int) -> tuple[Callable[[int], None] | None, Callable[[], None]]:
    if total_hint < 1000 or not sys.stderr.isatty():
        return None, lambda: None
    try:
        from tqdm import tqdm
    except ImportError:
        return None, lambda: None
    bar = tqdm(total=total_hint, unit="line", file=sys.stderr)
    return (lambda _n: bar.update(1)), bar.close


def _write_csv(report: RefundReport, path: str) -> None:
    authorities = sorted({r.authority for line in report.lines for r in line.by_instrument})
    with Path(path).open("w", newline="", encoding="utf-8") as f:
        w = SafeWriter(f)  # entry and line numbers read from a file are text: never a formula
        w.writerow(["entry", "line", "as_filed", "final", "refundable", *authorities, "route", "deadline"])
        for line in report.lines:
            by = {a: sum(r.amount for r in line.by_instrument if r.authority == a) for a in authorities}
            route = line.route
            w.writerow(
                [
                    line.entry,
                    line.line,
                    line.as_filed,
                    line.final,
                    line.refundable,
                    *(by[a] for a in authorities),
                    route.phase if route else "",
                    route.deadline or "" if route else "",
                ]
            )


def _text(report: RefundReport) -> str:
    out = []
    for line in report.lines:
        route = f"  [{line.route.phase}]" if line.route is not None else ""
        out.append(
            f"{line.entry}/{line.line}: as filed {line.as_filed}, final {line.final}, refundable {line.refundable}{route}"
        )
        for r in line.by_instrument:
            out.append(f"    {r.authority} {r.heading}: {r.amount} ({r.status})")
        if line.paid_difference is not None and line.paid_difference != 0:
            out.append(f"    duty paid differs from the computed deposit by {line.paid_difference}")
        for flag in line.flags:
            out.append(f"    ! {flag}")
        if line.interest is not None:
            i = line.interest
            shown = i.amount if i.amount is not None else "not computable: needs " + "; ".join(i.missing)
            out.append(f"    interest from {i.deposited} to {i.liquidated}: {shown}")
            out += [
                f"      {p.start}/{p.end}: {p.days} days at {p.percent}% [{p.citation.instrument.id}]"
                for p in i.periods
            ]
    out.append("")
    for entry, total in report.by_entry().items():
        out.append(f"entry {entry}: refundable {total}")
    interest = report.total_interest
    if interest is None:
        out.append(f"Total refundable: {report.total_refundable} (interest not computed)")
    else:
        out.append(f"Total refundable: {report.total_refundable}; interest {interest} (19 U.S.C. 1505(c))")
    out += [f"warning: {w}" for w in report.warnings]
    return "\n".join(out)


def run_refund(args: argparse.Namespace) -> int:
    """Print or write the refund report; exit 1 when any row failed."""
    from tariffcalc.datasets import load_for_products, load_schedule
    from tariffcalc.io._guard import STDIN_NAME, check_output, file_problem, is_stdin, read_stdin
    from tariffcalc.io._limits import MAX_CSV_BYTES
    from tariffcalc.us.es003 import cape_files, check_cape_dir, es003_report, is_es003
    from tariffcalc.us.refunds import read_rows, refund_rows, rows_of_bytes

    try:
        known = parse_day(args.known) if args.known is not None else None
        as_of = parse_day(args.as_of) if args.as_of is not None else date.today()  # the library has no implicit today
    except TariffError as e:
        raise InvalidEntryError(f"--known/--as-of: {e}") from None
    # Every path is checked before any work, so a bad one is not found after the whole computation.
    stdin = is_stdin(args.entries)
    if stdin and is_stdin(args.schedule):
        raise InvalidEntryError(
            "the entries and --schedule cannot both be read from standard input (-); give one as a file"
        )
    problem = None if stdin else file_problem(args.entries)
    if problem is not None:
        raise InvalidEntryError(f"{args.entries}: {problem}")
    if args.out:
        check_output("--out", args.out)
    if args.cape_out:
        check_cape_dir(args.cape_out)
    path = Path(args.entries)
    # Standard input is read once, with a bound, and the rows, the header and the count come from those bytes.
    data = read_stdin(MAX_CSV_BYTES, "the entries") if stdin else b""
    rows = rows_of_bytes(data, STDIN_NAME) if stdin else read_rows(path)
    first = next(rows, None)
    if first is None:
        where = STDIN_NAME if stdin else args.entries
        raise InvalidEntryError(f"{where}: no entry rows; give a CSV with a header and one row per entry line")
    if stdin:
        text = data.decode("utf-8-sig", errors="replace")
        header = next(csv.reader(io.StringIO(text, newline="")), [])
        count = data.count(b"\n") - 1
    else:
        with path.open(newline="", encoding="utf-8-sig", errors="replace") as f:
            header = next(csv.reader(f), [])  # read_rows has read it once: it is readable
        with path.open("rb") as f:
            count = sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b"")) - 1  # after the header
    chained: Iterable[Row] = itertools.chain([first], rows)
    schedule = None
    if count <= _FEW and not is_es003(header):
        # A short file: only the chapters of its codes are read from the schedule cache (the same answers).
        listed = list(chained)
        codes = [_code(row.get("hts")) for row in listed]
        if all(code is not None for code in codes):
            schedule = load_for_products(args.schedule, [code for code in codes if code is not None])
        chained = listed
    if schedule is None:
        schedule = load_schedule(args.schedule)
    step, close = _progress(count)
    try:
        if is_es003(header):
            report = es003_report(schedule, chained, known=known, as_of=as_of, progress=step)
        else:
            report = refund_rows(schedule, chained, known=known, as_of=as_of, progress=step, corporate=args.corporate)
    finally:
        close()
    if args.cape_out:
        for written in cape_files(report, args.cape_out):
            print(f"wrote {written}", file=sys.stderr)
    if args.json:
        document = report.to_dict()
        document["schedule"] = {"name": schedule.name, "fingerprint": schedule.fingerprint}
        print(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        if args.out:
            _write_csv(report, args.out)
        print(_text(report))
        for error in report.errors:
            print(f"row {error.row}: {error.reason}", file=sys.stderr)
    return 1 if report.errors else 0
