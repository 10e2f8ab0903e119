"""
Amendments: an end set by a later act is known from that act's day
(docs/decisions/0007-knowledge-dates-of-ends.md), in the values, the data
files, the packing and the fingerprint. The cases are hand-made; the dates
follow the Swiss case of docs/sources/us-2025-26-later-facts.md s.3.6
(39% from 7 Aug 2025, ended from 14 Nov 2025 by a notice known 17 Dec 2025).
"""

from __future__ import annotations

import pickle
from datetime import date, timedelta
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tariffcalc import Citation, Instrument, Measure, MeasureKind, OriginScope, Period, ProductScope, Schedule
from tariffcalc.amendments import Amendment, validity_as_known
from tariffcalc.errors import DataFileError, InvalidMeasureError
from tariffcalc.io.datafiles import DataSet, format_dataset, parse_dataset
from tariffcalc.measures import Suspension
from tariffcalc.rates import AdValorem
from tariffcalc.restatement import restate
from tariffcalc.rules import Displacement, StackingRule

EO = Instrument("EO 14326", "Country rates", known_on=date(2025, 7, 31), applies_from=date(2025, 8, 7))
NOTICE = Instrument("Notice", "Swiss framework", known_on=date(2025, 12, 17), applies_from=date(2025, 11, 14))
HTS = Instrument("HTS", "Rates", known_on=date(2025, 1, 1))


def _schedule(amended: bool = True) -> Schedule:
    base = Measure(
        "mfn", "MFN", MeasureKind.BASE, AdValorem("1.7"), ProductScope.parse("8467"), OriginScope.parse("all"),
        Period(date(2025, 1, 1)), Citation(HTS, heading="8467"),
    )  # fmt: skip
    country = Measure(
        "ch.39", "Switzerland 39%", MeasureKind.ADDITIONAL, AdValorem(39), ProductScope.parse("all"),
        OriginScope.parse("CH"), Period(date(2025, 8, 7), date(2025, 11, 14)), Citation(EO, heading="9903.02.58"),
        amendments=(Amendment(Citation(NOTICE, heading="9903.02.58")),) if amended else (),
    )  # fmt: skip
    deal = Measure(
        "ch.15", "Switzerland 15%", MeasureKind.ADDITIONAL, AdValorem(15), ProductScope.parse("all"),
        OriginScope.parse("CH"), Period(date(2025, 11, 14)), Citation(NOTICE, heading="9903.02.83"),
    )  # fmt: skip
    return Schedule("swiss", [base, country, deal])


def test_as_filed_the_ended_rate_runs_until_the_ending_act_is_known() -> None:
    # 1 Dec 2025, value 1000: as filed 17.00 + 390.00 = 407.00 (the notice not yet known);
    # final 17.00 + 150.00 = 167.00; 240.00 back.
    r = restate(_schedule(), "8467.21.00.10", "CH", date(2025, 12, 1), value=1000)
    assert (Decimal("407.00"), Decimal("167.00"), Decimal("240.00")) == (
        r.as_filed.amount,
        r.final.amount,
        r.owed_back,
    )
    # Without the amendment the as-filed answer had lost the 39% (the old defect): only 17.00.
    old = restate(_schedule(amended=False), "8467.21.00.10", "CH", date(2025, 12, 1), value=1000)
    assert Decimal("17.00") == old.as_filed.amount


def test_a_chain_of_amendments_reads_the_end_known_on_each_day() -> None:
    # Until 1 Sep the end was none, until 1 Oct it was 1 Dec, after that 1 Nov.
    first = Amendment(Citation(Instrument("A", "a", known_on=date(2025, 9, 1))), None)
    second = Amendment(Citation(Instrument("B", "b", known_on=date(2025, 10, 1))), date(2025, 12, 1))
    validity = Period(date(2025, 8, 7), date(2025, 11, 1))
    m = _schedule().measure("ch.39")
    m = attrs.evolve(m, validity=validity, amendments=(second, first))  # sorted by when known
    assert (first, second) == m.amendments
    assert [None, date(2025, 12, 1), date(2025, 11, 1), date(2025, 11, 1)] == [
        m.validity_as_known(d).end for d in (date(2025, 8, 31), date(2025, 9, 1), date(2025, 10, 1), date(2026, 1, 1))
    ]
    assert validity == m.validity_as_known(None)


