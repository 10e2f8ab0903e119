"""
Frames: a book of entries resolved in one call agrees with resolving each
entry, whatever pandas and numpy types the cells come in; the cell
conversions and their refusals, and the less common options.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from unittest import mock

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tariffcalc import Citation, Measure, MeasureKind, OriginScope, Period, ProductScope, Schedule, TariffError
from tariffcalc.datasets import load_schedule
from tariffcalc.errors import InvalidEntryError, InvalidPeriodError
from tariffcalc.frames import diff_frame, exact_number, resolution_frame, resolve_frame, timeline_frame, to_day
from tariffcalc.periods import as_day
from tariffcalc.rates import AdValorem
from tariffcalc.scenario import diff
from tests.helpers.hand_made import HTS, car_duty_schedule


def us() -> Schedule:
    """The packaged us-2025-26 schedule, built on first use (once per process), not when the tests are collected."""
    return load_schedule("us-2025-26")


DAY = date(2025, 5, 20)


def book() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "hts": ["9403.60.80.93", "9403.60.80.93", "8703.23.01", "9403.60.80.93"],
            "cc": ["JP", "CN", "JP", "JP"],
            "day": ["2025-05-20"] * 4,
            "value": [1000, 1000, 40000, 1000],
        }
    )


class TestResolveFrame:
    def test_rates_amounts_and_authorities(self) -> None:
        out = resolve_frame(us(), book(), product="hts", origin="cc", date="day", value="value")
        # facts §2.1: JP furniture Free + 10% = 10% of 1,000 = 100.
        # facts §6 and §1: CN furniture Free + Section 301 List 3 25% + fentanyl 20% + reciprocal 10% = 55%.
        # facts §3: a JP car 2.5% MFN + Section 232 25% = 27.5% of 40,000 = 11,000.
        assert [10.0, 55.0, 27.5, 10.0] == out["rate"].tolist()
        assert [100.0, 550.0, 11000.0, 100.0] == out["amount"].tolist()
        assert "Float64" == str(out["rate"].dtype)
        assert [0.0, 0.0, 1000.0, 0.0] == out["amount_mfn"].tolist()  # 2.5% of 40,000
        assert [0.0, 250.0, 0.0, 0.0] == out["amount_section_301"].tolist()
        assert [100.0, 300.0, 0.0, 100.0] == out["amount_ieepa"].tolist()
        assert [0.0, 0.0, 10000.0, 0.0] == out["amount_section_232"].tolist()
        assert "9903.01.25" in out["headings"][0]
        assert out["missing"].isna().all()  # nothing missing: <NA>, as "error" is when there is none
        assert list(book().columns) == list(out.columns[:4])  # the input's columns are kept, first

    def test_exact_decimals(self) -> None:
        out = resolve_frame(us(), book(), product="hts", origin="cc", date="day", value="value", exact=True)
        assert Decimal("27.5") == out["rate"][2]
        assert Decimal("11000.00") == out["amount"][2]

    def test_numpy_numbers_timestamps_and_categoricals(self) -> None:
        df = book()
        df["hts"] = df["hts"].astype("category")
        df["cc"] = df["cc"].astype("category")
        df["day"] = pd.to_datetime(df["day"])  # datetime64
        df["value"] = df["value"].astype(np.float64) + 0.1  # 1000.1: exact through its text
        out = resolve_frame(us(), df, product="hts", origin="cc", date="day", value="value", exact=True)
        assert Decimal("100.01") == out["amount"][0]  # 10% of 1000.1

    def test_a_value_column_is_read_unless_value_none_is_given(self) -> None:
        out = resolve_frame(us(), book(), product="hts", origin="cc", date="day")  # the frame's "value" column
        named = resolve_frame(us(), book(), product="hts", origin="cc", date="day", value="value")
        pd.testing.assert_frame_equal(named, out)
        assert 100.0 == out["amount"][0]  # JP: 10% baseline on 1000

    def test_a_name_that_is_no_column_and_no_valid_constant_is_refused(self) -> None:
        with pytest.raises(InvalidEntryError, match=r"product='product' is neither a column.*its columns: hts, cc"):
            resolve_frame(us(), book(), origin="cc", date="day")
        with pytest.raises(InvalidEntryError, match=r"origin='country' is neither a column.*its columns: hts, cc"):
            resolve_frame(us(), book(), product="hts", origin="country", date="day")
        with pytest.raises(InvalidEntryError, match=r"date='entered' is neither a column"):
            resolve_frame(us(), book(), product="hts", origin="cc", date="entered")
        with pytest.raises(InvalidEntryError, match=r"known='known_on' is neither a column"):
            resolve_frame(us(), book(), product="hts", origin="cc", date="day", known="known_on")
        # valid constants are one value for every row
        out = resolve_frame(us(), book(), product="9403.60.80.93", origin="JP", date="2025-05-20")
        assert [10.0] * 4 == out["rate"].tolist()

    def test_without_a_value_the_rate_is_known_and_the_amount_says_why_not(self) -> None:
        out = resolve_frame(us(), book(), product="hts", origin="cc", date=pd.Timestamp("2025-05-20"), value=None)
        assert 10.0 == out["rate"][0]
        assert out["amount"].isna().all()
        assert "customs value" == out["missing"][0]

    def test_each_distinct_entry_is_resolved_once(self) -> None:
        df = pd.concat([book()] * 50, ignore_index=True)
        with mock.patch.object(Schedule, "resolve_entry", autospec=True, side_effect=Schedule.resolve_entry) as spy:
            out = resolve_frame(us(), df, product="hts", origin="cc", date="day", value="value")
        assert 3 == spy.call_count  # rows 0 and 3 are the same entry
        assert 200 == len(out)

    def test_a_bad_row_names_itself_or_is_reported(self) -> None:
        df = book()
        df.loc[2, "cc"] = "XX"
        with pytest.raises(TariffError) as caught:
            resolve_frame(us(), df, product="hts", origin="cc", date="day", value="value")
        assert "in row 2 of the frame" in "".join(caught.value.__notes__)
        out = resolve_frame(us(), df, product="hts", origin="cc", date="day", value="value", errors="report")
        assert pd.isna(out["error"][0])
        assert "XX" in out["error"][2]
        assert pd.isna(out["rate"][2])

    def test_a_float_is_read_by_its_digits_here_as_in_the_core(self) -> None:
        assert (Decimal("0.1"), Decimal("0.1")) == (exact_number(np.float64(0.1)), exact_number(np.float32(0.1)))
        assert us().resolve("9403.60.80.93", "JP", DAY, value=0.1) == us().resolve(
            "9403.60.80.93", "JP", DAY, value=Decimal("0.1")
        )


_PRODUCTS = ["9403.60.80.93", "8703.23.01", "7208.10.15", "8708.30.50", "0101.21.00"]
_ORIGINS = ["JP", "CN", "DE", "CA", "MX", "GB"]
_DAYS = [date(2025, 3, 1), DAY, date(2025, 9, 1), date(2026, 3, 1)]


@settings(max_examples=15, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(_PRODUCTS),
            st.sampled_from(_ORIGINS),
            st.sampled_from(_DAYS),
            st.one_of(st.none(), st.integers(0, 10**6)),
        ),
        min_size=1,
        max_size=12,
    ),
    st.sampled_from(["text", "category", "datetime64", "float"]),
)
def test_the_frame_agrees_with_resolve_line_by_line(rows: list[tuple[str, str, date, int | None]], kind: str) -> None:
    df = pd.DataFrame(rows, columns=["product", "origin", "date", "value"])
    if kind == "category":
        df["product"] = df["product"].astype("category")
        df["origin"] = df["origin"].astype("category")
    elif kind == "datetime64":
        df["date"] = pd.to_datetime(df["date"])
    elif kind == "float":
        df["value"] = df["value"].astype("float64")
    else:
        df["date"] = df["date"].map(date.isoformat)
    out = resolve_frame(us(), df, value="value", exact=True)
    for (product, origin, day, value), rate, amount in zip(rows, out["rate"], out["amount"], strict=True):
        r = us().resolve(product, origin, day, value=value)
        assert (r.rate, r.amount) == (rate, amount)


class TestToFrame:
    def test_a_resolution(self) -> None:
        frame = resolution_frame(us().resolve("8703.23.01", "JP", DAY, value=40000))
        assert ["MFN", "Section 232"] == frame["authority"].tolist()
        assert [1000.0, 10000.0] == frame["amount"].tolist()  # 2.5% and 25% of 40,000
        assert [2.5, 25.0] == frame["rate"].tolist()  # each line's share of the 27.5%
        assert ["2.5%", "25%"] == frame["terms"].tolist()

    def test_a_timeline_merged_or_not(self) -> None:
        # facts §0: Free to 5 April, 10% baseline, 24% on 9 April only, 10% again in the pause.
        t = us().timeline("9403.60.80.93", "JP", Period(date(2025, 1, 1), date(2025, 6, 1)))
        frame = timeline_frame(t)
        assert [0.0, 10.0, 24.0, 10.0] == frame["rate"].tolist()
        assert [0.0, 10.0, 24.0, 10.0] == frame["rate_ieepa"].tolist()  # no value: shares of 100
        assert 4 == len(timeline_frame(t, merge=True))  # no two neighbours share a rate here
        whole = us().timeline("9403.60.80.93", "JP", Period(date(2025, 5, 1), date(2025, 6, 1)))
        assert 1 == len(timeline_frame(whole, merge=True))

    def test_a_diff(self) -> None:
        assert ["kind", "part", "id", "details"] == list(diff_frame(diff(us(), us())).columns)

    def test_codes(self) -> None:
        codes = us().codes(on=DAY)
        assert "9403.60.80.93" in codes
        assert codes == sorted(codes)


def test_the_core_imports_no_pandas_matplotlib_or_tqdm() -> None:
    import subprocess
    import sys

    code = (
        "import sys, tariffcalc, tariffcalc.frames, tariffcalc.plots, tariffcalc.datasets; "
        "print(sorted(m for m in ('pandas', 'matplotlib', 'tqdm') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "[]" == done.stdout.strip()


def test_processes_and_a_progress_bar(capsys: pytest.CaptureFixture[str]) -> None:
    df = pd.DataFrame(
        {"product": ["8703.23.01"] * 6, "origin": ["JP", "CN", "DE", "JP", "FR", "GB"], "date": ["2025-05-20"] * 6}
    )
    df["value"] = [100, 200, 300, 100, 400, 500]
    out = resolve_frame(car_duty_schedule(), df, value="value", processes=2, progress=True)
    # 2.5% of each value.
    assert [2.5, 5.0, 7.5, 2.5, 10.0, 12.5] == out["amount"].tolist()
    assert "resolving entries" in capsys.readouterr().err


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

    def test_a_time_of_day_is_dropped_as_by_resolve(self) -> None:
        # One rule for every function that takes a day (periods.as_day): the date part counts.
        assert date(2025, 5, 20) == to_day(pd.Timestamp("2025-05-20 10:30")) == as_day(pd.Timestamp("2025-05-20 10:30"))

    def test_text_that_is_no_day(self) -> None:
        with pytest.raises(InvalidPeriodError, match="YYYY-MM-DD"):
            to_day("20 May 2025")


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
    frame = resolution_frame(r, exact=True)
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
    assert 2 == len(timeline_frame(t))
    merged = timeline_frame(t, merge=True)
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
