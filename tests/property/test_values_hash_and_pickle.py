"""
Invariant (docs/explanation/resolution.md): schedules, measures and resolutions (and every other
public value) are hashable and picklable; a Schedule pickles to an equal
schedule that resolves the same.
"""

from __future__ import annotations

import pickle
from datetime import timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tariffcalc import Entry, Measure, MeasureKind, Period, Schedule
from tariffcalc.testing import (
    ad_valorem_rates,
    all_in_rates,
    bases,
    bounded_rates,
    citations,
    compound_rates,
    conditions,
    countries,
    country_groups,
    entries,
    free_rates,
    instruments,
    measures,
    not_computable_rates,
    on_content_rates,
    origin_scopes,
    periods,
    product_codes,
    product_scopes,
    schedules,
    specific_rates,
    stacking_rules,
    suspensions,
)
from tests.helpers.invariant_support import schedule_and_entry


def _ten_days(entry: Entry) -> Period:
    return Period(entry.on, entry.on + timedelta(days=10))


PUBLIC_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "ProductCode": product_codes(),
    "Country": countries(),
    "CountryGroup": country_groups(),
    "OriginScope": origin_scopes(group_ids=("EU",)),
    "ProductScope": product_scopes(),
    "Period": periods(),
    "Free": free_rates(),
    "AdValorem": ad_valorem_rates(),
    "Specific": specific_rates(),
    "Compound": compound_rates(),
    "Bounded": bounded_rates(),
    "OnContent": on_content_rates(),
    "AllIn": all_in_rates(),
    "NotComputable": not_computable_rates(),
    "Instrument": instruments(),
    "Citation": citations(),
    "Basis": bases(),
    "Condition": conditions(),
    "Measure(base)": measures(kind=MeasureKind.BASE),
    "Measure(additional)": measures(kind=MeasureKind.ADDITIONAL),
    "Suspension": measures().flatmap(lambda m: suspensions([m])),
    "StackingRule": stacking_rules().filter(bool).map(lambda rules: rules[0]),
    "Schedule": schedules(),
    "Entry": entries(),
    "Resolution": schedule_and_entry().map(lambda case: case[0].resolve_entry(case[1])),
    "Timeline": schedule_and_entry(loaded=False).map(
        lambda case: case[0].timeline(
            case[1].product,
            case[1].origin,
            _ten_days(case[1]),
            value=case[1].value,
            quantities=case[1].quantity_map,
            contents=case[1].content_map,
            claims=case[1].claims,
            strict=False,  # drawn codes need not be lines of the drawn schedule
        )
    ),
}


PROTOCOLS = st.integers(0, pickle.HIGHEST_PROTOCOL)


class TestEveryPublicValueHashesAndPickles:
    """
    Every public value is hashable, and pickling it (with any protocol) gives
    back an equal value with the same hash.
    """

    @pytest.mark.parametrize("kind", sorted(PUBLIC_VALUES))
    @given(data=st.data())
    def test_round_trip(self, kind: str, data: st.DataObject) -> None:
        value = data.draw(PUBLIC_VALUES[kind], label=kind)
        protocol = data.draw(PROTOCOLS, label="protocol")

        copy = pickle.loads(pickle.dumps(value, protocol))

        assert copy == value
        assert hash(copy) == hash(value)
        assert {copy, value} == {value}


class TestScheduleRoundTrip:
    """A pickled schedule loads as an equal schedule, with the same fingerprint, that resolves every entry the same."""

    @given(schedule_and_entry(), PROTOCOLS)
    def test_pickled_schedule(self, case: tuple[Schedule, Entry], protocol: int) -> None:
        schedule, entry = case
        copy = pickle.loads(pickle.dumps(schedule, protocol))

        assert copy == schedule
        assert copy.fingerprint == schedule.fingerprint
        assert copy.resolve_entry(entry) == schedule.resolve_entry(entry)


class TestMeasureHash:
    """
    A measure hashes by its id and title alone (so that a schedule of 64,000
    measures is hashed fast); a set still tells apart measures that share them
    and differ in any other field.
    """

    @given(measures(), measures())
    def test_same_id_and_title_other_fields(self, a: Measure, b: Measure) -> None:
        variant = attrs.evolve(b, id=a.id, title=a.title)

        assert hash(variant) == hash(a)
        assert len({a, variant}) == (1 if variant == a else 2)
        assert (variant in {a}) is (variant == a)
