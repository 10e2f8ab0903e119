"""
Steps 6 and 7 of a resolution, the *price* half of the resolver (steps 1
to 5, the *decide* half, are in :mod:`tariffcalc._resolver.steps`): from
what steps 1 to 5 decided (the base and the charges, each a template of a
line: its measure, rate, basis, note), each line's amount rounded, then the
rate, the total and what is missing. This is the one implementation: a
plain entry whose decision a plan kept (see :mod:`tariffcalc._resolver.plans`)
is priced here as any other, and the frames' column pricing is tested
against it row by row.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal, localcontext
from operator import attrgetter
from typing import TYPE_CHECKING

from tariffcalc._resolver.horizon import horizon_warnings
from tariffcalc._resolver.money import Money
from tariffcalc._resolver.parts import Base, Charge, Live
from tariffcalc.entries import Entry
from tariffcalc.errors import CUSTOMS_VALUE, FactKind, MissingFact, MissingFactError
from tariffcalc.rates import HUNDRED, AllIn, Rate
from tariffcalc.resolution import DutyLine, NotApplied, Resolution, Rounding

if TYPE_CHECKING:
    from tariffcalc._resolver.index import Index
    from tariffcalc.legal import LineStatus

__all__ = ["amounts", "duty_rate", "result", "top_up_on_exact"]

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


def amounts(
    chosen: Base | None,
    charges: list[Charge],
    entry: Entry,
    money: Money,
    rounding: Rounding,
    status: Callable[[str, date | None], LineStatus | None] | None = None,
    known: date | None = None,
) -> tuple[list[DutyLine], list[Decimal], list[MissingFact]]:
    """
    Step 6: each duty on its basis, rounded per line (an ``AllIn`` measure
    tops the duty up to its target including the base duty, in amounts); a
    duty that needs a fact the entry does not give has no amount, and the
    fact is named, never counted as zero. Returns the lines (without a
    customs value, with no basis value or amount: those were nominal; with
    each measure's *status* as known on *known*, when given), the unrounded
    amounts and the missing facts.
    """
    missing: list[MissingFact] = []
    lines: list[DutyLine] = []
    exact: list[Decimal] = []  # unrounded line amounts, for the rate
    nominal = money.nominal

    def line(
        live: Live, rate: Rate, basis_value: Decimal | None, amount: Decimal | None, note: str, heading: str | None
    ) -> DutyLine:
        measure = live.measure
        return DutyLine(
            measure,
            rate,
            measure.basis,
            None if nominal else basis_value,
            None if nominal else amount,
            note,
            heading,
            None if status is None else status(measure.id, known),
        )

    def note_missing(facts: tuple[MissingFact, ...]) -> None:
        missing.extend(f for f in facts if f not in missing)

    base_amount: Decimal | None = None
    base_exact: Decimal | None = None
    if chosen is None:
        missing.append(
            MissingFact(
                FactKind.BASE_DUTY,
                f"the schedule has no base measure in force for {entry.product} from {entry.origin} on the entry date",
            )
        )
    else:
        live, rate, note = chosen
        try:
            if live.missing:
                raise MissingFactError("a condition needs a fact", live.missing)
            base_exact = rate.amount(money.value, money.quantities, money.contents, money.exchange)
            base_amount = rounding.apply(base_exact)
            exact.append(base_exact)
        except MissingFactError as e:
            note_missing(e.missing)
        lines.append(line(live, rate, money.value, base_amount, note, None))

    for live, dutiable, basis_missing, slice_notes in charges:
        note_missing(basis_missing)
        amount: Decimal | None = None
        reported_heading = None
        if dutiable is not None:
            try:
                if live.missing:
                    raise MissingFactError("a condition needs a fact", live.missing)
                if isinstance(live.rate, AllIn):
                    # The rounded base keeps base + top-up = round(target x value) exact;
                    # without a value the rate is wanted, so the exact base serves.
                    base_due = base_exact if money.nominal else base_amount
                    if base_due is None:
                        raise MissingFactError("all-in needs the base duty", ())
                    share = base_due * dutiable / money.value if money.value else _ZERO
                    line_exact = live.rate.top_up(dutiable, share)
                    if line_exact == 0:
                        reported_heading = live.measure.citation.heading_when_met
                    # The rate sums the top-up on the exact base, so that an all-in 15% reads 15%
                    # however the base's amount was rounded.
                    rate_part = top_up_on_exact(live.rate, dutiable, base_exact, money.value, line_exact)
                else:
                    line_exact = rate_part = live.rate.amount(
                        dutiable, money.quantities, money.contents, money.exchange
                    )
                    if money.nominal and not live.rate.is_proportional() and CUSTOMS_VALUE not in missing:
                        missing.append(CUSTOMS_VALUE)
                amount = rounding.apply(line_exact)
                exact.append(rate_part)
            except MissingFactError as e:
                note_missing(e.missing)
        note = "; ".join(filter(None, [live.note, *slice_notes]))
        lines.append(line(live, live.rate, dutiable, amount, note, reported_heading))
    return lines, exact, missing


def result(
    index: Index,
    asked: Entry,
    lines: list[DutyLine],
    exact: list[Decimal],
    missing: list[MissingFact],
    chosen: Base | None,
    money: Money,
    skipped: list[NotApplied],
    known: date | None,
) -> Resolution:
    """
    Step 7: the total is the sum of the rounded lines and the rate their
    unrounded sum over the value, both only when no fact is missing; without
    a customs value there are rates but no amounts, and a duty that is not a
    share of the value makes the customs value missing.
    """
    if money.nominal and chosen is not None and not chosen.rate.is_proportional() and CUSTOMS_VALUE not in missing:
        missing.append(CUSTOMS_VALUE)
    complete = not missing and len(exact) == len(lines)
    rate = None
    if complete and money.value:
        rate = duty_rate(exact, money.value)
    total = None
    if complete and not money.nominal:
        total = sum((line.amount for line in lines if line.amount is not None), _ZERO)
    skipped.sort(key=_measure_id)
    warnings = horizon_warnings(index.name, index.horizon, asked.on)
    return Resolution(asked, index.name, tuple(lines), tuple(skipped), tuple(missing), rate, total, warnings, known)
