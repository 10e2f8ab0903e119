"""
Interest on a refund of excess moneys deposited, under 19 U.S.C. 1505(c):
it runs from the day the importer deposits the duty to the day of
liquidation or reliquidation, at the overpayment rate of each calendar
quarter the money was on deposit (26 U.S.C. 6621: non-corporate and
corporate rates), fees facts s.5.

>>> from datetime import date
>>> from decimal import Decimal
>>> i = refund_interest(Decimal("100000"), date(2025, 7, 1), date(2026, 3, 31), corporate=True)
>>> i.amount, [(str(p.start), p.days, p.percent) for p in i.periods][:2]
(Decimal('4487.67'), [('2025-07-01', 92, Decimal('6')), ('2025-10-01', 92, Decimal('6'))])

A quarter the facts give no rate for is a missing fact, named:

>>> refund_interest(Decimal("1000"), date(2026, 6, 1), date(2026, 8, 1)).missing
('the 19 U.S.C. 1505 overpayment interest rate for the quarter from 2026-07-01',)

Days are counted half-open, ``[deposit, liquidation)``, on a 365-day year,
as the facts' worked example does (s.5.5). Whether CBP compounds daily
(26 U.S.C. 6622) is not confirmed (s.5.2 [U]): ``compounding="daily"``
gives that reading, the default is simple interest, and the result says so.
Interest for a late payment after liquidation (1505(d)) is not computed.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from importlib.resources import files
from typing import Any

import attrs

from tariffcalc.citations import Citation, Confidence, Instrument
from tariffcalc.errors import InvalidEntryError, InvalidMeasureError
from tariffcalc.periods import as_day, parse_day
from tariffcalc.rates import amount as read_amount
from tariffcalc.rates import decimal

__all__ = [
    "INTEREST_FILE",
    "STATUTE",
    "Interest",
    "InterestPeriod",
    "InterestTable",
    "QuarterRate",
    "read_interest",
    "refund_interest",
    "us_interest",
]

#: The packaged quarterly rates, beside the fee table.
INTEREST_FILE = "us/data/us_interest.toml"
_CENT = Decimal("0.01")
_YEAR = Decimal(365)
#: The statute the interest runs under.
STATUTE = "19 U.S.C. 1505(c)"


def _quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _next_quarter(start: date) -> date:
    return date(start.year + 1, 1, 1) if start.month == 10 else date(start.year, start.month + 3, 1)


@attrs.frozen
class QuarterRate:
    """The overpayment rates (percent a year) of the calendar quarter starting on ``quarter``."""

    quarter: date
    noncorporate: Decimal = attrs.field(converter=decimal)
    corporate: Decimal = attrs.field(converter=decimal)
    citation: Citation

    def __attrs_post_init__(self) -> None:
        if self.quarter != _quarter_start(self.quarter):
            raise InvalidMeasureError(f"interest quarter {self.quarter} is not the first day of a calendar quarter")

    def percent(self, corporate: bool) -> Decimal:
        """The rate for a corporate or a non-corporate importer."""
        return self.corporate if corporate else self.noncorporate


@attrs.frozen
class InterestPeriod:
    """The days of one quarter the money was on deposit, with their rate and interest (unrounded)."""

    start: date
    end: date
    days: int
    percent: Decimal
    amount: Decimal
    citation: Citation


@attrs.frozen
class Interest:
    """
    The interest on a refund: ``amount`` (cents, ``None`` when a quarter has
    no rate: see ``missing``), its periods by quarter, the rule and the
    warnings that go with it (an unconfirmed rate, the compounding).
    """

    principal: Decimal
    deposited: date
    liquidated: date
    corporate: bool
    compounding: str
    periods: tuple[InterestPeriod, ...]
    missing: tuple[str, ...]
    warnings: tuple[str, ...]
    amount: Decimal | None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready account."""
        return {
            "rule": STATUTE,
            "principal": format(self.principal, "f"),
            "deposited": str(self.deposited),
            "liquidated": str(self.liquidated),
            "corporate": self.corporate,
            "compounding": self.compounding,
            "periods": [
                {
                    "start": str(p.start),
                    "end": str(p.end),
                    "days": p.days,
                    "percent": format(p.percent, "f"),
                    "citation": str(p.citation),
                }
                for p in self.periods
            ],
            "missing": list(self.missing),
            "warnings": list(self.warnings),
            "amount": format(self.amount, "f") if self.amount is not None else None,
        }

    def explain(self) -> str:
        """The interest line by line, with the rule and each rate cited."""
        who = "corporate" if self.corporate else "non-corporate"
        out = [
            f"Interest ({STATUTE}, {who}, {self.compounding}): on {self.principal} "
            f"from {self.deposited} (deposit) to {self.liquidated} (liquidation)"
        ]
        for p in self.periods:
            out.append(f"  {p.start}/{p.end}: {p.days} days at {p.percent}% [{p.citation}]")
        out += [f"  not computable: needs {m}" for m in self.missing]
        out += [f"  warning: {w}" for w in self.warnings]
        out.append(f"  Interest: {self.amount if self.amount is not None else 'not computable'}")
        return "\n".join(out)


