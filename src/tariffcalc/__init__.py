"""
tariffcalc: which duties apply to this product, from this origin, on this
date, how much, and why.

The top level holds the nouns a user builds and holds: a :class:`Schedule`
of :class:`Measure` values (with their scopes, periods and citations), the
:class:`Entry` it is asked about, and the :class:`Resolution` and
:class:`Timeline` it answers with. Families live in their own namespaces,
each with an explicit ``__all__``:

- :mod:`tariffcalc.rates`: the kinds of rate (``AdValorem``, ``Specific``, ...);
- :mod:`tariffcalc.measures`: conditions and bases of a measure
  (``NotIfClaimed``, ``ContentValue``, ...);
- :mod:`tariffcalc.reasons`: why a measure did not apply;
- :mod:`tariffcalc.scenario`: what-if changes to a schedule and ``diff``;
- :mod:`tariffcalc.errors`: every exception, under :class:`TariffError`.

>>> from datetime import date
>>> from tariffcalc import *
>>> from tariffcalc.rates import AdValorem
>>> hts = Instrument("HTS 2025", "Harmonized Tariff Schedule", known_on=date(2025, 1, 1))
>>> cars = Measure("mfn.8703", "Passenger cars", MeasureKind.BASE, AdValorem("2.5"), ProductScope.parse("8703"),
...                OriginScope.parse("all"), Period(date(2025, 1, 1)), Citation(hts, heading="8703"))
>>> Schedule("example", [cars]).resolve("8703.23.01.90", "JP", date(2025, 5, 5), value=40000).amount
Decimal('1000.00')
"""

from __future__ import annotations

# The namespaces of families, so that `import tariffcalc` is enough to reach `tariffcalc.rates.AdValorem`.
from tariffcalc import errors as errors
from tariffcalc import measures as measures
from tariffcalc import rates as rates
from tariffcalc import reasons as reasons
from tariffcalc import scenario as scenario
from tariffcalc._version import __version__ as __version__
from tariffcalc.citations import Citation, Instrument
from tariffcalc.codes import ProductCode
from tariffcalc.countries import Country, CountryGroup, OriginScope
from tariffcalc.datasets import load_schedule
from tariffcalc.entries import Entry
from tariffcalc.errors import TariffError
from tariffcalc.measures import Measure, MeasureKind, ProductScope, Suspension
from tariffcalc.periods import Period
from tariffcalc.resolution import Resolution
from tariffcalc.rules import Displacement, StackingRule
from tariffcalc.schedule import Schedule
from tariffcalc.timeline import Timeline

__all__ = [
    "Citation",
    "Country",
    "CountryGroup",
    "Displacement",
    "Entry",
    "Instrument",
    "Measure",
    "MeasureKind",
    "OriginScope",
    "Period",
    "ProductCode",
    "ProductScope",
    "Resolution",
    "Schedule",
    "StackingRule",
    "Suspension",
    "TariffError",
    "Timeline",
    "load_schedule",
]
