"""
As filed against final: the duty on an entry under the law as known on its
entry date, and under the law as finally known (later and retroactive acts
included), with the difference per line and in total.

>>> from datetime import date
>>> from tariffcalc.datasets import load_schedule
>>> us = load_schedule("us-2025-26")
>>> r = restate(us, "8467.21.00.10", "JP", date(2025, 8, 20), value=1000)
>>> r.as_filed.amount, r.final.amount, r.owed_back
(Decimal('167.00'), Decimal('150.00'), Decimal('17.00'))
>>> [(c.heading, c.as_filed, c.final) for c in r.changes]
[('9903.02.73', None, Decimal('133.00')), ('9903.02.30', Decimal('150.00'), None)]

Japan's EO 14345 (signed 4 September 2025) replaced the +15% of EO 14326
with 15% all-in, retroactively from 7 August: the importer deposited
$167.00 and $17.00 comes back.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Unpack

import attrs

from tariffcalc._decimals import own_context
from tariffcalc.codes import ProductCode
from tariffcalc.countries import Country
from tariffcalc.entries import ENTRY_FACTS, EntryFacts, check_keywords, entry_of
from tariffcalc.resolution import DutyLine, Resolution
from tariffcalc.schedule import Schedule

__all__ = ["LineChange", "Restatement", "restate"]


@attrs.frozen
class LineChange:
    """
    One measure whose line differs between the two views: its amount as
    filed and finally (``None`` where the view has no such line).
    """

    measure: str
    heading: str | None
    as_filed: Decimal | None
    final: Decimal | None

    @property
    def owed_back(self) -> Decimal:
        """What the final law gives back on this line (negative: owed extra); a missing line counts as nothing."""
        return (self.as_filed or Decimal(0)) - (self.final or Decimal(0))


@attrs.frozen
class Restatement:
    """The same entry resolved as filed (knowledge date = entry date) and as finally known."""

    as_filed: Resolution
    final: Resolution

    @property
    def changes(self) -> tuple[LineChange, ...]:
        """The lines that differ, by measure id."""
        filed = _by_measure(self.as_filed.lines)
        final = _by_measure(self.final.lines)
        out = []
        for measure in sorted(filed.keys() | final.keys()):
            a, b = filed.get(measure), final.get(measure)
            if a is not None and b is not None and (a.amount, a.heading) == (b.amount, b.heading):
                continue
            line = b if b is not None else a
            assert line is not None  # the measure has a line in one view at least
            out.append(LineChange(measure, line.heading, a.amount if a else None, b.amount if b else None))
        return tuple(out)

    @property
    def owed_back(self) -> Decimal | None:
        """Deposit as filed less the final duty (negative: owed extra); ``None`` without both amounts."""
        if self.as_filed.amount is None or self.final.amount is None:
            return None
        return self.as_filed.amount - self.final.amount


def _by_measure(lines: Iterable[DutyLine]) -> dict[str, DutyLine]:
    return {line.measure.id: line for line in lines}


@own_context
def restate(
    schedule: Schedule, product: ProductCode | str, origin: Country | str, on: date, **facts: Unpack[EntryFacts]
) -> Restatement:
    """
    The entry as filed on *on* and as finally known (see :class:`Restatement`),
    with the facts of :class:`~tariffcalc.entries.EntryFacts`.
    """
    check_keywords(facts, ENTRY_FACTS, "restate")
    entry = entry_of(product, origin, on, facts)
    schedule.check_product(entry.product, entry.on)
    return Restatement(schedule.resolve_entry(entry, known=entry.on), schedule.resolve_entry(entry))
