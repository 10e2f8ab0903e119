"""
Every value a notebook user holds prints in a few characters (at most
``MAX_REPR``), on the packaged schedule's largest objects, and a table also
has HTML and a pandas frame; so do a schedule not yet built, a long list of
missing facts, claims, and diffs.
"""

from __future__ import annotations

import csv
import pickle
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest

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
from tariffcalc._reprs import (
    MAX_REPR,
    MAX_ROWS,
    clip,
    diff_html,
    diff_repr,
    resolution_html,
    resolution_repr,
    schedule_repr,
)
from tariffcalc.datasets import load_schedule
from tariffcalc.panel import Panel, panel
from tariffcalc.rates import AdValorem
from tariffcalc.resolution import DutyLines, NotAppliedMeasures
from tariffcalc.scenario import diff as schedule_diff
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
    assert ["measure", "title", "heading", "terms", "basis", "note", "citation", "basis_value", "amount"] == list(
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
    assert text.startswith(f"<RefundReport 'us-2025-26': {len(report.lines)} lines of 9 entries, refundable ")
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


def test_a_long_timeline_s_segments_are_short_and_still_a_tuple(us: Schedule) -> None:
    # The rotor from China over the packaged schedule's whole range: the longest run of changes it holds.
    t = us.timeline("8708.30.50.30", "CN", ("2025-01-01", "2026-10-01"), value=10_000)
    assert len(t.segments) > 3
    assert len(repr(t.segments)) <= MAX_REPR
    assert max(len(repr(s)) for s in t.segments) <= MAX_REPR
    assert repr(t.segments).startswith(f"<Segments {len(t.segments)}: 2025-01-01/")
    assert t.segments == tuple(t.segments)
    assert pickle.loads(pickle.dumps(t)) == t


def test_a_scenario_and_the_legal_status_are_short(us: Schedule) -> None:
    from tariffcalc.scenarios import PACKAGED, load_scenario

    scenarios = [load_scenario(name) for name in PACKAGED]
    assert max(len(repr(s)) for s in scenarios) <= MAX_REPR
    assert us.legal is not None
    assert len(us.legal.events) > 3
    assert len(repr(us.legal)) <= MAX_REPR
    assert repr(us.legal).startswith(f"<LegalStatus: {len(us.legal.authorities)} authorities (")


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


HTS = Instrument("HTS test", "Hand-made rates", known_on=date(2025, 1, 1))


def _m(mid: str, rate: str = "2.5", product: str = "8703") -> Measure:
    return Measure(
        mid,
        mid,
        MeasureKind.BASE if mid == "mfn" else MeasureKind.ADDITIONAL,
        AdValorem(rate),
        ProductScope.parse(product),
        OriginScope.parse("all"),
        Period(date(2025, 1, 1)),
        Citation(HTS, heading="8703"),
    )


def test_a_schedule_not_yet_built() -> None:
    s = Schedule.__new__(Schedule)
    fields: dict[str, object] = {
        "name": "half",
        "measures": (),
        "rules": (),
        "suspensions": (),
        "groups": {},
        "horizon": None,
    }
    for k, v in fields.items():
        object.__setattr__(s, k, v)
    assert schedule_repr(s).endswith("fingerprint (not built)>")


def test_no_changes() -> None:
    s = Schedule("a", [_m("mfn")])
    d = schedule_diff(s, s)
    assert "<ScheduleDiff: no changes>" == diff_repr(d)
    assert "No changes." in diff_html(d)


def test_many_changes_show_the_first_three() -> None:
    a = Schedule("a", [_m("mfn")])
    b = Schedule("b", [_m("mfn", "3"), *(_m(f"x{i}", product=f"870{i + 4}") for i in range(4))])
    d = schedule_diff(a, b)
    text = diff_repr(d)
    assert text.startswith("<ScheduleDiff: 5 changes (4 added, 1 changed): ")
    assert "; … 2 more>" in text
    page = diff_html(d)
    assert page.count("<tr>") == 6  # a header and one row a change
    assert "<code>x3</code>" in page


def test_claims_are_in_the_html() -> None:
    r = Schedule("a", [_m("mfn")]).resolve("8703.23.01", "JP", date(2025, 5, 20), value=100)
    assert "claims" not in resolution_html(r)
    assert "amount 2.50" in resolution_repr(r)


def test_claims_are_in_the_html_and_the_claimed_measure_is_off() -> None:
    from tariffcalc.measures import NotIfClaimed

    extra = attrs.evolve(_m("extra", "10"), conditions=(NotIfClaimed("usmca"),))
    r = Schedule("a", [_m("mfn"), extra]).resolve("8703.23.01", "JP", date(2025, 5, 20), value=100, claims={"usmca"})
    page = resolution_html(r)
    assert ", claims usmca" in page
    assert "not if usmca is claimed" in page  # the line not applied says why
    assert "amount 2.50" in resolution_repr(r)  # 2.5% of 100 only


def test_a_timeline_and_a_schedule_in_html() -> None:
    from tariffcalc import Period
    from tariffcalc._reprs import schedule_html, timeline_html, timeline_repr

    s = Schedule("a", [_m("mfn"), attrs.evolve(_m("extra", "10"), validity=Period(date(2025, 3, 1)))])
    t = s.timeline("8703.23.01", "JP", Period(date(2025, 1, 1), date(2025, 6, 1)))
    assert "<Timeline 8703.23.01 from JP, 2025-01-01/2025-06-01: 2 segments, 2.5% → 12.5%>" == timeline_repr(t)
    page = timeline_html(t)
    assert "2 segments" in page
    assert "12.5%" in page
    assert "<tr><th>measures</th><td>2</td></tr>" in schedule_html(s)
