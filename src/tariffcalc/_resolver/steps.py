"""
The seven steps of a resolution, exactly as docs/explanation/resolution.md
describes them; :func:`resolve_entry` runs them in order:

1. :func:`candidates`: product scope, validity, origin (each failure is a reason);
2. :func:`conditions` switch candidates off;
3. :func:`suspensions` stop them or swap in a replacement rate;
4. :func:`base`: the most specific base measure applies, with a claimed preference;
5. :func:`stacking`: rules, in topological order, displace additional measures
   on the whole entry or on the slice of value the displacing one covers;
6. :func:`amounts`: each duty on its basis (``AllIn`` tops up), rounded per line;
7. :func:`result`: the rate, the total (the sum of the lines), what is missing.

Steps 1 to 5 *decide* (here; a plan keeps the decision of a plain entry
for its stretch of days), steps 6 and 7 *price*
(:mod:`tariffcalc._resolver.pricing`, their one implementation). Use it through :meth:`tariffcalc.Schedule.resolve`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from operator import attrgetter
from typing import TYPE_CHECKING, Any

import attrs

from tariffcalc import _graph as graph
from tariffcalc._resolver.horizon import horizon_warnings
from tariffcalc._resolver.index import Index
from tariffcalc._resolver.money import Money
from tariffcalc._resolver.parts import Base, Charge, Claims, Live
from tariffcalc._resolver.plans import Plan
from tariffcalc._resolver.pricing import amounts, result
from tariffcalc._resolver.screening import is_known, screen_all
from tariffcalc.entries import Entry
from tariffcalc.errors import FactKind, MissingFact, MissingFactError, ScheduleError
from tariffcalc.measures import Measure, MeasureKind, NotIfClaimed, OnlyIfClaimed
from tariffcalc.rates import Rate
from tariffcalc.reasons import (
    Displaced,
    IneligibleClaim,
    Reason,
    Superseded,
    Suspended,
    SwitchedOff,
)
from tariffcalc.resolution import NotApplied, Resolution, Rounding
from tariffcalc.rules import Displacement, StackingRule

if TYPE_CHECKING:
    from tariffcalc.legal import LineStatus
    from tariffcalc.programmes import Programme

__all__ = [
    "amounts",
    "base",
    "candidates",
    "conditions",
    "horizon_warnings",
    "resolve_entry",
    "result",
    "stacking",
    "suspensions",
]

#: The plans (step 1 compiled for a line and an origin) kept per schedule.
_PLANS = 4096
#: The stacking orders (by rules and measures) kept per schedule.
_ORDERS = 4096
_measure_id = attrgetter("measure.id")
_ZERO = Decimal(0)
_INFINITY = Decimal("Infinity")


def resolve_entry(
    index: Index,
    entry: Entry,
    rounding: Rounding,
    known: date | None = None,
    *,
    planned: bool = True,
    status: Callable[[str, date | None], LineStatus | None] | None = None,
) -> Resolution:
    """
    Resolve *entry* against the measures of *index* (see the module
    docstring), with the law as known on *known* (all of it when ``None``).
    *planned*: from the cached plan of the line and origin (the default):
    step 1 decided once per stretch of days, and for an entry that gives no
    fact but its value, steps 1 to 5 decided once (only the amounts are
    computed again); without it, every step runs (the same answer).
    *status*: the legal status of a measure (by id) as known on a day, shown
    on each line.
    """
    claims = honoured(index, entry)
    money = Money(claims.entry)
    plan = _plan(index, entry, known) if planned else None
    finished = plan.finished(entry, money, rounding, status) if plan is not None else None
    if finished is not None:
        return _resolution(index, entry, known, *finished)
    kept = plan.kept(entry, money) if plan is not None else None
    if kept is not None:
        skipped, chosen, charges = kept
    else:
        skipped = []
        found = candidates(index, claims.entry, known, skipped, plan)
        lives = conditions(found, claims, known, skipped)
        lives = suspensions(index, lives, entry.on, known, skipped)
        chosen = base([live for live in lives if live.measure.kind is MeasureKind.BASE], claims, money, skipped)
        additions = [live for live in lives if live.measure.kind is not MeasureKind.BASE]
        orders = index.table("orders", _ORDERS) if known is None else None  # kept for the index's own rule tuples
        charges = stacking(index.rules_on(entry.on, known), additions, money, skipped, orders)
        if plan is not None:
            plan.keep(entry, money, found, skipped, chosen, charges)
    lines, exact, missing = amounts(chosen, charges, claims.entry, money, rounding, status, known)
    resolution = result(index, entry, lines, exact, missing, chosen, money, skipped, known)
    if kept is not None:  # without a value, steps 6 and 7 give the same lines on the whole stretch: kept
        plan.finish(entry, money, rounding, status, resolution)  # type: ignore[union-attr]  # kept comes from a plan
    if any(f.kind is FactKind.USE for f in resolution.missing_facts):
        resolution = _with_readings(index, entry, rounding, known, planned, status, resolution)
    return resolution


def _with_readings(
    index: Index,
    entry: Entry,
    rounding: Rounding,
    known: date | None,
    planned: bool,
    status: Callable[[str, date | None], LineStatus | None] | None,
    resolution: Resolution,
) -> Resolution:
    """
    *resolution* with each missing use naming its readings and the duty of
    each: the entry resolved as if each use were claimed (never one chosen).
    """
    facts: list[MissingFact] = []
    for fact in resolution.missing_facts:
        if fact.kind is FactKind.USE and "(" not in fact.name:
            readings = []
            for claim in fact.name.split(" or "):
                claimed = attrs.evolve(entry, claims=entry.claims | {claim})
                reading = resolve_entry(index, claimed, rounding, known, planned=planned, status=status)
                readings.append(f"{claim} ({_duty_of(reading)})")
            fact = MissingFact(FactKind.USE, " or ".join(readings))
        facts.append(fact)
    return attrs.evolve(resolution, missing_facts=tuple(facts))


def _duty_of(reading: Resolution) -> str:
    """A reading's duty in a few words: its rate and the Chapter 99 headings it is filed under."""
    headings = ", ".join(h for line in reading.lines if (h := line.heading) and h.startswith("9903"))
    rate = f"{format(reading.rate.normalize(), 'f')}% in all" if reading.rate is not None else "rate not known"
    return f"{rate}: {headings}" if headings else rate


