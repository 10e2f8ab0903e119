# mypy: disable-error-code="arg-type,list-item"
"""Big numbers, zero, wrong Python types and unknown codes: clear errors, never a traceback from deep inside."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from tariffcalc import Citation, Instrument, Measure, MeasureKind, OriginScope, Period, ProductScope
from tariffcalc.cli import main
from tariffcalc.errors import InvalidCodeError, InvalidEntryError, InvalidPeriodError, InvalidRateError
from tariffcalc.rates import AdValorem, Rate, decimal
from tariffcalc.resolution import Rounding
from tariffcalc.schedule import Schedule

DAY = date(2025, 5, 5)
ACT = Instrument("HTS", "Harmonized Tariff Schedule", known_on=date(2025, 1, 1))


def _base(code: str, percent: str = "2.5") -> Measure:
    return Measure(
        f"mfn.{code}",
        code,
        MeasureKind.BASE,
        AdValorem(percent),
        ProductScope.parse(code),
        OriginScope.parse("all"),
        Period(date(2025, 1, 1)),
        Citation(ACT, heading=code),
    )


LINES = Schedule("lines", [_base("8703.23.01.10"), _base("8703.23.01.90"), _base("8708.99")])
CAR = ["7208.10.15.00", "--origin", "JP", "--date", "2025-05-05", "--schedule", "us-2025"]


# --- big numbers ---------------------------------------------------------------------


@pytest.mark.parametrize("value", [Decimal("5e26"), "1e28", 10**30, "1e400", "-1e400", "1e-400"])
def test_out_of_range_values_are_entry_errors(value: Any) -> None:
    with pytest.raises(InvalidEntryError, match="out of range"):
        LINES.resolve("8703.23.01.90", "JP", DAY, value=value)


def test_a_30_digit_rate_is_a_rate_error() -> None:
    with pytest.raises(InvalidRateError, match="out of range"):
        Rate.parse("123456789012345678901234567890%")
    with pytest.raises(InvalidRateError, match="at most 1000000"):
        Rate.parse("2000000%")


def test_the_largest_values_still_compute() -> None:
    r = LINES.resolve("8703.23.01.90", "JP", DAY, value="999999999999999")
    assert Decimal("24999999999999.98") == r.amount  # 2.5% of 999,999,999,999,999, to the cent (half up)


def test_minus_zero_is_zero() -> None:
    assert "0" == str(decimal("-0"))
    r = LINES.resolve("8703.23.01.90", "JP", DAY, value="-0")
    assert Decimal("0.00") == r.amount
    assert not str(r.amount).startswith("-")


def test_a_zero_value_owes_nothing_and_has_no_rate() -> None:
    r = LINES.resolve("8703.23.01.90", "JP", DAY, value=0)
    assert (Decimal("0.00"), None, ()) == (r.amount, r.rate, r.missing)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--value", "1e28"], "--value: '1e28' is out of range"),
        (["--content", "steel=1e400"], "--content steel: '1e400' is out of range"),
        # A comma before two digits could be a decimal comma: refused as ambiguous (tariffcalc.io.numbers).
        (["--quantity", "1,00kg"], "--quantity kg: '1,00' is ambiguous"),
        (["--value", "nan"], "'nan' is not a number"),
    ],
)
def test_the_command_refuses_big_numbers_clearly(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["rate", *CAR, *argv]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


@pytest.mark.parametrize("value", ["0", "-0"])
def test_the_command_prints_a_zero_duty_for_a_zero_value(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rate", *CAR, f"--value={value}"]) == 0
    assert "0.00 (no rate: the customs value is zero)\n" == capsys.readouterr().out
    assert main(["explain", *CAR, f"--value={value}"]) == 0
    out = capsys.readouterr().out
    assert "customs value 0\n" in out
    assert "-0.00" not in out


@pytest.mark.parametrize("quantity", ["1e3kg", "1,000 kg", "1000kg", "1000.0 kg"])
def test_quantities_read_exponents_and_thousands(quantity: str) -> None:
    from tariffcalc.entries import parse_quantities

    assert {"kg": Decimal(1000)} == parse_quantities([quantity])


# --- wrong types ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda: Schedule("s", [None]),
        lambda: Schedule("s", None),
        lambda: Schedule(None),
        lambda: Schedule("s", rules=[1]),
        lambda: LINES.resolve("8703.23.01.90", "JP", DAY, claims=5),
        lambda: LINES.resolve("8703.23.01.90", "JP", DAY, claims=[None]),
        lambda: LINES.resolve("8703.23.01.90", "JP", DAY, quantities=[1]),
        lambda: LINES.resolve("8703.23.01.90", "JP", DAY, contents="steel"),
        lambda: LINES.resolve("8703.23.01.90", "JP", DAY, rounding=None),
        lambda: LINES.timeline("8703.23.01.90", "JP", 2025),  # text and a pair of days are periods too
    ],
)
def test_wrong_python_types_are_type_errors(make: Any) -> None:
    with pytest.raises(TypeError):
        make()


def test_claims_none_means_no_claims() -> None:
    assert frozenset() == LINES.resolve("8703.23.01.90", "JP", DAY, claims=None).entry.claims


def test_a_period_at_the_end_of_the_calendar_says_so() -> None:
    with pytest.raises(InvalidPeriodError, match="can only be open-ended"):
        Period(date(9999, 12, 31), date(9999, 12, 31))
    with pytest.raises(InvalidPeriodError, match="a period must be given as text"):
        Period.parse(None)


@pytest.mark.parametrize("quantum", [0, "-0.01", "1e-7", "1e7"])
def test_rounding_needs_a_sane_quantum(quantum: Any) -> None:
    with pytest.raises(InvalidRateError, match="rounding quantum"):
        Rounding(quantum=quantum)


def test_rounding_mode_must_be_known() -> None:
    with pytest.raises(InvalidRateError, match="rounding mode"):
        Rounding(mode=5)


# --- codes ---------------------------------------------------------------------------


def test_the_api_refuses_a_code_that_is_no_line_and_names_its_neighbours() -> None:
    with pytest.raises(InvalidCodeError, match=r"the lines under 8703\.23\.01 are 8703\.23\.01\.10, 8703\.23\.01\.90"):
        LINES.resolve("8703.23.01.99", "JP", DAY)
    with pytest.raises(InvalidCodeError, match="no tariff line starts with it"):
        LINES.resolve("9999.99.99.99", "JP", DAY)
    with pytest.raises(InvalidCodeError, match="give a more specific code"):
        LINES.resolve("8703", "JP", DAY)


def test_strict_false_resolves_any_code() -> None:
    assert LINES.resolve("8703.23.01.99", "JP", DAY, value=100, strict=False).lines == ()


def test_a_code_under_a_line_without_lines_of_its_length_is_fine() -> None:
    assert Decimal("2.5") == LINES.resolve("8708.99.81.80", "JP", DAY, value=100).rate


def test_codes_are_checked_against_the_lines_in_force_that_day() -> None:
    # Before any base line is in force there is nothing to check against.
    assert () == LINES.resolve("9999.99.99.99", "JP", date(2024, 12, 31), strict=True).lines


def test_a_schedule_without_base_measures_accepts_every_code() -> None:
    assert () == Schedule("none").resolve("9999.99.99.99", "JP", DAY).lines


def test_the_packaged_schedule_refuses_the_codes_the_command_refuses() -> None:
    from tariffcalc.datasets import load_schedule

    us = load_schedule("us-2025")
    for code in ("9999.99.99.99", "8703.23.01.99"):
        with pytest.raises(InvalidCodeError):
            us.resolve(code, "JP", DAY)
