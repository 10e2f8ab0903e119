"""
Real 2025 US cases, reproduced with a schedule built by hand in this test
(not the packaged data), each expected total worked out from the rule
cited in docs/sources/us-2025-facts.md ("facts §N").

MFN (column 1 general) rates are from the 2025 basic HTS edition
(tests/data/hts): 8703.23.01 2.5%, 8467.21.00 1.7%, 7326.90.86 2.9%.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tariffcalc import (
    Citation,
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
from tariffcalc.measures import ContentValue, InTransit
from tariffcalc.rates import AdValorem, AllIn, Rate, Specific
from tariffcalc.reasons import Displaced, Suspended, SwitchedOff

HTS = Instrument("HTS 2025", "Harmonized Tariff Schedule of the United States (2025 basic)", known_on=date(2025, 1, 1))
EO_14257 = Instrument(
    "EO 14257", "Regulating Imports With a Reciprocal Tariff", known_on=date(2025, 4, 2), published="90 FR 15041"
)
EO_14266 = Instrument(
    "EO 14266", "Modifying Reciprocal Tariff Rates", known_on=date(2025, 4, 9), published="90 FR 15625"
)
EO_14316 = Instrument(
    "EO 14316", "Extending the Modification of the Reciprocal Tariff Rates", known_on=date(2025, 7, 7)
)
EO_14345 = Instrument(
    "EO 14345",
    "Implementing the United States-Japan Agreement",
    known_on=date(2025, 9, 4),
    applies_from=date(2025, 8, 7),
)
EO_14228 = Instrument("EO 14228", "Further Amendment to Duties (synthetic opioids, China)", known_on=date(2025, 3, 3))
EO_14298 = Instrument("EO 14298", "Modifying Reciprocal Tariff Rates (China)", known_on=date(2025, 5, 12))
PROC_10908 = Instrument(
    "Proclamation 10908", "Adjusting Imports of Automobiles and Automobile Parts", known_on=date(2025, 3, 26)
)
PROC_10896 = Instrument("Proclamation 10896", "Adjusting Imports of Steel", known_on=date(2025, 2, 10))
PROC_10947 = Instrument("Proclamation 10947", "Adjusting Imports of Aluminum and Steel", known_on=date(2025, 6, 3))
CSMS_64680374 = Instrument(
    "CSMS #64680374", "Reciprocal tariff guidance (in-transit deadline)", known_on=date(2025, 4, 8)
)

CARS = "8703.23.01"  # passenger cars, 1,500-3,000 cc
DRILLS = "8467.21.00"  # an ordinary good: no Section 232, MFN 1.7%
STEEL_ARTICLES = "7326.90.86"  # other articles of iron or steel (chapter 73), MFN 2.9%
CBP_EXAMPLE = "0409.00.00"  # stands for the CBP example's good; its rate here is the example's 50¢/kg


def _measure(
    id: str,  # the measure's field name
    kind: MeasureKind,
    rate: Rate,
    products: str,
    origins: str,
    validity: str,
    citation: Citation,
    **extra: object,
) -> Measure:
    return Measure(
        id,
        id,
        kind,
        rate,
        ProductScope.parse(products),
        OriginScope.parse(origins),
        Period.parse(validity),
        citation,
        **extra,  # type: ignore[arg-type]
    )


BASE, ADDITIONAL = MeasureKind.BASE, MeasureKind.ADDITIONAL

# facts §1 "In-transit exemption": loaded before 5 April, entered before 27 May (9903.01.28);
# facts §1: Annex I goods loaded 5-8 April pay 10% instead of the country-specific rate.
IN_TRANSIT_BASELINE = InTransit(date(2025, 4, 5), date(2025, 5, 27), Citation(CSMS_64680374, heading="9903.01.28"))
IN_TRANSIT_ANNEX_I = InTransit(date(2025, 4, 9), date(2025, 5, 27), Citation(CSMS_64680374, heading="9903.01.28"))

MEASURES = [
    _measure("mfn.8703.23.01", BASE, AdValorem("2.5"), CARS, "all", "2025-01-01/", Citation(HTS, heading=CARS)),
    _measure("mfn.8467.21.00", BASE, AdValorem("1.7"), DRILLS, "all", "2025-01-01/", Citation(HTS, heading=DRILLS)),
    _measure(
        "mfn.7326.90.86", BASE, AdValorem("2.9"), STEEL_ARTICLES, "all", "2025-01-01/", Citation(HTS, STEEL_ARTICLES)
    ),
    _measure("mfn.cbp-example", BASE, Specific("0.50", "kg"), CBP_EXAMPLE, "all", "2025-01-01/", Citation(HTS)),
    # facts §1: 10% baseline from 5 April 2025 under 9903.01.25; Canada and Mexico excepted (9903.01.26/.27);
    # China has its own rate in this schedule (facts §6). From 7 August Japan's own regime replaces it (facts §2.3).
    _measure(
        "us.reciprocal.baseline",
        ADDITIONAL,
        AdValorem(10),
        "all",
        "all -CA -MX -CN",
        "2025-04-05/2025-08-07",
        Citation(EO_14257, heading="9903.01.25"),
        tags={"reciprocal"},
        conditions=[IN_TRANSIT_BASELINE],
    ),
    _measure(
        "us.reciprocal.baseline.2",
        ADDITIONAL,
        AdValorem(10),
        "all",
        "all -CA -MX -CN -JP",
        "2025-08-07/",
        Citation(EO_14257, heading="9903.01.25"),
        tags={"reciprocal"},
    ),
    # facts §2.1: Japan 24% in total = 14 points above the baseline, 9903.01.53, from 9 April 2025.
    _measure(
        "us.reciprocal.jp",
        ADDITIONAL,
        AdValorem(14),
        "all",
        "JP",
        "2025-04-09/2025-08-07",
        Citation(EO_14257, heading="9903.01.53"),
        tags={"reciprocal", "annex-i"},  # its own heading, on top of the baseline's
        conditions=[IN_TRANSIT_ANNEX_I],
    ),
    # facts §2.3: from 7 August 2025 (retroactive) Japan's reciprocal duty tops MFN up to 15% (9903.02.73).
    _measure(
        "us.reciprocal.jp.all-in",
        ADDITIONAL,
        AllIn(15),
        "all",
        "JP",
        "2025-08-07/",
        Citation(EO_14345, heading="9903.02.73"),
        tags={"reciprocal"},
        conditions=[InTransit(date(2025, 8, 7), date(2025, 10, 5), Citation(EO_14345, heading="9903.02.73"))],
    ),
    # facts §3: Section 232 automobiles, 25% from 3 April 2025 (9903.94.01).
    _measure(
        "us.s232.autos",
        ADDITIONAL,
        AdValorem(25),
        "8703",
        "all",
        "2025-04-03/",
        Citation(PROC_10908, heading="9903.94.01"),
        tags={"s232"},
    ),
    # facts §4: steel 25% from 12 March 2025 (chapter 73 articles on their full value until 3 June) ...
    _measure(
        "us.s232.steel.73",
        ADDITIONAL,
        AdValorem(25),
        "73",
        "all",
        "2025-03-12/2025-06-04",
        Citation(PROC_10896, heading="9903.81.90"),
        tags={"s232"},
    ),
    # ... and 50% on the steel content only from 4 June 2025 (Proclamation 10947).
    _measure(
        "us.s232.steel.73.content",
        ADDITIONAL,
        AdValorem(50),
        "73",
        "all -GB",
        "2025-06-04/",
        Citation(PROC_10947, heading="9903.81.90"),
        basis=ContentValue("steel"),
        tags={"s232-content"},
    ),
    # facts §6: China fentanyl IEEPA 20% from 4 March 2025 (9903.01.24), outside the EO 14289 hierarchy.
    _measure(
        "us.fentanyl.cn",
        ADDITIONAL,
        AdValorem(20),
        "all",
        "CN",
        "2025-03-04/2025-11-10",
        Citation(EO_14228, heading="9903.01.24"),
        tags={"fentanyl"},
    ),
    # facts §6: China reciprocal from 14 May 2025 is 34% with 24 points suspended (9903.01.63).
    _measure(
        "us.reciprocal.cn",
        ADDITIONAL,
        AdValorem(34),
        "all",
        "CN",
        "2025-05-14/",
        Citation(EO_14298, heading="9903.01.63"),
        tags={"reciprocal"},
    ),
]

SUSPENSIONS = [
    # facts §2.1: EO 14266 pauses the country-specific rates from 10 April until 9 July 2025 ...
    Suspension("eo14266.pause", {"us.reciprocal.jp"}, Period.parse("2025-04-10/2025-07-09"), Citation(EO_14266)),
    # ... and EO 14316 extends the pause to 1 August 2025 (a new suspension, not a change to the old one).
    Suspension("eo14316.pause", {"us.reciprocal.jp"}, Period.parse("2025-07-09/2025-08-01"), Citation(EO_14316)),
    # facts §6: EO 14298 keeps China at 10% for 90 days from 14 May (to 12 August 2025).
    Suspension(
        "eo14298.china",
        {"us.reciprocal.cn"},
        Period.parse("2025-05-14/2025-08-12"),
        Citation(EO_14298, heading="9903.01.63"),
        replacement=AdValorem(10),
    ),
]

RULES = [
    # facts §5.1: articles subject to s232 (autos, parts, steel/aluminium) pay no reciprocal duty (9903.01.33).
    StackingRule(
        "s232-excludes-reciprocal",
        when="s232",
        drops="reciprocal",
        displaces=Displacement.ENTRY,
        validity=Period.parse("2025-04-05/"),
        citation=Citation(EO_14257, heading="9903.01.33"),
    ),
    # facts §4, §5.1: from 4 June 2025 only the metal-content line is excluded; the rest pays reciprocal.
    StackingRule(
        "metal-content-excludes-reciprocal-on-its-slice",
        when="s232-content",
        drops="reciprocal",
        displaces=Displacement.SLICE,
        validity=Period.parse("2025-06-04/"),
        citation=Citation(PROC_10947, heading="9903.01.33"),
    ),
]

US_2025 = Schedule("us-2025-by-hand", MEASURES, rules=RULES, suspensions=SUSPENSIONS)


def _applied(resolution: object) -> dict[str, Decimal | None]:
    return {line.measure.id: line.amount for line in resolution.lines}  # type: ignore[attr-defined]


class TestJapanesePassengerCar:
    """facts §2.4 and §5.1: a Japanese car pays MFN 2.5% + 25% s232 = 27.5%, and no reciprocal duty."""

    def test_entered_5_may_2025(self) -> None:
        r = US_2025.resolve(CARS + ".90", "JP", date(2025, 5, 5), value=40000)
        # 2.5% x 40,000 = 1,000.00 (MFN); 25% x 40,000 = 10,000.00 (s232, 9903.94.01); total 11,000.00 = 27.5%.
        assert _applied(r) == {"mfn.8703.23.01": Decimal("1000.00"), "us.s232.autos": Decimal("10000.00")}
        assert r.amount == Decimal("11000.00")
        assert r.rate == Decimal("27.5")
        # The baseline is not applied because of the s232 rule (9903.01.33), not silently dropped.
        reason = r.reason("us.reciprocal.baseline")
        assert isinstance(reason, Displaced)
        assert reason.rule.id == "s232-excludes-reciprocal"
        assert reason.by == "us.s232.autos"
        # Japan's 14 points are paused on 5 May by EO 14266 in any case (facts §2.1).
        assert isinstance(r.reason("us.reciprocal.jp"), Suspended)
        assert "displaced by rule s232-excludes-reciprocal" in r.explain()


class TestOrdinaryJapaneseGood:
    """facts §2.1: a Japanese good without s232 pays MFN + 24% on 9 April 2025 and MFN + 10% from 10 April."""

    def test_9_april_2025_pays_24_percent_on_top(self) -> None:
        r = US_2025.resolve(DRILLS + ".00", "JP", date(2025, 4, 9), value=1000)
        # 1.7% + 10% (9903.01.25) + 14% (9903.01.53) = 25.7%: 17.00 + 100.00 + 140.00 = 257.00.
        assert _applied(r) == {
            "mfn.8467.21.00": Decimal("17.00"),
            "us.reciprocal.baseline": Decimal("100.00"),
            "us.reciprocal.jp": Decimal("140.00"),
        }
        assert r.rate == Decimal("25.7")
        assert r.amount == Decimal("257.00")

    def test_15_april_2025_pays_10_percent_with_the_pause_named(self) -> None:
        r = US_2025.resolve(DRILLS + ".00", "JP", date(2025, 4, 15), value=1000)
        # 1.7% + 10% = 11.7%: 17.00 + 100.00 = 117.00; the 14 points are suspended by EO 14266.
        assert r.rate == Decimal("11.7")
        assert r.amount == Decimal("117.00")
        reason = r.reason("us.reciprocal.jp")
        assert isinstance(reason, Suspended)
        assert reason.suspension.citation.instrument.id == "EO 14266"
        assert str(reason) == "suspended by EO 14266 (90 FR 15625) from 2025-04-10 until 2025-07-09"

    def test_the_pause_is_extended_by_eo_14316(self) -> None:
        # facts §2.1: EO 14316 extends the suspension from 9 July to 1 August 2025.
        r = US_2025.resolve(DRILLS + ".00", "JP", date(2025, 7, 20), value=1000)
        assert r.rate == Decimal("11.7")
        reason = r.reason("us.reciprocal.jp")
        assert isinstance(reason, Suspended)
        assert reason.suspension.citation.instrument.id == "EO 14316"


class TestInTransitGoods:
    """facts §1 "In-transit exemption": loaded before 5 April and entered before 27 May 2025: no reciprocal duty."""

    def test_loaded_1_april_entered_20_may_pays_no_reciprocal(self) -> None:
        r = US_2025.resolve(DRILLS + ".00", "JP", date(2025, 5, 20), value=1000, loaded=date(2025, 4, 1))
        # Only MFN: 1.7% x 1,000 = 17.00.
        assert _applied(r) == {"mfn.8467.21.00": Decimal("17.00")}
        assert r.rate == Decimal("1.7")
        assert isinstance(r.reason("us.reciprocal.baseline"), SwitchedOff)

    def test_loaded_1_april_entered_1_july_pays_it(self) -> None:
        r = US_2025.resolve(DRILLS + ".00", "JP", date(2025, 7, 1), value=1000, loaded=date(2025, 4, 1))
        # Entered after the 27 May deadline: 1.7% + 10% = 11.7% (Japan's 14 points still paused until 9 July).
        assert r.rate == Decimal("11.7")
        assert r.amount == Decimal("117.00")

    def test_the_deadline_day_itself_is_too_late(self) -> None:
        # "before 12:01 a.m. EDT 27 May 2025": an entry on 27 May no longer qualifies (facts §1, §7.1).
        r = US_2025.resolve(DRILLS + ".00", "JP", date(2025, 5, 27), value=1000, loaded=date(2025, 4, 1))
        assert r.rate == Decimal("11.7")


class TestJapanAllIn:
    """facts §2.3: from 7 August 2025 Japan's reciprocal duty is 15% minus the MFN rate or its AVE (9903.02.73)."""

    def test_cbp_example_specific_rate(self) -> None:
        # CBP example: 50¢/kg on 1 kg valued $10 -> MFN duty 0.50, AVE 5%, so the top-up is 10% = 1.00;
        # base + top-up = 1.50 = 15% of 10.
        r = US_2025.resolve(CBP_EXAMPLE + ".05", "JP", date(2025, 9, 20), value=10, quantities={"kg": 1})
        assert _applied(r) == {"mfn.cbp-example": Decimal("0.50"), "us.reciprocal.jp.all-in": Decimal("1.00")}
        assert r.rate == Decimal("15")
        assert r.amount == Decimal("1.50")

    def test_mfn_below_15_percent(self) -> None:
        # 1.7% MFN on 1,000 = 17.00; top-up 15% x 1,000 - 17.00 = 133.00; total 150.00 = 15%.
        r = US_2025.resolve(DRILLS + ".00", "JP", date(2025, 8, 7), value=1000)
        assert _applied(r) == {"mfn.8467.21.00": Decimal("17.00"), "us.reciprocal.jp.all-in": Decimal("133.00")}
        assert r.rate == Decimal("15")

    def test_no_baseline_on_top(self) -> None:
        r = US_2025.resolve(DRILLS + ".00", "JP", date(2025, 8, 7), value=1000)
        assert r.line("us.reciprocal.baseline.2") is None
        assert r.line("us.reciprocal.baseline") is None


