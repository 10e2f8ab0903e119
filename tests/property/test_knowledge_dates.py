"""
Invariants of knowledge dates (docs/decisions/0006-knowledge-dates.md,
0007-knowledge-dates-of-ends.md), on drawn schedules whose measures now and
then carry an amendment (an end set by a later act):

* with a knowledge date on or after the day every instrument of the
  schedule became known, amendments' acts included, the answer is the final one;
* the timeline as known on a day agrees, day by day, with the point
  resolutions as known on that day (the change days include every end a
  measure has had).
"""

from __future__ import annotations

from datetime import date, timedelta

import attrs
from hypothesis import given
from hypothesis import strategies as st

from tariffcalc import Country, Entry, Period, Schedule
from tariffcalc.testing import covered_codes, days, entries
from tests.helpers.invariant_support import outcome, rich_schedules


def _last_known(schedule: Schedule) -> date:
    known = [m.citation.instrument.known_on for m in schedule.measures]
    known += [a.known_on for m in schedule.measures for a in m.amendments]
    known += [c.citation.instrument.known_on for m in schedule.measures for c in m.conditions if c.citation]
    known += [s.citation.instrument.known_on for s in schedule.suspensions]
    known += [r.citation.instrument.known_on for r in schedule.rules]
    return max(known, default=date(2025, 1, 1))


@st.composite
def _case(draw: st.DrawFn) -> tuple[Schedule, Entry, date]:
    """
    A schedule, an entry and a knowledge date; half the time the entry is one
    an amended measure reaches, a few days before the end it had until its
    amending act, known before that act.
    """
    schedule = draw(rich_schedules())
    amended = sorted((m for m in schedule.measures if m.amendments), key=lambda m: m.id)
    entry = draw(entries(for_schedule=schedule))
    known = draw(days())
    if len(amended) > 0 and draw(st.booleans()):
        measure = draw(st.sampled_from(amended))
        act = measure.amendments[0]
        end = act.previous_end or measure.validity.end
        if end is not None:
            listed = sorted(c.code for c in measure.origins.countries)
            entry = attrs.evolve(
                entry,
                product=draw(covered_codes(measure.products)),
                origin=Country(listed[0]) if listed else entry.origin,
                on=max(measure.validity.start, end - timedelta(days=draw(st.integers(0, 20)))),
                loaded=None,  # the day moves: a loading day could fall after it
            )
        since = measure.citation.instrument.known_on
        known = max(since, act.known_on - timedelta(days=draw(st.integers(1, 30))))
    return schedule, entry, known


@given(_case(), st.integers(0, 400))
def test_with_every_act_known_the_answer_is_final(case: tuple[Schedule, Entry, date], after: int) -> None:
    schedule, entry, _ = case
    known = _last_known(schedule) + timedelta(days=after)
    assert outcome(schedule.resolve_entry(entry, known=known)) == outcome(schedule.resolve_entry(entry))


@given(_case(), st.integers(1, 60))
def test_the_timeline_as_known_agrees_with_each_day(case: tuple[Schedule, Entry, date], length: int) -> None:
    schedule, entry, known = case
    period = Period(entry.on, entry.on + timedelta(days=length))
    timeline = schedule.timeline(
        entry.product,
        entry.origin,
        period,
        value=entry.value,
        quantities=entry.quantity_map,
        contents=entry.content_map,
        loaded=entry.loaded,
        claims=entry.claims,
        currency=entry.currency,
        conversions=entry.conversions,
        known=known,
        strict=False,  # drawn codes need not be lines of the drawn schedule
    )
    for n in range(length):
        day = entry.on + timedelta(days=n)
        point = schedule.resolve_entry(attrs.evolve(entry, on=day), known=known)
        assert outcome(timeline.at(day)) == outcome(point), day
