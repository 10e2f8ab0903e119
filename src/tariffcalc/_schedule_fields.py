"""
The converters and validators of a :class:`tariffcalc.Schedule`'s fields:
each part is a frozenset of values of its type, the name is text, and a
horizon has a last day. (The rules between the parts are in
:mod:`tariffcalc._consistency`.)

>>> measures([])
frozenset()
>>> measures(["mfn"])
Traceback (most recent call last):
...
TypeError: a schedule's measures must be Measure values, got str 'mfn'
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, TypeVar

from tariffcalc.countries import CountryGroup
from tariffcalc.errors import ScheduleError
from tariffcalc.measures import Measure, MeasureKind, Suspension
from tariffcalc.periods import Period
from tariffcalc.programmes import Programme
from tariffcalc.rules import StackingRule

__all__ = ["closed_horizon", "groups", "measures", "name", "programmes", "rules", "suspensions"]

_P = TypeVar("_P")


def _parts(kind: str, cls: type[_P], values: Iterable[_P]) -> frozenset[_P]:
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise TypeError(f"a schedule's {kind}s must be an iterable of {cls.__name__}, got {type(values).__name__}")
    parts = frozenset(values)
    for part in parts:
        if not isinstance(part, cls):
            raise TypeError(
                f"a schedule's {kind}s must be {cls.__name__} values, got {type(part).__name__} {part!r:.60}"
            )
    return parts


def measures(values: Iterable[Measure]) -> frozenset[Measure]:
    """The measures, as a frozenset of :class:`~tariffcalc.measures.Measure` values."""
    return _parts("measure", Measure, values)


def rules(values: Iterable[StackingRule]) -> frozenset[StackingRule]:
    """The stacking rules, as a frozenset of :class:`~tariffcalc.rules.StackingRule` values."""
    return _parts("rule", StackingRule, values)


def suspensions(values: Iterable[Suspension]) -> frozenset[Suspension]:
    """The suspensions, as a frozenset of :class:`~tariffcalc.measures.Suspension` values."""
    return _parts("suspension", Suspension, values)


def groups(values: Iterable[CountryGroup]) -> frozenset[CountryGroup]:
    """The country groups, as a frozenset of :class:`~tariffcalc.countries.CountryGroup` values."""
    return _parts("country group", CountryGroup, values)


def programmes(values: Iterable[Programme]) -> frozenset[Programme]:
    """The preference programmes, as a frozenset."""
    return frozenset(values)


def name(_instance: Any, _attribute: Any, name: str) -> None:
    """A schedule's name is text."""
    if not isinstance(name, str):
        raise TypeError(f"a schedule's name must be text, got {type(name).__name__} {name!r:.60}")


def closed_horizon(_schedule: object, _attribute: object, horizon: Period | None) -> None:
    """A schedule's horizon is ``None`` or a :class:`~tariffcalc.periods.Period` with a last day."""
    if horizon is None:
        return
    if not isinstance(horizon, Period):
        raise TypeError(f"a schedule's horizon is a Period or None, got {type(horizon).__name__} {horizon!r}")
    if horizon.end is None:
        raise ScheduleError(
            f"a schedule's horizon needs a last day, got the open period {horizon}",
            ["give the period its sources confirm, e.g. Period.parse('2025-01-01/2026-06-28')"],
        )


def product_codes(measures: Iterable[Measure], day: date | None) -> list[str]:
    """The dotted product lines the base *measures* (in force on *day*, when given) cover, sorted."""
    found = {
        str(prefix)
        for m in measures
        if m.kind is MeasureKind.BASE and (day is None or m.validity.contains(day))
        for prefix in m.products.include
    }
    return sorted(found)
