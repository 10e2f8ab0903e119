"""
Every value a notebook user holds prints in a few characters (at most
``MAX_REPR``), on the packaged schedule's largest objects, and a table also
has HTML and a pandas frame.
"""

from __future__ import annotations

import csv
import pickle
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tariffcalc import Measure, Resolution, Schedule
from tariffcalc._reprs import MAX_REPR, MAX_ROWS, clip
from tariffcalc.datasets import load_schedule
from tariffcalc.panel import Panel, panel
from tariffcalc.resolution import DutyLines, NotAppliedMeasures
from tariffcalc.us.refunds import RefundReport, refund_rows

DOCS_CSV = Path(__file__).parents[1] / "docs" / "how-to" / "ieepa-refund-entries.csv"
LAPTOP = "8471.30.01.00"  # portable computers (HTS 8471.30.01)


@pytest.fixture(scope="module")
def us() -> Schedule:
    return load_schedule("us-2025-26")


@pytest.fixture(scope="module")
def laptop(us: Schedule) -> Resolution:
    return us.resolve(LAPTOP, "CN", date(2025, 5, 5), value=1000)


@pytest.fixture(scope="module")
def largest(us: Schedule) -> Measure:
    return max(us.measures, key=lambda m: len(m.products.include) + len(m.products.exclude))


@pytest.fixture(scope="module")
def one_day(us: Schedule) -> Panel:
    return panel(
        us, on=date(2025, 5, 5), products=["8703.23.01.90", "8467.21.00.10", LAPTOP], origins=["JP", "DE", "CN", "MX"]
    )


@pytest.fixture(scope="module")
def report(us: Schedule) -> RefundReport:
    with DOCS_CSV.open(newline="") as f:
        return refund_rows(us, list(csv.DictReader(f)), as_of=date(2026, 4, 20))


class _Balance(HTMLParser):
    """Checks that every tag opened is closed, in order."""

    VOID = frozenset({"br", "hr", "img", "meta", "input", "col", "wbr"})

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open, f"</{tag}> closes nothing"
        assert tag == self.open.pop(), f"</{tag}> closes another tag"


def _html(value: object) -> str:
    page = value._repr_html_()  # type: ignore[attr-defined]
    assert isinstance(page, str)
    assert page.startswith(("<table", "<div")), page[:40]
    parser = _Balance()
    parser.feed(page)
    parser.close()
    assert [] == parser.open
    assert page.count("<table") == page.count("</table>") >= 1
    assert page.count("<tr>") <= MAX_ROWS + 20  # a bounded table, never the whole object
    return page


def test_clip_keeps_the_closing_bracket() -> None:
    assert "<x>" == clip("<x>")
    cut = clip("<" + "y" * 1000 + ">")
    assert len(cut) == MAX_REPR
    assert cut.endswith("…>")


def test_the_laptops_not_applied_is_short_and_still_a_tuple(laptop: Resolution) -> None:
    n = laptop.not_applied
    assert isinstance(n, NotAppliedMeasures)
    assert isinstance(n, tuple)
    assert len(n) >= 10  # the ones the old 64 kB repr listed in full
    text = repr(n)
    assert len(text) <= MAX_REPR
    assert text.startswith(f"<NotAppliedMeasures {len(n)}: ")
    assert all(len(repr(x)) <= MAX_REPR for x in n)
    page = _html(n)
    assert f"<code>{n[0].measure.id}</code>" in page
    frame = n.to_frame()
    assert ["measure", "title", "heading", "reason", "reason_code", "citation"] == list(frame.columns)
    assert len(n) == len(frame)
    assert all(str(t) == "string" for t in frame.dtypes)


def test_the_laptops_lines_are_short_and_still_a_tuple(laptop: Resolution) -> None:
    lines = laptop.lines
    assert isinstance(lines, DutyLines)
    assert lines == tuple(lines)
    assert hash(lines) == hash(tuple(lines))
    assert len(repr(lines)) <= MAX_REPR
    assert repr(lines).startswith(f"<DutyLines {len(lines)}: ")
    assert all(len(repr(line)) <= MAX_REPR for line in lines)
    assert len(repr(laptop)) <= MAX_REPR
    _html(lines)
    frame = lines.to_frame()
    assert ["measure", "title", "heading", "rate", "basis", "note", "citation", "basis_value", "amount"] == list(
        frame.columns
    )
    assert "Float64" == str(frame["amount"].dtype)
    assert sum(frame["amount"]) == pytest.approx(float(laptop.amount or 0))
    assert "object" == str(lines.to_frame(exact=True)["amount"].dtype)


def test_the_subclasses_pickle_and_compare_as_tuples(laptop: Resolution) -> None:
    back = pickle.loads(pickle.dumps(laptop))
    assert back == laptop
    assert type(back.not_applied) is NotAppliedMeasures
    assert type(back.lines) is DutyLines
    import attrs

    plain = attrs.evolve(laptop, lines=tuple(laptop.lines), not_applied=list(laptop.not_applied))
    assert plain == laptop
    assert type(plain.not_applied) is NotAppliedMeasures


