"""
Step 1 for one measure at a time: does its product scope, validity, origin
scope and knowledge date let it be a candidate for the entry, and if not,
why (the reason reported among the measures not applied)?
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from tariffcalc._resolver.index import Index
from tariffcalc.citations import Citation
from tariffcalc.entries import Entry
from tariffcalc.measures import Measure
from tariffcalc.reasons import (
    BeforeData,
    Expired,
    NotYetInForce,
    NotYetKnown,
    OriginNotCovered,
    OutOfProductScope,
    Reason,
)
from tariffcalc.resolution import NotApplied

__all__ = ["PASSES", "Passes", "is_known", "screen", "screen_all"]

_COVERED, _EXCLUDED, _ELSEWHERE = 1, 2, 3


class Passes:
    """The marker of a measure that passes step 1."""


PASSES = Passes()


def screen(
    index: Index, entry: Entry, measure: Measure, reach: dict[int, int], known: date | None
) -> Reason | Passes | None:
    """Step 1 for one measure: ``None`` when it is for other origins only, else why it fails, or ``PASSES``."""
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
        # for other products is none; only an explicit exclusion is a reason worth reporting.
        return OriginNotCovered(entry.origin, excluded=True) if verdict == _EXCLUDED else None
    carve = index.carve_out(measure, entry.product.digits)
    if carve is not None:
        return OutOfProductScope(carve)
    # The end as known on the knowledge date: a later act that ended the measure hides its end until known.
    validity = measure.validity_as_known(known) if measure.amendments else measure.validity
    if on < validity.start:
        horizon = index.horizon
        if horizon is not None and validity.start == horizon.start:
            # It starts with the data itself: whether it applied earlier is beyond the data.
            return BeforeData(horizon.start)
        return NotYetInForce(validity.start)
    if validity.end is not None and on >= validity.end:
        return Expired(validity.end)
    if not is_known(measure.citation, known):
        assert known is not None
        return NotYetKnown(measure.citation.instrument, known)
    return PASSES


def screen_all(
    index: Index, measures: Sequence[Measure], entry: Entry, known: date | None
) -> tuple[list[Measure], list[NotApplied]]:
    """Step 1 for *measures*: those that pass, and the reasons of those that fail."""
    passing: list[Measure] = []
    reasons: list[NotApplied] = []
    reach: dict[int, int] = {}
    for measure in measures:
        reason = screen(index, entry, measure, reach, known)
        if isinstance(reason, Passes):
            passing.append(measure)
        elif reason is not None:
            reasons.append(NotApplied(measure, reason))
    return passing, reasons


def is_known(citation: Citation | None, known: date | None) -> bool:
    """Whether what *citation* rests on was known on *known* (everything is, without a knowledge date)."""
    return known is None or citation is None or citation.instrument.known_on <= known
