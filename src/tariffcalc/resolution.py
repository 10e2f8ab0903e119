"""
The answer to a question: the duty lines that apply, the candidates that
did not and why, the facts that are missing, and the totals.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

import attrs

from tariffcalc import _reprs as reprs
from tariffcalc.citations import Citation
from tariffcalc.entries import Entry
from tariffcalc.errors import CUSTOMS_VALUE, InvalidRateError, MissingFact
from tariffcalc.measures import Basis, Measure
from tariffcalc.rates import Rate, decimal
from tariffcalc.reasons import BeforeData, Expired, NotYetInForce, Reason

if TYPE_CHECKING:
    from tariffcalc.legal import LineStatus

__all__ = ["DutyLine", "DutyLines", "NotApplied", "NotAppliedMeasures", "Resolution", "Rounding"]

_ROUNDING_MODES = frozenset(
    {"ROUND_HALF_UP", "ROUND_HALF_EVEN", "ROUND_HALF_DOWN", "ROUND_UP", "ROUND_DOWN", "ROUND_CEILING", "ROUND_FLOOR"}
)

_SMALLEST_QUANTUM = Decimal("0.000001")
_LARGEST_QUANTUM = Decimal(1_000_000)

#: The reasons a measure did not apply that are only its dates (left out of a brief explanation).
_BY_DATE = (NotYetInForce, Expired, BeforeData)


@attrs.frozen
class Rounding:
    """
    How each line's amount is rounded: to ``quantum`` (default the cent) with
    ``mode`` (a :mod:`decimal` rounding constant, default half-up).

    >>> Rounding().apply(Decimal("2.345"))
    Decimal('2.35')
    >>> Rounding(Decimal("1"), "ROUND_HALF_EVEN").apply(Decimal("2.5"))
    Decimal('2')
    >>> Rounding(quantum=0)
    Traceback (most recent call last):
    ...
    tariffcalc.errors.InvalidRateError: a rounding quantum must be from 0.000001 to 1000000 (e.g. 0.01 for the cent, 1 for the dollar), got 0
    """

    quantum: Decimal = attrs.field(default=Decimal("0.01"), converter=decimal)
    mode: str = attrs.field(default=ROUND_HALF_UP)

    @mode.validator
    def _known_mode(self, _attribute: attrs.Attribute[Any], mode: object) -> None:
        if not isinstance(mode, str) or mode not in _ROUNDING_MODES:
            raise InvalidRateError(f"rounding mode {mode!r} is not one of {', '.join(sorted(_ROUNDING_MODES))}")

    @quantum.validator
    def _sane_quantum(self, _attribute: attrs.Attribute[Any], quantum: Decimal) -> None:
        if not _SMALLEST_QUANTUM <= quantum <= _LARGEST_QUANTUM:
            raise InvalidRateError(
                f"a rounding quantum must be from 0.000001 to 1000000 "
                f"(e.g. 0.01 for the cent, 1 for the dollar), got {quantum}"
            )

    def apply(self, amount: Decimal) -> Decimal:
        """The amount rounded."""
        return amount.quantize(self.quantum, rounding=self.mode)


def _text(d: Decimal | None) -> str | None:
    return None if d is None else format(d, "f")


@attrs.frozen(repr=False)
class DutyLine:
    """
    One duty that applies: the measure, the rate charged (a suspension's
    replacement or a claimed preference where one applies), the value it is
    charged on, and the amount (``None`` where a fact is missing or no customs
    value was given).
    """

    measure: Measure
    rate: Rate
    basis: Basis
    basis_value: Decimal | None
    amount: Decimal | None
    note: str = ""
    #: The heading this line is filed under when it differs from the measure's
    #: own (an all-in measure whose target the base duty already meets).
    reported_heading: str | None = None
    #: The legal status of the line's authority as known on the resolution's
    #: knowledge date (``None``: the data keeps no status for it).
    #: Not part of the line's equality: the same duty with the law's status known on another day is the same duty.
    status: LineStatus | None = attrs.field(default=None, eq=False)

    @property
    def heading(self) -> str | None:
        """The heading the line is reported under (Chapter 99 heading or HTS line)."""
        return self.reported_heading or self.measure.citation.heading

    @property
    def citation(self) -> Citation:
        """The measure's citation."""
        return self.measure.citation

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready account of the line."""
        out: dict[str, Any] = {
            "measure": self.measure.id,
            "title": self.measure.title,
            "kind": str(self.measure.kind),
            "heading": self.heading,
            "rate": str(self.rate),
            "basis": str(self.basis),
            "basis_value": _text(self.basis_value),
            "amount": _text(self.amount),
            "citation": str(self.citation),
            "source": self.citation.source or self.citation.instrument.url,
            "confidence": str(self.citation.confidence) if self.citation.confidence else None,
            "note": self.note,
        }
        if self.status is not None:  # only schedules with legal status data have the key
            out["status"] = self.status.to_dict()
        return out

    def __repr__(self) -> str:
        return reprs.line_repr(self)


@attrs.frozen(repr=False)
class NotApplied:
    """A candidate measure that did not apply, with the reason."""

    measure: Measure
    reason: Reason

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready account."""
        because = self.reason.citation
        return {
            "measure": self.measure.id,
            "title": self.measure.title,
            "heading": self.measure.citation.heading,
            "reason": str(self.reason),
            "reason_code": self.reason.code,
            "reason_citation": str(because) if because else None,
            "citation": str(self.measure.citation),
        }

    def __repr__(self) -> str:
        return reprs.not_applied_row_repr(self)


