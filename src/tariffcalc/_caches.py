"""
The caches a schedule carries beside its content: values computed from it
once and kept with it (never part of its equality, hash or fingerprint).
Each has a typed :class:`Key` declared here, and this module is the one
that reads and writes them: a schedule's cache is never set from outside.
The resolver's index of a restored schedule is one too: a
:class:`LazyIndex` until it is first used (:func:`start` gives a schedule
its index and its empty caches).

>>> from tariffcalc import Schedule
>>> s = Schedule("example")
>>> recall(s, PACKAGED) is None
True
>>> remember(s, PACKAGED, "example")
>>> recall(s, PACKAGED), cached(s, PACKAGED, lambda: "never built")
('example', 'example')
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs

from tariffcalc._collector import paused

if TYPE_CHECKING:
    from tariffcalc._lines import ProductLines
    from tariffcalc._resolver import Index
    from tariffcalc.measures import Measure
    from tariffcalc.periods import Period
    from tariffcalc.schedule import Schedule
    from tariffcalc.vocabulary import Vocabulary

__all__ = [
    "FINGERPRINT",
    "LATER_WINDOWS",
    "LINES",
    "MEASURES_BY_ID",
    "PACKAGED",
    "PACKED",
    "STORED_VOCABULARY",
    "VOCABULARY",
    "Key",
    "LazyIndex",
    "cached",
    "recall",
    "remember",
    "start",
]

_T = TypeVar("_T")


@attrs.frozen
class Key(Generic[_T]):
    """The name of one cache of a schedule; its type parameter is the type of what it keeps."""

    name: str


#: The sha256 of the content (:func:`tariffcalc._fingerprint.fingerprint`).
FINGERPRINT: Key[str] = Key("fingerprint")
#: The words the schedule knows (:attr:`tariffcalc.Schedule.vocabulary`).
VOCABULARY: Key[Vocabulary] = Key("vocabulary")
#: The vocabulary of the whole schedule a one-chapter cached view was read with (kept when pickled).
STORED_VOCABULARY: Key[Vocabulary] = Key("stored vocabulary")
#: The product lines of its base measures (:meth:`tariffcalc.Schedule.check_product`).
LINES: Key[ProductLines] = Key("lines")
#: The name of the packaged schedule it is (pickled by name and fingerprint).
PACKAGED: Key[str] = Key("packaged")
#: The fingerprint it was packed under and the packed bytes (pickled again: the same bytes).
PACKED: Key[tuple[str | None, bytes]] = Key("packed")
#: Its measures by id (kept for a packaged schedule, which never changes).
MEASURES_BY_ID: Key[dict[str, Measure]] = Key("measures by id")
#: The entry days whose law an act known later changes, with the day it became known (refunds).
LATER_WINDOWS: Key[tuple[tuple[Period, date], ...]] = Key("refund-windows")


def _memo(schedule: Schedule) -> dict[str, Any]:
    memo: dict[str, Any] = schedule._memo
    return memo


def recall(schedule: Schedule, key: Key[_T]) -> _T | None:
    """What *schedule* keeps under *key*, or ``None``."""
    found: _T | None = _memo(schedule).get(key.name)
    return found


def remember(schedule: Schedule, key: Key[_T], value: _T) -> None:
    """Keep *value* under *key* with *schedule* (computed from its content, so never wrong for it)."""
    _memo(schedule)[key.name] = value


def cached(schedule: Schedule, key: Key[_T], build: Callable[[], _T]) -> _T:
    """What *schedule* keeps under *key*, built (and kept) first if it keeps nothing there."""
    memo = _memo(schedule)
    if key.name not in memo:
        memo[key.name] = build()
    found: _T = memo[key.name]
    return found


def start(
    schedule: Schedule,
    index: Index | LazyIndex,
    fingerprint: str | None = None,
    vocabulary: Vocabulary | None = None,
) -> None:
    """
    Give a new *schedule* its resolver *index* and empty caches (but for the
    *fingerprint* it was checked under, when it is restored from one, and
    the *vocabulary* it was stored with: a cached one-chapter view keeps the
    whole schedule's words, pickled or not).
    """
    object.__setattr__(schedule, "_index", index)
    object.__setattr__(schedule, "_memo", {} if fingerprint is None else {FINGERPRINT.name: fingerprint})
    if vocabulary is not None:
        remember(schedule, VOCABULARY, vocabulary)
        remember(schedule, STORED_VOCABULARY, vocabulary)


class LazyIndex:
    """
    A restored schedule's index until it is first used: then built (a worker
    that unpickles a schedule it never resolves with does not pay for it)
    and put in its place.
    """

    __slots__ = ("_build", "_lock", "_schedule")

    def __init__(self, schedule: Schedule, build: Callable[[], Index]) -> None:
        self._schedule = schedule
        self._build = build
        self._lock = threading.Lock()  # threads that resolve at once build it once

    def __getattr__(self, name: str) -> Any:
        schedule = self._schedule
        index: object = schedule._index
        if index is self:
            with self._lock:
                if schedule._index is self:  # type: ignore[comparison-overlap]  # it stands for the Index
                    with paused():  # 64,000 measures indexed: nothing of it is garbage
                        object.__setattr__(schedule, "_index", self._build())
            index = schedule._index
        return getattr(index, name)
