"""
The parts a schedule is made of: its consistency rules (each a named
function, run in order), its caches (one owner), and the fact keywords of a
question (declared once, for every entry point).
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Callable
from datetime import date
from pathlib import Path

import attrs
import pytest

from tariffcalc import (
    Citation,
    Entry,
    Instrument,
    Measure,
    MeasureKind,
    OriginScope,
    Period,
    ProductScope,
    Schedule,
    Suspension,
    _caches,
    _consistency,
)
from tariffcalc.entries import EntryFacts
from tariffcalc.errors import ScheduleError
from tariffcalc.question import Question, QuestionFacts
from tariffcalc.rates import AdValorem
from tariffcalc.restatement import restate
from tariffcalc.schedule import restore

SRC = Path(__file__).resolve().parents[1] / "src" / "tariffcalc"
ACT = Instrument("HTS 2025", "Harmonized Tariff Schedule", known_on=date(2025, 1, 1))


def mfn(mid: str, validity: str = "2025-01-01/") -> Measure:
    return Measure(
        mid,
        "Passenger cars",
        MeasureKind.BASE,
        AdValorem("2.5"),
        ProductScope.parse("8703.23.01"),
        OriginScope.parse("all"),
        Period.parse(validity),
        Citation(ACT, heading="8703.23.01"),
    )


class TestConsistencyRules:
    """Each rule is a named function whose docstring states it; a schedule reports them in their order."""

    def test_every_rule_is_documented_and_listed_in_the_module_docstring(self) -> None:
        doc = _consistency.__doc__ or ""
        for rule in _consistency.RULES:
            assert (rule.__doc__ or "").strip(), rule.__name__
            assert f":func:`{rule.__name__}`" in doc

    def test_a_schedule_reports_every_rule_broken_in_rule_order(self) -> None:
        twice = [mfn("mfn.a"), mfn("mfn.a", "2025-01-01/2025-06-01")]  # one id twice; and the two overlap
        ghost = Suspension("s1", "nope", Period.parse("2025-02-01/2025-03-01"), Citation(ACT))
        with pytest.raises(ScheduleError) as caught:
            Schedule("broken", twice, suspensions=[ghost])
        assert (
            "measure id 'mfn.a' is used 2 times; ids must be unique",
            "suspension s1: no measure 'nope' in the schedule",
        ) == caught.value.problems[:2]
        assert "are both base measures on 8703.23.01" in caught.value.problems[2]
        assert 3 == len(caught.value.problems)

    def test_problems_are_the_rules_findings_in_order(self) -> None:
        schedule = Schedule("fine", [mfn("mfn.a")])
        assert [] == _consistency.problems(schedule)
        assert [[] for _ in _consistency.RULES] == [rule(schedule) for rule in _consistency.RULES]

    def test_a_changed_copy_is_checked_as_the_whole_would_be(self) -> None:
        # A scenario's copy is checked on what changed: the same problems as a schedule built whole.
        from tariffcalc.scenario import AddMeasure, RemoveMeasure, Scenario, SetValidity

        other = attrs.evolve(mfn("mfn.b"), products=ProductScope.parse("8467.21.00"))
        base = Schedule("base", [mfn("mfn.a", "2025-01-01/2025-06-01"), other])
        moved = Scenario("moved", (SetValidity("mfn.b", end=date(2025, 3, 1)),)).apply(base)
        assert [] == _consistency.problems(moved)
        assert {"mfn.a", "mfn.b"} == {m.id for m in moved.measures}
        overlapping = Scenario("overlap", (AddMeasure(mfn("mfn.c", "2025-05-01/")),))
        with pytest.raises(ScheduleError) as caught:
            overlapping.apply(base)
        with pytest.raises(ScheduleError) as whole:
            Schedule("base + overlap", [*base.measures, mfn("mfn.c", "2025-05-01/")])
        assert whole.value.problems == caught.value.problems
        assert "measures mfn.a (2025-01-01/2025-06-01) and mfn.c" in caught.value.problems[0]
        # A measure taken out cannot make an overlap, and leaves the copy consistent.
        assert [] == _consistency.problems(Scenario("out", (RemoveMeasure("mfn.a"),)).apply(base))


class TestCaches:
    """A schedule's caches are read and written through tariffcalc._caches only."""

    def test_a_cache_is_built_once(self) -> None:
        schedule = Schedule("example", [mfn("mfn.a")])
        calls: list[str] = []

        def build(text: str) -> str:
            calls.append(text)
            return text

        key: _caches.Key[str] = _caches.Key("test-only")
        assert "built" == _caches.cached(schedule, key, lambda: build("built"))
        assert "built" == _caches.cached(schedule, key, lambda: build("again"))
        assert ["built"] == calls

    def test_the_fingerprint_is_kept(self) -> None:
        schedule = Schedule("example", [mfn("mfn.a")])
        assert _caches.recall(schedule, _caches.FINGERPRINT) is None
        assert schedule.fingerprint == _caches.recall(schedule, _caches.FINGERPRINT)

    def test_no_other_module_reaches_a_schedules_memo(self) -> None:
        reached = [
            f"{path.relative_to(SRC)}:{node.lineno}"
            for path in sorted(SRC.rglob("*.py"))
            if path != SRC / "_caches.py"
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if (isinstance(node, ast.Attribute) and node.attr == "_memo")
            or (isinstance(node, ast.Constant) and node.value in {"_memo", "_index"})  # object.__setattr__, state
        ]
        assert [] == reached  # schedule.py declares the fields; tariffcalc._caches alone sets and reads the memo

    def test_a_restored_schedule_keeps_its_fingerprint_and_builds_its_index_when_used(self) -> None:
        schedule = Schedule("example", [mfn("mfn.a")])
        back = restore(schedule.name, schedule.measures, (), (), (), None, "f" * 64)
        assert isinstance(back._index, _caches.LazyIndex)
        assert "f" * 64 == back.fingerprint  # what it was checked under, not computed again
        assert schedule.measure("mfn.a") == back.measure("mfn.a")
        assert not isinstance(back._index, _caches.LazyIndex)


