"""Typed the way users write it: mypy --strict must accept this file (it is not run by pytest)."""

from datetime import date
from decimal import Decimal

from tariffcalc import (
    Citation,
    Instrument,
    Measure,
    MeasureKind,
    OriginScope,
    Period,
    ProductScope,
    Resolution,
    Schedule,
)
from tariffcalc.rates import AdValorem

act = Instrument("HTS 2025", "Harmonized Tariff Schedule", known_on=date(2025, 1, 1))
mfn = Measure(
    "mfn.8703.23.01",
    "Passenger cars",
    MeasureKind.BASE,
    AdValorem("2.5"),
    ProductScope.parse("8703.23.01"),
    OriginScope.parse("all"),
    Period(date(2025, 1, 1)),
    Citation(act, heading="8703.23.01"),
)
schedule = Schedule("example", [mfn])
result: Resolution = schedule.resolve("8703.23.01.90", "JP", date(2025, 5, 5), value=Decimal(40000))
rate: Decimal | None = result.rate
text: str = result.explain()

# The public strategies, as users combine them.
from hypothesis.strategies import SearchStrategy  # noqa: E402

from tariffcalc import Entry  # noqa: E402
from tariffcalc.testing import entries, schedules  # noqa: E402

drawn_schedules: SearchStrategy[Schedule] = schedules()
drawn_entries: SearchStrategy[Entry] = entries(for_schedule=schedule, among=["JP"])