def test_the_largest_measure_is_short(largest: Measure) -> None:
    assert len(largest.products.include) > 1000  # the one whose old repr was 190 kB
    text = repr(largest)
    assert len(text) <= MAX_REPR
    assert text.startswith(f"<Measure {largest.id} (")
    assert f"({len(largest.products.include)} codes)" in text
    page = _html(largest)
    assert f"({len(largest.products.include)} codes)" in page


def test_every_measure_is_short(us: Schedule) -> None:
    assert max(len(repr(m)) for m in us.measures) <= MAX_REPR


def test_a_one_day_panel(one_day: Panel) -> None:
    text = repr(one_day)
    assert len(text) <= MAX_REPR
    assert text.startswith("<Panel 'us-2025-26': 3 products x 4 origins (JP, DE, CN, MX), on 2025-05-05;")
    page = _html(one_day)
    assert "<td>JP</td>" in page
    frame = one_day.to_frame()
    assert ["start", "end", "product", "origin", "rate", "base"] == list(frame.columns)[:6]
    assert ["additional", "reason"] == list(frame.columns)[-2:]
    assert 12 == len(frame)
    assert "Float64" == str(frame["rate"].dtype)
    row = frame[(frame["product"] == "8703.23.01.90") & (frame["origin"] == "JP")]
    assert [27.5] == list(row["rate"])  # MFN 2.5% + Section 232 autos 25% (see the module's doctest)
    assert [one_day.rate("8703.23.01.90", "JP")] == list(one_day.to_frame(exact=True).loc[row.index, "rate"])


def test_a_panel_over_a_period_counts_its_stretches(us: Schedule) -> None:
    from tariffcalc import Period

    p = panel(us, period=Period(date(2025, 4, 1), date(2025, 4, 15)), products=["8703.23.01.90"], origins=["JP"])
    assert len(repr(p)) <= MAX_REPR
    assert f"{len(p.days)} stretch(es)" in repr(p)
    assert sum(1 for _ in p.days) == len(p.to_frame())


def test_the_refund_report_of_the_how_to(report: RefundReport) -> None:
    text = repr(report)
    assert len(text) <= MAX_REPR
    assert text.startswith(f"<RefundReport 'us-2025-26': {len(report.lines)} lines of 5 entries, refundable ")
    assert all(len(repr(line)) <= MAX_REPR for line in report.lines)
    page = _html(report)
    assert page.count("<tr>") == len(report.lines) + 1
    frame = report.to_frame()
    assert [
        "row",
        "entry",
        "line",
        "as_filed",
        "final",
        "refundable",
        "duty_paid",
        "paid_difference",
        "statuses",
        "flags",
    ] == list(frame.columns)
    assert sum(frame["refundable"]) == pytest.approx(float(report.total_refundable))
    assert "string" == str(frame["entry"].dtype)
    assert "Float64" == str(frame["as_filed"].dtype)


def test_every_rule_and_suspension_is_short(us: Schedule) -> None:
    rule = max(us.rules, key=lambda r: len(str(r.citation)))
    suspension = max(us.suspensions, key=lambda s: len(str(s.citation)) + len(s.measures))
    assert len(repr(rule)) <= MAX_REPR
    assert len(repr(suspension)) <= MAX_REPR
    assert max(len(repr(x)) for x in [*us.rules, *us.suspensions]) <= MAX_REPR
    assert repr(rule).startswith(f"<StackingRule {rule.id}: {rule.when} drops {rule.drops} (")
    assert repr(suspension).startswith(f"<Suspension {suspension.id}: ")


def test_a_comparison_of_a_book(us: Schedule) -> None:
    import pandas as pd

    from tariffcalc.scenarios import compare, load_scenario

    book = pd.DataFrame(
        {"product": ["8703.23.01"] * 60, "origin": ["JP"] * 60, "date": ["2025-05-20"] * 60, "value": [40000] * 60}
    )
    result = compare(us, load_scenario("jp-deal-from-may"), book, value="value")
    text = repr(result)
    assert len(text) <= MAX_REPR
    # 2.5% + 25% of 40,000 (11,000) -> 15% all-in (6,000), 60 times: 300,000 less (facts s.2.3-2.4)
    assert text.startswith(
        f"<Comparison 'us-2025-26' -> {result.scenario!r}: 60 lines, delta -300000.00 (base 660000.00"
    )
    page = _html(result)
    assert "… 10 more lines" in page
    assert list(result.lines.columns) == list(result.to_frame().columns)


def test_the_older_html_reprs_are_balanced_too(us: Schedule, laptop: Resolution) -> None:
    assert "<b>Schedule us-2025-26</b>" in _html(us)
    assert f"{len(laptop.not_applied)} not applied" in _html(laptop)
