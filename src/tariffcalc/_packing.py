"""
A compact pickle of a schedule's parts: the measures as columns of small
tables, so that a schedule of 64,000 measures crosses a process boundary
in a few megabytes and a fraction of a second.

Values that many measures share (a rate, an origin scope, a period, an
instrument) are written once; the measures, their product scopes, product
codes and citations are written as columns and rebuilt without running
their validators again (they were checked when first built). What is
written carries its sha256: a damaged payload is refused with a
:class:`~tariffcalc.errors.ScheduleError` before anything in it is
unpickled, and one whose columns do not have the shape and types written
is refused too.

Used by :meth:`tariffcalc.Schedule.__reduce__`; not an archive format (it
changes with the library: store data files, not pickles).

>>> from datetime import date
>>> from tariffcalc import *
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

import gc
import hashlib
import pickle
import re
import zlib
from array import array
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Sequence
from itertools import islice, repeat
from operator import attrgetter
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

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

if TYPE_CHECKING:
    from tariffcalc.schedule import Schedule

__all__ = ["pack", "pack_measures", "unpack", "unpack_measures"]

#: The first bytes of a payload; a new layout gets a new tag.
MAGIC = b"tariffcalc-packed-schedule/1\n"
_DIGEST = 32

_T = TypeVar("_T")

# Every measure id and product code is one line of a joined text (neither may hold a line break),
# checked by one regular expression rather than one call per value.
_IDS = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:/+-]*(?:\n[A-Za-z0-9][A-Za-z0-9_.:/+-]*)*")
_DIGITS = re.compile(r"(?:\d\d){1,5}(?:\n(?:\d\d){1,5})*")


def _indices(positions: Iterable[int], size: int) -> array[int]:
    """Table positions in the narrowest array that holds them (written as raw bytes)."""
    return array("B" if size <= 0x100 else "H" if size <= 0x10000 else "I", positions)


def _table(values: Sequence[_T], key: Callable[[_T], Hashable] | None = id) -> tuple[list[_T], array[int]]:
    """
    The distinct *values* (by *key*: identity by default, equality when
    None) and the position of each value in them. Identity never merges
    values that are equal but written differently (``Decimal('2.5')`` and
    ``Decimal('2.50')``); equality is only for exact values such as text.
    """
    keys: Sequence[Hashable] = values if key is None else list(map(key, values))
    first = dict(zip(keys, values, strict=True))
    position = dict(zip(first, range(len(first)), strict=False))
    return list(first.values()), _indices(map(position.__getitem__, keys), len(first))


def _column(table: Sequence[_T], positions: Iterable[int]) -> list[_T]:
    return list(map(table.__getitem__, positions))


def _basis_key(basis: Basis) -> Hashable:
    # A measure's default basis is a new WholeValue each time; having no fields, all are equal.
    return WholeValue if type(basis) is WholeValue else id(basis)


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
    codes: dict[str, ProductCode] = {}
    include, exclude = [], []
    include_sizes, exclude_sizes = [], []
    for scope in scopes:
        include_sizes.append(len(scope.include))
        exclude_sizes.append(len(scope.exclude))
        for code in scope.include:
            include.append(codes.setdefault(code.digits, code))
        for code in scope.exclude:
            exclude.append(codes.setdefault(code.digits, code))
    position = dict(zip(codes, range(len(codes)), strict=False))
    return (
        "\n".join(codes),
        _indices((position[c.digits] for c in include), len(codes)),
        array("B", include_sizes) if max(include_sizes, default=0) < 0x100 else array("I", include_sizes),
        _indices((position[c.digits] for c in exclude), len(codes)),
        array("B", exclude_sizes) if max(exclude_sizes, default=0) < 0x100 else array("I", exclude_sizes),
        bytes(scope.everything for scope in scopes),
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
    packed: dict[str, Any] = {
        "instrument": _table(list(map(attrgetter("instrument"), citations))),
        "confidence": _table(list(map(attrgetter("confidence"), citations)), key=None),
    }
    for name in _CITATION_TEXTS:
        packed[name] = _table(list(map(attrgetter(name), citations)), key=None)
    return packed


def _unpack_citations(packed: dict[str, Any]) -> list[Citation]:
    instruments, _ = packed["instrument"]
    _check_table("the instruments", instruments, Instrument)
    _check_table("the confidence marks", packed["confidence"][0], (Confidence, type(None)))
    for name in _CITATION_TEXTS:
        _check_table(f"the citations' {name}", packed[name][0], (str, type(None)) if name != "note" else str)
    columns = {name: _column(*packed[name]) for name in _fields(Citation)}
    return _build(Citation, columns, len(columns["heading"]))


# --- measures ------------------------------------------------------------------------

#: The measure fields written as tables of values, with what each table must hold.
_MEASURE_TABLES: dict[str, type | tuple[type, ...]] = {
    "kind": MeasureKind,
    "rate": Rate,
    "origins": OriginScope,
    "validity": Period,
    "basis": Basis,
    "conditions": tuple,
    "tags": frozenset,
    "preferences": tuple,
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
    packed: dict[str, Any] = {
        "id": "\n".join(columns["id"]),
        "title": _table(columns["title"], key=None),
    }
    for name in _MEASURE_TABLES:
        packed[name] = _table(columns[name], key=_basis_key if name == "basis" else id)
    scopes, positions = _table(columns["products"])
    packed["products"] = (_pack_scopes(scopes), positions)
    citations, positions = _table(columns["citation"])
    packed["citation"] = (_pack_citations(citations), positions)
    return packed


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
    titles, positions = packed["title"]
    _check_table("the titles", titles, str)
    columns["title"] = _column(titles, positions)
    for name, kind in _MEASURE_TABLES.items():
        table, positions = packed[name]
        _check_table(f"the measures' {name}", table, kind)
        columns[name] = _column(table, positions)
    _check_members("the conditions", packed["conditions"][0], Condition)
    _check_members("the tags", packed["tags"][0], str)
    _check_members("the preferences", packed["preferences"][0], Preference)
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
    does not write (the caller pickles the parts as they are).
    """
    measures = list(schedule.measures)
    scopes = list(map(attrgetter("products"), measures))
    citations = list(map(attrgetter("citation"), measures))
    if (
        not set(map(type, measures)) <= {Measure}
        or not set(map(type, scopes)) <= {ProductScope}
        or not set(map(type, citations)) <= {Citation}
        or not {type(c) for s in {id(s): s for s in scopes}.values() for c in (*s.include, *s.exclude)} <= {ProductCode}
    ):
        return None
    collecting = gc.isenabled()
    gc.disable()  # hundreds of thousands of short-lived references: nothing to collect
    try:
        payload = (
            schedule.name,
            schedule.horizon,
            schedule._memo.get("fingerprint"),
            schedule.legal,
            tuple(schedule.rules),
            tuple(schedule.suspensions),
            tuple(schedule.groups),
            tuple(schedule.programmes),
            pack_measures(measures),
        )
        # Ids, titles, notes and headings repeat their words: the fastest compression halves them.
        body = zlib.compress(pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL), 1)
    finally:
        if collecting:
            gc.enable()
    return MAGIC + hashlib.sha256(body).digest() + body


