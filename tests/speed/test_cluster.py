"""Resolving frames with pandas, and with dask on a local cluster of two worker processes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

pd = pytest.importorskip("pandas")

from test_cache import _small  # noqa: E402

from tariffcalc.cluster import resolve_frame  # noqa: E402

ROWS = {
    "product": ["8703.23.01.90", "8467.21.00.10", "8703.23.01.90", "8467.21.00.10"],
    "origin": ["JP", "DE", "CN", "JP"],
    "date": [date(2025, 2, 1), date(2025, 3, 15), "2025-05-01", "2025-02-01"],
    "value": [1000, 2000, None, 500],
}


def _expected(frame: object) -> list[tuple[Decimal | None, Decimal | None]]:
    schedule = _small()
    out = []
    for product, origin, on, value in zip(ROWS["product"], ROWS["origin"], ROWS["date"], ROWS["value"], strict=True):
        day = on if isinstance(on, date) else date.fromisoformat(on)
        r = schedule.resolve(product, origin, day, value=value)
        out.append((r.rate, r.amount))
    return out


def test_a_frame_resolves_row_by_row() -> None:
    frame = pd.DataFrame(ROWS)
    got = resolve_frame(frame, _small())
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
        result = resolve_dask(dd.from_pandas(frame, npartitions=2), _small()).compute()
    assert _expected(frame) == list(zip(result["rate"], result["amount"], strict=True))
