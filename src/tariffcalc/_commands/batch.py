"""
``tariffcalc rate FILE`` and ``tariffcalc explain FILE``: every line of a
CSV, an Excel sheet (with the ``excel`` extra) or standard input (``-``),
one output row per input row with its duties, fees and total.

    tariffcalc rate lines.csv                       # CSV on standard output
    tariffcalc rate lines.xlsx --out costs.xlsx     # an Excel sheet
    tariffcalc rate - --format jsonl < lines.csv    # JSON lines
    tariffcalc explain lines.csv --brief            # each line explained

The input has a header row; its columns (any case, in any order):
``hts`` (or ``product``), ``origin``, ``entry_date`` (or ``date``), and
optionally ``entry`` and ``line`` (the entry number and line number, carried
to the output), ``value`` (USD), ``quantity`` (``10kg; 2 No.``), the
content values ``steel``, ``aluminum``, ``copper``, ``us``, ``claims``
(``usmca; uk-auto-trq``), ``loaded``, ``mode`` (``sea``, ``air``, ...) and
``entry_type`` (``formal`` or ``informal``). ``--origin``, ``--date``,
``--mode``, ``--formal``/``--informal`` give a default for a column the
file lacks or leaves empty. Numbers are read by
:mod:`tariffcalc.io.numbers` (ambiguous ones refused with their column).

Lines with the same ``entry`` are one entry: their duties are resolved line
by line, and the MPF (once, with its minimum and maximum), the HMF and
de minimis are worked out on the entry, on an ``entry`` row after its
lines. A line without an entry number is an entry of its own. A bad row is
reported with its row number (the header is row 1) and column, and every
good row is still computed; the exit status is then 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from tariffcalc.errors import InvalidEntryError, TariffError
from tariffcalc.io.numbers import check_header, extra_cells, read_amount, read_quantity

if TYPE_CHECKING:
    from tariffcalc.resolution import Resolution
    from tariffcalc.schedule import Schedule
    from tariffcalc.us.entrycost import EntryCost

__all__ = ["COLUMNS", "EXCEL_SUFFIXES", "is_table", "read_table", "run_batch"]

#: Input columns by their meaning, each with the header names that give it (first match wins).
COLUMNS: dict[str, tuple[str, ...]] = {
    "entry": ("entry", "entry_id", "entry_number"),
    "line": ("line", "line_number"),
    "product": ("hts", "product"),
    "origin": ("origin",),
    "date": ("entry_date", "date"),
    "value": ("value",),
    "quantity": ("quantity",),
    "claims": ("claims",),
    "loaded": ("loaded",),
    "mode": ("mode",),
    "entry_type": ("entry_type",),
}
#: Content columns: the declared value of a part of the article (Section 232 content, US content).
CONTENTS = ("steel", "aluminum", "copper", "us")
#: Suffixes read as an Excel workbook.
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
#: Suffixes that make the first argument of ``rate``/``explain`` a file rather than an HTS code.
TABLE_SUFFIXES = (".csv", ".txt", *EXCEL_SUFFIXES)
#: The columns of the output, in order.
OUTPUT = (
    "row",
    "kind",
    "entry",
    "line",
    "hts",
    "origin",
    "date",
    "value",
    "rate",
    "duties",
    "mpf",
    "hmf",
    "fees",
    "total",
    "missing",
    "headings",
    "error",
)


def is_table(argument: str) -> bool:
    """
    Whether the first argument of ``rate``/``explain`` names a file of lines
    (``-``, or a name ending in ``.csv``, ``.txt``, ``.xlsx``, ``.xlsm``)
    rather than an HTS code.

    >>> is_table("lines.csv"), is_table("-"), is_table("8703.23.01.90")
    (True, True, False)
    """
    return argument == "-" or argument.lower().endswith(TABLE_SUFFIXES)


@dataclass
class InputRow:
    """One row of the input: its number in the file, its cells by lower-cased header, why it is unreadable."""

    number: int
    cells: Mapping[str, Any]
    problem: str | None = None


def read_table(path: str) -> tuple[str, Iterator[InputRow]]:
    """
    The name of the source and the rows of *path*: a CSV file, ``-`` (CSV
    on standard input) or an Excel workbook (its first sheet; needs
    ``openpyxl``, the ``excel`` extra).
    """
    from tariffcalc.io._guard import STDIN_NAME, file_problem, is_stdin
    from tariffcalc.us.refunds import read_rows

    if not is_stdin(path):
        problem = file_problem(path)
        if problem is not None:
            raise InvalidEntryError(f"{path}: {problem}")
    if path.lower().endswith(EXCEL_SUFFIXES):
        return path, _excel_rows(path)
    rows = read_rows(path)  # the header is checked (a column named twice is refused) when the first row is read
    name = STDIN_NAME if is_stdin(path) else path
    return name, (InputRow(r.number, r, r.problem) for r in rows)


def _excel_rows(path: str) -> Iterator[InputRow]:
    try:
        import openpyxl
    except ImportError:
        raise InvalidEntryError(
            f"{path}: reading Excel needs openpyxl: pip install 'tariffcalc[excel]' (or save the sheet as CSV UTF-8)"
        ) from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises zipfile, KeyError and its own errors for a file it cannot open
        raise InvalidEntryError(f"{path}: not an Excel workbook that can be read ({type(e).__name__}: {e})") from None
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            return
        names = ["" if h is None else str(h).strip().lower() for h in header]
        check_header(names, path)
        for number, values in enumerate(rows, start=2):
            cells = [_excel_cell(v) for v in values]
            if not any(c != "" for c in cells):
                continue
            split = extra_cells([str(c) for c in cells], names)
            if split is not None:
                yield InputRow(number, {}, split)
                continue
            yield InputRow(number, dict(zip(names, cells, strict=False)))
    finally:
        book.close()


def _excel_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return value.strip()
    return value  # a number: read by tariffcalc.io.numbers, floats by their digits


def _cell(cells: Mapping[str, Any], meaning: str) -> Any:
    for name in COLUMNS[meaning]:
        value = cells.get(name)
        if value is not None and value != "":
            return value
    return None


def _text(cells: Mapping[str, Any], meaning: str) -> str:
    value = _cell(cells, meaning)
    return "" if value is None else str(value).strip()


def _column(cells: Mapping[str, Any], meaning: str) -> str:
    """The header name a meaning was read from (for messages)."""
    return next((n for n in COLUMNS[meaning] if n in cells), COLUMNS[meaning][0])


@dataclass
class _Line:
    row: InputRow
    entry_id: str
    line: str
    resolution: Resolution | None = None
    error: str | None = None
    mode: str | None = None
    formal: bool | None = None


@dataclass
class _Entry:
    id: str
    lines: list[_Line] = field(default_factory=list)
    cost: EntryCost | None = None
    error: str | None = None


def _entry_facts(cells: Mapping[str, Any], args: argparse.Namespace) -> dict[str, Any]:
    """The facts of one line for :meth:`Schedule.resolve`, each read from its column by the one reader."""
    from tariffcalc.codes import ProductCode
    from tariffcalc.countries import Country
    from tariffcalc.periods import parse_day
    from tariffcalc.rates import normalise_unit

    def day(meaning: str, text: str) -> date:
        try:
            return parse_day(text)
        except TariffError as e:
            raise InvalidEntryError(f"column {_column(cells, meaning)}: {e}") from None

    product = _text(cells, "product")
    origin = _text(cells, "origin") or (args.origin or "")
    on = _text(cells, "date") or (args.date or "")
    needed = [name for name, text in (("hts", product), ("origin", origin), ("entry_date", on)) if not text]
    if needed:
        raise InvalidEntryError(f"missing {', '.join(needed)}")
    try:
        code = ProductCode.parse(product)
    except TariffError as e:
        raise InvalidEntryError(f"column {_column(cells, 'product')}: {e}") from None
    try:
        country = Country.parse(origin)
    except TariffError as e:
        raise InvalidEntryError(f"column origin: {e}") from None
    raw_value = _cell(cells, "value")
    value = None if raw_value is None else read_amount(raw_value, f"column {_column(cells, 'value')}")
    quantities: dict[str, Decimal] = {}
    for item in filter(None, (t.strip() for t in _text(cells, "quantity").split(";"))):
        number, unit = read_quantity(item, "column quantity")
        quantities[normalise_unit(unit)] = number
    contents = {
        c: read_amount(cells[c], f"column {c}") for c in CONTENTS if cells.get(c) is not None and cells.get(c) != ""
    }
    loaded = _text(cells, "loaded")
    return {
        "product": code,
        "origin": country,
        "on": day("date", on),
        "value": value,
        "quantities": quantities,
        "contents": contents,
        "claims": [c.strip() for c in _text(cells, "claims").split(";") if c.strip()] + list(args.claim),
        "loaded": day("loaded", loaded) if loaded else None,
    }


def _fee_facts(cells: Mapping[str, Any], args: argparse.Namespace) -> tuple[str | None, bool | None]:
    from tariffcalc.us.entrycost import MODES

    mode = _text(cells, "mode").lower() or args.mode
    if mode is not None and mode not in MODES:
        raise InvalidEntryError(f"column mode: {mode!r} is not one of {', '.join(MODES)}")
    kind = _text(cells, "entry_type").lower()
    if kind and kind not in ("formal", "informal"):
        raise InvalidEntryError(f"column entry_type: {kind!r} is not formal or informal")
    formal = True if kind == "formal" or (not kind and args.formal) else False if kind or args.informal else None
    return mode, formal


def _compute(schedule: Schedule, rows: Iterator[InputRow], args: argparse.Namespace) -> list[_Line]:
    """Every line resolved, or its error; the entries costed once all their lines are read."""
    from tariffcalc.entries import parse_conversions
    from tariffcalc.periods import parse_day

    known = parse_day(args.known) if args.known else None
    conversions = parse_conversions(getattr(args, "conversion", []))  # one table for every line
    lines: list[_Line] = []
    for row in rows:
        entry_id, number = _text(row.cells, "entry"), _text(row.cells, "line")
        line = _Line(row, entry_id, number)
        lines.append(line)
        if row.problem is not None:
            line.error = row.problem
            continue
        try:
            facts = _entry_facts(row.cells, args)
            line.mode, line.formal = _fee_facts(row.cells, args)
            line.resolution = schedule.resolve(**facts, known=known, conversions=conversions)
        except TariffError as e:
            line.error = str(e).splitlines()[0]
    return lines


def _entries(schedule: Schedule, lines: list[_Line], args: argparse.Namespace) -> list[_Entry]:
    from tariffcalc.us.entrycost import cost_entry

    groups: dict[str, _Entry] = {}
    alone: list[_Entry] = []
    for line in lines:
        if line.entry_id:
            groups.setdefault(line.entry_id, _Entry(line.entry_id)).lines.append(line)
        else:
            alone.append(_Entry("", [line]))
    entries = [*alone, *groups.values()]
    for entry in entries:
        good = [ln for ln in entry.lines if ln.resolution is not None]
        bad = [ln for ln in entry.lines if ln.error is not None]
        if bad and entry.id:
            entry.error = f"not costed: row {', '.join(str(ln.row.number) for ln in bad)} could not be read"
            continue
        if not good or good[0].resolution is None or good[0].resolution.entry.value is None:
            continue  # nothing to charge fees on
        modes = {ln.mode for ln in good}
        formals = {ln.formal for ln in good}
        if len(modes) > 1 or len(formals) > 1:
            entry.error = "the lines of one entry state different modes of transport or entry types"
            continue
        try:
            entry.cost = cost_entry(
                schedule,
                [ln.resolution for ln in good if ln.resolution is not None],
                mode=modes.pop(),
                formal=formals.pop(),
                postal=args.postal,
                express=args.express,
                entry_id=entry.id or None,
            )
        except TariffError as e:
            entry.error = str(e).splitlines()[0]
    return entries


def _money(d: Decimal | None) -> str:
    return "" if d is None else str(d)


def _fee(cost: EntryCost | None, kind: Any) -> str:
    if cost is None:
        return ""
    line = cost.fee(kind)
    return "" if line is None else str(line.amount)


def _records(entries: list[_Entry]) -> Iterator[dict[str, Any]]:
    """The output rows: each input line (in the order of the file), then each entry's totals."""
    from tariffcalc.us.fees import FeeKind

    by_line: dict[int, tuple[_Line, _Entry, Decimal | None]] = {}
    for entry in entries:
        duties = (
            {id(c.resolution): c.duty for c in entry.cost.lines} if entry.cost is not None else {}
        )  # de minimis may release a line's duty
        for ln in entry.lines:
            duty = duties.get(id(ln.resolution), ln.resolution.amount if ln.resolution is not None else None)
            by_line[ln.row.number] = (ln, entry, duty)
    for number in sorted(by_line):
        ln, entry, duty = by_line[number]
        r = ln.resolution
        cost = entry.cost if not entry.id else None  # a line of its own: its entry's fees are on its row
        missing = list(r.missing) if r is not None else []
        if cost is not None:
            missing += [m for m in cost.missing if m not in missing]
        mpf = _fee(cost, FeeKind.MPF) or _fee(cost, FeeKind.MPF_INFORMAL)
        yield {
            "row": number,
            "kind": "line",
            "entry": ln.entry_id,
            "line": ln.line,
            "hts": str(r.entry.product) if r is not None else _text(ln.row.cells, "product"),
            "origin": str(r.entry.origin) if r is not None else _text(ln.row.cells, "origin"),
            "date": str(r.entry.on) if r is not None else _text(ln.row.cells, "date"),
            "value": _money(r.entry.value) if r is not None else "",
            "rate": _money(r.rate) if r is not None else "",
            "duties": _money(duty),
            "mpf": mpf,
            "hmf": _fee(cost, FeeKind.HMF),
            "fees": _money(cost.fees_total) if cost is not None else "",
            "total": _money(cost.total) if cost is not None else "",
            "missing": "; ".join(missing),
            "headings": " ".join(line.heading or line.measure.id for line in r.lines) if r is not None else "",
            "error": ln.error or (entry.error if not entry.id and entry.error else "") or "",
        }
    for entry in entries:
        if not entry.id:
            continue
        cost = entry.cost
        yield {
            "row": "",
            "kind": "entry",
            "entry": entry.id,
            "line": "",
            "hts": "",
            "origin": "",
            "date": str(cost.on) if cost is not None else "",
            "value": _money(cost.value) if cost is not None else "",
            "rate": "",
            "duties": _money(cost.duties) if cost is not None else "",
            "mpf": _fee(cost, FeeKind.MPF) or _fee(cost, FeeKind.MPF_INFORMAL),
            "hmf": _fee(cost, FeeKind.HMF),
            "fees": _money(cost.fees_total) if cost is not None else "",
            "total": _money(cost.total) if cost is not None else "",
            "missing": "; ".join(cost.missing) if cost is not None else "",
            "headings": "",
            "error": entry.error or "",
        }