def unpack(blob: bytes) -> Schedule:
    """
    The schedule *blob* was packed from: equal to it, with its fingerprint
    (when it had been computed) and not checked again. Raises
    :class:`~tariffcalc.errors.ScheduleError` for a payload that is not
    one, is damaged, or does not have the layout written.
    """
    from tariffcalc.schedule import _restore

    view = memoryview(blob)
    if not isinstance(blob, bytes) or view[: len(MAGIC)] != MAGIC:
        raise ScheduleError(
            "the pickled schedule is not a packed schedule of this version of tariffcalc",
            [f"it should start with {MAGIC!r}: pickle it again with the tariffcalc the workers have"],
        )
    digest, body = view[len(MAGIC) : len(MAGIC) + _DIGEST], view[len(MAGIC) + _DIGEST :]
    if hashlib.sha256(body).digest() != digest:
        raise ScheduleError(
            "the pickled schedule is damaged",
            [
                "its content does not match the sha256 it carries: it was truncated or changed in transit; "
                "pickle the schedule again"
            ],
        )
    collecting = gc.isenabled()
    gc.disable()  # hundreds of thousands of new objects, none of them garbage
    try:
        payload = pickle.loads(zlib.decompress(body))  # verified above: written by pack, unchanged
        name, horizon, fingerprint, legal, rules, suspensions, groups, programmes, measures = payload
        _check_layout(name, horizon, fingerprint, legal, rules, suspensions, groups, programmes)
        built = unpack_measures(measures)
        if len({m.id for m in built}) != len(built):
            raise ValueError("two measures have the same id")
        return _restore(name, built, rules, suspensions, groups, horizon, fingerprint, programmes, legal)
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
    finally:
        if collecting:
            gc.enable()


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
