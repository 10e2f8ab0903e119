"""
A question to a schedule: an entry, and how it is asked. The keywords
:meth:`tariffcalc.Schedule.resolve` and :meth:`tariffcalc.Schedule.timeline`
take are declared once, as :class:`QuestionFacts` (the facts of the entry,
:class:`~tariffcalc.entries.EntryFacts`, and three ways of asking), and read
and checked once, by :meth:`Question.of`.

>>> q = Question.of("8703.23.01.90", "JP", "2025-05-05", {"value": 40000, "known": "2025-05-05"})
>>> q.entry.value, q.known, q.strict
(Decimal('40000'), datetime.date(2025, 5, 5), True)
>>> Question.of("8703.23.01.90", "JP", "2025-05-05", {"vlaue": 40000})
Traceback (most recent call last):
...
TypeError: resolve() got an unexpected keyword argument 'vlaue'; it takes claims, contents, conversions, currency, known, loaded, quantities, rounding, strict, value
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from tariffcalc.codes import ProductCode
from tariffcalc.countries import Country
from tariffcalc.entries import Entry, EntryFacts, check_keywords, entry_of
from tariffcalc.periods import as_day
from tariffcalc.resolution import Rounding

if TYPE_CHECKING:
    from tariffcalc.schedule import Schedule

__all__ = ["Question", "QuestionFacts"]


class QuestionFacts(EntryFacts, total=False):
    """
    The keywords of a question: the facts of the entry
    (:class:`~tariffcalc.entries.EntryFacts`), the ``rounding`` of each line,
    the day whose knowledge of the law is asked (``known``; ``None``: the
    final law) and whether the code must be a product line (``strict``).

    >>> facts: QuestionFacts = {"value": 40000, "known": "2025-05-05", "strict": False}
    >>> Question.of("8703.23.01.90", "JP", "2025-05-05", facts).strict
    False
    """

    rounding: Rounding
    known: date | str | None
    strict: bool


#: The keywords of :class:`QuestionFacts`.
QUESTION_FACTS: frozenset[str] = QuestionFacts.__optional_keys__
#: Each line to the cent, half up (built once: a question is asked many times).
_CENT = Rounding()


def _rounding(rounding: Rounding) -> Rounding:
    if not isinstance(rounding, Rounding):
        raise TypeError(f"rounding must be a Rounding, got {type(rounding).__name__} {rounding!r:.40}")
    return rounding


def _day(known: date | str | None) -> date | None:
    return None if known is None else as_day(known, "known")


@attrs.frozen
class Question:
    """
    The entry asked about, the ``rounding`` of its lines, the ``known`` day
    (the law as known that day; ``None``: the final law) and whether its
    code must be a product line of the schedule (``strict``).

    >>> Question(Entry.of("8703.23.01.90", "JP", "2025-05-05")).known is None
    True
    """

    entry: Entry = attrs.field(validator=attrs.validators.instance_of(Entry))
    rounding: Rounding = attrs.field(default=_CENT, converter=_rounding)  # checked before known
    known: date | None = attrs.field(default=None, converter=_day)
    strict: bool = True

    @classmethod
    def of(
        cls,
        product: ProductCode | str,
        origin: Country | str,
        on: date | str,
        facts: Mapping[str, Any],
        where: str = "resolve",
    ) -> Question:
        """
        The question of *product*, *origin*, *on* and the keywords *facts*
        (those of :class:`QuestionFacts`, which *where*, the function that
        took them, names in the message of a keyword it does not take).
        """
        check_keywords(facts, QUESTION_FACTS, where)
        entry = entry_of(product, origin, on, facts)
        return cls(entry, facts.get("rounding", _CENT), facts.get("known"), facts.get("strict", True))

    def check(self, schedule: Schedule) -> None:
        """
        Raise unless *schedule* can answer it: its code a product line on its
        day (when ``strict``: :meth:`~tariffcalc.Schedule.check_product`), its
        claims and contents words *schedule* knows (:meth:`~tariffcalc.Schedule.check_entry`).
        """
        if self.strict:
            schedule.check_product(self.entry.product, self.entry.on)
        schedule.check_entry(self.entry)
