"""Scenario files: each way a TOML file can be wrong is said, and each change kind loads."""

from __future__ import annotations

from pathlib import Path

import pytest

from tariffcalc.errors import DataFileError
from tariffcalc.scenario import AddSuspension, RemoveMeasure, RemoveRule, RemoveSuspension
from tariffcalc.scenarios import load_scenario, scenarios_text

HEAD = """name = "test"
[instrument]
id = "what-if"
known_on = 2025-05-01
"""


def _load(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "s.toml"
    path.write_text(text, encoding="utf-8")
    return load_scenario(path)


def _problem(tmp_path: Path, text: str) -> str:
    with pytest.raises(DataFileError) as caught:
        _load(tmp_path, text)
    return str(caught.value)


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="no scenario file"):
        load_scenario(tmp_path / "none.toml")


def test_not_toml(tmp_path: Path) -> None:
    assert "not TOML" in _problem(tmp_path, "name = ")


def test_missing_top_keys(tmp_path: Path) -> None:
    text = _problem(tmp_path, 'name = "x"\n')
    assert "not a scenario" in text
    assert "missing key 'instrument'" in text
    assert "missing key 'changes'" in text


def test_a_bad_day(tmp_path: Path) -> None:
    text = _problem(tmp_path, "changes = []\n" + HEAD.replace("2025-05-01", '"first of may"'))
    assert "instrument.known_on: not a day" in text


def test_an_unknown_change(tmp_path: Path) -> None:
    text = _problem(tmp_path, HEAD + '[[changes]]\nchange = "delete-everything"\n')
    assert "unknown change 'delete-everything'" in text
    assert "set-rate" in text


def test_the_removals_and_an_added_suspension(tmp_path: Path) -> None:
    s = _load(
        tmp_path,
        HEAD
        + '[[changes]]\nchange = "remove-measure"\nmeasure = "m"\n'
        + '[[changes]]\nchange = "remove-suspension"\nsuspension = "p"\n'
        + '[[changes]]\nchange = "remove-rule"\nrule = "r"\n'
        + '[[changes]]\nchange = "add-suspension"\nid = "q"\nmeasures = ["m"]\nstart = "2025-06-01"\n'
        + 'end = 2025-07-01\nreplacement = "5%"\n',
    )
    remove_m, remove_p, remove_r, add = s.changes
    assert RemoveMeasure("m") == remove_m
    assert RemoveSuspension("p") == remove_p
    assert RemoveRule("r") == remove_r
    assert isinstance(add, AddSuspension)
    assert frozenset({"m"}) == add.suspension.measures
    assert "2025-06-01" == str(add.suspension.period.start)
    assert "2025-07-01" == str(add.suspension.period.end)
    assert "5%" in str(add.suspension.replacement)


def test_the_packaged_text() -> None:
    assert 'name = "Japan' in scenarios_text("jp-deal-from-may")


def test_a_comparison_plots_its_deltas() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import pandas as pd

    from tariffcalc.rates import Rate
    from tariffcalc.scenario import Scenario, SetRate
    from tariffcalc.scenarios import compare
    from tests.helpers.hand_made import car_duty_schedule

    base = car_duty_schedule()
    book = pd.DataFrame({"product": ["8703.23.01"] * 2, "origin": ["JP", "DE"], "date": ["2025-05-20"] * 2})
    book["value"] = [1000, 2000]
    result = compare(base, Scenario("five", [SetRate("mfn", Rate.parse("5%"))]), book, value="value")
    # 2.5% -> 5% of 1,000 and 2,000: 25 and 50 more.
    assert [25.0, 50.0] == result.lines["delta"].tolist()
    ax = result.plot(by="origin")
    assert "five: change in duty" == ax.get_title()
    assert [25.0, 50.0] == sorted(p.get_height() for p in ax.patches)
