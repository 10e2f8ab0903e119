"""Reprs and HTML: a schedule not yet built, a long list of missing facts, claims, and diffs."""

from __future__ import annotations

from datetime import date

import attrs

from tariffcalc import Citation, Instrument, Measure, MeasureKind, OriginScope, Period, ProductScope, Schedule
from tariffcalc._reprs import diff_html, diff_repr, resolution_html, resolution_repr, schedule_repr
from tariffcalc.rates import AdValorem
from tariffcalc.scenario import diff as schedule_diff

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
    for k, v in {"name": "half", "measures": (), "rules": (), "suspensions": (), "groups": {}, "horizon": None}.items():
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
