"""
A schedule's horizon: the days its sources confirm. An answer outside it is
still computed but carries a warning in every form (text, ``to_dict``, HTML,
the command); a day before the data begins says that the *data* does not
reach it, not that the law was not yet in force.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import attrs
import pytest

from tariffcalc import Citation, Instrument, Measure, MeasureKind, OriginScope, Period, ProductScope, Schedule
from tariffcalc.cli import main
from tariffcalc.datasets import load_schedule
from tariffcalc.errors import ScheduleError
from tariffcalc.io.datafiles import format_dataset, parse_dataset
from tariffcalc.rates import AdValorem
from tariffcalc.reasons import BeforeData, NotYetInForce
from tariffcalc.scenario import AddMeasure, Scenario

HTS = Instrument("HTS 2025", "Harmonized Tariff Schedule", known_on=date(2025, 1, 1))
HORIZON = Period(date(2025, 1, 1), date(2026, 6, 28))


def _measure(id: str, kind: MeasureKind, rate: str, start: date) -> Measure:
    return Measure(
        id,
        id,
        kind,
        AdValorem(rate),
        ProductScope.parse("9403"),
        OriginScope.parse("all"),
        Period(start),
        Citation(HTS, heading="9403.60.80"),
    )


BASE = _measure("mfn.9403", MeasureKind.BASE, "0", date(2025, 1, 1))
EXTRA = _measure("extra.9403", MeasureKind.ADDITIONAL, "10", date(2025, 4, 5))
SCHEDULE = Schedule("dated", [BASE, EXTRA], horizon=HORIZON)


def test_no_warning_inside_the_horizon() -> None:
    r = SCHEDULE.resolve("9403.60.80.93", "JP", date(2026, 6, 27), value=1000)
    assert () == r.warnings
    assert [] == r.to_dict()["warnings"]
    assert "Warnings:" not in r.explain()


def test_a_day_after_the_horizon_is_answered_with_a_warning_in_every_form() -> None:
    r = SCHEDULE.resolve("9403.60.80.93", "JP", date(2026, 6, 28), value=1000)
    assert Decimal("100.00") == r.amount  # still computed
    (warning,) = r.warnings
    assert "after the last day the sources of schedule 'dated' confirm (2026-06-27)" in warning
    assert [warning] == r.to_dict()["warnings"]
    assert f"! {warning}" in r.explain()
    assert "Warning:" in r._repr_html_()


def test_a_day_before_the_data_says_the_data_does_not_reach_it() -> None:
    r = SCHEDULE.resolve("9403.60.80.93", "JP", date(2024, 12, 31), value=1000)
    (warning,) = r.warnings
    assert "before the data of schedule 'dated' begins (2025-01-01)" in warning
    # The base measure starts with the data: nothing is known of the day before.
    assert BeforeData(date(2025, 1, 1)) == r.reason("mfn.9403")
    assert "before the data" in str(r.reason("mfn.9403"))
    # A measure that starts later than the data really was not yet in force.
    assert NotYetInForce(date(2025, 4, 5)) == r.reason("extra.9403")


def test_without_a_horizon_nothing_is_said() -> None:
    plain = Schedule("plain", [BASE, EXTRA])
    r = plain.resolve("9403.60.80.93", "JP", date(2024, 12, 31), value=1000)
    assert () == r.warnings
    assert NotYetInForce(date(2025, 1, 1)) == r.reason("mfn.9403")


def test_a_horizon_needs_a_last_day_and_a_period() -> None:
    with pytest.raises(ScheduleError, match="needs a last day"):
        Schedule("open", [BASE], horizon=Period(date(2025, 1, 1)))
    with pytest.raises(TypeError, match="a Period or None"):
        Schedule("typo", [BASE], horizon="2025-01-01/2026-06-28")  # type: ignore[arg-type]


def test_the_timeline_changes_at_the_horizon_and_agrees_with_each_day() -> None:
    t = SCHEDULE.timeline("9403.60.80.93", "JP", Period(date(2026, 6, 1), date(2026, 7, 15)), value=1000)
    assert [str(s.period) for s in t.segments] == ["2026-06-01/2026-06-28", "2026-06-28/2026-07-15"]
    for day in (date(2026, 6, 27), date(2026, 6, 28), date(2026, 7, 14)):
        assert SCHEDULE.resolve("9403.60.80.93", "JP", day, value=1000).warnings == t.at(day).warnings


def test_scenarios_and_combinations_keep_or_state_the_horizon() -> None:
    seats = attrs.evolve(
        _measure("more.9401", MeasureKind.ADDITIONAL, "5", date(2025, 6, 1)), products=ProductScope.parse("9401")
    )
    changed = Scenario("more", [AddMeasure(seats)])
    assert HORIZON == changed.apply(SCHEDULE).horizon
    assert None is Schedule.combine("both", SCHEDULE, Schedule("b")).horizon
    assert HORIZON == Schedule.combine("both", SCHEDULE, Schedule("b"), horizon=HORIZON).horizon


def test_the_horizon_is_part_of_the_content() -> None:
    assert Schedule("dated", [BASE, EXTRA]).fingerprint != SCHEDULE.fingerprint
    assert Schedule("dated", [BASE, EXTRA], horizon=HORIZON).fingerprint == SCHEDULE.fingerprint


def test_data_files_state_the_horizon_and_it_round_trips() -> None:
    text = '[schedule]\nname = "dated"\nhorizon = "2025-01-01/2026-06-28"\n'
    data = parse_dataset(text)
    assert HORIZON == data.horizon
    assert HORIZON == data.to_schedule().horizon
    assert data == parse_dataset(format_dataset(data))


@pytest.mark.parametrize(
    ("horizon", "message"),
    [("2025-01-01/", "needs a last day"), ("2025-13-01/2026-01-01", "2025-13-01")],
)
def test_a_bad_horizon_in_a_data_file_names_its_line(horizon: str, message: str) -> None:
    text = f'[schedule]\nname = "dated"\nhorizon = "{horizon}"\n'
    with pytest.raises(Exception, match=message) as caught:
        parse_dataset(text, file="dated.toml")
    assert "dated.toml:3" in str(caught.value)


def test_the_packaged_schedule_states_the_days_its_sources_confirm() -> None:
    # docs/sources/us-2026h2-facts.md, "Where the stored sources end": the latest source is dated 9 October 2026
    # (a review of HTS 2026 Rev 21) and "nothing stored covers 10 October - 7 December 2026".
    assert Period(date(2025, 1, 1), date(2026, 10, 10)) == load_schedule("us-2025-26").horizon


def test_the_command_warns_in_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["explain", "9403.60.80.93", "--origin", "JP", "--date", "2027-01-05", "--value", "1000"]
    assert 0 == main([*argv, "--json"])
    document = json.loads(capsys.readouterr().out)
    assert document["warnings"]
    assert "2025-01-01/2026-10-10" == document["schedule"]["horizon"]
    assert 0 == main(argv)
    assert "Warnings:\n  ! the entry date is after the last day" in capsys.readouterr().out
    assert 0 == main(["rate", *argv[1:]])
    assert "warning: the entry date is after the last day" in capsys.readouterr().err
