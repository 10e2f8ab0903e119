"""
One dtype convention for every frame tariffcalc returns (docs/how-to/pandas.md,
"One convention for every frame"): numbers are Float64, text is ``string``, a
missing value is ``<NA>``; ``Decimal`` objects only with ``exact=True``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

pd = pytest.importorskip("pandas")

from tariffcalc import Period, Schedule  # noqa: E402
from tariffcalc.datasets import load_schedule  # noqa: E402
from tariffcalc.frames import diff_frame, resolution_frame, timeline_frame  # noqa: E402
from tariffcalc.scenario import diff  # noqa: E402
from tariffcalc.scenarios import compare, load_scenario  # noqa: E402


def us() -> Schedule:
    """The packaged us-2025-26 schedule, built on first use (once per process), not when the tests are collected."""
    return load_schedule("us-2025-26")


DAY = date(2025, 5, 20)
NUMBERS: tuple[str, ...] = ("rate", "amount", "basis_value", "delta", "delta_rate")
NUMBER_PREFIXES = ("amount_", "rate_", "delta_")
TEXTS: tuple[str, ...] = (
    "measure",
    "heading",
    "authority",
    "terms",
    "basis",
    "note",
    "citation",
    "missing",
    "headings",
)
TEXTS += ("warnings", "error", "kind", "part", "id", "details")
# The frames of the values a user holds: a resolution's lines and the measures that did not apply,
# a panel (its authorities' columns are numbers too), a refund report.
TEXTS += ("title", "reason", "reason_code", "product", "origin", "entry", "line", "statuses", "flags")
NUMBERS += ("base", "additional", "as_filed", "final", "refundable", "duty_paid", "paid_difference")
#: Counts and row numbers: whole numbers, nullable.
WHOLE = ("row",)


def book() -> Any:
    return pd.DataFrame(
        {
            "product": ["9403.60.80.93", "9403.60.80.93", "8703.23.01.90", "9403.60.80.93"],
            "origin": ["JP", "CN", "JP", "XX"],
            "date": ["2025-05-20"] * 4,
            "value": [1000, 1000, None, 1000],
        }
    )


def added(frame: Any, given: Any = None) -> list[str]:
    return [c for c in frame.columns if given is None or c not in given.columns]


def is_number(column: str) -> bool:
    return column in NUMBERS or column.startswith(NUMBER_PREFIXES)


def check(frame: Any, given: Any = None, *, exact: bool = False) -> None:
    """Every column the library adds keeps to the convention; no empty text stands for "none"."""
    columns = added(frame, given)
    assert columns
    for c in columns:
        dtype = str(frame[c].dtype)
        if is_number(c):
            if exact:
                assert "object" == dtype, c
                assert all(v is None or isinstance(v, Decimal) for v in frame[c]), c
            else:
                assert "Float64" == dtype, c
        elif c in ("start", "end"):
            assert dtype.startswith("datetime64"), c
        elif c in WHOLE:
            assert "Int64" == dtype, c
        else:
            assert c in TEXTS, f"{c}: a column the convention does not know"
            assert "string" == dtype, c
            assert not (frame[c] == "").any(), f"{c}: empty text instead of <NA>"


@pytest.mark.parametrize("exact", [False, True])
def test_resolve_frame(exact: bool) -> None:
    given = book()
    from tariffcalc.frames import resolve_frame

    out = resolve_frame(us(), given, errors="report", exact=exact)
    check(out, given, exact=exact)
    assert out["error"].isna().tolist() == [True, True, True, False]
    assert out["missing"].isna().tolist() == [True, True, False, True]  # the car waits for its value
    assert pd.isna(out.loc[2, "amount"]) or out.loc[2, "amount"] is None


@pytest.mark.parametrize("exact", [False, True])
def test_resolution_to_frame(exact: bool) -> None:
    r = us().resolve("8703.23.01.90", "JP", DAY, value=40000)
    frame = resolution_frame(r, exact=exact)
    check(frame, exact=exact)
    # facts §3: 2.5% MFN and the Section 232 25% on 40,000
    assert [Decimal("2.5"), Decimal(25)] == [Decimal(str(v)) for v in frame["rate"]]
    assert ["2.5%", "25%"] == frame["terms"].tolist()


@pytest.mark.parametrize("exact", [False, True])
def test_timeline_to_frame(exact: bool) -> None:
    t = us().timeline("9403.60.80.93", "JP", Period(date(2025, 1, 1), date(2025, 6, 1)), value=1000)
    check(timeline_frame(t, exact=exact), exact=exact)
    check(timeline_frame(t, merge=True, exact=exact), exact=exact)


def test_schedule_diff_to_frame() -> None:
    d = diff(us(), load_scenario("jp-deal-from-may").apply(us()))
    frame = diff_frame(d)
    assert len(frame)
    check(frame)


@pytest.mark.parametrize("exact", [False, True])
def test_compare_lines(exact: bool) -> None:
    given = book().iloc[:2]
    result = compare(us(), load_scenario("jp-deal-from-may"), given, exact=exact)
    check(result.lines, given, exact=exact)
    if exact:
        # one spelling per number: amounts to the cent, rates without trailing zeros
        assert {"0.00", "50.00"} == {str(v) for v in result.lines["delta"]}
        assert {"0", "5"} == {str(v) for v in result.lines["delta_rate"]}
    assert Decimal("50.00") == result.total["delta"]  # facts §2.3: JP furniture 10% -> 15% all-in on 1,000


@pytest.mark.parametrize("exact", [False, True])
def test_the_lines_and_what_did_not_apply_to_frame(exact: bool) -> None:
    r = us().resolve("8703.23.01.90", "JP", DAY, value=40000)
    lines = r.lines.to_frame(exact=exact)
    check(lines, exact=exact)
    assert ["2.5%", "25%"] == lines["terms"].tolist()  # the rate as printed, as resolution_frame names it
    check(r.not_applied.to_frame())


@pytest.mark.parametrize("exact", [False, True])
def test_a_panel_to_frame(exact: bool) -> None:
    from tariffcalc.panel import panel

    p = panel(us(), period=("2025-05-01", "2025-05-05"), products=["8703.23.01.90", "0102.29.40.24"], origins=["JP"])
    frame = p.to_frame(exact=exact)
    labels = ["start", "end", "product", "origin", "reason"]
    shares = [c for c in frame.columns if c not in labels]  # the rate, the base, one column per authority
    assert {"rate", "base", "section_232"} <= set(shares)
    check(frame[[*labels, "rate", "base"]], exact=exact)
    for c in shares:
        assert ("object" if exact else "Float64") == str(frame[c].dtype), c


def test_a_refund_report_to_frame() -> None:
    from pathlib import Path

    from tariffcalc.us.refunds import read_rows, refund_rows

    entries = Path(__file__).parents[1] / "docs" / "how-to" / "ieepa-refund-entries.csv"
    report = refund_rows(us(), read_rows(str(entries)), as_of="2026-04-20")
    check(report.to_frame())
