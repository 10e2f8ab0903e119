"""
The three what-ifs of May 2025 on the packaged schedule, each on the final
law and as known on 20 May 2025, on the seed's four goods, worked by hand
from the facts (docs/sources/us-2025-facts.md, "facts"):

- ``jp-7-points``: Japan's country rate 10% + 7 points = 17% from 9 April 2025;
- ``jp-pause-to-oct``: the pause of Japan's country rate runs to 1 October 2025;
- ``jp-deal-from-may``: 15% all-in on the reciprocal duty and on the Section
  232 autos and parts duty from 1 May 2025.

Customs value 10,000 throughout; the steel article's steel content is 6,000.
MFN rates (HTS 2025 Basic and Rev 32, ``tests/data/hts/``): car 8703.23.01
2.5%, car part 8708.30.50 2.5%, steel article 7326.90.86 2.9%, furniture
9403.60.80 Free. Section 232 goods pay no reciprocal duty (facts s.2.4, s.5.1).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs
import pytest

from tariffcalc import Schedule
from tariffcalc.datasets import load_schedule
from tariffcalc.errors import ScheduleError
from tariffcalc.scenario import ExtendSuspension, Scenario, SetRate, diff
from tariffcalc.scenarios import load_scenario

CAR, PART, STEEL, FURNITURE = "8703.23.01.90", "8708.30.50.30", "7326.90.86.88", "9403.60.80.93"
MAY = date(2025, 5, 20)
V = "10000"
STEEL_CONTENT = {"steel": "6000"}


@attrs.frozen
class WhatIf:
    """An entry under a packaged what-if, on the final law (known None) or as known on a day."""

    scenario: str
    known: date | None
    product: str
    on: date
    total: str
    #: Measures that must charge (or, with no duty, be applied on) the entry.
    applies: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.scenario} {'final' if self.known is None else f'known {self.known}'} {self.product} {self.on}"


_CACHE: dict[tuple[str, date | None], Schedule] = {}


@pytest.fixture(scope="module")
def us() -> Schedule:
    return load_schedule("us-2025-26")


def applied(us: Schedule, name: str, known: date | None) -> Schedule:
    if (name, known) not in _CACHE:
        _CACHE[name, known] = load_scenario(name).apply(us, known=known)
    return _CACHE[name, known]


def check(us: Schedule, w: WhatIf) -> None:
    schedule = applied(us, w.scenario, w.known)
    contents = STEEL_CONTENT if w.product == STEEL else {}
    r = schedule.resolve(w.product, "JP", w.on, value=V, contents=contents, known=w.known)
    ids = [line.measure.id for line in r.lines]
    account = "\n" + r.explain()
    assert Decimal(w.total) == r.amount, f"{w}: total {r.amount}, worked {w.total}{account}"
    for mid in w.applies:
        assert mid in ids, f"{w}: {mid} should apply{account}"
    for mid in w.absent:
        assert mid not in ids, f"{w}: {mid} must not apply{account}"


CUT, PAUSE, DEAL = "jp-7-points", "jp-pause-to-oct", "jp-deal-from-may"
ANNEX_I = "us.ieepa.reciprocal.jp.annex-i"
BASELINE = "us.ieepa.reciprocal.baseline"
S232_AUTOS, S232_PARTS = "us.s232.autos", "us.s232.auto-parts"
DEAL_RECIPROCAL = "us.ieepa.reciprocal.baseline.what-if.jp-deal"
DEAL_AUTOS, DEAL_PARTS = "us.s232.autos.what-if.jp-deal", "us.s232.auto-parts.what-if.jp-deal"

EXAMPLES = [
    # --- jp-7-points, final law -------------------------------------------------------------------------
    # s.2.1: 9 April, the one day Japan's Annex I rate applied: Free MFN + 17% (10 + 7 points) = 1700.00
    WhatIf(CUT, None, FURNITURE, date(2025, 4, 9), "1700.00", (ANNEX_I,), (BASELINE,)),
    # s.2.1 with s.3: parts pay s232 only from 3 May; on 9 April a part pays 2.5% (250) + 17% (1700) = 1950.00
    WhatIf(CUT, None, PART, date(2025, 4, 9), "1950.00", (ANNEX_I,)),
    # s.2.4, s.3: a car pays 2.5% (250) + s232 25% (2500) = 2750.00, no reciprocal duty: the cut changes nothing
    WhatIf(CUT, None, CAR, date(2025, 4, 9), "2750.00", (S232_AUTOS,), (ANNEX_I,)),
    # s.4, s.5.1: a steel article on 9 April: 2.9% (290) + s232 steel 25% of the value (2500) = 2790.00,
    # no reciprocal duty
    WhatIf(CUT, None, STEEL, date(2025, 4, 9), "2790.00", (), (ANNEX_I,)),
    # s.2.1: on 20 May the rate is paused (EO 14266): the 10% baseline, 1000.00, cut or not
    WhatIf(CUT, None, FURNITURE, MAY, "1000.00", (BASELINE,), (ANNEX_I,)),
    # --- jp-7-points, as known on 20 May 2025 ---------------------------------------------------------------
    # s.2.1: known in May, the pause ends on 9 July (EO 14316 came on 7 July): 15 July pays 17% = 1700.00
    WhatIf(CUT, MAY, FURNITURE, date(2025, 7, 15), "1700.00", (ANNEX_I,)),
    # s.2.1, s.3: a part on 9 April, 250 + 17% 1700 = 1950.00
    WhatIf(CUT, MAY, PART, date(2025, 4, 9), "1950.00", (ANNEX_I,)),
    # s.2.4: a car on 15 July, 250 + 2500 = 2750.00 (no reciprocal duty on s232 autos)
    WhatIf(CUT, MAY, CAR, date(2025, 7, 15), "2750.00", (S232_AUTOS,), (ANNEX_I,)),
    # s.4, s.5.1: a steel article on 20 May: 290 + 2500 = 2790.00
    WhatIf(CUT, MAY, STEEL, MAY, "2790.00", (), (ANNEX_I,)),
    # --- jp-pause-to-oct, final law -------------------------------------------------------------------------
    # s.2.1: 15 July is paused in the law too (EO 14316): 10% baseline = 1000.00
    WhatIf(PAUSE, None, FURNITURE, date(2025, 7, 15), "1000.00", (BASELINE,), (ANNEX_I,)),
    # s.2.2-2.3: from 7 August the law had the 15% all-in (1500.00); paused to 1 October, 15 August pays
    # the 10% baseline: 1000.00 (EO 14326's +15% and EO 14345's all-in, in the rate's place, are paused too)
    WhatIf(PAUSE, None, FURNITURE, date(2025, 8, 15), "1000.00", (BASELINE,), ("us.ieepa.reciprocal.jp.deal",)),
    # s.2.3: on 1 October the pause is over: the 15% all-in on a Free MFN = 1500.00
    WhatIf(PAUSE, None, FURNITURE, date(2025, 10, 1), "1500.00", ("us.ieepa.reciprocal.jp.deal",)),
    # s.2.4: the pause is of the reciprocal rate; a car on 1 October pays the autos deal, 15% all-in:
    # 250 MFN + 1250 = 1500.00 (from 16 September)
    WhatIf(PAUSE, None, CAR, date(2025, 10, 1), "1500.00", ("us.s232.autos.jp",)),
    # s.2.4: a part on 15 August: 250 + s232 parts 25% 2500 = 2750.00 (no reciprocal duty to pause)
    WhatIf(PAUSE, None, PART, date(2025, 8, 15), "2750.00", (S232_PARTS,)),
    # s.4, s.5.1: a steel article on 15 August: 290 MFN + 50% of the 6000 steel content (3000) + the baseline
    # 10% on the other 4000 (400) = 3690.00 (in the law: the 15% all-in on the 4000, 600 - 290 x 0.4 = 484)
    WhatIf(PAUSE, None, STEEL, date(2025, 8, 15), "3690.00", (BASELINE,)),
    # --- jp-pause-to-oct, as known on 20 May 2025 -----------------------------------------------------------
    # s.2.1: known in May the pause ended on 9 July; extended, 15 July pays the 10% baseline: 1000.00
    WhatIf(PAUSE, MAY, FURNITURE, date(2025, 7, 15), "1000.00", (BASELINE,), (ANNEX_I,)),
    # s.2.1: and 1 August too: 1000.00
    WhatIf(PAUSE, MAY, FURNITURE, date(2025, 8, 1), "1000.00", (BASELINE,), (ANNEX_I,)),
    # s.2.4: a car on 15 July: 250 + 2500 = 2750.00
    WhatIf(PAUSE, MAY, CAR, date(2025, 7, 15), "2750.00", (S232_AUTOS,)),
    # s.3: a part on 15 July: 250 + 2500 = 2750.00
    WhatIf(PAUSE, MAY, PART, date(2025, 7, 15), "2750.00", (S232_PARTS,)),
    # s.4, s.5.1: a steel article on 20 May: 290 + 2500 = 2790.00
    WhatIf(PAUSE, MAY, STEEL, MAY, "2790.00", ()),
    # --- jp-deal-from-may, final law ------------------------------------------------------------------------
    # s.2.3 from 1 May: furniture's Free MFN topped up to 15% all-in = 1500.00 (the law: 10%, 1000.00)
    WhatIf(DEAL, None, FURNITURE, MAY, "1500.00", (DEAL_RECIPROCAL,), (BASELINE, ANNEX_I)),
    # s.2.4 from 1 May: a car pays 15% all-in in place of the 25%: 250 MFN + 1250 = 1500.00 (the law: 2750.00)
    WhatIf(DEAL, None, CAR, MAY, "1500.00", (DEAL_AUTOS,), (S232_AUTOS,)),
    # s.2.4: a part likewise: 250 + 1250 = 1500.00 (the law: 2750.00 to 15 September)
    WhatIf(DEAL, None, PART, MAY, "1500.00", (DEAL_PARTS,), (S232_PARTS,)),
    # s.2.4: on 16 September the law has the same 15% all-in (EO 14345), which gives way to the what-if's
    WhatIf(DEAL, None, CAR, date(2025, 9, 16), "1500.00", (DEAL_AUTOS,), ("us.s232.autos.jp",)),
    # s.4, s.5.1, s.2.3: a steel article on 15 July: 290 + 50% of 6000 (3000) + all-in 15% on the other 4000:
    # 600 less the MFN on it, 290 x 4000/10000 = 116: 484; total 3774.00 (the law: 10% of 4000, 3690.00)
    WhatIf(DEAL, None, STEEL, date(2025, 7, 15), "3774.00", (DEAL_RECIPROCAL,), (BASELINE,)),
    # --- jp-deal-from-may, as known on 20 May 2025 ----------------------------------------------------------
    # s.2.3: 15 July, known in May Japan would pay 24% (2400.00); under the deal 15% all-in = 1500.00
    WhatIf(DEAL, MAY, FURNITURE, date(2025, 7, 15), "1500.00", (DEAL_RECIPROCAL,), (ANNEX_I, BASELINE)),
    # s.2.4: a car on 20 May: 250 + 1250 = 1500.00
    WhatIf(DEAL, MAY, CAR, MAY, "1500.00", (DEAL_AUTOS,), (S232_AUTOS,)),
    # s.2.4, s.3: a part on 15 July: 250 + 1250 = 1500.00
    WhatIf(DEAL, MAY, PART, date(2025, 7, 15), "1500.00", (DEAL_PARTS,), (S232_PARTS,)),
    # s.4, s.5.1: a steel article on 20 May pays s232 steel, no reciprocal duty: 290 + 2500 = 2790.00
    WhatIf(DEAL, MAY, STEEL, MAY, "2790.00", (), (DEAL_RECIPROCAL,)),
]

LATER_END = [
    # s.2.1: known in May the Annex I rate had no end; paused to 1 October, it applies again then: 24% = 2400.00
    WhatIf(PAUSE, MAY, FURNITURE, date(2025, 10, 1), "2400.00", (ANNEX_I,)),
    # s.2.1: with the 7-point cut, known in May, 7 August pays 17% = 1700.00
    WhatIf(CUT, MAY, FURNITURE, date(2025, 8, 7), "1700.00", (ANNEX_I,)),
]


@pytest.mark.parametrize("example", EXAMPLES, ids=str)
def test_what_if(us: Schedule, example: WhatIf) -> None:
    check(us, example)


@pytest.mark.parametrize("example", LATER_END, ids=str)
def test_what_if_after_an_end_known_later(us: Schedule, example: WhatIf) -> None:
    check(us, example)


def test_enough_examples() -> None:
    """3 what-ifs x 2 views x 4 goods at least."""
    cells = {(w.scenario, w.known, w.product) for w in EXAMPLES}
    assert len(cells) == 24


class TestNotes:
    def test_the_pause_says_what_it_suspends(self, us: Schedule) -> None:
        notes = load_scenario(PAUSE).notes(us)
        assert any("us.ieepa.reciprocal.jp.deal (EO 14345) takes the place of" in n for n in notes)
        assert any("us.ieepa.reciprocal.jp.eo14326 (EO 14326)" in n for n in notes)
        assert not any("s232" in n for n in notes)  # the pause is of the reciprocal rate only

    def test_as_known_in_may_the_pause_is_extended_from_9_july(self, us: Schedule) -> None:
        notes = load_scenario(PAUSE).notes(us, known=MAY)
        assert "as known on 2025-05-20" in notes[0]
        assert any(f"{ANNEX_I} suspended 2025-07-09/2025-10-01, after eo14266.annex-i-pause" in n for n in notes)

    def test_the_deal_says_which_later_acts_give_way(self, us: Schedule) -> None:
        notes = load_scenario(DEAL).notes(us)
        assert any("us.s232.autos.jp (EO 14345) gives way" in n and "later act" in n for n in notes)
        assert any("us.ieepa.reciprocal.jp.eo14326 (EO 14326) gives way" in n for n in notes)

    def test_the_cut_keeps_the_deal_and_says_so(self, us: Schedule) -> None:
        notes = load_scenario(CUT).notes(us)
        assert any("rule eo14345.in-lieu (EO 14345)" in n and "kept" in n for n in notes)
        assert any("us.ieepa.reciprocal.jp.eo14326 (EO 14326) 15% -> 17%" in n for n in notes)


def test_a_cut_from_a_later_day_splits_the_rate(us: Schedule) -> None:
    """Facts s.2.1: as known in May, Japan 24% from 9 July (pause over); cut to 17% from then, 9 April keeps 24%."""
    from tariffcalc import Citation, Instrument
    from tariffcalc.rates import AdValorem
    from tariffcalc.whatif import CountryRate

    what_if = Citation(Instrument("what-if", "x", known_on=MAY))
    cut = Scenario("from July", [CountryRate("JP", AdValorem(17), date(2025, 7, 9), citation=what_if)])
    after = cut.apply(us, known=MAY)
    # 9 April: 24% of 10,000 = 2400.00; 15 July: 17% = 1700.00; 20 May: paused, the 10% baseline = 1000.00
    assert [Decimal("2400.00"), Decimal("1000.00"), Decimal("1700.00")] == [
        after.resolve(FURNITURE, "JP", d, value=V, known=MAY).amount for d in (date(2025, 4, 9), MAY, date(2025, 7, 15))
    ]
    assert any(f"{ANNEX_I}.before keeps 24% on 2025-04-09/2025-07-09" in n for n in cut.notes(us, known=MAY))


class TestNoEffect:
    def test_extending_a_pause_the_law_already_extended_is_an_error(self, us: Schedule) -> None:
        # The old way: extending EO 14266's pause on the final law fills nothing (EO 14316 and EO 14326
        # cover the days to the rate's end): an error naming the reason, not an empty diff.
        from tariffcalc import Citation, Instrument

        what_if = Citation(Instrument("what-if", "x", known_on=MAY))
        old = Scenario("to October", [ExtendSuspension("eo14266.annex-i-pause", date(2025, 10, 1), "x", what_if)])
        with pytest.raises(ScheduleError) as caught:
            old.apply(us)
        assert "has no effect on the final law" in str(caught.value)
        assert "nothing left to extend" in str(caught.value)

    def test_setting_a_rate_to_itself_is_an_error(self, us: Schedule) -> None:
        same = Scenario("same", [SetRate(ANNEX_I, us.measure(ANNEX_I).rate)])
        with pytest.raises(ScheduleError, match="has no effect"):
            same.apply(us)

    def test_a_cut_for_a_partner_without_a_country_rate_says_so(self, us: Schedule, tmp_path: object) -> None:
        from tariffcalc import Citation, Instrument
        from tariffcalc.rates import AdValorem
        from tariffcalc.whatif import CountryRate

        cut = Scenario(
            "AU",
            [CountryRate("AU", AdValorem(5), date(2025, 4, 9), citation=Citation(Instrument("w", "w", known_on=MAY)))],
        )
        with pytest.raises(ScheduleError) as caught:
            cut.apply(us, known=MAY)
        assert "no measure tagged 'reciprocal-country' reaches AU" in str(caught.value)


def test_the_diff_shows_what_the_pause_changes(us: Schedule) -> None:
    changes = [str(c) for c in diff(us, applied(us, PAUSE, None)).changes]
    assert "added suspension what-if.jp-pause-to-oct.us.ieepa.reciprocal.jp.deal" in changes
