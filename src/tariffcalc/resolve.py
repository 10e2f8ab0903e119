"""
The resolver: composes the measures of a schedule into the duty on one
entry, exactly as docs/explanation/resolution.md describes.

1. candidates: product scope, validity, origin (each failure is a reason);
2. conditions switch candidates off;
3. suspensions stop them or swap in a replacement rate;
4. the most specific base measure applies, with a claimed preference;
5. stacking rules, in topological order, displace additional measures on
   the whole entry or on the slice of value the displacing one covers;
6. additional duties are charged on their basis, ``AllIn`` tops up;
7. each line is rounded; the total is the sum of the lines.

Use it through :meth:`tariffcalc.Schedule.resolve`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal, localcontext
from typing import TYPE_CHECKING, NamedTuple

import attrs

from tariffcalc.citations import Citation
from tariffcalc.entries import Entry
from tariffcalc.errors import MissingFactError, ScheduleError
from tariffcalc.measures import (
    ContentValue,
    Measure,
    MeasureKind,
    NotIfClaimed,
    OnlyIfClaimed,
    Suspension,
    ValueLess,
    WholeValue,
)
from tariffcalc.periods import Period
from tariffcalc.rates import HUNDRED, AllIn, Rate
from tariffcalc.reasons import (
    BeforeData,
    Displaced,
    Expired,
    IneligibleClaim,
    NotYetInForce,
    NotYetKnown,
    OriginNotCovered,
    OutOfProductScope,
    Reason,
    Superseded,
    Suspended,
    SwitchedOff,
)
from tariffcalc.resolution import DutyLine, NotApplied, Resolution, Rounding
from tariffcalc.rules import Displacement, StackingRule

if TYPE_CHECKING:
    from tariffcalc.codes import ProductCode
    from tariffcalc.countries import Country, CountryGroup
    from tariffcalc.programmes import Programme

__all__ = ["resolve_entry"]

_ZERO = Decimal(0)
_COVERED, _EXCLUDED, _ELSEWHERE = 1, 2, 3
_RATE_QUANTUM = Decimal("0.0001")


class _Live(NamedTuple):
    measure: Measure
    rate: Rate
    note: str
    missing: tuple[str, ...] = ()


class Index:
    """What the resolver needs from a schedule, precomputed once."""

    __slots__ = (
        "by_id",
        "by_prefix",
        "carve_outs",
        "everything",
        "everything_for",
        "groups",
        "horizon",
        "name",
        "programmes",
        "reach",
        "rules",
        "rules_by_day",
        "suspensions",
    )

    def __init__(
        self,
        name: str,
        measures: Sequence[Measure],
        rules: Sequence[StackingRule],
        suspensions: Sequence[Suspension],
        groups: Mapping[str, CountryGroup],
        programmes: Sequence[Programme] = (),
        horizon: Period | None = None,
    ) -> None:
        self.name = name
        self.horizon = horizon
        #: The programme each checked claim belongs to.
        self.programmes: dict[str, Programme] = {c: p for p in programmes for c in p.claims}
        self.by_id = {m.id: m for m in measures}
        by_prefix: dict[str, list[Measure]] = {}
        everything: list[Measure] = []
        for m in sorted(measures, key=lambda m: m.id):
            if m.products.everything:
                everything.append(m)
            for prefix in m.products.include:
                by_prefix.setdefault(prefix.digits, []).append(m)
        self.by_prefix = {k: tuple(v) for k, v in by_prefix.items()}
        self.everything = tuple(everything)
        self.rules = tuple(sorted(rules, key=lambda r: r.id))
        cuts = sorted({d for r in self.rules for d in (r.validity.start, r.validity.end) if d is not None})
        stretches = [date.min, *cuts]
        self.rules_by_day: tuple[list[date], list[tuple[StackingRule, ...]]] = (
            cuts,
            [tuple(r for r in self.rules if r.validity.contains(d)) for d in stretches],
        )
        by_measure: dict[str, list[Suspension]] = {}
        for s in sorted(suspensions, key=lambda s: s.id):
            for mid in s.measures:
                by_measure.setdefault(mid, []).append(s)
        self.suspensions = {k: tuple(v) for k, v in by_measure.items()}
        self.groups = groups
        # The countries a measure may ever reach (None: all but a few), so that a
        # measure for other countries is passed over without testing its scope.
        self.reach: dict[str, frozenset[Country] | None] = {}
        for m in measures:
            reach = m.origins.may_reach(groups) if m.origins.groups <= groups.keys() else None
            self.reach[m.id] = reach
        # Carve-outs by digits, so a product is tested against them in five look-ups, not one per prefix.
        self.carve_outs: dict[str, dict[str, ProductCode]] = {}
        for m in measures:
            if m.products.exclude:
                self.carve_outs[m.id] = {p.digits: p for p in m.products.exclude}
        # The measures for all products that may reach an origin: by origin for the origins some
        # measure names, and one tuple for every other origin.
        named = {c for m in everything if (r := self.reach[m.id]) is not None for c in r}
        self.everything_for: dict[Country | None, tuple[Measure, ...]] = {
            c: tuple(m for m in everything if (r := self.reach[m.id]) is None or c in r) for c in named
        }
        self.everything_for[None] = tuple(m for m in everything if self.reach[m.id] is None)

    def __getstate__(self) -> dict[str, object]:
        # Slotted without a __dict__: pickle protocols 0 and 1 need the state spelled out.
        return {slot: getattr(self, slot) for slot in self.__slots__}

    def __setstate__(self, state: dict[str, object]) -> None:
        for slot, value in state.items():
            setattr(self, slot, value)

    def refused(self, entry: Entry) -> dict[str, Programme]:
        """The claims of *entry* that a programme does not honour for its origin on its date."""
        refused = {}
        for claim in entry.claims:
            programme = self.programmes.get(claim)
            if programme is not None and not programme.eligible(entry.origin, entry.on):
                refused[claim] = programme
        return refused

    def rules_on(self, day: date, known: date | None = None) -> list[StackingRule]:
        """The rules in force on *day* (and known on *known*, when given), by id."""
        if known is None:
            # The rules in force between two consecutive days on which one starts or ends.
            return list(self.rules_by_day[1][bisect_right(self.rules_by_day[0], day)])
        return [r for r in self.rules if r.validity.contains(day) and r.citation.instrument.known_on <= known]

    def candidates(self, digits: str, origin: Country | None = None) -> list[Measure]:
        """
        Measures whose include prefixes or ``all`` reach the product, each once,
        by id; with *origin*, without the measures for all products that can
        never reach that origin (they are no candidates for it).
        """
        everything = self.everything if origin is None else self._everything_for(origin)
        by_prefix = self.by_prefix
        matched: list[Measure] = []
        for n in (2, 4, 6, 8, 10):
            if n > len(digits):
                break
            matched.extend(by_prefix.get(digits[:n], ()))
        if not matched:
            return list(everything)
        found: dict[str, Measure] = {m.id: m for m in everything}
        for m in matched:
            found[m.id] = m
        return [found[k] for k in sorted(found)]

    def _everything_for(self, origin: Country) -> tuple[Measure, ...]:
        found = self.everything_for.get(origin)
        return self.everything_for[None] if found is None else found

    def carve_out(self, measure: Measure, digits: str) -> ProductCode | None:
        """The carve-out of *measure* that removes the product (the widest, as ``ProductScope.carve_out``)."""
        carve_outs = self.carve_outs.get(measure.id)
        if carve_outs is None:
            return None
        for n in (2, 4, 6, 8, 10):
            if n > len(digits):
                break
            found = carve_outs.get(digits[:n])
            if found is not None:
                return found
        return None


def _known(citation: Citation | None, known: date | None) -> bool:
    """Whether what *citation* rests on was known on *known* (everything is, without a knowledge date)."""
    return known is None or citation is None or citation.instrument.known_on <= known


def _screen(
    index: Index,
    entry: Entry,
    measure: Measure,
    reach: dict[int, int],
    refused: Mapping[str, Programme] | None = None,
    notes: list[NotApplied] | None = None,
    known: date | None = None,
) -> Reason | _Live | None:
    """
    Steps 1–3 for one measure whose product prefix matches: ``None`` when it
    is no candidate at all (it is for other origins), the reason it does not
    apply, or the rate it applies at. *entry* carries only the claims that
    are honoured; a *refused* claim that a claim condition names is reported:
    as the reason when it would have been the only way on, in *notes* when
    the measure stays on without it.
    """
    on = entry.on
    origins = measure.origins
    reachable = index.reach[measure.id]
    if reachable is not None and entry.origin not in reachable:
        return None  # a measure for other countries only (it has no exclusions to report)
    # Many measures share one scope object (every MFN line): test each scope once.
    verdict = reach.get(id(origins))
    if verdict is None:
        if origins.covers(entry.origin, on, index.groups):
            verdict = _COVERED
        elif origins.excludes(entry.origin, on, index.groups):
            verdict = _EXCLUDED
        else:
            verdict = _ELSEWHERE
        reach[id(origins)] = verdict
    if verdict != _COVERED:
        # Deliberate: a measure for other countries is no candidate, as a measure
        # for other products is none; only an explicit exclusion is a reason
        # worth reporting (step 1 of docs/explanation/resolution.md: the origin scope covers the origin on the day).
        return OriginNotCovered(entry.origin, excluded=True) if verdict == _EXCLUDED else None
    carve = index.carve_out(measure, entry.product.digits)
    if carve is not None:
        return OutOfProductScope(carve)
    validity = measure.validity
    if on < validity.start:
        horizon = index.horizon
        if horizon is not None and validity.start == horizon.start:
            # It starts with the data itself: whether it applied earlier is beyond the data.
            return BeforeData(horizon.start)
        return NotYetInForce(validity.start)
    if validity.end is not None and on >= validity.end:
        return Expired(validity.end)
    if not _known(measure.citation, known):
        assert known is not None
        return NotYetKnown(measure.citation.instrument, known)
    undecided: list[str] = []
    refusals: list[NotApplied] = []
    for condition in measure.conditions:
        if not _known(condition.citation, known):
            continue  # a later instrument's condition: not part of the law as known then
        try:
            if condition.switches_off(entry):
                if refused and isinstance(condition, OnlyIfClaimed) and condition.claim in refused:
                    return _refusal(condition.claim, refused[condition.claim], entry)
                return SwitchedOff(condition)
        except MissingFactError as e:
            # Not known to be off: it stays a candidate, and its amount waits for the fact.
            undecided.extend(e.facts)
        if refused and isinstance(condition, NotIfClaimed) and condition.claim in refused:
            refusals.append(NotApplied(measure, _refusal(condition.claim, refused[condition.claim], entry)))
    if notes is not None:
        notes.extend(refusals)
    for suspension in index.suspensions.get(measure.id, ()):
        if suspension.period.contains(on) and _known(suspension.citation, known):
            if suspension.replacement is None:
                return Suspended(suspension)
            note = f"at {suspension.replacement} during suspension by {suspension.citation}"
            return _Live(measure, suspension.replacement, note, tuple(undecided))
    return _Live(measure, measure.rate, "", tuple(undecided))


def _refusal(claim: str, programme: Programme, entry: Entry) -> IneligibleClaim:
    return IneligibleClaim(claim, programme, entry.origin, entry.on)


class _Money:
    """The facts amounts are computed from; a nominal value of 100 when none is given."""

    __slots__ = ("contents", "nominal", "quantities", "value")

    def __init__(self, entry: Entry) -> None:
        self.nominal = entry.value is None
        self.value = HUNDRED if entry.value is None else entry.value
        self.quantities = entry.quantity_map
        self.contents = entry.content_map

    def basis_value(self, live: _Live) -> Decimal:
        """The value the measure is charged on before any slicing; raises MissingFactError."""
        basis = live.measure.basis
        if isinstance(basis, WholeValue):
            return self.value
        if isinstance(basis, ContentValue):
            content = self.contents.get(basis.content)
            if content is None or self.nominal:
                facts = [f"value of the {basis.content} content"] if content is None else []
                facts += ["customs value"] if self.nominal else []
                raise MissingFactError(f"{live.measure.id} needs the " + " and the ".join(facts), facts)
            return content
        assert isinstance(basis, ValueLess)
        less = self.contents.get(basis.content)
        if less is None:
            # No such content declared: nothing to take off, so the whole value is
            # charged and the line stays proportional, with or without a value.
            return self.value
        if self.nominal:
            # A declared content is an amount: its share of an unknown value is unknown.
            raise MissingFactError(
                f"{live.measure.id} needs the customs value to weigh the {basis.content} content",
                ("customs value",),
            )
        if basis.min_share is not None and less * HUNDRED < basis.min_share * self.value:
            return self.value
        return self.value - less


def _choose_base(
    lives: list[_Live],
    entry: Entry,
    money: _Money,
    skipped: list[NotApplied],
    refused: Mapping[str, Programme] | None = None,
) -> tuple[_Live | None, Rate | None, str]:
    """
    Step 4: the most specific base measure and the rate it charges (a
    claimed preference; a *refused* claim of one of its preferences is reported).
    """
    if not lives:
        return None, None, ""

    def specificity(live: _Live) -> int:
        prefix = live.measure.products.matched_prefix(entry.product)
        return prefix.level if prefix is not None else 0

    best = max(lives, key=lambda live: (specificity(live), live.measure.id))
    for live in lives:
        if live is not best:
            skipped.append(NotApplied(live.measure, Superseded(best.measure.id)))
    claimed = [p for p in best.measure.preferences if p.claim in entry.claims]
    if refused:
        for p in best.measure.preferences:
            if p.claim in refused:
                skipped.append(NotApplied(best.measure, _refusal(p.claim, refused[p.claim], entry)))
    if not claimed:
        return best, best.rate, best.note

    def cost(rate: Rate) -> Decimal:
        try:
            return rate.amount(money.value, money.quantities, money.contents)
        except MissingFactError:
            return Decimal("Infinity")

    preference = min(claimed, key=lambda p: (cost(p.rate), p.claim))
    return best, preference.rate, f"preference {preference.claim} claimed (column 1 general: {best.rate})"


def _order(lives: list[_Live], rules: list[StackingRule]) -> list[tuple[_Live, list[tuple[StackingRule, _Live]]]]:
    """Topological order of the additional measures under the rules, with each one's displacers."""
    by_tag: dict[str, list[_Live]] = {}
    for live in lives:
        for tag in live.measure.tags:
            by_tag.setdefault(tag, []).append(live)
    incoming: dict[str, list[tuple[StackingRule, _Live]]] = {live.measure.id: [] for live in lives}
    outgoing: dict[str, set[str]] = {live.measure.id: set() for live in lives}
    for rule in rules:
        for winner in by_tag.get(rule.when, ()):
            for loser in by_tag.get(rule.drops, ()):
                if loser is not winner:
                    incoming[loser.measure.id].append((rule, winner))
                    outgoing[winner.measure.id].add(loser.measure.id)
    pending = {mid: len({w.measure.id for _, w in edges}) for mid, edges in incoming.items()}
    by_id = {live.measure.id: live for live in lives}
    ready = sorted(mid for mid, n in pending.items() if n == 0)
    order: list[tuple[_Live, list[tuple[StackingRule, _Live]]]] = []
    while ready:
        mid = ready.pop(0)
        order.append((by_id[mid], incoming[mid]))
        for next_id in sorted(outgoing[mid]):
            pending[next_id] -= 1
            if pending[next_id] == 0:
                ready.append(next_id)
                ready.sort()
    if len(order) != len(lives):  # pragma: no cover  # Schedule refuses such measures when built
        stuck = sorted(mid for mid, n in pending.items() if n > 0)
        raise ScheduleError(
            "stacking rules form a cycle for this entry", [f"measures {', '.join(stuck)} displace each other"]
        )
    return order