def _plan(index: Index, entry: Entry, known: date | None) -> Plan | None:
    """
    The compiled plan of the entry's line and origin, from the second entry
    of that line and origin on: compiling costs about what resolving does,
    so a line asked once is resolved step by step, and one asked again is
    worth compiling.
    """
    key = (entry.product.digits, entry.origin, known)
    asked = index.table("asked", 4 * _PLANS)
    if key not in asked:
        asked[key] = True
        return None
    return index.memo("plans", Plan, _PLANS)(*key)


def _resolution(index: Index, asked: Entry, known: date | None, *finished: Any) -> Resolution:
    """The resolution of *asked* from what steps 6 and 7 gave an entry like it on its stretch."""
    lines, skipped, missing, rate = finished
    warnings = horizon_warnings(index.name, index.horizon, asked.on)
    return Resolution(asked, index.name, lines, skipped, missing, rate, None, warnings, known)


def honoured(index: Index, entry: Entry) -> Claims:
    """
    A claim of a preference programme counts only for an origin that is a
    beneficiary on the day; the others are refused (and reported where they matter).
    """
    refused = index.refused(entry) if index.programmes and entry.claims else {}
    if refused:
        # Screen and price with the honoured claims only; the resolution keeps the entry as asked.
        entry = attrs.evolve(entry, claims=entry.claims - refused.keys())
    return Claims(entry, refused)


def candidates(
    index: Index, entry: Entry, known: date | None, skipped: list[NotApplied], plan: Plan | None = None
) -> list[Measure]:
    """
    Step 1: a measure is a candidate when one of its product prefixes starts
    the product's code, it is in force on the day (periods are half-open) and
    its origin scope covers the origin on that day; the reason of each that
    fails is added to *skipped*. With the *plan* of the product line and
    origin, read from it (the same answer, decided once for the stretch of days).
    """
    if plan is not None:
        segment = plan.segment(entry)
        skipped.extend(segment.skipped)
        return list(segment.passing)
    passing, reasons = screen_all(index, index.candidates(entry.product.digits, entry.origin), entry, known)
    skipped.extend(reasons)
    return passing


