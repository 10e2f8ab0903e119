"""
Steps 6 and 7 compiled for plain entries with a customs value. Once steps
1 to 5 are kept for a stretch of days (see :mod:`tariffcalc._resolver.plans`),
what a resolution adds for a value is only arithmetic. For such an entry,
which lines have an amount does not depend on its value: a line waits for
a quantity, a declared content or a loading day the entry does not give,
whatever the value. A :class:`Pricing` holds what does not depend on the
value (the measures, their rates, notes and statuses, which lines have no
amount and the facts they wait for, the reasons, sorted) and computes the
amounts with the very expressions of :func:`~tariffcalc._resolver.steps.amounts`
and :func:`~tariffcalc._resolver.steps.result`, so that the resolution is
the one the steps give (tested against them).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, localcontext
from operator import attrgetter
from typing import TYPE_CHECKING, NamedTuple

from tariffcalc._resolver.horizon import horizon_warnings
from tariffcalc._resolver.money import Money
from tariffcalc._resolver.parts import Base, Charge
from tariffcalc.errors import MissingFact, MissingFactError
from tariffcalc.measures import Measure
from tariffcalc.rates import (
    HUNDRED,
    AdValorem,
    AllIn,
    Bounded,
    Compound,
    Free,
    NotComputable,
    OnContent,
    Rate,
    Specific,
)
from tariffcalc.resolution import DutyLine, NotApplied, Resolution, Rounding

if TYPE_CHECKING:
    from tariffcalc._resolver.index import Index
    from tariffcalc.entries import Entry
    from tariffcalc.legal import LineStatus

__all__ = ["Pricing", "duty_rate", "top_up_on_exact"]

_ZERO = Decimal(0)
_ONE = Decimal(1)
_RATE_QUANTUM = Decimal("0.0001")
_measure_id = attrgetter("measure.id")


def duty_rate(exact: list[Decimal], value: Decimal) -> Decimal:
    """
    The duty as a percentage of *value* (not zero): the unrounded line
    amounts summed, to four decimals, written without trailing zeros.

    >>> duty_rate([Decimal("250"), Decimal("1000.00")], Decimal("10000"))
    Decimal('12.5')
    """
    with localcontext(prec=60):  # bounded inputs: a small value and a large specific duty fit
        rate = (sum(exact, _ZERO) * HUNDRED / value).quantize(_RATE_QUANTUM).normalize()
        return rate.quantize(_ONE) if rate == rate.to_integral() else rate


def top_up_on_exact(
    rate: AllIn, dutiable: Decimal, base_exact: Decimal | None, value: Decimal | None, top_up: Decimal
) -> Decimal:
    """
    An all-in line's part of the rate: the top-up over the *unrounded* base
    (its amount, *top_up*, is over the rounded one, so that base + top-up is
    the all-in rate's rounded amount). Both agree where the base rounds to itself.
    """
    if base_exact is None or not value:
        return top_up
    return rate.top_up(dutiable, base_exact * dutiable / value)


#: How a line's amount is found: by its rate, as an all-in top-up, or not at all (a fact is missing).
_BY_RATE, _TOP_UP, _NONE = 0, 1, 2

#: The rates whose need of a fact depends only on which facts the entry gives, never on the value.
_KNOWN_RATES = (Free, AdValorem, Specific, OnContent, Compound, Bounded, AllIn, NotComputable)


def _fact_needs_fixed(rate: Rate) -> bool:
    """
    Whether *rate* (and each of its parts) is one of the library's own, whose
    need of a fact is known; a rate of another making may need one only for
    some values.

    >>> from tariffcalc.rates import Specific
    >>> _fact_needs_fixed(Compound((Specific(1, "kg"), AdValorem(5))))
    True
    >>> class Sliding(AdValorem): ...
    >>> _fact_needs_fixed(Sliding(5))
    False
    """
    if type(rate) not in _KNOWN_RATES:
        return False
    parts = (
        rate.parts
        if isinstance(rate, Compound)
        else (rate.rate, rate.minimum, rate.maximum)
        if isinstance(rate, Bounded)
        else ()
    )
    return all(_fact_needs_fixed(p) for p in parts if p is not None)


class _Line(NamedTuple):
    """What a priced line keeps: its measure, rate, note and status, whether it is on the value, how it is priced."""

    measure: Measure
    rate: Rate
    note: str
    status: LineStatus | None
    on_value: bool
    how: int
    heading_when_met: str | None


class Pricing:
    """
    Steps 6 and 7 for the plain entries with a customs value of one plan's
    stretch, rounding and status: built by :meth:`compile` from a
    resolution the steps gave.
    """

    __slots__ = ("base", "charges", "index", "known", "missing", "skipped")

    def __init__(
        self,
        index: Index,
        known: date | None,
        base: _Line | None,
        charges: tuple[_Line, ...],
        missing: tuple[MissingFact, ...],
        skipped: tuple[NotApplied, ...],
    ) -> None:
        self.index = index
        self.known = known
        self.base = base
        self.charges = charges
        self.missing = missing
        self.skipped = skipped

    @classmethod
    def compile(
        cls, index: Index, known: date | None, chosen: Base | None, charges: list[Charge], done: Resolution
    ) -> Pricing | None:
        """
        The pricing of entries like the one *done* resolves (steps 1 to 5
        gave *chosen* and *charges*, each charge on the whole value or on an
        unknown one); ``None`` when a line without an amount has a rate of
        another library's making (whose need of a fact may hang on the value).
        """
        lines = list(done.lines)
        base = None
        if chosen is not None:
            first = lines.pop(0)
            how = _BY_RATE if first.amount is not None else _NONE
            base = _Line(first.measure, first.rate, first.note, first.status, True, how, None)
        priced = []
        for line, charge in zip(lines, charges, strict=True):
            how = _NONE if line.amount is None else _TOP_UP if isinstance(line.rate, AllIn) else _BY_RATE
            heading = line.measure.citation.heading_when_met
            priced.append(
                _Line(line.measure, line.rate, line.note, line.status, charge.dutiable is not None, how, heading)
            )
        if any(line.how == _NONE and not _fact_needs_fixed(line.rate) for line in (base, *priced) if line is not None):
            return None
        return cls(
            index, known, base, tuple(priced), done.missing_facts, tuple(sorted(done.not_applied, key=_measure_id))
        )

    def price(self, entry: Entry, money: Money, rounding: Rounding) -> Resolution | None:
        """The resolution of *entry*, or ``None`` when a rate asks for a fact after all (the steps then say which)."""
        value, quantities, contents = money.value, money.quantities, money.contents
        exact: list[Decimal] = []
        lines: list[DutyLine] = []
        base_amount = base_exact = None
        try:
            base = self.base
            if base is not None:
                if base.how == _BY_RATE:
                    base_exact = base.rate.amount(value, quantities, contents, money.exchange)
                    base_amount = rounding.apply(base_exact)
                    exact.append(base_exact)
                line = DutyLine(
                    base.measure, base.rate, base.measure.basis, value, base_amount, base.note, None, base.status
                )
                lines.append(line)
            for charge in self.charges:
                how, amount, heading = charge.how, None, None
                if how == _TOP_UP:
                    # As in the steps: the rounded base keeps base + top-up = round(target x value) exact.
                    # (A top-up is compiled only where the base had an amount; a base that asks for a
                    # fact after all has left through the except below.)
                    assert base_amount is not None
                    share = base_amount * value / value if value else _ZERO
                    line_exact = charge.rate.top_up(value, share)  # type: ignore[attr-defined]  # an AllIn
                    if line_exact == 0:
                        heading = charge.heading_when_met
                    rate_part = top_up_on_exact(charge.rate, value, base_exact, value, line_exact)  # type: ignore[arg-type]  # an AllIn
                elif how == _BY_RATE:
                    line_exact = rate_part = charge.rate.amount(value, quantities, contents, money.exchange)
                if how != _NONE:
                    amount = rounding.apply(line_exact)
                    exact.append(rate_part)
                dutiable = value if charge.on_value else None
                basis = charge.measure.basis
                lines.append(
                    DutyLine(charge.measure, charge.rate, basis, dutiable, amount, charge.note, heading, charge.status)
                )
        except MissingFactError:
            return None
        complete = not self.missing and len(exact) == len(lines)
        rate = duty_rate(exact, value) if complete and value else None
        # Summed as the steps sum them (from zero, in order), so that the total is written alike.
        total = sum((line.amount for line in lines if line.amount is not None), _ZERO) if complete else None
        index = self.index
        warnings = horizon_warnings(index.name, index.horizon, entry.on)
        return Resolution(
            entry, index.name, tuple(lines), self.skipped, self.missing, rate, total, warnings, self.known
        )
