"""
Check every deposit of an ACE ES-003 export (see :mod:`tariffcalc.us.es003`)
against the law as known on each line's entry date: the duty filed on the
line's own HTS number and on each Chapter 99 heading, beside the lines the
resolution applies. One finding per row, with its reason and citation:

- a heading the law applies (and must be reported) that was not filed;
- a heading filed that the law does not apply to the line;
- an amount that differs from the law's by more than the tolerance;
- a preference claimed (the line's SPI code) for an origin that was not a
  beneficiary of the programme on the entry date (``us/data/us_programmes.toml``);
- a merchandise processing fee (class code 499, fees facts §0) outside its
  minimum and maximum per entry for the entry date's fiscal year.

Each finding gives the law as known on the entry date (what the deposit was
checked against) and the law as finally known beside it, and the entry's
liquidation status (a finding on a liquidated entry is one for a protest,
not a correction of the summary). The lines of one entry share its entry
date and liquidation (:class:`tariffcalc.us.refunds.EntryLevel`).

>>> from tariffcalc.datasets import load_schedule
>>> row = {"entry number": "E1", "line number": "1", "country of origin": "JP",
...        "entry date": "05/01/2025", "entered value": "1000"}
>>> rows = [{**row, "hts code": "9503.00.00.90", "duty amount": "0.00"},
...         {**row, "hts code": "9903.01.25", "duty amount": "90.00"}]
>>> [str(f) for f in audit_rows(load_schedule("us-2025-26"), rows).findings]
['row 3 (E1/1) 9903.01.25: amount: filed 90.00, the law as known on 2025-05-01 gives 100.00 (EO 14257 ..., heading 9903.01.25)']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from tariffcalc._validators import require
from tariffcalc.countries import Country
from tariffcalc.errors import InvalidEntryError, TariffError
from tariffcalc.io.numbers import read_amount
from tariffcalc.io.ratetext import programme_claim
from tariffcalc.resolution import Resolution
from tariffcalc.schedule import Schedule
from tariffcalc.us.es003 import COLUMNS, report_day, report_field
from tariffcalc.us.fees import FeeKind, us_fees
from tariffcalc.us.programmes import us_programmes
from tariffcalc.us.refunds import EntryLevel, RowError, readable_rows

__all__ = ["FEE_CODES", "TOLERANCE", "AuditReport", "Finding", "audit_rows"]

#: The difference between a filed amount and the law's that is not a finding (rounding of cents).
TOLERANCE = Decimal("0.01")
_NEEDED = ("entry", "line", "hts", "entry_date", "duty")


def _digits(hts: str) -> str:
    return "".join(c for c in hts if c.isdigit())


def _heading(hts: str) -> str:
    digits = _digits(hts)
    return f"{digits[:4]}.{digits[4:6]}.{digits[6:8]}" if digits.startswith("99") else hts.strip()


@attrs.frozen
class Finding:
    """
    One row's finding: ``kind`` is ``missing``, ``extra``, ``amount``,
    ``spi`` or ``fee``; ``expected`` is the law as known on the entry date,
    ``final`` the law as finally known, ``liquidation`` the entry's status.
    """

    row: int
    entry: str
    line: str
    kind: str
    heading: str
    filed: Decimal | None
    expected: Decimal | None
    reason: str
    citation: str = ""
    final: Decimal | None = None
    liquidation: str = ""

    def __str__(self) -> str:
        cite = f" ({self.citation})" if self.citation else ""
        return f"row {self.row} ({self.entry}/{self.line}) {self.heading}: {self.kind}: {self.reason}{cite}"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready finding."""
        return {
            "row": self.row,
            "entry": self.entry,
            "line": self.line,
            "kind": self.kind,
            "heading": self.heading,
            "filed": None if self.filed is None else format(self.filed, "f"),
            "expected": None if self.expected is None else format(self.expected, "f"),
            "reason": self.reason,
            "citation": self.citation,
            "final": None if self.final is None else format(self.final, "f"),
            "liquidation": self.liquidation,
        }