class DutyLines(tuple[DutyLine, ...]):
    """
    The lines of a resolution: a tuple (equal to the plain tuple of the same
    lines, hashed and pickled alike) with a short repr, an HTML table and
    :meth:`to_frame`.

    >>> from datetime import date
    >>> from tariffcalc.datasets import load_schedule
    >>> r = load_schedule("us-2025-26").resolve("8703.23.01.90", "JP", date(2025, 5, 5), value=1000)
    >>> r.lines  # doctest: +ELLIPSIS
    <DutyLines 2: 8703.23.01.90 2.5%, 9903.94.01 25%>
    >>> r.lines == tuple(r.lines)
    True
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return reprs.lines_repr(self)

    def _repr_html_(self) -> str:
        return reprs.lines_html(self)

    def to_frame(self, exact: bool = False) -> Any:
        """
        One row a line: ``measure``, ``title``, ``heading``, ``terms`` (the
        rate as printed, ``25%``, ``2.4¢/kg``, as in
        :func:`tariffcalc.frames.resolution_frame`), ``basis``
        (``string``), ``basis_value`` and ``amount`` (Float64, or Decimal with
        *exact*), ``note``, ``citation`` (needs pandas).
        """
        import pandas as pd

        return _frame(
            pd,
            {
                "measure": [line.measure.id for line in self],
                "title": [line.measure.title for line in self],
                "heading": [line.heading for line in self],
                "terms": [str(line.rate) for line in self],
                "basis": [str(line.basis) for line in self],
                "note": [line.note for line in self],
                "citation": [str(line.citation) for line in self],
            },
            {"basis_value": [line.basis_value for line in self], "amount": [line.amount for line in self]},
            exact,
        )


class NotAppliedMeasures(tuple[NotApplied, ...]):
    """
    The candidate measures that did not apply: a tuple (equal to the plain
    tuple, hashed and pickled alike) with a short repr that counts the
    reasons, an HTML table and :meth:`to_frame`.

    >>> from datetime import date
    >>> from tariffcalc.datasets import load_schedule
    >>> r = load_schedule("us-2025-26").resolve("8703.23.01.90", "JP", date(2025, 5, 5), value=1000)
    >>> r.not_applied  # doctest: +ELLIPSIS
    <NotAppliedMeasures ...: ...>
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return reprs.not_applied_repr(self)

    def _repr_html_(self) -> str:
        return reprs.not_applied_html(self)

    def to_frame(self) -> Any:
        """One row a measure: ``measure``, ``title``, ``heading``, ``reason``, ``reason_code``, ``citation`` (``string``; needs pandas)."""
        import pandas as pd

        return _frame(
            pd,
            {
                "measure": [n.measure.id for n in self],
                "title": [n.measure.title for n in self],
                "heading": [n.measure.citation.heading for n in self],
                "reason": [str(n.reason) for n in self],
                "reason_code": [n.reason.code for n in self],
                "citation": [str(n.measure.citation) for n in self],
            },
            {},
            False,
        )


def _frame(pd: Any, texts: dict[str, list[Any]], numbers: dict[str, list[Decimal | None]], exact: bool) -> Any:
    """A frame of ``string`` text columns and Float64 numbers (Decimal objects with *exact*), NA for missing."""
    frame = pd.DataFrame({k: pd.array([x or None for x in v], dtype="string") for k, v in texts.items()})
    for k, v in numbers.items():
        frame[k] = (
            pd.array(v, dtype=object)
            if exact
            else pd.array([None if x is None else float(x) for x in v], dtype="Float64")
        )
    return frame


