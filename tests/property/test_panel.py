"""A panel's cells are exactly what resolving each entry gives, on drawn schedules, days and periods."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tariffcalc import Period, Schedule
from tariffcalc.testing import CLAIMS, ORIGINS, entries
from tests.helpers.invariant_support import rich_schedules

pytest.importorskip("numpy")

from tariffcalc.panel import panel  # needs numpy

VALUE = Decimal(10_000)


@st.composite
def schedule_and_entries(draw: st.DrawFn) -> tuple[Schedule, list[object]]:
    schedule = draw(rich_schedules())
    return schedule, draw(st.lists(entries(for_schedule=schedule), min_size=1, max_size=6))


@settings(max_examples=40)
@given(schedule_and_entries())
def test_every_cell_of_a_day_panel_is_the_resolved_rate(case: tuple[Schedule, list[object]]) -> None:
    schedule, drawn = case
    on = drawn[0].on  # type: ignore[attr-defined]
    products = sorted({e.product for e in drawn}, key=str)  # type: ignore[attr-defined]
    p = panel(schedule, on=on, products=products, origins=ORIGINS, value=VALUE)
    for product in products:
        for origin in ORIGINS:
            assert schedule.resolve(product, origin, on, value=VALUE, strict=False).rate == p.rate(product, origin)


@settings(max_examples=25)
@given(schedule_and_entries(), st.integers(1, 400), st.data())
def test_a_period_panel_gives_the_resolved_rate_on_every_day(
    case: tuple[Schedule, list[object]], length: int, data: st.DataObject
) -> None:
    schedule, drawn = case
    start = drawn[0].on  # type: ignore[attr-defined]
    period = Period(start, start + timedelta(days=length))
    products = sorted({e.product for e in drawn}, key=str)  # type: ignore[attr-defined]
    p = panel(schedule, period=period, products=products, origins=ORIGINS, value=VALUE)
    for _ in range(10):
        day = start + timedelta(days=data.draw(st.integers(0, length - 1)))
        product = data.draw(st.sampled_from(products))
        origin = data.draw(st.sampled_from(ORIGINS))
        assert schedule.resolve(product, origin, day, value=VALUE, strict=False).rate == p.rate(product, origin, day)
        rate = next(r for s, r in p.intervals(product, origin) if s.contains(day))
        assert schedule.resolve(product, origin, day, value=VALUE, strict=False).rate == rate


@settings(max_examples=30)
@given(schedule_and_entries(), st.sets(st.sampled_from(CLAIMS), max_size=2))
def test_with_claims_every_cell_is_the_resolved_rate(case: tuple[Schedule, list[object]], claims: set[str]) -> None:
    # A panel's claims are made for every entry: its cells are what resolving with them gives.
    schedule, drawn = case
    on = drawn[0].on  # type: ignore[attr-defined]
    products = sorted({e.product for e in drawn}, key=str)  # type: ignore[attr-defined]
    words = schedule.vocabulary.claims
    made = sorted(claims & words)
    p = panel(schedule, on=on, products=products, origins=ORIGINS, value=VALUE, claims=made)
    for product in products:
        for origin in ORIGINS:
            expected = schedule.resolve(product, origin, on, value=VALUE, claims=made, strict=False).rate
            assert expected == p.rate(product, origin)
