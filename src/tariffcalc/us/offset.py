"""
The Section 232 import adjustment offset as a number: a credit against a US
assembler's Section 232 **parts** duty over a period, drawn from an
:class:`Allowance` the user supplies (the aggregate MSRP of the vehicles it
assembled in the period times the rate in force, or an amount), entry by
entry in date order. It never touches the vehicle duty or any other
authority's duty.

The rates (:data:`OFFSET_RATES`), from Proc. 10925 (29 April 2025) and
Proc. 10984 (17 October 2025), with the day each became known:

>>> from datetime import date
>>> offset_rate("cars", date(2025, 6, 1)).rate
Decimal('3.75')
>>> offset_rate("cars", date(2026, 6, 1), known=date(2025, 5, 20)).rate  # Proc. 10925's step-down
Decimal('2.5')
>>> offset_rate("cars", date(2026, 6, 1)).rate  # Proc. 10984 kept 3.75%
Decimal('3.75')
>>> Allowance.from_msrp(1_000_000, date(2025, 6, 1)).amount
Decimal('37500.00')

Applied to a book of resolutions (or a frame, :func:`offset_frame`):

>>> from tariffcalc.datasets import load_schedule
>>> us = load_schedule("us-2025-26")
>>> part = us.resolve("8708.30.50.30", "JP", date(2025, 5, 20), value=10000, claims=["auto-offset"])
>>> report = apply_offset([part], Allowance.of_amount(1000))
>>> row = report.rows[0]
>>> row.parts_duty, row.drawn, row.parts_duty_after, row.left
(Decimal('2500.00'), Decimal('1000.00'), Decimal('1500.00'), Decimal('0.00'))
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from tariffcalc._decimals import own_context
from tariffcalc.citations import Citation, Confidence, Instrument
from tariffcalc.errors import InvalidEntryError
from tariffcalc.periods import Period, as_day
from tariffcalc.rates import decimal
from tariffcalc.resolution import Resolution

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "OFFSET_RATES",
    "PROGRAMMES",
    "Allowance",
    "OffsetRate",
    "OffsetReport",
    "OffsetRow",
    "Programme",
    "apply_offset",
    "offset_frame",
    "offset_rate",
]

_CENT = Decimal("0.01")

PROC_10925 = Instrument(
    "Proc. 10925",
    "Amendments to Adjusting Imports of Automobiles and Automobile Parts Into the United States",
    known_on=date(2025, 4, 29),
    published="90 FR 18899-18903 (2 May 2025), FR Doc 2025-07833",
    url="https://www.govinfo.gov/content/pkg/FR-2025-05-02/html/2025-07833.htm",
)
PROC_10984 = Instrument(
    "Proc. 10984",
    "Adjusting Imports of Medium- and Heavy-Duty Trucks, Medium- and Heavy-Duty Truck Parts, and Buses",
    known_on=date(2025, 10, 17),
    published="90 FR 48451-48475 (22 October 2025), FR Doc 2025-19639",
    url="https://www.govinfo.gov/content/pkg/FR-2025-10-22/html/2025-19639.htm",
)


@attrs.frozen
class OffsetRate:
    """
    The offset for *vehicles* (``cars``: passenger vehicles and light
    trucks; ``mhdv``: medium and heavy-duty vehicles) assembled in the US
    on a day of *assembled*: *rate* percent of their aggregate MSRP (value,
    for MHDVs), known from its citation's instrument.
    """

    vehicles: str
    rate: Decimal = attrs.field(converter=decimal)
    assembled: Period
    citation: Citation


#: Facts s.3 (Proc. 10925) and later facts s.2.3 (Proc. 10984).
OFFSET_RATES: tuple[OffsetRate, ...] = (
    OffsetRate(
        "cars",
        Decimal("3.75"),
        Period(date(2025, 4, 3), date(2026, 5, 1)),
        Citation(
            PROC_10925,
            confidence=Confidence("C2"),
            note="Facts s.3: 3.75% of the aggregate MSRP of cars "
            "assembled in the US 3 April 2025 - 30 April 2026 (25% duty on parts worth 15% of MSRP).",
        ),
    ),
    OffsetRate(
        "cars",
        Decimal("2.5"),
        Period(date(2026, 5, 1), date(2027, 5, 1)),
        Citation(
            PROC_10925,
            confidence=Confidence("C2"),
            note="Facts s.3: 2.5% for cars assembled 1 May 2026 - "
            "30 April 2027 (25% on 10%); replaced by Proc. 10984's 3.75% (known from 17 October 2025).",
        ),
    ),
    OffsetRate(
        "cars",
        Decimal("3.75"),
        Period(date(2026, 5, 1), date(2031, 1, 1)),
        Citation(
            PROC_10984,
            confidence=Confidence("U"),
            note="Facts s.3, later facts s.2.3: Proc. 10984 kept the "
            "car offset at 3.75% (no step-down) 'through 2030' [C2]; the last day (31 December 2030) is not "
            "stated in the facts [U].",
        ),
    ),
    OffsetRate(
        "mhdv",
        Decimal("3.75"),
        Period(date(2025, 11, 1), date(2030, 11, 1)),
        Citation(
            PROC_10984,
            confidence=Confidence("C2"),
            note="Later facts s.2.3: 3.75% of the value of MHDVs "
            "assembled in the US, 1 November 2025 - 31 October 2030.",
        ),
    ),
)


def offset_rate(vehicles: str, assembled: date | str | Any, *, known: date | str | Any | None = None) -> OffsetRate:
    """
    The offset rate for *vehicles* assembled on *assembled*, as known on
    *known* (``None``: the final law; a later act replaces an earlier one);
    days in any form :func:`~tariffcalc.periods.as_day` reads.
    """
    assembled = as_day(assembled, "assembled")
    known = None if known is None else as_day(known, "known")
    found = [
        r
        for r in OFFSET_RATES
        if r.vehicles == vehicles
        and assembled in r.assembled
        and (known is None or r.citation.instrument.known_on <= known)
    ]
    if not found:
        kinds = sorted({r.vehicles for r in OFFSET_RATES})
        raise InvalidEntryError(
            f"no import adjustment offset for {vehicles!r} assembled on {assembled}"
            + ("" if known is None else f" as known on {known}")
            + f"; offsets: {', '.join(f'{r.vehicles} {r.assembled}' for r in OFFSET_RATES)} (vehicles: {', '.join(kinds)})"
        )
    return max(found, key=lambda r: r.citation.instrument.known_on)


def _cents(value: Decimal | int | str) -> Decimal:
    return decimal(value).quantize(_CENT)


@attrs.frozen
class Allowance:
    """What a manufacturer may offset, in USD (to the cent), and how it was worked out."""

    amount: Decimal = attrs.field(converter=_cents)
    basis: str = ""

    @classmethod
    def of_amount(cls, amount: Decimal | int | str) -> Allowance:
        """An allowance the user knows as an amount (e.g. from its ITA approval)."""
        return cls(amount, f"an allowance of {decimal(amount)}")

    @classmethod
    def from_msrp(
        cls, aggregate_msrp: Decimal | int | str, assembled: date, *, vehicles: str = "cars", known: date | None = None
    ) -> Allowance:
        """*aggregate_msrp* of the vehicles assembled on *assembled* (a day of the offset period) times the rate in force."""
        rate = offset_rate(vehicles, assembled, known=known)
        msrp = decimal(aggregate_msrp)
        amount = (msrp * rate.rate / 100).quantize(_CENT)
        return cls(
            amount,
            f"{rate.rate}% of {msrp} MSRP ({vehicles} assembled {rate.assembled}, {rate.citation.instrument.id})",
        )

    def __add__(self, other: Allowance) -> Allowance:
        return Allowance(self.amount + other.amount, f"{self.basis} + {other.basis}")


@attrs.frozen
class Programme:
    """An offset: the claim, the measure whose goods it covers, and the tag of the duty it offsets."""

    claim: str
    measure: str
    duty_tag: str


#: The two offsets of the packaged schedule, by the vehicles they serve.
PROGRAMMES = {
    "cars": Programme("auto-offset", "us.s232.auto-parts.offset", "s232-auto"),
    "mhdv": Programme("mhdv-offset", "us.s232.truck-parts.offset", "s232-truck"),
}


@attrs.frozen
class OffsetRow:
    """One entry of the book: its parts duty before and after the offset drawn, and what is left."""

    index: int
    on: date
    product: str
    parts_duty: Decimal
    drawn: Decimal
    parts_duty_after: Decimal
    other_duty: Decimal
    left: Decimal

    @property
    def duty_after(self) -> Decimal:
        """The entry's whole duty after the offset: the parts duty left plus every other duty."""
        return self.parts_duty_after + self.other_duty


