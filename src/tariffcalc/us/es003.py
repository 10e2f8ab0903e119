"""
The ACE report ES-003 ("Entry Summary Line Tariff Details") as refund input.

The report has one row per tariff number per entry summary line: the line's
own HTS number and, on rows of their own, the Chapter 99 headings it was
filed under, each with the duty deposited. Columns are matched by their
published names, case-insensitively (public guides to the report: es-003.com,
"What Is the ES-003 Report?", and tariffi.io, "What is an ES-003 file"):
*Entry Number*, *Entry Date*, *HTS Code* (also *HTS Number*, *Tariff
Number*), *Duty Amount*, *Entered Value*, *Country of Origin*, *Liquidation
Status*, *Liquidation Date*, and the line number (*Line Number*, *Entry
Summary Line Number*). The exact header text of an ACE export was not seen:
the tests use a synthetic file built from these names.

What comes back is what was deposited on the IEEPA headings, 9903.01.xx and
9903.02.xx (the Chapter 99 rows ACE removes in CAPE, later facts §1.4),
once the IEEPA holding is final for every importer. tariffcalc's own
resolution of the line, under the law as known on the entry date, is the
cross-check: a line whose IEEPA deposit differs from it is flagged.

>>> from datetime import date
>>> from tariffcalc.datasets import load_schedule
>>> rows = [
...     {"entry number": "ABC00000011", "line number": "1", "hts code": "9503.00.00.90",
...      "country of origin": "JP", "entry date": "05/01/2025", "entered value": "1000",
...      "duty amount": "0.00", "liquidation status": "Unliquidated", "liquidation date": ""},
...     {"entry number": "ABC00000011", "line number": "1", "hts code": "9903.01.25",
...      "country of origin": "JP", "entry date": "05/01/2025", "entered value": "0",
...      "duty amount": "100.00", "liquidation status": "Unliquidated", "liquidation date": ""},
... ]
>>> report = es003_report(load_schedule("us-2025-26"), rows, as_of=date(2026, 4, 20))
>>> line = report.lines[0]
>>> line.refundable, line.flags, line.route.phase
(Decimal('100.00'), (), 'CAPE phase 1 (unliquidated)')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from tariffcalc._validators import require
from tariffcalc.errors import InvalidEntryError, TariffError
from tariffcalc.io._cells import SafeWriter
from tariffcalc.legal import LineStatus
from tariffcalc.periods import as_day, parse_day
from tariffcalc.resolution import Resolution
from tariffcalc.schedule import Schedule
from tariffcalc.us.refunds import (
    EntryLevel,
    Refundable,
    RefundLine,
    RefundReport,
    RowError,
    cell_amount,
    readable_rows,
    refundable_lines,
    route,
)

__all__ = ["CAPE_LIMIT", "COLUMNS", "cape_files", "es003_report", "is_es003", "report_day", "report_field"]

#: The report's columns by their published names (lower case), for each field used.
COLUMNS: dict[str, tuple[str, ...]] = {
    "entry": ("entry number", "entry summary number", "entry no", "entry no."),
    "line": ("line number", "entry summary line number", "line no", "line no."),
    "hts": ("hts code", "hts number", "tariff number", "htsus number", "hts"),
    "origin": ("country of origin", "country of origin code", "origin country code"),
    "entry_date": ("entry date",),
    "value": ("entered value", "line entered value"),
    "duty": ("duty amount", "line duty amount", "duty"),
    "liquidation_status": ("liquidation status",),
    "liquidation_date": ("liquidation date",),
    "spi": ("spi", "spi code", "special program indicator", "special program indicator code"),
}
_NEEDED = ("entry", "line", "hts", "entry_date", "duty")
#: At most this many entry numbers per CAPE declaration (later facts §1.4).
CAPE_LIMIT = 9999
_IEEPA_HEADINGS = ("990301", "990302")
_NOT_DIGIT = re.compile(r"\D")
#: Zero dollars to the cent, the start of every sum (as in tariffcalc.us.refunds).
_ZERO = Decimal("0.00")


def is_es003(header: Iterable[str]) -> bool:
    """Whether a CSV header is an ES-003 export (it names the entry number)."""
    names = {h.strip().lower() for h in header}
    return any(n in names for n in COLUMNS["entry"])


def report_field(row: Mapping[str, str], name: str) -> str:
    """
    The cell of *row* for field *name* under any of its :data:`COLUMNS` spellings, stripped ("" if none).

    >>> report_field({"entry number": " E1 "}, "entry")
    'E1'
    """
    return next((row[c] for c in COLUMNS[name] if row.get(c)), "").strip()


def report_day(what: str, text: str) -> date:
    """
    A day as the report writes it: MM/DD/YYYY, MM/DD/YY or ISO.

    >>> report_day("entry date", "05/20/2025"), report_day("entry date", "2025-05-20")
    (datetime.date(2025, 5, 20), datetime.date(2025, 5, 20))
    """
    for fmt in ("%m/%d/%Y", "%m/%d/%y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    try:
        return parse_day(text)
    except TariffError:
        raise InvalidEntryError(f"{what}: {text!r} is not a date (MM/DD/YYYY or YYYY-MM-DD)") from None


def _heading(hts: str) -> str:
    digits = _NOT_DIGIT.sub("", hts)
    return f"{digits[:4]}.{digits[4:6]}.{digits[6:8]}" if digits.startswith("99") else hts


def _law_status(schedule: Schedule, law: str, known: date | None) -> LineStatus | None:
    legal = schedule.legal
    if legal is None:
        return None
    authority = next((a for a in legal.authorities if a.law == law), None)
    if authority is None:
        return None
    events = tuple(e for e in legal.events if e.law == law and (known is None or e.on <= known))
    return LineStatus(authority, events, known)


def _ieepa(resolution: Resolution) -> Decimal:
    return sum(
        (
            line.amount or _ZERO
            for line in resolution.lines
            if line.status is not None and line.status.authority.law == "IEEPA"
        ),
        _ZERO,
    )


class _Group:
    def __init__(self, first_row: int, entry: str, line: str) -> None:
        self.first_row = first_row
        self.entry = entry
        self.line = line
        self.rows: list[tuple[int, Mapping[str, str]]] = []


def _account(schedule: Schedule, group: _Group, known: date | None, as_of: date) -> RefundLine:
    base = [(n, r) for n, r in group.rows if not _NOT_DIGIT.sub("", report_field(r, "hts")).startswith("99")]
    if not base:
        raise InvalidEntryError(f"entry {group.entry} line {group.line}: no row with the line's own HTS number")
    number, product = base[0]
    on = report_day("Entry Date", report_field(product, "entry_date"))
    deposits: dict[str, Decimal] = {}
    paid = _ZERO
    for n, r in group.rows:
        duty = cell_amount(f"row {n} Duty Amount", report_field(r, "duty") or "0")
        paid += duty
        heading = _heading(report_field(r, "hts"))
        if _NOT_DIGIT.sub("", heading).startswith(_IEEPA_HEADINGS):
            deposits[heading] = deposits.get(heading, _ZERO) + duty
    deposited = sum(deposits.values(), _ZERO)
    status = _law_status(schedule, "IEEPA", known)
    refundable_now = status is not None and status.refundable
    flags: list[str] = []
    filed: Resolution | None = None
    final_duty = paid - deposited if refundable_now else paid
    origin, value = report_field(product, "origin"), report_field(product, "value")
    if origin and value:
        try:
            amount = cell_amount("Entered Value", value)
            filed = schedule.resolve(report_field(product, "hts"), origin, on, value=amount, known=known or on)
            final = schedule.resolve(report_field(product, "hts"), origin, on, value=amount)
            if final.amount is not None:
                final_duty = final.amount - sum((r.amount for r in refundable_lines(schedule, final, known)), _ZERO)
            expected = _ieepa(filed)
            if expected != deposited:
                flags.append(
                    f"IEEPA deposit {deposited} differs from the law as known on {on}: {expected} "
                    f"({', '.join(f'{ln.heading} {ln.amount}' for ln in filed.lines if ln.heading and ln.heading.startswith('9903.0'))})"
                )
        except TariffError as e:
            flags.append(f"not cross-checked: {str(e).splitlines()[0]}")
    else:
        flags.append("not cross-checked: Country of Origin or Entered Value missing")
    by_heading = {ln.heading: ln for ln in filed.lines} if filed is not None else {}
    by_instrument = []
    if refundable_now and status is not None:
        for heading, amount in deposits.items():
            if amount <= 0:
                continue
            ln = by_heading.get(heading)
            authority = ln.status.authority.id if ln is not None and ln.status is not None else "ieepa"
            cite = str(ln.citation) if ln is not None else f"heading {heading}"
            by_instrument.append(
                Refundable(authority, "IEEPA", ln.measure.id if ln else "", heading, amount, status.summary, cite)
            )
    liquidation_status = report_field(product, "liquidation_status").lower()
    liquidation_text = report_field(product, "liquidation_date")
    liquidated = liquidation_text and "unliq" not in liquidation_status
    liquidation = report_day("Liquidation Date", liquidation_text) if liquidated else None
    if liquidation is None and "liq" in liquidation_status and "unliq" not in liquidation_status:
        raise InvalidEntryError(
            f"entry {group.entry} line {group.line}: Liquidation Status {liquidation_status!r} "
            "without a Liquidation Date; the route needs the date"
        )
    return RefundLine(
        number,
        group.entry,
        group.line,
        filed.amount if filed is not None and filed.amount is not None else paid,
        final_duty,
        sum((r.amount for r in by_instrument), _ZERO),
        tuple(by_instrument),
        route(liquidation, as_of),
        paid,
        (f"IEEPA: {status.summary}",) if status is not None and deposited else (),
        tuple(flags),
    )


def _entry_facts(group: _Group) -> dict[str, date | str | None]:
    """The entry-level facts of a line (its first row's), which every line of the entry must share."""
    _, row = group.rows[0]
    liquidation = report_field(row, "liquidation_date")
    return {
        "Entry Date": report_day("Entry Date", report_field(row, "entry_date")),
        "Liquidation Date": report_day("Liquidation Date", liquidation) if liquidation else None,
        "Liquidation Status": report_field(row, "liquidation_status").lower() or None,
    }


def es003_report(
    schedule: Schedule,
    rows: Iterable[Mapping[str, str]],
    *,
    as_of: date | str | Any,
    known: date | str | Any | None = None,
    progress: Any = None,
) -> RefundReport:
    """
    The refund report of ES-003 *rows* (dictionaries keyed by lower-case
    header names; the first data row is row 2): one account per entry
    summary line, bad rows and lines reported with their row number.
    ``as_of`` is the day the refund routes are worked out on (there is no
    implicit today: the command line gives the real date); it and ``known``
    are days in any form :func:`~tariffcalc.periods.as_day` reads.
    """
    require(schedule, Schedule, "schedule")
    as_of = as_day(as_of, "as_of")
    known = None if known is None else as_day(known, "known")
    groups: dict[tuple[str, str], _Group] = {}
    errors: list[RowError] = []
    for number, row in readable_rows(rows, errors, progress):
        missing = [COLUMNS[f][0] for f in _NEEDED if not report_field(row, f)]
        if missing:
            errors.append(RowError(number, f"missing {', '.join(missing)}"))
            continue
        key = (report_field(row, "entry"), report_field(row, "line"))
        groups.setdefault(key, _Group(number, *key)).rows.append((number, row))
    lines: list[RefundLine] = []
    entries = EntryLevel()
    for group in groups.values():
        try:
            different = entries.conflict(group.entry, group.first_row, _entry_facts(group))
            if different is not None:
                errors.append(RowError(group.first_row, different))
                continue
            lines.append(_account(schedule, group, known, as_of))
        except TariffError as e:
            errors.append(RowError(group.first_row, str(e).splitlines()[0]))
    errors.sort(key=lambda e: e.row)
    flagged = [f"{ln.entry}/{ln.line}" for ln in lines if any("differs" in f for f in ln.flags)]
    warnings = (f"deposit differs from the law as known on the entry date: {', '.join(flagged)}",) if flagged else ()
    return RefundReport(schedule.name, tuple(lines), tuple(errors), warnings)


def cape_files(report: RefundReport, directory: str | Path) -> list[Path]:
    """
    Write CAPE declaration CSV files (one column, *Entry Number*, at most
    :data:`CAPE_LIMIT` entries per file) for the entries that can go in now:
    every line in CAPE phase 1 and something refundable. Returns the paths.
    """
    require(report, RefundReport, "report")
    ready: dict[str, bool] = {}
    refundable: dict[str, Decimal] = {}
    for line in report.lines:
        ok = line.route is not None and line.route.cape_now
        ready[line.entry] = ready.get(line.entry, True) and ok
        refundable[line.entry] = refundable.get(line.entry, _ZERO) + line.refundable
    entries = sorted(e for e, ok in ready.items() if ok and refundable[e] > 0)
    out = check_cape_dir(directory)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, chunk in enumerate(_chunks(entries, CAPE_LIMIT), start=1):
        path = out / f"cape-declaration-{i:03d}.csv"
        with path.open("w", newline="", encoding="utf-8") as f:
            w = SafeWriter(f)  # an entry number such as "=HYPERLINK(...)" is written as text
            w.writerow(["Entry Number"])
            w.writerows([e] for e in chunk)
        paths.append(path)
    # A file of an earlier run with more entries would be filed again: only this run's files are left.
    for stale in out.iterdir():
        if _CAPE_FILE.fullmatch(stale.name) and stale not in paths and stale.is_file():
            stale.unlink()
    return paths


_CAPE_FILE = re.compile(r"cape-declaration-\d{3,}\.csv")


def check_cape_dir(directory: str | Path) -> Path:
    """
    *directory* as a place to write CAPE files, checked before any work: a
    directory or a path that can be made one (its nearest existing parent a
    directory). Raises :class:`InvalidEntryError` otherwise.

    >>> check_cape_dir("/dev/null")
    Traceback (most recent call last):
    ...
    tariffcalc.errors.InvalidEntryError: --cape-out /dev/null: exists and is not a directory
    """
    from tariffcalc.io._guard import check_output

    return check_output("--cape-out", str(directory), directory=True)


def _chunks(items: Sequence[str], size: int) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
