"""
The decimal arithmetic tariffcalc computes duties in, whatever the caller's.

Python's :mod:`decimal` context is global to a thread: a notebook that sets
``getcontext().prec = 5`` to print fewer digits would otherwise round every
amount to five significant digits, and one that traps ``Inexact`` would fail
deep inside a resolution. The functions that answer questions run in
:data:`CONTEXT` (the default context of Python, written out) unless the
caller's already is that; its cost is one comparison.

>>> from decimal import Decimal, getcontext, localcontext
>>> @own_context
... def third(x: Decimal) -> Decimal:
...     return x / 3
>>> with localcontext() as ctx:
...     ctx.prec = 3
...     third(Decimal(1)) == Decimal(1) / 3, getcontext().prec
(False, 3)
>>> third(Decimal(1))
Decimal('0.3333333333333333333333333333')
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from decimal import ROUND_HALF_EVEN, Context, DivisionByZero, InvalidOperation, Overflow, getcontext, localcontext
from typing import ParamSpec, TypeVar

__all__ = ["CONTEXT", "own_context"]

#: Python's default decimal context: 28 digits, half-even, trapping invalid operations, division by zero and overflow.
CONTEXT = Context(
    prec=28,
    rounding=ROUND_HALF_EVEN,
    Emin=-999999,
    Emax=999999,
    capitals=1,
    clamp=0,
    flags=[],
    traps=[InvalidOperation, DivisionByZero, Overflow],
)

_P = ParamSpec("_P")
_R = TypeVar("_R")


def _is_ours(ctx: Context) -> bool:
    return (
        ctx.prec == 28
        and ctx.rounding == ROUND_HALF_EVEN
        and ctx.Emax == 999999
        and ctx.Emin == -999999
        and ctx.clamp == 0
        and ctx.traps == CONTEXT.traps
    )


def own_context(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """*function*, run in :data:`CONTEXT` whatever the caller's decimal context (which it leaves as it was)."""

    @functools.wraps(function)
    def in_context(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        if _is_ours(getcontext()):
            return function(*args, **kwargs)
        with localcontext(CONTEXT):
            return function(*args, **kwargs)

    return in_context
