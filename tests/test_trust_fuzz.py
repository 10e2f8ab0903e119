"""
Arbitrary text, numbers and Python values thrown at the public parsers,
the TOML loader, ``Schedule.resolve`` and the command's argument handling:
only :class:`TariffError` subclasses (or ``TypeError`` for a wrong Python
type) may escape, never ``AttributeError``, ``OverflowError``,
``KeyError``, ``decimal.InvalidOperation`` or ``RecursionError``.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tariffcalc import Country, OriginScope, Period, ProductCode, ProductScope
from tariffcalc.cli import main
from tariffcalc.errors import TariffError
from tariffcalc.io.datafiles import parse_dataset
from tariffcalc.rates import Rate
from tariffcalc.resolution import Rounding
from tariffcalc.schedule import Schedule
from tariffcalc.testing import schedules

_TEXT = st.one_of(
    st.text(max_size=40),
    st.from_regex(r"[0-9.,eE+\-%$/ a-zA-Z]{0,30}", fullmatch=True),
    st.sampled_from(["1e400", "-0", "5e26", "NaN", "Infinity", "9999-12-31/", "9999-12-31/9999-12-31", "all -@x"]),
)
_NUMBER = st.one_of(
    st.integers(),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.floats(),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.builds(lambda m, e: f"{m}e{e}", st.integers(-999, 999), st.integers(-500, 500)),
)
_ANY = st.one_of(
    st.none(), st.booleans(), _NUMBER, _TEXT, st.lists(_TEXT, max_size=3), st.dictionaries(_TEXT, _NUMBER, max_size=2)
)
_DAY = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 1, 1))


def _only_ours(action: Callable[[], Any]) -> None:
    with contextlib.suppress(TariffError, TypeError):
        action()


@given(_ANY)
@settings(max_examples=300)
def test_parsers_raise_only_tariff_errors(value: Any) -> None:
    for parse in (ProductCode.parse, Country.parse, Period.parse, Rate.parse, OriginScope.parse, ProductScope.parse):
        _only_ours(lambda parse=parse: parse(value))  # type: ignore[misc]
    _only_ours(lambda: Rounding(value))


@given(
    st.text(max_size=200) | st.sampled_from(["a = " + "[" * 600, "x" + ".x" * 5000 + " = 1", "[[measures]]\nid = 1"])
)
@settings(max_examples=200)
def test_the_toml_loader_raises_only_tariff_errors(text: str) -> None:
    _only_ours(lambda: parse_dataset(text))


@given(schedules(), _ANY, _ANY, st.one_of(_DAY, _ANY), _ANY, _ANY, _ANY, st.booleans())
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_resolve_raises_only_tariff_errors(
    schedule: Schedule, product: Any, origin: Any, on: Any, value: Any, content: Any, claims: Any, strict: bool
) -> None:
    _only_ours(
        lambda: schedule.resolve(
            product if isinstance(product, str) else "8703.23.01.90",
            origin if isinstance(origin, str) else "JP",
            on,
            value=value,
            contents=content,
            claims=claims,
            strict=strict,
        )
    )


@given(schedules(), _NUMBER, st.dictionaries(st.sampled_from(["steel", "us"]), _NUMBER, max_size=2), _DAY)
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_resolve_with_any_number_raises_only_tariff_errors(
    schedule: Schedule, value: Any, content: Any, on: date
) -> None:
    product = next(iter(sorted(str(p) for m in schedule.measures for p in m.products.include)), "8703")
    _only_ours(lambda: schedule.resolve(product, "JP", on, value=value, contents=content, strict=False))


_ARG = st.one_of(_TEXT, _NUMBER.map(str))


@given(
    st.sampled_from(["rate", "explain"]),
    _ARG,
    _ARG,
    _ARG,
    st.lists(
        st.tuples(st.sampled_from(["--value", "--content", "--quantity", "--claim", "--loaded"]), _ARG), max_size=3
    ),
)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_command_never_shows_a_traceback(command: str, product: str, origin: str, day: str, options: Any) -> None:
    argv = [command, product, "--origin", origin, "--date", day, "--schedule", "us-2025-measures"]
    for option, value in options:
        argv += [f"{option}={value}"]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(argv)
        except SystemExit as e:  # argparse's usage errors
            status = e.code if isinstance(e.code, int) else 2
    assert status in (0, 2)


def test_known_hostile_numbers_are_clear_errors() -> None:
    s = Schedule("empty")
    for value in (Decimal("5e26"), "1e28", 10**30, "1e-400"):
        _only_ours(lambda value=value: s.resolve("8703", "JP", date(2025, 1, 1), value=value))  # type: ignore[misc]