def _write_csv(records: list[dict[str, Any]], stream: IO[str]) -> None:
    from tariffcalc.io._cells import SafeWriter

    writer = SafeWriter(stream)  # entry numbers and headings read from a file are text: never a formula
    writer.writerow(OUTPUT)
    writer.writerows([r[c] for c in OUTPUT] for r in records)


def _write_excel(records: list[dict[str, Any]], path: str) -> None:
    try:
        import openpyxl
    except ImportError:
        raise InvalidEntryError("writing Excel needs openpyxl: pip install 'tariffcalc[excel]'") from None
    from tariffcalc.io._cells import safe_cell

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("lines")
    sheet.append(list(OUTPUT))
    numeric = {"value", "rate", "duties", "mpf", "hmf", "fees", "total"}
    for r in records:
        sheet.append([Decimal(r[c]) if c in numeric and r[c] != "" else safe_cell(r[c]) for c in OUTPUT])
    book.save(path)


def _explain(lines: list[_Line], entries: list[_Entry], brief: bool) -> str:
    out: list[str] = []
    cost_of = {id(ln): e.cost for e in entries if not e.id for ln in e.lines}
    for ln in sorted(lines, key=lambda x: x.row.number):
        label = f"row {ln.row.number}" + (f" (entry {ln.entry_id} line {ln.line})" if ln.entry_id else "")
        out.append(f"== {label}")
        if ln.resolution is None:
            out.append(f"not computed: {ln.error}")
        else:
            out.append(ln.resolution.explain(brief=brief))
            cost = cost_of.get(id(ln))
            if cost is not None:
                out += ["", cost.explain_fees()]
        out.append("")
    for entry in entries:
        if entry.id:
            out.append(f"== entry {entry.id}")
            if entry.cost is not None:
                out.append(entry.cost.explain_fees())
            else:
                why = entry.error or "no customs value to charge fees on"
                out.append(why if why.startswith("not costed") else f"not costed: {why}")
            out.append("")
    return "\n".join(out).rstrip("\n")


