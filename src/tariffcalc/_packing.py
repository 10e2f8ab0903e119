"""
A compact pickle of a schedule's parts: the measures as columns, so that a
schedule of 64,000 measures crosses a process boundary in about 2 MB.

Values that many measures share (a rate, an origin scope, a period, an
instrument, a text) are one object each, which pickle writes once; the
measures, their product scopes, product codes and citations are written as
columns and rebuilt without running their validators again (they were
checked when first built), and the whole is compressed. What is written
carries its sha256: a damaged payload is refused with a
:class:`~tariffcalc.errors.ScheduleError` before anything in it is
unpickled, and one whose columns do not have the shape and types written
is refused too. A schedule is packed once; a process unpacks the same
payload once (a worker sent the same schedule task after task gets the one
it has).

The pickling policy of a :class:`~tariffcalc.schedule.Schedule`:
:mod:`tariffcalc.datasets` registers it when imported (:func:`register`),
so that the schedule module imports neither this module nor the datasets.
Not an archive format (it changes with the library: store data files, not
pickles).

>>> from datetime import date
>>> from tariffcalc import *
>>> from tariffcalc.rates import AdValorem
>>> act = Instrument("HTS 2025", "Harmonized Tariff Schedule", known_on=date(2025, 1, 1))
>>> mfn = Measure("mfn.8703.23.01", "Passenger cars", MeasureKind.BASE, AdValorem("2.5"),
...               ProductScope.parse("8703.23.01"), OriginScope.parse("all"),
...               Period(date(2025, 1, 1)), Citation(act, heading="8703.23.01"))
>>> schedule = Schedule("example", [mfn])
>>> unpack(pack(schedule)) == schedule
True
>>> unpack(pack(schedule)[:-1])
Traceback (most recent call last):
...
tariffcalc.errors.ScheduleError: the pickled schedule is damaged (1 problem(s)):
  - its content does not match the sha256 it carries: it was truncated or changed in transit; pickle the schedule again
"""

from __future__ import annotations

import copyreg
import hashlib
import pickle
import re
import weakref
import zlib
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from itertools import chain, islice, repeat
from operator import attrgetter
from typing import Any, TypeVar

import attrs

from tariffcalc import _caches
from tariffcalc._collector import paused
from tariffcalc.amendments import Amendment
from tariffcalc.citations import Citation, Confidence, Instrument
from tariffcalc.codes import ProductCode
from tariffcalc.countries import CountryGroup, OriginScope
from tariffcalc.errors import ScheduleError
from tariffcalc.legal import LegalStatus
from tariffcalc.measures import Basis, Condition, Measure, MeasureKind, Preference, ProductScope, Suspension, WholeValue
from tariffcalc.periods import Period
from tariffcalc.programmes import Programme
from tariffcalc.rates import Rate
from tariffcalc.rules import StackingRule
from tariffcalc.schedule import Schedule
from tariffcalc.vocabulary import Vocabulary

__all__ = ["pack", "pack_measures", "packaged_schedule", "reduce_schedule", "register", "unpack", "unpack_measures"]

#: The packaged schedules this process has built (by name) and how to load one by name, as
#: :func:`register` was told by :mod:`tariffcalc.datasets`; empty before (no schedule is packaged then).
_PACKAGED: list[tuple[Callable[[], Mapping[str, Schedule]], Callable[[str], Schedule]]] = []


def register(built: Callable[[], Mapping[str, Schedule]], load: Callable[[str], Schedule]) -> None:
    """
    Pickle every :class:`~tariffcalc.schedule.Schedule` by
    :func:`reduce_schedule` (through :mod:`copyreg`, which :mod:`pickle`,
    :mod:`copy` and :mod:`multiprocessing` read), with *built* (the packaged
    schedules of this process, by name) and *load* (a packaged schedule by
    name): :mod:`tariffcalc.datasets` calls it when imported.
    """
    _PACKAGED[:] = [(built, load)]
    copyreg.pickle(Schedule, reduce_schedule)


def reduce_schedule(schedule: Schedule) -> tuple[Any, ...]:
    """
    Pickle compactly: a packaged schedule by its name and fingerprint (the
    receiving process loads it, and refuses one whose content differs);
    one derived from a packaged schedule of this process as that one's
    name and fingerprint and the measures that differ; any other by its
    parts, each shared value written once, compressed and checksummed (see
    the module); a schedule this layout does not write, by its parts
    (:meth:`Schedule.__reduce__ <tariffcalc.schedule.Schedule.__reduce__>`).
    Never the index, which is rebuilt when first used; nothing is checked
    again that was checked when it was built.
    """
    packaged = _caches.recall(schedule, _caches.PACKAGED)
    if packaged is not None:
        return (packaged_schedule, (packaged, schedule.fingerprint))
    packed = pack(schedule)  # the measures as columns of shared values
    if packed is not None:
        return (unpack, (packed,))
    return schedule.__reduce__()


