"""
Hand-worked examples against the packaged US schedule.

Each :class:`Worked` example is an entry whose duty was worked out by hand
from the fact sheets in ``docs/sources/`` (``facts`` names the section),
with the Chapter 99 headings (or HTS lines) that must be filed and those
that must *not* be. :func:`check` resolves it on the packaged schedule and
says what differs, line by line.

The MFN rates an example relies on are read from the HTS revision in force
(``tests/data/hts/``); say which in the example's comment.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

import attrs

from tariffcalc import Resolution
from tariffcalc.datasets import load_schedule


@attrs.frozen
class Worked:
    """One hand-worked entry and what the law makes of it."""

    #: Where in the fact sheets the rule comes from, e.g. "later facts §3.3".
    facts: str
    product: str
    origin: str
    on: date
    value: str
    #: The total duty, worked out by hand (a decimal string, to the cent).
    total: str
    #: Headings that must be among the applied lines (``DutyLine.heading``).
    applies: tuple[str, ...]
    #: Headings that must not be among the applied lines.
    absent: tuple[str, ...] = ()
    contents: Mapping[str, str] = attrs.field(factory=dict)
    quantities: Mapping[str, str] = attrs.field(factory=dict)
    claims: tuple[str, ...] = ()
    loaded: date | None = None

    def __str__(self) -> str:
        return f"{self.product} from {self.origin} on {self.on} ({self.facts})"


def resolve(example: Worked, schedule: str = "us-2025") -> Resolution:
    """The packaged schedule's resolution of *example*."""
    return load_schedule(schedule).resolve(
        example.product,
        example.origin,
        example.on,
        value=example.value,
        contents=dict(example.contents),
        quantities=dict(example.quantities),
        claims=example.claims,
        loaded=example.loaded,
    )


def check(example: Worked, schedule: str = "us-2025") -> None:
    """Assert that the packaged schedule gives *example*'s total and headings."""
    r = resolve(example, schedule)
    headings = [line.heading for line in r.lines]
    account = "\n" + r.explain()
    assert r.amount == Decimal(example.total), f"{example}: total {r.amount}, worked {example.total}{account}"
    for heading in example.applies:
        assert heading in headings, f"{example}: {heading} should apply{account}"
    for heading in example.absent:
        assert heading not in headings, f"{example}: {heading} must not apply{account}"
