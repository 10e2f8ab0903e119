"""
Scenario changes defined by what they mean, in the negotiator's terms:

- :class:`CountryRate`: "the country rate of X from D1 (to D2) is R";
- :class:`PauseUntil`: "the suspension of measure M runs to D";
- :class:`AllInFrom`: "partner X's goods pay an all-in rate of R on these
  authorities from D".

Each is translated into the measures, suspensions and stacking rules of the
schedule it is applied to, as known on the scenario's knowledge date
(``Scenario.apply(schedule, known=...)``): later acts that would undo the
change are overridden in turn, as the change means, and each decision is
recorded in :meth:`tariffcalc.scenario.Scenario.notes`. A change that finds
nothing to change raises :class:`~tariffcalc.errors.ScheduleError` with the
reason.

>>> from datetime import date
>>> from tariffcalc import *
>>> from tariffcalc.rates import AdValorem
>>> from tariffcalc.scenario import Scenario
>>> eo = Instrument("EO 14257", "Reciprocal tariff", known_on=date(2025, 4, 2))
>>> what_if = Citation(Instrument("what-if", "A hypothetical act", known_on=date(2025, 5, 20)))
>>> japan = Measure("reciprocal.jp", "Japan", MeasureKind.ADDITIONAL, AdValorem(24), ProductScope.parse("all"),
...                 OriginScope.parse("JP"), Period(date(2025, 4, 9)), Citation(eo, heading="9903.01.53"),
...                 tags={"reciprocal", "reciprocal-country"})
>>> base = Schedule("base", [japan])
>>> cut = Scenario("7 points", [CountryRate("JP", AdValorem(17), date(2025, 4, 9), citation=what_if)])
>>> [str(line.rate) for line in cut.apply(base).resolve("9403.60", "JP", date(2025, 4, 9)).lines]
['17%']
>>> print(cut.notes(base)[0])
country rate of JP from 2025-04-09 at 17%: reciprocal.jp (EO 14257) 24% -> 17%
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

import attrs

from tariffcalc._scenario_parts import Parts, minus, with_validity
from tariffcalc.citations import Citation
from tariffcalc.countries import Country
from tariffcalc.errors import ScheduleError
from tariffcalc.measures import Measure, Suspension
from tariffcalc.periods import Period
from tariffcalc.rates import AllIn, Rate
from tariffcalc.rules import Displacement, StackingRule
from tariffcalc.scenario import Change

__all__ = ["AllInFrom", "CountryRate", "PauseUntil"]


def _country(value: Country | str) -> Country:
    return value if isinstance(value, Country) else Country.parse(value)


def _strings(values: Iterable[str]) -> tuple[str, ...]:
    # typed, unlike ``converter=tuple``, which a type checker reads as taking ``Iterable[_T_co]``
    return tuple(values)


def _reaches(parts: Parts, m: Measure, country: Country, period: Period) -> bool:
    """Whether *m* may charge goods of *country* on a day of *period* (its first day in force there)."""
    days = m.validity.intersection(period)
    if days is None:
        return False
    return m.origins.covers(country, days.start, {g.id: g for g in parts.groups})


def _only(parts: Parts, m: Measure, country: Country) -> bool:
    """Whether *m* is specific to *country* (it reaches no other partner)."""
    reach = m.origins.may_reach({g.id: g for g in parts.groups})
    return reach is not None and reach <= {country}


def _act(m: Measure | Suspension | StackingRule) -> str:
    return m.citation.instrument.id


def _seen(parts: Parts) -> str:
    return "the final law" if parts.known is None else f"the law as known on {parts.known}"


@attrs.frozen
class CountryRate(Change):
    """
    The country rate of *origin* from *start* (to *end*, excluded; ``None``:
    with no end) is *rate*: every measure tagged *tag* (the country-specific
    rates of the authority) that is specific to the partner and in force in
    the period is charged *rate* instead (a measure in force beyond the
    period is split: its days outside keep its own rate, as new measures
    ``<id>.before`` and ``<id>.after`` named by its suspensions where they
    meet them). A later country rate of the same
    partner in the period (a later act that would replace the cut) is
    overridden in turn; a deal in place of the country rate is not (it is not
    a country rate), and the notes say so.
    """

    origin: Country = attrs.field(converter=_country)
    rate: Rate
    start: date
    end: date | None = None
    citation: Citation | None = None
    tag: str = "reciprocal-country"

    def apply_to(self, parts: Parts) -> None:
        period = Period(self.start, self.end)
        wanted = f"country rate of {self.origin.code} from {period.start}{f' to {period.end}' if period.end else ''}"
        targets = [m for m in parts.measures.values() if self.tag in m.tags and _reaches(parts, m, self.origin, period)]
        if not targets:
            raise ScheduleError(
                f"scenario change has no effect on {_seen(parts)}",
                [f"{wanted}: no measure tagged {self.tag!r} reaches {self.origin.code} in {period}"],
            )
        for m in sorted(targets, key=lambda m: (m.validity.start, m.id)):
            if not _only(parts, m, self.origin):
                raise ScheduleError(
                    f"scenario change cannot cut {self.origin.code}'s rate alone",
                    [f"{wanted}: measure {m.id} also charges other partners ({m.origins})"],
                )
            inside = m.validity.intersection(period)
            assert inside is not None  # targets are in force in the period
            if inside != m.validity:
                self._split(parts, m, inside, wanted)
            parts.measures[m.id] = with_validity(m, inside, rate=self.rate)
            later = (
                " (a later act: overridden, the rate holds for the whole period)"
                if m.validity.start > period.start
                else ""
            )
            parts.notes.append(f"{wanted} at {self.rate}: {m.id} ({_act(m)}) {m.rate} -> {self.rate}{later}")
        for r in sorted(parts.rules.values(), key=lambda r: r.id):
            winners = [
                w for w in parts.measures.values() if r.when in w.tags and _reaches(parts, w, self.origin, period)
            ]
            if r.drops == self.tag and winners and r.validity.overlaps(period) and r.validity.start > period.start:
                parts.notes.append(
                    f"{wanted}: rule {r.id} ({_act(r)}) still puts {r.when} in place of the country rate "
                    f"from {r.validity.start}: kept (a deal is not a country rate)"
                )

    @staticmethod
    def _split(parts: Parts, m: Measure, inside: Period, wanted: str) -> None:
        """Keep *m*'s own rate outside *inside* as new measures ``<id>.before`` / ``<id>.after``."""
        pieces = {
            f"{m.id}.before": Period(m.validity.start, inside.start) if m.validity.start < inside.start else None,
            f"{m.id}.after": Period(inside.end, m.validity.end)
            if inside.end is not None and inside.end != m.validity.end
            else None,
        }
        kept = {pid: p for pid, p in pieces.items() if p is not None}
        for pid, days in kept.items():
            parts.measures[pid] = with_validity(m, days, id=pid)
            parts.notes.append(f"{wanted}: {m.id} split; {pid} keeps {m.rate} on {days}")
        validity = {m.id: inside, **kept}
        for sid, s in list(parts.suspensions.items()):
            if m.id in s.measures:
                named = {pid for pid, days in validity.items() if days.overlaps(s.period)}
                parts.suspensions[sid] = attrs.evolve(s, measures=(s.measures - {m.id}) | named)


