"""Resolving frames with pandas, and with dask on a local cluster of two worker processes: one code path, the same answers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

pd = pytest.importorskip("pandas")

from tariffcalc.frames import resolve_frame  # noqa: E402
from tests.helpers.hand_made import two_chapter_schedule  # noqa: E402

ROWS: dict[str, list[Any]] = {
    "product": ["8703.23.01.90", "8467.21.00.10", "8703.23.01.90", "8467.21.00.10"],
    "origin": ["JP", "DE", "CN", "JP"],
    "date": [date(2025, 2, 1), date(2025, 3, 15), "2025-05-01", "2025-02-01"],
    "value": [1000, 2000, None, 500],
}


def _expected(frame: object) -> list[tuple[Decimal | None, Decimal | None]]:
    schedule = two_chapter_schedule()
    out = []
    for product, origin, on, value in zip(ROWS["product"], ROWS["origin"], ROWS["date"], ROWS["value"], strict=True):
        day = on if isinstance(on, date) else date.fromisoformat(on)
        r = schedule.resolve(product, origin, day, value=value)
        out.append((r.rate, r.amount))
    return out


def test_a_frame_resolves_row_by_row() -> None:
    frame = pd.DataFrame(ROWS)
    got = resolve_frame(two_chapter_schedule(), frame, value="value", exact=True)
    assert _expected(frame) == list(zip(got["rate"], got["amount"], strict=True))


def test_a_dask_frame_resolves_on_two_worker_processes() -> None:
    dd = pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("distributed")
    from tariffcalc.cluster import resolve_dask

    frame = pd.DataFrame(ROWS)
    with (
        distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster,
        distributed.Client(cluster),
    ):
        result = resolve_dask(dd.from_pandas(frame, npartitions=2), two_chapter_schedule(), exact=True).compute()
    assert _expected(frame) == list(zip(result["rate"], result["amount"], strict=True))
    # The frame's code path: the same columns and values as resolving it in one piece with the same
    # arguments (both read the frame's "value" column by default).
    alone = resolve_frame(two_chapter_schedule(), frame, exact=True, all_authorities=True)
    assert list(alone.columns) == list(result.columns)
    added = [c for c in alone.columns if c not in frame.columns]  # dask stores the input's texts its own way
    assert "amount_section_232" in added
    pd.testing.assert_frame_equal(alone[added], result[added], check_dtype=False)
