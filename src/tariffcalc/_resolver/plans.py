"""
The resolver compiled for one product line and origin: what step 1 decides
on each stretch of days between the days something can change, and, for a
plain entry (one that gives no fact but its value), what steps 1 to 5
decide (the *decision*: reasons, base and charge templates, priced by
:mod:`tariffcalc._resolver.pricing`) and, without a value, the lines
steps 6 and 7 give, each kept when first made. A plan
gives exactly what running the steps gives (tested against the plain path).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from tariffcalc._resolver.index import Index
from tariffcalc._resolver.money import Money
from tariffcalc._resolver.parts import Base, Charge, Live
from tariffcalc._resolver.screening import screen_all
from tariffcalc.entries import Entry
from tariffcalc.errors import MissingFact
from tariffcalc.measures import ContentShare, InTransit, Measure, NotIfClaimed, OnlyIfClaimed
from tariffcalc.resolution import DutyLine, NotApplied, Resolution, Rounding

if TYPE_CHECKING:
    from tariffcalc.countries import Country

__all__ = ["PLAIN_CONDITIONS", "Decision", "Finished", "Plan", "Segment"]


class Segment(NamedTuple):
    """What step 1 decides on a stretch of days: the reasons of the measures that fail, those that pass."""

    skipped: tuple[NotApplied, ...]
    passing: tuple[Measure, ...]


class Plan:
    """
    The resolver compiled for one product line and origin (and knowledge
    date): the candidate measures; the days on which what steps 1 to 5
    decide can change (validity bounds and suspensions of those measures,
    group memberships, rules); for each stretch between two such days, what
    step 1 decides, and what steps 1 to 5 decide for a plain entry (one that
    gives no fact but its value), each made when first asked.
    """

    __slots__ = ("cuts", "decisions", "finished_lines", "index", "known", "measures", "segments")

    def __init__(self, index: Index, digits: str, origin: Country, known: date | None) -> None:
        self.index = index
        self.known = known
        self.measures = index.candidates(digits, origin)
        days = {d for m in self.measures for d in m.validity_as_known(known).boundaries()}
        # Suspensions too, so that on a stretch steps 1 to 5 decide alike for alike entries.
        days |= {
            d
            for m in self.measures
            for s in index.suspensions.get(m.id, ())
            for d in s.period_as_known(known).boundaries()
        }
        self.cuts = sorted(days | index.changes)
        self.segments: dict[int, Segment] = {}
        #: Steps 1 to 5 for plain entries, by stretch and kind of value (see :meth:`kept`).
        self.decisions: dict[tuple[int, bool, bool], Decision] = {}
        #: Steps 6 and 7 for plain entries without a value (rates only), by stretch, rounding and status.
        self.finished_lines: dict[tuple[object, ...], Finished] = {}

    def _plain(self, entry: Entry, money: Money) -> tuple[int, bool, bool] | None:
        """
        The key of a plain entry's decision: one that gives no fact but its
        value (no claim, quantity, content, loading day), whose steps 1 to 5
        depend only on the stretch of days and on whether a value is given
        and is zero; ``None`` for any other entry.
        """
        if entry.claims or entry.quantities or entry.contents or entry.loaded is not None:
            return None
        return (bisect_right(self.cuts, entry.on), money.nominal, not money.value)

    def kept(self, entry: Entry, money: Money) -> tuple[list[NotApplied], Base | None, list[Charge]] | None:
        """What steps 1 to 5 decided for a plain entry like *entry* on its stretch, if kept."""
        key = self._plain(entry, money)
        found = self.decisions.get(key) if key is not None else None
        if found is None:
            return None
        skipped, chosen, charges = found
        value = money.value
        return (
            list(skipped),
            chosen,
            [Charge(live, value if on_value else None, m, n) for live, on_value, m, n in charges],
        )

    def keep(
        self,
        entry: Entry,
        money: Money,
        found: list[Measure],
        skipped: list[NotApplied],
        chosen: Base | None,
        charges: list[Charge],
    ) -> None:
        """Keep what steps 1 to 5 decided for *entry*, when it is plain and holds for every plain entry alike."""
        key = self._plain(entry, money)
        if key is None:
            return
        if any(type(c) not in PLAIN_CONDITIONS for m in found for c in m.conditions):
            return  # a condition of another kind may read the day or the value
        if any(c.dutiable is not None and c.dutiable != money.value for c in charges):
            return  # charged on a part of the value: not alike for another value
        templates = tuple((c.live, c.dutiable is not None, c.missing, c.notes) for c in charges)
        self.decisions[key] = Decision(tuple(skipped), chosen, templates)

    def finished(
        self, entry: Entry, money: Money, rounding: Rounding, status: Callable[..., object] | None
    ) -> Finished | None:
        """
        What steps 6 and 7 gave a plain entry without a customs value like
        *entry* on its stretch, if kept: such an entry has rates but no
        amounts, so its lines are the same on every day of the stretch.
        """
        if not money.nominal:
            return None
        key = self._plain(entry, money)
        return None if key is None else self.finished_lines.get((key, rounding, status))

    def finish(
        self, entry: Entry, money: Money, rounding: Rounding, status: Callable[..., object] | None, done: Resolution
    ) -> None:
        """Keep the lines steps 6 and 7 gave *entry* (plain, its steps 1 to 5 kept) when it has no value."""
        key = self._plain(entry, money)
        if key is not None and money.nominal:
            self.finished_lines[key, rounding, status] = Finished(
                done.lines, done.not_applied, done.missing_facts, done.rate
            )

    def segment(self, entry: Entry) -> Segment:
        """The decision of step 1 on the day of *entry* (of this plan's line and origin)."""
        i = bisect_right(self.cuts, entry.on)
        found = self.segments.get(i)
        if found is None:
            # Under threads two may build the same segment: equal values, either one kept.
            passing, reasons = screen_all(self.index, self.measures, entry, self.known)
            found = self.segments[i] = Segment(tuple(reasons), tuple(passing))
        return found


class Finished(NamedTuple):
    """Steps 6 and 7 for a plain entry without a value: its lines, reasons, missing facts and rate."""

    lines: tuple[DutyLine, ...]
    skipped: tuple[NotApplied, ...]
    missing: tuple[MissingFact, ...]
    rate: Decimal | None


class Decision(NamedTuple):
    """Steps 1 to 5 for a plain entry: reasons, base, and each charge with whether it is on the whole value."""

    skipped: tuple[NotApplied, ...]
    chosen: Base | None
    charges: tuple[tuple[Live, bool, tuple[MissingFact, ...], tuple[str, ...]], ...]


#: The conditions whose answer for a plain entry is the same on every day of a stretch.
PLAIN_CONDITIONS = (NotIfClaimed, OnlyIfClaimed, InTransit, ContentShare)