@attrs.frozen
class OffsetReport:
    """The offset applied to a book: one row per entry in date order, and the totals."""

    rows: tuple[OffsetRow, ...]
    allowance: Allowance

    @property
    def parts_duty(self) -> Decimal:
        """The book's parts duty before the offset."""
        return sum((r.parts_duty for r in self.rows), Decimal(0))

    @property
    def drawn(self) -> Decimal:
        """The offset drawn from the allowance."""
        return sum((r.drawn for r in self.rows), Decimal(0))

    @property
    def parts_duty_after(self) -> Decimal:
        """The book's parts duty after the offset."""
        return self.parts_duty - self.drawn

    @property
    def left(self) -> Decimal:
        """What is left of the allowance."""
        return self.allowance.amount - self.drawn

    def to_frame(self, exact: bool = False) -> pd.DataFrame:
        """
        One row per entry, in date order, indexed by the book's ``index``:
        ``on`` (``datetime64``), ``product`` (``string``) and the amounts
        ``parts_duty``, ``drawn``, ``parts_duty_after``, ``other_duty``,
        ``left`` and ``duty_after`` (``Float64``; exact ``Decimal`` objects with
        *exact*), as every frame of tariffcalc (the pandas how-to).
        """
        import pandas as pd

        amounts = ("parts_duty", "drawn", "parts_duty_after", "other_duty", "left", "duty_after")
        rows = [{**attrs.asdict(r), "duty_after": r.duty_after} for r in self.rows]
        frame = pd.DataFrame(
            {
                "index": [r["index"] for r in rows],
                "on": pd.to_datetime(pd.Series([r["on"] for r in rows], dtype=object)),
                "product": pd.array([r["product"] for r in rows], dtype="string"),
                **{
                    a: pd.array([r[a] for r in rows], dtype=object)
                    if exact
                    else pd.array([float(r[a]) for r in rows], dtype="Float64")
                    for a in amounts
                },
            }
        )
        return frame.set_index("index")


