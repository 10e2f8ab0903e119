"""
``tariffcalc coverage [--hts FILE.json] [--json]``: how many Chapter 99
headings of each HTS revision the packaged schedule models, and why it does
not model the others (the Chapter 99 ledger, :mod:`tariffcalc.us.ledger`).

With ``--hts``, the 9903 headings of that USITC JSON export instead, and the
headings the schedule does not know: neither cited by a measure nor listed in
the ledger (a newer export than the data has read shows its new headings
here). Exit 0; 1 when ``--hts`` finds headings the schedule does not know.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the ledger and the data files are read when the command runs
    from tariffcalc.us.ledger import Accounting, Ledger

__all__ = ["register", "run"]


def register(subparsers: Any) -> None:
    """Add the ``coverage`` subcommand."""
    parser = subparsers.add_parser(
        "coverage",
        help="count the Chapter 99 headings the packaged schedule models, per HTS revision",
        description=(
            "Count, per HTS revision the data has read, the 9903 headings a measure of the packaged schedule "
            "cites (modelled) and those the Chapter 99 ledger lists as not modelled, by reason. With --hts, "
            "count the headings of that USITC JSON export and list those the schedule does not know."
        ),
    )
    parser.add_argument(
        "--hts", metavar="FILE.json", help="a USITC JSON export, gzipped or plain; - reads standard input"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(run=run)


def _row(a: Accounting) -> str:
    listed = sum(len(v) for v in a.listed.values())
    scope = "" if a.complete else "  (headings established or modified)"
    return f"  {a.revision:<14} {len(a.headings):>8} {len(a.modelled):>8} {listed:>12} {len(a.unaccounted):>11}{scope}"


def _reasons(accounts: tuple[Accounting, ...]) -> list[str]:
    from tariffcalc.us.ledger import Reason

    lines = ["not modelled, by reason:"]
    for reason in Reason:
        counts = [f"{a.revision} {len(a.listed[reason])}" for a in accounts if a.listed[reason]]
        if counts:
            lines.append(f"  {reason.value:<17} {', '.join(counts)}  ({reason.text})")
    return lines


def _text(ledger: Ledger, accounts: tuple[Accounting, ...]) -> list[str]:
    from tariffcalc.us.ledger import compact

    last = ledger.last_revision
    lines = [
        f"Chapter 99 headings of schedule {ledger.schedule!r} (last HTS revision read: {last.id}, "
        f"in force from {last.effective})",
        f"  {'revision':<14} {'headings':>8} {'modelled':>8} {'not modelled':>12} {'unaccounted':>11}",
    ]
    lines += [_row(a) for a in accounts]
    lines += _reasons(accounts)
    for a in accounts:
        if a.unaccounted:
            lines.append(f"not known to the schedule ({a.revision}): {compact(a.unaccounted, ledger.order)}")
    return lines


def run(args: argparse.Namespace) -> int:
    """Print the counts; 1 when an ``--hts`` export has headings the schedule does not know."""
    from tariffcalc.datasets import us2025_data
    from tariffcalc.us.ledger import cited_headings, load_ledger

    ledger = load_ledger()
    cited = cited_headings(us2025_data(), ledger.order)
    if args.hts:
        from tariffcalc.io._guard import source_name
        from tariffcalc.io.hts import read_rows

        headings = {row.htsno for row in read_rows(args.hts) if row.htsno.startswith("9903")}
        accounts: tuple[Accounting, ...] = (
            ledger.account(Path(source_name(args.hts)).name, headings, cited, complete=True),
        )
    else:
        accounts = ledger.accounts(cited)
    if args.json:
        last = ledger.last_revision
        out = {
            "schedule": ledger.schedule,
            "last_revision": {"id": last.id, "effective": last.effective.isoformat()},
            "revisions": [a.to_dict() for a in accounts],
        }
        print(json.dumps(out, indent=2))
    else:
        print("\n".join(_text(ledger, accounts)))
    return 1 if args.hts and accounts[0].unaccounted else 0
