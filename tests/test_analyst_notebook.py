"""
The notebook "Every task of an analyst" (docs/analyst-notebook.ipynb) runs
end to end, from the docs directory as the site's build runs it, and each
task gives what the how-to guides work by hand, from a DataFrame row's types.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

DOCS = Path(__file__).parent.parent / "docs"
NOTEBOOK = DOCS / "analyst-notebook.ipynb"


@pytest.fixture(scope="module")
def outputs() -> list[str]:
    nb = nbformat.read(NOTEBOOK, as_version=4)  # type: ignore[no-untyped-call]
    NotebookClient(nb, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(DOCS)}}).execute()
    cells = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert not [o for cell in cells for o in cell.outputs if o.output_type == "error"]
    assert any("image/png" in o.get("data", {}) for cell in cells for o in cell.outputs)  # the 2x2 grid was drawn
    return [
        "\n".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", "")) for o in cell.outputs)
        for cell in cells
    ]


def _cell(outputs: list[str], pattern: str) -> str:
    found = [text for text in outputs if re.search(pattern, text)]
    assert found, pattern
    return found[0]


def test_a_row_of_a_book_resolves_as_pandas_holds_it(outputs: list[str]) -> None:
    # The Japanese car on 5 May 2025: MFN 2.5% + Section 232 autos 25% = 27.5% of 40,000 = 11,000.00 (facts s.3).
    assert "('Timestamp', 'int64', Decimal('27.5'), Decimal('11000.00'))" in outputs
    brief = _cell(outputs, r"^8703\.23\.01\.90 from JP")
    assert "9903.94.01: 25% on 40000 = 10000.00" in brief
    assert "more by their dates" in brief  # the brief form leaves out what is not yet in force


def test_the_book_comes_back_in_one_dtype_convention(outputs: list[str]) -> None:
    assert "{'rate': 'Float64', 'amount': 'Float64', 'missing': 'string'}" in outputs
    # The Canadian toy without a USMCA claim: the IEEPA 25% on Canada (facts: from 4 March 2025) of 1,000.
    assert re.search(r"9503\.00\.00\.90\s+CA\s+25\.0\s+250\.0", _cell(outputs, "quantity in kg"))


def test_reprs_are_short(outputs: list[str]) -> None:
    sizes = _cell(outputs, r"^\[\d+, \d+, \d+, \d+\]$")
    assert all(int(n) <= 300 for n in re.findall(r"\d+", sizes))


def test_timeline_at_names_the_day_asked(outputs: list[str]) -> None:
    # The rotor from Japan on 20 September 2025: the all-in 15% on parts from 16 September (facts s.2.4).
    assert "<Resolution 8708.30.50.30 from JP on 2025-09-20: 15%" in _cell(outputs, "from JP on 2025-09-20")


def test_the_panel_claims_usmca_and_says_what_it_averages(outputs: list[str]) -> None:
    panel = _cell(outputs, "mean rate")
    assert "unweighted" in panel
    assert "left out" in panel
    # Toy and cattle from Canada claiming USMCA: no IEEPA 25%, Free under S; from Japan the 10% baseline,
    # plus $0.01/kg x 1,000 kg = 0.1% on the cattle (facts s.1; HTS 0102.29.40.24).
    assert re.search(r"9503\.00\.00\.90\s+CA\s+0\.0\s+0\.0\s+0\.0", panel)
    assert re.search(r"0102\.29\.40\.24\s+JP\s+10\.1\s+0\.1\s+10\.0", panel)
    assert "US " not in panel.replace("USMCA", "")
    dtypes = _cell(outputs, "'reason'")
    assert "'rate': 'float64'" in dtypes


def test_the_refund_report_sums_in_pandas(outputs: list[str]) -> None:
    # The refund how-to's worked file (docs/how-to/estimate-ieepa-refund.md), by entry:
    # 100 + 500 + 500 + 150 + 150 + 200 + 0 + 100 + 250 = 1,950.00 refundable on 20 April 2026.
    refunds = _cell(outputs, "E100")
    assert re.search(r"E100\s+100\.0", refunds)
    assert re.search(r"E103\s+150\.0", refunds)  # two lines, the car refunds nothing
    assert re.search(r"E108\s+250\.0", refunds)


def test_the_command_line_takes_a_shell_s_spellings(outputs: list[str]) -> None:
    assert "(0, '27.5', '11000.00')" in outputs
    assert "did you mean 'strap'?" in _cell(outputs, "unknown content")


def test_contents_and_bases_read_in_words(outputs: list[str]) -> None:
    assert "('strap', 'sight')" in outputs
    assert "the value less the US content, when that content is at least 20% of the value" in _cell(
        outputs, "US content"
    )


def test_an_origin_by_its_alpha_3_code_in_a_book(outputs: list[str]) -> None:
    # The cattle from "JPN" is read as Japan: its $0.01/kg (HTS 0102.29.40.24) waits for a quantity in kg.
    assert re.search(r"0102\.29\.40\.24\s+JPN\s+<NA>\s+<NA>\s+quantity in kg", _cell(outputs, "quantity in kg"))


def test_a_panel_and_a_refund_report_are_short_and_tables_in_html(outputs: list[str]) -> None:
    cell = _cell(outputs, r"^\(\[\d+, \d+\], \[True, True\]\)$")
    assert all(int(n) <= 300 for n in re.findall(r"\d+", cell))


def test_the_deltas_chart_names_its_currency(outputs: list[str]) -> None:
    assert "'change in duty, USD'" in _cell(outputs, "change in duty")