@attrs.frozen
class PauseUntil(Change):
    """
    The suspension of *measure* runs to *until* (excluded): the days from its
    first known suspension to *until* that no known suspension covers are
    suspended by a new suspension ``id``, cited to *citation*. Measures that
    take the paused measure's place for the same partner before *until*
    (its later country rates, or a deal in place of them) are suspended over
    those days too: the pause means the partner pays what it paid during the
    pause until *until*.
    """

    measure: str
    until: date
    id: str
    citation: Citation

    def apply_to(self, parts: Parts) -> None:
        m = parts.measure(self.measure)
        own = sorted(
            (s for s in parts.suspensions.values() if self.measure in s.measures), key=lambda s: s.period.start
        )
        if not own:
            raise ScheduleError(
                f"scenario change has no effect on {_seen(parts)}",
                [f"no suspension of {self.measure} is known to extend; add one with add-suspension"],
            )
        first = own[0]
        wanted = Period(first.period.start, self.until)
        covered = [s.period for s in own]
        # A gap after the measure's last day suspends nothing (its successors are handled below); one
        # that overlaps it is kept whole, as the law known then may not yet know the measure's end.
        gaps = [g for g in minus(wanted, covered) if g.overlaps(m.validity)]
        for n, gap in enumerate(gaps):
            sid = self.id if len(gaps) == 1 else f"{self.id}.{n + 1}"
            parts.suspensions[sid] = Suspension(sid, frozenset({self.measure}), gap, self.citation, first.replacement)
            parts.notes.append(f"{sid}: {self.measure} suspended {gap}, after {', '.join(s.id for s in own)}")
        successors = self._successors(parts, m, wanted)
        for s in successors:
            days = Period(max(s.validity.start, wanted.start), self.until)
            taken = [x.period for x in parts.suspensions.values() if s.id in x.measures]
            pieces = minus(days, taken)
            for n, gap in enumerate(pieces):
                sid = f"{self.id}.{s.id}" + ("" if len(pieces) == 1 else f".{n + 1}")
                parts.suspensions[sid] = Suspension(sid, frozenset({s.id}), gap, self.citation)
                parts.notes.append(
                    f"{sid}: {s.id} ({_act(s)}) takes the place of {self.measure} from {s.validity.start}: "
                    f"suspended {gap} too, as the pause to {self.until} means"
                )
        if not gaps and not successors:
            raise ScheduleError(
                f"scenario change has no effect on {_seen(parts)}",
                [
                    f"the suspensions of {self.measure} ({', '.join(s.id for s in own)}) already cover "
                    f"{wanted} or the measure's days, and no later measure takes its place"
                ],
            )

    @staticmethod
    def _successors(parts: Parts, paused: Measure, wanted: Period) -> list[Measure]:
        reach = paused.origins.may_reach({g.id: g for g in parts.groups})
        if reach is None:
            return []
        displacing = {r.when for r in parts.rules.values() if r.drops in paused.tags}
        out = []
        for m in parts.measures.values():
            if m.id == paused.id or not (paused.validity.start < m.validity.start < (wanted.end or date.max)):
                continue
            m_reach = m.origins.may_reach({g.id: g for g in parts.groups})
            if m_reach is None or not m_reach <= reach:
                continue
            if paused.tags <= m.tags or (m.tags & paused.tags and m.tags & displacing):
                out.append(m)
        return sorted(out, key=lambda m: (m.validity.start, m.id))


