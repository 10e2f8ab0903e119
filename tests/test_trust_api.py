"""
The public functions raise their documented errors: the library's own
(:mod:`tariffcalc.errors`) for bad values, :class:`TypeError` with a clear
message for wrong types; never an ``AttributeError``, ``KeyError`` or
``OSError`` from inside. And no fact is silently ignored: a quantity in a
unit no duty uses is refused like a misspelt claim.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from tariffcalc import Entry, Period, Schedule
from tariffcalc.datasets import load_schedule
from tariffcalc.errors import DataFileError, InvalidEntryError, TariffError, UnknownNameError, UnknownScheduleError
from tariffcalc.programmes import read_programmes

pd = pytest.importorskip("pandas")

BAD: tuple[Any, ...] = (1, None, [], object(), b"x", 1.5, {"a": 1})
ROW = {"entry": "A", "line": "1", "hts": "9503.00.00.90", "origin": "JP", "entry_date": "2025-05-01", "value": "1000"}


@pytest.fixture(scope="module")
def schedule() -> Schedule:
    return load_schedule("us-2025-26")


def _sites(s: Schedule) -> list[tuple[str, Callable[..., object], list[Any], dict[str, Any]]]:
    from tariffcalc import frames, scenarios
    from tariffcalc import panel as panels
    from tariffcalc.entries import parse_contents, parse_quantities
    from tariffcalc.us import es003, refunds

    frame = pd.DataFrame({"p": ["9503.00.00.90"], "o": ["JP"], "d": [date(2025, 5, 1)], "v": [1000]})
    scenario = scenarios.load_scenario("jp-7-points")
    report = refunds.refund_rows(s, [ROW], as_of=date(2026, 4, 20))
    columns = {"product": "p", "origin": "o", "date": "d", "value": "v"}
    return [
        ("resolve", s.resolve, ["9503.00.00.90", "JP", date(2025, 5, 1)], {"value": Decimal(1000), "claims": []}),
        ("timeline", s.timeline, ["9503.00.00.90", "JP", Period(date(2025, 4, 1), date(2025, 5, 1))], {}),
        ("check_entry", s.check_entry, [Entry.of("9503.00.00.90", "JP", date(2025, 5, 1))], {}),
        ("combine", Schedule.combine, ["x", s], {}),
        ("refund_rows", refunds.refund_rows, [s, [ROW]], {"as_of": date(2026, 4, 20)}),
        ("es003_report", es003.es003_report, [s, [{"entry number": "A"}]], {"as_of": date(2026, 4, 20)}),
        ("cape_files", es003.cape_files, [report, tempfile.mkdtemp()], {}),
        ("cell_amount", refunds.cell_amount, ["value", "1000"], {}),
        ("resolve_frame", frames.resolve_frame, [s, frame], columns),
        ("compare", scenarios.compare, [s, scenario, frame], columns),
        ("apply", scenario.apply, [s], {}),
        ("notes", scenario.notes, [s], {}),
        ("panel", panels.panel, [s, date(2025, 5, 1)], {"products": ["9503.00.00.90"], "origins": ["JP"]}),
        ("parse_contents", parse_contents, [["steel=1"]], {}),
        ("parse_quantities", parse_quantities, [["10kg"]], {}),
        ("read_programmes", read_programmes, [""], {}),
        ("load_schedule", load_schedule, ["us-2025-26"], {}),
    ]


def test_wrong_types_never_leak_an_internal_error(schedule: Schedule) -> None:
    leaks = []
    for name, function, args, kwargs in _sites(schedule):
        for i in range(len(args)):
            for bad in BAD:
                changed = [*args[:i], bad, *args[i + 1 :]]
                try:
                    function(*changed, **kwargs)
                except (TariffError, TypeError):
                    pass
                except Exception as e:  # the probe: anything else is a leak
                    leaks.append(f"{name} argument {i} = {bad!r:.20}: {type(e).__name__}: {e}")
    assert leaks == []


def test_a_wrong_schedule_type_is_named() -> None:
    from tariffcalc.us.refunds import refund_rows

    with pytest.raises(TypeError, match="schedule must be a Schedule, got int 1"):
        refund_rows(1, [ROW])  # type: ignore[arg-type]


def test_load_schedule_with_a_long_name_is_its_own_error() -> None:
    with pytest.raises(UnknownScheduleError, match="at most 255 are allowed"):
        load_schedule("a" * 300)


def test_resolve_frame_names_a_missing_column(schedule: Schedule) -> None:
    from tariffcalc.frames import resolve_frame

    frame = pd.DataFrame({"product": ["9503.00.00.90"], "origin": ["JP"], "date": [date(2025, 5, 1)]})
    with pytest.raises(InvalidEntryError, match="value names the column 'no_col', which the frame lacks"):
        resolve_frame(schedule, frame, value="no_col")
    with pytest.raises(InvalidEntryError, match=r"quantity\['kg'\] names the column 'w'"):
        resolve_frame(schedule, frame, quantity={"kg": "w"})


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("programmes = [1]", "programmes[0] must be a table"),
        ("editions = 1", "editions must be a table"),
        ("editions = {a = 1}", "editions.a must be a table"),
        ("programmes = 1", "programmes must be an array of tables"),
        ("[[programmes]]\nid = 'x'\ncitation = 1", "every programme is cited"),
    ],
)
def test_read_programmes_on_a_minimal_table_is_a_data_file_error(text: str, words: str) -> None:
    with pytest.raises(DataFileError) as info:
        read_programmes(text)
    assert words in str(info.value)


def test_a_quantity_in_an_unknown_unit_is_refused(schedule: Schedule) -> None:
    with pytest.raises(UnknownNameError, match=r"unknown unit 'kgz' .*did you mean 'kg'"):
        schedule.resolve("9503.00.00.90", "JP", date(2025, 5, 1), value=1000, quantities={"kgz": 10})
    # A unit some duty is charged in is accepted, on any line.
    assert schedule.resolve("9503.00.00.90", "JP", date(2025, 5, 1), value=1000, quantities={"kg": 10}).rate is not None


def test_the_command_refuses_an_unknown_unit(capsys: pytest.CaptureFixture[str]) -> None:
    from tariffcalc.cli import main

    argv = ["rate", "9503.00.00.90", "--origin", "JP", "--date", "2025-05-01", "--value", "1000", "--quantity", "10kgz"]
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("tariffcalc: error: unknown unit 'kgz'")
