"""
resolve_frame with entry numbers (``entry=``) and numbers as a spreadsheet leaves them in a
frame: read by the one reader of outside numbers (tariffcalc.io.numbers).

Japanese toys (HTS 9503.00.00, MFN free) entered 10 Apr-9 Jul 2025 pay the 10% IEEPA
baseline, heading 9903.01.25 (EO 14257 as paused by EO 14266; docs/sources/us-2025-facts.md).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

pd = pytest.importorskip("pandas")

from tariffcalc import load_schedule  # noqa: E402
from tariffcalc.errors import InvalidEntryError  # noqa: E402
from tariffcalc.frames import resolve_frame  # noqa: E402

TOY = "9503.00.00.90"


@pytest.fixture(scope="module")
def us():  # type: ignore[no-untyped-def]
    return load_schedule("us-2025-26")


def test_entry_amount_is_the_duty_of_the_whole_entry(us) -> None:  # type: ignore[no-untyped-def]
    # E1: 10% of 1000 + 10% of 2500 = 100 + 250 = 350; E2: 10% of 400 = 40.
    df = pd.DataFrame(
        {
            "entry_no": ["E1", "E1", "E2"],
            "product": [TOY] * 3,
            "origin": ["JP"] * 3,
            "date": ["2025-05-01"] * 3,
            "value": ["1,000", "$2,500.00", 400],  # text as a CSV leaves it, and an int
        }
    )
    out = resolve_frame(us, df, entry="entry_no", exact=True)
    assert [Decimal("100.00"), Decimal("250.00"), Decimal("40.00")] == list(out["amount"])
    assert [Decimal("350.00"), Decimal("350.00"), Decimal("40.00")] == list(out["entry_amount"])
    assert ["E1", "E1", "E2"] == list(out["entry_no"])  # carried through


def test_lines_of_one_entry_with_different_dates_are_an_error(us) -> None:  # type: ignore[no-untyped-def]
    df = pd.DataFrame(
        {
            "entry": ["E1", "E1", "E2"],
            "product": [TOY] * 3,
            "origin": ["JP"] * 3,
            "date": ["2025-05-01", "2025-05-02", "2025-05-01"],
            "value": [1000, 1000, 1000],
        }
    )
    with pytest.raises(InvalidEntryError, match=r"^entry E1: its lines have different entry dates"):
        resolve_frame(us, df, entry="entry")
    out = resolve_frame(us, df, entry="entry", errors="report")
    assert [True, True, False] == [not pd.isna(e) for e in out["error"]]
    assert out["error"][0].startswith("entry E1: its lines have different entry dates (2025-05-01, 2025-05-02)")


def test_an_ambiguous_number_in_a_frame_names_its_column(us) -> None:  # type: ignore[no-untyped-def]
    df = pd.DataFrame({"product": [TOY], "origin": ["JP"], "date": ["2025-05-01"], "customs": ["1.000,00"]})
    out = resolve_frame(us, df, value="customs", errors="report")
    assert out["error"][0].startswith("column 'customs': '1.000,00' is ambiguous")


def test_a_float_artefact_in_a_frame_is_refused(us) -> None:  # type: ignore[no-untyped-def]
    df = pd.DataFrame({"product": [TOY], "origin": ["JP"], "date": ["2025-05-01"], "value": [0.1 + 0.2]})
    out = resolve_frame(us, df, errors="report")
    assert "0.30000000000000004 is a binary-float artefact" in out["error"][0]
