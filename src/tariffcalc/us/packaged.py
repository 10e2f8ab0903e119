"""
The packaged US schedules and how they are built from the wing's data:
``us-2025-26`` is the MFN (column 1 and 2) base duties of the HTS extract
(:func:`tariffcalc.us.mfn.mfn_measures`) combined with the cited measures of
``us/data/us2025/``; ``us-2025-26-measures`` is those measures alone.
:func:`tariffcalc.datasets.load_schedule` names, caches and pins them.

>>> NAMES
('us-2025-26', 'us-2025-26-measures')
>>> us2025_data().name
'us-2025-26'
"""

from __future__ import annotations

import functools
import threading
from importlib.resources import as_file, files
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tariffcalc.countries import CountryGroup
    from tariffcalc.io.datafiles import DataSet
    from tariffcalc.measures import Measure
    from tariffcalc.schedule import Schedule

__all__ = ["ALIASES", "NAMES", "build", "data_path", "us2025_data"]

#: The packaged US schedules: ``us-2025-26`` (MFN + the measures of 2025 and
#: 2026) and ``us-2025-26-measures`` (the measures alone, without base duties).
NAMES: tuple[str, ...] = ("us-2025-26", "us-2025-26-measures")
#: Earlier names that still load the same schedules.
ALIASES: dict[str, str] = {"us-2025": "us-2025-26", "us-2025-measures": "us-2025-26-measures"}

#: Held while the data files are read: threads that ask at once wait for the one read.
_LOCK = threading.Lock()


def data_path() -> Path:
    """The directory of the packaged US data files."""
    with as_file(files("tariffcalc").joinpath("us/data/us2025")) as path:
        return Path(path)


def us2025_data() -> DataSet:
    """The packaged US measures as read from their data files (read once per process, even under threads)."""
    with _LOCK:
        return _read_us2025()


@functools.cache
def _read_us2025() -> DataSet:
    from tariffcalc.io.datafiles import read_dataset

    return read_dataset(data_path())


def build(name: str) -> Schedule:
    """
    The packaged schedule *name* (one of :data:`NAMES`) built from the MFN
    extract and the data files, checked once.
    """
    from tariffcalc.us.programmes import us_programmes

    data = us2025_data()
    base: list[Measure] = []
    base_groups: list[CountryGroup] = []
    if name == "us-2025-26-measures":
        name = data.name
    else:
        from tariffcalc.us.groups import COLUMN2
        from tariffcalc.us.mfn import mfn_measures

        base, base_groups = list(mfn_measures()), [COLUMN2]
    # One schedule built and checked once, rather than the measures checked alone and then again combined;
    # a problem of the schedule names the file and line of the measure or rule it is about.
    return data.to_schedule(
        name=name,
        base=base,
        base_groups=base_groups,
        programmes=list(us_programmes().values()),  # who may claim usmca, kr, a+, ...: HTS General Notes
    )