def test_a_previous_end_before_the_start_is_refused() -> None:
    m = _schedule().measure("ch.39")
    with pytest.raises(InvalidMeasureError, match=r"not after the start 2025-08-07"):
        attrs.evolve(m, amendments=(Amendment(Citation(NOTICE), date(2025, 8, 7)),))
    with pytest.raises(InvalidMeasureError, match=r"before the measure itself \(2025-07-31\)"):
        attrs.evolve(m, amendments=(Amendment(Citation(HTS)),))
    with pytest.raises(InvalidMeasureError, match=r"is not an Amendment"):
        attrs.evolve(m, amendments=("2025-12-17",))  # type: ignore[arg-type]  # the wrong type on purpose


@settings(max_examples=200, deadline=None)
@given(
    start=st.dates(date(2025, 1, 1), date(2026, 1, 1)),
    length=st.integers(1, 400),
    changes=st.lists(
        st.tuples(st.integers(0, 600), st.one_of(st.none(), st.integers(1, 500))), max_size=4, unique_by=lambda t: t[0]
    ),
    after=st.integers(0, 400),
)
def test_after_every_act_is_known_the_validity_is_the_final_one(
    start: date, length: int, changes: list[tuple[int, int | None]], after: int
) -> None:
    """For any knowledge date after every amendment's known_on, the validity as known is the final one."""
    validity = Period(start, start + timedelta(days=length))
    found = tuple(
        Amendment(
            Citation(Instrument(f"A{i}", "act", known_on=EO.known_on + timedelta(days=k))),
            None if e is None else start + timedelta(days=e),
        )
        for i, (k, e) in enumerate(changes)
    )
    m = attrs.evolve(_schedule().measure("ch.39"), validity=validity, amendments=found)
    last = max((a.known_on for a in found), default=EO.known_on)
    assert validity == m.validity_as_known(last + timedelta(days=after))
    # Before the first act is known, the end is the first act's previous end.
    if found:
        first = m.amendments[0]
        assert first.previous_end == m.validity_as_known(first.known_on - timedelta(days=1)).end
    assert validity_as_known(validity, found, None) == validity


def test_a_schedule_without_amendments_keeps_its_fingerprint_and_one_with_them_differs() -> None:
    plain = _schedule(amended=False)
    # A schedule with no amendment hashes as it did before the field existed (the value computed by the
    # library before amendments were added): the fingerprint leaves an empty field out.
    assert "cac0c95511a9f09fc255b4fcb5625b13ecbf1e8408f06a993506cbba40c9c0c5" == plain.fingerprint
    assert plain.fingerprint != _schedule().fingerprint
    assert _schedule().fingerprint == _schedule().fingerprint


def test_amendments_round_trip_through_pickle_and_data_files() -> None:
    s = _schedule()
    back = pickle.loads(pickle.dumps(s))
    assert back == s
    assert back.measure("ch.39").amendments == s.measure("ch.39").amendments
    data = DataSet("swiss", measures=tuple(s.measures), instruments=(EO, NOTICE, HTS))
    text = format_dataset(data)
    assert "[[measures.amendments]]" in text
    assert "[measures.amendments.citation]" in text
    again = parse_dataset(text)
    assert {m.id: m.amendments for m in again.measures} == {m.id: m.amendments for m in data.measures}


def test_a_bad_amendment_in_a_data_file_is_reported_where_it_is() -> None:
    text = format_dataset(DataSet("swiss", measures=tuple(_schedule().measures), instruments=(EO, NOTICE, HTS)))
    with pytest.raises(DataFileError, match=r"amendments"):
        parse_dataset(text.replace('instrument = "Notice"\nheading = "9903.02.58"', 'instrument = "Nope"', 1))


