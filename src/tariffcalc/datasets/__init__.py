"""
Packaged schedules, and a loader that takes a packaged name or a path.

``us-2025-26`` is the MFN (column 1 and 2) base duties of the HTS import
(:func:`tariffcalc.us.mfn.load_mfn`) combined with the cited measures
of 2025 and 2026 in ``us/data/us2025/`` (IEEPA reciprocal and other
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

import os
import threading
from collections.abc import Iterable
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from tariffcalc import _caches, _packing
from tariffcalc._collector import paused
from tariffcalc._decimals import own_context
from tariffcalc._resolver.horizon import read_revisions_with
from tariffcalc.errors import UnknownScheduleError
from tariffcalc.us import packaged as _us

if TYPE_CHECKING:
    from tariffcalc.codes import ProductCode
    from tariffcalc.schedule import Schedule

__all__ = [
    "ALIASES",
    "DEFAULT",
    "NAMES",
    "PIN_FILE",
    "check_packaged",
    "data_path",
    "load_for_product",
    "load_for_products",
    "load_schedule",
    "pinned_fingerprints",
    "us2025_data",
]

#: The packaged schedules, every wing's (the US wing: ``us-2025-26``, MFN + the
#: measures of 2025 and 2026, and ``us-2025-26-measures``, the measures alone).
NAMES: tuple[str, ...] = _us.NAMES
#: Earlier names that still load the same schedules.
ALIASES: dict[str, str] = dict(_us.ALIASES)
#: The schedule the command uses when none is named.
DEFAULT = NAMES[0]
#: The US wing's data files and their reading, for the catalogue and the commands.
data_path, us2025_data = _us.data_path, _us.us2025_data


#: Packaged schedules built so far in this process, by name (guarded by _LOCK).
_BUILT: dict[str, Schedule] = {}
#: Held while a packaged schedule is looked up or built: threads that ask at
#: once wait for the one build instead of each building it.
_LOCK = threading.RLock()


def _packaged(name: str) -> Schedule:
    """The packaged schedule *name*, built once per process however many threads ask at once."""
    with _LOCK:
        found = _BUILT.get(name)
        if found is None:
            found = _BUILT[name] = _build(name)
            _caches.remember(found, _caches.PACKAGED, name)  # pickled by name and fingerprint
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
    from tariffcalc.datasets import _cache as cache

    found = cache.load(name)
    if found is not None:
        return found
    with cache.building(name):  # another process building it at the same time: wait, then read its cache
        found = cache.load(name)
        if found is not None:
            return found
        with paused():  # a quarter of the build went to the collector walking the new, live objects
            built = _from_sources(name)
            if cache.cache_dir() is not None:
                cache.store(name, built)
    return built


def _from_sources(name: str) -> Schedule:
    """Build the packaged schedule *name* from its wing's data."""
    return _us.build(name)


def _is_path(text: str) -> bool:
    """Whether *text* is written as a path (a separator, or a data-file suffix) rather than a name."""
    return "/" in text or os.sep in text or (os.altsep or "/") in text or text.endswith(".toml") or text in (".", "..")


def load_for_products(name_or_path: str | Path, products: Iterable[ProductCode]) -> Schedule:
    """
    As :func:`load_for_product`, a schedule that resolves every code of the
    chapters of *products* exactly as ``load_schedule(name_or_path)`` does
    (a short file of entries: only their chapters are read from the cache).

    >>> from tariffcalc.codes import ProductCode
    >>> codes = [ProductCode.parse("8703.23.01.90"), ProductCode.parse("9503.00.00.90")]
    >>> load_for_products("us-2025-26", codes).fingerprint == load_schedule("us-2025-26").fingerprint
    True
    """
    name = name_or_path if isinstance(name_or_path, str) else None
    name = ALIASES.get(name, name) if name is not None else None
    if name in NAMES:
        assert name is not None
        with _LOCK:
            built = _BUILT.get(name)
        if built is None:
            from tariffcalc.datasets import _cache as cache

            view = cache.load_chapters(name, products)
            if view is not None:
                return view
    return load_schedule(name_or_path)


def load_for_product(name_or_path: str | Path, product: ProductCode) -> Schedule:
    """
    A schedule that resolves *product* (and every code of its chapter) exactly
    as ``load_schedule(name_or_path)`` does, with the same name and
    fingerprint: for a packaged name not yet loaded in this process and a
    valid cache, only the part that can bear on the product is read (see
    :func:`tariffcalc.datasets._cache.load_view`); otherwise the whole schedule.
    """
    return load_for_products(name_or_path, [product])


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
    from tariffcalc.io._guard import is_stdin

    if is_stdin(name_or_path):  # ``-``: one data file from standard input
        from tariffcalc.io.datafiles import read_schedule

        return read_schedule("-")
    if isinstance(name_or_path, str | Path):
        from tariffcalc.io._guard import path_problem

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


def _last_revision(schedule: str) -> tuple[str, date] | None:
    """The last HTS revision the Chapter 99 ledger says the data of *schedule* has read (an answer past the horizon)."""
    from tariffcalc.us.ledger import last_revision

    read = last_revision(schedule)
    return None if read is None else (read.id, read.effective)


# The engine imports no dataset: the datasets tell it what it needs of them, once, when imported.
_packing.register(built_schedules, load_schedule)  # how a schedule pickles (by name when packaged)
read_revisions_with(_last_revision)  # what an answer past the horizon says of the HTS revisions read
