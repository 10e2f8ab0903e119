"""
Fees and de minimis on entries of the packaged us-2025 schedule, worked by
hand from the fees fact sheet (``docs/sources/us-fees-facts.md``, cited
"fees facts s.N"): the MPF at, below and above its bounds in each fiscal year,
its FTA exemptions, the HMF by sea and not by air, Section 321 de minimis
before and after each suspension, and entries of several lines with one MPF.

MPF: 0.3464% of the entered value, rounded half up to the cent, within the
minimum and maximum of the fiscal year of the entry date, once per entry
(fees facts s.1.1, s.1.2). HMF: 0.125%, no bounds, vessel cargo only (s.2.1).
Products: 8471.30.01.00 (portable computers) and 9503.00.00.90 (toys), both
MFN Free (HTS 2025, headings 8471.30.01 and 9503.00.00).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tariffcalc import Entry, Schedule
from tariffcalc.datasets import load_schedule
from tariffcalc.errors import InvalidEntryError
from tariffcalc.us.entrycost import ENTRY_TYPE, MODE_OF_TRANSPORT, EntryCost, cost_entry
from tariffcalc.us.fees import FeeKind, us_fees

LAPTOP = "8471.30.01.00"
TOY = "9503.00.00.90"
FY2025, FY2026, FY2027 = date(2025, 3, 15), date(2026, 3, 15), date(2026, 10, 15)


@pytest.fixture(scope="module")
def us() -> Schedule:
    return load_schedule("us-2025")


def cost(us: Schedule, value: str, on: date, origin: str = "JP", *, product: str = LAPTOP, **kw: object) -> EntryCost:
    claims = kw.pop("claims", ())
    entry = Entry.of(product, origin, on, value=value, claims=claims)  # type: ignore[arg-type]
    return cost_entry(us, [entry], **kw)  # type: ignore[arg-type]


def mpf(c: EntryCost) -> Decimal | None:
    line = c.fee(FeeKind.MPF) or c.fee(FeeKind.MPF_INFORMAL)
    return None if line is None else line.amount


MPF_EXAMPLES = [
    # fees facts s.1.5 ex. 1: 0.003464 x 10,000 = 34.64, inside every year's bounds
    ("10000", FY2025, "34.64"),
    ("10000", FY2026, "34.64"),
    ("10000", FY2027, "34.64"),
    # s.1.5 ex. 3: 0.003464 x 5,000 = 17.32, below the minimum: 32.71 / 33.58 / 34.58 (s.1.2)
    ("5000", FY2025, "32.71"),
    ("5000", FY2026, "33.58"),
    ("5000", FY2027, "34.58"),
    # s.1.5 ex. 2: 0.003464 x 200,000 = 692.80, above the maximum: 634.62 / 651.50 / 670.86 (s.1.2)
    ("200000", FY2025, "634.62"),
    ("200000", FY2026, "651.50"),
    ("200000", FY2027, "670.86"),
    # s.1.2 break-even values, at the bounds: 9,442.84 x 0.003464 = 32.70999776 -> 32.71 (FY2025 minimum);
    # 9,694.00 x 0.003464 = 33.580016 -> 33.58 (FY2026 minimum); 188,077.37 x 0.003464 = 651.50000968 -> 651.50 (maximum)
    ("9442.84", FY2025, "32.71"),
    ("9694.00", FY2026, "33.58"),
    ("188077.37", FY2026, "651.50"),
    # s.1.2: the fee of the entry date's fiscal year: 200,000 on 30 Sep 2025 is FY2025 (634.62) ...
    ("200000", date(2025, 9, 30), "634.62"),
    # ... and on 1 Oct 2025 FY2026 (651.50)
    ("200000", date(2025, 10, 1), "651.50"),
]


@pytest.mark.parametrize(("value", "on", "expected"), MPF_EXAMPLES)
def test_mpf_of_a_formal_entry(us: Schedule, value: str, on: date, expected: str) -> None:
    c = cost(us, value, on, mode="air")
    assert c.formal is True  # over $2,500: formal (fees facts s.1.3, 19 CFR 143.21)
    assert mpf(c) == Decimal(expected)
    assert c.fees_total == Decimal(expected)  # by air: no HMF (s.2.2)


def test_usmca_goods_pay_no_mpf_and_without_the_claim_they_do(us: Schedule) -> None:
    # fees facts s.1.5 ex. 5: USMCA-originating goods from Mexico, 50,000 by truck: MPF 0 (58c(b)(10)(B)),
    # HMF 0 (not vessel cargo); the same goods without the claim: 0.003464 x 50,000 = 173.20
    exempt = cost(us, "50000", FY2026, "MX", product="9403.60.80.93", mode="truck", claims=["usmca"])
    assert exempt.fees == ()
    assert exempt.fees_total == 0
    assert {n.fee.id for n in exempt.not_charged} == {"us.mpf.formal.fy2026", "us.hmf"}
    assert exempt.lines[0].mpf_exemption is not None
    assert exempt.lines[0].mpf_exemption.id == "usmca"
    plain = cost(us, "50000", FY2026, "MX", product="9403.60.80.93", mode="truck")
    assert mpf(plain) == Decimal("173.20")


def test_israel_is_exempt_by_origin_without_a_claim(us: Schedule) -> None:
    # fees facts s.1.4: products of Israel, 58c(b)(11), "irrespective of whether the FTA is claimed" [S]
    c = cost(us, "10000", FY2026, "IL", mode="air")
    assert mpf(c) is None
    assert c.fees_total == 0


def test_a_claim_for_a_non_beneficiary_does_not_exempt(us: Schedule) -> None:
    # fees facts s.1.4: the exemption is for originating goods of the agreement; Japan is no USMCA party,
    # so 0.003464 x 10,000 = 34.64 is charged
    c = cost(us, "10000", FY2026, "JP", mode="air", claims=["usmca"])
    assert mpf(c) == Decimal("34.64")
    assert any("usmca" in w for w in c.warnings)


def test_jordan_goods_are_not_exempt(us: Schedule) -> None:
    # fees facts s.1.4: Jordan FTA goods are not in the statutory list: 0.003464 x 10,000 = 34.64
    c = cost(us, "10000", FY2026, "JO", mode="air", claims=["jo"])
    assert mpf(c) == Decimal("34.64")


def test_hmf_by_sea(us: Schedule) -> None:
    # fees facts s.2.3 ex. 1: 10,000 by ocean: HMF 0.00125 x 10,000 = 12.50, MPF 34.64, fees 47.14
    c = cost(us, "10000", FY2026, mode="sea")
    hmf = c.fee(FeeKind.HMF)
    assert hmf is not None
    assert hmf.amount == Decimal("12.50")
    assert c.fees_total == Decimal("47.14")


def test_hmf_has_no_cap(us: Schedule) -> None:
    # fees facts s.2.3 ex. 2: 200,000 by ocean, FY2026: HMF 250.00 (no cap) + MPF 651.50 = 901.50
    c = cost(us, "200000", FY2026, mode="sea")
    assert c.fees_total == Decimal("901.50")


def test_no_hmf_by_air(us: Schedule) -> None:
    # fees facts s.2.3 ex. 3: 10,000 by air: HMF 0, MPF 34.64
    c = cost(us, "10000", FY2026, mode="air")
    assert c.fee(FeeKind.HMF) is None
    assert [n.fee.id for n in c.not_charged] == ["us.hmf"]
    assert c.fees_total == Decimal("34.64")


def test_without_the_mode_the_hmf_waits_for_it(us: Schedule) -> None:
    # fees facts s.2.2: the HMF depends on vessel cargo; an entry that does not say is a missing fact,
    # while the MPF (34.64) is known
    c = cost(us, "10000", FY2026)
    assert c.missing_facts == (MODE_OF_TRANSPORT,)
    assert mpf(c) == Decimal("34.64")
    assert c.fees_total is None
    assert c.total is None


def test_informal_entry_pays_the_flat_mpf(us: Schedule) -> None:
    # fees facts s.1.5 ex. 4: informal entry of 1,500 filed through a broker: 2.69 (FY2026), 2.77 (FY2027)
    assert mpf(cost(us, "1500", FY2026, mode="air", formal=False)) == Decimal("2.69")
    assert mpf(cost(us, "1500", FY2027, mode="air", formal=False)) == Decimal("2.77")
    # s.1.3: 2.62 in FY2025
    assert mpf(cost(us, "1500", FY2025, mode="air", formal=False)) == Decimal("2.62")


def test_an_entry_of_2500_or_less_must_say_how_it_is_entered(us: Schedule) -> None:
    # fees facts s.1.3: informal entry is allowed up to 2,500, not required: which MPF applies is a missing fact
    c = cost(us, "1500", FY2026, mode="air")
    assert c.formal is None
    assert ENTRY_TYPE in c.missing_facts
    assert c.fees_total is None


def test_over_2500_is_formal_and_cannot_be_informal(us: Schedule) -> None:
    # fees facts s.3.8 ex. 4: 3,000 by courier is formal: 0.003464 x 3,000 = 10.39, raised to 33.58 (FY2026)
    assert mpf(cost(us, "3000", FY2026, mode="air")) == Decimal("33.58")
    with pytest.raises(InvalidEntryError, match=r"over 2500\.00 it is formal"):
        cost(us, "3000", FY2026, mode="air", formal=False)


def test_express_hub_informal_entry_has_no_importer_mpf(us: Schedule) -> None:
    # fees facts s.1.3: at an express-consignment hub the carrier pays a per-waybill fee in lieu of the informal MPF
    c = cost(us, "1500", FY2026, mode="air", formal=False, express=True)
    assert mpf(c) is None
    assert c.fees_total == 0


# --- de minimis ------------------------------------------------------------------------


def test_a_50_dollar_toy_from_germany_on_1_august_2025_is_duty_free(us: Schedule) -> None:
    # fees facts s.3.1, s.3.8: 1 Jan - 28 Aug 2025, non-China shipments of 800 or less enter duty-free.
    # The duty otherwise: toy MFN Free + reciprocal baseline 10% (facts s.1, before the EU rule of 7 Aug)
    # = 10% x 50 = 5.00; payable: 0, and no MPF
    c = cost(us, "50", date(2025, 8, 1), "DE", product=TOY, mode="air")
    line = c.lines[0]
    assert line.resolution.amount == Decimal("5.00")
    assert line.duty == 0
    assert line.relief is not None
    assert line.relief.citation is not None
    assert line.relief.citation.heading == "19 U.S.C. 1321(a)(2)(C)"
    assert c.duties == 0
    assert c.fees == ()
    assert c.total == 0


def test_the_same_toy_from_29_august_2025_pays_its_duty(us: Schedule) -> None:
    # fees facts s.3.3: EO 14324 suspends de minimis for all countries from 29 Aug 2025. The duty:
    # EU 15% all-in on a Free MFN (facts s.6, EO 14326) = 15% x 50 = 7.50, payable in full
    c = cost(us, "50", date(2025, 8, 29), "DE", product=TOY, mode="air", formal=False)
    line = c.lines[0]
    assert line.relief is None
    assert line.withdrawn is not None
    assert line.withdrawn.id == "us.de-minimis.suspended.all"
    assert line.duty == Decimal("7.50")
    # an informal entry then pays the flat MPF of FY2025 (s.1.3): 2.62; total 7.50 + 2.62 = 10.12
    assert c.total == Decimal("10.12")


def test_china_keeps_de_minimis_to_1_may_2025(us: Schedule) -> None:
    # fees facts s.3.2, s.3.8: de minimis for China ends on 2 May 2025; on 1 May a 50 toy still enters free
    c = cost(us, "50", date(2025, 5, 1), "CN", product=TOY, mode="air")
    assert c.lines[0].relief is not None
    assert c.duties == 0


def test_china_loses_de_minimis_on_2_may_2025(us: Schedule) -> None:
    # fees facts s.3.2 (EO 14256): from 2 May 2025 China and Hong Kong goods pay all duties. The toy's duty:
    # MFN Free + fentanyl 20% + reciprocal 125% (facts s.6 China: 145% to 13 May) = 145% x 50 = 72.50
    c = cost(us, "50", date(2025, 5, 2), "CN", product=TOY, mode="air", formal=False)
    line = c.lines[0]
    assert line.withdrawn is not None
    assert line.withdrawn.id == "us.de-minimis.suspended.cn-hk"
    assert line.duty == Decimal("72.50")
    # Hong Kong too (s.3.2)
    hk = cost(us, "50", date(2025, 5, 2), "HK", product=TOY, mode="air", formal=False)
    assert hk.lines[0].withdrawn is not None


def test_germany_keeps_de_minimis_while_china_has_lost_it(us: Schedule) -> None:
    # fees facts s.3.8: 2 May - 28 Aug 2025, "others: de minimis": a German toy of 50 on 2 May 2025 is free
    c = cost(us, "50", date(2025, 5, 2), "DE", product=TOY, mode="air")
    assert c.lines[0].relief is not None
    assert c.total == 0


def test_over_800_is_not_de_minimis(us: Schedule) -> None:
    # fees facts s.3.1: "valued at 800 dollars or less": 800.00 is in, 800.01 is out.
    # 800.00: free; 800.01: 10% baseline (facts s.1) x 800.01 = 80.001 -> 80.00
    assert cost(us, "800", date(2025, 8, 1), "DE", product=TOY, mode="air").duties == 0
    over = cost(us, "800.01", date(2025, 8, 1), "DE", product=TOY, mode="air", formal=False)
    assert over.lines[0].relief is None
    assert over.duties == Decimal("80.00")


def test_de_minimis_is_on_the_total_value_of_the_entry(us: Schedule) -> None:
    # fees facts s.3.1: one shipment of two 500 lines is worth 1,000 > 800: no de minimis,
    # duty 10% x 500 on each line = 50.00 + 50.00 = 100.00
    lines = [Entry.of(TOY, "DE", date(2025, 8, 1), value="500") for _ in range(2)]
    c = cost_entry(us, lines, mode="air", formal=False)
    assert all(line.relief is None for line in c.lines)
    assert c.duties == Decimal("100.00")


# --- entries of several lines -----------------------------------------------------------


def test_a_multi_line_entry_pays_one_mpf(us: Schedule) -> None:
    # fees facts s.1.1: the minimum and maximum apply per formal entry, not per line. Three lines of 4,000:
    # 0.003464 x 12,000 = 41.568 -> 41.57 once (not 3 x the 33.58 minimum = 100.74)
    lines = [Entry.of(LAPTOP, "JP", FY2026, value="4000") for _ in range(3)]
    c = cost_entry(us, lines, mode="air", entry_id="E-1")
    assert len(c.fees) == 1
    assert mpf(c) == Decimal("41.57")
    # Three lines of 100,000: 0.003464 x 300,000 = 1,039.20, capped once at 651.50
    big = cost_entry(us, [Entry.of(LAPTOP, "JP", FY2026, value="100000") for _ in range(3)], mode="air")
    assert mpf(big) == Decimal("651.50")


def test_exempt_lines_are_left_out_of_the_mpf(us: Schedule) -> None:
    # fees facts s.1.1: MPF is owed on the non-exempt lines (proration of the bounds [U]): a USMCA line of
    # 50,000 from Mexico and a Japanese line of 10,000: 0.003464 x 10,000 = 34.64
    lines = [
        Entry.of("9403.60.80.93", "MX", FY2026, value="50000", claims=["usmca"]),
        Entry.of(LAPTOP, "JP", FY2026, value="10000"),
    ]
    c = cost_entry(us, lines, mode="truck")
    line = c.fee(FeeKind.MPF)
    assert line is not None
    assert line.amount == Decimal("34.64")
    assert line.basis_value == Decimal("10000")
    assert "not confirmed" in line.note


def test_lines_with_different_entry_dates_are_refused(us: Schedule) -> None:
    # design: the entry date is per entry; two dates cannot be one entry
    lines = [Entry.of(LAPTOP, "JP", FY2026, value="4000"), Entry.of(LAPTOP, "JP", date(2026, 3, 16), value="4000")]
    with pytest.raises(InvalidEntryError, match="one entry date"):
        cost_entry(us, lines, mode="air")


def test_fees_never_change_the_duty_of_a_resolution(us: Schedule) -> None:
    # design: fees are shown apart from duties: the resolution's amount is the duty alone
    r = us.resolve(LAPTOP, "JP", FY2026, value="10000")
    c = cost_entry(us, [r], mode="sea")
    assert c.lines[0].resolution is r
    assert c.duties == r.amount
    assert r.amount is not None
    assert c.total == r.amount + Decimal("34.64") + Decimal("12.50")  # MPF + HMF (fees facts s.2.3 ex. 1)


def test_every_fee_is_cited_with_a_confidence() -> None:
    table = us_fees()
    for fee in table.fees:
        assert fee.citation.confidence is not None, fee.id
        assert fee.citation.source, fee.id
    # fees facts s.1.2: FY2027 is secondary only [S] -> C1
    fy27 = table.fee(FeeKind.MPF, FY2027)
    assert fy27 is not None
    assert str(fy27.citation.confidence) == "C1"


# --- the command line ---------------------------------------------------------------------


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    from tariffcalc.cli import main

    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_explain_shows_the_mpf_of_a_formal_entry_without_extra_flags(capsys: pytest.CaptureFixture[str]) -> None:
    # fees facts s.1.5 ex. 1: 10,000, FY2026: MPF 34.64; the mode is not given, so the HMF waits for it
    out = _run(capsys, "explain", LAPTOP, "--origin", "JP", "--date", "2026-03-15", "--value", "10000")
    assert "us.mpf.formal.fy2026: 0.3464% MIN 33.58 MAX 651.50 on 10000 = 34.64" in out
    assert "mode of transport" in out
    assert "Fees: not computable" in out


def test_explain_by_sea_shows_duties_fees_and_total(capsys: pytest.CaptureFixture[str]) -> None:
    # fees facts s.2.3 ex. 1: MPF 34.64 + HMF 12.50 = 47.14; laptops Free and s122-exempt on 15 Mar 2026
    # (later facts s.1.5: 9903.03.03): duties 0.00
    out = _run(capsys, "explain", LAPTOP, "--origin", "JP", "--date", "2026-03-15", "--value", "10000", "--mode", "sea")
    assert "Duties: 0.00   Fees: 47.14   Total: 47.14" in out


def test_rate_with_a_fee_fact_shows_the_three_totals(capsys: pytest.CaptureFixture[str]) -> None:
    # fees facts s.1.5 ex. 4: an informal entry of 1,500 in FY2026 pays 2.69; by air no HMF
    out = _run(
        capsys,
        "rate",
        LAPTOP,
        "--origin",
        "JP",
        "--date",
        "2026-03-15",
        "--value",
        "1500",
        "--informal",
        "--mode",
        "air",
    )
    assert out.splitlines()[-1] == "duties 0.00, fees 2.69, total 2.69"


def test_donations_stay_outside_the_2025_all_country_suspension(us: Schedule) -> None:
    # fees facts s.3.3: EO 14324 s.2(a) suspends de minimis for "any shipment of articles not covered by
    # 50 U.S.C. 1702(b)": a claimed donation (1702(b)(2)) of 50 on 10 Oct 2025 keeps de minimis
    c = cost(us, "50", date(2025, 10, 10), "DE", product=TOY, mode="air", claims=["donation"])
    assert c.lines[0].relief is not None
    assert c.duties == 0
    # s.3.4: the order of 20 Feb 2026 is quoted without the phrase: on 10 Mar 2026 the donation is withdrawn
    later = cost(us, "50", date(2026, 3, 10), "DE", product=TOY, mode="air", formal=False, claims=["donation"])
    assert later.lines[0].withdrawn is not None
    assert later.lines[0].withdrawn.id == "us.de-minimis.suspended.all-2026"


def test_a_book_is_costed_entry_by_entry(us: Schedule) -> None:
    # fees facts s.1.1: one MPF per entry. Entry A: 4,000 + 8,000 = 12,000 x 0.003464 = 41.568 -> 41.57;
    # entry B: 20,000 x 0.003464 = 69.28 (both within the FY2026 bounds 33.58-651.50)
    from tariffcalc.us.entrycost import cost_entries

    book = [
        ("A", Entry.of(LAPTOP, "JP", FY2026, value="4000")),
        ("B", Entry.of(LAPTOP, "JP", FY2026, value="20000")),
        ("A", Entry.of(LAPTOP, "JP", FY2026, value="8000")),
    ]
    costs = cost_entries(us, book, mode="air")
    assert list(costs) == ["A", "B"]
    assert (mpf(costs["A"]), mpf(costs["B"])) == (Decimal("41.57"), Decimal("69.28"))
    assert len(costs["A"].lines) == 2
    with pytest.raises(InvalidEntryError, match="entry A: the lines of one entry have one entry date"):
        cost_entries(us, [*book, ("A", Entry.of(LAPTOP, "JP", date(2026, 3, 16), value="1"))], mode="air")


def test_explain_json_carries_the_entry_cost(capsys: pytest.CaptureFixture[str]) -> None:
    # fees facts s.1.5 ex. 3: 5,000 in FY2026: 17.32 raised to the minimum 33.58; by air no HMF (s.2.3 ex. 3)
    import json

    out = _run(
        capsys,
        "explain",
        LAPTOP,
        "--origin",
        "JP",
        "--date",
        "2026-03-15",
        "--value",
        "5000",
        "--mode",
        "air",
        "--json",
    )
    cost = json.loads(out)["entry_cost"]
    assert [(f["fee"], f["amount"]) for f in cost["fees"]] == [("us.mpf.formal.fy2026", "33.58")]
    assert "raised to the minimum 33.58" in cost["fees"][0]["note"]
    assert (cost["fees_total"], cost["total"]) == ("33.58", "33.58")