def packaged_schedule(name: str, fingerprint: str) -> Schedule:
    """The packaged schedule *name* of this process, which must have *fingerprint* (unpickling)."""
    if not _PACKAGED:
        raise ScheduleError(
            f"the packaged schedule {name!r} cannot be loaded in this process",
            ["import tariffcalc (which registers its packaged schedules) before unpickling"],
        )
    schedule = _PACKAGED[0][1](name)
    if schedule.fingerprint != fingerprint:
        raise ScheduleError(
            f"the packaged schedule {name!r} of this process is not the one pickled",
            [f"pickled fingerprint {fingerprint}, here {schedule.fingerprint}: install the same tariffcalc and data"],
        )
    return schedule


#: The first bytes of a payload; a new layout gets a new tag.
MAGIC = b"tariffcalc-packed-schedule/1\n"
_DIGEST = 32

_T = TypeVar("_T")

# Every measure id and product code is one line of a joined text (neither may hold a line break),
# checked by one regular expression rather than one call per value.
_IDS = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:/+-]*(?:\n[A-Za-z0-9][A-Za-z0-9_.:/+-]*)*")
_DIGITS = re.compile(r"(?:\d\d){1,5}(?:\n(?:\d\d){1,5})*")


#: A product scope's included and excluded codes.
_code_lists = attrgetter("include", "exclude")


def _table(values: Sequence[_T], key: Callable[[_T], Hashable] | None = id) -> tuple[list[_T], list[int]]:
    """
    The distinct *values* (by *key*: identity by default, equality when
    None) and the position of each value in them. Identity never merges
    values that are equal but written differently (``Decimal('2.5')`` and
    ``Decimal('2.50')``); equality is only for exact values such as text.
    """
    keys: Sequence[Hashable] = values if key is None else list(map(key, values))
    first = dict(zip(keys, values, strict=True))
    position = dict(zip(first, range(len(first)), strict=False))
    return list(first.values()), list(map(position.__getitem__, keys))


def _column(table: Sequence[_T], positions: Iterable[int]) -> list[_T]:
    return list(map(table.__getitem__, positions))


def _fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in attrs.fields(cls))


def _build(cls: type[_T], columns: dict[str, list[Any]], n: int) -> list[_T]:
    """
    *n* instances of the slotted attrs class *cls* with their fields set from
    *columns*, without running its converters and validators: each slot is
    set through its descriptor, a column at a time, in C loops.
    """
    names = _fields(cls)
    if set(columns) != set(names):
        raise ValueError(f"{cls.__name__} columns {sorted(columns)} are not its fields {sorted(names)}")
    objects: list[_T] = list(map(object.__new__, repeat(cls, n)))
    for name in names:
        values = columns[name]
        if len(values) != n:
            raise ValueError(f"{cls.__name__}.{name} has {len(values)} values for {n} objects")
        deque(map(cls.__dict__[name].__set__, objects, values), maxlen=0)
    # The other slots (attrs' cached hash) start empty, as attrs' own unpickling leaves them.
    for slot in getattr(cls, "__slots__", ()):
        if slot not in names and slot != "__weakref__":
            deque(map(cls.__dict__[slot].__set__, objects, repeat(None)), maxlen=0)
    return objects


def _check_table(what: str, table: Sequence[Any], kind: type | tuple[type, ...]) -> None:
    wrong = next((v for v in table if not isinstance(v, kind)), _check_table)
    if wrong is not _check_table:
        raise ValueError(f"{what} holds a {type(wrong).__name__}")


def _check_members(what: str, table: Sequence[Iterable[Any]], kind: type) -> None:
    for value in table:
        _check_table(what, list(value), kind)


# --- product codes and scopes ------------------------------------------------------


def _pack_scopes(scopes: list[ProductScope]) -> tuple[Any, ...]:
    includes = list(map(attrgetter("include"), scopes))
    excludes = list(map(attrgetter("exclude"), scopes))
    include = list(map(attrgetter("digits"), chain.from_iterable(includes)))
    exclude = list(map(attrgetter("digits"), chain.from_iterable(excludes)))
    codes = list(dict.fromkeys(chain(include, exclude)))  # each code once, by its digits
    position = dict(zip(codes, range(len(codes)), strict=True))
    include_sizes = list(map(len, includes))
    exclude_sizes = list(map(len, excludes))
    return (
        "\n".join(codes),
        list(map(position.__getitem__, include)),
        include_sizes,
        list(map(position.__getitem__, exclude)),
        exclude_sizes,
        bytes(map(attrgetter("everything"), scopes)),
    )


