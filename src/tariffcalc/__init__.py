"""
tariffcalc: which duties apply to this product, from this origin, on this
date, how much, and why.

Everything public is re-exported here; see the documentation for a tour.
"""

from tariffcalc.citations import Citation, Confidence, Instrument
from tariffcalc.codes import ProductCode
from tariffcalc.countries import Country, CountryGroup, Membership, OriginScope, country_names
from tariffcalc.entries import Entry
from tariffcalc.errors import (
    DataFileError,
    InvalidCodeError,
    InvalidCountryError,
    InvalidEntryError,
    InvalidMeasureError,
    InvalidPeriodError,
    InvalidRateError,
    MissingFactError,
    RateTextError,
    ScheduleError,
    TariffError,
    UnknownNameError,
    UnknownScheduleError,
)
from tariffcalc.measures import (
    Basis,
    Condition,
    ContentShare,
    ContentValue,
    InTransit,
    Measure,
    MeasureKind,
    NotIfClaimed,
    OnlyIfClaimed,
    Preference,
    ProductScope,
    Suspension,
    ValueLess,
    WholeValue,
)
from tariffcalc.periods import Period, parse_day
from tariffcalc.programmes import Programme, us_programmes
from tariffcalc.rates import (
    AdValorem,
    AllIn,
    Bounded,
    Compound,
    Free,
    NotComputable,
    OnContent,
    Rate,
    Specific,
    normalise_unit,
)
from tariffcalc.reasons import (
    Displaced,
    Expired,
    IneligibleClaim,
    NotYetInForce,
    OriginNotCovered,
    OutOfProductScope,
    Reason,
    Superseded,
    Suspended,
    SwitchedOff,
)
from tariffcalc.resolution import DutyLine, NotApplied, Resolution, Rounding
from tariffcalc.rules import Displacement, StackingRule
from tariffcalc.scenario import (
    AddMeasure,
    AddRule,
    AddSuspension,
    AlterRule,
    ExtendSuspension,
    RemoveMeasure,
    RemoveRule,
    RemoveSuspension,
    Scenario,
    ScheduleDiff,
    SetRate,
    SetValidity,
    diff,
)
from tariffcalc.schedule import Schedule
from tariffcalc.timeline import Segment, Timeline
from tariffcalc.vocabulary import Vocabulary

__version__ = "0.1.0.dev0"

#: The name the design notes use for the base class.
TariffcalcError = TariffError

__all__ = [
    "AdValorem",
    "AddMeasure",
    "AddRule",
    "AddSuspension",
    "AllIn",
    "AlterRule",
    "Basis",
    "Bounded",
    "Citation",
    "Compound",
    "Condition",
    "Confidence",
    "ContentShare",
    "ContentValue",
    "Country",
    "CountryGroup",
    "DataFileError",
    "Displaced",
    "Displacement",
    "DutyLine",
    "Entry",
    "Expired",
    "ExtendSuspension",
    "Free",
    "InTransit",
    "IneligibleClaim",
    "Instrument",
    "InvalidCodeError",
    "InvalidCountryError",
    "InvalidEntryError",
    "InvalidMeasureError",
    "InvalidPeriodError",
    "InvalidRateError",
    "Measure",
    "MeasureKind",
    "Membership",
    "MissingFactError",
    "NotApplied",
    "NotComputable",
    "NotIfClaimed",
    "NotYetInForce",
    "OnContent",
    "OnlyIfClaimed",
    "OriginNotCovered",
    "OriginScope",
    "OutOfProductScope",
    "Period",
    "Preference",
    "ProductCode",
    "ProductScope",
    "Programme",
    "Rate",
    "RateTextError",
    "Reason",
    "RemoveMeasure",
    "RemoveRule",
    "RemoveSuspension",
    "Resolution",
    "Rounding",
    "Scenario",
    "Schedule",
    "ScheduleDiff",
    "ScheduleError",
    "Segment",
    "SetRate",
    "SetValidity",
    "Specific",
    "StackingRule",
    "Superseded",
    "Suspended",
    "Suspension",
    "SwitchedOff",
    "TariffError",
    "TariffcalcError",
    "Timeline",
    "UnknownNameError",
    "UnknownScheduleError",
    "ValueLess",
    "Vocabulary",
    "WholeValue",
    "__version__",
    "country_names",
    "diff",
    "normalise_unit",
    "parse_day",
    "us_programmes",
]
