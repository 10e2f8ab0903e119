"""
Knowledge dates: the law as known on a day (as filed) against the law as
finally known, around real retroactive acts of 2025. Each expected amount is
worked out by hand from docs/sources/us-2025-facts.md ("facts §N"); MFN rates
from the HTS 2025 Basic Edition (tests/data/hts): 8467.21.00 1.7%,
8703.23.01 2.5%, 8517.13.00 Free.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tariffcalc import Schedule
from tariffcalc.cli import main
from tariffcalc.datasets import load_schedule, us2025_data
from tariffcalc.reasons import NotYetKnown
from tariffcalc.restatement import restate


@pytest.fixture(scope="module")
def us() -> Schedule:
    return load_schedule("us-2025-26")


# (entry, as filed, final, headings only as filed, headings only final)
RETROACTIVE = [
    # facts §2.2-2.3: EO 14326 gave Japan +15% on top of MFN from 7 Aug 2025; EO 14345, signed 4 Sep 2025,
    # replaced it with 15% all-in retroactively from 7 Aug. Drills, MFN 1.7%, value 1000:
    # as filed 17.00 + 150.00 = 167.00; final 17.00 + (150.00 - 17.00) = 150.00.
    (("8467.21.00.10", "JP", date(2025, 8, 20)), "167.00", "150.00", {"9903.02.30"}, {"9903.02.73"}),
    # After 4 Sep 2025 the deal was known: as filed = final = 150.00.
    (("8467.21.00.10", "JP", date(2025, 9, 10)), "150.00", "150.00", set(), set()),
    # facts §1: the memorandum of 11 April 2025 exempted smartphones retroactively from 5 April.
    # Vietnam on 7 April (before its country rate of 9 April): as filed the 10% baseline, 100.00; final 0.00.
    (("8517.13.00.00", "VN", date(2025, 4, 7)), "100.00", "0.00", {"9903.01.25"}, {"9903.01.32"}),
    (("8517.13.00.00", "VN", date(2025, 4, 14)), "0.00", "0.00", set(), set()),
    # facts §5.2: EO 14289 (signed 29 April 2025, retroactive to 4 March): a car under s232 autos is not also
    # subject to the IEEPA Canada duty. Non-USMCA Canadian car, value 1000, 10 April 2025:
    # as filed 25.00 MFN + 250.00 s232 + 250.00 IEEPA CA = 525.00; final 25.00 + 250.00 = 275.00.
    (("8703.23.01.90", "CA", date(2025, 4, 10)), "525.00", "275.00", {"9903.01.10"}, set()),
    (("8703.23.01.90", "CA", date(2025, 5, 10)), "275.00", "275.00", set(), set()),
    # later facts s.3.6: Switzerland's 39% (9903.02.58, EO 14326) was ended from 14 Nov 2025 by the framework
    # notice FR Doc 2025-23316 (public inspection 17 Dec 2025), whose 15% all-in (9903.02.83) replaced it.
    # Drills of 1 Dec 2025, value 1000: as filed (39% still collected) 17.00 + 390.00 = 407.00;
    # final 17.00 + (150.00 - 17.00) = 150.00; 257.00 back.
    (("8467.21.00.10", "CH", date(2025, 12, 1)), "407.00", "150.00", {"9903.02.58"}, {"9903.02.83"}),
    # After 17 Dec 2025 the notice was known: as filed = final.
    (("8467.21.00.10", "CH", date(2025, 12, 18)), "150.00", "150.00", set(), set()),
    # later facts s.3.5, s.10.12: Korea's +15% (9903.02.56) ended from 14 Nov 2025 by the notice of 4 Dec 2025
    # (90 FR 55964); 9903.02.80 (15% all-in) replaced it. Drills of 3 Dec 2025: as filed 17.00 + 150.00 = 167.00;
    # final 150.00. On 4 Dec the notice was known: 150.00 both.
    (("8467.21.00.10", "KR", date(2025, 12, 3)), "167.00", "150.00", {"9903.02.56"}, {"9903.02.80"}),
    (("8467.21.00.10", "KR", date(2025, 12, 4)), "150.00", "150.00", set(), set()),
    # later facts s.3.6, s.10.3: Liechtenstein's +15% (9903.02.36) ended from 14 Nov 2025 by the same notice;
    # 9903.02.88 (15% all-in) replaced it. Drills of 1 Dec 2025: as filed 17.00 + 150.00 = 167.00; final 150.00.
    (("8467.21.00.10", "LI", date(2025, 12, 1)), "167.00", "150.00", {"9903.02.36"}, {"9903.02.88"}),
]


@pytest.mark.parametrize(("entry", "filed", "final", "only_filed", "only_final"), RETROACTIVE, ids=str)
def test_as_filed_against_final(
    us: Schedule,
    entry: tuple[str, str, date],
    filed: str,
    final: str,
    only_filed: set[str],
    only_final: set[str],
) -> None:
    r = restate(us, *entry, value=1000)
    assert (Decimal(filed), Decimal(final)) == (r.as_filed.amount, r.final.amount)
    assert Decimal(filed) - Decimal(final) == r.owed_back
    assert only_filed == {c.heading for c in r.changes if c.final is None}
    assert only_final == {c.heading for c in r.changes if c.as_filed is None}
    assert sum((c.owed_back for c in r.changes), Decimal(0)) == r.owed_back


def test_a_measure_not_yet_known_says_when_it_became_known(us: Schedule) -> None:
    r = us.resolve("8467.21.00.10", "JP", date(2025, 8, 20), value=1000, known=date(2025, 8, 20))
    reason = r.reason("us.ieepa.reciprocal.jp.deal")
    assert isinstance(reason, NotYetKnown)
    assert "EO 14345 became known on 2025-09-04 (retroactive to 2025-08-07)" in str(reason)
    assert date(2025, 8, 20) == r.known
    assert "2025-08-20" == r.to_dict()["known"]
    assert "Law as known on 2025-08-20" in r.explain()


def test_a_later_condition_is_left_out_as_filed(us: Schedule) -> None:
    # facts §1: CSMS #65201773 (30 May 2025) extended the in-transit window to entries before 16 June 2025.
    # Goods loaded 1 April, entered 10 June: as known on 10 June they are in transit (no baseline); as
    # known on 29 May, the 27 May cut-off had passed and the 10% baseline applied.
    facts: dict[str, Any] = {"value": 1000, "loaded": date(2025, 4, 1)}
    assert (
        Decimal("0.00") == us.resolve("9403.60.80.93", "KR", date(2025, 6, 10), known=date(2025, 6, 10), **facts).amount
    )
    assert (
        Decimal("100.00")
        == us.resolve("9403.60.80.93", "KR", date(2025, 6, 10), known=date(2025, 5, 29), **facts).amount
    )


def test_known_must_be_a_day(us: Schedule) -> None:
    # ISO text is a day (as for the entry date); a number is not
    assert us.resolve("8467.21.00.10", "JP", date(2025, 8, 20), known="2025-08-20") == us.resolve(
        "8467.21.00.10", "JP", date(2025, 8, 20), known=date(2025, 8, 20)
    )
    with pytest.raises(TypeError, match=r"known must be a day"):
        us.resolve("8467.21.00.10", "JP", date(2025, 8, 20), known=20250820)  # type: ignore[arg-type]


PRODUCTS = ["8467.21.00.10", "8703.23.01.90", "8708.30.50.30", "7208.10.15.00", "9403.60.80.93", "8517.13.00.00"]


@settings(max_examples=40, deadline=None)
@given(
    product=st.sampled_from(PRODUCTS),
    origin=st.sampled_from(["JP", "CN", "CA", "MX", "DE", "VN", "KR", "GB", "BR", "IN", "CH", "LI"]),
    on=st.dates(date(2025, 1, 1), date(2026, 6, 27)),
    after=st.integers(0, 400),
)
def test_with_everything_known_as_filed_is_final(product: str, origin: str, on: date, after: int) -> None:
    """For a knowledge date after every instrument's, the law as known then is the final law."""
    us = load_schedule("us-2025-26")
    last_known = max(i.known_on for i in us2025_data().instruments)
    known = date.fromordinal(last_known.toordinal() + after)
    filed = us.resolve(product, origin, on, value=1000, known=known)
    final = us.resolve(product, origin, on, value=1000)
    assert (filed.lines, filed.not_applied, filed.amount) == (final.lines, final.not_applied, final.amount)