def _split(flat: list[ProductCode], sizes: Iterable[int]) -> list[tuple[ProductCode, ...]]:
    it = iter(flat)
    out = [tuple(islice(it, n)) for n in sizes]
    if next(it, None) is not None:
        raise ValueError("product scopes name more codes than their sizes say")
    return out


def _unpack_scopes(packed: tuple[Any, ...]) -> list[ProductScope]:
    digits, include, include_sizes, exclude, exclude_sizes, everything = packed
    if not isinstance(digits, str) or not isinstance(everything, bytes):
        raise ValueError("product codes are not text")
    if digits and not _DIGITS.fullmatch(digits):
        raise ValueError("a product code is not 2 to 10 digits")
    texts = digits.split("\n") if digits else []
    codes = _build(ProductCode, {"digits": texts}, len(texts))
    n = len(everything)
    if not set(everything) <= {0, 1}:
        raise ValueError("a product scope's 'everything' is not a flag")
    columns: dict[str, list[Any]] = {
        "include": _split(_column(codes, include), include_sizes),
        "exclude": _split(_column(codes, exclude), exclude_sizes),
        "everything": list(map(bool, everything)),
    }
    return _build(ProductScope, columns, n)


# --- citations -----------------------------------------------------------------------

_CITATION_TEXTS = ("heading", "source", "note", "heading_when_met")


def _pack_citations(citations: list[Citation]) -> dict[str, Any]:
    # Instruments and confidence marks are shared objects (pickle writes each once); texts are made
    # one object per distinct text, so that pickle writes each once too.
    packed: dict[str, Any] = {
        "instrument": list(map(attrgetter("instrument"), citations)),
        "confidence": list(map(attrgetter("confidence"), citations)),
    }
    for name in _CITATION_TEXTS:
        packed[name] = _table(list(map(attrgetter(name), citations)), key=None)
    return packed


def _unpack_citations(packed: dict[str, Any]) -> list[Citation]:
    _check_column("the instruments", packed["instrument"], Instrument)
    _check_column("the confidence marks", packed["confidence"], (Confidence, type(None)))
    columns = {"instrument": packed["instrument"], "confidence": packed["confidence"]}
    for name in _CITATION_TEXTS:
        _check_table(f"the citations' {name}", packed[name][0], (str, type(None)) if name != "note" else str)
        columns[name] = _column(*packed[name])
    return _build(Citation, columns, len(columns["heading"]))


# --- measures ------------------------------------------------------------------------

#: The measure fields written as lists of (shared) values, with what each value must be.
_MEASURE_TABLES: dict[str, type | tuple[type, ...]] = {
    "kind": MeasureKind,
    "rate": Rate,
    "origins": OriginScope,
    "validity": Period,
    "basis": Basis,
    "conditions": tuple,
    "tags": frozenset,
    "preferences": tuple,
    "amendments": tuple,
}


def pack_measures(measures: list[Measure]) -> dict[str, Any]:
    """*measures* (exactly of the classes :func:`pack` checks for) as columns of shared values."""
    names = _fields(Measure)
    # One pass over the measures (each read once while it is in the cache), then columns.
    rows = list(map(attrgetter(*names), measures))
    columns = {
        name: list(column)
        for name, column in zip(names, zip(*rows, strict=True) if rows else [()] * len(names), strict=True)
    }
    # A value many measures share (a rate, an origin scope, a title) is one object: pickle
    # writes it once and refers to it after. A measure's default basis is a new WholeValue
    # each time; having no fields, all are equal: one stands for them.
    whole = WholeValue()
    columns["basis"] = [whole if type(b) is WholeValue else b for b in columns["basis"]]
    packed: dict[str, Any] = {name: columns[name] for name in ("title", *_MEASURE_TABLES)}
    packed["id"] = "\n".join(columns["id"])
    scopes, positions = _table(columns["products"])
    packed["products"] = (_pack_scopes(scopes), positions)
    citations, positions = _table(columns["citation"])
    packed["citation"] = (_pack_citations(citations), positions)
    return packed