@attrs.frozen
class AuditReport:
    """The findings of an audit, the lines checked and the rows that could not be read."""

    findings: tuple[Finding, ...]
    lines_checked: int
    errors: tuple[RowError, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready report."""
        return {
            "lines_checked": self.lines_checked,
            "findings": [f.to_dict() for f in self.findings],
            "errors": [e.to_dict() for e in self.errors],
        }


def _check(
    schedule: Schedule, entry: str, line: str, rows: list[tuple[int, Mapping[str, str]]], tolerance: Decimal
) -> list[Finding]:
    base = [(n, r) for n, r in rows if not _digits(report_field(r, "hts")).startswith("99")]
    if not base:
        raise InvalidEntryError(f"entry {entry} line {line}: no row with the line's own HTS number")
    number, product = base[0]
    on = report_day("Entry Date", report_field(product, "entry_date"))
    origin, value = report_field(product, "origin"), report_field(product, "value")
    if not origin or not value:
        raise InvalidEntryError(f"entry {entry} line {line}: Country of Origin or Entered Value missing")
    amount = read_amount(value, f"row {number}, column Entered Value")
    law = schedule.resolve(report_field(product, "hts"), origin, on, value=amount, known=on)
    filed: dict[str, tuple[int, Decimal]] = {}
    for n, r in rows:
        heading = _heading(report_field(r, "hts"))
        duty = read_amount(report_field(r, "duty") or "0", f"row {n}, column Duty Amount")
        previous = filed.get(heading)
        filed[heading] = (previous[0] if previous else n, (previous[1] if previous else Decimal(0)) + duty)
    own = _heading(report_field(product, "hts"))
    expected = _by_heading(law, own)
    final = _by_heading(schedule.resolve(report_field(product, "hts"), origin, on, value=amount), own)
    findings: list[Finding] = []
    known = f"the law as known on {on}"
    status = _liquidation(product)

    def as_final(heading: str, want: Decimal | None) -> tuple[Decimal | None, str]:
        then = final.get(heading, (None, ""))[0] if heading in final else Decimal("0.00")
        return then, ("" if then == want else f"; as final {then if then is not None else 'not computable'}")

    for heading, (want, cite) in expected.items():
        then, note = as_final(heading, want)
        if heading not in filed:
            reason = f"{known} applies it; not filed{note}"
            findings.append(Finding(number, entry, line, "missing", heading, None, want, reason, cite, then, status))
            continue
        row, got = filed[heading]
        got = got.quantize(TOLERANCE)
        if want is not None and abs(got - want) > tolerance:
            reason = f"filed {got}, {known} gives {want}{note}"
            findings.append(Finding(row, entry, line, "amount", heading, got, want, reason, cite, then, status))
    for heading, (row, got) in filed.items():
        got = got.quantize(TOLERANCE)
        if heading not in expected and heading != own:
            then = final[heading][0] if heading in final else None
            note = f"; as final {then}" if heading in final else ""
            reason = f"filed with {got}; {known} does not apply it to {own} from {origin}{note}"
            findings.append(Finding(row, entry, line, "extra", heading, got, None, reason, "", then, status))
    # Filed as the law was known, but the law as finally known (a retroactive act) differs: one finding
    # for what reliquidation or a refund would change, beside the deposits checked above.
    flagged = {f.heading for f in findings}
    for heading in sorted((final.keys() | filed.keys()) - flagged - {own} | ({own} & final.keys() - flagged)):
        got = filed[heading][1].quantize(TOLERANCE) if heading in filed else Decimal("0.00")
        then, cite = final.get(heading, (Decimal("0.00"), ""))
        if then is None or abs(got - then) <= tolerance:
            continue
        row = filed[heading][0] if heading in filed else number
        reason = f"filed {got} under {known}; the law as finally known gives {then}"
        findings.append(
            Finding(
                row,
                entry,
                line,
                "final",
                heading,
                got,
                expected.get(heading, (None, ""))[0],
                reason,
                cite or expected.get(heading, (None, ""))[1],
                then,
                status,
            )
        )
    spi = report_field(product, "spi")
    if spi:
        findings += _spi(number, entry, line, spi, origin, on, status)
    return findings


def _by_heading(law: Resolution, own: str) -> dict[str, tuple[Decimal | None, str]]:
    """The duty of *law* by the heading it is filed on (the base duty on the line's own number *own*), with its citation."""
    expected: dict[str, tuple[Decimal | None, str]] = {}
    for ln in law.lines:
        heading = ln.heading or ""
        if heading.startswith("99"):
            key = heading
        elif _digits(heading) and _digits(own).startswith(_digits(heading)):
            key = own  # the base duty is filed on the line's own number
        else:
            continue
        old = expected.get(key)
        total = ln.amount if old is None else (None if old[0] is None or ln.amount is None else old[0] + ln.amount)
        expected[key] = (total, str(ln.citation))
    return expected


def _liquidation(row: Mapping[str, str]) -> str:
    """The entry's liquidation status as the row gives it: ``unliquidated``, ``liquidated YYYY-MM-DD``, or as written."""
    status = report_field(row, "liquidation_status").lower()
    on = report_field(row, "liquidation_date")
    if on and "unliq" not in status:
        return f"liquidated {report_day('Liquidation Date', on)}"
    return status


def _spi(number: int, entry: str, line: str, spi: str, origin: str, on: date, status: str) -> list[Finding]:
    """A finding when the programme the SPI code claims did not have *origin* as a beneficiary on *on*."""
    claim = programme_claim(spi)
    programme = next((p for p in us_programmes().values() if claim in p.claims), None)
    if programme is None:
        return []  # a programme the data does not list: its claims are taken as made
    country = Country.parse(origin)
    if programme.eligible(country, on):
        return []
    reason = f"SPI {spi} claims {programme.name}: {programme.why_not(country, on)}"
    return [Finding(number, entry, line, "spi", spi, None, None, reason, str(programme.citation), None, status)]


#: ACE class codes of fee rows (CBP Form 7501; fees facts §0): the MPF of a formal entry.
FEE_CODES: dict[str, FeeKind] = {"499": FeeKind.MPF}


def _fees(entry: str, rows: list[tuple[int, Mapping[str, str]]], status: str) -> list[Finding]:
    """A finding when an entry's MPF rows add up to less than its minimum or more than its maximum."""
    number, first = rows[0]
    on = report_day("Entry Date", report_field(first, "entry_date"))
    filed = sum(
        (read_amount(report_field(r, "duty") or "0", f"row {n}, column Duty Amount") for n, r in rows), Decimal(0)
    ).quantize(TOLERANCE)
    fee = us_fees().fee(FeeKind.MPF, on)
    if fee is None:
        raise InvalidEntryError(f"entry {entry}: no MPF in the data for {on}; its fee row cannot be checked")
    line = report_field(first, "line")
    cite = str(fee.citation)
    if fee.minimum is not None and filed < fee.minimum:
        reason = f"MPF filed {filed:.2f} is below its minimum {fee.minimum} per entry on {on} ({fee.id})"
        return [Finding(number, entry, line, "fee", "499", filed, fee.minimum, reason, cite, fee.minimum, status)]
    if fee.maximum is not None and filed > fee.maximum:
        reason = f"MPF filed {filed:.2f} is above its maximum {fee.maximum} per entry on {on} ({fee.id})"
        return [Finding(number, entry, line, "fee", "499", filed, fee.maximum, reason, cite, fee.maximum, status)]
    return []


def audit_rows(schedule: Schedule, rows: Iterable[Mapping[str, str]], *, tolerance: Decimal = TOLERANCE) -> AuditReport:
    """
    The findings of ES-003 *rows* (dictionaries keyed by lower-case header
    names, as :func:`tariffcalc.us.refunds.read_rows` gives them; the first data
    row is row 2), in row order. A line that cannot be checked is reported
    as a row error.
    """
    require(schedule, Schedule, "schedule")
    groups: dict[tuple[str, str], list[tuple[int, Mapping[str, str]]]] = {}
    fees: dict[str, list[tuple[int, Mapping[str, str]]]] = {}
    errors: list[RowError] = []
    for number, row in readable_rows(rows, errors):
        missing = [COLUMNS[f][0] for f in _NEEDED if not report_field(row, f)]
        if missing:
            errors.append(RowError(number, f"missing {', '.join(missing)}"))
            continue
        if _digits(report_field(row, "hts")) in FEE_CODES:
            fees.setdefault(report_field(row, "entry"), []).append((number, row))
            continue
        groups.setdefault((report_field(row, "entry"), report_field(row, "line")), []).append((number, row))
    findings: list[Finding] = []
    entries = EntryLevel()
    statuses: dict[str, str] = {}
    for (entry, line), group in groups.items():
        try:
            number, first = group[0]
            facts: dict[str, date | str | None] = {
                "Entry Date": report_day("Entry Date", report_field(first, "entry_date")),
                "liquidation": _liquidation(first),
            }
            different = entries.conflict(entry, number, facts)
            if different is not None:
                errors.append(RowError(number, different))
                continue
            statuses.setdefault(entry, _liquidation(first))
            findings += _check(schedule, entry, line, group, tolerance)
        except TariffError as e:
            errors.append(RowError(group[0][0], str(e).splitlines()[0]))
    for entry, rows_ in fees.items():
        try:
            findings += _fees(entry, rows_, statuses.get(entry, _liquidation(rows_[0][1])))
        except TariffError as e:
            errors.append(RowError(rows_[0][0], str(e).splitlines()[0]))
    findings.sort(key=lambda f: (f.row, f.heading))
    errors.sort(key=lambda e: e.row)
    return AuditReport(tuple(findings), len(groups), tuple(errors))
