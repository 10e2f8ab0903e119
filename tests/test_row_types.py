"""
A question takes the types a data frame's row holds: days as ``date``,
``datetime``, ``pandas.Timestamp``, ``numpy.datetime64`` or ISO text, and
amounts as int, Decimal, text, numpy integers and floats (read by the digits
they print). Anything else is refused with a message that shows a valid call.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
import pytest

from tariffcalc.datasets import DEFAULT, load_schedule
from tariffcalc.errors import InvalidPeriodError, InvalidRateError, TariffError
from tariffcalc.periods import as_day
from tariffcalc.rates import amount
from tests.helpers.hand_made import car_duty_schedule

MAY_20 = date(2025, 5, 20)


@pytest.mark.parametrize(
    "day",
    [
        MAY_20,
        "2025-05-20",
        datetime(2025, 5, 20),
        datetime(2025, 5, 20, 23, 59),
        pd.Timestamp("2025-05-20"),
        np.datetime64("2025-05-20"),
        np.datetime64("2025-05-20T08:00:00"),
    ],
)
def test_every_spelling_of_a_day_gives_the_same_answer(day: Any) -> None:
    s = car_duty_schedule()
    # 2.5% of 40,000 = 1,000.00 (the hand-made car duty)
    assert Decimal("1000.00") == s.resolve("8703.23.01.90", "JP", day, value=40000).amount
    assert MAY_20 == s.resolve("8703.23.01.90", "JP", day, known=day).entry.on


@pytest.mark.parametrize(
    "value",
    [40000, Decimal(40000), "40000", 40000.0, np.int64(40000), np.float64(40000.0), np.float32(40000.0)],
)
def test_every_spelling_of_an_amount_gives_the_same_answer(value: Any) -> None:
    assert Decimal("1000.00") == car_duty_schedule().resolve("8703.23.01.90", "JP", MAY_20, value=value).amount


def test_a_float_is_read_by_the_digits_it_prints() -> None:
    # 0.1 is stored as 0.1000000000000000055511151231257827…; the rule reads what it prints.
    assert (Decimal("0.1"), Decimal("1234.56"), Decimal("0.1")) == (
        amount(0.1),
        amount(np.float64(1234.56)),
        amount(np.float32(0.1)),
    )


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), np.float64("nan")])
def test_a_float_that_is_no_number_is_refused(bad: Any) -> None:
    with pytest.raises(InvalidRateError, match="not a finite number"):
        amount(bad)


@pytest.mark.parametrize("bad", [pd.NaT, np.datetime64("NaT")])
def test_a_missing_day_is_refused(bad: Any) -> None:
    with pytest.raises(InvalidPeriodError, match="missing"):
        as_day(bad, "on")


@pytest.mark.parametrize("bad", [20250520, 2025.5, None, [2025, 5, 20]])
def test_other_days_are_refused_with_a_valid_call(bad: Any) -> None:
    with pytest.raises(TypeError, match=r"on must be a day, e\.g\. date\(2025, 5, 20\) or '2025-05-20'"):
        car_duty_schedule().resolve("8703.23.01.90", "JP", bad, value=1)


def test_text_that_is_no_day_is_refused() -> None:
    with pytest.raises(InvalidPeriodError, match="write it as YYYY-MM-DD"):
        car_duty_schedule().resolve("8703.23.01.90", "JP", "20 May 2025")


def test_rates_stay_strict_about_floats() -> None:
    from tariffcalc.rates import AdValorem

    with pytest.raises(InvalidRateError, match="is a float"):
        AdValorem(2.5)


def test_load_schedule_without_a_name_loads_the_default() -> None:
    assert DEFAULT == load_schedule().name


# --- every public function that takes a day: the same answer from each spelling ----------------------

#: One day as a data frame's row holds it, and as a caller types it.
SPELLINGS = [
    pytest.param("2025-05-20", id="iso-text"),
    pytest.param(pd.Timestamp("2025-05-20"), id="timestamp"),
    pytest.param(datetime(2025, 5, 20, 9, 30), id="datetime"),
    pytest.param(np.datetime64("2025-05-20"), id="datetime64"),
]


def _us_calls() -> dict[str, Any]:
    """Each public function that takes a day, called with the day *d*; what it answers, comparable."""
    from tariffcalc.panel import lines, panel
    from tariffcalc.periods import Period
    from tariffcalc.scenarios import compare, load_scenario
    from tariffcalc.us.interest import refund_interest
    from tariffcalc.us.offset import offset_rate
    from tariffcalc.us.refunds import route

    us = load_schedule()
    deal = load_scenario("jp-deal-from-may")
    book = pd.DataFrame({"product": ["8703.23.01.90"], "origin": ["JP"], "date": ["2025-06-02"], "value": [40000]})
    return {
        "Schedule.codes": lambda d: len(us.codes(d)),
        "Schedule.timeline": lambda d: us.timeline("8703.23.01.90", "JP", (d, "2025-07-01")).segments,
        "Period.contains": lambda d: Period(MAY_20, date(2025, 5, 21)).contains(d),
        "panel.lines": lambda d: len(lines(us, d)),
        "panel": lambda d: panel(us, d, products=["8703.23.01.90"], origins=["JP"]).rate("8703.23.01.90", "JP", d),
        "panel period": lambda d: panel(
            us, period=(d, "2025-05-22"), products=["8703.23.01.90"], origins=["JP"]
        ).intervals("8703.23.01.90", "JP"),
        "Scenario.notes": lambda d: deal.notes(us, known=d),
        "compare": lambda d: ((c := compare(us, deal, book, known=d)).known, c.lines.to_dict()),
        "us.refunds.route": lambda d: route(d, date(2025, 9, 1)),
        "us.interest.refund_interest": lambda d: refund_interest(1000, d, "2026-03-31").amount,
        "us.offset.offset_rate": lambda d: offset_rate("cars", d),
    }


@pytest.fixture(scope="module")
def us_calls() -> dict[str, Any]:
    return _us_calls()


@pytest.mark.parametrize("function", list(_us_calls()))
@pytest.mark.parametrize("day", SPELLINGS)
def test_every_function_that_takes_a_day_reads_each_spelling(us_calls: dict[str, Any], function: str, day: Any) -> None:
    call = us_calls[function]
    assert call(MAY_20) == call(day)


def test_a_period_is_a_period_its_text_or_a_pair_of_days() -> None:
    from tariffcalc.periods import Period, as_period

    expected = Period(date(2025, 4, 1), date(2025, 7, 1))
    assert expected == as_period("2025-04-01/2025-07-01") == as_period((pd.Timestamp("2025-04-01"), "2025-07-01"))
    assert Period(date(2025, 4, 1)) == as_period(("2025-04-01", None))
    with pytest.raises(TypeError, match=r"period must be a Period, 'START/END' text or a pair of days, e\.g\."):
        car_duty_schedule().timeline("8703.23.01.90", "JP", 2025)  # type: ignore[arg-type]


def test_an_amount_of_interest_reads_numpy_and_floats_by_their_digits() -> None:
    from tariffcalc.us.interest import refund_interest

    exact = refund_interest(Decimal("1000.5"), "2025-07-01", "2026-03-31").amount
    assert exact == refund_interest(np.float64(1000.5), "2025-07-01", "2026-03-31").amount
    assert (
        refund_interest(1000, "2025-07-01", "2026-03-31").amount
        == refund_interest(np.int64(1000), "2025-07-01", "2026-03-31").amount
    )


@pytest.mark.parametrize("bad", [[40000], True, object()], ids=["list", "bool", "object"])
def test_other_amounts_are_refused_with_a_valid_call(bad: Any) -> None:
    with pytest.raises(TariffError, match=r"customs value: expected a decimal number, got .*e\.g\. value=40000"):
        car_duty_schedule().resolve("8703.23.01.90", "JP", MAY_20, value=bad)
