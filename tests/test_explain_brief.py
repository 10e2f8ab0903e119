"""
The brief explanation (``Resolution.explain(brief=True)``, ``tariffcalc
explain --brief``): the applied lines one each, the missing facts, and the
measures that did not apply for a reason other than their dates; those that
did not apply only by their dates are counted, not listed.
"""

from __future__ import annotations

from datetime import date

import pytest

from tariffcalc import Schedule
from tariffcalc.cli import main
from tariffcalc.datasets import load_schedule
from tariffcalc.reasons import BeforeData, Expired, NotYetInForce


@pytest.fixture(scope="module")
def us() -> Schedule:
    return load_schedule()


def test_the_brief_form_leaves_out_what_did_not_apply_by_date(us: Schedule) -> None:
    # A Japanese brake rotor on 20 May 2025: the IEEPA, s122 and 2026 measures of other dates are many
    r = us.resolve("8708.30.50.30", "JP", date(2025, 5, 20), value=10000)
    brief, full = r.explain(brief=True), r.explain()
    by_date = [n for n in r.not_applied if isinstance(n.reason, NotYetInForce | Expired | BeforeData)]
    others = [n for n in r.not_applied if n not in by_date]
    assert by_date  # the point of the brief form
    assert f"Not applied ({len(by_date)} more by their dates):" in brief
    for n in by_date:
        assert f"  {n.measure.id}: " not in brief
        assert f"  {n.measure.id}: " in full
    for n in others:
        assert f"  {n.measure.id}: {n.reason}" in brief
    for line in r.lines:  # one line each, by the heading it is filed under
        assert f"  {line.heading}: {line.rate} on {line.basis_value} = {line.amount}" in brief
    assert brief.endswith(f"Total: {r.rate}% = {r.amount}")
    assert len(brief.splitlines()) < len(full.splitlines())


def test_the_command_takes_brief(capsys: pytest.CaptureFixture[str], us: Schedule) -> None:
    argv = ["explain", "8708.30.50.30", "--origin", "JP", "--date", "2025-05-20", "--value", "10000"]
    assert 0 == main([*argv, "--brief"])
    expected = us.resolve("8708.30.50.30", "JP", date(2025, 5, 20), value=10000).explain(brief=True)
    out = capsys.readouterr().out
    assert out.startswith(expected + "\n")  # then the entry's fees and totals (tariffcalc.us.entrycost)
    assert "Schedule fingerprint" not in out


def test_the_brief_form_names_the_missing_facts(us: Schedule) -> None:
    # Japanese cattle (HTS 0102.29.40.24, $0.01/kg) without a weight: the amount waits for the kilograms.
    r = us.resolve("0102.29.40.24", "JP", date(2025, 5, 5), value=1000)
    brief = r.explain(brief=True)
    assert r.missing_facts
    assert "Missing facts:" in brief
    for fact in r.missing_facts:
        assert f"  - {fact}" in brief
    assert brief.endswith("Total: not computable (see missing facts)")
