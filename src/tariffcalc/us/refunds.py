"""
IEEPA refunds: for each entry line, the deposit as filed, the final duty,
what comes back by authority (IEEPA reciprocal, IEEPA fentanyl, ...) with
its legal status and citation, and the refund route by liquidation status.

The deposit is the duty under the law as known on the entry date (or on
``known``); what is refundable is every line of it whose authority a final
court holding declared unlawful for every importer (:mod:`tariffcalc.legal`),
with the status as known on ``known`` (``None``: every event in the data).
The final duty is the duty under the law as finally known, less those lines.

>>> from datetime import date
>>> from tariffcalc.datasets import load_schedule
>>> us = load_schedule("us-2025-26")
>>> row = {"entry": "E1", "line": "1", "hts": "9503.00.00.90", "origin": "JP",
...        "entry_date": "2025-05-01", "value": "1000", "liquidation_date": ""}
>>> report = refund_rows(us, [row], as_of=date(2026, 4, 20))
>>> line = report.lines[0]
>>> line.as_filed, line.final, line.refundable
(Decimal('100.00'), Decimal('0.00'), Decimal('100.00'))
>>> [(r.authority, r.heading, r.amount) for r in line.by_instrument]
[('ieepa-reciprocal', '9903.01.25', Decimal('100.00'))]
>>> line.route.phase
'CAPE phase 1 (unliquidated)'
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

import attrs

from tariffcalc import _caches
from tariffcalc._decimals import own_context
from tariffcalc._validators import require
from tariffcalc.amendments import Amendment
from tariffcalc.entries import EntryFacts
from tariffcalc.errors import InvalidEntryError, TariffError
from tariffcalc.io.numbers import check_header, extra_cells, read_amount, read_quantity
from tariffcalc.periods import Period, as_day, parse_day
from tariffcalc.rates import normalise_unit
from tariffcalc.resolution import Resolution
from tariffcalc.schedule import Schedule
from tariffcalc.us.interest import Interest, refund_interest

__all__ = [
    "ENTRY_LEVEL",
    "REQUIRED",
    "EntryLevel",
    "RefundLine",
    "RefundReport",
    "Refundable",
    "Route",
    "Row",
    "RowError",
    "read_rows",
    "readable_rows",
    "refund_rows",
    "route",
    "row_number",
    "row_problem",
    "rows_of_bytes",
]

#: The columns every row needs.
REQUIRED: tuple[str, ...] = ("entry", "line", "hts", "origin", "entry_date", "value")
_CONTENTS = ("steel", "aluminum", "copper", "us")
_ZERO = Decimal("0.00")

#: Where the routes come from.
ROUTE_CITATION = (
    "CBP CAPE phase 1 guidance, CSMS of 13 April 2026 (later facts §1.4); "
    "80-day window and 180-day finality (later facts §7 item 13)"
)
#: Interest: the data cites no interest rates or period rule.
INTEREST = (
    "interest not computed: give deposit_date and liquidation_date "
    "(19 U.S.C. 1505(c): interest runs from the deposit to liquidation or reliquidation)"
)


@attrs.frozen
class Route:
    """The refund route of a line by its liquidation status on ``as_of``."""

    phase: str
    liquidation: date | None
    deadline: date | None = None
    note: str = ""
    citation: str = ROUTE_CITATION

    @property
    def cape_now(self) -> bool:
        """Whether the entry can go into a CAPE phase 1 declaration now."""
        return self.phase.startswith("CAPE phase 1")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready account."""
        return {
            "phase": self.phase,
            "liquidation_date": self.liquidation.isoformat() if self.liquidation else None,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "note": self.note,
            "citation": self.citation,
        }


def route(liquidation: date | str | Any | None, as_of: date | str | Any) -> Route:
    """
    The route on *as_of* of an entry liquidated on *liquidation* (``None``:
    not liquidated): CAPE phase 1 for unliquidated entries and entries
    liquidated within the last 80 days; a later phase or a protest for
    80 to 180 days, with the protest deadline; final after 180 days.

    >>> route(date(2026, 1, 1), date(2026, 4, 20)).phase
    'later CAPE phase or protest'
    >>> str(route(date(2026, 1, 1), date(2026, 4, 20)).deadline)
    '2026-06-30'
    """
    liquidation = None if liquidation is None else as_day(liquidation, "liquidation")
    as_of = as_day(as_of, "as_of")
    if liquidation is None or liquidation > as_of:
        return Route("CAPE phase 1 (unliquidated)", liquidation)
    days = (as_of - liquidation).days
    if days <= 80:
        return Route("CAPE phase 1 (liquidated within 80 days)", liquidation)
    deadline = liquidation + timedelta(days=180)
    if days <= 180:
        return Route(
            "later CAPE phase or protest",
            liquidation,
            deadline,
            "liquidated 80 to 180 days ago: not in CAPE phase 1; protest (19 U.S.C. 1514) by the deadline",
        )
    return Route(
        "final liquidation",
        liquidation,
        deadline,
        "liquidation final: outside CAPE phase 1; the CIT order of 17 April 2026 covering such entries is under appeal",
    )