def _check_column(what: str, column: list[Any], kind: type | tuple[type, ...]) -> None:
    """Every value of *column* is a *kind* (checked per type, not per value)."""
    if not isinstance(column, list):
        raise TypeError(f"{what} are not a list")
    wrong = [t.__name__ for t in set(map(type, column)) if not issubclass(t, kind)]
    if wrong:
        raise TypeError(f"{what} hold values of type {', '.join(sorted(wrong))}")


def _distinct(column: list[_T]) -> list[_T]:
    return list(dict(zip(map(id, column), column, strict=True)).values())


def unpack_measures(packed: dict[str, Any]) -> list[Measure]:
    """
    The measures *packed* holds, rebuilt without their validators; raises
    ValueError, TypeError, LookupError or AttributeError for a layout that
    is not the one written.
    """
    ids = packed["id"]
    if not isinstance(ids, str) or (ids and not _IDS.fullmatch(ids)):
        raise ValueError("a measure id is not letters, digits and . _ : / + -")
    columns: dict[str, list[Any]] = {"id": ids.split("\n") if ids else []}
    _check_column("the titles", packed["title"], str)
    columns["title"] = packed["title"]
    for name, kind in _MEASURE_TABLES.items():
        _check_column(f"the measures' {name}", packed[name], kind)
        columns[name] = packed[name]
    _check_members("the conditions", _distinct(columns["conditions"]), Condition)
    _check_members("the tags", _distinct(columns["tags"]), str)
    _check_members("the preferences", _distinct(columns["preferences"]), Preference)
    _check_members("the amendments", _distinct(columns["amendments"]), Amendment)
    scopes, positions = packed["products"]
    columns["products"] = _column(_unpack_scopes(scopes), positions)
    citations, positions = packed["citation"]
    columns["citation"] = _column(_unpack_citations(citations), positions)
    return _build(Measure, columns, len(columns["id"]))


# --- the schedule --------------------------------------------------------------------


def pack(schedule: Schedule) -> bytes | None:
    """
    The schedule's parts as a compact payload (see the module), or None when
    a measure, product scope, code or citation is of a subclass this layout
    does not write (the caller pickles the parts as they are). Packed once
    per schedule (and fingerprint): pickling it again costs nothing.
    """
    fingerprint = _caches.recall(schedule, _caches.FINGERPRINT)
    kept = _caches.recall(schedule, _caches.PACKED)
    if kept is not None and kept[0] == fingerprint:
        packed: bytes = kept[1]
        return packed
    measures = list(schedule.measures)
    scopes = list(map(attrgetter("products"), measures))
    citations = list(map(attrgetter("citation"), measures))
    if (
        not set(map(type, measures)) <= {Measure}
        or not set(map(type, scopes)) <= {ProductScope}
        or not set(map(type, citations)) <= {Citation}
        or not set(map(type, chain.from_iterable(chain.from_iterable(map(_code_lists, scopes))))) <= {ProductCode}
    ):
        return None
    with paused():  # hundreds of thousands of short-lived references: nothing to collect
        payload = (
            schedule.name,
            schedule.horizon,
            fingerprint,
            schedule.legal,
            tuple(schedule.rules),
            tuple(schedule.suspensions),
            tuple(schedule.groups),
            tuple(schedule.programmes),
            _pack_delta(measures) or pack_measures(measures),
            # A cached one-chapter view's words are the whole schedule's: kept (None: computed again).
            _caches.recall(schedule, _caches.STORED_VOCABULARY),
        )
        # Ids, titles, notes and headings repeat their words: the fastest compression halves them.
        body = zlib.compress(pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL), 1)
    blob = MAGIC + hashlib.sha256(body).digest() + body
    _caches.remember(schedule, _caches.PACKED, (fingerprint, blob))  # immutable: the same bytes next time
    return blob


def _pack_delta(measures: list[Measure]) -> dict[str, Any] | None:
    """
    For measures most of which are those of a packaged schedule loaded in
    this process (a scenario of it, a schedule combined from it): that
    schedule's name and fingerprint, the ids of its measures left out, and
    the other measures packed. None otherwise.
    """
    built = _PACKAGED[0][0]() if _PACKAGED else {}
    for name, base in sorted(built.items()):
        by_id = _caches.recall(base, _caches.MEASURES_BY_ID)
        if by_id is None:  # kept: the packaged schedule never changes
            by_id = {m.id: m for m in base.measures}
            _caches.remember(base, _caches.MEASURES_BY_ID, by_id)
        shared = {m.id for m in measures if by_id.get(m.id) is m}
        if len(shared) * 2 > len(measures):
            return {
                "packaged": (name, base.fingerprint, sorted(by_id.keys() - shared)),
                "others": pack_measures([m for m in measures if m.id not in shared]),
            }
    return None


