"""The exception hierarchy: one base class, each leaf also the builtin it refines, messages that help."""

from __future__ import annotations

import pickle

import pytest

import tariffcalc
from tariffcalc import TariffError
from tariffcalc.errors import (
    DataFileError,
    InvalidCodeError,
    InvalidCountryError,
    InvalidEntryError,
    InvalidMeasureError,
    InvalidPeriodError,
    InvalidRateError,
    MissingFactError,
    Problem,
    RateTextError,
    ScheduleError,
    UnknownScheduleError,
)


@pytest.mark.parametrize(
    ("leaf", "builtin"),
    [
        (InvalidCodeError, ValueError),
        (InvalidCountryError, ValueError),
        (InvalidPeriodError, ValueError),
        (InvalidRateError, ValueError),
        (RateTextError, ValueError),
        (InvalidMeasureError, ValueError),
        (InvalidEntryError, ValueError),
        (MissingFactError, LookupError),
        (UnknownScheduleError, LookupError),
        (ScheduleError, ValueError),
        (DataFileError, ValueError),
    ],
)
def test_every_leaf_is_a_tariff_error_and_its_builtin(leaf: type[Exception], builtin: type[Exception]) -> None:
    assert issubclass(leaf, TariffError)
    assert issubclass(leaf, builtin)


def test_the_design_name_of_the_base_class_is_not_kept() -> None:
    # Nothing was released under the early name: only TariffError exists.
    assert not hasattr(tariffcalc, "TariffcalcError")


class TestManyProblems:
    def test_every_problem_is_listed_under_the_headline(self) -> None:
        error = ScheduleError("schedule 'x' is not consistent", ["first", "second"])
        assert "schedule 'x' is not consistent (2 problem(s)):\n  - first\n  - second" == str(error)
        assert ("first", "second") == error.problems
        assert "schedule 'x' is not consistent" == error.headline

    def test_pickles_with_its_problems(self) -> None:
        error = DataFileError("us.toml: cannot load", [Problem("not a rate", where="us.toml:3 measures[0].rate")])
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is DataFileError
        assert str(error) == str(copy)
        assert error.problems == copy.problems
        assert "us.toml:3 measures[0].rate" == copy.problems[0].where  # type: ignore[attr-defined]


class TestProblem:
    def test_where_and_what(self) -> None:
        p = Problem("what is wrong", where="us.toml:3 measures[0].rate")
        assert "us.toml:3 measures[0].rate: what is wrong" == p
        assert ("us.toml:3 measures[0].rate", "what is wrong") == (p.where, p.what)
        assert "alone" == Problem("alone")

    def test_pickles(self) -> None:
        p = Problem("what", where="here")
        copy = pickle.loads(pickle.dumps(p))
        assert (p, p.where, p.what) == (copy, copy.where, copy.what)


class TestMissingFact:
    def test_carries_the_facts(self) -> None:
        error = MissingFactError("$1/kg needs the quantity in kg", ["quantity in kg"])
        assert ("quantity in kg",) == error.facts
        assert "$1/kg needs the quantity in kg" == str(error)

    def test_facts_default_to_none(self) -> None:
        assert () == MissingFactError("x").facts


class TestUnknownSchedule:
    def test_names_the_packaged_schedules(self) -> None:
        from tariffcalc.datasets import load_schedule

        with pytest.raises(UnknownScheduleError, match=r"no packaged schedule 'no-such-schedule' \(packaged: us-2025"):
            load_schedule("no-such-schedule")
