"""Examples and errors of tariffcalc.measures and tariffcalc.citations."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tariffcalc import (
    Citation,
    Entry,
    Instrument,
    Measure,
    MeasureKind,
    OriginScope,
    Period,
    ProductCode,
    ProductScope,
    Suspension,
)
from tariffcalc.citations import Confidence
from tariffcalc.errors import InvalidMeasureError, MissingFactError
from tariffcalc.measures import (
    Basis,
    ContentShare,
    ContentValue,
    InTransit,
    NotIfClaimed,
    OnlyIfClaimed,
    Preference,
    ValueLess,
    WholeValue,
)
from tariffcalc.rates import AdValorem, AllIn, Free

EO = Instrument("EO 14257", "Reciprocal tariff", known_on=date(2025, 4, 2), published="90 FR 15041")
CITE = Citation(EO, heading="9903.01.25")


def measure(**changes: object) -> Measure:
    fields: dict[str, object] = {
        "id": "us.reciprocal.baseline",
        "title": "Reciprocal tariff, baseline",
        "kind": MeasureKind.ADDITIONAL,
        "rate": AdValorem(10),
        "products": ProductScope.parse("all"),
        "origins": OriginScope.parse("all"),
        "validity": Period(date(2025, 4, 5)),
        "citation": CITE,
    }
    fields.update(changes)
    return Measure(**fields)  # type: ignore[arg-type]


def entry(**facts: object) -> Entry:
    return Entry.of("8703.23.01.90", "JP", date(2025, 5, 20), **facts)  # type: ignore[arg-type]


class TestCitations:
    def test_instrument_text_and_retroactivity(self) -> None:
        eo = Instrument("EO 14345", "Japan", known_on=date(2025, 9, 4), applies_from=date(2025, 8, 7))
        assert eo.is_retroactive
        assert not EO.is_retroactive
        assert "EO 14345" == str(eo)
        assert "EO 14257 (90 FR 15041), heading 9903.01.25" == str(CITE)
        assert "EO 14257 (90 FR 15041)" == str(Citation(EO))
        assert "C2" == str(Confidence.C2)

    @pytest.mark.parametrize("bad", ["", " EO 1", "EO\n1", 14257])
    def test_instrument_id(self, bad: object) -> None:
        with pytest.raises(
            InvalidMeasureError, match=r"id must be a non-empty one-line text without surrounding spaces"
        ):
            Instrument(bad, "x", known_on=date(2025, 1, 1))  # type: ignore[arg-type]


class TestProductScope:
    def test_covers_prefixes_minus_carve_outs(self) -> None:
        scope = ProductScope.parse("8703.23 8703.24 -8703.24.01")
        assert scope.covers(ProductCode.parse("8703.23.01.90"))
        assert not scope.covers(ProductCode.parse("8703.24.01"))
        assert not scope.covers(ProductCode.parse("8704"))
        assert "8703.23 8703.24 -8703.24.01" == str(scope)

    def test_most_specific_prefix(self) -> None:
        scope = ProductScope.parse("87 8703.23")
        assert ProductCode.parse("8703.23") == scope.matched_prefix(ProductCode.parse("8703.23.01.90"))
        assert scope.matched_prefix(ProductCode.parse("0101")) is None

    def test_all_with_carve_outs(self) -> None:
        scope = ProductScope.parse("all -8471")
        assert scope.covers(ProductCode.parse("0101"))
        assert ProductCode.parse("8471") == scope.carve_out(ProductCode.parse("8471.30.01.00"))
        assert "all -8471" == str(scope)

    def test_all_or_prefixes_not_both(self) -> None:
        with pytest.raises(InvalidMeasureError, match=r"either 'all' \(every product\) or a list of code prefixes"):
            ProductScope.parse("all 87")
        with pytest.raises(InvalidMeasureError, match=r"got everything=False and include=\[\]"):
            ProductScope.parse("-87")


class TestBasis:
    @pytest.mark.parametrize(
        ("text", "basis"),
        [
            ("value", WholeValue()),
            ("content:steel", ContentValue("steel")),
            ("value-less:us", ValueLess("us")),
            ("value-less:us>=20%", ValueLess("us", Decimal(20))),
        ],
    )
    def test_parse_and_text(self, text: str, basis: Basis) -> None:
        assert basis == Basis.parse(text)
        assert text == str(basis)

    def test_unknown_basis_lists_the_forms(self) -> None:
        with pytest.raises(InvalidMeasureError, match=r"'steel' is not a basis; use 'value', 'content:NAME'"):
            Basis.parse("steel")

    def test_content_name(self) -> None:
        with pytest.raises(
            InvalidMeasureError, match=r"content must be a lower-case content name such as 'steel', got 'Steel'"
        ):
            ContentValue("Steel")

    @pytest.mark.parametrize("share", [0, 101])
    def test_share(self, share: int) -> None:
        with pytest.raises(InvalidMeasureError, match=r"min_share is a percentage above 0 and at most 100, got"):
            ValueLess("us", share)


class TestConditions:
    def test_claims(self) -> None:
        assert NotIfClaimed("USMCA").switches_off(entry(claims=["usmca"]))
        assert not NotIfClaimed("usmca").switches_off(entry())
        assert OnlyIfClaimed("au").switches_off(entry())
        assert not OnlyIfClaimed("au").switches_off(entry(claims="AU"))
        assert "not if usmca is claimed" == str(NotIfClaimed("usmca"))
        assert "only if au is claimed" == str(OnlyIfClaimed("au"))

    def test_claim_word(self) -> None:
        with pytest.raises(InvalidMeasureError, match=r"claim must be a lower-case word such as 'usmca', got 'us mca'"):
            NotIfClaimed("us mca")

    def test_in_transit_boundaries(self) -> None:
        c = InTransit(date(2025, 4, 5), date(2025, 5, 27))
        on = date(2025, 5, 20)
        assert c.switches_off(Entry.of("0101", "JP", on, loaded=date(2025, 4, 4)))
        assert not c.switches_off(Entry.of("0101", "JP", on, loaded=date(2025, 4, 5)))  # loaded on the day: too late
        assert not c.switches_off(Entry.of("0101", "JP", date(2025, 5, 27), loaded=date(2025, 4, 1)))
        assert not c.switches_off(Entry.of("0101", "JP", on))  # no loading day: not in transit
        assert "in transit: loaded before 2025-04-05 and entered before 2025-05-27" == str(c)

    def test_content_share(self) -> None:
        c = ContentShare("us", Decimal(20))
        assert c.switches_off(entry(value=100, contents={"us": 19}))
        assert not c.switches_off(entry(value=100, contents={"us": 20}))  # at least 20%: inclusive
        strict = ContentShare("us", Decimal(20), inclusive=False)
        assert strict.switches_off(entry(value=100, contents={"us": 20}))
        assert "only if the us content is more than 20% of the value" == str(strict)

    def test_content_share_missing_facts(self) -> None:
        with pytest.raises(
            MissingFactError, match=r"needs the customs value and the value of the us content"
        ) as caught:
            ContentShare("us", Decimal(20)).switches_off(entry())
        assert ("customs value", "value of the us content") == caught.value.facts
        with pytest.raises(MissingFactError, match=r"needs the value of the us content$"):
            ContentShare("us", Decimal(20)).switches_off(entry(value=100))


class TestSuspension:
    def test_ids_from_one_text(self) -> None:
        assert frozenset({"m"}) == Suspension("s", "m", Period(date(2025, 4, 10)), CITE).measures

    def test_suspends_something(self) -> None:
        with pytest.raises(InvalidMeasureError, match=r"suspension s suspends no measure; list measure ids"):
            Suspension("s", [], Period(date(2025, 4, 10)), CITE)

    def test_no_all_in_replacement(self) -> None:
        with pytest.raises(InvalidMeasureError, match=r"suspension s: an all-in rate cannot be a replacement rate"):
            Suspension("s", ["m"], Period(date(2025, 4, 10)), CITE, replacement=AllIn(15))


class TestMeasure:
    def test_tags_from_one_text(self) -> None:
        assert frozenset({"reciprocal"}) == measure(tags="reciprocal").tags

    @pytest.mark.parametrize("bad", ["", "-x", "a b", 7])
    def test_id(self, bad: object) -> None:
        with pytest.raises(InvalidMeasureError, match=r"is not a measure id; use letters, digits and \. _ : / \+ -"):
            measure(id=bad)

    def test_base_cannot_be_all_in(self) -> None:
        with pytest.raises(
            InvalidMeasureError, match=r"measure mfn: a base measure cannot have an all-in rate; make it additional"
        ):
            measure(id="mfn", kind=MeasureKind.BASE, rate=AllIn(15))

    def test_base_is_on_the_whole_value(self) -> None:
        with pytest.raises(
            InvalidMeasureError, match=r"measure mfn: a base measure is charged on the whole value, not content:steel"
        ):
            measure(id="mfn", kind=MeasureKind.BASE, basis=ContentValue("steel"))

    def test_only_base_measures_carry_preferences(self) -> None:
        with pytest.raises(InvalidMeasureError, match=r"measure x: only base measures carry preferences"):
            measure(id="x", preferences=[Preference("au", Free())])

    def test_one_preference_per_programme(self) -> None:
        with pytest.raises(
            InvalidMeasureError, match=r"measure mfn: a programme has one preference at most, got \['au', 'au'\]"
        ):
            measure(id="mfn", kind=MeasureKind.BASE, preferences=[Preference("AU", Free()), Preference("au", Free())])

    def test_conditions_are_conditions(self) -> None:
        with pytest.raises(InvalidMeasureError, match=r"measure x: 'usmca' is not a Condition"):
            measure(id="x", conditions=["usmca"])

    def test_kind_text(self) -> None:
        assert ("base", "additional") == (str(MeasureKind.BASE), str(MeasureKind.ADDITIONAL))
