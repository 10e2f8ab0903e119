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

Names that used to live here still work from their old place, with a
:class:`DeprecationWarning` that names the new home.
"""

from __future__ import annotations

import importlib
import warnings
from typing import Any

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

#: Names that were re-exported here before the families moved to their
#: namespaces, by the module that now owns them. They still resolve (see
#: :func:`__getattr__`) so that code written against the flat top level keeps
#: running while it is updated.
_MOVED: dict[str, str] = {
    **dict.fromkeys(
        (
            "AdValorem",
            "AllIn",
            "Bounded",
            "Compound",
            "Free",
            "NotComputable",
            "OnContent",
            "Rate",
            "Specific",
            "normalise_unit",
        ),
        "tariffcalc.rates",
    ),
    **dict.fromkeys(
        (
            "Basis",
            "Condition",
            "ContentShare",
            "ContentValue",
            "InTransit",
            "NotIfClaimed",
            "OnlyIfClaimed",
            "Preference",
            "ValueLess",
            "WholeValue",
        ),
        "tariffcalc.measures",
    ),
    **dict.fromkeys(
        (
            "Displaced",
            "Expired",
            "IneligibleClaim",
            "NotYetInForce",
            "OriginNotCovered",
            "OutOfProductScope",
            "Reason",
            "Superseded",
            "Suspended",
            "SwitchedOff",
        ),
        "tariffcalc.reasons",
    ),
    **dict.fromkeys(
        (
            "AddMeasure",
            "AddRule",
            "AddSuspension",
            "AlterRule",
            "ExtendSuspension",
            "RemoveMeasure",
            "RemoveRule",
            "RemoveSuspension",
            "Scenario",
            "ScheduleDiff",
            "SetRate",
            "SetValidity",
            "diff",
        ),
        "tariffcalc.scenario",
    ),
    **dict.fromkeys(
        (
            "DataFileError",
            "InvalidCodeError",
            "InvalidCountryError",
            "InvalidEntryError",
            "InvalidMeasureError",
            "InvalidPeriodError",
            "InvalidRateError",
            "MissingFactError",
            "RateTextError",
            "ScheduleError",
            "UnknownNameError",
            "UnknownScheduleError",
        ),
        "tariffcalc.errors",
    ),
    "Confidence": "tariffcalc.citations",
    "Membership": "tariffcalc.countries",
    "country_names": "tariffcalc.countries",
    "parse_day": "tariffcalc.periods",
    "Programme": "tariffcalc.programmes",
    "us_programmes": "tariffcalc.programmes",
    "DutyLine": "tariffcalc.resolution",
    "NotApplied": "tariffcalc.resolution",
    "Rounding": "tariffcalc.resolution",
    "Segment": "tariffcalc.timeline",
    "Vocabulary": "tariffcalc.vocabulary",
}

#: Old names whose new home has another name: old name -> (module, name).
_RENAMED: dict[str, tuple[str, str]] = {
    # The name early design notes used for the base class.
    "TariffcalcError": ("tariffcalc.errors", "TariffError"),
}


def __getattr__(name: str) -> Any:
    """
    A name that moved to a namespace, with a :class:`DeprecationWarning`
    naming its new home (PEP 562).

    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     import tariffcalc
    ...     rate = tariffcalc.AdValorem
    >>> print(caught[0].message)
    tariffcalc.AdValorem has moved: import it from tariffcalc.rates (from tariffcalc.rates import AdValorem)
    """
    if name in _MOVED:
        module, new = _MOVED[name], name
    elif name in _RENAMED:
        module, new = _RENAMED[name]
    else:
        raise AttributeError(f"module 'tariffcalc' has no attribute {name!r}")
    renamed = f" as {new}" if new != name else ""
    warnings.warn(
        f"tariffcalc.{name} has moved: import it from {module}{renamed} (from {module} import {new})",
        DeprecationWarning,
        stacklevel=2,
    )
    return getattr(importlib.import_module(module), new)
