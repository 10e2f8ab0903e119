"""
Legal status on every duty line, and ``tariffcalc refund``: the IEEPA history
(later facts §1.1-1.4), Section 122's ruling for the named plaintiffs only
(later facts §1.5), and refunds by authority with their CAPE route.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tariffcalc import Schedule
from tariffcalc.cli import main
from tariffcalc.datasets import load_schedule
from tariffcalc.errors import ScheduleError
from tariffcalc.io.datafiles import format_dataset, parse_dataset
from tariffcalc.legal import LegalStatus, StatusKind
from tariffcalc.us.refunds import refund_rows, route

DOCS_CSV = Path(__file__).parents[2] / "docs" / "how-to" / "ieepa-refund-entries.csv"
TOY = "9503.00.00.90"  # MFN Free (HTS 2025 Basic Edition, 9503.00.00)


@pytest.fixture(scope="module")
def us():  # type: ignore[no-untyped-def]
    return load_schedule("us-2025-26")


def test_japanese_toy_of_1_may_2025_held_unlawful_and_refundable(us) -> None:  # type: ignore[no-untyped-def]
    # Japan's 24% was paused 10 Apr-9 Jul 2025 (EO 14266): 10% baseline, 9903.01.25, of 1000 = 100.00.
    r = us.resolve(TOY, "JP", date(2025, 5, 1), value=1000)
    line = r.line("us.ieepa.reciprocal.baseline")
    assert Decimal("100.00") == line.amount
    assert line.status.refundable
    assert any(e.on == date(2026, 2, 20) and e.kind is StatusKind.HELD_UNLAWFUL and e.final for e in line.status.events)
    assert "held unlawful on 2026-02-20" in r.explain()
    assert r.to_dict()["lines"][1]["status"]["refundable"] is True
    assert "held unlawful on 2026-02-20" in r._repr_html_()
    report = refund_rows(us, [_row("E1", "1", TOY, "JP", "2025-05-01", "1000")])
    assert Decimal("100.00") == report.total_refundable
    assert "9903.01.25" == report.lines[0].by_instrument[0].heading


def test_status_as_known_on_the_entry_date_has_no_ruling(us) -> None:  # type: ignore[no-untyped-def]
    # On 1 May 2025 no court had ruled (CIT judgment 28 May 2025, later facts §1.1).
    r = us.resolve(TOY, "JP", date(2025, 5, 1), value=1000, known=date(2025, 5, 1))
    status = r.line("us.ieepa.reciprocal.baseline").status
    assert () == status.events
    assert not status.refundable
    # On 1 September 2025: CIT and Federal Circuit held it unlawful, but not finally: not refundable yet.
    r = us.resolve(TOY, "JP", date(2025, 5, 1), value=1000, known=date(2025, 9, 1))
    status = r.line("us.ieepa.reciprocal.baseline").status
    assert [date(2025, 5, 28), date(2025, 6, 10), date(2025, 8, 29)] == [e.on for e in status.events]
    assert not status.refundable


def test_entry_of_10_march_2026_has_s122_for_named_plaintiffs_only(us) -> None:  # type: ignore[no-untyped-def]
    # IEEPA ended 24 Feb 2026; Section 122 10% (9903.03.01) of 1000 = 100.00; not refundable.
    r = us.resolve(TOY, "JP", date(2026, 3, 10), value=1000)
    assert not [line for line in r.lines if line.status is not None and line.status.authority.law == "IEEPA"]
    line = r.line("us.s122.surcharge")
    assert Decimal("100.00") == line.amount
    assert "named plaintiffs only" in line.status.summary
    assert "2026-05-07" in line.status.summary
    assert not line.status.refundable
    assert Decimal("0.00") == refund_rows(us, [_row("E", "1", TOY, "JP", "2026-03-10", "1000")]).total_refundable


def test_the_s232_half_of_a_shared_notice_keeps_no_ieepa_status(us) -> None:  # type: ignore[no-untyped-def]
    # EU framework notice of 25 Sep 2025 sets both the EU 15% all-in reciprocal rate and the EU car rate;
    # only the IEEPA half is held unlawful (later facts §1.2).
    r = us.resolve("8703.23.01.90", "DE", date(2025, 9, 1), value=40000)
    for line in r.lines:
        if "s232-auto" in line.measure.tags:
            assert line.status is None


def test_a_schedule_combined_with_the_packaged_one_keeps_its_legal_status(us) -> None:  # type: ignore[no-untyped-def]
    # The same Japanese toy as above, asked of the packaged schedule combined with a schedule of one's own.
    own = Schedule("own", legal=LegalStatus(us.legal.authorities[:1]))  # a part of the same status: each once
    both = Schedule.combine("packaged and own", us, own, horizon=us.horizon)

    assert us.legal == both.legal
    line = both.resolve(TOY, "JP", date(2025, 5, 1), value=1000).line("us.ieepa.reciprocal.baseline")
    assert line is not None
    assert line.status is not None
    assert line.status.refundable


def test_combined_legal_statuses_must_agree(us) -> None:  # type: ignore[no-untyped-def]
    first = us.legal.authorities[0]
    other = attrs.evolve(first, title="another title")

    with pytest.raises(ScheduleError, match=f"authority '{first.id}' is given twice, differently"):
        Schedule.combine("clash", us, Schedule("other", legal=LegalStatus((other,))))


def test_legal_status_round_trips_through_dumps() -> None:
    text = """
