"""
The resolver: composes the measures of a schedule into the duty on one
entry in the seven steps of docs/explanation/resolution.md (see
:mod:`tariffcalc._resolver.steps`), over an index of the schedule built
once (:mod:`tariffcalc._resolver.index`).

Private: use it through :meth:`tariffcalc.Schedule.resolve`. The index
belongs to its schedule; the other modules of the package reach what they
need of it through the functions here.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from tariffcalc._resolver.horizon import horizon_warnings
from tariffcalc._resolver.index import Index
from tariffcalc._resolver.steps import resolve_entry
from tariffcalc.entries import Entry
from tariffcalc.measures import InTransit, Measure, Suspension
from tariffcalc.resolution import Resolution, Rounding

if TYPE_CHECKING:
    from tariffcalc.codes import ProductCode
    from tariffcalc.countries import Country, CountryGroup
    from tariffcalc.legal import LineStatus
    from tariffcalc.schedule import Schedule

#: The legal statuses (by measure and knowledge date) kept per schedule.
_STATUSES = 8192

__all__ = [
    "Index",
    "candidates",
    "carve_out",
    "change_days",
    "everything",
    "group_map",
    "horizon_warnings",
    "index_state",
    "measure_by_id",
    "prefix_measures",
    "resolve",
    "suspensions_of",
]


def resolve(
    schedule: Schedule,
    entry: Entry,
    rounding: Rounding,
    known: date | None = None,
    *,
    annotated: bool = False,
    planned: bool = True,
) -> Resolution:
    """
    The resolution of *entry* on *schedule* (its claims and contents already
    checked); *annotated*: each line with the legal status of its authority
    as known on *known*, when the schedule keeps one (as
    :func:`tariffcalc.legal.annotate` gives it). *planned*: step 1 from the
    cached plan of the line and origin; without it, every candidate is
    screened again (the same answer, for tests to compare).
    """
    index = schedule._index
    legal = schedule.legal
    if not annotated or legal is None or not legal.authorities:
        return resolve_entry(index, entry, rounding, known, planned=planned)

    def status(index: Index, measure_id: str, known: date | None) -> LineStatus | None:
        return legal.status(index.by_id[measure_id], known)

    # An index belongs to one schedule, so to one legal status: one cache of statuses.
    return resolve_entry(index, entry, rounding, known, planned=planned, status=index.memo("status", status, _STATUSES))


def candidates(schedule: Schedule, digits: str, origin: Country | None = None) -> list[Measure]:
    """The measures of *schedule* whose product scope may reach *digits* (and *origin*), by id."""
    return schedule._index.candidates(digits, origin)


def carve_out(schedule: Schedule, measure: Measure, digits: str) -> ProductCode | None:
    """The carve-out of *measure* that removes the product *digits*, if any."""
    return schedule._index.carve_out(measure, digits)


def everything(schedule: Schedule) -> tuple[Measure, ...]:
    """The measures of *schedule* for all products, by id."""
    return schedule._index.everything


def prefix_measures(schedule: Schedule, digits: str) -> tuple[Measure, ...]:
    """The measures of *schedule* one of whose include prefixes is exactly *digits*, by id."""
    return schedule._index.by_prefix.get(digits, ())


def suspensions_of(schedule: Schedule, measure_id: str) -> tuple[Suspension, ...]:
    """The suspensions of the measure *measure_id* of *schedule*, by id."""
    return schedule._index.suspensions.get(measure_id, ())


def group_map(schedule: Schedule) -> Mapping[str, CountryGroup]:
    """The country groups of *schedule* by id."""
    return schedule._index.groups


def measure_by_id(schedule: Schedule, measure_id: str) -> Measure | None:
    """The measure *measure_id* of *schedule*, or ``None``."""
    return schedule._index.by_id.get(measure_id)


def index_state(schedule: Schedule) -> dict[str, object]:
    """
    A deep copy of what the index of *schedule* holds, less its caches (which
    fill as entries are resolved): resolving must leave it equal.
    """
    return schedule._index.state()


def change_days(schedule: Schedule, entry: Entry) -> frozenset[date]:
    """Every day on which the resolution of *entry* on *schedule* can change."""
    index = schedule._index
    days: set[date] = set()
    for measure in index.candidates(entry.product.digits):
        days.update(measure.validity.boundaries())
        days.update(a.previous_end for a in measure.amendments if a.previous_end is not None)
        for suspension in index.suspensions.get(measure.id, ()):
            days.update(suspension.period.boundaries())
            days.update(a.previous_end for a in suspension.amendments if a.previous_end is not None)
        for condition in measure.conditions:
            if isinstance(condition, InTransit):
                days.add(condition.entered_before)
    for rule in index.rules:
        days.update(rule.validity.boundaries())
        days.update(a.previous_end for a in rule.amendments if a.previous_end is not None)
    for group in index.groups.values():
        days.update(group.boundaries())
    if index.horizon is not None:  # the answer's warnings change there
        days.update(index.horizon.boundaries())
    for claim in entry.claims:
        programme = index.programmes.get(claim)
        if programme is not None:
            days.update(programme.boundaries())
    return frozenset(days)
