"""
The TOML data-file reader's error paths (horizons, instruments, legal status,
groups, rules, preferences, field types, directories) and the writer's
escapes, clashes and file output.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from tariffcalc.citations import Citation, Instrument
from tariffcalc.errors import DataFileError
from tariffcalc.io.datafiles import format_dataset, parse_dataset, read_dataset, write_dataset
from tariffcalc.io.datafiles.schema import CONDITION_TYPES
from tests.helpers.hand_made import CARS_TOML

#: The first line declares the words the tests use (required), inline so every line number stays as it was.
BASE = (
    """vocabulary = { claims = ["usmca", "au", "for-mhdv", "for-passenger-vehicle"], contents = ["us"], tags = ["x", "y"], laws = ["IEEPA", "S122"] }
[schedule]
name = "tiny"
horizon = "2025-01-01/2026-01-01"

[instruments."EO 1"]
title = "An order"
known_on = 2025-04-02

"""
    + CARS_TOML
)

AUTHORITY = """
[[authorities]]
id = "a1"
title = "Auth"
law = "IEEPA"
tags = ["x"]
"""

STATUS = """
[[status]]
id = "s1"
law = "IEEPA"
on = 2025-05-28
kind = "held-unlawful"
title = "A ruling"
[status.citation]
instrument = "EO 1"
"""

RULE = """
[[rules]]
id = "r1"
when = "x"
drops = "y"
displaces = "entry"
validity = "2025-01-01/"
[rules.citation]
instrument = "EO 1"
"""

GROUP = """
[[groups]]
id = "G"
name = "Gee"
members = [{ country = "DE", period = "2025-01-01/" }]
"""


def problems(text: str) -> tuple[str, ...]:
    with pytest.raises(DataFileError) as info:
        parse_dataset(text, file="t.toml")
    assert str(info.value).startswith("t.toml: cannot load the data file")
    return tuple(info.value.problems)


def test_the_base_text_reads_with_its_horizon_and_legal_status() -> None:
    data = parse_dataset(BASE + AUTHORITY + STATUS, file="t.toml")
    assert str(data.horizon) == "2025-01-01/2026-01-01"
    assert data.legal is not None
    assert [a.id for a in data.legal.authorities] == ["a1"]
    assert [e.id for e in data.legal.events] == ["s1"]


def test_a_horizon_needs_a_last_day() -> None:
    assert problems(BASE.replace('"2025-01-01/2026-01-01"', '"2025-01-01/"')) == (
        "t.toml:4 schedule.horizon: a horizon needs a last day, got '2025-01-01/'; "
        "write START/END, e.g. '2025-01-01/2026-06-28'",
    )


def test_a_horizon_must_be_a_period() -> None:
    (problem,) = problems(BASE.replace('"2025-01-01/2026-01-01"', '"soon"'))
    assert problem.startswith("t.toml:4 schedule.horizon: 'soon' is not a period")


def test_a_bad_instrument_id_is_reported_and_so_is_a_citation_of_a_missing_one() -> None:
    assert problems(BASE.replace('[instruments."EO 1"]', '[instruments.""]')) == (
        "t.toml:6 instruments['']: id must be a non-empty one-line text without surrounding spaces, got ''",
        "t.toml:19 measures[0].citation.instrument: unknown instrument 'EO 1'; define it under "
        '[instruments."EO 1"] or use one of: none defined',
    )


def test_a_known_on_day_may_be_a_quoted_day_but_not_a_number() -> None:
    quoted = parse_dataset(BASE.replace("known_on = 2025-04-02", 'known_on = "2025-04-02"'))
    assert str(quoted.instruments[0].known_on) == "2025-04-02"
    assert problems(BASE.replace("known_on = 2025-04-02", "known_on = 5")) == (
        "t.toml:8 instruments['EO 1'].known_on: expected a day such as 2025-04-05 (a TOML date), got int 5",
    )


def test_an_authority_defined_twice_is_reported() -> None:
    assert problems(BASE + AUTHORITY + AUTHORITY + STATUS) == (
        "t.toml:28 authorities[1]: authority 'a1' is defined twice: first at t.toml:22 authorities[0]",
    )


def test_a_status_defined_twice_is_reported() -> None:
    assert problems(BASE + AUTHORITY + STATUS + STATUS) == (
        "t.toml:37 status[1]: status 's1' is defined twice: first at t.toml:28 status[0]",
    )


def test_a_status_needs_an_authority_with_its_law() -> None:
    assert problems(BASE + AUTHORITY + STATUS.replace('law = "IEEPA"', 'law = "S122"')) == (
        "t.toml:28 status[0]: status 's1': no authority has law 'S122'; known: ['IEEPA']",
    )


def test_a_bad_authority_is_reported_with_its_place() -> None:
    assert problems(BASE + AUTHORITY.replace('law = "IEEPA"', 'law = ""') + STATUS) == (
        "t.toml:22 authorities[0]: law must be a non-empty one-line text without surrounding spaces, got ''",
        # The status's law has no authority only because that authority failed: a cascade, not reported.
    )


def test_a_bad_status_kind_lists_the_kinds() -> None:
    (problem,) = problems(BASE + AUTHORITY + STATUS.replace("held-unlawful", "held-nice"))
    assert problem.startswith("t.toml:32 status[0].kind: 'held-nice' is not valid here; use enjoined, stayed, ")


def test_a_status_flag_must_be_true_or_false() -> None:
    assert problems(BASE + AUTHORITY + STATUS.replace('title = "A ruling"', 'title = "A ruling"\nfinal = "yes"')) == (
        "t.toml:34 status[0].final: expected true or false, got str 'yes'",
    )


def test_a_group_member_with_a_bad_country_is_reported() -> None:
    (problem,) = problems(BASE + GROUP.replace('"DE"', '"XX"'))
    assert problem.startswith("t.toml:25 groups[0].members[0]: 'XX' is not an ISO 3166-1 alpha-2 country code")


def test_a_bad_group_id_is_reported() -> None:
    (problem,) = problems(BASE + GROUP.replace('id = "G"', 'id = "bad id!"'))
    assert problem.startswith("t.toml:22 groups[0]: a group id starts with a letter")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('validity = "2025-01-01/"', 'validity = "soon"', "t.toml:27 rules[0].validity: 'soon' is not a period"),
        (
            'displaces = "entry"',
            'displaces = "all"',
            "t.toml:26 rules[0].displaces: 'all' is not valid here; use entry or slice",
        ),
    ],
)
def test_bad_rules_are_reported_with_their_field(old: str, new: str, expected: str) -> None:
    (problem,) = problems(BASE + RULE.replace(old, new))
    assert problem.startswith(expected)


def test_a_measure_needs_products() -> None:
    assert problems(BASE.replace('products = "8703.23"\n', "")) == (
        't.toml:10 measures[0]: a measure needs products (e.g. "all" or "8703.23 8703.24") or products_file',
    )


def test_a_products_file_needs_a_path_to_be_relative_to() -> None:
    assert problems(BASE.replace('products = "8703.23"', 'products_file = "x.txt"')) == (
        "t.toml:15 measures[0].products_file[0]: products_file 'x.txt' needs the data file to be read from a path",
    )


def test_a_bad_preference_rate_is_reported() -> None:
    (problem,) = problems(BASE + '[[measures.preferences]]\nclaim = "kr"\nrate = "lots"\n')
    assert problem.startswith("t.toml:21 measures[0].preferences[0]: cannot read 'lots' in rate 'lots'")


def test_a_bad_measure_id_is_reported_at_the_measure() -> None:
    (problem,) = problems(BASE.replace('id = "tiny.base"', 'id = "Tiny Base!"'))
    assert problem.startswith("t.toml:10 measures[0]: id 'Tiny Base!' is not a measure id")


def test_a_condition_missing_a_field_names_it() -> None:
    text = BASE + '[[measures.conditions]]\ntype = "in-transit"\nloaded_before = 2025-04-05\n'
    assert problems(text) == ("t.toml:21 measures[0].conditions[0]: a in-transit condition needs entered_before",)


def test_tags_must_all_be_texts() -> None:
    text = BASE.replace('validity = "2025-01-01/"', 'validity = "2025-01-01/"\ntags = ["a", 3]')
    assert problems(text) == ("t.toml:18 measures[0].tags: expected texts in quotes, got 3",)


def test_parse_dataset_refuses_bytes() -> None:
    with pytest.raises(TypeError, match="a data file's text must be str, got bytes"):
        parse_dataset(b"[schedule]")  # type: ignore[arg-type]


def test_a_data_set_is_not_equal_to_other_things() -> None:
    data = parse_dataset(BASE)
    assert data != "tiny"
    assert data == parse_dataset(BASE)


# --- directories ----------------------------------------------------------------------


def test_a_second_schedule_table_in_a_directory_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(BASE, encoding="utf-8")
    (tmp_path / "b.toml").write_text('[schedule]\nname = "two"\n', encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        read_dataset(tmp_path)
    assert info.value.problems == (
        f"{tmp_path / 'b.toml'}:1 schedule: a second [schedule] table; name the schedule once",
    )


def test_a_file_that_is_not_utf8_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(BASE, encoding="utf-8")
    (tmp_path / "b.toml").write_bytes(b"\xff\xfe bad")
    with pytest.raises(DataFileError) as info:
        read_dataset(tmp_path)
    (problem,) = info.value.problems
    assert problem == f"{tmp_path / 'b.toml'}:1: it is UTF-16 text; save it as UTF-8"


def test_an_empty_directory_has_no_data_files(tmp_path: Path) -> None:
    with pytest.raises(DataFileError) as info:
        read_dataset(tmp_path)
    assert str(info.value).startswith(f"{tmp_path}: no data files")
    assert info.value.problems == (f"{tmp_path}: no *.toml file in this directory",)


# --- writing ----------------------------------------------------------------------------


def test_control_characters_are_written_as_escapes_and_read_back() -> None:
    data = parse_dataset(BASE.replace('title = "Cars"', 'title = "Cars\\u0001\\u007f"'))
    text = format_dataset(data)
    assert 'title = "Cars\\u0001\\u007f"' in text
    assert parse_dataset(text) == data


def test_two_different_instruments_with_one_id_cannot_be_written() -> None:
    data = parse_dataset(BASE)
    (measure,) = data.measures
    other = Citation(Instrument("EO 1", "Another order", known_on=measure.citation.instrument.known_on))
    clash = attrs.evolve(data, measures=(attrs.evolve(measure, citation=other),))
    with pytest.raises(DataFileError) as info:
        format_dataset(clash)
    assert str(info.value).startswith("cannot write the data file")
    assert info.value.problems == ("two different instruments share the id 'EO 1'",)


def test_write_dataset_writes_the_file(tmp_path: Path) -> None:
    data = parse_dataset(BASE)
    target = tmp_path / "out.toml"
    write_dataset(data, target)
    assert target.read_text(encoding="utf-8") == format_dataset(data)
    assert read_dataset(target) == data


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(BASE, encoding="utf-8")
    with (tmp_path / "big.toml").open("wb") as f:
        f.truncate(2_000_001)
    with pytest.raises(DataFileError) as info:
        read_dataset(tmp_path)
    assert info.value.problems == (
        f"{tmp_path / 'big.toml'}: refused before parsing: the data file has 2,000,001 bytes; at most 2,000,000 are read",
    )


# --- schedule checks beside field problems ----------------------------------------------

MEASURE = "[[measures]]" + BASE.split("[[measures]]")[1]
BAD_KIND = MEASURE.replace("tiny.base", "tiny.bad").replace('kind = "base"', 'kind = "basic"')


def test_a_repeated_id_is_placed_at_its_repeat_beside_a_field_problem() -> None:
    repeat = MEASURE.replace('kind = "base"', 'kind = "additional"').replace("2.5%", "5%")
    assert problems(BASE + repeat + BAD_KIND) == (
        "t.toml:21 measures[1]: measure 'tiny.base' is defined twice: first at t.toml:10 measures[0]",
        "t.toml:35 measures[2].kind: 'basic' is not valid here (did you mean 'base'?); use base or additional",
    )


def test_a_suspension_of_no_measure_is_placed_at_the_suspension_beside_a_field_problem() -> None:
    pause = (
        '\n[[suspensions]]\nid = "pause"\nmeasures = ["nope"]\nperiod = "2025-04-10/2025-07-09"\n'
        '[suspensions.citation]\ninstrument = "EO 1"\n'
    )
    assert problems(BASE + BAD_KIND + pause) == (
        "t.toml:24 measures[1].kind: 'basic' is not valid here (did you mean 'base'?); use base or additional",
        "t.toml:33 suspensions[0]: suspension pause: no measure 'nope' in the schedule",
    )


def test_a_product_list_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    (tmp_path / "t.toml").write_text(BASE.replace('products = "8703.23"', 'products_file = "codes.txt"'), "utf-8")
    (tmp_path / "codes.txt").write_bytes(b"8703.23\n\xff\n")
    with pytest.raises(DataFileError) as info:
        read_dataset(tmp_path)
    assert info.value.problems == (
        f"{tmp_path / 't.toml'}:15 measures[0].products_file[0]: products_file 'codes.txt': "
        "the product list is not UTF-8 text",
    )


CONDITIONS = {
    "in-transit": "loaded_before = 2025-04-05\nentered_before = 2025-05-27",
    "not-if-claimed": 'claim = "usmca"',
    "only-if-claimed": 'claim = "au"',
    "content-share": 'content = "us"\nminimum = "20"\ninclusive = false',
    "use-claimed": 'claim = "for-mhdv"\notherwise = "for-passenger-vehicle"',
}


def test_every_condition_type_is_written_and_read_back() -> None:
    """The reader and the writer share one table of condition types: each one round-trips."""
    assert set(CONDITION_TYPES) == set(CONDITIONS)
    text = BASE + "".join(
        f'[[measures.conditions]]\ntype = "{kind}"\n{fields}\n[measures.conditions.citation]\ninstrument = "EO 1"\n'
        for kind, fields in CONDITIONS.items()
    )
    data = parse_dataset(text)
    (measure,) = data.measures

    assert [CONDITION_TYPES[k] for k in CONDITIONS] == [type(c) for c in measure.conditions]
    assert parse_dataset(format_dataset(data)) == data


def test_an_unknown_condition_type_lists_the_known_ones() -> None:
    text = BASE + '[[measures.conditions]]\ntype = "sometimes"\n'

    assert problems(text) == (
        "t.toml:22 measures[0].conditions[0].type: unknown condition type 'sometimes'; "
        "use in-transit, not-if-claimed, only-if-claimed, content-share or use-claimed",
    )


def test_an_unknown_field_of_an_authority_lists_its_fields() -> None:
    assert problems(BASE + AUTHORITY + 'colour = "red"\n') == (
        "t.toml:22 authorities[0]: unknown field(s) colour; valid fields are id, title, law, tags",
    )