[vocabulary]
tags = ["reciprocal"]
laws = ["IEEPA"]
[instruments."Court"]
title = "A court"
known_on = 2026-02-20
[instruments."EO 1"]
title = "An order"
known_on = 2025-01-01
[[measures]]
id = "x"
title = "X"
kind = "additional"
rate = "10%"
products = "8703"
origins = "JP"
validity = "2025-01-01/"
tags = ["reciprocal"]
[measures.citation]
instrument = "EO 1"
[[authorities]]
id = "ieepa-reciprocal"
title = "IEEPA reciprocal"
law = "IEEPA"
tags = ["reciprocal"]
[[status]]
id = "scotus"
law = "IEEPA"
on = 2026-02-20
kind = "held-unlawful"
title = "Supreme Court"
final = true
[status.citation]
instrument = "Court"
"""
    data = parse_dataset(text)
    assert data.legal is not None
    assert 1 == len(data.legal.events)
    assert data == parse_dataset(format_dataset(data))
    with pytest.raises(Exception, match="not valid here"):
        parse_dataset(text.replace('"held-unlawful"', '"quashed"'))


def test_the_docs_csv_gives_the_totals_the_docs_state(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # Worked by hand (docs/how-to/estimate-ieepa-refund.md), every toy 9503.00.00.90 at MFN Free, value 1000:
    # E100/1 JP 2025-05-01 baseline 10% = 100; E105/1 CN 2025-12-01 reciprocal 10% + fentanyl 10% = 200;
    # E101/1 BR 2025-09-01 reciprocal 10% + Brazil 40% = 500; E106/1 JP 2026-03-10 s122 10% = 100, refund 0;
    # E102/1 IN 2025-09-15 reciprocal 25% + India 25% = 500; E107/1 GB 2025-06-01 baseline 10% = 100;
    # E103/1 DE 2025-09-01 EU 15% all-in = 150; E103/2 car 40000: as filed 2.5% + s232 25% = 11000,
    #   final EU 15% all-in = 6000, refund 0 (s232, not IEEPA); E104/1 JP 2025-08-20 as filed +15% = 150;
    # E108/1 MX 2025-04-01 fentanyl 25% = 250.
    # Entries (each one entry date): E100 100, E105 200, E101 500, E106 0, E102 500, E107 100,
    # E103 150 (two lines), E104 150, E108 250; total 1950.
    status = main(["refund", str(DOCS_CSV), "--as-of", "2026-04-20", "--json"])
    doc = json.loads(capsys.readouterr().out)
    assert 0 == status
    assert "1950.00" == doc["total_refundable"]
    assert {
        "E100": "100.00",
        "E105": "200.00",
        "E101": "500.00",
        "E106": "0.00",
        "E102": "500.00",
        "E107": "100.00",
        "E103": "150.00",
        "E104": "150.00",
        "E108": "250.00",
    } == doc["entries"]
    assert {"lines", "total_refundable", "warnings", "errors", "schedule"} <= doc.keys()
    assert {"entry", "line", "as_filed", "final", "refundable", "by_instrument", "route"} <= doc["lines"][0].keys()
    car = doc["lines"][7]
    assert ("11000.00", "6000.00", "0.00") == (car["as_filed"], car["final"], car["refundable"])
    phases = [line["route"]["phase"] for line in doc["lines"]]
    assert "CAPE phase 1 (liquidated within 80 days)" == phases[2]  # 2026-03-01 + 50 days
    assert "later CAPE phase or protest" == phases[4]  # 2026-01-01 + 109 days
    assert "2026-06-30" == doc["lines"][4]["route"]["deadline"]  # 2026-01-01 + 180 days
    assert "final liquidation" == phases[6]  # 2025-09-30 + 202 days
    out = tmp_path / "r.csv"
    assert 0 == main(["refund", str(DOCS_CSV), "--as-of", "2026-04-20", "--out", str(out)])
    assert 11 == len(out.read_text().splitlines())


def test_bad_rows_are_reported_and_good_rows_still_computed(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    f = tmp_path / "e.csv"
    f.write_text(
        "entry,line,hts,origin,entry_date,value\n"
        "A,1,9503.00.00.90,JP,2025-05-01,1000\n"
        "A,2,9503.00.00.90,XX,2025-05-01,1000\n"
        "A,3,9503.00.00.90,JP,2025-13-01,1000\n"
        "A,4,9503.00.00.90,JP,2025-05-01,\n"
    )
    status = main(["refund", str(f), "--json"])
    doc = json.loads(capsys.readouterr().out)
    assert 1 == status
    assert [3, 4, 5] == [e["row"] for e in doc["errors"]]
    assert "missing value" in doc["errors"][2]["reason"]
    assert "100.00" == doc["total_refundable"]


def test_routes_on_both_sides_of_80_and_180_days() -> None:
    on = date(2026, 4, 20)
    assert route(None, on).cape_now
    assert route(date(2026, 1, 30), on).cape_now  # 80 days
    assert not route(date(2026, 1, 29), on).cape_now  # 81 days
    assert "later CAPE phase or protest" == route(date(2025, 10, 22), on).phase  # 180 days
    assert "final liquidation" == route(date(2025, 10, 21), on).phase  # 181 days


ORIGINS = ["JP", "CN", "BR", "IN", "DE", "MX", "CA", "GB", "VN", "CH"]


@settings(max_examples=30, deadline=None)
@given(
    origin=st.sampled_from(ORIGINS),
    on=st.dates(date(2025, 1, 1), date(2026, 6, 27)),
    value=st.integers(0, 10**6),
)
def test_refundable_is_between_zero_and_the_ieepa_deposit(origin: str, on: date, value: int) -> None:
    us = load_schedule("us-2025-26")
    report = refund_rows(us, [_row("P", "1", TOY, origin, on.isoformat(), str(value))])
    line = report.lines[0]
    filed = us.resolve(TOY, origin, on, value=value, known=on)
    ieepa = sum(
        (ln.amount or Decimal(0) for ln in filed.lines if ln.status is not None and ln.status.authority.law == "IEEPA"),
        Decimal(0),
    )
    assert Decimal(0) <= line.refundable <= ieepa


def _row(entry: str, line: str, hts: str, origin: str, on: str, value: str) -> dict[str, str]:
    return {"entry": entry, "line": line, "hts": hts, "origin": origin, "entry_date": on, "value": value}


ES003 = Path(__file__).parents[1] / "data" / "es003-synthetic.csv"


def test_es003_export_gives_the_refunds_flag_routes_and_cape_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # A synthetic ES-003 of 21 rows (column names as published; see docs/how-to/estimate-ieepa-refund.md).
    # Refundable = the duty on the 9903.01.xx / 9903.02.xx rows, worked by hand:
    #   ABC00000011: 100 (9903.01.25, JP) + 200 (9903.01.25, GB) = 300, unliquidated -> CAPE phase 1
    #   ABC00000029: 100 (9903.02.09) + 400 (9903.01.77) = 500; the car's 9903.94.01 10000 is s232, not refunded;
    #                liquidated 2026-03-01, 50 days before 2026-04-20 -> CAPE phase 1
    #   ABC00000037: 250 (9903.02.26) + 250 (9903.01.84) = 500; liquidated 2026-01-01, 109 days -> protest
    #                by 2026-06-30 (+180 days)
    #   ABC00000045: 100 (9903.01.25); liquidated 2025-09-30, 202 days -> final liquidation
    #   ABC00000052: 200 (9903.01.24) + 100 (9903.01.25) + 150 (9903.02.73) = 450, unliquidated -> CAPE;
    #                line 1 deposited fentanyl at 20% (200) where the law known on 2025-12-01 says 10% (100):
    #                IEEPA 300 filed vs 200 by law -> flagged
    #   ABC00000060: 9903.03.01 (s122) 100 -> 0
    #   total 300 + 500 + 500 + 100 + 450 = 1850; CAPE file: ABC00000011, ABC00000029, ABC00000052.
    cape = tmp_path / "cape"
    status = main(["refund", str(ES003), "--as-of", "2026-04-20", "--json", "--cape-out", str(cape)])
    doc = json.loads(capsys.readouterr().out)
    assert 0 == status
    assert "1850.00" == doc["total_refundable"]
    assert {
        "ABC00000011": "300.00",
        "ABC00000029": "500.00",
        "ABC00000037": "500.00",
        "ABC00000045": "100.00",
        "ABC00000052": "450.00",
        "ABC00000060": "0.00",
    } == doc["entries"]
    flagged = [(ln["entry"], ln["line"]) for ln in doc["lines"] if ln["flags"]]
    assert [("ABC00000052", "1")] == flagged
    assert "300.00 differs from the law as known on 2025-12-01: 200.00" in doc["lines"][6]["flags"][0]
    routes = {ln["entry"]: ln["route"]["phase"] for ln in doc["lines"]}
    assert "CAPE phase 1 (unliquidated)" == routes["ABC00000011"]
    assert "CAPE phase 1 (liquidated within 80 days)" == routes["ABC00000029"]
    assert "later CAPE phase or protest" == routes["ABC00000037"]
    assert "final liquidation" == routes["ABC00000045"]
    files = sorted(cape.iterdir())
    assert ["cape-declaration-001.csv"] == [f.name for f in files]
    assert ["Entry Number", "ABC00000011", "ABC00000029", "ABC00000052"] == files[0].read_text().splitlines()


def test_cape_files_hold_at_most_9999_entries(tmp_path: Path) -> None:
    from tariffcalc.us.es003 import cape_files
    from tariffcalc.us.refunds import RefundLine, RefundReport

    lines = tuple(
        RefundLine(i, f"E{i:05d}", "1", Decimal(1), Decimal(0), Decimal(1), (), route(None, date(2026, 4, 20)))
        for i in range(10000)
    )
    files = cape_files(RefundReport("x", lines), tmp_path)
    # 10000 entries -> 9999 in the first file, 1 in the second (each with a header line).
    assert [10000, 2] == [len(f.read_text().splitlines()) for f in files]


def test_known_date_moves_the_deposit_and_the_status(us) -> None:  # type: ignore[no-untyped-def]
    # Japanese toy of 20 Aug 2025 (later facts §5; EO 14345 signed 4 Sep 2025, retroactive to 7 Aug):
    # as known on 1 Sep 2025 the deposit is EO 14326's +15% = 150 and no court has finally ruled:
    # refundable 0; with every event (no --known) 150 is refundable.
    row = _row("J", "1", TOY, "JP", "2025-08-20", "1000")
    early = refund_rows(us, [row], known=date(2025, 9, 1)).lines[0]
    assert (Decimal("150.00"), Decimal("0.00")) == (early.as_filed, early.refundable)
    assert Decimal("150.00") == refund_rows(us, [row]).lines[0].refundable


def test_explain_json_carries_the_status(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["explain", TOY, "--origin", "JP", "--date", "2025-05-01", "--value", "1000", "--json"])
    doc = json.loads(capsys.readouterr().out)
    assert 0 == status
    reciprocal = next(line for line in doc["lines"] if line["heading"] == "9903.01.25")
    assert reciprocal["status"]["law"] == "IEEPA"
    assert reciprocal["status"]["refundable"] is True
    assert "2026-02-20" in [e["on"] for e in reciprocal["status"]["events"]]


def test_es003_liquidated_without_a_date_is_a_bad_line(us) -> None:  # type: ignore[no-untyped-def]
    from tariffcalc.us.es003 import es003_report

    base = {"entry number": "X1", "line number": "1", "entry date": "05/01/2025", "country of origin": "JP"}
    rows = [
        {
            **base,
            "hts code": "9503.00.00.90",
            "entered value": "1000",
            "duty amount": "0",
            "liquidation status": "Liquidated",
        },
        {
            **base,
            "hts code": "9903.01.25",
            "entered value": "0",
            "duty amount": "100",
            "liquidation status": "Liquidated",
        },
        {"entry number": "X2", "line number": "1", "hts code": "9503.00.00.90"},
    ]
    report = es003_report(us, rows, as_of=date(2026, 4, 20))
    assert [2, 4] == [e.row for e in report.errors]
    assert "without a Liquidation Date" in report.errors[0].reason
    assert "missing entry date, duty amount" in report.errors[1].reason


def test_every_ieepa_and_s122_measure_has_an_authority_and_no_s232_duty_has_one() -> None:
    from tariffcalc.datasets import us2025_data

    data = us2025_data()
    assert data.legal is not None
    for m in data.measures:
        authority = data.legal.authority_of(m)
        if m.id.startswith(("us.ieepa.", "us.s122.")):
            assert authority is not None, m.id
        if any(t.startswith("s232") for t in m.tags) and str(m.rate) != "Free":
            assert authority is None, m.id


@settings(max_examples=40, deadline=None)
@given(
    product=st.sampled_from([TOY, "8467.21.00.10", "8708.30.50.90", "8703.23.01.90", "6110.20.20.79"]),
    origin=st.sampled_from(ORIGINS),
    on=st.dates(date(2025, 1, 1), date(2026, 6, 27)),
)
def test_the_as_filed_shortcut_only_skips_entries_no_later_act_governs(product: str, origin: str, on: date) -> None:
    # refund_rows resolves the final law only where a retroactive act could change it; elsewhere both agree.
    from tariffcalc.us.refunds import _same_when_final

    us = load_schedule("us-2025-26")
    if _same_when_final(us, on, on):
        filed = us.resolve(product, origin, on, value=1000, known=on)
        final = us.resolve(product, origin, on, value=1000)
        assert [(ln.measure.id, ln.amount) for ln in filed.lines] == [(ln.measure.id, ln.amount) for ln in final.lines]


def test_the_swiss_refund_is_estimated_from_the_39_percent_collected(us) -> None:  # type: ignore[no-untyped-def]
    # later facts s.3.6: Swiss drills (8467.21.00.10, MFN 1.7%) of 1 Dec 2025, value 1000. The 39% of
    # 9903.02.58 was collected until the framework notice FR Doc 2025-23316 (17 Dec 2025) ended it from
    # 14 Nov: deposit 17.00 + 390.00 = 407.00. IEEPA held unlawful (later facts s.1.1): the 390.00 is
    # refundable and the final duty is the MFN 17.00.
    row = _row("S", "1", "8467.21.00.10", "CH", "2025-12-01", "1000")
    line = refund_rows(us, [row]).lines[0]
    assert (Decimal("407.00"), Decimal("17.00"), Decimal("390.00")) == (line.as_filed, line.final, line.refundable)
    assert ["9903.02.58"] == [b.heading for b in line.by_instrument]
    # Korea (later facts s.3.5): +15% of 9903.02.56 collected until the notice of 4 Dec 2025:
    # entry of 3 Dec: deposit 17.00 + 150.00 = 167.00, 150.00 refundable; entry of 4 Dec: the 15% all-in
    # of 9903.02.80 was deposited, 150.00 - 17.00 = 133.00 refundable.
    rows = [
        _row("K1", "1", "8467.21.00.10", "KR", "2025-12-03", "1000"),
        _row("K2", "1", "8467.21.00.10", "KR", "2025-12-04", "1000"),  # another day: another entry
    ]
    early, late = refund_rows(us, rows).lines
    assert (Decimal("167.00"), Decimal("150.00")) == (early.as_filed, early.refundable)
    assert (Decimal("150.00"), Decimal("133.00")) == (late.as_filed, late.refundable)
    assert ["9903.02.56"] == [b.heading for b in early.by_instrument]