class TestSteelDerivative:
    """facts §4 and §5.1: a chapter 73 steel article, before and after 4 June 2025."""

    def test_before_4_june_whole_value_and_no_reciprocal(self) -> None:
        r = US_2025.resolve(STEEL_ARTICLES + ".88", "JP", date(2025, 5, 20), value=1000, contents={"steel": 600})
        # 2.9% x 1,000 = 29.00; s232 25% on the full value = 250.00; reciprocal excluded (9903.01.33): 279.00.
        assert _applied(r) == {"mfn.7326.90.86": Decimal("29.00"), "us.s232.steel.73": Decimal("250.00")}
        assert r.amount == Decimal("279.00")
        assert isinstance(r.reason("us.reciprocal.baseline"), Displaced)

    def test_after_4_june_metal_content_slice(self) -> None:
        r = US_2025.resolve(STEEL_ARTICLES + ".88", "JP", date(2025, 6, 20), value=1000, contents={"steel": 600})
        # 2.9% x 1,000 = 29.00; s232 50% on the steel content 600 = 300.00;
        # reciprocal 10% on the non-steel rest 1,000 - 600 = 400 -> 40.00; total 369.00 = 36.9%.
        assert _applied(r) == {
            "mfn.7326.90.86": Decimal("29.00"),
            "us.s232.steel.73.content": Decimal("300.00"),
            "us.reciprocal.baseline": Decimal("40.00"),
        }
        line = r.line("us.reciprocal.baseline")
        assert line is not None
        assert line.basis_value == Decimal("400")
        assert r.amount == Decimal("369.00")
        assert r.rate == Decimal("36.9")

    def test_without_the_steel_content_it_says_so(self) -> None:
        r = US_2025.resolve(STEEL_ARTICLES + ".88", "JP", date(2025, 6, 20), value=1000)
        assert "value of the steel content" in r.missing
        assert r.amount is None