def _unpack_delta(packed: dict[str, Any]) -> list[Measure]:
    """The measures :func:`_pack_delta` wrote, from the packaged schedule of this process (same fingerprint)."""
    name, fingerprint, left_out = packed["packaged"]
    if not isinstance(name, str) or not isinstance(fingerprint, str) or not isinstance(left_out, list):
        raise TypeError("the packaged schedule is not named by its name and fingerprint")
    base = packaged_schedule(name, fingerprint)  # refuses one whose content differs
    gone = set(left_out)
    return [m for m in base.measures if m.id not in gone] + unpack_measures(packed["others"])


#: The schedules unpacked in this process, by the sha256 of their payload: a worker that is
#: sent the same schedule again (task after task) gets the one it has, without unpacking it.
_UNPACKED: weakref.WeakValueDictionary[bytes, Schedule] = weakref.WeakValueDictionary()


def unpack(blob: bytes) -> Schedule:
    """
    The schedule *blob* was packed from: equal to it, with its fingerprint
    (when it had been computed) and not checked again. Raises
    :class:`~tariffcalc.errors.ScheduleError` for a payload that is not
    one, is damaged, or does not have the layout written.
    """
    from tariffcalc.schedule import restore  # a function of the schedule's own pickling, by parts

    if not isinstance(blob, bytes) or not blob.startswith(MAGIC):
        raise ScheduleError(
            "the pickled schedule is not a packed schedule of this version of tariffcalc",
            [f"it should start with {MAGIC!r}: pickle it again with the tariffcalc the workers have"],
        )
    view = memoryview(blob)
    digest, body = blob[len(MAGIC) : len(MAGIC) + _DIGEST], view[len(MAGIC) + _DIGEST :]
    if hashlib.sha256(body).digest() != digest:
        raise ScheduleError(
            "the pickled schedule is damaged",
            [
                "its content does not match the sha256 it carries: it was truncated or changed in transit; "
                "pickle the schedule again"
            ],
        )
    found = _UNPACKED.get(digest)
    if found is not None:
        return found
    with paused():  # hundreds of thousands of new objects, none of them garbage
        try:
            payload = pickle.loads(zlib.decompress(body))  # verified above: written by pack, unchanged
            name, horizon, fingerprint, legal, rules, suspensions, groups, programmes, measures, words = payload
            _check_layout(name, horizon, fingerprint, legal, rules, suspensions, groups, programmes)
            if words is not None and not isinstance(words, Vocabulary):
                raise TypeError(f"the vocabulary is a {type(words).__name__}")
            built = _unpack_delta(measures) if "packaged" in measures else unpack_measures(measures)
            if len({m.id for m in built}) != len(built):
                raise ValueError("two measures have the same id")
            schedule = restore(
                name, built, rules, suspensions, groups, horizon, fingerprint, programmes, legal, vocabulary=words
            )
        except (
            ValueError,
            TypeError,
            KeyError,
            IndexError,
            AttributeError,
            EOFError,
            pickle.UnpicklingError,
            zlib.error,
        ) as e:
            raise ScheduleError(
                "the pickled schedule does not have the layout tariffcalc writes",
                [f"{type(e).__name__}: {e}; pickle the schedule again with the tariffcalc the workers have"],
            ) from None
    _caches.remember(schedule, _caches.PACKED, (fingerprint, blob))  # pickled again (to another worker): the same bytes
    _UNPACKED[digest] = schedule
    return schedule


def _check_layout(
    name: object,
    horizon: object,
    fingerprint: object,
    legal: object,
    rules: Sequence[object],
    suspensions: Sequence[object],
    groups: Sequence[object],
    programmes: Sequence[object],
) -> None:
    if not isinstance(name, str):
        raise TypeError(f"the name is a {type(name).__name__}")
    if horizon is not None and not isinstance(horizon, Period):
        raise TypeError(f"the horizon is a {type(horizon).__name__}")
    if fingerprint is not None and not (isinstance(fingerprint, str) and re.fullmatch(r"[0-9a-f]{64}", fingerprint)):
        raise ValueError("the fingerprint is not a sha256")
    if legal is not None and not isinstance(legal, LegalStatus):
        raise TypeError(f"the legal status is a {type(legal).__name__}")
    _check_table("the rules", rules, StackingRule)
    _check_table("the suspensions", suspensions, Suspension)
    _check_table("the groups", groups, CountryGroup)
    _check_table("the programmes", programmes, Programme)
