"""
Resolving tables of entries with pandas, and on a dask cluster partition by
partition.

A frame has the columns ``product``, ``origin`` and ``date`` (a
``datetime.date``, a ``datetime64`` or an ISO text), and optionally
``value``; the result adds ``rate`` (the total ad valorem equivalent, None
when not computable), ``amount`` (None without a value) and ``missing``
(the facts still needed, joined by ``"; "``).

>>> import pandas as pd
>>> from tariffcalc.datasets import load_schedule
>>> frame = pd.DataFrame({"product": ["8703.23.01.90"], "origin": ["JP"], "date": ["2025-05-05"], "value": [40000]})
>>> resolve_frame(frame, load_schedule("us-2025-26"))[["rate", "amount"]].to_dict("records")
[{'rate': Decimal('27.5'), 'amount': Decimal('11000.00')}]

On dask, :func:`resolve_dask` maps :func:`resolve_frame` over the
partitions; the schedule travels to the workers pickled (a packaged one by
its name and fingerprint only; each worker loads it once, from the
schedule cache when it is warm). Needs the extra ``dask``.
"""

from __future__ import annotations

import importlib
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tariffcalc.schedule import Schedule

__all__ = ["COLUMNS", "resolve_dask", "resolve_frame"]

#: The columns :func:`resolve_frame` adds.
COLUMNS = ("rate", "amount", "missing")


def _day(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if hasattr(value, "to_pydatetime"):
        day: date = value.to_pydatetime().date()
        return day
    return date.fromisoformat(str(value)[:10])


def resolve_frame(frame: Any, schedule: Schedule) -> Any:
    """*frame* (a pandas DataFrame) with the columns :data:`COLUMNS` added, one resolution per row."""
    has_value = "value" in frame.columns
    rates: list[Decimal | None] = []
    amounts: list[Decimal | None] = []
    missing: list[str] = []
    values = frame["value"] if has_value else [None] * len(frame)
    for product, origin, on, value in zip(frame["product"], frame["origin"], frame["date"], values, strict=True):
        given = None if value is None or value != value else Decimal(str(value))  # NaN: no value
        r = schedule.resolve(str(product), str(origin), _day(on), value=given)
        rates.append(r.rate)
        amounts.append(r.amount)
        missing.append("; ".join(r.missing))
    out = frame.copy()
    out["rate"] = rates
    out["amount"] = amounts
    out["missing"] = missing
    return out


def resolve_dask(frame: Any, schedule: Schedule) -> Any:
    """*frame* (a dask DataFrame) resolved partition by partition with :func:`resolve_frame`."""
    pd: Any = importlib.import_module("pandas")  # untyped: imported by name

    meta = frame._meta.copy()
    meta["rate"] = pd.Series([], dtype=object)
    meta["amount"] = pd.Series([], dtype=object)
    meta["missing"] = pd.Series([], dtype=object)
    return frame.map_partitions(resolve_frame, schedule, meta=meta)
