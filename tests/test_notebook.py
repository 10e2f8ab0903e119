"""The notebook "Japan 2025, in a notebook" runs end to end."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).parent.parent / "docs" / "japan-2025-notebook.ipynb"


def test_the_notebook_runs_end_to_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MPLBACKEND", raising=False)  # the kernel draws inline, as in a notebook
    nb = nbformat.read(NOTEBOOK, as_version=4)  # type: ignore[no-untyped-call]  # nbformat has no annotations
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "\n".join(str(o.get("data", {}).get("text/plain", "")) for o in outputs)
    assert "<Schedule 'us-2025-26'" in text
    # Facts §2.3: Japanese furniture (MFN Free) pays the 15% deal on 1 September 2025.
    assert re.search(r"\bJP\s+15.0\b", text)
    assert any("image/png" in o.get("data", {}) for o in outputs)  # the charts were drawn
