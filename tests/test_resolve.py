"""
Examples of the resolver and of Resolution: candidates and reasons, base
choice, preferences, conditions, bases and slices, missing facts, rounding,
and the ways a resolution is presented (explain, to_dict, HTML).
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from tariffcalc import (
    Citation,
    Country,
    Displacement,
    Entry,
    Instrument,
    Measure,
    MeasureKind,
    OriginScope,
    Period,
    ProductCode,
    ProductScope,
    Schedule,
    StackingRule,
    Suspension,
)
from tariffcalc.citations import Confidence
from tariffcalc.errors import InvalidEntryError, ScheduleError
from tariffcalc.measures import ContentShare, ContentValue, NotIfClaimed, Preference, ValueLess
from tariffcalc.rates import AdValorem, AllIn, Rate, Specific
from tariffcalc.reasons import (
    Displaced,
    Expired,
    NotYetInForce,
    OriginNotCovered,
    OutOfProductScope,
    Superseded,
    Suspended,
    SwitchedOff,
)
from tariffcalc.resolution import Rounding

ACT = Instrument("EO 1", "An act", known_on=date(2025, 1, 1), url="https://example.org/eo1")
CITE = Citation(ACT, heading="9903.01.25", confidence=Confidence.C2)
DAY = date(2025, 5, 5)


def base(mid: str = "mfn", rate: Rate | None = None, products: str = "87", **kw: object) -> Measure:
    return Measure(
        mid,
        f"base {mid}",
        MeasureKind.BASE,
        rate or AdValorem("2.5"),
        ProductScope.parse(products),
        OriginScope.parse(str(kw.pop("origins", "all"))),
        Period.parse(str(kw.pop("validity", "2025-01-01/"))),
        Citation(ACT, heading=str(kw.pop("heading", products))),
        **kw,  # type: ignore[arg-type]
    )


def extra(mid: str, rate: Rate | None = None, products: str = "all", **kw: object) -> Measure:
    return Measure(
        mid,
        f"additional {mid}",
        MeasureKind.ADDITIONAL,
        rate or AdValorem(10),
        ProductScope.parse(products),
        OriginScope.parse(str(kw.pop("origins", "all"))),
        Period.parse(str(kw.pop("validity", "2025-01-01/"))),
        kw.pop("citation", CITE),  # type: ignore[arg-type]
        **kw,  # type: ignore[arg-type]
    )


def rule(rid: str, when: str, drops: str, how: Displacement = Displacement.ENTRY) -> StackingRule:
    return StackingRule(rid, when, drops, how, Period.parse("2025-01-01/"), CITE)


class TestCandidatesAndReasons:
    def test_the_most_specific_base_measure_wins(self) -> None:
        s = Schedule("s", [base("mfn.87", AdValorem(5), "87"), base("mfn.8703.23", AdValorem("2.5"), "8703.23")])
        r = s.resolve("8703.23.01.90", "JP", DAY, value=100)
        assert ["mfn.8703.23"] == [line.measure.id for line in r.lines]
        assert Superseded("mfn.8703.23") == r.reason("mfn.87")
        assert "superseded by the more specific base measure mfn.8703.23" == str(r.reason("mfn.87"))

    def test_a_base_measure_carved_out_says_so(self) -> None:
        """A carve-out is a reason for base measures as for additional ones (reported as 'out of product scope: carved out under X')."""
        s = Schedule("s", [base("mfn.87", products="87 -8703"), base("mfn.8703", products="8703")])
        r = s.resolve("8703.23", "JP", DAY, value=100)
        assert OutOfProductScope(ProductCode("8703")) == r.reason("mfn.87")
        assert r.line("mfn.8703") is not None

    def test_a_carve_out_is_reported(self) -> None:
        s = Schedule("s", [base(), extra("reciprocal", products="all -8703")])
        r = s.resolve("8703.23", "JP", DAY, value=100)
        assert OutOfProductScope(ProductCode("8703")) == r.reason("reciprocal")
        assert "out of product scope: carved out under 8703" == str(r.reason("reciprocal"))

    def test_an_excluded_origin_is_reported_an_unreached_one_is_not(self) -> None:
        s = Schedule(
            "s", [base(), extra("not-ca", origins="all -CA", tags={"a"}), extra("cn-only", origins="CN", tags={"b"})]
        )
        r = s.resolve("8703.23", "CA", DAY, value=100)
        assert "origin CA is excluded" == str(r.reason("not-ca"))
        assert isinstance(r.reason("not-ca"), OriginNotCovered)
        assert r.reason("cn-only") is None
        assert r.line("cn-only") is None

    def test_a_reason_for_an_origin_that_is_simply_not_reached(self) -> None:
        # The resolver reports only exclusions; the reason still reads right when built by hand.
        assert "origin JP is not covered" == str(OriginNotCovered(Country("JP"), excluded=False))
        assert OriginNotCovered(Country("JP"), excluded=False).citation is None

    def test_not_yet_in_force_and_expired(self) -> None:
        s = Schedule(
            "s", [base(), extra("later", validity="2025-06-01/"), extra("over", validity="2025-01-01/2025-05-05")]
        )
        r = s.resolve("8703.23", "JP", DAY, value=100)
        assert NotYetInForce(date(2025, 6, 1)) == r.reason("later")
        assert "not yet in force: applies from 2025-06-01" == str(r.reason("later"))
        assert Expired(date(2025, 5, 5)) == r.reason("over")
        assert "expired: last applied on 2025-05-04" == str(r.reason("over"))

    def test_a_condition_switches_off_with_its_citation(self) -> None:
        condition = NotIfClaimed("usmca", Citation(ACT, heading="9903.01.26"))
        s = Schedule("s", [base(), extra("fentanyl", conditions=[condition])])
        r = s.resolve("8703.23", "MX", DAY, value=100, claims=["USMCA"])
        reason = r.reason("fentanyl")
        assert SwitchedOff(condition) == reason
        assert "switched off: not if usmca is claimed (EO 1, heading 9903.01.26)" == str(reason)
        assert reason is not None
        assert condition.citation == reason.citation
        assert "SwitchedOff" == reason.code

    def test_suspended_until_further_notice(self) -> None:
        pause = Suspension("pause", "x", Period.parse("2025-04-10/"), Citation(ACT))
        r = Schedule("s", [base(), extra("x")], suspensions=[pause]).resolve("8703.23", "JP", DAY, value=100)
        reason = r.reason("x")
        assert Suspended(pause) == reason
        assert "suspended by EO 1 from 2025-04-10 until further notice" == str(reason)
        assert reason is not None
        assert Citation(ACT) == reason.citation

    def test_unknown_ids_have_no_line_and_no_reason(self) -> None:
        r = Schedule("s", [base()]).resolve("8703.23", "JP", DAY, value=100)
        assert r.line("nope") is None
        assert r.reason("nope") is None
        assert r.reason("mfn") is None


class TestPreferences:
    def test_the_cheapest_claimed_preference_replaces_the_base_rate(self) -> None:
        mfn = base(preferences=[Preference("au", AdValorem(1)), Preference("kr", AdValorem(0))])
        r = Schedule("s", [mfn]).resolve("8703.23", "KR", DAY, value=1000, claims=["au", "kr"])
        line = r.line("mfn")
        assert line is not None
        assert AdValorem(0) == line.rate
        assert "preference kr claimed (column 1 general: 2.5%)" == line.note
        assert Decimal(0) == r.amount

    def test_a_preference_needing_a_missing_fact_loses(self) -> None:
        mfn = base(preferences=[Preference("au", Specific(1, "kg")), Preference("kr", AdValorem(2))])
        r = Schedule("s", [mfn]).resolve("8703.23", "KR", DAY, value=1000, claims=["au", "kr"])
        assert Decimal("20.00") == r.amount

    def test_unclaimed_preferences_do_nothing(self) -> None:
        mfn = base(preferences=[Preference("au", AdValorem(0))])
        assert Decimal("25.00") == Schedule("s", [mfn]).resolve("8703.23", "AU", DAY, value=1000).amount


class TestMissingFacts:
    def test_a_specific_duty_without_its_quantity_says_quantity_in_kg(self) -> None:
        r = Schedule("s", [base(rate=Specific("0.5", "kg"))]).resolve("8703.23", "JP", DAY, value=100)
        assert ("quantity in kg",) == r.missing
        assert r.amount is None
        assert r.rate is None
        line = r.line("mfn")
        assert line is not None
        assert line.amount is None  # never a silent zero
        assert "Missing facts:\n  - quantity in kg" in r.explain()

    def test_a_content_basis_without_the_content_says_so(self) -> None:
        s = Schedule("s", [base(), extra("steel", AdValorem(50), basis=ContentValue("steel"))])
        r = s.resolve("8703.23", "JP", DAY, value=1000)
        assert ("value of the steel content",) == r.missing
        assert r.amount is None

    def test_a_content_basis_without_a_value_says_both(self) -> None:
        s = Schedule("s", [base(), extra("steel", AdValorem(50), basis=ContentValue("steel"))])
        assert ("value of the steel content", "customs value") == s.resolve("8703.23", "JP", DAY).missing
        assert ("customs value",) == s.resolve("8703.23", "JP", DAY, contents={"steel": 5}).missing

    def test_without_a_value_ad_valorem_rates_still_give_the_rate(self) -> None:
        r = Schedule("s", [base(), extra("x")]).resolve("8703.23", "JP", DAY)
        assert Decimal("12.5") == r.rate
        assert r.amount is None
        assert () == r.missing
        assert all(line.amount is None and line.basis_value is None for line in r.lines)

    def test_without_a_value_a_specific_duty_needs_it(self) -> None:
        r = Schedule("s", [base(rate=Specific(1, "kg"))]).resolve("8703.23", "JP", DAY, quantities={"kg": 5})
        assert ("customs value",) == r.missing
        assert r.rate is None

    def test_without_a_value_a_specific_additional_duty_needs_it(self) -> None:
        s = Schedule("s", [base(), extra("x", Specific(1, "kg"))])
        assert ("customs value",) == s.resolve("8703.23", "JP", DAY, quantities={"kg": 5}).missing

    def test_no_base_measure(self) -> None:
        r = Schedule("s", [extra("x")]).resolve("0101.21", "JP", DAY, value=100)
        assert 1 == len(r.missing)
        assert r.missing[0].startswith("a base (column 1) duty: the schedule has no base measure in force for 0101.21")
        assert r.amount is None

    def test_an_undecided_condition_keeps_the_measure_and_asks_for_the_fact(self) -> None:
        s = Schedule("s", [base(), extra("x", conditions=[ContentShare("us", Decimal(20))])])
        r = s.resolve("8703.23", "JP", DAY, value=100)
        assert "value of the us content" in r.missing
        line = r.line("x")
        assert line is not None
        assert line.amount is None

    def test_an_undecided_condition_on_the_base(self) -> None:
        r = Schedule("s", [base(conditions=[ContentShare("us", Decimal(20))])]).resolve("8703.23", "JP", DAY, value=1)
        assert ("value of the us content",) == r.missing

    def test_a_not_computable_duty_is_reported(self) -> None:
        r = Schedule("s", [base(rate=Rate.parse("not computable: sliding scale | see note"))]).resolve(
            "8703.23", "JP", DAY, value=100
        )
        assert ("the duty worked out by hand (sliding scale: 'see note')",) == r.missing


class TestBasesAndStacking:
    def test_value_less_a_content_from_a_share(self) -> None:
        s = Schedule("s", [base(), extra("recip", basis=ValueLess("us", Decimal(20)))])
        at_30 = s.resolve("8703.23", "JP", DAY, value=1000, contents={"us": 300})
        line = at_30.line("recip")
        assert line is not None
        assert (Decimal(700), Decimal("70.00")) == (line.basis_value, line.amount)  # 10% of 1,000 - 300
        at_10 = s.resolve("8703.23", "JP", DAY, value=1000, contents={"us": 100})
        line = at_10.line("recip")
        assert line is not None
        assert Decimal(1000) == line.basis_value  # below 20%: the whole value

    def test_value_less_without_a_value_or_content_gives_the_rate(self) -> None:
        # No US content declared: nothing is taken off, so 2.5% + 10% of any value = 12.5%.
        s = Schedule("s", [base(), extra("recip", basis=ValueLess("us", Decimal(20)))])
        r = s.resolve("8703.23", "JP", DAY)
        assert (Decimal("12.5"), None, ()) == (r.rate, r.amount, r.missing)
        assert ("customs value",) == r.amount_missing

    def test_value_less_with_a_content_but_no_value_needs_the_value(self) -> None:
        s = Schedule("s", [base(), extra("recip", basis=ValueLess("us"))])
        r = s.resolve("8703.23", "JP", DAY, contents={"us": 30})
        assert ("customs value",) == r.missing
        assert r.rate is None

    def test_a_slice_of_a_whole_value_measure_keeps_the_rate_without_a_value(self) -> None:
        s = Schedule(
            "s",
            [base(), extra("s232", AdValorem(25), tags={"a"}, basis=ValueLess("us")), extra("recip", tags={"b"})],
            rules=[rule("r", "a", "b", Displacement.SLICE)],
        )
        # s232 covers the whole value (nothing declared to take off), so recip's slice is empty:
        # 2.5% base + 25% = 27.5%, no value needed.
        r = s.resolve("8703.23", "JP", DAY)
        assert Decimal("27.5") == r.rate
        assert isinstance(r.reason("recip"), Displaced)

    def test_an_entry_rule_displaces_the_whole_measure(self) -> None:
        s = Schedule(
            "s",
            [base(), extra("s232", AdValorem(25), tags={"s232"}), extra("recip", tags={"recip"})],
            rules=[rule("r", "s232", "recip")],
        )
        r = s.resolve("8703.23", "JP", DAY, value=100)
        reason = r.reason("recip")
        assert isinstance(reason, Displaced)
        assert f"displaced by rule r: s232 applies ({rule('r', 's232', 'recip')}; {CITE})" == str(reason)
        assert CITE == reason.citation
        assert Decimal("27.5") == r.rate

    def test_a_slice_rule_leaves_the_rest(self) -> None:
        s = Schedule(
            "s",
            [
                base(),
                extra("steel", AdValorem(50), tags={"metal"}, basis=ContentValue("steel")),
                extra("recip", tags={"recip"}),
            ],
            rules=[rule("r", "metal", "recip", Displacement.SLICE)],
        )
        r = s.resolve("8703.23", "JP", DAY, value=1000, contents={"steel": 400})
        line = r.line("recip")
        assert line is not None
        assert (Decimal(600), Decimal("60.00")) == (line.basis_value, line.amount)
        assert "less the value covered by steel (rule r)" == line.note
        assert Decimal("285.00") == r.amount  # 25 + 200 + 60

    def test_a_slice_that_covers_everything_displaces_the_measure(self) -> None:
        s = Schedule(
            "s",
            [
                base(),
                extra("steel", AdValorem(50), tags={"metal"}, basis=ContentValue("steel")),
                extra("recip", tags={"recip"}),
            ],
            rules=[rule("r", "metal", "recip", Displacement.SLICE)],
        )
        r = s.resolve("8703.23", "JP", DAY, value=1000, contents={"steel": 1000})
        reason = r.reason("recip")
        assert isinstance(reason, Displaced)
        assert reason.whole_slice
        assert "steel covers the whole value" in str(reason)

    def test_a_slice_without_a_value_asks_for_it(self) -> None:
        s = Schedule(
            "s",
            [
                base(),
                extra("steel", AdValorem(50), tags={"a"}, basis=ContentValue("steel")),
                extra("recip", tags={"b"}),
            ],
            rules=[rule("r", "a", "b", Displacement.SLICE)],
        )
        r = s.resolve("8703.23", "JP", DAY, contents={"steel": 40})
        assert ("customs value",) == r.missing
        assert r.rate is None  # the slice depends on the value, so no rate either

    def test_a_whole_value_slice_displaces_even_without_a_value(self) -> None:
        s = Schedule(
            "s",
            [base(), extra("s232", AdValorem(25), tags={"a"}), extra("recip", tags={"b"})],
            rules=[rule("r", "a", "b", Displacement.SLICE)],
        )
        reason = s.resolve("8703.23", "JP", DAY).reason("recip")
        assert isinstance(reason, Displaced)
        assert reason.whole_slice

    def test_measures_that_displace_each_other_are_refused_when_built(self) -> None:
        """Two measures carrying both tags of one rule would displace each other: the schedule says so at once."""
        with pytest.raises(ScheduleError, match=r"measure x carries both tags of rule r \(a and b\)"):
            Schedule(
                "s",
                [base(), extra("x", tags={"a", "b"}, products="87"), extra("y", tags={"a", "b"})],
                rules=[rule("r", "a", "b")],
            )

    def test_a_circle_through_tag_sets_is_refused_when_built(self) -> None:
        """Rules a->b and c->d are acyclic on tags, but measures tagged {a, d} and {b, c} displace each other."""
        with pytest.raises(ScheduleError, match=r"stacking rules r1, r2 let measures x, y displace each other"):
            Schedule(
                "s",
                [base(), extra("x", tags={"a", "d"}, products="87"), extra("y", tags={"b", "c"})],
                rules=[rule("r1", "a", "b"), rule("r2", "c", "d")],
            )

    def test_all_in_tops_the_base_up(self) -> None:
        s = Schedule("s", [base(), extra("jp", AllIn(15))])
        r = s.resolve("8703.23", "JP", DAY, value=1000)
        assert (Decimal("150.00"), Decimal(15)) == (r.amount, r.rate)  # 25.00 + 125.00
        assert Decimal(15) == s.resolve("8703.23", "JP", DAY).rate  # without a value: the rate

    def test_all_in_without_a_base(self) -> None:
        r = Schedule("s", [extra("jp", AllIn(15))]).resolve("0101", "JP", DAY, value=1000)
        assert r.amount is None
        line = r.line("jp")
        assert line is not None
        assert line.amount is None

    def test_a_replacement_rate_is_noted(self) -> None:
        pause = Suspension("p", "x", Period.parse("2025-05-01/"), Citation(ACT), replacement=AdValorem(10))
        r = Schedule("s", [base(), extra("x", AdValorem(34))], suspensions=[pause]).resolve(
            "8703.23", "CN", DAY, value=100
        )
        line = r.line("x")
        assert line is not None
        assert (AdValorem(10), "at 10% during suspension by EO 1") == (line.rate, line.note)


class TestRounding:
    def test_each_line_is_rounded_half_up_and_the_total_is_their_sum(self) -> None:
        s = Schedule("s", [base(rate=AdValorem(5)), extra("x", AdValorem(5))])
        r = s.resolve("8703.23", "JP", DAY, value="0.10")
        # each line: 5% of 0.10 = 0.005 -> 0.01 half-up; the total is 0.01 + 0.01, not round(0.01) of the sum.
        assert [Decimal("0.01"), Decimal("0.01")] == [line.amount for line in r.lines]
        assert Decimal("0.02") == r.amount

    def test_rounding_is_configurable(self) -> None:
        s = Schedule("s", [base(rate=AdValorem(5)), extra("x", AdValorem(5))])
        assert (
            Decimal("0.00")
            == s.resolve("8703.23", "JP", DAY, value="0.10", rounding=Rounding(mode="ROUND_HALF_EVEN")).amount
        )
        assert (
            Decimal(2) == s.resolve("8703.23", "JP", DAY, value="10", rounding=Rounding(Decimal(1), "ROUND_UP")).amount
        )

    def test_an_unknown_mode_is_refused(self) -> None:
        with pytest.raises(ValueError, match="mode"):
            Rounding(mode="ROUND_SIDEWAYS")


class TestEntryFacts:
    def test_negative_value(self) -> None:
        with pytest.raises(InvalidEntryError, match=r"customs value must not be negative, got -1"):
            Entry.of("8703.23", "JP", DAY, value=-1)

    def test_negative_quantity(self) -> None:
        with pytest.raises(InvalidEntryError, match=r"quantity in 'kg' must not be negative, got -2"):
            Entry.of("8703.23", "JP", DAY, quantities={"KG": -2})

    def test_float_money_is_read_by_the_digits_it_prints(self) -> None:
        assert Decimal("0.1") == Entry.of("8703.23", "JP", DAY, value=0.1).value
        with pytest.raises(InvalidEntryError, match=r"customs value: nan is not a finite number"):
            Entry.of("8703.23", "JP", DAY, value=float("nan"))

    def test_a_unit_given_twice(self) -> None:
        with pytest.raises(InvalidEntryError, match=r"quantity in 'kg' is given twice"):
            Entry.of("8703.23", "JP", DAY, quantities={"kg": 1, "kilograms": 2})

    def test_contents_above_the_value(self) -> None:
        with pytest.raises(
            InvalidEntryError, match=r"declared contents \(120\) are worth more than the customs value \(100\)"
        ):
            Entry.of("8703.23", "JP", DAY, value=100, contents={"steel": 70, "aluminium": 50})

    def test_loaded_after_entered(self) -> None:
        with pytest.raises(
            InvalidEntryError, match=r"goods cannot be loaded \(2025-05-06\) after they are entered \(2025-05-05\)"
        ):
            Entry.of("8703.23", "JP", DAY, loaded=date(2025, 5, 6))

    def test_facts_are_normalised(self) -> None:
        e = Entry.of(
            "8703.23", "jp", DAY, value="100.50", quantities={"Kilograms": 2}, contents={"Aluminium": 5}, claims="USMCA"
        )
        assert (Decimal("100.5"), {"kg": Decimal(2)}, Decimal(5), frozenset({"usmca"})) == (
            e.value,
            e.quantity_map,
            e.content_value("aluminum"),
            e.claims,
        )
        assert e.content_value("copper") is None


SCHEDULE = Schedule(
    "demo",
    [
        base(heading="8703.23.01 <cars>"),
        extra("s232", AdValorem(25), tags={"s232"}),
        extra("recip", tags={"recip"}),
        extra("steel", AdValorem(50), tags={"x"}, basis=ContentValue("steel")),
        # Its condition makes "au" a claim the schedule knows (an unknown claim is refused).
        extra("later", validity="2026-01-01/", conditions=[NotIfClaimed("au")]),
    ],
    rules=[rule("r", "s232", "recip")],
)


class TestPresentation:
    def test_explain_cites_every_line_and_every_reason(self) -> None:
        r = SCHEDULE.resolve(
            "8703.23.01.90", "JP", DAY, value=40000, contents={"steel": 1000}, loaded=date(2025, 4, 1), claims=["au"]
        )
        text = r.explain()
        assert text.startswith(
            "8703.23.01.90 from JP (Japan), entered 2025-05-05, customs value 40000, loaded 2025-04-01, claims au\n"
            "Schedule: demo\n\nApplied:\n"
        )
        assert "  mfn: 2.5% on 40000 = 1000.00\n      base mfn [EO 1, heading 8703.23.01 <cars>]" in text
        assert "  steel: 50% on 1000 (the value of the steel content) = 500.00" in text
        assert "Not applied:\n  later: not yet in force: applies from 2026-01-01" in text
        assert "  recip: displaced by rule r: s232 applies" in text
        # 2.5% + 25% of 40,000 and 50% of the 1,000 of steel: 1,000 + 10,000 + 500 = 11,500 = 28.75%.
        assert text.endswith("Total: 28.75% = 11500.00")

    def test_explain_shows_a_line_note(self) -> None:
        pause = Suspension("p", "x", Period.parse("2025-05-01/"), Citation(ACT), replacement=AdValorem(10))
        r = Schedule("s", [base(), extra("x", AdValorem(34))], suspensions=[pause]).resolve(
            "8703.23", "CN", DAY, value=100
        )
        assert (
            "  x: 10% on 100 = 10.00\n      additional x [EO 1, heading 9903.01.25]\n      at 10% during suspension by EO 1"
            in r.explain()
        )

    def test_explain_without_lines(self) -> None:
        text = Schedule("empty").resolve("0101", "JP", DAY).explain()
        assert "Applied:\n  (none)" in text
        assert text.endswith("Total: not computable (see missing facts)")

    def test_to_dict_is_json_and_every_number_a_string(self) -> None:
        r = SCHEDULE.resolve("8703.23.01.90", "JP", DAY, value=40000, contents={"steel": 1000}, quantities={"No.": 1})
        data = r.to_dict()
        json.dumps(data)
        assert {
            "product": "8703.23.01.90",
            "origin": "JP",
            "date": "2025-05-05",
            "value": "40000",
            "quantities": {"No.": "1"},
            "content": {"steel": "1000"},
            "loaded": None,
            "claims": [],
            "currency": "USD",
            "conversions": [],
        } == data["entry"]
        assert ("28.75", "11500.00") == (data["rate"], data["amount"])
        assert {
            "measure": "mfn",
            "title": "base mfn",
            "kind": "base",
            "heading": "8703.23.01 <cars>",
            "rate": "2.5%",
            "basis": "value",
            "basis_value": "40000",
            "amount": "1000.00",
            "citation": "EO 1, heading 8703.23.01 <cars>",
            "source": "https://example.org/eo1",
            "confidence": None,
            "note": "",
        } == data["lines"][0]
        recip = next(n for n in data["not_applied"] if n["measure"] == "recip")
        assert ("Displaced", "EO 1, heading 9903.01.25") == (recip["reason_code"], recip["reason_citation"])
        later = next(n for n in data["not_applied"] if n["measure"] == "later")
        assert later["reason_citation"] is None
        assert [] == data["missing"]

    def test_html_escapes_and_shows_the_total(self) -> None:
        r = SCHEDULE.resolve("8703.23.01.90", "JP", DAY, value=40000, contents={"steel": 1000})
        page = r._repr_html_()
        assert "8703.23.01 &lt;cars&gt;" in page
        assert "<cars>" not in page
        assert "<b>28.75%</b> = <b>11500.00</b>" in page
        assert "<li><code>recip</code>: displaced by rule r" in page

    def test_html_shows_a_zero_as_a_zero_and_the_missing_value(self) -> None:
        # No value: the base line's amount is unknown (a dash), the total rate (2.5%) is
        # known, and the page says the amount needs the customs value.
        page = Schedule("z", [base()]).resolve("8703.23", "JP", DAY)._repr_html_()
        assert "<b>2.5%</b> (amount needs: customs value)" in page
        assert "<td class='num'>—</td>" in page
        zero = Schedule("z", [base(rate=Rate.parse("Free"))]).resolve("8703.23", "JP", DAY, value=100)
        assert "<td class='num'>0.00</td>" in zero._repr_html_()

    def test_reprs_are_short(self) -> None:
        r = SCHEDULE.resolve("8703.23.01.90", "JP", DAY, value=40000, contents={"steel": 1000})
        assert repr(r).startswith("<Resolution 8703.23.01.90 from JP on ")
        assert "28.75%, amount 11500.00" in repr(r)
        assert len(repr(r)) < 200
        assert repr(SCHEDULE).startswith("<Schedule ")

    def test_html_when_not_computable(self) -> None:
        assert "<b>not computable</b>" in SCHEDULE.resolve("8703.23", "JP", DAY, value=1)._repr_html_()
