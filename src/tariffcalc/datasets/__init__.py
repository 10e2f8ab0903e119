"""
Packaged schedules, and a loader that takes a packaged name or a path.

``us-2025-26`` is the MFN (column 1 and 2) base duties of the HTS import
(:func:`tariffcalc.datasets.mfn.load_mfn`) combined with the cited measures
of 2025 and 2026 in ``datasets/us2025/`` (IEEPA reciprocal and other
duties to their end, Section 122, Section 232, Section 301 on China). Its
horizon is the period its sources confirm; an answer for a day outside it
carries a warning. ``us-2025`` is its earlier name and still works.

>>> from datetime import date
>>> us = load_schedule("us-2025-26")
>>> r = us.resolve("8703.23.01.90", "JP", date(2025, 5, 5), value=40000)
>>> [(line.heading, str(line.rate), line.amount) for line in r.lines]
[('8703.23.01.90', '2.5%', Decimal('1000.00')), ('9903.94.01', '25%', Decimal('10000.00'))]
>>> r.rate
Decimal('27.5')
>>> str(us.horizon), load_schedule("us-2025") is us
('2025-01-01/2026-10-10', True)
>>> load_schedule("us-2024")
Traceback (most recent call last):
...
tariffcalc.errors.UnknownScheduleError: no packaged schedule 'us-2024' (packaged: us-2025-26, us-2025-26-measures, us-2025, us-2025-measures); a data file or directory is given as a path, e.g. ./data or schedule.toml
"""

from __future__ import annotations

import functools
import os
import threading
from importlib.resources import as_file, files
from pathlib import Path
from typing import TYPE_CHECKING

from tariffcalc._collector import paused
from tariffcalc._decimals import own_context
from tariffcalc.errors import UnknownScheduleError

if TYPE_CHECKING:
    from tariffcalc.codes import ProductCode
    from tariffcalc.countries import CountryGroup
    from tariffcalc.io.datafiles import DataSet
    from tariffcalc.measures import Measure
    from tariffcalc.schedule import Schedule

__all__ = [
    "ALIASES",
    "DEFAULT",
    "NAMES",
    "PIN_FILE",
    "check_packaged",
    "data_path",
    "load_for_product",
    "load_schedule",
    "pinned_fingerprints",
    "us2025_data",
]

#: The packaged schedules: ``us-2025-26`` (MFN + the measures of 2025 and
#: 2026) and ``us-2025-26-measures`` (the measures alone, without base duties).
NAMES: tuple[str, ...] = ("us-2025-26", "us-2025-26-measures")
#: Earlier names that still load the same schedules.
ALIASES: dict[str, str] = {"us-2025": "us-2025-26", "us-2025-measures": "us-2025-26-measures"}
#: The schedule the command uses when none is named.
DEFAULT = NAMES[0]


#: Packaged schedules built so far in this process, by name (guarded by _LOCK).
_BUILT: dict[str, Schedule] = {}
#: Held while a packaged schedule is looked up or built: threads that ask at
#: once wait for the one build instead of each building it.
_LOCK = threading.RLock()


def data_path() -> Path:
    """The directory of the packaged ``us-2025`` data files."""
    with as_file(files("tariffcalc").joinpath("datasets/us2025")) as path:
        return Path(path)


def us2025_data() -> DataSet:
    """The packaged 2025 measures as read from their data files (read once per process, even under threads)."""
    with _LOCK:
        return _read_us2025()


@functools.cache
def _read_us2025() -> DataSet:
    from tariffcalc.io.datafiles import read_dataset

    return read_dataset(data_path())


def _packaged(name: str) -> Schedule:
    """The packaged schedule *name*, built once per process however many threads ask at once."""
    with _LOCK:
        found = _BUILT.get(name)
        if found is None:
            found = _BUILT[name] = _build(name)
            found._memo["packaged"] = name  # pickled by name and fingerprint
        return found


def built_schedules() -> dict[str, Schedule]:
    """
    The packaged schedules built so far in this process, by name: a
    schedule derived from one of them travels to another process as its
    name, fingerprint and changes (see :mod:`tariffcalc._packing`).
    """
    with _LOCK:
        return dict(_BUILT)


@own_context  # reading rates from text rounds and normalises decimals
def _build(name: str) -> Schedule:
    """
    The packaged schedule *name* from the cache when it holds a valid copy,
    otherwise built from its sources and cached (use :func:`_packaged`,
    which builds it once).
    """
    from tariffcalc.datasets import cache

    found = cache.load(name)
    if found is not None:
        return found
    with paused():  # a quarter of the build went to the collector walking the new, live objects
        built = _from_sources(name)
        if cache.cache_dir() is not None:
            cache.store(name, built)
    return built


