"""
A schedule: an immutable, checked set of measures, suspensions, stacking
rules and country groups, indexed for resolution.

>>> from datetime import date, datetime
>>> from tariffcalc import *
>>> from tariffcalc.rates import AdValorem
>>> act = Instrument("HTS 2025", "Harmonized Tariff Schedule", known_on=date(2025, 1, 1))
>>> mfn = Measure("mfn.8703.23.01", "Passenger cars", MeasureKind.BASE, AdValorem("2.5"),
...               ProductScope.parse("8703.23.01"), OriginScope.parse("all"),
...               Period(date(2025, 1, 1)), Citation(act, heading="8703.23.01"))
>>> schedule = Schedule("example", [mfn])
>>> r = schedule.resolve("8703.23.01.90", "JP", date(2025, 5, 5), value=40000)
>>> r.rate, r.amount
(Decimal('2.5'), Decimal('1000.00'))
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, Unpack

import attrs

from tariffcalc import _caches, _consistency
from tariffcalc import _reprs as reprs
from tariffcalc import _schedule_fields as _fields
from tariffcalc._decimals import own_context
from tariffcalc._fingerprint import fingerprint
from tariffcalc._lines import ProductLines
from tariffcalc._resolver import Index, measure_by_id, resolve
from tariffcalc._validators import require
from tariffcalc.codes import ProductCode
from tariffcalc.countries import Country, CountryGroup
from tariffcalc.entries import Entry
from tariffcalc.errors import ScheduleError
from tariffcalc.legal import LegalStatus
from tariffcalc.measures import Measure, Suspension
from tariffcalc.periods import Period, as_day, as_period
from tariffcalc.programmes import Programme
from tariffcalc.question import Question, QuestionFacts
from tariffcalc.resolution import Resolution, Rounding
from tariffcalc.rules import StackingRule
from tariffcalc.timeline import Timeline, build_timeline
from tariffcalc.vocabulary import Vocabulary

__all__ = ["Schedule"]


def restore(
    name: str,
    measures: Iterable[Measure],
    rules: Iterable[StackingRule],
    suspensions: Iterable[Suspension],
    groups: Iterable[CountryGroup],
    horizon: Period | None,
    fingerprint: str | None = None,
    programmes: Iterable[Programme] = (),
    legal: LegalStatus | None = None,
    vocabulary: Vocabulary | None = None,
) -> Schedule:
    """
    A schedule of parts that were checked together when it was first built
    (unpickling, a verified cache): not checked again; its index is rebuilt
    when it is first used (see :class:`tariffcalc._caches.LazyIndex`).
    *vocabulary*: the words it was stored with (a cached one-chapter view
    knows the whole schedule's).
    """
    measures, rules, suspensions = list(measures), list(rules), list(suspensions)
    groups, programmes = list(groups), sorted(programmes, key=lambda p: p.id)
    schedule: Schedule = object.__new__(Schedule)
    parts = {"measures": frozenset(measures), "rules": frozenset(rules), "suspensions": frozenset(suspensions)}
    more = {"groups": frozenset(groups), "programmes": frozenset(programmes), "horizon": horizon, "legal": legal}
    schedule.__setstate__({"name": name, **parts, **more})  # type: ignore[attr-defined]  # attrs' unpickling path
    index = _caches.LazyIndex(
        schedule, lambda: Index(name, measures, rules, suspensions, {g.id: g for g in groups}, programmes, horizon)
    )
    _caches.start(schedule, index, fingerprint, vocabulary)
    return schedule


@attrs.frozen(cache_hash=True, repr=False)
class Schedule:
    """
    An immutable set of measures, suspensions, stacking rules and country
    groups. It is checked when built: every problem found is reported at
    once in a :class:`ScheduleError`. Order never matters: the parts are
    kept as sets.

    ``programmes`` (optional) say which origins are beneficiaries of a
    preference programme on which days: a claim of one of them from any
    other origin is refused and reported (see :mod:`tariffcalc.programmes`).
    Claims of no programme are taken as made.

    Entries may only claim and declare the words the schedule knows (its
    :attr:`vocabulary`); a stacking rule may only name tags its measures
    carry (unless no measure carries any tag: a rules-only schedule).
    """

    name: str = attrs.field(validator=_fields.name)
    measures: frozenset[Measure] = attrs.field(default=frozenset(), converter=_fields.measures)
    rules: frozenset[StackingRule] = attrs.field(default=frozenset(), converter=_fields.rules, kw_only=True)
    suspensions: frozenset[Suspension] = attrs.field(default=frozenset(), converter=_fields.suspensions, kw_only=True)
    groups: frozenset[CountryGroup] = attrs.field(default=frozenset(), converter=_fields.groups, kw_only=True)
    programmes: frozenset[Programme] = attrs.field(default=frozenset(), converter=_fields.programmes, kw_only=True)
    #: The days its sources confirm (``None``: not stated). An answer for a day
    #: outside it is still computed, but carries a warning.
    horizon: Period | None = attrs.field(default=None, validator=_fields.closed_horizon, kw_only=True)
    #: The legal status of the authorities its duties rest on (court rulings,
    #: refunds); shown on every line, never changing an amount.
    legal: LegalStatus | None = attrs.field(default=None, kw_only=True)
    _index: Index = attrs.field(init=False, eq=False, hash=False, repr=False)
    _memo: dict[str, Any] = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __repr__(self) -> str:
        return reprs.schedule_repr(self)

    def _repr_html_(self) -> str:
        return reprs.schedule_html(self)

    def __attrs_post_init__(self) -> None:
        problems = _consistency.problems(self)
        if problems:
            raise ScheduleError(f"schedule {self.name!r} is not consistent", problems)
        parts = (list(self.measures), list(self.rules), list(self.suspensions), {g.id: g for g in self.groups})
        programmes = sorted(self.programmes, key=lambda p: p.id)
        _caches.start(self, Index(self.name, *parts, programmes, self.horizon))

    def __reduce__(self) -> tuple[Any, ...]:
        """
        Pickle by the parts, never the index (rebuilt when first used);
        nothing is checked again that was checked when it was built. The
        compact pickling of :mod:`tariffcalc._packing`, which
        :mod:`tariffcalc.datasets` registers, comes first.
        """
        parts = (tuple(self.measures), tuple(self.rules), tuple(self.suspensions), tuple(self.groups))
        extra = (tuple(self.programmes), self.legal, _caches.recall(self, _caches.STORED_VOCABULARY))
        return (restore, (self.name, *parts, self.horizon, _caches.recall(self, _caches.FINGERPRINT), *extra))

    @classmethod
    def combine(cls, name: str, *schedules: Schedule, horizon: Period | None = None) -> Schedule:
        """
        One schedule with every part of *schedules* (checked again as a whole),
        their legal statuses combined, and the *horizon* its sources confirm
        (the parts' horizons are not guessed at: say it).

        >>> Schedule.combine("both", Schedule("a"), Schedule("b")).name
        'both'
        """
        for i, s in enumerate(schedules):
            require(s, Schedule, f"schedules[{i}]")
        return cls(
            name,
            [m for s in schedules for m in s.measures],
            rules=[r for s in schedules for r in s.rules],
            suspensions=[p for s in schedules for p in s.suspensions],
            groups=[g for s in schedules for g in s.groups],
            programmes=[p for s in schedules for p in s.programmes],
            horizon=horizon,
            legal=LegalStatus.combine(*(s.legal for s in schedules)),
        )

    @property
    def fingerprint(self) -> str:
        """A sha256 of the schedule's content, independent of order: the same content, the same hash."""
        return _caches.cached(self, _caches.FINGERPRINT, lambda: fingerprint(self))

    @property
    def vocabulary(self) -> Vocabulary:
        """
        The claim, content, tag and unit words the schedule's measures use.

        >>> sorted(Schedule("empty").vocabulary.claims)
        []
        """
        return _caches.cached(
            self, _caches.VOCABULARY, lambda: Vocabulary.of(self.measures, self.suspensions, self.programmes)
        )

    def check_entry(self, entry: Entry) -> None:
        """
        Raise :class:`~tariffcalc.errors.UnknownNameError` when *entry*
        claims or declares a word the schedule does not know.
        """
        require(entry, Entry, "entry")
        if entry.claims or entry.contents or entry.quantities:
            aliases = {p.id: p.claims for p in self.programmes}
            self.vocabulary.check(entry, self.name, aliases)

    def measure(self, measure_id: str) -> Measure:
        """
        The measure with id *measure_id*.

        >>> Schedule("empty").measure("nope")
        Traceback (most recent call last):
        ...
        tariffcalc.errors.ScheduleError: schedule 'empty' has no measure 'nope' (1 problem(s)):
          - known ids start with: (none)
        """
        found = measure_by_id(self, measure_id)
        if found is not None:
            return found
        known = sorted(m.id for m in self.measures)[:5]
        raise ScheduleError(
            f"schedule {self.name!r} has no measure {measure_id!r}",
            [f"known ids start with: {', '.join(known) or '(none)'}"],
        )

    def codes(self, on: date | str | Any | None = None) -> list[str]:
        """
        The product lines the schedule's base measures cover (in force on
        *on*, a day in any form :func:`~tariffcalc.periods.as_day` reads, when given),
        sorted, as dotted codes.

        >>> Schedule("empty").codes("2025-05-20")
        []
        """
        return _fields.product_codes(self.measures, None if on is None else as_day(on, "on"))

    @own_context
    def resolve(
        self, product: ProductCode | str, origin: Country | str, on: date | str, **facts: Unpack[QuestionFacts]
    ) -> Resolution:
        """
        The duty on *product* from *origin* entered on *on*, with the facts of
        the entry: customs ``value``, ``quantities`` by unit, declared
        ``contents`` values (``steel``, ``aluminum``, ``us``), the day the goods
        were ``loaded`` and the programmes or exemptions ``claims``-ed, each line
        rounded by ``rounding``: the keywords of
        :class:`~tariffcalc.question.QuestionFacts`.

        With ``known``, the law as known on that day: measures, conditions,
        suspensions and rules whose instrument became known later (even
        retroactively) are left out. ``known=on`` is the entry *as filed*;
        without it, the *final* law.

        A claim or content the schedule does not know (see :attr:`vocabulary`)
        raises :class:`~tariffcalc.errors.UnknownNameError`; a programme claim
        from an origin that is not a beneficiary on *on* is not honoured and
        is reported as :class:`~tariffcalc.reasons.IneligibleClaim`.

        With ``strict`` (the default) a code that is not a product line of the
        schedule on that day raises :class:`~tariffcalc.errors.InvalidCodeError`
        naming nearby lines (see :meth:`check_product`); ``strict=False``
        resolves it anyway, through whatever measures cover it.
        """
        question = Question.of(product, origin, on, facts, "resolve")
        question.check(self)
        return resolve(self, question.entry, question.rounding, question.known, annotated=True)

    def check_product(self, product: ProductCode | str, on: date) -> None:
        """
        Raise :class:`~tariffcalc.errors.InvalidCodeError` unless *product*
        is a product line on *on*: named by a base measure in force that day,
        or under such a line that has no lines of the code's length. A
        schedule with no base measure in force that day accepts every code
        (see :mod:`tariffcalc._lines`).
        """
        lines = _caches.cached(self, _caches.LINES, lambda: ProductLines.of(self.measures))
        lines.check(product, as_day(on, "on"), self.name)

    @own_context
    def timeline(
        self,
        product: ProductCode | str,
        origin: Country | str,
        period: Period | str | tuple[Any, Any],
        **facts: Unpack[QuestionFacts],
    ) -> Timeline:
        """
        The resolution of an entry on every day of *period* (which needs an
        end), as segments that change only where something in the schedule does.
        *period* is a :class:`Period`, its text ``START/END``, or a pair of days
        ``(start, end)`` in any form :func:`~tariffcalc.periods.as_day` reads (the end excluded).
        With ``strict``, the code must be a product line on the first day (see :meth:`resolve`).
        """
        period = as_period(period)
        question = Question.of(product, origin, period.start, facts, "timeline")
        question.check(self)
        return build_timeline(self, question.entry, period, question.rounding, question.known)

    @own_context
    def resolve_entry(
        self,
        entry: Entry,
        rounding: Rounding = Rounding(),  # noqa: B008  # immutable value
        known: date | str | None = None,
    ) -> Resolution:
        """
        Resolve a prepared :class:`Entry` (its claims and contents checked as in
        :meth:`resolve`, its code not: see :meth:`check_product`; with the law as
        known on ``known``, when given).
        """
        if not isinstance(entry, Entry):
            raise TypeError(f"entry must be an Entry, got {type(entry).__name__}")
        question = Question(entry, rounding, known, strict=False)  # checked as a question's
        question.check(self)
        return resolve(self, entry, question.rounding, question.known, annotated=True)
