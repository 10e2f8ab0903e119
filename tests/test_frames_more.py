"""Frames: the cell conversions and their refusals, and the less common options."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from tariffcalc import Citation, Measure, MeasureKind, OriginScope, Period, ProductScope, Schedule
from tariffcalc.errors import InvalidEntryError
from tariffcalc.frames import exact_number, resolve_frame, to_day
from tariffcalc.rates import AdValorem
from tests.helpers.hand_made import HTS, car_duty_schedule


class TestExactNumber:
    def test_a_bool_is_no_number(self) -> None:
        with pytest.raises(InvalidEntryError, match="expected a number, got True"):
            exact_number(True)

    def test_decimals_and_text_pass_unchanged(self) -> None:
        assert Decimal("1.25") == exact_number(Decimal("1.25"))
        assert "12" == exact_number("12")

    def test_an_infinite_float_is_refused(self) -> None:
        with pytest.raises(InvalidEntryError, match="is not a finite number"):
            exact_number(float("inf"))

    def test_an_array_is_no_number(self) -> None:
        with pytest.raises(InvalidEntryError, match="expected a number, got ndarray"):
            exact_number(np.array([1, 2]))

    def test_a_list_is_no_number(self) -> None:
        with pytest.raises(InvalidEntryError, match="expected a number, got list"):
            exact_number([1])


class TestToDay:
    def test_a_missing_day(self) -> None:
        with pytest.raises(InvalidEntryError, match="an entry date is missing"):
            to_day(None)

    def test_a_date_and_a_datetime_at_midnight(self) -> None:
        assert date(2025, 5, 20) == to_day(date(2025, 5, 20))
        assert date(2025, 5, 20) == to_day(datetime(2025, 5, 20))

    def test_no_day(self) -> None:
        with pytest.raises(InvalidEntryError, match="is not a day"):
            to_day(object())

    def test_a_time_of_day_is_refused(self) -> None:
        with pytest.raises(InvalidEntryError, match="not a calendar day"):
            to_day(pd.Timestamp("2025-05-20 10:30"))


def _book() -> pd.DataFrame:
    return pd.DataFrame({"product": ["8703.23.01", "8703.23.01"], "origin": ["JP", "DE"], "value": [1000, 2000]})


def test_errors_must_be_raise_or_report() -> None:
    with pytest.raises(ValueError, match="errors must be 'raise' or 'report'"):
        resolve_frame(car_duty_schedule(), _book(), date="2025-05-20", errors="ignore")


def test_constant_claims_known_and_list_claims() -> None:
    df = _book()
    df["claims"] = [["x"], ["x"]]
    out = resolve_frame(
        car_duty_schedule(), df, date="2025-05-20", value="value", claims="claims", known="2025-05-20", errors="report"
    )
    # a list of claims is read (and checked: no measure of this schedule knows claim x)
    assert ["unknown claim 'x'"] * 2 == [e.split(":")[0] for e in out["error"]]
    out = resolve_frame(car_duty_schedule(), _book(), date="2025-05-20", value="value", known="2025-05-20")
    assert [25.0, 50.0] == out["amount"].tolist()  # 2.5% of each value, the law as known that day


def test_bad_claims_are_reported_in_their_row() -> None:
    df = _book()
    df["claims"] = pd.Series([5, None], dtype=object)
    out = resolve_frame(car_duty_schedule(), df, date="2025-05-20", value="value", claims="claims", errors="report")
    assert out["error"][0].startswith("claims must be text or a list of names, got 5")
    assert 50.0 == out["amount"][1]  # no claims


def test_an_empty_frame() -> None:
    empty = _book().iloc[:0]
    out = resolve_frame(car_duty_schedule(), empty, date="2025-05-20", value="value")
    assert 0 == len(out)
    assert "amount" in out.columns


def test_quantity_and_content_columns_are_read() -> None:
    df = _book()
    df["kg"] = [1.5, None]
    df["steel"] = [100, 200]
    out = resolve_frame(
        car_duty_schedule(),
        df,
        date="2025-05-20",
        value="value",
        quantity={"kg": "kg"},
        content={"steel": "steel"},
        exact=True,
        errors="report",
    )
    # both columns reach the entry, and the schedule checks them: it knows no steel content
    assert all("steel" in e for e in out["error"])


def test_a_resolution_frame_exactly_and_without_a_value() -> None:
    r = car_duty_schedule().resolve("8703.23.01", "JP", date(2025, 5, 20))
    frame = r.to_frame(exact=True)
    assert [Decimal("2.5")] == frame["rate"].tolist()  # its rate on a nominal 100
    assert [None] == frame["amount"].tolist()


def test_a_merged_timeline_joins_equal_neighbours() -> None:
    s = Schedule(
        "two",
        [
            Measure(
                f"mfn{i}",
                "base",
                MeasureKind.BASE,
                AdValorem("2.5"),
                ProductScope.parse("8703"),
                OriginScope.parse("all"),
                period,
                Citation(HTS, heading=f"8703.{i}"),
            )
            for i, period in enumerate([Period(date(2025, 1, 1), date(2025, 3, 1)), Period(date(2025, 3, 1))])
        ],
    )
    t = s.timeline("8703.23.01", "JP", Period(date(2025, 1, 1), date(2025, 6, 1)))
    assert 2 == len(t.to_frame())
    merged = t.to_frame(merge=True)
    assert 1 == len(merged)
    assert [2.5] == merged["rate"].tolist()
    assert "8703.0 | 8703.1" == merged["headings"][0]


def test_a_progress_bar_while_resolving_in_this_process(capsys: pytest.CaptureFixture[str]) -> None:
    out = resolve_frame(car_duty_schedule(), _book(), date="2025-05-20", value="value", progress=True)
    assert [25.0, 50.0] == out["amount"].tolist()
    assert "resolving entries" in capsys.readouterr().err


def test_without_tqdm_a_bar_asked_for_is_an_error_and_an_automatic_one_is_skipped(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from unittest import mock

    with mock.patch.dict("sys.modules", {"tqdm.auto": None}):
        with pytest.raises(ImportError, match="progress bars need tqdm"):
            resolve_frame(car_duty_schedule(), _book(), date="2025-05-20", progress=True)
        with mock.patch("tariffcalc.frames.PROGRESS_ROWS", 0):
            out = resolve_frame(car_duty_schedule(), _book(), date="2025-05-20", value="value")
    assert [25.0, 50.0] == out["amount"].tolist()
    assert "resolving entries" not in capsys.readouterr().err


@pytest.mark.parametrize("exact", [False, True])
def test_resolve_dask_gives_resolve_frames_answers_with_the_same_arguments(exact: bool) -> None:
    dask = pytest.importorskip("dask")
    dd = pytest.importorskip("dask.dataframe")
    from tariffcalc.cluster import resolve_dask
    from tariffcalc.datasets import load_schedule

    us = load_schedule("us-2025-26")
    book = pd.DataFrame(
        {
            # a German car on 3 May 2026: the EU's all-in 15% (later facts s.2.7) on a value of 4,291
            "product": ["8703.23.01.90", "9403.60.80.93", "8708.30.50.30", "9403.60.80.93"],
            "origin": ["DE", "JP", "JP", "CN"],
            "date": ["2026-05-03", "2025-05-20", "2025-09-16", "2025-12-01"],
            "value": [4291, 1000, None, 1000],
        }
    )
    # the same arguments, none naming the value column: both read the frame's "value"
    alone = resolve_frame(us, book, exact=exact, all_authorities=True)
    with dask.config.set(scheduler="synchronous"):
        spread = resolve_dask(dd.from_pandas(book, npartitions=2), us, exact=exact).compute()
    assert list(alone.columns) == list(spread.columns)
    added = [c for c in alone.columns if c not in book.columns]
    assert not alone["amount"].iloc[[0, 1, 3]].isna().any()  # the values were read
    pd.testing.assert_frame_equal(alone[added], spread[added], check_dtype=not exact)