def resolve_entry(index: Index, entry: Entry, rounding: Rounding, known: date | None = None) -> Resolution:
    """
    Resolve *entry* against the measures of *index* (see the module
    docstring), with the law as known on *known* (all of it when ``None``).
    """
    skipped: list[NotApplied] = []
    bases: list[_Live] = []
    additions: list[_Live] = []
    reach: dict[int, int] = {}
    asked = entry
    refused = index.refused(entry) if index.programmes and entry.claims else {}
    if refused:
        # Screen and price with the honoured claims only; the resolution keeps the entry as asked.
        entry = attrs.evolve(entry, claims=entry.claims - refused.keys())
    for measure in index.candidates(entry.product.digits, entry.origin):
        outcome = _screen(index, entry, measure, reach, refused, skipped, known)
        if outcome is None:
            continue
        if isinstance(outcome, Reason):
            skipped.append(NotApplied(measure, outcome))
        elif measure.kind is MeasureKind.BASE:
            bases.append(outcome)
        else:
            additions.append(outcome)

    money = _Money(entry)
    missing: list[str] = []
    lines: list[DutyLine] = []
    exact: list[Decimal] = []  # unrounded line amounts, for the rate

    def note_missing(error: MissingFactError) -> None:
        missing.extend(f for f in error.facts if f not in missing)

    base, base_rate, base_note = _choose_base(bases, entry, money, skipped, refused)
    base_amount: Decimal | None = None
    base_exact: Decimal | None = None
    if base is None:
        missing.append(
            f"a base (column 1) duty: the schedule has no base measure in force for {entry.product} from {entry.origin} on the entry date"
        )
    else:
        assert base_rate is not None
        try:
            if base.missing:
                raise MissingFactError("a condition needs a fact", base.missing)
            base_exact = base_rate.amount(money.value, money.quantities, money.contents)
            base_amount = rounding.apply(base_exact)
            exact.append(base_exact)
        except MissingFactError as e:
            note_missing(e)
        lines.append(DutyLine(base.measure, base_rate, base.measure.basis, money.value, base_amount, base_note))

    rules = index.rules_on(entry.on, known)
    ordered = _order(additions, rules) if rules and len(additions) > 1 else [(a, []) for a in additions]
    covered: dict[str, Decimal | None] = {}  # applied measure id -> value its basis covers (None: unknown)
    for live, displacers in ordered:
        applied_displacers = [(rule, w) for rule, w in displacers if w.measure.id in covered]
        whole = [(rule, w) for rule, w in applied_displacers if rule.displaces is Displacement.ENTRY]
        if whole:
            rule, winner = min(whole, key=lambda rw: (rw[0].id, rw[1].measure.id))
            skipped.append(NotApplied(live.measure, Displaced(rule, winner.measure.id)))
            continue
        try:
            dutiable: Decimal | None = money.basis_value(live)
        except MissingFactError as e:
            note_missing(e)
            dutiable = None
        slice_notes = []
        for rule, winner in sorted(applied_displacers, key=lambda rw: (rw[0].id, rw[1].measure.id)):
            taken = covered[winner.measure.id]
            dutiable = None if dutiable is None or taken is None else max(_ZERO, dutiable - taken)
            slice_notes.append(f"less the value covered by {winner.measure.id} (rule {rule.id})")
        if applied_displacers and dutiable is not None and dutiable == 0:
            rule, winner = min(applied_displacers, key=lambda rw: (rw[0].id, rw[1].measure.id))
            skipped.append(NotApplied(live.measure, Displaced(rule, winner.measure.id, whole_slice=True)))
            continue
        # Without a value the slice left is in proportion to the nominal value
        # (a displacer that needs the value leaves ``dutiable`` unknown above).
        covered[live.measure.id] = dutiable
        amount: Decimal | None = None
        reported_heading = None
        if dutiable is not None:
            try:
                if live.missing:
                    raise MissingFactError("a condition needs a fact", live.missing)
                if isinstance(live.rate, AllIn):
                    # The rounded base keeps base + top-up = round(target x value) exact;
                    # without a value the rate is wanted, so the exact base serves.
                    base_due = base_exact if money.nominal else base_amount
                    if base_due is None:
                        raise MissingFactError("all-in needs the base duty", ())
                    share = base_due * dutiable / money.value if money.value else _ZERO
                    line_exact = live.rate.top_up(dutiable, share)
                    if line_exact == 0:
                        reported_heading = live.measure.citation.heading_when_met
                else:
                    line_exact = live.rate.amount(dutiable, money.quantities, money.contents)
                    if money.nominal and not live.rate.is_proportional() and "customs value" not in missing:
                        missing.append("customs value")
                amount = rounding.apply(line_exact)
                exact.append(line_exact)
            except MissingFactError as e:
                note_missing(e)
        note = "; ".join(filter(None, [live.note, *slice_notes]))
        lines.append(DutyLine(live.measure, live.rate, live.measure.basis, dutiable, amount, note, reported_heading))

    if money.nominal and base_rate is not None and not base_rate.is_proportional() and "customs value" not in missing:
        missing.append("customs value")
    complete = not missing and len(exact) == len(lines)
    rate = None
    if complete and money.value:
        with localcontext(prec=60):  # bounded inputs: a small value and a large specific duty fit
            rate = (sum(exact, _ZERO) * HUNDRED / money.value).quantize(_RATE_QUANTUM).normalize()
            rate = rate.quantize(Decimal(1)) if rate == rate.to_integral() else rate
    total = None
    if complete and not money.nominal:
        total = sum((line.amount for line in lines if line.amount is not None), _ZERO)
    if money.nominal:
        lines = [attrs.evolve(line, basis_value=None, amount=None) for line in lines]
    skipped.sort(key=lambda n: n.measure.id)
    warnings = horizon_warnings(index.name, index.horizon, entry.on)
    return Resolution(asked, index.name, tuple(lines), tuple(skipped), tuple(missing), rate, total, warnings, known)


def horizon_warnings(schedule: str, horizon: Period | None, on: date) -> tuple[str, ...]:
    """
    What an answer for *on* must say about the *horizon* of the schedule's
    data: nothing inside it, a warning before or after it.

    >>> horizon = Period(date(2025, 1, 1), date(2026, 6, 28))
    >>> horizon_warnings("us", horizon, date(2025, 5, 20))
    ()
    >>> print(horizon_warnings("us", horizon, date(2027, 1, 5))[0])
    the entry date is after the last day the sources of schedule 'us' confirm (2026-06-27): the law may have changed since, and events the data schedules after that day are marked uncertain (U)
    """
    if horizon is None or horizon.contains(on):
        return ()
    if on < horizon.start:
        return (
            f"the entry date is before the data of schedule {schedule!r} begins ({horizon.start}): "
            "measures in force only before then are not in it, so the answer may miss duties",
        )
    assert horizon.end is not None  # a schedule's horizon is closed
    return (
        f"the entry date is after the last day the sources of schedule {schedule!r} confirm ({horizon.end - timedelta(days=1)}): "
        "the law may have changed since, and events the data schedules after that day are marked uncertain (U)",
    )
