"""
``tariffcalc hts-report PATH [--json]``: how well tariffcalc reads the rate
texts of one USITC HTS export.

For each column (General, Special, Other) it counts the rows with a rate
text (``total``), those read into a computable rate (``exact``; a Chapter 99
formula on "the applicable subheading" counts here, and the text report
says how many), those naming other lines that the importer followed
(``reference_resolved``), and the rest by the reason they are not
computable (``unsupported``). A Special text is exact when every programme
group in it is.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the HTS reader is imported when the command runs: other commands start faster
    from tariffcalc.io.hts import Revision
    from tariffcalc.io.hts_coverage import ColumnCoverage

__all__ = ["register", "run"]


def register(subparsers: Any) -> None:
    """Add the ``hts-report`` subcommand."""
    parser = subparsers.add_parser(
        "hts-report",
        help="count how the rate texts of a USITC HTS export are read",
        description=(
            "Count, per column (General, Special, Other), the rate texts of a USITC HTS export that read "
            "into a computable rate (exact), that name other lines the importer followed "
            "(reference_resolved), and the rest by the reason they are not computable (unsupported)."
        ),
    )
    parser.add_argument(
        "path", help="a USITC JSON export, gzipped or plain (e.g. hts_2025_rev_32.json.gz); - reads standard input"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object keyed by column")
    parser.set_defaults(run=run)


def _revision(path: str) -> Revision:
    from tariffcalc.io.hts import HtsFileError, Revision, revision_for

    try:
        return revision_for(path)
    except HtsFileError:
        stem = Path(path).name
        return Revision(f"HTS file {stem}", stem, date(1989, 1, 1), stem)


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.2f}%" if whole else "n/a"


def _text(name: str, c: ColumnCoverage) -> list[str]:
    lines = [
        f"{name}: {c.total:,} texts",
        f"  exact               {c.exact:>7,}  {_percent(c.exact, c.total):>7}"
        + (
            f"  (of which {c.chapter99_formulas:,} Chapter 99 formulas, reported not applied)"
            if c.chapter99_formulas
            else ""
        ),
        f"  reference_resolved  {c.reference_resolved:>7,}  {_percent(c.reference_resolved, c.total):>7}",
    ]
    unsupported = sum(c.unsupported.values())
    lines.append(f"  unsupported         {unsupported:>7,}  {_percent(unsupported, c.total):>7}")
    for reason, count in sorted(c.unsupported.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"    {count:>7,}  {reason}")
    return lines


def run(args: argparse.Namespace) -> int:
    """Print the report; 0 on success (a bad path raises :class:`~tariffcalc.io.hts.HtsFileError`)."""
    from tariffcalc.io._guard import source_name
    from tariffcalc.io.hts import HtsRevision, read_rows
    from tariffcalc.io.hts_coverage import revision_coverage

    path = str(args.path)
    rows = read_rows(path)
    revision = _revision(source_name(path))
    coverage = revision_coverage(HtsRevision.from_rows(revision, rows, where=source_name(path)))
    if args.json:
        print(json.dumps(coverage.to_dict(), indent=2))
        return 0
    print(f"{revision.id} ({Path(source_name(path)).name}): {len(rows):,} rows")
    for name in ("general", "special", "other"):
        for line in _text(name, getattr(coverage, name)):
            print(line)
    return 0
