"""The TOML data-file format: load -> dump -> load is equal, and every problem is reported at once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from tariffcalc.citations import Instrument
from tariffcalc.datasets import data_path, load_schedule, us2025_data
from tariffcalc.errors import DataFileError, Problem, TariffError
from tariffcalc.io.datafiles import DataSet, format_dataset, parse_dataset, read_dataset, read_schedule
from tariffcalc.io.datafiles._dataset import citations
from tariffcalc.schedule import Schedule
from tariffcalc.testing import schedules
from tests.helpers.hand_made import CARS_TOML

#: The first line declares the words the text uses (required), inline so every line number stays as it was.
GOOD = (
    """vocabulary = { contents = ["us"], tags = ["extra"] }
[schedule]
name = "tiny"

[instruments."EO 1"]
title = "An order"
known_on = 2025-04-02
applies_from = 2025-04-05
published = "90 FR 1"
url = "https://example.org/eo1"

"""
    + CARS_TOML
    + """
[[measures]]
id = "tiny.extra"
title = "Extra"
kind = "additional"
rate = "10%"
products_file = "codes.txt"
origins = "all -CA"
validity = "2025-04-05/2026-02-24"
basis = "value-less:us>=20%"
tags = ["extra"]
[measures.citation]
instrument = "EO 1"
heading = "9903.01.25"
confidence = "C2"
note = "a \\"quoted\\" note"
[[measures.conditions]]
type = "in-transit"
loaded_before = 2025-04-05
entered_before = 2025-05-27
[measures.conditions.citation]
instrument = "EO 1"