def conditions(measures: list[Measure], claims: Claims, known: date | None, skipped: list[NotApplied]) -> list[Live]:
    """
    Step 2: conditions on the entry's facts switch a candidate off; a
    condition that needs a fact the entry lacks leaves it on, waiting for the
    fact. A refused claim is reported: as the reason when the claim was the
    only way on, beside the measure when it stays on without it.
    """
    entry, refused = claims
    lives: list[Live] = []
    for measure in measures:
        if not measure.conditions:
            lives.append(Live(measure, measure.rate))
            continue
        undecided: list[MissingFact] = []
        refusals: list[NotApplied] = []
        off: Reason | None = None
        for condition in measure.conditions:
            if not is_known(condition.citation, known):
                continue  # a later instrument's condition: not part of the law as known then
            try:
                if condition.switches_off(entry):
                    if refused and isinstance(condition, OnlyIfClaimed) and condition.claim in refused:
                        off = _refusal(condition.claim, refused[condition.claim], entry)
                    else:
                        off = SwitchedOff(condition)
                    break
            except MissingFactError as e:
                # Not known to be off: it stays a candidate, and its amount waits for the fact.
                undecided.extend(e.missing)
            if refused and isinstance(condition, NotIfClaimed) and condition.claim in refused:
                refusals.append(NotApplied(measure, _refusal(condition.claim, refused[condition.claim], entry)))
        if off is not None:
            skipped.append(NotApplied(measure, off))
            continue
        skipped.extend(refusals)
        lives.append(Live(measure, measure.rate, "", tuple(undecided)))
    return lives


def suspensions(index: Index, lives: list[Live], on: date, known: date | None, skipped: list[NotApplied]) -> list[Live]:
    """
    Step 3: a suspension stops a candidate during its period (``Suspended``,
    citing the suspending instrument), or swaps in its replacement rate.
    """
    out: list[Live] = []
    for live in lives:
        for suspension in index.suspensions.get(live.measure.id, ()):
            if suspension.period_as_known(known).contains(on) and is_known(suspension.citation, known):
                if suspension.replacement is None:
                    skipped.append(NotApplied(live.measure, Suspended(suspension)))
                    live = None  # type: ignore[assignment]  # stopped
                else:
                    note = f"at {suspension.replacement} during suspension by {suspension.citation}"
                    live = live._replace(rate=suspension.replacement, note=note)
                break
        if live is not None:
            out.append(live)
    return out


def base(lives: list[Live], claims: Claims, money: Money, skipped: list[NotApplied]) -> Base | None:
    """
    Step 4: among base measures the most specific product prefix wins (the
    others are ``Superseded``); a claimed preference replaces its rate (the
    cheapest, when several are claimed).
    """
    if not lives:
        return None
    entry, refused = claims

    def specificity(live: Live) -> int:
        prefix = live.measure.products.matched_prefix(entry.product)
        return prefix.level if prefix is not None else 0

    best = lives[0] if len(lives) == 1 else max(lives, key=lambda live: (specificity(live), live.measure.id))
    for live in lives:
        if live is not best:
            skipped.append(NotApplied(live.measure, Superseded(best.measure.id)))
    claimed = [p for p in best.measure.preferences if p.claim in entry.claims]
    if refused:
        for p in best.measure.preferences:
            if p.claim in refused:
                skipped.append(NotApplied(best.measure, _refusal(p.claim, refused[p.claim], entry)))
    if not claimed:
        return Base(best, best.rate, best.note)

    def cost(rate: Rate) -> Decimal:
        try:
            return rate.amount(money.value, money.quantities, money.contents, money.exchange)
        except MissingFactError:
            return _INFINITY

    preference = min(claimed, key=lambda p: (cost(p.rate), p.claim))
    return Base(best, preference.rate, f"preference {preference.claim} claimed (column 1 general: {best.rate})")