@attrs.frozen
class Refundable:
    """One refundable deposit: the authority, measure, heading, amount, status and citation."""

    authority: str
    law: str
    measure: str
    heading: str | None
    amount: Decimal
    status: str
    citation: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready account."""
        return {
            "authority": self.authority,
            "law": self.law,
            "measure": self.measure,
            "heading": self.heading,
            "amount": format(self.amount, "f"),
            "status": self.status,
            "citation": self.citation,
        }


@attrs.frozen(repr=False)
class RefundLine:
    """The refund account of one input row."""

    row: int
    entry: str
    line: str
    as_filed: Decimal
    final: Decimal
    refundable: Decimal
    by_instrument: tuple[Refundable, ...]
    route: Route | None = None
    duty_paid: Decimal | None = None
    statuses: tuple[str, ...] = ()
    #: What the line must be read with (e.g. a deposit that differs from the law as known on the entry date).
    flags: tuple[str, ...] = ()
    #: Interest on the refundable amount (19 U.S.C. 1505(c)), given a deposit and a liquidation date.
    interest: Interest | None = None

    @property
    def paid_difference(self) -> Decimal | None:
        """Duty paid less the computed deposit (``None`` without ``duty_paid``)."""
        return None if self.duty_paid is None else self.duty_paid - self.as_filed

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready account."""
        diff = self.paid_difference
        return {
            "row": self.row,
            "entry": self.entry,
            "line": self.line,
            "as_filed": format(self.as_filed, "f"),
            "final": format(self.final, "f"),
            "refundable": format(self.refundable, "f"),
            "by_instrument": [r.to_dict() for r in self.by_instrument],
            "route": self.route.to_dict() if self.route is not None else None,
            "duty_paid": format(self.duty_paid, "f") if self.duty_paid is not None else None,
            "paid_difference": format(diff, "f") if diff is not None else None,
            "statuses": list(self.statuses),
            "flags": list(self.flags),
            "interest": self.interest.to_dict() if self.interest is not None else INTEREST,
        }

    def __repr__(self) -> str:
        from tariffcalc import _reprs as reprs

        return reprs.refund_line_repr(self)


