"""Examples and errors of tariffcalc.rates: every rate class, its amount, its text, and refused inputs."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tariffcalc.errors import InvalidRateError, MissingFactError, RateTextError
from tariffcalc.rates import (
    AdValorem,
    AllIn,
    Bounded,
    Compound,
    Free,
    NotComputable,
    OnContent,
    Rate,
    Specific,
    decimal,
    normalise_content,
    normalise_unit,
)


class TestDecimal:
    def test_exact_numbers_are_normalised(self) -> None:
        assert (Decimal("2.5"), Decimal(7), Decimal(10)) == (decimal("2.50"), decimal(7), decimal(Decimal("1E+1")))

    def test_floats_are_refused_with_the_exact_spelling(self) -> None:
        with pytest.raises(
            InvalidRateError,
            match=r"0\.1 is a float; give rates and money as Decimal, int or str \(e\.g\. Decimal\('0\.1'\)\)",
        ):
            decimal(0.1)

    def test_floats_are_refused_by_every_rate(self) -> None:
        with pytest.raises(InvalidRateError, match="is a float"):
            AdValorem(2.5)
        with pytest.raises(InvalidRateError, match="is a float"):
            Specific(0.5, "kg")
        with pytest.raises(InvalidRateError, match="is a float"):
            AllIn(15.0)

    @pytest.mark.parametrize("value", [True, None, [1]])
    def test_other_types(self, value: object) -> None:
        with pytest.raises(InvalidRateError, match=r"expected a decimal number, got"):
            decimal(value)

    def test_not_a_number(self) -> None:
        with pytest.raises(InvalidRateError, match=r"'2,5' is not a decimal number, e\.g\. '2\.5'"):
            decimal("2,5")

    def test_not_finite(self) -> None:
        with pytest.raises(InvalidRateError, match=r"'Infinity' is not a finite decimal number"):
            decimal("Infinity")


class TestAmounts:
    def test_free(self) -> None:
        assert Decimal(0) == Free().amount()

    def test_ad_valorem_is_a_percentage_of_the_value(self) -> None:
        assert Decimal(1000) == AdValorem("2.5").amount(value=Decimal(40000))

    def test_ad_valorem_without_a_value_says_so(self) -> None:
        with pytest.raises(MissingFactError, match=r"2\.5% needs the customs value") as caught:
            AdValorem("2.5").amount()
        assert ("customs value",) == caught.value.facts

    def test_specific_is_money_per_unit(self) -> None:
        assert Decimal("3.000") == Specific("0.015", "kg").amount(quantities={"kg": Decimal(200)})

    def test_specific_without_its_quantity_names_the_unit(self) -> None:
        with pytest.raises(MissingFactError, match=r"\$0\.015/kg needs the quantity in kg") as caught:
            Specific("0.015", "kg").amount(value=Decimal(1000), quantities={"liter": Decimal(1)})
        assert ("quantity in kg",) == caught.value.facts

    def test_on_content_charges_the_content_value(self) -> None:
        assert Decimal(3) == OnContent(AdValorem(6), "case").amount(value=Decimal(900), contents={"case": Decimal(50)})

    def test_on_content_without_the_content_says_which(self) -> None:
        with pytest.raises(MissingFactError, match=r"6% on case needs the value of the case content"):
            OnContent(AdValorem(6), "case").amount(value=Decimal(100))

    def test_compound_adds_its_parts_and_lists_every_missing_fact(self) -> None:
        rate = Compound((Specific("0.015", "kg"), AdValorem(5)))
        assert Decimal("53.000") == rate.amount(Decimal(1000), {"kg": Decimal(200)})
        with pytest.raises(MissingFactError, match=r"needs the quantity in kg, the customs value") as caught:
            rate.amount()
        assert ("quantity in kg", "customs value") == caught.value.facts

    def test_bounded_minimum_and_maximum(self) -> None:
        floor = Bounded(AdValorem(10), minimum=Specific(1, "kg"))
        assert Decimal(8) == floor.amount(Decimal(50), {"kg": Decimal(8)})  # 10% of 50 = 5 < 8 x $1
        assert Decimal(10) == floor.amount(Decimal(100), {"kg": Decimal(8)})  # 10 > 8
        ceiling = Bounded(AdValorem(12), maximum=AdValorem(5))
        assert Decimal(5) == ceiling.amount(Decimal(100))

    def test_all_in_tops_up_never_below_zero(self) -> None:
        assert Decimal("12.5") == AllIn(15).top_up(value=Decimal(100), base_duty=Decimal("2.5"))
        assert Decimal(0) == AllIn(15).top_up(value=Decimal(100), base_duty=Decimal(25))

    def test_all_in_has_no_amount_of_its_own(self) -> None:
        with pytest.raises(InvalidRateError, match=r"all-in 15% depends on the base duty of the entry; use top_up"):
            AllIn(15).amount(Decimal(100))

    def test_not_computable_is_a_missing_fact_never_zero(self) -> None:
        rate = NotComputable("sliding scale", "see note 2(a)")
        with pytest.raises(
            MissingFactError, match=r"not computable here \(sliding scale\): 'see note 2\(a\)'"
        ) as caught:
            rate.amount(Decimal(100))
        assert ("the duty worked out by hand (sliding scale: 'see note 2(a)')",) == caught.value.facts

    def test_proportionality(self) -> None:
        assert AdValorem(5).is_proportional()
        assert Free().is_proportional()
        assert not Specific(1, "kg").is_proportional()
        assert not Compound((AdValorem(5), Specific(1, "kg"))).is_proportional()
        assert Compound((AdValorem(5), AdValorem(1))).is_proportional()
        assert not Bounded(AdValorem(10), minimum=Specific(1, "kg")).is_proportional()
        assert not OnContent(AdValorem(5), "steel").is_proportional()


class TestText:
    @pytest.mark.parametrize(
        ("text", "rate"),
        [
            ("Free", Free()),
            ("2.5%", AdValorem("2.5")),
            ("$0.015/kg", Specific("0.015", "kg")),
            ("1.2 EUR/kg", Specific("1.2", "kg", "EUR")),
            ("6% on case", OnContent(AdValorem(6), "case")),
            ("$0.015/kg + 5%", Compound((Specific("0.015", "kg"), AdValorem(5)))),
            ("12% MIN $0.5/kg MAX 20%", Bounded(AdValorem(12), Specific("0.5", "kg"), AdValorem(20))),
            ("all-in 15%", AllIn(15)),
            ("not computable: sliding scale | see note", NotComputable("sliding scale", "see note")),
            ("not computable: sliding scale | ", NotComputable("sliding scale")),
        ],
    )
    def test_canonical_text_round_trips(self, text: str, rate: Rate) -> None:
        assert rate == Rate.parse(text)
        assert rate == Rate.parse(str(rate))

    def test_whitespace_is_normalised(self) -> None:
        assert AdValorem(5) == Rate.parse("  5%  ")

    def test_unreadable_term_lists_the_canonical_terms(self) -> None:
        with pytest.raises(
            RateTextError, match=r"cannot read '5 percent' in rate '5 percent'; canonical terms are 'Free', '2\.5%'"
        ):
            Rate.parse("5 percent")

    def test_non_text(self) -> None:
        with pytest.raises(RateTextError, match=r"a rate is text such as '2\.5%', got 5"):
            Rate.parse(5)  # type: ignore[arg-type]

    def test_a_rate_text_error_is_an_invalid_rate_error(self) -> None:
        assert issubclass(RateTextError, InvalidRateError)


class TestInvalidRates:
    def test_negative(self) -> None:
        with pytest.raises(InvalidRateError, match=r"percent must not be negative, got -1"):
            AdValorem(-1)

    @pytest.mark.parametrize("unit", ["", "   ", "kg+l"])
    def test_unit(self, unit: str) -> None:
        with pytest.raises(InvalidRateError, match=r"unit must be a non-empty unit such as 'kg'"):
            Specific(1, unit)

    def test_currency(self) -> None:
        with pytest.raises(InvalidRateError, match=r"currency must be an ISO 4217 code such as 'USD', got 'usd'"):
            Specific(1, "kg", "usd")

    def test_content_name(self) -> None:
        with pytest.raises(
            InvalidRateError, match=r"content must be a lower-case content name such as 'steel', got 'Steel'"
        ):
            OnContent(AdValorem(1), "Steel")

    def test_compound_needs_two_parts(self) -> None:
        with pytest.raises(InvalidRateError, match=r"a compound rate has at least two parts, got 1"):
            Compound((AdValorem(1),))

    def test_compound_parts(self) -> None:
        with pytest.raises(
            InvalidRateError, match=r"a compound rate adds ad valorem, specific and on-content parts, not AllIn"
        ):
            Compound((AdValorem(1), AllIn(15)))

    def test_bound_kind(self) -> None:
        with pytest.raises(InvalidRateError, match=r"minimum bound must be ad valorem, specific or compound, got Free"):
            Bounded(AdValorem(1), minimum=Free())

    def test_bounded_needs_a_bound(self) -> None:
        with pytest.raises(InvalidRateError, match=r"a bounded rate needs a minimum or a maximum: 1%"):
            Bounded(AdValorem(1))

    def test_not_computable_reason_is_one_line(self) -> None:
        with pytest.raises(InvalidRateError, match=r"a reason is one line without ' \| ', got 'a \| b'"):
            NotComputable("a | b")


class TestNames:
    def test_units(self) -> None:
        assert ("liter", "m2", "No.", "pf.liter", "kg") == (
            normalise_unit(" Liters "),
            normalise_unit("m²"),
            normalise_unit("each"),
            normalise_unit("pf. liter"),
            normalise_unit("KG"),
        )

    def test_contents(self) -> None:
        assert ("aluminum", "us", "steel") == (
            normalise_content("  Aluminium "),
            normalise_content("U.S."),
            normalise_content("Steel"),
        )