@attrs.frozen(repr=False)
class Resolution:
    """
    The duty on one entry under one schedule.

    ``rate`` is the total ad valorem equivalent in percent (``None`` when a
    missing fact prevents it); ``amount`` the sum of the rounded line amounts
    (``None`` without a customs value or when a fact is missing).
    """

    entry: Entry
    schedule: str
    lines: DutyLines = attrs.field(converter=DutyLines)
    not_applied: NotAppliedMeasures = attrs.field(converter=NotAppliedMeasures)
    #: The facts the duty waits for, typed (kind and name); :attr:`missing` gives their texts.
    missing_facts: tuple[MissingFact, ...]
    rate: Decimal | None
    amount: Decimal | None
    #: What the answer must be read with: the entry date is outside the days
    #: the schedule's sources confirm (its horizon).
    warnings: tuple[str, ...] = ()
    #: The knowledge date: the answer follows the law as known on this day
    #: (``None``: as finally known, with every later and retroactive act).
    known: date | None = None

    @property
    def missing(self) -> tuple[str, ...]:
        """The texts of :attr:`missing_facts`, as every output form shows them (``"customs value"``)."""
        return tuple(map(str, self.missing_facts))

    @property
    def amount_missing(self) -> tuple[str, ...]:
        """
        The facts the amount waits for: :attr:`missing`, and the customs value
        when none was given (the rate may still be known, the amount is not).
        """
        if self.entry.value is None and CUSTOMS_VALUE not in self.missing_facts:
            return (*self.missing, str(CUSTOMS_VALUE))
        return self.missing

    def line(self, measure_id: str) -> DutyLine | None:
        """The applied line of measure *measure_id*, if it applied."""
        return next((line for line in self.lines if line.measure.id == measure_id), None)

    def reason(self, measure_id: str) -> Reason | None:
        """Why measure *measure_id* did not apply (``None`` if it applied or was no candidate)."""
        return next((n.reason for n in self.not_applied if n.measure.id == measure_id), None)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready account: every number as a decimal string."""
        e = self.entry
        return {
            "entry": {
                "product": str(e.product),
                "origin": str(e.origin),
                "date": e.on.isoformat(),
                "value": _text(e.value),
                "quantities": {k: _text(v) for k, v in e.quantities},
                "content": {k: _text(v) for k, v in e.contents},
                "loaded": e.loaded.isoformat() if e.loaded else None,
                "claims": sorted(e.claims),
                "currency": e.currency,
                "conversions": [
                    {
                        "currency": c.currency,
                        "to": c.to,
                        "rate": _text(c.rate),
                        "on": c.on.isoformat(),
                        "source": c.source,
                    }
                    for c in e.conversions
                ],
            },
            "schedule": {"name": self.schedule},
            "known": self.known.isoformat() if self.known else None,
            "rate": _text(self.rate),
            "amount": _text(self.amount),
            "lines": [line.to_dict() for line in self.lines],
            "not_applied": [n.to_dict() for n in self.not_applied],
            "missing": list(self.missing),
            "warnings": list(self.warnings),
        }

    def explain(self, brief: bool = False) -> str:
        """
        A readable, cited account of every line, every measure that did not
        apply and why, and the totals. With ``brief``, one line per applied
        duty, and only the measures that did not apply for a reason other
        than their dates (not yet in force, expired, before the data), counted.
        """
        e = self.entry
        head = f"{e.product} from {e.origin} ({e.origin.name}), entered {e.on}"
        if e.value is not None:
            head += f", customs value {e.value}"
        if e.loaded is not None:
            head += f", loaded {e.loaded}"
        if e.claims:
            head += f", claims {', '.join(sorted(e.claims))}"
        if e.currency != "USD":
            head += f", in {e.currency}"
        out = [head, f"Schedule: {self.schedule}"]
        if self.known is not None:
            out.append(f"Law as known on {self.known} (later and retroactive acts left out)")
        if self.warnings:
            out += ["", "Warnings:"] + [f"  ! {w}" for w in self.warnings]
        out += ["", "Applied:"]
        if not self.lines:
            out.append("  (none)")
        for line in self.lines:
            on = f" on {line.basis_value}" if line.basis_value is not None and line.amount is not None else ""
            if str(line.basis) != "value":
                on += f" ({line.basis.words()})"
            amount = f" = {line.amount}" if line.amount is not None else ""
            if brief:
                out.append(f"  {line.heading or line.measure.id}: {line.rate}{on}{amount}  {line.measure.title}")
                continue
            out.append(f"  {line.measure.id}: {line.rate}{on}{amount}")
            out.append(f"      {line.measure.title} [{line.citation}]")
            if line.note:
                out.append(f"      {line.note}")
            if line.amount is not None:
                out += [f"      converted at {c}" for c in e.exchange.used(line.rate)]
            if line.status is not None:
                refundable = "; refundable" if line.status.refundable else ""
                out.append(f"      status ({line.status.authority.law}): {line.status.summary}{refundable}")
        shown = [n for n in self.not_applied if not (brief and isinstance(n.reason, _BY_DATE))]
        if shown or len(shown) < len(self.not_applied):
            by_date = len(self.not_applied) - len(shown)
            out += ["", f"Not applied ({by_date} more by their dates):" if brief else "Not applied:"]
            for n in shown:
                out.append(f"  {n.measure.id}: {n.reason}")
                if not brief:
                    out.append(f"      {n.measure.title} [{n.measure.citation}]")
        if self.missing:
            out += ["", "Missing facts:"] + [f"  - {m}" for m in self.missing]
        rate = f"{self.rate}%" if self.rate is not None else "not computable (see missing facts)"
        total = f"Total: {rate}"
        if self.amount is not None:
            total += f" = {self.amount}"
        out += ["", total]
        return "\n".join(out)

    def __repr__(self) -> str:
        return reprs.resolution_repr(self)

    def _repr_html_(self) -> str:
        return reprs.resolution_html(self)