@attrs.frozen
class RowError:
    """A row that could not be computed: its number (the header is row 1) and why."""

    row: int
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready account."""
        return {"row": self.row, "reason": self.reason}


@attrs.frozen(repr=False)
class RefundReport:
    """Every computed line, every bad row, and the totals."""

    schedule: str
    lines: tuple[RefundLine, ...]
    errors: tuple[RowError, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def total_refundable(self) -> Decimal:
        """The refundable amount of every line."""
        return sum((line.refundable for line in self.lines), _ZERO)

    @property
    def total_interest(self) -> Decimal | None:
        """
        The interest of every refundable line (19 U.S.C. 1505(c)); ``None``
        unless each line with a refund has its interest computed.
        """
        owed = [line for line in self.lines if line.refundable > 0]
        if not owed or any(line.interest is None or line.interest.amount is None for line in owed):
            return None
        return sum((line.interest.amount for line in owed if line.interest and line.interest.amount), _ZERO)

    def by_entry(self) -> dict[str, Decimal]:
        """The refundable amount per entry number, in first-seen order."""
        totals: dict[str, Decimal] = {}
        for line in self.lines:
            totals[line.entry] = totals.get(line.entry, _ZERO) + line.refundable
        return totals

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready account."""
        return {
            "schedule": self.schedule,
            "lines": [line.to_dict() for line in self.lines],
            "entries": {k: format(v, "f") for k, v in self.by_entry().items()},
            "total_refundable": format(self.total_refundable, "f"),
            "interest": format(self.total_interest, "f") if self.total_interest is not None else INTEREST,
            "warnings": list(self.warnings),
            "errors": [e.to_dict() for e in self.errors],
        }

    def to_frame(self, exact: bool = False) -> Any:
        """
        One row a line: ``row`` (Int64), ``entry``, ``line`` (``string``),
        ``as_filed``, ``final``, ``refundable``, ``duty_paid``,
        ``paid_difference`` (Float64, NA when unknown; Decimal objects with
        *exact*), ``statuses`` and ``flags`` (``string``, joined by ``; ``; NA when none).
        Needs pandas.
        """
        import pandas as pd

        def money(values: list[Decimal | None]) -> Any:
            if exact:
                return pd.array(values, dtype=object)
            return pd.array([None if v is None else float(v) for v in values], dtype="Float64")

        def text(values: list[str]) -> Any:
            return pd.array([v or None for v in values], dtype="string")  # NA, never an empty text

        ls = self.lines
        return pd.DataFrame(
            {
                "row": pd.array([line.row for line in ls], dtype="Int64"),
                "entry": text([line.entry for line in ls]),
                "line": text([line.line for line in ls]),
                "as_filed": money([line.as_filed for line in ls]),
                "final": money([line.final for line in ls]),
                "refundable": money([line.refundable for line in ls]),
                "duty_paid": money([line.duty_paid for line in ls]),
                "paid_difference": money([line.paid_difference for line in ls]),
                "statuses": text(["; ".join(line.statuses) for line in ls]),
                "flags": text(["; ".join(line.flags) for line in ls]),
            }
        )

    def __repr__(self) -> str:
        from tariffcalc import _reprs as reprs

        return reprs.refund_report_repr(self)

    def _repr_html_(self) -> str:
        from tariffcalc import _reprs as reprs

        return reprs.refund_report_html(self)


#: The largest cell of an entries CSV, in characters (the :mod:`csv` module's default field limit).
MAX_CELL = 131_072


class Row(dict[str, str]):
    """
    One row of an entries CSV: its cells by column name, the line of the file
    it starts on (the header is line 1, blank lines count) and, for a row
    that could not be read, why.
    """

    number: int
    problem: str | None

    def __init__(self, cells: Iterable[tuple[str, str]], number: int, problem: str | None = None) -> None:
        super().__init__(cells)
        self.number = number
        self.problem = problem


def _readable(cells: list[str]) -> str | None:
    try:
        "".join(cells).encode("utf-8")
    except UnicodeEncodeError as e:
        return f"not UTF-8 text (byte 0x{ord(e.object[e.start]) - 0xDC00:02x}); save the file as UTF-8"
    return None


def read_rows(path: str | Path) -> Iterator[Row]:
    """
    The rows of a CSV file as dictionaries keyed by the stripped, lower-cased
    header names (a :class:`Row`, which knows its line in the file). A row
    that is not UTF-8 or has a cell over :data:`MAX_CELL` characters comes
    with its :attr:`Row.problem` and no cells; the rows after it are read.
    The path must be a regular file (see :mod:`tariffcalc.io._guard`), or
    ``-`` for standard input (at most :data:`~tariffcalc.io._limits.MAX_CSV_BYTES`).
    """
    from tariffcalc.io._guard import file_problem, is_stdin, read_stdin
    from tariffcalc.io._limits import MAX_CSV_BYTES

    if is_stdin(path):
        yield from rows_of_bytes(read_stdin(MAX_CSV_BYTES, "the entries"), "<stdin>")
        return
    problem = file_problem(path)
    if problem is not None:
        raise InvalidEntryError(f"{path}: {problem}")
    with Path(path).open("rb") as raw:
        if raw.read(2) in (b"\xff\xfe", b"\xfe\xff"):
            raise InvalidEntryError(f"{path}: it is UTF-16 text; save it as UTF-8 (CSV UTF-8 in Excel)")
    with Path(path).open(newline="", encoding="utf-8-sig", errors="surrogateescape") as f:
        yield from _rows(f, str(path))