class TestFactKeywords:
    """The keywords of a question are declared once, and every entry point takes exactly them."""

    def test_entry_facts_are_the_entrys_fields_beside_product_origin_and_day(self) -> None:
        fields = {f.name for f in attrs.fields(Entry)} - {"product", "origin", "on"}
        assert fields == EntryFacts.__optional_keys__

    def test_question_facts_add_how_it_is_asked(self) -> None:
        assert {"rounding", "known", "strict"} == QuestionFacts.__optional_keys__ - EntryFacts.__optional_keys__

    @pytest.mark.parametrize(
        ("call", "where"),
        [
            (lambda s: s.resolve("8703.23.01.90", "JP", date(2025, 5, 5), vlaue=1), "resolve"),
            (lambda s: s.timeline("8703.23.01.90", "JP", Period.parse("2025-05-05/2025-06-01"), vlaue=1), "timeline"),
            (lambda s: restate(s, "8703.23.01.90", "JP", date(2025, 5, 5), vlaue=1), "restate"),  # type: ignore[call-arg]
            (lambda s: Entry.of("8703.23.01.90", "JP", date(2025, 5, 5), vlaue=1), "Entry.of"),  # type: ignore[call-arg]
        ],
    )
    def test_a_misspelt_keyword_is_a_type_error_naming_the_valid_ones(
        self, call: Callable[[Schedule], object], where: str
    ) -> None:
        schedule = Schedule("example", [mfn("mfn.a")])
        with pytest.raises(TypeError, match=rf"^{where}\(\) got an unexpected keyword argument 'vlaue'; it takes "):
            call(schedule)

    def test_restate_and_entry_of_take_no_way_of_asking(self) -> None:
        with pytest.raises(TypeError, match=r"^Entry\.of\(\) got an unexpected keyword argument 'known'"):
            Entry.of("8703.23.01.90", "JP", date(2025, 5, 5), known=date(2025, 5, 5))  # type: ignore[call-arg]

    def test_the_same_keywords_give_the_same_answer_however_asked(self) -> None:
        schedule = Schedule("example", [mfn("mfn.a")])
        facts: QuestionFacts = {"value": 40000, "known": "2025-05-05"}
        question = Question.of("8703.23.01.90", "JP", date(2025, 5, 5), facts)
        by_keywords = schedule.resolve("8703.23.01.90", "JP", date(2025, 5, 5), **facts)
        by_entry = schedule.resolve_entry(question.entry, question.rounding, question.known)
        assert by_keywords == by_entry
        assert "1000.00" == str(by_keywords.amount)  # 2.5% of $40,000

    def test_the_entry_points_declare_their_keywords_once(self) -> None:
        for function, facts in (
            (Schedule.resolve, QuestionFacts),
            (Schedule.timeline, QuestionFacts),
            (restate, EntryFacts),
            (Entry.of, EntryFacts),
        ):
            parameters = inspect.signature(function).parameters
            assert set() == parameters.keys() & facts.__optional_keys__, function
            assert inspect.Parameter.VAR_KEYWORD in {p.kind for p in parameters.values()}