def stacking(
    rules: tuple[StackingRule, ...],
    additions: list[Live],
    money: Money,
    skipped: list[NotApplied],
    orders: dict[Any, Any] | None = None,
) -> list[Charge]:
    """
    Step 5: where a measure tagged A applies, measures tagged B do not. Rules
    are applied in the topological order of the measures they connect, so a
    displaced measure displaces nothing; a rule displaces on the whole entry
    (``Displaced``) or only on the slice of value the applying measure covers.
    *orders* keeps the orders found, by rules and measures.
    """
    ordered = _order(additions, rules, orders) if rules and len(additions) > 1 else [(a, []) for a in additions]
    charges: list[Charge] = []
    covered: dict[str, Decimal | None] = {}  # applied measure id -> value its basis covers (None: unknown)
    for live, displacers in ordered:
        applied = sorted(
            ((rule, w) for rule, w in displacers if w.measure.id in covered),
            key=lambda rw: (rw[0].id, rw[1].measure.id),
        )
        whole = [(rule, w) for rule, w in applied if rule.displaces is Displacement.ENTRY]
        if whole:
            rule, winner = whole[0]
            skipped.append(NotApplied(live.measure, Displaced(rule, winner.measure.id)))
            continue
        missing: tuple[MissingFact, ...] = ()
        try:
            dutiable: Decimal | None = money.basis_value(live.measure)
        except MissingFactError as e:
            missing = e.missing
            dutiable = None
        notes = []
        for rule, winner in applied:
            taken = covered[winner.measure.id]
            dutiable = None if dutiable is None or taken is None else max(_ZERO, dutiable - taken)
            notes.append(f"less the value covered by {winner.measure.id} (rule {rule.id})")
        if applied and dutiable is not None and dutiable == 0:
            rule, winner = applied[0]
            skipped.append(NotApplied(live.measure, Displaced(rule, winner.measure.id, whole_slice=True)))
            continue
        # Without a value the slice left is in proportion to the nominal value
        # (a displacer that needs the value leaves ``dutiable`` unknown above).
        covered[live.measure.id] = dutiable
        charges.append(Charge(live, dutiable, missing, tuple(notes)))
    return charges


def _order(
    lives: list[Live], rules: tuple[StackingRule, ...], orders: dict[Any, Any] | None = None
) -> list[tuple[Live, list[tuple[StackingRule, Live]]]]:
    """
    Topological order of the additional measures under the rules, with each
    one's displacers; kept in *orders* when the rules are one of the index's
    own tuples (they live as long as it: their id names them).
    """
    by_id = {live.measure.id: live for live in lives}
    key = (id(rules), tuple(by_id))
    found = orders.get(key) if orders is not None else None
    if found is None or found[0] is not rules:
        found = (rules, _order_ids(lives, rules))
        if orders is not None:
            orders[key] = found
    return [(by_id[mid], [(rule, by_id[w]) for rule, w in displacers]) for mid, displacers in found[1]]


def _order_ids(lives: list[Live], rules: tuple[StackingRule, ...]) -> list[tuple[str, list[tuple[StackingRule, str]]]]:
    """:func:`_order` by measure ids."""
    by_tag: dict[str, list[str]] = {}
    for live in lives:
        for tag in live.measure.tags:
            by_tag.setdefault(tag, []).append(live.measure.id)
    incoming: dict[str, list[tuple[StackingRule, str]]] = {live.measure.id: [] for live in lives}
    outgoing: dict[str, set[str]] = {live.measure.id: set() for live in lives}
    for rule in rules:
        for winner in by_tag.get(rule.when, ()):
            for loser in by_tag.get(rule.drops, ()):
                if loser != winner:
                    incoming[loser].append((rule, winner))
                    outgoing[winner].add(loser)
    order = graph.topological_order(incoming, outgoing)
    if len(order) != len(lives):  # pragma: no cover  # Schedule refuses such measures when built
        stuck = sorted(set(incoming) - set(order))
        raise ScheduleError(
            "stacking rules form a cycle for this entry", [f"measures {', '.join(stuck)} displace each other"]
        )
    return [(mid, incoming[mid]) for mid in order]


def _refusal(claim: str, programme: Programme, entry: Entry) -> IneligibleClaim:
    return IneligibleClaim(claim, programme, entry.origin, entry.on)
