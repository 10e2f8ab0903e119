"""
Hand-made schedules that several test modules share (imported as
``from tests.helpers.hand_made import ...``).
"""

from __future__ import annotations

from datetime import date

from tariffcalc import Citation, Instrument, Measure, MeasureKind, OriginScope, Period, ProductScope, Schedule
from tariffcalc.rates import AdValorem

#: The instrument the hand-made rates cite.
HTS = Instrument("HTS test", "Hand-made rates", known_on=date(2025, 1, 1))


def car_duty_schedule() -> Schedule:
    """One base measure, ``mfn``: 2.5% on heading 8703 from every origin, from 1 January 2025."""
    return Schedule(
        "small",
        [
            Measure(
                "mfn",
                "base",
                MeasureKind.BASE,
                AdValorem("2.5"),
                ProductScope.parse("8703"),
                OriginScope.parse("all"),
                Period(date(2025, 1, 1)),
                Citation(HTS, heading="8703"),
            )
        ],
    )


#: The one-line car duty as a data-file table, citing instrument "EO 1" (which the file must define).
CARS_TOML = """[[measures]]
id = "tiny.base"
title = "Cars"
kind = "base"
rate = "2.5%"
products = "8703.23"
origins = "all"
validity = "2025-01-01/"
[measures.citation]
instrument = "EO 1"
heading = "8703.23"
"""
