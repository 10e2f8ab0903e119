"""
The tables of facts the packaged measures and rules are checked against: one
file a topic, ``tests/data/facts/<topic>.toml``, each row citing its source
(see ``tests/data/facts/README.md``). A topic's test module reads its own
table; ``tests/datasets/test_us2025_facts.py`` reads them all, to check that
every measure and rule of the data has a row.

>>> table = facts_table("s122")
>>> table.measures[0][:2], table.rules[0][0]
(('us.s122.surcharge', '10%'), 'proc11012.s232-steel-content')
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import NamedTuple

__all__ = ["FACTS", "FactsTable", "MeasureRow", "RuleRow", "all_tables", "facts_table"]

FACTS = Path(__file__).resolve().parents[1] / "data" / "facts"
#: (measure id, rate, validity, Chapter 99 heading or None, confidence)
MeasureRow = tuple[str, str, str, str | None, str]
#: (rule id, when, drops, displaces, validity)
RuleRow = tuple[str, str, str, str, str]


class FactsTable(NamedTuple):
    """A topic's rows of facts, and the measures it names without a rate to check (``unrated``)."""

    measures: list[MeasureRow]
    rules: list[RuleRow]
    unrated: tuple[str, ...]


def facts_table(topic: str) -> FactsTable:
    """The table of *topic* (``tests/data/facts/<topic>.toml``); every row must cite its source."""
    path = FACTS / f"{topic}.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    for row in (*data.get("measures", ()), *data.get("rules", ())):
        assert str(row.get("source", "")).strip(), f"{path.name}: row {row.get('id')!r} cites no source"
    measures: list[MeasureRow] = [
        (m["id"], m["rate"], m["validity"], m.get("heading"), m["confidence"]) for m in data.get("measures", ())
    ]
    rules: list[RuleRow] = [
        (r["id"], r["when"], r["drops"], r["displaces"], r["validity"]) for r in data.get("rules", ())
    ]
    return FactsTable(measures, rules, tuple(data.get("unrated", ())))


def all_tables() -> list[FactsTable]:
    """Every topic's table, in the order of their file names."""
    return [facts_table(path.stem) for path in sorted(FACTS.glob("*.toml"))]