def _from_sources(name: str) -> Schedule:
    """Build the packaged schedule *name* from the MFN extract and the data files."""
    from tariffcalc.programmes import us_programmes

    data = us2025_data()
    base: list[Measure] = []
    base_groups: list[CountryGroup] = []
    if name == "us-2025-26-measures":
        name = data.name
    else:
        from tariffcalc.datasets.mfn import mfn_measures
        from tariffcalc.datasets.us_groups import COLUMN2

        base, base_groups = list(mfn_measures()), [COLUMN2]
    # One schedule built and checked once, rather than the measures checked alone and then again combined;
    # a problem of the schedule names the file and line of the measure or rule it is about.
    return data.to_schedule(
        name=name,
        base=base,
        base_groups=base_groups,
        programmes=list(us_programmes().values()),  # who may claim usmca, kr, a+, ...: HTS General Notes
    )


def _is_path(text: str) -> bool:
    """Whether *text* is written as a path (a separator, or a data-file suffix) rather than a name."""
    return "/" in text or os.sep in text or (os.altsep or "/") in text or text.endswith(".toml") or text in (".", "..")


def load_for_product(name_or_path: str | Path, product: ProductCode) -> Schedule:
    """
    A schedule that resolves *product* (and every code of its chapter) exactly
    as ``load_schedule(name_or_path)`` does, with the same name and
    fingerprint: for a packaged name not yet loaded in this process and a
    valid cache, only the part that can bear on the product is read (see
    :func:`tariffcalc.datasets.cache.load_view`); otherwise the whole schedule.
    """
    name = name_or_path if isinstance(name_or_path, str) else None
    name = ALIASES.get(name, name) if name is not None else None
    if name in NAMES:
        assert name is not None
        with _LOCK:
            built = _BUILT.get(name)
        if built is None:
            from tariffcalc.datasets import cache

            view = cache.load_view(name, product)
            if view is not None:
                return view
    return load_schedule(name_or_path)


def load_schedule(name_or_path: str | Path = DEFAULT) -> Schedule:
    """
    The packaged schedule *name_or_path* (see :data:`NAMES` and
    :data:`ALIASES`; without it, :data:`DEFAULT`), or the
    schedule in the data file or directory at that path. Packaged schedules
    are built once per process.

    A :class:`~pathlib.Path`, or text with a ``/`` (``./us-2025``,
    ``data/us.toml``) or ending in ``.toml``, is a path; any other text is a
    packaged name, even when a directory of that name exists (write
    ``./NAME`` to read it). ``-`` reads one data file from standard input.
    """
    from tariffcalc.io.guard import is_stdin

    if is_stdin(name_or_path):  # ``-``: one data file from standard input
        from tariffcalc.io.datafiles import read_schedule

        return read_schedule("-")
    if isinstance(name_or_path, str | Path):
        from tariffcalc.io.guard import path_problem

        unusable = path_problem(name_or_path)  # a name too long for any file system: not even looked up
        if unusable is not None:
            shown = str(name_or_path) if len(str(name_or_path)) <= 60 else str(name_or_path)[:57] + "..."
            raise UnknownScheduleError(
                f"no packaged schedule or data path {shown!r}: {unusable} (packaged: {', '.join([*NAMES, *ALIASES])})"
            )
    if isinstance(name_or_path, str) and not _is_path(name_or_path):
        if name_or_path in NAMES:
            return _packaged(name_or_path)
        if name_or_path in ALIASES:
            return _packaged(ALIASES[name_or_path])
        local = Path(name_or_path).exists()
        raise UnknownScheduleError(
            f"no packaged schedule {name_or_path!r} (packaged: {', '.join([*NAMES, *ALIASES])})"
            + (
                f"; to read the local {name_or_path!r}, give it as a path: ./{name_or_path}"
                if local
                else "; a data file or directory is given as a path, e.g. ./data or schedule.toml"
            )
        )
    if not isinstance(name_or_path, str | Path):
        raise TypeError(f"a schedule is a packaged name or a path, got {type(name_or_path).__name__}")
    path = Path(name_or_path)
    if not path.exists():
        raise UnknownScheduleError(
            f"no data file or directory at the path {str(name_or_path)!r}; "
            f"packaged schedules are named without a path: {', '.join(NAMES)}"
        )
    from tariffcalc.io.datafiles import read_schedule

    return read_schedule(path)


#: The file, next to the data, that pins the fingerprint of every packaged
#: schedule; ``python scripts/pin_fingerprints.py`` writes it after a change of the data.
PIN_FILE = "fingerprints.json"


def pinned_fingerprints() -> dict[str, str]:
    """The fingerprints the package pins, by packaged name."""
    import json

    text = files("tariffcalc").joinpath(f"datasets/{PIN_FILE}").read_text(encoding="utf-8")
    pinned: dict[str, str] = json.loads(text)["fingerprints"]
    return pinned


def check_packaged() -> list[str]:
    """
    Every difference between the packaged schedules as built now and their
    pinned fingerprints (empty when the data is the data the package was
    released with).
    """
    pinned = pinned_fingerprints()
    problems = []
    for name in NAMES:
        built = _packaged(name).fingerprint
        if pinned.get(name) != built:
            problems.append(
                f"{name}: fingerprint {built} differs from the pinned {pinned.get(name)}; the packaged data "
                "changed (run scripts/pin_fingerprints.py if the change is meant)"
            )
    return problems
