"""
Array pricing: the rows of a frame that share a decision (steps 1 to 5 of
the resolver: the same line, origin, day, claims, facts and knowledge
date) and differ only by their customs value are priced together, with
numpy on integers, from the lines of one resolution of that decision.

A decision is priced this way only when each of its lines is a share of
the value, exactly as :mod:`tariffcalc._resolver.pricing` computes it: an
ad valorem or free line on the whole value, an all-in top-up over the
rounded base, or a line without an amount whatever the value (it waits
for a quantity or a content the row does not give). Anything else (a
specific rate with a quantity, a slice of value, a declared content, a
rounding mode without a rule here, a value not a whole number of cents,
a zero) is resolved row by row by :meth:`tariffcalc.Schedule.resolve`:
the frame's answer is the same either way (tested row by row).

Only the frame functions use it (numpy comes with the ``frames`` extra).

>>> from decimal import Decimal
>>> import numpy as np
>>> rounded(np.array([12345, 5]) * 25_000, 10**8, 2, "ROUND_HALF_UP").tolist()  # 2.5% of $123.45, of 5 cents
[309, 0]
"""

from __future__ import annotations

from decimal import (
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    ROUND_UP,
    Decimal,
)
from typing import Any, NamedTuple

import numpy as np

from tariffcalc._resolver.plans import PLAIN_CONDITIONS
from tariffcalc.authority import authority
from tariffcalc.measures import Measure, MeasureKind, UseClaimed
from tariffcalc.rates import AdValorem, AllIn, Bounded, Compound, Free, NotComputable, OnContent, Rate, Specific
from tariffcalc.resolution import Resolution, Rounding

__all__ = [
    "BY_RATE",
    "DENOMINATOR",
    "NONE",
    "TOP_UP",
    "Slot",
    "Template",
    "price",
    "quantum_exponent",
    "rounded",
    "template",
]

#: How a line is priced: no amount (a fact is missing whatever the value), a share of the value, an all-in top-up.
NONE, BY_RATE, TOP_UP = 0, 1, 2
#: Percentages are held as integers of ten-thousandths of a percent.
PERCENT_SCALE = 10**4
#: A value in cents times a percentage so scaled, over this, is the amount in dollars times 10**k.
DENOMINATOR = 100 * PERCENT_SCALE * 100
_MODES = (ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_HALF_DOWN, ROUND_DOWN, ROUND_FLOOR, ROUND_UP, ROUND_CEILING)
_KNOWN_RATES = (Free, AdValorem, Specific, OnContent, Compound, Bounded, AllIn, NotComputable)


class Slot(NamedTuple):
    """One line of a decision: how it is priced, its percentage (scaled), its authority."""

    how: int
    percent: int
    authority: str


class Template(NamedTuple):
    """The lines of a decision, whether its amount can be complete, and one resolution of it (its texts and rate)."""

    slots: tuple[Slot, ...]
    complete: bool
    resolution: Resolution


def _fact_needs_fixed(rate: Rate) -> bool:
    """
    Whether *rate* (and each part) is one of the library's own, whose need
    of a fact does not hang on the value.

    >>> _fact_needs_fixed(Compound((Specific(1, "kg"), AdValorem(5))))
    True
    >>> class Sliding(AdValorem): ...
    >>> _fact_needs_fixed(Sliding(5))
    False
    """
    if type(rate) not in _KNOWN_RATES:
        return False
    parts: tuple[Rate | None, ...] = (
        rate.parts
        if isinstance(rate, Compound)
        else (rate.rate, rate.minimum, rate.maximum)
        if isinstance(rate, Bounded)
        else ()
    )
    return all(_fact_needs_fixed(p) for p in parts if p is not None)


def _scaled(percent: Decimal) -> int | None:
    scaled = percent * PERCENT_SCALE
    return int(scaled) if scaled == scaled.to_integral_value() else None


def quantum_exponent(rounding: Rounding) -> int | None:
    """
    *k* where lines are rounded to 10**-k (``quantize`` reads only the
    quantum's exponent: 0.05 rounds to the cent), when its mode has a rule here; else ``None``.

    >>> quantum_exponent(Rounding()), quantum_exponent(Rounding(Decimal("0.05"))), quantum_exponent(Rounding(10))
    (2, 2, 0)
    """
    exponent = rounding.quantum.as_tuple().exponent
    if rounding.mode not in _MODES or not isinstance(exponent, int):
        return None
    return -exponent


