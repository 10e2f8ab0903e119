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
from tariffcalc.errors import InvalidPeriodError, InvalidRateError
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
