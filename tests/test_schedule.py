"""Examples and errors of tariffcalc.schedule: building, checking, looking up, combining, hashing a schedule."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from datetime import date

import pytest

from tariffcalc import (
    Citation,
    Country,
    CountryGroup,
    Displacement,
    Instrument,
    Measure,
    MeasureKind,
    OriginScope,
    Period,
    ProductScope,
    Schedule,
    StackingRule,
    Suspension,
)
from tariffcalc.countries import Membership
from tariffcalc.errors import ScheduleError
from tariffcalc.rates import AdValorem

ACT = Instrument("EO 14257", "Reciprocal tariff", known_on=date(2025, 4, 2))
CITE = Citation(ACT, heading="9903.01.25")
EU = CountryGroup("EU", "European Union", (Membership(Country("DE"), Period.parse("1958-01-01/")),))


def measure(
    mid: str, validity: str = "2025-04-05/", origins: str = "all", products: str = "all", **kw: object
) -> Measure:
    return Measure(
        mid,
        mid,
        kw.pop("kind", MeasureKind.ADDITIONAL),  # type: ignore[arg-type]
        kw.pop("rate", AdValorem(10)),  # type: ignore[arg-type]
        ProductScope.parse(products),
        OriginScope.parse(origins),
        Period.parse(validity),
        CITE,
        **kw,  # type: ignore[arg-type]
    )


def rule(rid: str, when: str, drops: str, validity: str = "2025-04-05/") -> StackingRule:
    return StackingRule(rid, when, drops, Displacement.ENTRY, Period.parse(validity), CITE)


def suspension(sid: str, measures: str, period: str) -> Suspension:
    return Suspension(sid, measures, Period.parse(period), CITE)


class TestChecks:
    def test_every_problem_is_reported_at_once(self) -> None:
        with pytest.raises(ScheduleError) as caught:
            Schedule(
                "broken",
                [
                    measure("a", tags={"t1"}),
                    measure("a", tags={"t2"}),
                    measure("g", origins="@nowhere", tags={"t3"}),
                    measure("x", "2025-01-01/2025-06-01", tags={"t4"}),
                    measure("y", "2025-05-01/", tags={"t4"}),
                ],
                suspensions=[
                    suspension("s1", "x", "2026-01-01/"),
                    suspension("s2", "ghost", "2025-01-01/"),
                    suspension("s3", "y", "2025-06-01/2025-07-01"),
                    suspension("s4", "y", "2025-06-15/2025-08-01"),
                ],
                rules=[rule("r1", "t1", "t2"), rule("r2", "t2", "t1")],
            )
        problems = caught.value.problems
        assert str(caught.value).startswith("schedule 'broken' is not consistent (7 problem(s)):")
        assert [
            "measure id 'a' is used 2 times; ids must be unique",
            "measure g: unknown country group 'nowhere'; known groups: none",
            "suspension s1: its period 2026-01-01/ does not meet the validity 2025-01-01/2025-06-01 of measure x",
            "suspension s2: no measure 'ghost' in the schedule",
            "suspensions s3 (2025-06-01/2025-07-01) and s4 (2025-06-15/2025-08-01) of measure y overlap; "
            "end one where the next begins",
            "stacking rules r1, r2 form a cycle; the tags they name must not displace each other",
        ] == list(problems[:6])
        assert problems[6].startswith("measures x (2025-01-01/2025-06-01) and y (2025-05-01/) are both additional")
        assert 7 == len(problems)

    def test_duplicate_ids_of_every_kind(self) -> None:
        with pytest.raises(ScheduleError) as caught:
            Schedule(
                "dupes",
                [measure("m", tags={"a"})],
                suspensions=[suspension("s", "m", "2025-05-01/"), suspension("s", "m", "2026-05-01/")],
                rules=[rule("r", "a", "b"), rule("r", "c", "d")],
                groups=[EU, CountryGroup("EU", "again", ())],
            )
        assert {
            "suspension id 's' is used 2 times; ids must be unique",
            "rule id 'r' is used 2 times; ids must be unique",
            "country group id 'EU' is used 2 times; ids must be unique",
        } <= set(caught.value.problems)

    def test_unknown_group_lists_the_known_ones(self) -> None:
        with pytest.raises(ScheduleError, match=r"measure m: unknown country group 'EX'; known groups: \['EU'\]"):
            Schedule("s", [measure("m", origins="all -@EX")], groups=[EU])

    def test_a_cycle_through_three_rules(self) -> None:
        with pytest.raises(ScheduleError, match=r"stacking rules ab, bc, ca form a cycle"):
            Schedule("s", rules=[rule("ab", "a", "b"), rule("bc", "b", "c"), rule("ca", "c", "a")])

    def test_rules_that_never_meet_form_no_cycle(self) -> None:
        Schedule("s", rules=[rule("ab", "a", "b", "2025-01-01/2025-02-01"), rule("ba", "b", "a", "2025-02-01/")])

    def test_measures_of_one_family_may_follow_each_other(self) -> None:
        Schedule("s", [measure("x", "2025-01-01/2025-06-01"), measure("y", "2025-06-01/")])

    @pytest.mark.parametrize(
        ("a", "b", "meet"),
        [
            ("all", "all -JP", True),
            ("JP", "all -JP", False),
            ("all -JP", "JP", False),
            ("JP CN", "all -JP", True),
            ("JP", "CN", False),
            ("JP CN", "CN", True),
            ("@EU", "DE", True),
            ("@EU", "all -@EU", False),
            ("@EU", "JP", False),
        ],
    )
    def test_overlapping_origins(self, a: str, b: str, meet: bool) -> None:
        parts = [measure("a", origins=a), measure("b", origins=b)]
        if meet:
            with pytest.raises(
                ScheduleError, match=r"measures a \(2025-04-05/\) and b \(2025-04-05/\) are both additional"
            ):
                Schedule("s", parts, groups=[EU])
        else:
            Schedule("s", parts, groups=[EU])

    def test_different_tags_or_scopes_do_not_overlap(self) -> None:
        Schedule("s", [measure("a", tags={"x"}), measure("b", tags={"y"}), measure("c", products="87")])


class TestLookupAndCombine:
    def test_measure_by_id(self) -> None:
        m = measure("m")
        assert m == Schedule("s", [m]).measure("m")

    def test_unknown_measure_lists_known_ids(self) -> None:
        with pytest.raises(
            ScheduleError, match=r"schedule 's' has no measure 'nope' \(1 problem\(s\)\):\n  - known ids start with: m"
        ):
            Schedule("s", [measure("m")]).measure("nope")

    def test_combine_checks_the_whole(self) -> None:
        a = Schedule("a", [measure("m", tags={"x"})])
        b = Schedule("b", [measure("n", tags={"y"})])
        rules = Schedule("rules", rules=[rule("r", "x", "y")])  # rules only: their tags are checked once combined
        both = Schedule.combine("both", a, b, rules)
        assert {"m", "n"} == {m.id for m in both.measures}
        assert 1 == len(both.rules)
        assert a == Schedule.combine("a", a, a)  # the same measure twice is one measure: parts are sets
        other_m = Schedule("c", [measure("m", rate=AdValorem(11), tags={"x"})])
        with pytest.raises(ScheduleError, match="measure id 'm' is used 2 times"):
            Schedule.combine("clash", a, other_m)


class TestIdentity:
    def test_equal_content_equal_fingerprint_whatever_the_order(self) -> None:
        parts = [measure("a", tags={"x"}), measure("b", tags={"y"}), measure("c", tags={"z"})]
        one = Schedule("s", parts, rules=[rule("r1", "x", "y"), rule("r2", "x", "z")])
        two = Schedule("s", parts[::-1], rules=[rule("r2", "x", "z"), rule("r1", "x", "y")])
        assert one == two
        assert hash(one) == hash(two)
        assert one.fingerprint == two.fingerprint
        assert 64 == len(one.fingerprint)

    def test_different_content_different_fingerprint(self) -> None:
        assert (
            Schedule("s", [measure("a")]).fingerprint != Schedule("s", [measure("a", rate=AdValorem(11))]).fingerprint
        )

    @pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
    def test_pickles_to_an_equal_schedule(self, protocol: int) -> None:
        schedule = Schedule("s", [measure("a")], groups=[EU])
        copy = pickle.loads(pickle.dumps(schedule, protocol))
        assert schedule == copy
        assert hash(schedule) == hash(copy)
        assert schedule.fingerprint == copy.fingerprint
        assert schedule.resolve("0101", "JP", date(2025, 5, 1)) == copy.resolve("0101", "JP", date(2025, 5, 1))


_FINGERPRINT_SCRIPT = """
from datetime import date
from tariffcalc import *
from tariffcalc.rates import AdValorem
act = Instrument("EO 1", "An act", known_on=date(2025, 1, 1))
measures = [
    Measure(f"m{i}", "t", MeasureKind.ADDITIONAL, AdValorem(i), ProductScope.parse("87 72 -8703"),
            OriginScope.parse("all -CA -MX -CN -JP"), Period(date(2025, 1, 1)), Citation(act),
            tags={f"tag{i}", "shared", "other"})
    for i in range(5)
]
print(Schedule("s", measures).fingerprint)
"""


def test_the_fingerprint_does_not_depend_on_the_hash_seed() -> None:
    """Sets iterate in an order that depends on PYTHONHASHSEED; the fingerprint must not."""
    prints = {
        subprocess.run(
            [sys.executable, "-c", _FINGERPRINT_SCRIPT],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for seed in ("0", "1", "2", "12345")
    }
    assert 1 == len(prints)
    assert 64 == len(prints.pop())