@attrs.frozen
class AllInFrom(Change):
    """
    Goods of *origin* pay an all-in *rate* (percent; MFN included) on the
    authorities named by *authorities* (measure tags, e.g. ``reciprocal``,
    ``s232-auto``) from *start*. For each authority, every measure tagged
    with it that reaches the partner from *start* gives way to a new all-in
    measure ``<id>.<what-if>`` over the same goods (the general measures'
    products; a deal or country rate that itself replaces a general measure
    only gives way), by a new stacking rule from *start*. Later acts of the
    authority for the partner (its country rates, deals) give way too, and
    the notes list them.
    """

    origin: Country = attrs.field(converter=_country)
    rate: Decimal = attrs.field(converter=Decimal)
    start: date
    authorities: tuple[str, ...] = attrs.field(converter=_strings)
    id: str
    citation: Citation

    def apply_to(self, parts: Parts) -> None:
        period = Period(self.start)
        for authority in self.authorities:
            self._one(parts, authority, period)

    def _one(self, parts: Parts, authority: str, period: Period) -> None:
        gives_way_tag = f"{self.id}:{authority}:replaced"
        all_in_tag = f"{self.id}:{authority}:all-in"
        found = [m for m in parts.measures.values() if authority in m.tags and _reaches(parts, m, self.origin, period)]
        if not found:
            raise ScheduleError(
                f"scenario change has no effect on {_seen(parts)}",
                [f"{self.id}: no measure tagged {authority!r} reaches {self.origin.code} from {self.start}"],
            )
        tags = {t for m in found for t in m.tags}
        replacing = {r.when for r in parts.rules.values() if r.drops in tags and r.when in tags}
        new: list[Measure] = []
        for m in sorted(found, key=lambda m: (m.validity.start, m.id)):
            later = (
                " (a later act: overridden, as the all-in rate means)"
                if m.citation.instrument.known_on > self.citation.instrument.known_on
                else ""
            )
            parts.notes.append(
                f"{self.id}: {m.id} ({_act(m)}) gives way to the all-in {self.rate}% from {self.start}{later}"
            )
            parts.measures[m.id] = attrs.evolve(m, tags=m.tags | {gives_way_tag})
            if m.tags & replacing:
                continue  # a country rate or deal: it gives way, and its goods are the general measure's
            days = m.validity.intersection(period)
            assert days is not None  # found reaches the partner from start
            new.append(
                with_validity(
                    m,
                    days,
                    id=f"{m.id}.{self.id}",
                    title=f"{m.title}: all-in {self.rate}% for {self.origin.code} ({self.citation.instrument.id})",
                    rate=AllIn(self.rate),
                    origins=type(m.origins).parse(self.origin.code),
                    citation=attrs.evolve(self.citation, heading=m.citation.heading),
                    tags=m.tags | {all_in_tag},
                )
            )
        # The new measures keep the tags their authority's other rules need (an exception, Section 232
        # over the reciprocal duty), less those that only the displaced measures' rules drop (a country
        # rate over the baseline, a deal over the 25%): those rules have nothing left to put in place.
        # Only the tags of the measures still charging matter, and of those only the tags rules put in
        # place: the 60,000 measures that carry none are not looked at.
        displaced = {m.id for m in found}
        whens = {r.when for r in parts.rules.values()}
        live = [
            m
            for m in parts.measures.values()
            if m.tags & whens and m.id not in displaced and _reaches(parts, m, self.origin, period)
        ]
        live += new
        for m in new:
            kept = {
                t
                for t in m.tags
                if not any(r.drops == t for r in parts.rules.values())
                or any(r.drops == t and any(r.when in c.tags for c in live) for r in parts.rules.values())
            }
            parts.measures[m.id] = attrs.evolve(m, tags=kept)
            parts.notes.append(f"{self.id}: {m.id} charges {self.origin.code} all-in {self.rate}% {m.validity}")
        rule = StackingRule(
            f"{self.id}.{authority}", all_in_tag, gives_way_tag, Displacement.ENTRY, period, self.citation
        )
        parts.rules[rule.id] = rule