def _parts_duty(r: Resolution, programme: Programme) -> Decimal:
    if programme.claim not in r.entry.claims:
        return _CENT * 0
    if r.line(programme.measure) is None:
        return _CENT * 0  # the claim does not reach this product or day: nothing to offset
    total = _CENT * 0
    for line in r.lines:
        if programme.duty_tag in line.measure.tags:
            if line.amount is None:
                raise InvalidEntryError(
                    f"the parts duty of {r.entry.product} on {r.entry.on} has no amount "
                    f"(missing: {'; '.join(r.missing) or 'a value'}); give the facts it needs"
                )
            total += line.amount
    return total


@own_context
def apply_offset(book: Iterable[Resolution], allowance: Allowance, *, vehicles: str = "cars") -> OffsetReport:
    """
    Draw *allowance* against the Section 232 parts duty of *book* (entries
    resolved with the offset claimed: ``claims=["auto-offset"]``, or
    ``"mhdv-offset"`` for *vehicles* ``"mhdv"``), entry by entry in date
    order (stable: same-day entries keep the book's order). Only the
    parts duty of the claimed entries is offset; each row keeps the
    entry's other duties as they are.
    """
    if vehicles not in PROGRAMMES:
        raise InvalidEntryError(f"no offset programme for {vehicles!r}; programmes: {', '.join(PROGRAMMES)}")
    programme = PROGRAMMES[vehicles]
    entries: Sequence[Resolution] = list(book)
    order = sorted(range(len(entries)), key=lambda i: entries[i].entry.on)
    left = allowance.amount
    rows = []
    for i in order:
        r = entries[i]
        parts = _parts_duty(r, programme)
        if r.amount is None:
            raise InvalidEntryError(
                f"entry {i} ({r.entry.product} on {r.entry.on}) has no amount "
                f"(missing: {'; '.join(r.missing) or 'a value'}); the offset needs each entry's duty"
            )
        drawn = min(parts, left)
        left -= drawn
        rows.append(OffsetRow(i, r.entry.on, str(r.entry.product), parts, drawn, parts - drawn, r.amount - parts, left))
    return OffsetReport(tuple(rows), allowance)


def offset_frame(
    schedule: Any, df: pd.DataFrame, allowance: Allowance, *, vehicles: str = "cars", **columns: Any
) -> OffsetReport:
    """
    The offset on a pandas book: each row resolved with the claim (the
    column arguments of :func:`tariffcalc.frames.resolve_frame`:
    ``product``, ``origin``, ``date``, ``value``, ...), then
    :func:`apply_offset`. The row index of the report is the frame's
    position.
    """
    claim = PROGRAMMES[vehicles].claim if vehicles in PROGRAMMES else vehicles
    product, origin, day = (
        columns.get("product", "product"),
        columns.get("origin", "origin"),
        columns.get("date", "date"),
    )
    value = columns.get("value")
    book = [
        schedule.resolve(
            str(row[product]),
            str(row[origin]),
            row[day] if isinstance(row[day], date) else date.fromisoformat(str(row[day])[:10]),
            value=None if value is None else str(row[value]),
            claims=[claim],
        )
        for _, row in df.iterrows()
    ]
    return apply_offset(book, allowance, vehicles=vehicles)