[[suspensions]]
id = "pause"
measures = ["tiny.extra"]
period = "2025-04-10/2025-07-09"
replacement = "5%"
[suspensions.citation]
instrument = "EO 1"
"""
)


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    (tmp_path / "tiny.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "codes.txt").write_text("# cars\n8703.23\n8703.24 # with a comment\n-8703.24.01\n", encoding="utf-8")
    return tmp_path


def test_a_directory_loads(tiny: Path) -> None:
    data = read_dataset(tiny)
    assert data.name == "tiny"
    extra = {m.id: m for m in data.measures}["tiny.extra"]
    assert str(extra.products) == "8703.23 8703.24 -8703.24.01"
    assert str(extra.basis) == "value-less:us>=20%"
    assert extra.citation.note == 'a "quoted" note'
    assert read_schedule(tiny).fingerprint == data.to_schedule().fingerprint


def test_load_dump_load_is_equal(tiny: Path) -> None:
    data = read_dataset(tiny)
    again = parse_dataset(format_dataset(data))
    assert data == again
    assert again.to_schedule() == data.to_schedule()


def test_the_packaged_data_round_trips() -> None:
    data = us2025_data()
    again = parse_dataset(format_dataset(data))
    assert data == again
    assert again.to_schedule().fingerprint == data.to_schedule().fingerprint


def test_a_schedule_dumps_too() -> None:
    schedule = load_schedule("us-2025-measures")
    again = parse_dataset(format_dataset(schedule)).to_schedule()
    # The data-file format has no programme table: the packaged programmes are added when loading.
    assert schedule.programmes
    assert again == Schedule(
        schedule.name,
        schedule.measures,
        rules=schedule.rules,
        suspensions=schedule.suspensions,
        groups=schedule.groups,
        horizon=schedule.horizon,
        legal=schedule.legal,
    )


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(schedules())
def test_any_schedule_round_trips(schedule: Schedule) -> None:
    """Serialising a schedule and loading it back gives an equal schedule (an invariant of docs/explanation/resolution.md)."""
    ids: dict[str, set[Instrument]] = {}
    for c in citations(schedule.measures, schedule.suspensions, schedule.rules):
        ids.setdefault(c.instrument.id, set()).add(c.instrument)
    if any(len(found) > 1 for found in ids.values()):
        # two different instruments under one id cannot be written by id: the dump says so
        with pytest.raises(DataFileError, match="share the id"):
            format_dataset(schedule)
        return
    assert parse_dataset(format_dataset(schedule)).to_schedule() == schedule


def _problems(text: str) -> tuple[str, ...]:
    with pytest.raises(DataFileError) as info:
        parse_dataset(text.replace('products_file = "codes.txt"', 'products = "8703.23 8703.24"'), file="t.toml")
    return info.value.problems


def test_every_problem_is_reported_at_once_with_its_line() -> None:
    text = GOOD.replace('rate = "2.5%"', 'rate = "two"').replace('origins = "all -CA"', 'origins = "all -XX"')
    text = text.replace('confidence = "C2"', 'confidence = "C3"')
    problems = _problems(text)
    assert len(problems) == 3
    assert problems[0].startswith("t.toml:16 measures[0].rate: cannot read 'two'")
    assert problems[1].startswith("t.toml:30 measures[1].origins: 'XX' is not an ISO 3166-1 alpha-2")
    assert problems[2] == "t.toml:37 measures[1].citation.confidence: 'C3' is not a confidence mark; use C2, C1 or U"


def test_shape_problems_name_the_valid_fields() -> None:
    text = GOOD.replace('title = "Cars"', 'title = "Cars"\ncolour = "red"').replace("known_on = 2025-04-02", "")
    problems = _problems(text)
    assert any(
        p.startswith("t.toml:12 measures[0]: unknown field(s) colour; valid fields are id, title, kind")
        for p in problems
    )
    assert any(p.startswith("t.toml:5 instruments['EO 1'].known_on: this required field is missing") for p in problems)


def test_wrong_types_are_problems() -> None:
    problems = _problems(GOOD.replace('rate = "10%"', "rate = 10").replace('tags = ["extra"]', 'tags = "extra"'))
    assert "t.toml:28 measures[1].rate: expected text in quotes, got int 10" in problems
    assert any(p.startswith("t.toml:33 measures[1].tags: expected a list of texts") for p in problems)


def test_unknown_instrument_lists_the_known_ones() -> None:
    problems = _problems(
        GOOD.replace('instrument = "EO 1"\nheading = "8703.23"', 'instrument = "EO 2"\nheading = "8703.23"')
    )
    assert problems == (
        "t.toml:21 measures[0].citation.instrument: unknown instrument 'EO 2'; define it under "
        "[instruments.\"EO 2\"] or use one of: 'EO 1'",
    )


def test_conditions_and_kinds_are_checked() -> None:
    text = GOOD.replace('type = "in-transit"', 'type = "in-orbit"').replace('kind = "base"', 'kind = "basic"')
    problems = _problems(text)
    assert (
        "t.toml:15 measures[0].kind: 'basic' is not valid here (did you mean 'base'?); use base or additional"
        in problems
    )
    assert any(
        p.startswith("t.toml:40 measures[1].conditions[0].type: unknown condition type 'in-orbit'") for p in problems
    )


def test_product_files_are_checked_line_by_line(tiny: Path) -> None:
    (tiny / "codes.txt").write_text("8703.23\n87O3\n", encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        read_dataset(tiny)
    assert len(info.value.problems) == 1
    assert info.value.problems[0].startswith(f"{tiny / 'codes.txt'}:2: a product code has digits")


def test_missing_product_file(tiny: Path) -> None:
    (tiny / "codes.txt").unlink()
    with pytest.raises(DataFileError) as info:
        read_dataset(tiny)
    assert "measures[1].products_file[0]: cannot read products_file 'codes.txt'" in info.value.problems[0]


def test_bad_toml_is_one_problem() -> None:
    assert _problems("[[measures]\nid = ")[0].startswith("t.toml:1: not valid TOML:")


def test_schedule_problems_become_data_file_problems(tiny: Path) -> None:
    (tiny / "more.toml").write_text(
        '[[suspensions]]\nid = "ghost"\nmeasures = ["nope"]\nperiod = "2025-04-10/"\n'
        '[suspensions.citation]\ninstrument = "EO 1"\n',
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as info:
        read_schedule(tiny)
    (problem,) = info.value.problems
    assert isinstance(problem, Problem)
    assert problem.where.endswith("more.toml:1 suspensions[0]")  # the place of the suspension at fault
    assert problem.what == "suspension ghost: no measure 'nope' in the schedule"


def test_instruments_are_defined_once(tiny: Path) -> None:
    (tiny / "again.toml").write_text('[instruments."EO 1"]\ntitle = "Twice"\nknown_on = 2025-01-01\n', encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        read_dataset(tiny)
    assert info.value.problems == (
        f"{tiny / 'tiny.toml'}:5 instruments['EO 1']: instrument 'EO 1' is already defined at {tiny / 'again.toml'}:1",
    )


def test_errors_are_tariff_errors_and_value_errors() -> None:
    with pytest.raises(DataFileError) as info:
        read_dataset("/nonexistent/place")
    assert isinstance(info.value, TariffError)
    assert isinstance(info.value, ValueError)


def test_data_sets_compare_by_content() -> None:
    data = us2025_data()
    shuffled = DataSet(
        data.name,
        tuple(reversed(data.measures)),
        data.suspensions,
        data.rules,
        data.groups,
        data.instruments,
        data.description,
        data.horizon,
        data.legal,
    )
    assert shuffled == data
    assert hash(shuffled) == hash(data)


def test_the_packaged_files_are_plain_files() -> None:
    """Nothing reads outside the package at run time: every list a data file names ships with it."""
    for toml in data_path().glob("*.toml"):
        text = toml.read_text(encoding="utf-8")
        assert not re.search(r'products_file = "(/|\.\.)', text), toml.name  # only lists inside the directory