class TestChinaSuspensionWithReplacementRate:
    """facts §6: from 14 May 2025 China's reciprocal rate is 34% with 24 points suspended, so 10%."""

    def test_replacement_rate(self) -> None:
        r = US_2025.resolve(DRILLS + ".00", "CN", date(2025, 6, 2), value=1000)
        # 1.7% MFN + 20% fentanyl (9903.01.24) + 10% reciprocal (34% suspended down to 10%) = 31.7%;
        # the IEEPA part is 30%, as facts §6 "Total IEEPA on China: 30% (from 14 May)" says.
        assert _applied(r) == {
            "mfn.8467.21.00": Decimal("17.00"),
            "us.fentanyl.cn": Decimal("200.00"),
            "us.reciprocal.cn": Decimal("100.00"),
        }
        line = r.line("us.reciprocal.cn")
        assert line is not None
        assert line.rate == AdValorem(10)
        assert "EO 14298" in line.note
        assert r.rate == Decimal("31.7")

    def test_after_the_pause_34_percent(self) -> None:
        # Outside the (unextended, in this schedule) suspension the full 34% applies: 1.7 + 20 + 34 = 55.7%.
        r = US_2025.resolve(DRILLS + ".00", "CN", date(2025, 8, 12), value=1000)
        assert r.rate == Decimal("55.7")


@pytest.mark.parametrize(
    ("day", "rate"),
    [
        (date(2025, 4, 4), Decimal("1.7")),  # before the baseline (facts §1: from 5 April)
        (date(2025, 4, 5), Decimal("11.7")),  # baseline starts, start day included
        (date(2025, 4, 8), Decimal("11.7")),
        (date(2025, 4, 9), Decimal("25.7")),  # Japan 24% for one day (facts §2.1)
        (date(2025, 4, 10), Decimal("11.7")),  # paused from 10 April
        (date(2025, 7, 31), Decimal("11.7")),  # still paused (EO 14316)
        (date(2025, 8, 7), Decimal("15")),  # all-in from 7 August (facts §2.3)
    ],
)
def test_japan_timeline_of_an_ordinary_good(day: date, rate: Decimal) -> None:
    """The total rate of a Japanese drill on each boundary day, each from the rule cited beside it."""
    assert US_2025.resolve(DRILLS + ".00", "JP", day, value=1000).rate == rate
