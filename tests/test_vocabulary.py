"""A schedule's words (claims, contents, tags) and its programmes, on schedules built by hand."""

from __future__ import annotations

from datetime import date

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
    ProductScope,
    Schedule,
    StackingRule,
)
from tariffcalc.countries import Membership
from tariffcalc.errors import InvalidEntryError, ScheduleError, UnknownNameError
from tariffcalc.measures import ContentValue, NotIfClaimed, Preference
from tariffcalc.programmes import Programme
from tariffcalc.rates import AdValorem, Free
from tariffcalc.reasons import IneligibleClaim
from tariffcalc.scenario import RemoveMeasure, Scenario

ACT = Instrument("EO 1", "An act", known_on=date(2025, 1, 1))
CITE = Citation(ACT, heading="9903.01.25")
DAY = date(2025, 5, 5)
KORUS = Programme(
    "korus", "KORUS", ["KR"], Period.parse("2012-03-15/"), Citation(ACT, heading="General Note 33"),
    members=[Membership(Country("KR"), Period.parse("2012-03-15/"))],
)  # fmt: skip


def base(**kw: object) -> Measure:
    return Measure(
        "mfn", "cars", MeasureKind.BASE, AdValorem("2.5"), ProductScope.parse("87"), OriginScope.parse("all"),
        Period.parse("2025-01-01/"), Citation(ACT, heading="8703"), **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def extra(mid: str, **kw: object) -> Measure:
    return Measure(
        mid, mid, MeasureKind.ADDITIONAL, AdValorem(25), ProductScope.parse("87"), OriginScope.parse("all"),
        Period.parse("2025-01-01/"), CITE, **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def rule(rid: str, when: str, drops: str) -> StackingRule:
    return StackingRule(rid, when, drops, Displacement.ENTRY, Period.parse("2025-01-01/"), CITE)


CARS = Schedule(
    "cars",
    [
        base(preferences=[Preference("kr", Free())]),
        extra("s232", tags={"s232-auto"}, conditions=[NotIfClaimed("usmca")]),
        extra("steel", tags={"s232-steel"}, basis=ContentValue("steel")),
        extra("recip", tags={"reciprocal"}),
    ],
    rules=[rule("r", "s232-auto", "reciprocal")],
)


class TestVocabulary:
    def test_the_words_of_a_schedule(self) -> None:
        words = CARS.vocabulary
        assert (frozenset({"kr", "usmca"}), frozenset({"steel"})) == (words.claims, words.contents)
        assert frozenset({"s232-auto", "s232-steel", "reciprocal"}) == words.tags

    def test_an_unknown_claim_is_refused_with_the_nearest(self) -> None:
        with pytest.raises(UnknownNameError, match=r"unknown claim 'usmac' for schedule 'cars' \(did you mean 'usmca'\?\); known claims: kr, usmca"):  # fmt: skip
            CARS.resolve("8703.23", "CA", DAY, claims=["usmac"])

    def test_an_unknown_content_is_refused_in_every_entry_point(self) -> None:
        entry = Entry.of("8703.23", "JP", DAY, value=100, contents={"usa": 5})
        with pytest.raises(UnknownNameError, match=r"unknown content 'usa'.*known contents: steel"):
            CARS.resolve_entry(entry)
        with pytest.raises(UnknownNameError, match=r"unknown content 'usa'"):
            CARS.timeline("8703.23", "JP", Period.parse("2025-05-01/2025-05-10"), contents={"usa": 5})

    def test_an_unknown_name_is_a_value_error_of_the_entry(self) -> None:
        assert issubclass(UnknownNameError, InvalidEntryError)
        assert issubclass(UnknownNameError, ValueError)

    def test_a_schedule_without_claims_says_so(self) -> None:
        with pytest.raises(UnknownNameError, match="no measure of schedule 'plain' uses any claim"):
            Schedule("plain", [base()]).resolve("8703.23", "JP", DAY, claims=["kr"])

    @pytest.mark.parametrize("claims", ["", [""], ["  "], ["us mca"]], ids=repr)
    def test_an_empty_claim_is_refused(self, claims: object) -> None:
        with pytest.raises(InvalidEntryError, match="a claim is one word"):
            Entry.of("8703.23", "JP", DAY, claims=claims)  # type: ignore[arg-type]

    def test_an_unnamed_content_is_refused(self) -> None:
        with pytest.raises(InvalidEntryError, match="a content needs a name"):
            Entry.of("8703.23", "JP", DAY, contents={" ": 5})


class TestRuleTags:
    def test_a_rule_naming_a_tag_no_measure_carries_fails_the_check(self) -> None:
        with pytest.raises(ScheduleError) as caught:
            Schedule("typo", CARS.measures, rules=[rule("r", "s232-autos", "reciprocal")])
        assert caught.value.problems == (
            "rule r: no measure carries its when tag 's232-autos'; did you mean 's232-auto'? "
            "the tags measures carry are reciprocal, s232-auto, s232-steel",
        )

    def test_rules_alone_are_checked_once_combined(self) -> None:
        rules = Schedule("rules", rules=[rule("r", "s232-auto", "reciprocal")])
        measures = Schedule("measures", CARS.measures)
        assert CARS.rules == Schedule.combine("both", measures, rules).rules

    def test_the_rule_as_spelt_displaces(self) -> None:
        # 2.5% MFN + 25% s232 + 25% of no steel; the 25% reciprocal displaced by rule r: 27.5%.
        r = CARS.resolve("8703.23", "JP", DAY, value=100, contents={"steel": 0})
        assert ("27.5", None) == (str(r.rate), r.line("recip"))


class TestProgrammes:
    def test_a_claim_from_a_beneficiary_is_honoured(self) -> None:
        s = Schedule("cars", CARS.measures, rules=CARS.rules, programmes=[KORUS])
        r = s.resolve("8703.23", "KR", DAY, value=100, claims=["kr"])
        assert Free() == r.line("mfn").rate  # type: ignore[union-attr]
        assert not [n for n in r.not_applied if isinstance(n.reason, IneligibleClaim)]

    def test_a_claim_from_another_origin_is_reported_not_applied(self) -> None:
        s = Schedule("cars", CARS.measures, rules=CARS.rules, programmes=[KORUS])
        r = s.resolve("8703.23", "JP", DAY, value=100, claims=["kr"])
        assert AdValorem("2.5") == r.line("mfn").rate  # type: ignore[union-attr]
        reason = r.reason("mfn")
        assert IneligibleClaim("kr", KORUS, Country("JP"), DAY) == reason
        assert reason.citation == KORUS.citation
        assert "claim kr not honoured: JP is not a beneficiary of KORUS (EO 1, heading General Note 33)" == str(reason)
        assert frozenset({"kr"}) == r.entry.claims  # the entry as asked

    def test_without_programmes_a_claim_is_taken_as_made(self) -> None:
        r = CARS.resolve("8703.23", "JP", DAY, value=100, claims=["kr"])
        assert Free() == r.line("mfn").rate  # type: ignore[union-attr]

    def test_a_timeline_splits_where_eligibility_changes(self) -> None:
        joins = Programme(
            "late", "Late FTA", ["kr"], Period.parse("2012-03-15/"), Citation(ACT, heading="General Note 99"),
            members=[Membership(Country("JP"), Period.parse("2025-05-10/"))],
        )  # fmt: skip
        s = Schedule("cars", [base(preferences=[Preference("kr", Free())])], programmes=[joins])
        t = s.timeline("8703.23", "JP", Period.parse("2025-05-01/2025-05-20"), value=100, claims=["kr"])
        assert [("2025-05-01/2025-05-10", "2.5"), ("2025-05-10/2025-05-20", "0")] == [
            (str(seg.period), str(seg.resolution.rate)) for seg in t.segments
        ]

    def test_two_programmes_cannot_answer_one_claim(self) -> None:
        twin = Programme(
            "twin", "Twin", ["kr"], Period.parse("2012-03-15/"), CITE, any_origin=True,
        )  # fmt: skip
        with pytest.raises(ScheduleError, match="programmes korus and twin both answer the claim 'kr'"):
            Schedule("cars", [base()], programmes=[KORUS, twin])

    def test_a_programme_has_members_or_any_origin(self) -> None:
        with pytest.raises(ValueError, match="give either its members"):
            Programme("none", "None", ["x"], Period.parse("2020-01-01/"), CITE)

    def test_scenarios_keep_the_programmes(self) -> None:
        s = Schedule("cars", [*CARS.measures, extra("gone")], rules=CARS.rules, programmes=[KORUS])
        after = Scenario("drop", (RemoveMeasure("gone"),)).apply(s)
        assert frozenset({KORUS}) == after.programmes

    def test_programmes_count_in_the_fingerprint(self) -> None:
        assert CARS.fingerprint != Schedule("cars", CARS.measures, rules=CARS.rules, programmes=[KORUS]).fingerprint


def test_removing_the_only_carrier_of_a_tag_removes_the_rules_naming_it() -> None:
    after = Scenario("no s232", (RemoveMeasure("s232"),)).apply(CARS)
    assert frozenset() == after.rules
    # 2.5% MFN + 25% reciprocal, no longer displaced: 27.5%.
    assert "27.5" == str(after.resolve("8703.23", "JP", DAY, value=100, contents={"steel": 0}).rate)