def test_the_command_answers_as_known_on_a_day(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["rate", "8467.21.00.10", "--origin", "JP", "--date", "2025-08-20", "--value", "1000"]
    assert 0 == main([*argv, "--known", "2025-08-20"])
    assert "16.7% = 167.00" == capsys.readouterr().out.strip()
    assert 0 == main(argv)
    assert "15% = 150.00" == capsys.readouterr().out.strip()
    assert 0 == main(["explain", *argv[1:], "--known", "2025-08-20", "--json"])
    assert "2025-08-20" == json.loads(capsys.readouterr().out)["known"]


def test_an_end_set_by_a_later_act_is_not_known_before_it(us: Schedule) -> None:
    # later facts s.3.6: as known on 1 Dec 2025 the Swiss 39% had no end (the notice that ended it from
    # 14 Nov became known on 17 Dec); the 15% all-in that replaced it is not yet known either.
    measure = us.measure("us.ieepa.reciprocal.ch.eo14326")
    assert measure.validity_as_known(date(2025, 12, 1)).end is None
    assert date(2025, 11, 14) == measure.validity_as_known(date(2025, 12, 17)).end
    assert date(2025, 11, 14) == measure.validity.end
    r = us.resolve("8467.21.00.10", "CH", date(2025, 12, 1), value=1000, known=date(2025, 12, 1))
    line = r.line("us.ieepa.reciprocal.ch.eo14326")
    assert line is not None
    assert Decimal("390.00") == line.amount
    assert isinstance(r.reason("us.ieepa.reciprocal.ch.deal"), NotYetKnown)


def test_the_timeline_as_known_keeps_the_swiss_rate_past_its_final_end(us: Schedule) -> None:
    # later facts s.3.6: as known on 16 Dec 2025, 39% runs through December; as finally known it stops on 14 Nov.
    from tariffcalc.periods import Period

    days = Period(date(2025, 11, 1), date(2025, 12, 16))
    filed = us.timeline("8467.21.00.10", "CH", days, value=1000, known=date(2025, 12, 16))
    final = us.timeline("8467.21.00.10", "CH", days, value=1000)
    assert {Decimal("407.00")} == {s.resolution.amount for s in filed.segments}
    assert Decimal("407.00") == final.at(date(2025, 11, 13)).amount
    assert Decimal("150.00") == final.at(date(2025, 11, 14)).amount
    assert Decimal("150.00") == final.at(date(2025, 12, 15)).amount