def template(resolution: Resolution, names: dict[int, tuple[Measure, str]] | None = None) -> Template | None:
    """
    The lines of *resolution* (of an entry with a positive value) as slots,
    when every row of its decision prices alike as a share of its value; else
    ``None``. *names* keeps the authority of each measure met (by identity).
    """
    entry = resolution.entry
    if entry.value is None or not entry.value or entry.contents or len(entry.claims) > 1:
        return None  # a content, or a choice between claimed preferences, may read the value
    measures = [line.measure for line in resolution.lines] + [n.measure for n in resolution.not_applied]
    # A use reads only the claims; without a quantity, the readings a missing use names are shares of the value.
    alike = PLAIN_CONDITIONS if entry.quantities else (*PLAIN_CONDITIONS, UseClaimed)
    if any(type(c) not in alike for m in measures for c in m.conditions):
        return None  # a condition of another kind may read the value
    slots: list[Slot] = []
    for i, line in enumerate(resolution.lines):
        rate = line.rate
        name = _authority(line.measure, names)
        if line.amount is None:
            if not _fact_needs_fixed(rate):
                return None
            slots.append(Slot(NONE, 0, name))
            continue
        if line.basis_value != entry.value:
            return None  # a slice of the value
        if type(rate) is Free or type(rate) is AdValorem:
            percent = _scaled(rate.percent) if isinstance(rate, AdValorem) else 0
            if percent is None:
                return None
            slots.append(Slot(BY_RATE, percent, name))
        elif type(rate) is AllIn and i > 0 and slots[0].how == BY_RATE:
            if resolution.lines[0].measure.kind is not MeasureKind.BASE:
                return None
            target = _scaled(rate.target)
            if target is None:
                return None
            slots.append(Slot(TOP_UP, target, name))
        else:
            return None
    complete = not resolution.missing_facts and all(s.how != NONE for s in slots)
    return Template(tuple(slots), complete, resolution)


def _authority(measure: Measure, names: dict[int, tuple[Measure, str]] | None) -> str:
    if names is None:
        return authority(measure)
    kept = names.get(id(measure))
    if kept is None or kept[0] is not measure:
        kept = names[id(measure)] = (measure, authority(measure))
    return kept[1]


def rounded(numerator: Any, denominator: int, k: int, mode: str) -> Any:
    """
    ``numerator / denominator`` (non-negative integers: an amount in
    dollars) in units of 10**-k, rounded by *mode*, as Decimal's
    ``quantize`` rounds it.
    """
    if k >= 0:
        numerator = numerator * 10**k
    else:
        denominator = denominator * 10**-k
    q, r = np.divmod(numerator, denominator)
    if mode == ROUND_HALF_UP:
        up = 2 * r >= denominator
    elif mode == ROUND_HALF_DOWN:
        up = 2 * r > denominator
    elif mode == ROUND_HALF_EVEN:
        up = (2 * r > denominator) | ((2 * r == denominator) & (q % 2 == 1))
    elif mode in (ROUND_UP, ROUND_CEILING):
        up = r > 0
    else:
        up = r < 0
    return q + up


def price(slots: tuple[Slot, ...], cents: Any, k: int, mode: str) -> tuple[list[Any], Any]:
    """
    Each line's amount on every row (values in *cents*), in units of
    10**-k (``None`` for a line without an amount), and which all-in
    top-ups were exactly zero on the row, as bits (their headings then differ).
    """
    out: list[Any] = []
    met = np.zeros(len(cents), dtype=np.int64)
    base = None
    for j, slot in enumerate(slots):
        if slot.how == NONE:
            out.append(None)
            continue
        if slot.how == BY_RATE:
            units = rounded(cents * slot.percent, DENOMINATOR, k, mode)
            base = units if base is None else base
        else:
            assert base is not None
            scale = 10**k if k >= 0 else 1
            over = DENOMINATOR if k >= 0 else DENOMINATOR * 10**-k
            diff = cents * slot.percent * scale - base * over
            zero = diff <= 0
            met |= zero.astype(np.int64) << j
            units = rounded(np.where(zero, 0, diff), over, 0, mode)
        out.append(units)
    return out, met
