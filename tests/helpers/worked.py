"""
Hand-worked examples against the packaged US schedule.

Each :class:`Worked` example is an entry whose duty was worked out by hand
from the fact sheets in ``docs/sources/`` (``source`` names the section),
with the Chapter 99 headings (or HTS lines) that must be filed and those
that must *not* be. :func:`check` resolves it on the packaged schedule and
says what differs, line by line.

The legal examples live as data in ``tests/data/worked/*.toml``, one file a
topic, each row citing its source and the arithmetic worked by hand from it
(``working``); :func:`read_examples` reads them. The MFN rates an example
relies on are read from the HTS revision in force (``tests/data/hts/``); the
file's ``about`` and ``notes`` say which.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from tariffcalc import Resolution
from tariffcalc.datasets import load_schedule

#: The worked examples as data, one TOML file a topic.
WORKED = Path(__file__).resolve().parents[1] / "data" / "worked"


@attrs.frozen
class Worked:
    """One hand-worked entry and what the law makes of it."""

    #: Where in the fact sheets the rule comes from, e.g. "later facts §3.3".
    source: str
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
    #: The arithmetic, worked by hand from *source*.
    working: str = ""
    #: The packaged schedule the example resolves on.
    schedule: str = "us-2025"
    #: The topic file and table the example comes from (for the test's id).
    topic: str = ""
    table: str = ""
    #: The part of *total* that is a reciprocal duty other data may still show as not computable
    #: (see :func:`check_reciprocal_pending`).
    reciprocal_pending: str | None = None

    def __str__(self) -> str:
        return f"{self.product} from {self.origin} on {self.on} ({self.source})"

    @property
    def id(self) -> str:
        """A readable test id: topic, table, entry and source."""
        table = f"{self.table.lower()}:" if self.table not in ("", "EXAMPLES") else ""
        return f"{self.topic}:{table}{self}"


def _strings(row: Mapping[str, Any], key: str) -> tuple[str, ...]:
    return tuple(str(x) for x in row.get(key, ()))


def read_examples(directory: Path = WORKED) -> list[Worked]:
    """Every worked example of the TOML files in *directory*, in file and row order."""
    found: list[Worked] = []
    for path in sorted(directory.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for row in data["examples"]:
            found.append(
                Worked(
                    source=row["source"],
                    product=row["product"],
                    origin=row["origin"],
                    on=row["on"],
                    value=row["value"],
                    total=row["total"],
                    applies=_strings(row, "applies"),
                    absent=_strings(row, "absent"),
                    contents=dict(row.get("contents", {})),
                    quantities=dict(row.get("quantities", {})),
                    claims=_strings(row, "claims"),
                    loaded=row.get("loaded"),
                    working=row["working"],
                    schedule=row.get("schedule", data["schedule"]),
                    topic=path.stem,
                    table=row.get("table", ""),
                    reciprocal_pending=row.get("reciprocal_pending"),
                )
            )
    return found


def resolve(example: Worked, schedule: str | None = None) -> Resolution:
    """The packaged schedule's resolution of *example* (on *schedule*, else the example's own)."""
    return load_schedule(schedule or example.schedule).resolve(
        example.product,
        example.origin,
        example.on,
        value=example.value,
        contents=dict(example.contents),
        quantities=dict(example.quantities),
        claims=example.claims,
        loaded=example.loaded,
    )


def check(example: Worked, schedule: str | None = None) -> None:
    """Assert that the packaged schedule gives *example*'s total and headings."""
    r = resolve(example, schedule)
    headings = [line.heading for line in r.lines]
    account = f"\nworked: {example.working}\n" + r.explain()
    assert r.amount == Decimal(example.total), f"{example}: total {r.amount}, worked {example.total}{account}"
    for heading in example.applies:
        assert heading in headings, f"{example}: {heading} should apply{account}"
    for heading in example.absent:
        assert heading not in headings, f"{example}: {heading} must not apply{account}"


def check_reciprocal_pending(example: Worked, reciprocal: str) -> None:
    """
    :func:`check`, or, while a reciprocal duty of the entry (another topic's
    file) still shows as not computable, the same check without that line:
    every other line's amount must add up to the total less *reciprocal*.
    """
    r = resolve(example)
    pending = [line for line in r.lines if "reciprocal" in line.measure.tags and line.amount is None]
    if not pending:
        check(example)
        return
    account = "\n" + r.explain()
    own = sum((line.amount for line in r.lines if line not in pending and line.amount is not None), Decimal(0))
    assert all(line.amount is not None for line in r.lines if line not in pending), account
    assert Decimal(example.total) - Decimal(reciprocal) == own, f"{example}: {own} without the reciprocal{account}"
    headings = [line.heading for line in r.lines]
    assert all(h in headings for h in example.applies), f"{example}: {example.applies}{account}"
    assert not [h for h in example.absent if h in headings], f"{example}: {example.absent}{account}"
