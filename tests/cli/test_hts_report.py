"""``tariffcalc hts-report`` in text form, on a small export whose name is no known revision."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tariffcalc.cli import main

ROWS = [
    {"htsno": "0101.30.00", "indent": "0", "description": "Asses", "general": "6.8%", "special": "Free (A+,AU)"},
    {"htsno": "0101.90.00", "indent": "0", "description": "Other", "general": "foo bar baz", "special": ""},
    {
        "htsno": "9903.01.25",
        "indent": "0",
        "description": "Reciprocal",
        "general": "The duty provided in the applicable subheading + 10%",
        "special": "",
    },
]


def test_text_report_of_an_unknown_file_name(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    path.write_text(json.dumps([{**r, "other": ""} for r in ROWS]), encoding="utf-8")

    status = main(["hts-report", str(path)])
    out, err = capsys.readouterr()

    assert (0, "") == (status, err)
    # 2 of 3 General texts are exact (6.8% and the Chapter 99 formula), one is not a rate text at all;
    # the one Special text is exact; no Other text, so no percentages.
    assert out.splitlines() == [
        "HTS file mine.json (mine.json): 3 rows",
        "general: 3 texts",
        "  exact                     2   66.67%  (of which 1 Chapter 99 formulas, reported not applied)",
        "  reference_resolved        0    0.00%",
        "  unsupported               1   33.33%",
        "          1  unrecognised rate text",
        "special: 1 texts",
        "  exact                     1  100.00%",
        "  reference_resolved        0    0.00%",
        "  unsupported               0    0.00%",
        "other: 0 texts",
        "  exact                     0      n/a",
        "  reference_resolved        0      n/a",
        "  unsupported               0      n/a",
    ]


def test_json_report_of_an_unknown_file_name(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    path.write_text(json.dumps([{**r, "other": ""} for r in ROWS]), encoding="utf-8")

    status = main(["hts-report", str(path), "--json"])
    report = json.loads(capsys.readouterr().out)

    assert status == 0
    assert report["general"]["total"] == 3
    assert report["general"]["exact"] == 2
    assert report["general"]["unsupported"] == {"unrecognised rate text": 1}
    assert (report["special"]["total"], report["special"]["exact"]) == (1, 1)
    assert report["other"]["total"] == 0