def rows_of_bytes(data: bytes, where: str) -> Iterator[Row]:
    """
    The rows of CSV *data* already read (standard input), as :func:`read_rows`
    gives them; *where* names the source in messages.

    >>> [dict(r) for r in rows_of_bytes(b"a,b\\n1,2\\n", "<stdin>")]
    [{'a': '1', 'b': '2'}]
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise InvalidEntryError(f"{where}: it is UTF-16 text; save it as UTF-8 (CSV UTF-8 in Excel)")
    text = data.decode("utf-8-sig", errors="surrogateescape")
    yield from _rows(io.StringIO(text, newline=""), where)


def _rows(f: TextIO, path: str) -> Iterator[Row]:
    reader = csv.reader(f)
    try:
        header = next(reader, None)
    except csv.Error as e:
        raise InvalidEntryError(f"{path}: the header row cannot be read ({e})") from None
    if header is None:
        return
    bad = _readable(header)
    if bad is not None:
        raise InvalidEntryError(f"{path}: the header row is {bad}")
    names = [h.strip().lower() for h in header]
    check_header(names, path)
    line = reader.line_num
    while True:
        start = line + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            line = reader.line_num
            yield Row((), start, f"cannot be read ({e}; a cell may have at most {MAX_CELL:,} characters)")
            continue
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        bad = _readable(cells) or extra_cells(cells, names)
        if bad is not None:
            yield Row((), start, bad)
            continue
        yield Row(zip(names, (c.strip() for c in cells), strict=False), start)


def row_number(row: Mapping[str, str], default: int) -> int:
    """The line of *row* in its file when it was read by :func:`read_rows`, else *default*."""
    number = getattr(row, "number", None)
    return number if isinstance(number, int) else default


def row_problem(row: Mapping[str, str]) -> str | None:
    """Why *row* could not be read (see :class:`Row`), or ``None``."""
    problem = getattr(row, "problem", None)
    return problem if isinstance(problem, str) else None


def readable_rows(
    rows: Iterable[Mapping[str, str]], errors: list[RowError], progress: Callable[[int], object] | None = None
) -> Iterator[tuple[int, Mapping[str, str]]]:
    """
    Each row of *rows* that could be read, with its line number (the first
    row after the header is row 2; see :func:`row_number`), *progress*
    called with each number; a row that could not be read is put in
    *errors* instead, so that every reader of rows reports it alike.

    >>> errors: list[RowError] = []
    >>> [n for n, _ in readable_rows([{"entry": "E1"}, {"entry": "E2"}], errors)], errors
    ([2, 3], [])
    """
    for count, row in enumerate(rows, start=2):
        number = row_number(row, count)
        if progress is not None:
            progress(number)
        require(row, Mapping, f"row {number}")
        unreadable = row_problem(row)
        if unreadable is not None:
            errors.append(RowError(number, unreadable))
            continue
        yield number, row


def cell_amount(what: str, text: str) -> Decimal:
    """
    A non-negative amount from a spreadsheet cell, which may carry ``$`` and
    thousands separators; *what* names the cell in the message. The rules
    (ambiguous separators refused) are :func:`tariffcalc.io.numbers.read_amount`'s.

    >>> cell_amount("value", "$1,234.50")
    Decimal('1234.5')
    """
    require(text, str, what)
    return read_amount(text, what)


def _day(what: str, text: str) -> date:
    try:
        return parse_day(text)
    except TariffError as e:
        raise InvalidEntryError(f"{what}: {e}") from None


def _quantities(text: str) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for item in filter(None, (t.strip() for t in text.split(";"))):
        number, unit = read_quantity(item, "quantity")
        out[normalise_unit(unit)] = number
    return out


def refundable_lines(schedule: Schedule, resolution: Resolution, known: date | None) -> list[Refundable]:
    """The lines of *resolution* whose legal status (as known on *known*) makes them refundable."""
    legal = schedule.legal
    out: list[Refundable] = []
    if legal is None:
        return out
    for line in resolution.lines:
        status = legal.status(line.measure, known)
        if status is None or not status.refundable or line.amount is None or line.amount <= 0:
            continue
        out.append(
            Refundable(
                status.authority.id,
                status.authority.law,
                line.measure.id,
                line.heading,
                line.amount,
                status.summary,
                str(line.citation),
            )
        )
    return out


def _later_windows(schedule: Schedule) -> tuple[tuple[Period, date], ...]:
    """
    The periods in which something became known only after it started to
    govern (retroactive acts), with the day it became known: outside them
    the law as filed and as finally known are the same.
    """
    found: set[tuple[Period, date]] = set()
    for m in schedule.measures:
        citations = [m.citation, *(c.citation for c in m.conditions if c.citation is not None)]
        found |= {(m.validity, c.instrument.known_on) for c in citations if c.instrument.known_on > m.validity.start}
        # Until the act that set the end was known, the measure ran to its previous end:
        # the days between the two ends were filed under the other one.
        found |= _ended_later(m.validity, m.amendments)
    for p in schedule.suspensions:
        if p.citation.instrument.known_on > p.period.start:
            found.add((p.period, p.citation.instrument.known_on))
        found |= _ended_later(p.period, p.amendments)
    for r in schedule.rules:
        if r.citation.instrument.known_on > r.validity.start:
            found.add((r.validity, r.citation.instrument.known_on))
        found |= _ended_later(r.validity, r.amendments)
    return tuple(found)


def _ended_later(period: Period, amendments: tuple[Amendment, ...]) -> set[tuple[Period, date]]:
    """The days between an end known first and the final end of *period*, where the act came after them."""
    found = set()
    for a in amendments:
        days = _between(period.end, a.previous_end)
        if days is not None and a.known_on > days.start:
            found.add((days, a.known_on))
    return found


def _between(one: date | None, other: date | None) -> Period | None:
    """The days from the earlier of two ends (``None``: no end) to the later, if they differ."""
    if one == other:
        return None
    ends = sorted(d for d in (one, other) if d is not None)
    return Period(ends[0], ends[1] if len(ends) == 2 else None)


def _same_when_final(schedule: Schedule, on: date, knowledge: date) -> bool:
    """Whether no act known after *knowledge* governs entries of *on*."""
    # Kept with the schedule: the windows are built once per schedule.
    windows = _caches.cached(schedule, _caches.LATER_WINDOWS, lambda: _later_windows(schedule))
    return not any(on in period and known_on > knowledge for period, known_on in windows)


def _line(
    schedule: Schedule,
    number: int,
    row: Mapping[str, str],
    known: date | None,
    as_of: date | None,
    corporate: bool = False,
) -> RefundLine:
    """One line; its route on *as_of* when given (the rows have a ``liquidation_date`` column)."""
    missing = [c for c in REQUIRED if not row.get(c)]
    if missing:
        raise InvalidEntryError(f"missing {', '.join(missing)}")
    on = _day("entry_date", row["entry_date"])
    value = cell_amount("value", row["value"])
    content = {c: cell_amount(c, row[c]) for c in _CONTENTS if row.get(c)}
    loaded = _day("loaded", row["loaded"]) if row.get("loaded") else None
    claims = [c.strip() for c in row.get("claims", "").split(";") if c.strip()]
    facts: EntryFacts = {
        "value": value,
        "contents": content,
        "quantities": _quantities(row.get("quantity", "")),
        "loaded": loaded,
        "claims": claims,
    }
    filed = schedule.resolve(row["hts"], row["origin"], on, known=known or on, **facts)
    knowledge = known or on
    same = _same_when_final(schedule, on, knowledge)
    final = filed if same else schedule.resolve(row["hts"], row["origin"], on, **facts)
    if filed.amount is None or final.amount is None:
        raise InvalidEntryError("duty not computable: needs " + "; ".join(filed.missing or final.missing))
    refundable = refundable_lines(schedule, filed, known)
    final_void = sum((r.amount for r in refundable_lines(schedule, final, known)), _ZERO)
    statuses = tuple(f"{line.heading}: {line.status.summary}" for line in filed.lines if line.status is not None)
    liquidation = _day("liquidation_date", row["liquidation_date"]) if row.get("liquidation_date") else None
    refunded = sum((r.amount for r in refundable), _ZERO)
    interest = None
    if row.get("deposit_date") and liquidation is not None and refunded > 0:
        interest = refund_interest(
            refunded, _day("deposit_date", row["deposit_date"]), liquidation, corporate=corporate
        )
    return RefundLine(
        number,
        row["entry"],
        row["line"],
        filed.amount,
        final.amount - final_void,
        sum((r.amount for r in refundable), _ZERO),
        tuple(refundable),
        None if as_of is None else route(liquidation, as_of),
        cell_amount("duty_paid", row["duty_paid"]) if row.get("duty_paid") else None,
        statuses,
        interest=interest,
    )


#: The facts of an entry, not of its lines: every line of one entry states the same (an entry summary
#: has one time of entry, 19 CFR 141.68, and is liquidated as a whole, 19 CFR 159.1).
ENTRY_LEVEL: tuple[str, ...] = ("entry_date", "liquidation_date", "deposit_date")


class EntryLevel:
    """
    The entry-level facts of each entry as its first line stated them, to
    refuse a later line of the same entry that states others.

    >>> check = EntryLevel()
    >>> check.conflict("E1", 2, {"entry_date": date(2025, 5, 1)}) is None
    True
    >>> check.conflict("E1", 3, {"entry_date": date(2025, 12, 1)})
    'entry E1 has entry_date 2025-05-01 (row 2), this line 2025-12-01: the lines of one entry share its entry_date'
    """

    def __init__(self) -> None:
        self._seen: dict[str, tuple[int, Mapping[str, date | str | None]]] = {}

    def conflict(self, entry: str, row: int, facts: Mapping[str, date | str | None]) -> str | None:
        """Why the line on *row* of *entry* disagrees with the entry's first line, or ``None`` (and it is recorded)."""
        first = self._seen.get(entry)
        if first is None:
            self._seen[entry] = (row, dict(facts))
            return None
        at, known = first
        for name, value in facts.items():
            if name in known and known[name] != value:
                return (
                    f"entry {entry} has {name} {_shown(known[name])} (row {at}), this line {_shown(value)}: "
                    f"the lines of one entry share its {name}"
                )
        return None