def _document(ln: _Line, entries_by_line: Mapping[int, _Entry]) -> dict[str, Any]:
    doc: dict[str, Any] = {"row": ln.row.number, "entry": ln.entry_id, "line": ln.line}
    if ln.resolution is None:
        doc["error"] = ln.error
        return doc
    doc.update(ln.resolution.to_dict())
    entry = entries_by_line.get(ln.row.number)
    if entry is not None and not entry.id and entry.cost is not None:
        doc["entry_cost"] = entry.cost.to_dict()
    return doc


def _output(args: argparse.Namespace) -> str:
    fmt: str | None = args.format
    if fmt is None:
        if args.out and args.out.lower().endswith(EXCEL_SUFFIXES):
            fmt = "xlsx"
        elif args.json:
            fmt = "jsonl"
        else:
            fmt = "text" if args.run.__name__ == "run_explain" else "csv"
    if fmt == "xlsx" and not args.out:
        raise InvalidEntryError("--format xlsx writes a workbook: give it a file with --out FILE.xlsx")
    return fmt


def run_batch(args: argparse.Namespace, *, explain: bool) -> int:
    """Resolve every line of ``args.product`` (a file or ``-``) and write one row per line; 1 when a row failed."""
    from tariffcalc.datasets import load_schedule
    from tariffcalc.io._guard import check_output, is_stdin

    if is_stdin(args.product) and is_stdin(args.schedule):
        raise InvalidEntryError("the lines and --schedule cannot both be read from standard input (-)")
    fmt = _output(args)
    if args.out:
        check_output("--out", args.out)
    source, rows = read_table(args.product)
    schedule = load_schedule(args.schedule)
    lines = _compute(schedule, rows, args)
    if not lines:
        raise InvalidEntryError(f"{source}: no rows; give a header and one row per entry line")
    entries = _entries(schedule, lines, args)
    records = list(_records(entries))
    if fmt == "xlsx":
        _write_excel(records, args.out)
    else:
        if args.out:
            with Path(args.out).open("w", newline="", encoding="utf-8") as f:
                _write(f, fmt, explain, lines, entries, records, args)
        else:
            _write(sys.stdout, fmt, explain, lines, entries, records, args)
    bad = [ln for ln in lines if ln.error is not None]
    for ln in bad:
        print(f"{source}: row {ln.row.number}: {ln.error}", file=sys.stderr)
    refused = [e for e in entries if e.id and e.error and not any(ln.error for ln in e.lines)]
    for e in refused:
        print(f"{source}: entry {e.id}: {e.error}", file=sys.stderr)
    if bad:
        print(f"{source}: {len(bad)} of {len(lines)} rows not computed", file=sys.stderr)
    # An entry whose lines disagree (two entry dates, two modes) is an error too, though each line was computed.
    return 1 if bad or refused else 0


def _write(
    target: IO[str],
    fmt: str,
    explain: bool,
    lines: list[_Line],
    entries: list[_Entry],
    records: list[dict[str, Any]],
    args: argparse.Namespace,
) -> None:
    if fmt == "csv":
        _write_csv(records, target)
    elif fmt == "jsonl" and explain:
        by_line = {ln.row.number: e for e in entries for ln in e.lines}
        for ln in sorted(lines, key=lambda x: x.row.number):
            target.write(json.dumps(_document(ln, by_line), ensure_ascii=False) + "\n")
        for e in entries:
            if e.id:
                target.write(json.dumps(_entry_document(e), ensure_ascii=False) + "\n")
    elif fmt == "jsonl":
        for r in records:
            target.write(json.dumps(r, ensure_ascii=False) + "\n")
    else:
        target.write(_explain(lines, entries, getattr(args, "brief", False)) + "\n")


def _entry_document(entry: _Entry) -> dict[str, Any]:
    doc: dict[str, Any] = {"entry": entry.id, "kind": "entry"}
    if entry.cost is not None:
        doc["entry_cost"] = entry.cost.to_dict()
    if entry.error:
        doc["error"] = entry.error
    return doc
