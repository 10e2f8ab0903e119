"""Examples and errors of tariffcalc.codes: product codes."""

from __future__ import annotations

import pytest

from tariffcalc import ProductCode
from tariffcalc.errors import InvalidCodeError


class TestParse:
    @pytest.mark.parametrize(
        ("text", "digits"),
        [
            ("8703.23.01.90", "8703230190"),
            ("870323", "870323"),
            (" 8703 23 01 ", "87032301"),
            ("87", "87"),
        ],
    )
    def test_reads_dots_and_spaces(self, text: str, digits: str) -> None:
        assert ProductCode(digits) == ProductCode.parse(text)

    @pytest.mark.parametrize(
        ("digits", "text"),
        [
            ("87", "87"),
            ("8703", "8703"),
            ("870323", "8703.23"),
            ("87032301", "8703.23.01"),
            ("8703230190", "8703.23.01.90"),
        ],
    )
    def test_str_is_the_dotted_hts_form(self, digits: str, text: str) -> None:
        assert text == str(ProductCode(digits))

    def test_wrong_length_names_the_lengths_the_input_and_how_it_was_read(self) -> None:
        with pytest.raises(InvalidCodeError, match=r"2, 4, 6, 8 or 10 digits, got 5 in '8703\.2' \(read as '87032'\)"):
            ProductCode.parse("8703.2")

    def test_letters_are_refused_with_an_example(self) -> None:
        with pytest.raises(InvalidCodeError, match=r"digits and dots only, got '87O3'; e\.g\. '8703\.23\.01\.90'"):
            ProductCode.parse("87O3")

    def test_non_text_is_refused(self) -> None:
        with pytest.raises(InvalidCodeError, match=r"a product code is text such as '8703\.23\.01', got 8703"):
            ProductCode.parse(8703)  # type: ignore[arg-type]

    def test_non_ascii_digits_are_refused(self) -> None:
        with pytest.raises(InvalidCodeError, match="digits and dots only"):
            ProductCode.parse("８７０３")


class TestConstructor:
    def test_digits_only(self) -> None:
        with pytest.raises(InvalidCodeError, match=r"digits only, got '8703\.23'"):
            ProductCode("8703.23")

    def test_length(self) -> None:
        with pytest.raises(InvalidCodeError, match=r"2, 4, 6, 8 or 10 digits, got 3 in '870'"):
            ProductCode("870")

    def test_is_a_value_error(self) -> None:
        with pytest.raises(ValueError, match="digits"):
            ProductCode("")


class TestHierarchy:
    def test_parents_widest_first(self) -> None:
        assert [ProductCode(d) for d in ("87", "8703", "870323", "87032301")] == list(
            ProductCode("8703230190").parents()
        )

    def test_a_chapter_has_no_parents(self) -> None:
        assert ProductCode("87").parents() == ()

    def test_level_is_the_number_of_digits(self) -> None:
        assert [2, 6, 10] == [ProductCode(d).level for d in ("87", "870323", "8703230190")]

    def test_is_within_itself_and_its_prefixes_only(self) -> None:
        code = ProductCode("8703230190")
        assert code.is_within(code)
        assert code.is_within(ProductCode("8703"))
        assert not code.is_within(ProductCode("8704"))
        assert not ProductCode("8703").is_within(code)

    def test_codes_order_by_digits(self) -> None:
        assert sorted([ProductCode("8704"), ProductCode("0101"), ProductCode("87")]) == [
            ProductCode("0101"),
            ProductCode("87"),
            ProductCode("8704"),
        ]