def _shown(value: date | str | None) -> str:
    return "none" if value is None or value == "" else str(value)


def _entry_facts(row: Mapping[str, str]) -> dict[str, date | str | None]:
    """The entry-level facts a refund row states, read (columns the file does not have are left out)."""
    return {c: (_day(c, row[c]) if row.get(c) else None) for c in ENTRY_LEVEL if c in row}


def _routes_day(row: Mapping[str, str], as_of: date | None) -> date | None:
    """The day a row's route is worked out on: *as_of* for a row that has a ``liquidation_date``, else none."""
    if "liquidation_date" not in row:
        return None
    if as_of is None:
        raise InvalidEntryError(
            "the rows give a liquidation_date, so their refund routes need the day they are worked out on: "
            "pass as_of=date(...) (the command line passes today, or --as-of)"
        )
    return as_of


@own_context
def refund_rows(
    schedule: Schedule,
    rows: Iterable[Mapping[str, str]],
    *,
    known: date | str | Any | None = None,
    as_of: date | str | Any | None = None,
    progress: Any = None,
    corporate: bool = False,
) -> RefundReport:
    """
    The refund report of *rows* (dictionaries keyed by the column names; the
    first data row is row 2, after the header, or the line a :class:`Row`
    carries). The same entry and line twice is counted once: the repeat is
    reported as a bad row, and so is a line whose entry date, liquidation
    date or deposit date is not its entry's (as the entry's first line gives
    it: :data:`ENTRY_LEVEL`). A bad row is reported with its
    number and reason; every good row is still computed. ``as_of`` is the day
    the routes are worked out on: rows with a ``liquidation_date`` column
    need it (there is no implicit today: the command line gives the real
    date). ``progress`` is called with each row number when given. With a ``deposit_date`` column, a line
    liquidated on its ``liquidation_date`` carries the interest on its
    refund (19 U.S.C. 1505(c), :func:`tariffcalc.us.interest.refund_interest`;
    ``corporate``: the importer's overpayment rate is the corporate one).
    ``known`` and ``as_of`` are days in any form :func:`~tariffcalc.periods.as_day` reads.
    """
    require(schedule, Schedule, "schedule")
    known = None if known is None else as_day(known, "known")
    as_of = None if as_of is None else as_day(as_of, "as_of")
    lines: list[RefundLine] = []
    errors: list[RowError] = []
    warnings: set[str] = set()
    seen: dict[tuple[str, str], int] = {}
    entries = EntryLevel()
    for number, row in readable_rows(rows, errors, progress):
        day = _routes_day(row, as_of)  # refused for the whole call, not as a bad row
        try:
            line = _line(schedule, number, row, known, day, corporate)
        except TariffError as e:
            errors.append(RowError(number, str(e).splitlines()[0]))
            continue
        key = (line.entry, line.line)
        if key in seen:
            # A line filed twice would be refunded twice: the first one counts, the repeat is an error.
            errors.append(RowError(number, f"entry {key[0]} line {key[1]} is already on row {seen[key]}"))
            continue
        different = entries.conflict(line.entry, number, _entry_facts(row))
        if different is not None:
            # Which line is right is the importer's to say: the first line counts, the other is reported.
            errors.append(RowError(number, different))
            continue
        seen[key] = number
        lines.append(line)
    if known is not None:
        warnings.add(f"deposits and legal status as known on {known}")
    return RefundReport(schedule.name, tuple(lines), tuple(errors), tuple(sorted(warnings)))
