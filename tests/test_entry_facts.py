"""The facts of an entry: one parser for their typed forms, and ``contents=`` as the keyword of ``Entry.contents``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from tariffcalc import Citation, Entry, Instrument, Measure, MeasureKind, OriginScope, Period, ProductScope, Schedule
from tariffcalc.entries import parse_amount, parse_contents, parse_quantities
from tariffcalc.errors import InvalidEntryError
from tariffcalc.measures import ContentValue
from tariffcalc.rates import AdValorem
from tariffcalc.restatement import restate

DAY = date(2025, 5, 5)
ACT = Instrument("EO 1", "An act", known_on=date(2025, 1, 1))
STEEL = Measure(
    "steel",
    "Steel content",
    MeasureKind.ADDITIONAL,
    AdValorem(50),
    ProductScope.parse("8708"),
    OriginScope.parse("all"),
    Period(date(2025, 1, 1)),
    Citation(ACT),
    basis=ContentValue("steel"),
)
SCHEDULE = Schedule("s", [STEEL])


class TestContentsKeyword:
    def test_contents_sets_the_field_of_the_same_name(self) -> None:
        entry = Entry.of("8708.30", "JP", DAY, value=100, contents={"Steel": 40})
        assert (("steel", Decimal(40)),) == entry.contents

    @pytest.mark.parametrize("call", ["of", "resolve", "timeline", "restate"])
    def test_the_unreleased_content_spelling_is_refused(self, call: str) -> None:
        # Nothing was released with content=, so it is an unknown keyword like any other.
        facts: dict[str, object] = {"value": 100, "content": {"steel": 40}}
        calls: dict[str, Callable[[], object]] = {
            "of": lambda: Entry.of("8708.30", "JP", DAY, **facts),  # type: ignore[arg-type]
            "resolve": lambda: SCHEDULE.resolve("8708.30", "JP", DAY, strict=False, **facts),  # type: ignore[arg-type]
            "timeline": lambda: SCHEDULE.timeline("8708.30", "JP", Period(DAY, date(2025, 5, 9)), **facts),  # type: ignore[arg-type]
            "restate": lambda: restate(SCHEDULE, "8708.30", "JP", DAY, **facts),  # type: ignore[arg-type]
        }
        with pytest.raises(TypeError, match=r"unexpected keyword argument 'content'"):
            calls[call]()


class TestTypedFacts:
    def test_amounts_contents_and_quantities(self) -> None:
        assert Decimal("1234.5") == parse_amount("--value", "1234.50")
        assert {"aluminum": Decimal(800), "steel": Decimal(5000)} == parse_contents(["steel=5000", "Aluminum=800"])
        assert {"kg": Decimal(1000), "No.": Decimal(2)} == parse_quantities(["1,000 kg", "2 No."])

    @pytest.mark.parametrize(
        ("parse", "items", "message"),
        [
            (parse_contents, ["steel=1", "STEEL=2"], r"^--x 'steel' is given twice$"),
            (parse_contents, ["steel=-3"], r"^--x steel must not be negative, got -3$"),
            (parse_contents, ["=3"], r"^--x '=3': write NAME=VALUE, e.g. steel=5000$"),
            (parse_quantities, ["1kg", "2 kg"], r"^--x in 'kg' is given twice$"),
            (parse_quantities, ["kg"], r"^--x 'kg': write an amount and a unit"),
        ],
    )
    def test_messages_name_the_field(self, parse: object, items: list[str], message: str) -> None:
        with pytest.raises(InvalidEntryError, match=message):
            parse(items, "--x")  # type: ignore[operator]

    def test_a_number_is_plain_digits(self) -> None:
        with pytest.raises(
            InvalidEntryError, match=r"^value: '1_000' is not a number; write e.g. 5000, 1234.56 or \$10,000$"
        ):
            parse_amount("value", "1_000")

    @pytest.mark.parametrize(
        ("text", "amount"),
        [("10000", "10000"), ("10,000", "10000"), ("$10,000", "10000"), ("$1,234.50", "1234.5"), (" $5000 ", "5000")],
    )
    def test_a_value_takes_the_unambiguous_forms_quantities_take(self, text: str, amount: str) -> None:
        assert Decimal(amount) == parse_amount("--value", text)
        # the same digits as a quantity: '10,000 kg' is 10000 kg
        assert {"kg": Decimal(amount)} == parse_quantities([f"{text.strip().removeprefix('$')} kg"])

    @pytest.mark.parametrize("text", ["1,5", "1.000,00", "10,00", "1,0000"])
    def test_a_comma_that_could_be_a_decimal_separator_is_refused(self, text: str) -> None:
        with pytest.raises(InvalidEntryError, match="ambiguous: a comma there could be a thousands or a decimal"):
            parse_amount("--value", text)
