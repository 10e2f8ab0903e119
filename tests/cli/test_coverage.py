"""``tariffcalc coverage``: the Chapter 99 ledger's counts per revision, and the headings of a newer export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tariffcalc.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def _row(heading: str, description: str = "x") -> dict[str, str]:
    return {"htsno": heading, "indent": "1", "description": description, "general": "", "special": "", "other": ""}


def test_coverage_prints_the_counts_per_revision(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "coverage")
    assert (status, err) == (0, "")
    assert "last HTS revision read: 2026 Rev 20, in force from 2026-09-29" in out
    # 2025 Basic: 447 9903 rows in hts_2025_basic.json.gz; 2026 Rev 13: 101 headings established.
    assert any(line.split()[:3] == ["2025", "Basic", "447"] for line in out.splitlines())
    assert any(line.split()[:3] == ["2026", "Rev", "13"] and line.split()[3] == "101" for line in out.splitlines())
    assert "  quota " in out
    assert "(its rate depends on a quota's fill" in out


def test_coverage_json_has_every_revision(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "coverage", "--json")
    doc = json.loads(out)
    assert status == 0
    assert doc["last_revision"] == {"id": "2026 Rev 20", "effective": "2026-09-29"}
    revisions = {r["revision"]: r for r in doc["revisions"]}
    assert len(revisions) == 13
    rev32 = revisions["2025 Rev 32"]
    assert rev32["headings"] == 680
    assert rev32["modelled"] + sum(rev32["not_modelled"].values()) + len(rev32["unaccounted"]) == 680
    # 9903.01.43-.76 but .50, .53 and .63 (EO 14257 Annex I, 9 April 2025: 31) and the
    # maritime 9903.91.12-.16 (9 November 2025: 5)
    assert rev32["not_modelled"]["one-day"] == 36


def test_a_newer_export_lists_the_headings_the_schedule_does_not_know(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 9903.01.25: the reciprocal baseline (a measure cites it); 9903.52.01: a cotton quota
    # (the ledger lists it); 9903.99.01 and .02: headings of no revision the data has read.
    export = tmp_path / "hts_2027_basic.json"
    rows = [_row("0101.21.00"), _row("9903.01.25"), _row("9903.52.01"), _row("9903.99.01"), _row("9903.99.02")]
    export.write_text(json.dumps(rows), encoding="utf-8")
    status, out, _ = run(capsys, "coverage", "--hts", str(export))
    assert status == 1
    assert "not known to the schedule (hts_2027_basic.json): 9903.99.01–9903.99.02 (2)" in out
    status, out, _ = run(capsys, "coverage", "--hts", str(export), "--json")
    doc = json.loads(out)["revisions"][0]
    assert (status, doc["headings"], doc["modelled"], doc["not_modelled"], doc["unaccounted"]) == (
        1,
        4,
        1,
        {"quota": 1},
        ["9903.99.01", "9903.99.02"],
    )


def test_a_missing_export_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "coverage", "--hts", str(tmp_path / "nope.json"))
    assert status == 2
    assert err.startswith("tariffcalc: error: ")
    assert "nope.json" in err
