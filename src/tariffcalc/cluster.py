"""
Resolving a dask DataFrame on a cluster, partition by partition, with the
code path of :func:`tariffcalc.frames.resolve_frame` (the same columns,
options and answers). Needs the extra ``dask``.

:func:`resolve_dask` maps :func:`~tariffcalc.frames.resolve_frame` over the
partitions. The schedule is put in the task graph once and travels to each
worker pickled: a packaged one by its name and fingerprint only (each
worker loads it once, from the schedule cache when it is warm), any other
by its parts, compactly (a few megabytes for the whole tariff).

>>> import pandas as pd, dask.dataframe as dd
>>> from tariffcalc.datasets import load_schedule
>>> book = dd.from_pandas(pd.DataFrame({"product": ["8703.23.01.90"], "origin": ["JP"],
...                                     "date": ["2025-05-05"], "value": [40000]}), npartitions=1)
>>> resolve_dask(book, load_schedule("us-2025-26"), exact=True)[["rate", "amount"]].compute().to_dict("records")
[{'rate': Decimal('27.5'), 'amount': Decimal('11000.00')}]
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from tariffcalc.frames import resolve_partition

if TYPE_CHECKING:
    from tariffcalc.schedule import Schedule

__all__ = ["resolve_dask"]


def resolve_dask(frame: Any, schedule: Schedule, **options: Any) -> Any:
    """
    *frame* (a dask DataFrame) resolved partition by partition with
    :func:`tariffcalc.frames.resolve_frame`, which takes *options*
    (``product=``, ``value=``, ``exact=``, ``errors=``, ...) and reads them
    as it does: the same defaults (a column named ``value`` is the customs
    value unless ``value=`` says otherwise) and the same answers. Every
    partition has a column for every authority (``all_authorities=True``),
    so that they share their columns; no progress bar is shown on the workers.
    """
    delayed: Any = importlib.import_module("dask").delayed  # untyped: imported by name

    options = {"progress": False, **options}
    meta = resolve_partition(frame._meta, schedule, options)
    # Once in the graph, not once per task: each worker unpickles it once.
    return frame.map_partitions(resolve_partition, delayed(schedule, pure=False), options, meta=meta)
