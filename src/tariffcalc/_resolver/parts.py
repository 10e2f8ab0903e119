"""
The values the seven steps hand each other: a candidate still applying
(:class:`Live`), the base that applies (:class:`Base`), an additional duty
charged (:class:`Charge`), and the entry with its honoured claims
(:class:`Claims`).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from tariffcalc.entries import Entry
from tariffcalc.errors import MissingFact
from tariffcalc.measures import Measure
from tariffcalc.rates import Rate

if TYPE_CHECKING:
    from tariffcalc.programmes import Programme

__all__ = ["Base", "Charge", "Claims", "Live"]


class Live(NamedTuple):
    """A candidate still applying: the rate it charges, a note, the facts its conditions wait for."""

    measure: Measure
    rate: Rate
    note: str = ""
    missing: tuple[MissingFact, ...] = ()


class Base(NamedTuple):
    """The base measure that applies and the rate it charges (a claimed preference's)."""

    live: Live
    rate: Rate
    note: str


class Charge(NamedTuple):
    """An additional measure that applies, the value it is charged on (``None``: unknown) and why."""

    live: Live
    dutiable: Decimal | None
    missing: tuple[MissingFact, ...]
    notes: tuple[str, ...]


class Claims(NamedTuple):
    """The entry with the honoured claims only, and the refused claims with their programmes."""

    entry: Entry
    refused: Mapping[str, Programme]