@attrs.frozen
class InterestTable:
    """The quarterly rates by the first day of their quarter."""

    rates: tuple[QuarterRate, ...]

    def rate(self, quarter: date) -> QuarterRate | None:
        """The rates of the quarter starting on *quarter*, or ``None``."""
        return next((r for r in self.rates if r.quarter == quarter), None)


def refund_interest(
    principal: Decimal | int | str | Any,
    deposited: date | str | Any,
    liquidated: date | str | Any,
    *,
    corporate: bool = False,
    compounding: str = "simple",
    table: InterestTable | None = None,
) -> Interest:
    """
    Interest under 19 U.S.C. 1505(c) on *principal* refunded, deposited on
    *deposited* and refunded on the liquidation or reliquidation of
    *liquidated* (see the module's docstring). The principal is an amount as
    :func:`~tariffcalc.rates.amount` reads it, the days any form
    :func:`~tariffcalc.periods.as_day` reads.

    >>> from datetime import date
    >>> refund_interest(Decimal("100000"), date(2025, 7, 1), date(2026, 3, 31), compounding="daily").amount
    Decimal('5374.57')
    """
    if compounding not in ("simple", "daily"):
        raise InvalidEntryError(f"compounding must be 'simple' or 'daily', got {compounding!r}")
    principal = read_amount(principal)
    deposited, liquidated = as_day(deposited, "deposited"), as_day(liquidated, "liquidated")
    if principal < 0:
        raise InvalidEntryError(f"the refunded principal must not be negative, got {principal}")
    if liquidated < deposited:
        raise InvalidEntryError(f"liquidation ({liquidated}) cannot come before the deposit ({deposited})")
    table = us_interest() if table is None else table
    periods: list[InterestPeriod] = []
    missing: list[str] = []
    warnings: list[str] = []
    factor = Decimal(1)
    start = deposited
    while start < liquidated:
        quarter = _quarter_start(start)
        end = min(_next_quarter(quarter), liquidated)
        days = (end - start).days
        rate = table.rate(quarter)
        if rate is None:
            missing.append(f"the {STATUTE[:14]} overpayment interest rate for the quarter from {quarter}")
        else:
            percent = rate.percent(corporate)
            share = percent / 100 / _YEAR
            if compounding == "daily":
                grown = (1 + share) ** days
                amount = principal * factor * (grown - 1)
                factor *= grown
            else:
                amount = principal * share * days
            periods.append(InterestPeriod(start, end, days, percent, amount, rate.citation))
            if rate.citation.confidence is Confidence.U:
                warnings.append(
                    f"the rate of the quarter from {quarter} ({percent}%) is not confirmed (fees facts s.5.3 [U])"
                )
        start = end
    if compounding == "simple":
        warnings.append(
            "simple interest; whether CBP compounds daily (26 U.S.C. 6622) is not confirmed (fees facts s.5.2 [U])"
        )
    else:
        warnings.append(
            "compounded daily (26 U.S.C. 6622); whether CBP does so is not confirmed (fees facts s.5.2 [U])"
        )
    total = None if missing else sum((p.amount for p in periods), Decimal(0)).quantize(_CENT, ROUND_HALF_UP)
    return Interest(
        principal, deposited, liquidated, corporate, compounding, tuple(periods), tuple(missing), tuple(warnings), total
    )


def read_interest(text: str) -> InterestTable:
    """The quarterly rates of a TOML text shaped like the packaged file."""
    raw: dict[str, Any] = tomllib.loads(text)
    instruments = {
        name: Instrument(name, body["title"], known_on=parse_day(body["known_on"]), url=body.get("url"))
        for name, body in raw.get("instruments", {}).items()
    }
    rates: list[QuarterRate] = []
    for q in raw.get("quarters", ()):
        name = q["instrument"]
        if name not in instruments:
            raise InvalidMeasureError(f"interest quarter {q['quarter']}: no instrument {name!r}")
        citation = Citation(instruments[name], confidence=Confidence(q["confidence"]))
        rates.append(QuarterRate(parse_day(q["quarter"]), q["noncorporate"], q["corporate"], citation))
    quarters: Sequence[date] = [r.quarter for r in rates]
    if len(set(quarters)) != len(quarters):
        raise InvalidMeasureError("an interest quarter is given twice")
    return InterestTable(tuple(sorted(rates, key=lambda r: r.quarter)))


@cache
def us_interest() -> InterestTable:
    """The packaged quarterly refund interest rates (fees facts s.5.3), read once per process."""
    return read_interest(files("tariffcalc").joinpath(INTEREST_FILE).read_text(encoding="utf-8"))
