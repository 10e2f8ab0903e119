"""
Hand-made schedules that several test modules share (imported as
``from tests.helpers.hand_made import ...``).
"""

from __future__ import annotations

from datetime import date

from tariffcalc import (
    Citation,
    Instrument,
    Measure,
    MeasureKind,
    OriginScope,
    Period,
    ProductScope,
    Schedule,
    Suspension,
)
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


#: The instrument :func:`two_chapter_schedule` cites.
CACHE_ACT = Instrument("HTS 2025", "Harmonized Tariff Schedule", known_on=date(2025, 1, 1))


def two_chapter_schedule() -> Schedule:
    """A schedule with a measure in chapter 87, one in chapter 84, and a suspended one for all products."""

    def measure(mid: str, kind: MeasureKind, rate: str, products: str) -> Measure:
        return Measure(
            mid,
            mid,
            kind,
            AdValorem(rate),
            ProductScope.parse(products),
            OriginScope.parse("all"),
            Period(date(2025, 1, 1)),
            Citation(CACHE_ACT, heading="9903.99.99" if kind is MeasureKind.ADDITIONAL else products),
        )

    return Schedule(
        "small",
        [
            measure("mfn.8703", MeasureKind.BASE, "2.5", "8703.23.01"),
            measure("mfn.8467", MeasureKind.BASE, "1.7", "8467.21.00"),
            measure("extra", MeasureKind.ADDITIONAL, "10", "all"),
        ],
        suspensions=[Suspension("pause", ["extra"], Period(date(2025, 3, 1), date(2025, 4, 1)), Citation(CACHE_ACT))],
    )
