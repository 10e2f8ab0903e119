"""The tariffcalc command: explain, rate, measures, validate; bad input exits 2 with one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tariffcalc.cli import main
from tariffcalc.datasets import data_path, load_schedule

CAR = ["8703.23.01.90", "--origin", "JP"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_explain_the_news_story(capsys: pytest.CaptureFixture[str]) -> None:
    """A Japanese car part entered on 20 May 2025: 2.5% MFN + 25% s232, no reciprocal duty."""
    status, out, err = run(
        capsys, "explain", "8708.30.50.90", "--origin", "JP", "--date", "2025-05-20", "--value", "1000"
    )
    assert (0, "") == (status, err)
    assert "us.s232.auto-parts: 25% on 1000 = 250.00" in out
    assert "Total: 27.5% = 275.00" in out
    assert "us.ieepa.reciprocal.baseline: displaced by rule eo14257.s232-autos" in out
    assert "Schedule fingerprint: " in out


def test_explain_json_has_what_the_issue_asks(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "explain", *CAR, "--date", "2025-05-05", "--value", "40000", "--json")
    doc = json.loads(out)
    assert status == 0
    assert ("27.5", "11000.00", []) == (doc["rate"], doc["amount"], doc["missing"])
    assert [(x["heading"], x["rate"], x["amount"]) for x in doc["lines"]] == [
        ("8703.23.01.90", "2.5%", "1000.00"),
        ("9903.94.01", "25%", "10000.00"),
    ]
    assert all({"measure", "heading", "rate", "amount", "citation"} <= set(x) for x in doc["lines"])
    assert all({"measure", "reason"} <= set(x) for x in doc["not_applied"])
    assert doc["schedule"] == {
        "name": "us-2025-26",
        "fingerprint": load_schedule("us-2025").fingerprint,
        "horizon": "2025-01-01/2026-10-10",
    }


def test_explain_without_value_gives_rates_and_null_amount(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "explain", *CAR, "--date", "2025-09-20", "--json")
    doc = json.loads(out)
    assert (doc["rate"], doc["amount"]) == ("15", None)


def test_explain_with_every_fact(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys,
        "explain",
        "7326.90.86.88",
        "--origin",
        "DE",
        "--date",
        "2025-06-10",
        "--value",
        "10000",
        "--content",
        "steel=6000",
        "--content",
        "us=0",
        "--quantity",
        "10kg",
        "--loaded",
        "2025-05-01",
        "--claim",
        "USMCA",
        "--json",
    )
    doc = json.loads(out)
    assert status == 0
    assert doc["entry"]["content"] == {"steel": "6000", "us": "0"}
    assert doc["entry"]["quantities"] == {"kg": "10"}
    assert doc["entry"]["claims"] == ["usmca"]
    assert {x["measure"]: x["amount"] for x in doc["lines"]}["us.s232.steel.derivatives-ch73.50"] == "3000.00"


def test_missing_fact_gives_null_amount(capsys: pytest.CaptureFixture[str]) -> None:
    """Without the steel content the steel duty cannot be computed: the amount is null and the fact named."""
    _, out, _ = run(
        capsys, "explain", "7326.90.86.88", "--origin", "DE", "--date", "2025-06-10", "--value", "10000", "--json"
    )
    doc = json.loads(out)
    assert (doc["rate"], doc["amount"]) == (None, None)
    assert "value of the steel content" in doc["missing"]


def test_rate_prints_the_total(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "rate", *CAR, "--date", "2025-05-05", "--value", "40000") == (0, "27.5% = 11000.00\n", "")
    assert run(capsys, "rate", *CAR, "--date", "2025-09-20") == (0, "15%\n", "")
    status, out, _ = run(capsys, "rate", "7326.90.86.88", "--origin", "DE", "--date", "2025-06-10")
    assert status == 0
    assert out.startswith("not computable: needs ")


def test_rate_json(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "rate", *CAR, "--date", "2025-05-05", "--value", "40000", "--json")
    doc = json.loads(out)
    assert (doc["rate"], doc["amount"], doc["schedule"]["name"]) == ("27.5", "11000.00", "us-2025-26")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["rate", "87O3", "--origin", "JP", "--date", "2025-05-05"], "a product code has digits and dots only"),
        (
            ["rate", "9999.99.99", "--origin", "JP", "--date", "2025-05-05"],
            "9999.99.99 is not in schedule 'us-2025-26' on 2025-05-05",
        ),
        (
            ["rate", "8703", "--origin", "JP", "--date", "2025-05-05"],
            "8703 is not a tariff line of schedule 'us-2025-26' on 2025-05-05",
        ),
        (
            # 9403.60.80 has the statistical lines .10, .40, .89 and .93 in every packaged revision; .81 is none.
            ["rate", "9403.60.80.81", "--origin", "JP", "--date", "2025-05-05"],
            "9403.60.80.81 is not a line of schedule 'us-2025-26' on 2025-05-05; the lines under 9403.60.80 are 9403.60.80.10, "
            "9403.60.80.40, 9403.60.80.89, 9403.60.80.93",
        ),
        (["rate", *CAR, "--date", "2025-05-05", "--origin", "XX"], "'XX' is not an ISO 3166-1 alpha-2 country code"),
        (["rate", *CAR, "--date", "5 May 2025"], "--date: '5 May 2025' is not a calendar day"),
        (["rate", *CAR, "--date", "2025-02-30"], "--date: '2025-02-30' is not a calendar day"),
        (
            ["rate", *CAR, "--date", "2025-05-05", "--loaded", "yesterday"],
            "--loaded: 'yesterday' is not a calendar day",
        ),
        (["rate", *CAR, "--date", "2025-05-05", "--value", "-1"], "--value must not be negative, got -1"),
        (["rate", *CAR, "--date", "2025-05-05", "--value", "lots"], "--value: 'lots' is not a number"),
        (["rate", *CAR, "--date", "2025-05-05", "--content", "steel"], "--content 'steel': write NAME=VALUE"),
        (["rate", *CAR, "--date", "2025-05-05", "--content", "steel=-3"], "--content steel must not be negative"),
        (["rate", *CAR, "--date", "2025-05-05", "--quantity", "kg"], "--quantity 'kg': write an amount and a unit"),
        (
            ["rate", *CAR, "--date", "2025-05-05", "--schedule", "us-1999"],
            "no packaged schedule 'us-1999' (packaged: us-2025",
        ),
        (["explain", *CAR], "the following arguments are required: --date"),
        (["validate", "/nonexistent"], "/nonexistent: no such file or directory"),
    ],
)
def test_bad_input_exits_2_with_one_line(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    try:
        status, out, err = run(capsys, *argv)
    except SystemExit as e:  # argparse's own errors exit through parser.exit
        status, (out, err) = int(str(e.code)), capsys.readouterr()
    assert (2, "") == (status, out)
    assert err.count("\n") == 1, err
    assert message in err
    assert "Traceback" not in err


def test_measures_lists_and_searches(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "measures", "--search", "9903.94.4")
    assert status == 0
    # 9903.94.4x: Japanese cars (.41), Japanese parts (.43, and heading 8471 when claimed as a part), EU note 33(r) parts (.45)
    assert any(
        line.startswith("us.s232.auto-parts.jp  9903.94.43  all-in 15%  2025-09-16/  JP  [C2]")
        for line in out.splitlines()
    )
    assert out.splitlines()[-1].startswith("4 measure(s) in schedule us-2025-26")
    _, out, _ = run(capsys, "measures", "--schedule", "us-2025-measures", "--json")
    rows = json.loads(out)
    assert len(rows) == len(load_schedule("us-2025-measures").measures)
    assert {"id", "heading", "rate", "validity", "confidence", "citation"} <= set(rows[0])


def test_validate_the_packaged_data(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "validate", str(data_path()))
    assert status == 0
    assert "valid schedule 'us-2025-26'" in out


def test_validate_reports_every_problem(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[[measures]]\nid = "x"\ntitle = "X"\nkind = "extra"\nrate = "ten"\nproducts = "all"\n'
        'origins = "all"\nvalidity = "2025-01-01/"\n[measures.citation]\ninstrument = "EO 1"\n',
        encoding="utf-8",
    )
    status, out, err = run(capsys, "validate", str(bad))
    assert (2, "") == (status, out)
    lines = err.splitlines()
    assert lines[0] == f"tariffcalc: error: {bad}: cannot load the data files (3 problem(s)):"
    assert lines[1:] == [
        f"  - {bad}:4 measures[0].kind: 'extra' is not valid here; use base or additional",
        f"  - {bad}:5 measures[0].rate: cannot read 'ten' in rate 'ten'; canonical terms are 'Free', '2.5%', "
        "'$0.015/kg', '1.2 EUR/kg', '6% on case', joined by ' + ', with ' MIN '/' MAX ' bounds, "
        "or 'all-in 15%' or 'not computable: REASON | TEXT'",
        f"  - {bad}:10 measures[0].citation.instrument: unknown instrument 'EO 1'; define it under "
        '[instruments."EO 1"] or use one of: none defined',
    ]
