"""
:class:`DataSet`: what one or more data files hold, as core objects, before
(or after) it becomes a :class:`~tariffcalc.schedule.Schedule`.

>>> from tariffcalc.io.datafiles import parse_dataset
>>> data = parse_dataset('[schedule]\\nname = "empty"\\n')
>>> data.name, data.measures, data.to_schedule().name
('empty', (), 'empty')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

import attrs

from tariffcalc.citations import Citation, Instrument
from tariffcalc.countries import CountryGroup
from tariffcalc.errors import DataFileError, Problem, ScheduleError
from tariffcalc.legal import LegalStatus
from tariffcalc.measures import Measure, Suspension
from tariffcalc.periods import Period
from tariffcalc.rules import StackingRule

if TYPE_CHECKING:
    from tariffcalc.io.datafiles._words import DeclaredWords
    from tariffcalc.programmes import Programme
    from tariffcalc.schedule import Schedule

__all__ = ["REPEAT", "DataSet", "citations", "locate", "mentions"]

#: Suffix of the key in :attr:`DataSet.places` that holds where an id is written again.
REPEAT: Final = "\x00repeat"


@attrs.frozen
class DataSet:
    """
    Everything one or more data files hold, as core objects: the schedule
    name, the instruments, groups, measures, suspensions and rules.
    :meth:`to_schedule` builds the checked :class:`~tariffcalc.schedule.Schedule`.
    """

    name: str
    measures: tuple[Measure, ...] = ()
    suspensions: tuple[Suspension, ...] = ()
    rules: tuple[StackingRule, ...] = ()
    groups: tuple[CountryGroup, ...] = ()
    instruments: tuple[Instrument, ...] = ()
    description: str = ""
    #: The days the data's sources confirm (see :attr:`Schedule.horizon`).
    horizon: Period | None = None
    #: The legal status of the authorities (see :mod:`tariffcalc.legal`).
    legal: LegalStatus | None = None
    #: Where each measure, suspension, rule and group was written (``file:line path``), by id.
    places: Mapping[str, str] = attrs.field(factory=dict, eq=False, repr=False)
    #: The words the files declare in ``[vocabulary]`` tables (``None``: none declared; see :mod:`.words`).
    vocabulary: DeclaredWords | None = attrs.field(default=None, eq=False, repr=False)

    def __eq__(self, other: object) -> bool:
        # Order of the entries does not matter: two data sets with the same content are equal.
        if not isinstance(other, DataSet):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def _key(self) -> tuple[Any, ...]:
        return (
            self.name,
            self.description,
            frozenset(self.measures),
            frozenset(self.suspensions),
            frozenset(self.rules),
            frozenset(self.groups),
            frozenset(self.instruments),
            self.horizon,
            None if self.legal is None else (frozenset(self.legal.authorities), frozenset(self.legal.events)),
        )

    def to_schedule(
        self,
        *,
        name: str | None = None,
        base: Sequence[Measure] = (),
        base_groups: Sequence[CountryGroup] = (),
        programmes: Sequence[Programme] = (),
    ) -> Schedule:
        """
        The checked schedule of these measures (schedule problems become a
        :class:`DataFileError`, each with the file and line of what it names).

        *base* measures and *base_groups* (built in code, such as the MFN
        extract) come before the files' own, and *programmes* say who may
        claim what; *name* replaces the files' schedule name.
        """
        from tariffcalc.schedule import Schedule

        try:
            return Schedule(
                self.name if name is None else name,
                [*base, *self.measures],
                rules=self.rules,
                suspensions=self.suspensions,
                groups=[*base_groups, *self.groups],
                programmes=programmes,
                horizon=self.horizon,
                legal=self.legal,
            )
        except ScheduleError as e:
            raise DataFileError(
                f"{self.name}: the data files load but do not form a valid schedule",
                [locate(p, self.places) for p in e.problems],
            ) from None

    @classmethod
    def from_schedule(cls, schedule: Schedule, *, description: str = "") -> DataSet:
        """The data of a schedule, with the instruments its citations name."""
        measures = tuple(schedule.measures)
        suspensions = tuple(schedule.suspensions)
        rules = tuple(schedule.rules)
        groups = tuple(schedule.groups)
        instruments = {c.instrument for c in citations(measures, suspensions, rules)}
        if schedule.legal is not None:
            instruments |= {e.citation.instrument for e in schedule.legal.events}
        return cls(
            schedule.name,
            measures,
            suspensions,
            rules,
            groups,
            tuple(instruments),
            description,
            schedule.horizon,
            schedule.legal,
        )


def mentions(problem: str) -> list[str]:
    """The words of a problem that may be ids."""
    return re.findall(r"[^\s'\"():,;]+", problem)


def locate(problem: str, places: Mapping[str, str]) -> Problem:
    """A schedule-level problem with the place of the first measure, suspension, rule or group it names."""
    repeated = " is used " in problem
    for word in mentions(problem):
        if repeated and word + REPEAT in places:
            return Problem(problem, places[word + REPEAT])
        if word in places:
            return Problem(problem, places[word])
    return Problem(problem)


def citations(
    measures: Iterable[Measure], suspensions: Iterable[Suspension], rules: Iterable[StackingRule]
) -> Iterator[Citation]:
    """Every citation of these measures (and their conditions), suspensions and rules."""
    for m in measures:
        yield m.citation
        for c in m.conditions:
            if c.citation is not None:
                yield c.citation
        for a in m.amendments:
            yield a.citation
    for s in suspensions:
        yield s.citation
        for a in s.amendments:
            yield a.citation
    for r in rules:
        yield r.citation
        for a in r.amendments:
            yield a.citation
