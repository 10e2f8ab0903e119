"""
Hypothesis strategies for tariffcalc values, for your own property tests.

Every strategy builds only valid values, by construction: a period is a
start and then a positive length, a schedule gets unique ids, suspensions
that meet their measure, no two measures of one family on the same days,
and stacking rules that run only from earlier to later tags (so they can
never form a cycle). Dates come from a bounded window, and awkward days
(29 February 2024, year ends and year starts, the 2025 tariff dates) are
mixed in so that Hypothesis tries them early and shrinks towards them.

Install the ``testing`` extra (``pip install tariffcalc[testing]``), then
state a law of your own schedule and let Hypothesis look for a counterexample:

>>> from hypothesis import given, settings
>>> from tariffcalc.testing import entries, schedules
>>> @settings(max_examples=10, deadline=None)
... @given(schedules().flatmap(lambda s: entries(for_schedule=s).map(lambda e: (s, e))))
... def test_a_total_is_never_negative(schedule_and_entry):
...     schedule, entry = schedule_and_entry
...     resolution = schedule.resolve_entry(entry)
...     assert resolution.amount is None or resolution.amount >= 0
>>> test_a_total_is_never_negative()

To property-test *your* schedule, draw only the entries:

>>> from datetime import date
>>> from decimal import Decimal
>>> from tariffcalc import Citation, Instrument, Measure, MeasureKind, OriginScope
>>> from tariffcalc.rates import AdValorem
>>> from tariffcalc import Period, ProductScope, Schedule
>>> act = Instrument("HTS 2025", "Harmonized Tariff Schedule", known_on=date(2025, 1, 1))
>>> mine = Schedule("mine", [Measure("mfn.87", "Vehicles", MeasureKind.BASE, AdValorem("2.5"),
...     ProductScope.parse("87"), OriginScope.parse("all"), Period(date(2024, 1, 1)),
...     Citation(act, heading="8703"))])
>>> @settings(max_examples=10, deadline=None)
... @given(entries(for_schedule=mine, complete=True))
... def test_vehicles_pay_two_and_a_half_percent_from_2024(entry):
...     in_force = entry.product.digits.startswith("87") and entry.on >= date(2024, 1, 1)
...     assert mine.resolve_entry(entry).rate == (Decimal("2.5") if in_force else None)
>>> test_vehicles_pay_two_and_a_half_percent_from_2024()

The strategies are written by family in private modules (days, scopes,
rates, citations, measures, schedules, entries); import them from here.
"""

from __future__ import annotations

# Checked first, so that a missing extra is named before any strategy module fails to import.
try:
    import hypothesis  # noqa: F401
except ImportError as e:  # pragma: no cover - only without the extra
    raise ImportError(
        "tariffcalc.testing needs Hypothesis; install the extra: pip install 'tariffcalc[testing]'"
    ) from e

from tariffcalc.testing._citations import citations, instruments
from tariffcalc.testing._dates import AWKWARD_DAYS, WINDOW, days, periods
from tariffcalc.testing._entries import entries
from tariffcalc.testing._measures import (
    CLAIMS,
    EXTRA_TAGS,
    TAGS,
    bases,
    conditions,
    measures,
    stacking_rules,
    suspensions,
)
from tariffcalc.testing._rates import (
    CONTENTS,
    UNITS,
    ad_valorem_rates,
    all_in_rates,
    bounded_rates,
    compound_rates,
    free_rates,
    not_computable_rates,
    on_content_rates,
    rates,
    specific_rates,
)
from tariffcalc.testing._schedules import schedules
from tariffcalc.testing._scopes import (
    CHAPTERS,
    ORIGINS,
    PREFIXES,
    countries,
    country_groups,
    covered_codes,
    origin_scopes,
    product_codes,
    product_scopes,
)

__all__ = [
    "AWKWARD_DAYS",
    "CHAPTERS",
    "CLAIMS",
    "CONTENTS",
    "EXTRA_TAGS",
    "ORIGINS",
    "PREFIXES",
    "TAGS",
    "UNITS",
    "WINDOW",
    "ad_valorem_rates",
    "all_in_rates",
    "bases",
    "bounded_rates",
    "citations",
    "compound_rates",
    "conditions",
    "countries",
    "country_groups",
    "covered_codes",
    "days",
    "entries",
    "free_rates",
    "instruments",
    "measures",
    "not_computable_rates",
    "on_content_rates",
    "origin_scopes",
    "periods",
    "product_codes",
    "product_scopes",
    "rates",
    "schedules",
    "specific_rates",
    "stacking_rules",
    "suspensions",
]