def _rule_and_suspension() -> tuple[Schedule, StackingRule, Suspension]:
    # A rule and a suspension of the Swiss 39%, ended with it by the notice: until the notice was known the
    # rule had no end, and the suspension ran to 1 January 2026 (a made-up earlier end, to test the chain).
    s = _schedule()
    ended = (Amendment(Citation(NOTICE, heading="9903.02.58")),)
    rule = StackingRule(
        "ch.rule", "ch", "other", Displacement.ENTRY, Period(date(2025, 8, 7), date(2025, 11, 14)),
        Citation(EO), amendments=ended,
    )  # fmt: skip
    pause = Suspension(
        "ch.pause", frozenset({"ch.39"}), Period(date(2025, 10, 1), date(2025, 11, 14)), Citation(EO),
        amendments=(Amendment(Citation(NOTICE), previous_end=date(2026, 1, 1)),),
    )  # fmt: skip
    return Schedule("swiss", list(s.measures), suspensions=[pause], rules=[rule]), rule, pause


def test_rules_and_suspensions_read_the_end_known_on_a_day() -> None:
    _, rule, pause = _rule_and_suspension()
    assert rule.validity_as_known(date(2025, 12, 1)).end is None
    assert date(2025, 11, 14) == rule.validity_as_known(date(2025, 12, 17)).end
    assert date(2026, 1, 1) == pause.period_as_known(date(2025, 12, 1)).end
    assert date(2025, 11, 14) == pause.period_as_known(None).end


def test_as_filed_a_suspension_ended_by_a_later_act_still_stops_the_rate() -> None:
    # 1 Dec 2025, value 1000: as filed the 39% is suspended (the pause ran to 1 Jan 2026 as known then) and the
    # 15% not yet known: MFN 1.7% = 17.00. Final: the 39% ended on 14 Nov, the 15% applies: 17.00 + 150.00 = 167.00.
    s, _, _ = _rule_and_suspension()
    assert (
        Decimal("17.00")
        == s.resolve("8467.21.00.10", "CH", date(2025, 12, 1), value=1000, known=date(2025, 12, 1)).amount
    )
    assert Decimal("167.00") == s.resolve("8467.21.00.10", "CH", date(2025, 12, 1), value=1000).amount


def test_rule_and_suspension_amendments_round_trip_through_data_files() -> None:
    s, rule, pause = _rule_and_suspension()
    data = DataSet(
        "swiss", measures=tuple(s.measures), suspensions=(pause,), rules=(rule,), instruments=(EO, NOTICE, HTS)
    )
    text = format_dataset(data)
    assert "[[rules.amendments]]" in text
    assert "[[suspensions.amendments]]" in text
    again = parse_dataset(text)
    assert [rule.amendments] == [r.amendments for r in again.rules]
    assert [pause.amendments] == [x.amendments for x in again.suspensions]
    assert s.fingerprint != Schedule("swiss", list(s.measures), suspensions=[attrs.evolve(pause, amendments=())],
                                     rules=[attrs.evolve(rule, amendments=())]).fingerprint  # fmt: skip


def test_a_rule_amended_by_an_earlier_act_is_refused() -> None:
    with pytest.raises(InvalidMeasureError, match=r"rule r: amendment 'HTS' .* before the rule itself"):
        StackingRule("r", "a", "b", Displacement.ENTRY, Period(date(2025, 8, 7), date(2025, 11, 14)), Citation(EO),
                     amendments=(Amendment(Citation(HTS)),))  # fmt: skip


def test_the_refund_shortcut_counts_days_a_rule_or_suspension_ran_on_as_filed() -> None:
    # The notice (known 17 Dec) ended the rule and the pause from 14 Nov: the days from 14 Nov were filed
    # under the longer rule and pause, so the refund shortcut must not take as filed for final there.
    from tariffcalc.us.refunds import _later_windows

    s, _, _ = _rule_and_suspension()
    windows = set(_later_windows(s))
    assert (Period(date(2025, 11, 14)), date(2025, 12, 17)) in windows  # the rule (and the measure): no end before
    assert (Period(date(2025, 11, 14), date(2026, 1, 1)), date(2025, 12, 17)) in windows  # the pause, to 1 Jan 2026
