"""
Scenarios an analyst writes: moving a measure's days, adding, removing and
altering stacking rules, extending a pause across later pauses, TOML files,
a book compared under two schedules, and the ``diff`` command.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from tariffcalc import (
    Citation,
    Instrument,
    Measure,
    MeasureKind,
    OriginScope,
    Period,
    ProductScope,
    Schedule,
    Suspension,
)
from tariffcalc.cli import main
from tariffcalc.datasets import load_schedule
from tariffcalc.errors import DataFileError, ScheduleError
from tariffcalc.rates import AdValorem
from tariffcalc.rules import Displacement, StackingRule
from tariffcalc.scenario import AddRule, AlterRule, ExtendSuspension, RemoveRule, Scenario, SetValidity, diff
from tariffcalc.scenarios import PACKAGED, compare, load_scenario

EO = Instrument("EO 1", "An order", known_on=date(2025, 1, 1))
WHAT_IF = Citation(Instrument("what-if", "A hypothetical act", known_on=date(2025, 5, 1)))
DAY = date(2025, 5, 20)
FURNITURE = "9403.60.80.93"


def measure(
    mid: str, percent: int, start: date, end: date | None = None, tags: frozenset[str] = frozenset()
) -> Measure:
    kind = MeasureKind.BASE if mid == "mfn" else MeasureKind.ADDITIONAL
    return Measure(
        mid,
        mid,
        kind,
        AdValorem(percent),
        ProductScope.parse("all" if kind is MeasureKind.ADDITIONAL else "9403"),
        OriginScope.parse("all"),
        Period(start, end),
        Citation(EO, heading="9903.01.25"),
        tags=tags,
    )


def small() -> Schedule:
    start = date(2025, 1, 1)
    return Schedule(
        "small",
        [
            measure("mfn", 0, start),
            measure("baseline", 10, date(2025, 4, 5), tags=frozenset({"base-line"})),
            measure("country", 24, date(2025, 4, 9), tags=frozenset({"country"})),
        ],
        rules=[
            StackingRule(
                "country-over-baseline",
                "country",
                "base-line",
                Displacement.ENTRY,
                Period(date(2025, 4, 9)),
                Citation(EO),
            )
        ],
        suspensions=[
            Suspension("pause", {"country"}, Period(date(2025, 4, 10), date(2025, 7, 9)), Citation(EO)),
            Suspension("pause-2", {"country"}, Period(date(2025, 7, 9), date(2025, 8, 1)), Citation(EO)),
        ],
    )


class TestChanges:
    def test_set_validity_moves_a_measure(self) -> None:
        # The country rate from 20 April only: on 9 April only the 10% baseline applies.
        after = Scenario("later", [SetValidity("country", start=date(2025, 4, 20))]).apply(small())
        assert Decimal(24) == small().resolve("9403.60", "JP", date(2025, 4, 9)).rate
        assert Decimal(10) == after.resolve("9403.60", "JP", date(2025, 4, 9)).rate

    def test_a_scenario_that_leaves_the_schedule_inconsistent_says_so(self) -> None:
        # From 1 August the country rate no longer meets the April-July pauses that name it.
        with pytest.raises(ScheduleError) as caught:
            Scenario("later", [SetValidity("country", start=date(2025, 8, 1))]).apply(small())
        assert "suspension pause: its period 2025-04-10/2025-07-09 does not meet" in str(caught.value)
        assert ["scenario 'later' leaves schedule 'small' inconsistent"] == caught.value.__notes__

    def test_removing_a_rule_stacks_the_measures_and_says_so(self) -> None:
        scenario = Scenario("stack", [RemoveRule("country-over-baseline")])
        # 24% + 10% = 34% on 9 April without the rule.
        assert Decimal(34) == scenario.apply(small()).resolve("9403.60", "JP", date(2025, 4, 9)).rate
        (note,) = scenario.notes(small())
        assert "rule country-over-baseline removed: it tied country over baseline" == note

    def test_adding_and_altering_rules(self) -> None:
        rule = StackingRule("b-over-c", "base-line", "country", Displacement.ENTRY, Period(date(2025, 1, 1)), WHAT_IF)
        with pytest.raises(ScheduleError) as caught:  # each displaces the other: a cycle
            Scenario("cycle", [AddRule(rule)]).apply(small())
        assert "scenario 'cycle' leaves schedule 'small' inconsistent" in caught.value.__notes__
        later = Scenario("rule later", [AlterRule("country-over-baseline", start=date(2025, 6, 1))])
        # Before 1 June the country rate and the baseline stack on 9 April: 34%.
        assert Decimal(34) == later.apply(small()).resolve("9403.60", "JP", date(2025, 4, 9)).rate
        assert later.notes(small())[0].startswith(
            "rule country-over-baseline altered (validity 2025-04-09/ -> 2025-06-01/)"
        )

    def test_extending_a_pause_across_later_pauses_fills_the_gaps(self) -> None:
        scenario = Scenario("to 2026", [ExtendSuspension("pause", date(2026, 1, 1), "what-if.pause", WHAT_IF)])
        after = scenario.apply(small())
        # pause-2 keeps 9 July - 1 August; the extension adds 1 August - 1 January only.
        added = list(diff(small(), after).changes)
        assert ["added suspension what-if.pause"] == [str(d) for d in added]
        assert Period(date(2025, 8, 1), date(2026, 1, 1)) == next(
            s.period for s in after.suspensions if s.id == "what-if.pause"
        )
        assert Decimal(10) == after.resolve("9403.60", "JP", date(2025, 9, 1)).rate
        assert "meets the later suspension(s) pause-2" in scenario.notes(small())[0]

    def test_extending_the_real_pause_on_the_final_law_is_an_error(self) -> None:
        # It once raised for overlapping EO 14316's and EO 14326's pauses, then filled nothing silently:
        # a change with no effect names the reason.
        us = load_schedule("us-2025-26")
        scenario = Scenario("to 2026", [ExtendSuspension("eo14266.annex-i-pause", date(2026, 1, 1), "x", WHAT_IF)])
        with pytest.raises(ScheduleError) as caught:
            scenario.apply(us)
        assert "nothing left to extend" in str(caught.value)


@pytest.fixture(scope="module")
def us() -> Schedule:
    return load_schedule("us-2025-26")


class TestTheMay2025WhatIfs:
    def test_the_deal_from_1_may_gives_15_not_25(self, us: Schedule) -> None:
        # Facts §2.3: 15% all-in in place of the baseline. Furniture is Free (HTS 2025 Basic, 9403.60.80),
        # so the deal tops up to 15%; with the deal moved but not its in-lieu rules, 10% + 15% = 25%.
        deal = load_scenario("jp-deal-from-may")
        assert Decimal(15) == deal.apply(us).resolve(FURNITURE, "JP", DAY).rate
        half = Scenario("measure only", [SetValidity("us.ieepa.reciprocal.jp.deal", start=date(2025, 5, 1))])
        assert Decimal(25) == half.apply(us).resolve(FURNITURE, "JP", DAY).rate
        assert any("now meets the stacking rules" in n for n in half.notes(us))

    def test_japan_at_7_points(self, us: Schedule) -> None:
        # Facts §2.1: 24% on 9 April 2025 only; at 7 points 10 + 7 = 17%.
        after = load_scenario("jp-7-points").apply(us)
        assert (Decimal(24), Decimal(17)) == (
            us.resolve(FURNITURE, "JP", date(2025, 4, 9)).rate,
            after.resolve(FURNITURE, "JP", date(2025, 4, 9)).rate,
        )

    def test_the_pause_to_october(self, us: Schedule) -> None:
        # Facts §2.2-2.3: 15% from 7 August in the law; the pause keeps the 10% baseline to 30 September.
        after = load_scenario("jp-pause-to-oct").apply(us)
        assert (Decimal(15), Decimal(10)) == (
            us.resolve(FURNITURE, "JP", date(2025, 9, 1)).rate,
            after.resolve(FURNITURE, "JP", date(2025, 9, 1)).rate,
        )
        assert Decimal(15) == after.resolve(FURNITURE, "JP", date(2025, 10, 1)).rate

    def test_every_packaged_scenario_loads(self) -> None:
        assert [load_scenario(n).name for n in PACKAGED]

    def test_compare_a_book(self, us: Schedule) -> None:
        book = pd.DataFrame(
            {
                "product": [FURNITURE, FURNITURE, "8703.23.01"],
                "origin": ["JP", "CN", "JP"],
                "date": ["2025-05-20"] * 3,
                "value": [1000, 1000, 40000],
            }
        )
        result = compare(us, load_scenario("jp-deal-from-may"), book, value="value")
        # Facts §2.3-2.4: JP furniture 10% (100) -> 15% all-in (150); CN furniture unchanged; the JP car
        # 2.5% + 25% of 40,000 (11,000) -> 15% all-in (6,000): 5,000 less, all of it Section 232.
        assert [50.0, 0.0, -5000.0] == result.lines["delta"].tolist()
        assert "Float64" == str(result.lines["delta"].dtype)  # Decimal objects only with exact=True
        assert Decimal("-4950.00") == result.total["delta"]  # the totals are exact
        assert -4950.0 == result.by("origin").loc["JP", "delta"]
        assert {"ieepa": Decimal("50.00"), "section_232": Decimal("-5000.00")} == result.by_authority

    def test_compare_as_known_in_may(self, us: Schedule) -> None:
        book = pd.DataFrame({"product": [FURNITURE], "origin": ["JP"], "date": ["2025-07-15"], "value": [1000]})
        # Facts §2.1: as known in May the pause ended on 9 July: 24% (240); under the deal 15% all-in (150).
        result = compare(us, load_scenario("jp-deal-from-may"), book, value="value", known=DAY)
        assert [240.0] == result.lines["amount_base"].tolist()
        assert [-90.0] == result.lines["delta"].tolist()
        assert DAY == result.known
        exact = compare(us, load_scenario("jp-deal-from-may"), book, value="value", known=DAY, exact=True)
        assert ["240.00", "-90.00"] == [str(exact.lines.loc[0, c]) for c in ("amount_base", "delta")]
        assert ["24", "15", "-9"] == [str(exact.lines.loc[0, c]) for c in ("rate_base", "rate_scenario", "delta_rate")]
        assert result.total == exact.total


class TestScenarioFiles:
    def test_a_bad_file_says_what_is_wrong(self, tmp_path: Path) -> None:
        path = tmp_path / "bad.toml"
        path.write_text(
            'name = "x"\n[instrument]\nid = "w"\nknown_on = 2025-05-01\n[[changes]]\nchange = "set-rate"\nmeasure = "m"\n'
        )
        with pytest.raises(DataFileError) as caught:
            load_scenario(path)
        assert "missing key 'rate'" in str(caught.value)


def test_the_diff_command(capsys: pytest.CaptureFixture[str]) -> None:
    argv = [
        "diff",
        "--scenario",
        "jp-deal-from-may",
        FURNITURE,
        "--origin",
        "JP",
        "--from",
        "2025-04-10",
        "--to",
        "2025-09-01",
    ]
    assert 0 == main(argv)
    out = capsys.readouterr().out
    assert "2025-05-01/2025-08-07       10% ->      15%   changed (5 points)" in out
    assert 0 == main([*argv, "--json"])
    doc = json.loads(capsys.readouterr().out)
    assert [("2025-04-10", "10", "10"), ("2025-05-01", "10", "15"), ("2025-08-07", "15", "15")] == [
        (p["from"], p["rate"], p["scenario_rate"]) for p in doc["periods"]
    ]


def test_the_diff_command_as_known_in_may(capsys: pytest.CaptureFixture[str]) -> None:
    # Facts §2.1: as known on 20 May 2025 the pause ended on 9 July (24% from then); extended to
    # 1 October, Japanese furniture pays the 10% baseline from 9 July instead.
    argv = ["diff", "--scenario", "jp-pause-to-oct", "--known", "2025-05-20", FURNITURE, "--origin", "JP"]
    assert 0 == main([*argv, "--from", "2025-07-01", "--to", "2025-08-01"])
    out = capsys.readouterr().out
    assert "Law: as known on 2025-05-20" in out
    assert "2025-07-01/2025-07-09       10% ->      10%" in out
    assert "2025-07-09/2025-08-01       24% ->      10%   changed (-14 points)" in out
    assert "us.ieepa.reciprocal.jp.annex-i suspended 2025-07-09/2025-10-01, after eo14266.annex-i-pause" in out
