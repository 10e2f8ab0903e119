"""
The TOML data-file format: measures, suspensions, stacking rules, country
groups and the instruments they cite, one file per instrument or measure
family, read with the standard library and checked on load with *every*
problem reported at once.

A file holds any of these tables (all optional)::

    [schedule]                       # at most once per file or directory
    name = "us-2025"
    horizon = "2025-01-01/2026-06-28"  # the days the sources confirm (optional)

    [instruments."EO 14257"]         # cited by id from any file of the directory
    title = "Regulating Imports With a Reciprocal Tariff ..."
    known_on = 2025-04-02            # signed or published
    applies_from = 2025-04-05        # first day it governs (earlier: retroactive)
    published = "90 FR 15041"
    url = "https://www.govinfo.gov/..."

    [[groups]]
    id = "EU"
    name = "European Union"
    members = [{ country = "AT", period = "1995-01-01/" }]

    [[measures]]
    id = "us.ieepa.reciprocal.baseline"
    title = "Reciprocal tariff, baseline"
    kind = "additional"              # or "base"
    rate = "10%"                     # the canonical rate text (tariffcalc.Rate.parse)
    products = "all -8471"           # and/or products_file = "lists/x.txt"
    origins = "all -CA -MX -@column2"
    validity = "2025-04-05/2026-02-24"
    basis = "value-less:us>=20%"     # value | content:steel | value-less:us>=20%
    tags = ["reciprocal"]
    [measures.citation]
    instrument = "EO 14257"
    heading = "9903.01.25"
    source = "https://..."
    confidence = "C2"                # C2 | C1 | U
    note = "why this source was chosen"
    [[measures.conditions]]
    type = "in-transit"              # in-transit | not-if-claimed | only-if-claimed | content-share
    loaded_before = 2025-04-05
    entered_before = 2025-05-27

    [[suspensions]]
    id = "..."
    measures = ["..."]
    period = "2025-04-10/2025-07-09"
    replacement = "10%"              # optional
    [suspensions.citation]
    instrument = "EO 14266"

    [[rules]]
    id = "..."
    when = "s232-auto"
    drops = "reciprocal"
    displaces = "entry"              # or "slice"
    validity = "2025-04-05/"
    [rules.citation]
    instrument = "EO 14257"

    [[authorities]]                  # legal status: see tariffcalc.legal
    id = "ieepa-reciprocal"
    title = "IEEPA reciprocal tariffs"
    law = "IEEPA"                    # the status events of this law apply
    tags = ["reciprocal"]            # to the measures with one of these tags

    [[status]]
    id = "ieepa.scotus"
    law = "IEEPA"
    on = 2026-02-20
    kind = "held-unlawful"           # enjoined | stayed | held-unlawful | collection-ended |
                                     # refund-ordered | refund-suspended | refund-process | appeal-pending
    title = "Supreme Court, Learning Resources v. Trump"
    final = true                     # optional, default false
    plaintiffs_only = false          # optional
    [status.citation]
    instrument = "Learning Resources v. Trump"

A product list file (``products_file``) has one code prefix per line,
``-PREFIX`` for a carve-out, and ``#`` comments.

>>> text = '''
... [instruments."EO 1"]
... title = "An order"
... known_on = 2025-01-01
... [[measures]]
... id = "x"
... title = "X"
... kind = "additional"
... rate = "10%"
... products = "8703"
... origins = "JP"
... validity = "2025-01-01/"
... [measures.citation]
... instrument = "EO 1"
... heading = "9903.01.25"
... '''
>>> data = loads(text)
>>> [m.rate for m in data.measures]
[AdValorem(percent=Decimal('10'))]
>>> loads(dumps(data)) == data
True
>>> loads(text.replace('"10%"', '"ten"').replace('"JP"', '"XX"'))
Traceback (most recent call last):
...
tariffcalc.errors.DataFileError: <string>: cannot load the data file (2 problem(s)):
  - <string>:9 measures[0].rate: cannot read 'ten' in rate 'ten'; ...
  - <string>:11 measures[0].origins: 'XX' is not an ISO 3166-1 alpha-2 country code; ...
"""

from __future__ import annotations

import datetime
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
import cattrs
from cattrs.errors import ForbiddenExtraKeysError
from cattrs.gen import make_dict_structure_fn

from tariffcalc.citations import Citation, Confidence, Instrument
from tariffcalc.codes import ProductCode
from tariffcalc.countries import Country, CountryGroup, Membership, OriginScope
from tariffcalc.errors import DataFileError, InvalidPeriodError, Problem, ScheduleError, TariffError
from tariffcalc.io.limits import MAX_LIST_BYTES, MAX_TOML_BYTES, LimitError, read_bounded, toml_problem
from tariffcalc.legal import Authority, LegalStatus, StatusEvent, StatusKind
from tariffcalc.measures import (
    Basis,
    Condition,
    ContentShare,
    InTransit,
    Measure,
    MeasureKind,
    NotIfClaimed,
    OnlyIfClaimed,
    Preference,
    ProductScope,
    Suspension,
)
from tariffcalc.periods import Period, parse_day
from tariffcalc.rates import Rate
from tariffcalc.rules import Displacement, StackingRule

if TYPE_CHECKING:
    from tariffcalc.schedule import Schedule

__all__ = ["DataSet", "dump", "dumps", "load", "loads", "read", "read_text"]

#: The suffix of data files in a directory.
SUFFIX = ".toml"

_T = TypeVar("_T")
_Doc = TypeVar("_Doc")
_Built = TypeVar("_Built")


# --- the documents as written in TOML ------------------------------------------------------
# Plain shapes that cattrs checks (types, unknown keys, missing keys) with the
# path of every bad field; turning them into core objects comes after.


@attrs.define
class _ScheduleDoc:
    name: str
    description: str = ""
    horizon: str | None = None


@attrs.define
class _InstrumentDoc:
    title: str
    known_on: datetime.date
    applies_from: datetime.date | None = None
    published: str | None = None
    url: str | None = None


@attrs.define
class _CitationDoc:
    instrument: str
    heading: str | None = None
    source: str | None = None
    confidence: str | None = None
    note: str = ""
    heading_when_met: str | None = None


@attrs.define
class _ConditionDoc:
    type: str
    claim: str | None = None
    loaded_before: datetime.date | None = None
    entered_before: datetime.date | None = None
    content: str | None = None
    minimum: str | None = None
    inclusive: bool = True
    citation: _CitationDoc | None = None


@attrs.define
class _PreferenceDoc:
    claim: str
    rate: str


@attrs.define
class _MeasureDoc:
    id: str
    title: str
    kind: str
    rate: str
    origins: str
    validity: str
    citation: _CitationDoc
    products: str | None = None
    products_file: list[str] = attrs.Factory(list)
    basis: str = "value"
    tags: list[str] = attrs.Factory(list)
    conditions: list[_ConditionDoc] = attrs.Factory(list)
    preferences: list[_PreferenceDoc] = attrs.Factory(list)


@attrs.define
class _SuspensionDoc:
    id: str
    measures: list[str]
    period: str
    citation: _CitationDoc
    replacement: str | None = None


@attrs.define
class _RuleDoc:
    id: str
    when: str
    drops: str
    displaces: str
    validity: str
    citation: _CitationDoc


@attrs.define
class _MemberDoc:
    country: str
    period: str


@attrs.define
class _GroupDoc:
    id: str
    name: str
    members: list[_MemberDoc]


@attrs.define
class _AuthorityDoc:
    id: str
    title: str
    law: str
    tags: list[str]


@attrs.define
class _StatusDoc:
    id: str
    law: str
    on: datetime.date
    kind: str
    title: str
    citation: _CitationDoc
    plaintiffs_only: bool = False
    final: bool = False


@attrs.define
class _FileDoc:
    schedule: _ScheduleDoc | None = None
    instruments: dict[str, _InstrumentDoc] = attrs.Factory(dict)
    groups: list[_GroupDoc] = attrs.Factory(list)
    measures: list[_MeasureDoc] = attrs.Factory(list)
    suspensions: list[_SuspensionDoc] = attrs.Factory(list)
    rules: list[_RuleDoc] = attrs.Factory(list)
    authorities: list[_AuthorityDoc] = attrs.Factory(list)
    status: list[_StatusDoc] = attrs.Factory(list)


class _FieldProblemError(TariffError, ValueError):
    """One field's problem, reported with its place by the reader."""


def _strict_bool(value: Any, _type: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {type(value).__name__} {value!r}")
    return value


def _strict_str(value: Any, _type: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text in quotes, got {type(value).__name__} {value!r}")
    return value


def _strict_day(value: Any, _type: Any) -> datetime.date:
    if type(value) is datetime.date:
        return value
    if isinstance(value, str):
        return parse_day(value)
    raise TypeError(f"expected a day such as 2025-04-05 (a TOML date), got {type(value).__name__} {value!r}")


def _one_or_many(value: Any, _type: Any) -> list[str]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        raise TypeError(f"expected a file name or a list of them, got {type(items).__name__} {items!r}")
    return [_strict_str(v, str) for v in items]


def _converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook(str, _strict_str)
    converter.register_structure_hook(datetime.date, _strict_day)
    converter.register_structure_hook(bool, _strict_bool)
    converter.register_structure_hook_func(lambda t: t == list[str], lambda v, t: _list_of_text(v))
    # products_file accepts one name or a list of names.
    base = make_dict_structure_fn(
        _MeasureDoc, converter, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
    )

    def measure(value: Any, type_: Any) -> _MeasureDoc:
        if isinstance(value, dict) and isinstance(value.get("products_file"), str):
            value = {**value, "products_file": [value["products_file"]]}
        return base(value, type_)

    converter.register_structure_hook(_MeasureDoc, measure)
    return converter


def _list_of_text(value: Any) -> list[str]:
    if not isinstance(value, list):
        raise TypeError(f'expected a list of texts such as ["a", "b"], got {type(value).__name__} {value!r}')
    bad = [v for v in value if not isinstance(v, str)]
    if bad:
        raise TypeError(f"expected texts in quotes, got {bad[0]!r}")
    return list(value)


_CONVERTER = _converter()

_VALID_FIELDS: dict[str, tuple[str, ...]] = {
    cls.__name__: tuple(a.name for a in attrs.fields(cls))
    for cls in (
        _ScheduleDoc,
        _InstrumentDoc,
        _CitationDoc,
        _ConditionDoc,
        _PreferenceDoc,
        _MeasureDoc,
        _SuspensionDoc,
        _RuleDoc,
        _MemberDoc,
        _GroupDoc,
        _FileDoc,
    )
}


def _format_cattrs(exc: BaseException, _type: Any) -> str:
    if isinstance(exc, KeyError):
        return "this required field is missing"
    if isinstance(exc, ForbiddenExtraKeysError):
        valid = _VALID_FIELDS.get(getattr(exc.cl, "__name__", ""), ())
        return f"unknown field(s) {', '.join(sorted(exc.extra_fields))}; valid fields are " + ", ".join(valid)
    return str(exc)


# --- where a field is written: line numbers -------------------------------------------

_HEADER = re.compile(r"^\s*(\[\[?)\s*(.+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r'^\s*("(?:[^"\\]|\\.)*"|[A-Za-z0-9_-]+)\s*=')
_PATH_PART = re.compile(r"\.([A-Za-z0-9_-]+)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]")


def _split_key(text: str) -> list[str]:
    parts: list[str] = []
    for m in re.finditer(r'"((?:[^"\\]|\\.)*)"|\'([^\']*)\'|([A-Za-z0-9_-]+)', text):
        parts.append(m[1] if m[1] is not None else m[2] if m[2] is not None else m[3])
    return parts


class _LineIndex:
    """Where each table and key of a TOML text starts (1-based lines)."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.sections: list[tuple[tuple[str | int, ...], int]] = [((), 0)]
        arrays: dict[tuple[str | int, ...], int] = {}
        for number, line in enumerate(self.lines):
            m = _HEADER.match(line)
            if not m or line.lstrip().startswith("#"):
                continue
            names = _split_key(m[2])
            concrete: list[str | int] = []
            for name in names[:-1]:
                concrete.append(name)
                if tuple(concrete) in arrays:
                    concrete.append(arrays[tuple(concrete)])
            concrete.append(names[-1] if names else "")
            if m[1] == "[[":
                key = tuple(concrete)
                arrays[key] = arrays.get(key, -1) + 1
                concrete.append(arrays[key])
            self.sections.append((tuple(concrete), number))

    def line(self, path: Sequence[str | int]) -> int | None:
        best: tuple[tuple[str | int, ...], int] | None = None
        for i, (section, _start) in enumerate(self.sections):
            if tuple(path[: len(section)]) == section and (best is None or len(section) >= len(best[0])):
                best = (section, i)
        if best is None:
            return None
        section, i = best
        start = self.sections[i][1]
        end = self.sections[i + 1][1] if i + 1 < len(self.sections) else len(self.lines)
        rest = path[len(section) :]
        if rest and isinstance(rest[0], str):
            for number in range(start, end):
                m = _KEY.match(self.lines[number])
                if m and m[1].strip('"') == rest[0]:
                    return number + 1
        return start + 1 if section else None


def _parse_path(text: str) -> list[str | int]:
    parts: list[str | int] = []
    for m in _PATH_PART.finditer(text):
        if m[1] is not None:
            parts.append(m[1])
        elif m[2] is not None:
            parts.append(int(m[2]))
        else:
            parts.append(m[3])
    return parts


def _path_text(path: Sequence[str | int]) -> str:
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        elif re.fullmatch(r"[A-Za-z0-9_-]+", part):
            text += f".{part}" if text else part
        else:
            text += f"[{part!r}]"
    return text


# --- reading --------------------------------------------------------------------------


@attrs.frozen
class DataSet:
    """
    Everything one or more data files hold, as core objects: the schedule
    name, the instruments, groups, measures, suspensions and rules.
    :meth:`to_schedule` builds the checked :class:`~tariffcalc.schedule.Schedule`.
    """

    name: str
    measures: tuple[Measure, ...] = ()
    suspensions: tuple[Suspension, ...] = ()
    rules: tuple[StackingRule, ...] = ()
    groups: tuple[CountryGroup, ...] = ()
    instruments: tuple[Instrument, ...] = ()
    description: str = ""
    #: The days the data's sources confirm (see :attr:`Schedule.horizon`).
    horizon: Period | None = None
    #: The legal status of the authorities (see :mod:`tariffcalc.legal`).
    legal: LegalStatus | None = None
    #: Where each measure, suspension, rule and group was written (``file:line path``), by id.
    places: Mapping[str, str] = attrs.field(factory=dict, eq=False, repr=False)

    def __eq__(self, other: object) -> bool:
        # Order of the entries does not matter: two data sets with the same content are equal.
        if not isinstance(other, DataSet):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def _key(self) -> tuple[Any, ...]:
        return (
            self.name,
            self.description,
            frozenset(self.measures),
            frozenset(self.suspensions),
            frozenset(self.rules),
            frozenset(self.groups),
            frozenset(self.instruments),
            self.horizon,
            None if self.legal is None else (frozenset(self.legal.authorities), frozenset(self.legal.events)),
        )

    def to_schedule(self) -> Schedule:
        """The checked schedule of these measures (schedule problems become a :class:`DataFileError`)."""
        from tariffcalc.schedule import Schedule

        try:
            return Schedule(
                self.name,
                self.measures,
                rules=self.rules,
                suspensions=self.suspensions,
                groups=self.groups,
                horizon=self.horizon,
                legal=self.legal,
            )
        except ScheduleError as e:
            raise DataFileError(
                f"{self.name}: the data files load but do not form a valid schedule",
                [_locate(p, self.places) for p in e.problems],
            ) from None

    @classmethod
    def from_schedule(cls, schedule: Schedule, *, description: str = "") -> DataSet:
        """The data of a schedule, with the instruments its citations name."""
        measures = tuple(schedule.measures)
        suspensions = tuple(schedule.suspensions)
        rules = tuple(schedule.rules)
        groups = tuple(schedule.groups)
        instruments = {c.instrument for c in _citations(measures, suspensions, rules)}
        if schedule.legal is not None:
            instruments |= {e.citation.instrument for e in schedule.legal.events}
        return cls(
            schedule.name,
            measures,
            suspensions,
            rules,
            groups,
            tuple(instruments),
            description,
            schedule.horizon,
            schedule.legal,
        )


_REPEAT = "\x00repeat"


def _mentions(text: str) -> list[str]:
    return re.findall(r"[^\s'\"():,;]+", text)


def _locate(problem: str, places: Mapping[str, str]) -> Problem:
    """A schedule-level problem with the place of the first measure, suspension, rule or group it names."""
    repeated = " is used " in problem
    for word in _mentions(problem):
        if repeated and word + _REPEAT in places:
            return Problem(problem, places[word + _REPEAT])
        if word in places:
            return Problem(problem, places[word])
    return Problem(problem)


def _citations(
    measures: Iterable[Measure], suspensions: Iterable[Suspension], rules: Iterable[StackingRule]
) -> Iterator[Citation]:
    for m in measures:
        yield m.citation
        for c in m.conditions:
            if c.citation is not None:
                yield c.citation
    for s in suspensions:
        yield s.citation
    for r in rules:
        yield r.citation


class _Reader:
    """Collects every problem of every file before giving up."""

    def __init__(self, root: Path | None = None) -> None:
        #: The directory ``products_file`` names must stay inside.
        self.root = root.resolve() if root is not None else None
        self.problems: list[Problem] = []
        self.instruments: dict[str, Instrument] = {}
        self.instrument_where: dict[str, str] = {}
        self.schedule: _ScheduleDoc | None = None
        self.horizon: Period | None = None
        self.docs: list[tuple[str, _LineIndex, Path | None, _FileDoc]] = []
        self.authorities: list[Authority] = []
        self.events: list[StatusEvent] = []
        #: Instruments whose definition failed: citations of them are not reported again.
        self.broken_instruments: set[str] = set()
        #: Ids of measures, suspensions, rules and groups that failed: schedule checks naming them are cascades.
        self.failed_ids: set[str] = set()
        self.places: dict[str, str] = {}

    def problem(self, what: str, file: str, index: _LineIndex | None, path: Sequence[str | int]) -> None:
        line = index.line(path) if index is not None else None
        where = f"{file}:{line}" if line else file
        if path:
            where += f" {_path_text(path)}"
        self.problems.append(Problem(what, where))

    def parse(self, text: str, file: str, base: Path | None) -> None:
        refused = toml_problem(text)
        if refused is not None:
            self.problems.append(Problem(f"refused before parsing: {refused}", file))
            return
        index = _LineIndex(text)
        try:
            raw = tomllib.loads(text)
        except (tomllib.TOMLDecodeError, RecursionError) as e:
            at = re.search(r"at line (\d+)", str(e))
            self.problems.append(Problem(f"not valid TOML: {e}", f"{file}:{at[1]}" if at else file))
            return
        try:
            doc = _CONVERTER.structure(raw, _FileDoc)
        except Exception as e:  # cattrs raises an ExceptionGroup with every bad field
            messages = cattrs.transform_error(e, path="", format_exception=_format_cattrs)
            for message in messages:
                what, _, where = message.rpartition(" @ ")
                self.problem(what, file, index, _parse_path(where))
            # Keep what is well formed, so its own problems are found too.
            doc = self.salvage(raw)
        if doc.schedule is not None:
            if self.schedule is not None:
                self.problem("a second [schedule] table; name the schedule once", file, index, ["schedule"])
            self.schedule = doc.schedule
            if doc.schedule.horizon is not None:
                try:
                    self.horizon = Period.parse(doc.schedule.horizon)
                    if self.horizon.end is None:
                        raise InvalidPeriodError(
                            f"a horizon needs a last day, got {doc.schedule.horizon!r}; write START/END, e.g. '2025-01-01/2026-06-28'"
                        )
                except TariffError as e:
                    self.problem(str(e), file, index, ["schedule", "horizon"])
        for key, inst in doc.instruments.items():
            path: list[str | int] = ["instruments", key]
            try:
                instrument = Instrument(
                    key,
                    inst.title,
                    known_on=inst.known_on,
                    applies_from=inst.applies_from,
                    published=inst.published,
                    url=inst.url,
                )
            except TariffError as e:
                self.problem(str(e), file, index, path)
                self.broken_instruments.add(key)
                continue
            if key in self.instruments:
                self.problem(
                    f"instrument {key!r} is already defined at {self.instrument_where[key]}", file, index, path
                )
                continue
            self.instruments[key] = instrument
            self.instrument_where[key] = f"{file}:{index.line(path)}"
        self.docs.append((file, index, base, doc))

    def salvage(self, raw: dict[str, Any]) -> _FileDoc:
        """The well-formed parts of a file whose structure has problems (already reported)."""
        doc = _FileDoc()

        def one(value: Any, cls: type[_T]) -> _T | None:
            try:
                return _CONVERTER.structure(value, cls)
            except Exception:
                return None

        if isinstance(raw.get("schedule"), dict):
            doc.schedule = one(raw["schedule"], _ScheduleDoc)
        instruments = raw.get("instruments")
        if isinstance(instruments, dict):
            for key, value in instruments.items():
                inst = one(value, _InstrumentDoc)
                if inst is None:
                    self.broken_instruments.add(key)
                else:
                    doc.instruments[key] = inst
        for key, cls in (
            ("groups", _GroupDoc),
            ("measures", _MeasureDoc),
            ("suspensions", _SuspensionDoc),
            ("rules", _RuleDoc),
        ):
            items = raw.get(key)
            if not isinstance(items, list):
                continue
            kept: list[Any] = getattr(doc, key)
            for item in items:
                built = one(item, cls)
                if built is None:
                    if isinstance(item, dict) and isinstance(item.get("id"), str):
                        self.failed_ids.add(item["id"])
                    # Keep the place of the item, so later files' lines stay right.
                    kept.append(None)
                else:
                    kept.append(built)
        return doc

    def build(self) -> tuple[list[Measure], list[Suspension], list[StackingRule], list[CountryGroup]]:
        measures: list[Measure] = []
        suspensions: list[Suspension] = []
        rules: list[StackingRule] = []
        groups: list[CountryGroup] = []
        for file, index, base, doc in self.docs:
            ctx = _Context(self, file, index, base)
            groups += _built(doc.groups, ctx.group, "groups", ctx)
            measures += _built(doc.measures, ctx.measure, "measures", ctx)
            suspensions += _built(doc.suspensions, ctx.suspension, "suspensions", ctx)
            rules += _built(doc.rules, ctx.rule, "rules", ctx)
            self.authorities += _built(doc.authorities, ctx.authority, "authorities", ctx)
            self.events += _built(doc.status, ctx.status, "status", ctx)
        return measures, suspensions, rules, groups

    def legal(self) -> LegalStatus | None:
        """The legal status read (``None`` when no file has any)."""
        if not self.authorities and not self.events:
            return None
        seen: set[str] = set()
        for a in self.authorities:
            if a.id in seen:
                self.problems.append(Problem(f"authority {a.id!r} is defined twice"))
            seen.add(a.id)
        laws = {a.law for a in self.authorities}
        for e in self.events:
            if e.law not in laws:
                self.problems.append(
                    Problem(f"status {e.id!r}: no authority has law {e.law!r}; known: {sorted(laws) or 'none'}")
                )
        return LegalStatus(tuple(self.authorities), tuple(self.events))


def _built(
    docs: Iterable[_Doc | None],
    make: Callable[[_Doc, list[str | int]], _Built | None],
    key: str,
    ctx: _Context | None = None,
) -> list[_Built]:
    """The values built from one table's documents; a document that failed has had its problems noted."""
    values: list[_Built] = []
    for i, doc in enumerate(docs):
        if doc is None:
            continue
        value = make(doc, [key, i])
        ident = getattr(doc, "id", None)
        if ctx is not None and isinstance(ident, str):
            if value is None:
                ctx.reader.failed_ids.add(ident)
            place = f"{ctx.file}:{ctx.index.line([key, i])} {_path_text([key, i])}"
            # The first place of an id, and (for "is used twice") the place of its last repeat.
            ctx.reader.places[ident + _REPEAT if ident in ctx.reader.places else ident] = place
        if value is not None:
            values.append(value)
    return values


class _FieldError(Exception):
    """A field could not be read; its problem is already recorded."""


class _CascadeError(TariffError):
    """A field that fails only because something reported elsewhere did: not reported again."""


@attrs.define
class _Context:
    reader: _Reader
    file: str
    index: _LineIndex
    base: Path | None

    def field(self, path: Sequence[str | int], make: Callable[[], _T]) -> _T:
        try:
            return make()
        except _CascadeError:
            raise _FieldError from None
        except TariffError as e:
            self.reader.problem(str(e), self.file, self.index, path)
            raise _FieldError from None

    def fields(self, makers: Mapping[str, Callable[[], Any]], path: list[str | int]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        failed = False
        for name, make in makers.items():
            try:
                values[name] = self.field([*path, name], make)
            except _FieldError:
                failed = True
        if failed:
            raise _FieldError
        return values

    def citation(self, doc: _CitationDoc, path: list[str | int]) -> Citation:
        def instrument() -> Instrument:
            found = self.reader.instruments.get(doc.instrument)
            if found is None and doc.instrument in self.reader.broken_instruments:
                raise _CascadeError  # its definition's problem is reported where it is defined
            if found is None:
                known = ", ".join(repr(k) for k in sorted(self.reader.instruments)) or "none defined"
                raise _FieldProblemError(
                    f"unknown instrument {doc.instrument!r}; define it under [instruments.{_key(doc.instrument)}] "
                    f"or use one of: {known}"
                )
            return found

        def confidence() -> Confidence | None:
            if doc.confidence is None:
                return None
            try:
                return Confidence(doc.confidence)
            except ValueError:
                raise _FieldProblemError(f"{doc.confidence!r} is not a confidence mark; use C2, C1 or U") from None

        values = self.fields({"instrument": instrument, "confidence": confidence}, path)
        return self.field(
            path,
            lambda: Citation(
                values["instrument"], doc.heading, doc.source, values["confidence"], doc.note, doc.heading_when_met
            ),
        )

    def condition(self, doc: _ConditionDoc, path: list[str | int]) -> Condition:
        citation = self.citation(doc.citation, [*path, "citation"]) if doc.citation is not None else None

        def need(name: str) -> Any:
            value = getattr(doc, name)
            if value is None:
                self.reader.problem(f"a {doc.type} condition needs {name}", self.file, self.index, path)
                raise _FieldError
            return value

        if doc.type in ("not-if-claimed", "only-if-claimed"):
            cls = NotIfClaimed if doc.type == "not-if-claimed" else OnlyIfClaimed
            claim = need("claim")
            return self.field([*path, "claim"], lambda: cls(claim, citation))
        if doc.type == "in-transit":
            loaded, entered = need("loaded_before"), need("entered_before")
            return self.field(path, lambda: InTransit(loaded, entered, citation))
        if doc.type == "content-share":
            content, minimum = need("content"), need("minimum")
            return self.field(path, lambda: ContentShare(content, minimum, doc.inclusive, citation))
        self.reader.problem(
            f"unknown condition type {doc.type!r}; use in-transit, not-if-claimed, only-if-claimed or content-share",
            self.file,
            self.index,
            [*path, "type"],
        )
        raise _FieldError

    def products(self, doc: _MeasureDoc, path: list[str | int]) -> ProductScope:
        words: list[str] = doc.products.split() if doc.products is not None else []
        failed = False
        for i, name in enumerate(doc.products_file):
            try:
                words.extend(self.product_file(name, [*path, "products_file", i]))
            except _FieldError:
                failed = True
        if failed:
            raise _FieldError
        if doc.products is None and not doc.products_file:
            self.reader.problem(
                'a measure needs products (e.g. "all" or "8703.23 8703.24") or products_file',
                self.file,
                self.index,
                path,
            )
            raise _FieldError
        return self.field([*path, "products"], lambda: ProductScope.parse(" ".join(words)))

    def list_text(self, name: str, path: list[str | int]) -> str:
        """The text of a product list, which must be a small regular file inside the data directory."""
        assert self.base is not None
        root = self.reader.root or self.base.resolve()

        def refuse(why: str) -> None:
            self.reader.problem(f"products_file {name!r}: {why}", self.file, self.index, path)
            raise _FieldError

        relative = Path(name)
        if not name.strip() or relative.is_absolute() or relative.drive or "\\" in name:
            refuse("give a path relative to the data file, with / between names, e.g. lists/x.txt")
        if ".." in relative.parts:
            refuse("a product list must stay inside the data directory; '..' is not allowed")
        target = self.base / relative
        try:
            if not target.resolve().is_relative_to(root):
                refuse("it leads outside the data directory (through a link); copy the list into the directory")
            data = read_bounded(target, MAX_LIST_BYTES, "the product list")
            return data.decode("utf-8")
        except LimitError as e:
            refuse(str(e))
        except UnicodeDecodeError:
            refuse("the product list is not UTF-8 text")
        except OSError as e:
            self.reader.problem(
                f"cannot read products_file {name!r} ({e.strerror}); give a path relative to the data file",
                self.file,
                self.index,
                path,
            )
            raise _FieldError from None
        raise AssertionError("unreachable")

    def product_file(self, name: str, path: list[str | int]) -> list[str]:
        if self.base is None:
            self.reader.problem(
                f"products_file {name!r} needs the data file to be read from a path", self.file, self.index, path
            )
            raise _FieldError
        text = self.list_text(name, path)
        target = self.base / name
        words: list[str] = []
        bad = False
        for number, line in enumerate(text.splitlines(), start=1):
            code = line.split("#", 1)[0].strip()
            if not code:
                continue
            try:
                ProductCode.parse(code.removeprefix("-"))
            except TariffError as e:
                self.reader.problems.append(Problem(str(e), f"{target}:{number}"))
                bad = True
                continue
            words.append(code)
        if bad:
            raise _FieldError
        return words

    def measure(self, doc: _MeasureDoc, path: list[str | int]) -> Measure | None:
        parts: dict[str, Any] = {}
        failed = False
        makers: dict[str, Callable[[], Any]] = {
            "kind": lambda: _enum(MeasureKind, doc.kind, "base or additional"),
            "rate": lambda: Rate.parse(doc.rate),
            "origins": lambda: OriginScope.parse(doc.origins),
            "validity": lambda: Period.parse(doc.validity),
            "basis": lambda: Basis.parse(doc.basis),
        }
        try:
            parts.update(self.fields(makers, path))
        except _FieldError:
            failed = True
        for name, make in (
            ("products", lambda: self.products(doc, path)),
            ("citation", lambda: self.citation(doc.citation, [*path, "citation"])),
        ):
            try:
                parts[name] = make()
            except _FieldError:
                failed = True
        conditions: list[Condition] = []
        for i, c in enumerate(doc.conditions):
            try:
                conditions.append(self.condition(c, [*path, "conditions", i]))
            except _FieldError:
                failed = True
        preferences: list[Preference] = []
        for i, p in enumerate(doc.preferences):
            try:
                preferences.append(
                    self.field([*path, "preferences", i], lambda p=p: Preference(p.claim, Rate.parse(p.rate)))  # type: ignore[misc]
                )
            except _FieldError:
                failed = True
        if failed:
            return None
        try:
            return self.field(
                path,
                lambda: Measure(
                    id=doc.id,
                    title=doc.title,
                    kind=parts["kind"],
                    rate=parts["rate"],
                    products=parts["products"],
                    origins=parts["origins"],
                    validity=parts["validity"],
                    citation=parts["citation"],
                    basis=parts["basis"],
                    conditions=tuple(conditions),
                    tags=frozenset(doc.tags),
                    preferences=tuple(preferences),
                ),
            )
        except _FieldError:
            return None

    def suspension(self, doc: _SuspensionDoc, path: list[str | int]) -> Suspension | None:
        try:
            values = self.fields(
                {
                    "period": lambda: Period.parse(doc.period),
                    "replacement": lambda: None if doc.replacement is None else Rate.parse(doc.replacement),
                },
                path,
            )
            citation = self.citation(doc.citation, [*path, "citation"])
            return self.field(
                path,
                lambda: Suspension(doc.id, frozenset(doc.measures), values["period"], citation, values["replacement"]),
            )
        except _FieldError:
            return None

    def rule(self, doc: _RuleDoc, path: list[str | int]) -> StackingRule | None:
        try:
            values = self.fields(
                {
                    "displaces": lambda: _enum(Displacement, doc.displaces, "entry or slice"),
                    "validity": lambda: Period.parse(doc.validity),
                },
                path,
            )
            citation = self.citation(doc.citation, [*path, "citation"])
            return self.field(
                path,
                lambda: StackingRule(doc.id, doc.when, doc.drops, values["displaces"], values["validity"], citation),
            )
        except _FieldError:
            return None

    def authority(self, doc: _AuthorityDoc, path: list[str | int]) -> Authority | None:
        try:
            return self.field(path, lambda: Authority(doc.id, doc.title, doc.law, doc.tags))
        except _FieldError:
            return None

    def status(self, doc: _StatusDoc, path: list[str | int]) -> StatusEvent | None:
        try:
            kinds = ", ".join(k.value for k in StatusKind)
            kind = self.field([*path, "kind"], lambda: _enum(StatusKind, doc.kind, kinds))
            citation = self.citation(doc.citation, [*path, "citation"])
            return self.field(
                path,
                lambda: StatusEvent(doc.id, doc.law, doc.on, kind, doc.title, citation, doc.plaintiffs_only, doc.final),
            )
        except _FieldError:
            return None

    def group(self, doc: _GroupDoc, path: list[str | int]) -> CountryGroup | None:
        members: list[Membership] = []
        failed = False
        for i, m in enumerate(doc.members):
            try:
                members.append(
                    self.field(
                        [*path, "members", i],
                        lambda m=m: Membership(Country.parse(m.country), Period.parse(m.period)),  # type: ignore[misc]
                    )
                )
            except _FieldError:
                failed = True
        if failed:
            return None
        try:
            return self.field(path, lambda: CountryGroup(doc.id, doc.name, tuple(members)))
        except _FieldError:
            return None


_E = TypeVar("_E", MeasureKind, Displacement, StatusKind)


def _enum(cls: type[_E], text: str, valid: str) -> _E:
    try:
        return cls(text)
    except ValueError:
        raise _FieldProblemError(f"{text!r} is not valid here; use {valid}") from None


def _key(text: str) -> str:
    return text if re.fullmatch(r"[A-Za-z0-9_-]+", text) else _string(text)


def _finish(reader: _Reader, default_name: str, headline: str) -> DataSet:
    measures, suspensions, rules, groups = reader.build()
    legal = reader.legal()
    if reader.problems:
        # Field problems must not hide the schedule's own: check what was built, less the cascades.
        from tariffcalc.schedule import Schedule

        try:
            Schedule(default_name, measures, rules=rules, suspensions=suspensions, groups=groups)
        except ScheduleError as e:
            for problem in e.problems:
                if not reader.failed_ids.intersection(_mentions(problem)):
                    reader.problems.append(_locate(problem, reader.places))
        raise DataFileError(headline, reader.problems)
    name = reader.schedule.name if reader.schedule is not None else default_name
    description = reader.schedule.description if reader.schedule is not None else ""
    return DataSet(
        name,
        tuple(measures),
        tuple(suspensions),
        tuple(rules),
        tuple(groups),
        tuple(reader.instruments.values()),
        description,
        reader.horizon,
        legal,
        dict(reader.places),
    )


def read_text(text: str, *, file: str = "<string>", base: str | Path | None = None, name: str | None = None) -> DataSet:
    """
    Read one data file given as text; *base* is the directory that
    ``products_file`` names are relative to.
    """
    if not isinstance(text, str):
        raise TypeError(f"a data file's text must be str, got {type(text).__name__}")
    reader = _Reader(Path(base) if base is not None else None)
    reader.parse(text, file, Path(base) if base is not None else None)
    return _finish(reader, name or Path(file).stem, f"{file}: cannot load the data file")


def loads(text: str, *, file: str = "<string>", base: str | Path | None = None, name: str | None = None) -> DataSet:
    """Same as :func:`read_text`."""
    return read_text(text, file=file, base=base, name=name)


def read(path: str | Path) -> DataSet:
    """
    Read a data file, or every ``*.toml`` file of a directory (in name order,
    all sharing one set of instruments), reporting all problems at once.
    """
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.rglob(f"*{SUFFIX}") if p.is_file())
        if not files:
            raise DataFileError(f"{path}: no data files", [Problem(f"no *{SUFFIX} file in this directory", str(path))])
        default_name = path.name
    elif path.is_file():
        files = [path]
        default_name = path.stem
    else:
        raise DataFileError(f"{path}: cannot load", [Problem("no such file or directory", str(path))])
    reader = _Reader(path if path.is_dir() else path.parent)
    for file in files:
        try:
            text = read_bounded(file, MAX_TOML_BYTES, "the data file").decode("utf-8")
        except LimitError as e:
            reader.problems.append(Problem(f"refused before parsing: {e}", str(file)))
            continue
        except (OSError, UnicodeDecodeError) as e:
            reader.problems.append(Problem(f"cannot read: {e}", str(file)))
            continue
        reader.parse(text, str(file), file.parent)
    return _finish(reader, default_name, f"{path}: cannot load the data files")


def load(path: str | Path) -> Schedule:
    """Read data files (see :func:`read`) and build the checked schedule."""
    return read(path).to_schedule()


# --- writing --------------------------------------------------------------------------

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _string(text: str) -> str:
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _value(value: Any) -> str:
    if isinstance(value, str):
        return _string(value)
    if type(value) is datetime.date:
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, Decimal):
        return _string(format(value, "f"))
    raise TypeError(f"cannot write {value!r} as TOML")


def _long_text(words: Sequence[str], width: int = 96) -> str:
    """A whitespace-separated list as a TOML multi-line string, wrapped."""
    text = " ".join(words)
    if len(text) <= width:
        return _string(text)
    lines: list[str] = []
    line = ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    lines.append(line)
    return '"""\n' + "\n".join(lines) + '\n"""'


def _citation_lines(table: str, citation: Citation) -> list[str]:
    lines = [f"[{table}]", f"instrument = {_string(citation.instrument.id)}"]
    if citation.heading is not None:
        lines.append(f"heading = {_string(citation.heading)}")
    if citation.source is not None:
        lines.append(f"source = {_string(citation.source)}")
    if citation.confidence is not None:
        lines.append(f"confidence = {_string(citation.confidence.value)}")
    if citation.note:
        lines.append(f"note = {_string(citation.note)}")
    if citation.heading_when_met is not None:
        lines.append(f"heading_when_met = {_string(citation.heading_when_met)}")
    return lines


def _condition_lines(condition: Condition) -> list[str]:
    lines = ["[[measures.conditions]]"]
    if isinstance(condition, NotIfClaimed | OnlyIfClaimed):
        kind = "not-if-claimed" if isinstance(condition, NotIfClaimed) else "only-if-claimed"
        lines += [f"type = {_string(kind)}", f"claim = {_string(condition.claim)}"]
    elif isinstance(condition, ContentShare):
        lines += [
            'type = "content-share"',
            f"content = {_string(condition.content)}",
            f"minimum = {_string(format(condition.minimum, 'f'))}",
            f"inclusive = {'true' if condition.inclusive else 'false'}",
        ]
    elif isinstance(condition, InTransit):
        lines += [
            'type = "in-transit"',
            f"loaded_before = {condition.loaded_before.isoformat()}",
            f"entered_before = {condition.entered_before.isoformat()}",
        ]
    else:
        raise DataFileError("cannot write the data file", [Problem(f"no data-file form for condition {condition!r}")])
    if condition.citation is not None:
        lines += _citation_lines("measures.conditions.citation", condition.citation)
    return lines


def dumps(data: DataSet | Schedule) -> str:
    """
    The TOML text of a data set or a schedule, every product list written
    inline; :func:`loads` reads it back to an equal data set.
    """
    if not isinstance(data, DataSet):
        data = DataSet.from_schedule(data)
    problems: list[Problem] = []
    instruments: dict[str, Instrument] = {}
    events = data.legal.events if data.legal is not None else ()
    for inst in sorted(
        {
            *data.instruments,
            *(c.instrument for c in _citations(data.measures, data.suspensions, data.rules)),
            *(e.citation.instrument for e in events),
        },
        key=lambda i: (i.id, repr(i)),
    ):
        if inst.id in instruments and instruments[inst.id] != inst:
            problems.append(Problem(f"two different instruments share the id {inst.id!r}"))
        instruments[inst.id] = inst
    if problems:
        raise DataFileError("cannot write the data file", problems)

    out: list[str] = ["# tariffcalc data file", "", "[schedule]", f"name = {_string(data.name)}"]
    if data.description:
        out.append(f"description = {_string(data.description)}")
    if data.horizon is not None:
        out.append(f"horizon = {_string(str(data.horizon))}")
    for inst in instruments.values():
        out += [
            "",
            f"[instruments.{_key(inst.id)}]",
            f"title = {_string(inst.title)}",
            f"known_on = {inst.known_on.isoformat()}",
        ]
        if inst.applies_from is not None:
            out.append(f"applies_from = {inst.applies_from.isoformat()}")
        if inst.published is not None:
            out.append(f"published = {_string(inst.published)}")
        if inst.url is not None:
            out.append(f"url = {_string(inst.url)}")
    for group in sorted(data.groups, key=lambda g: g.id):
        out += ["", "[[groups]]", f"id = {_string(group.id)}", f"name = {_string(group.name)}", "members = ["]
        for member in group.members:
            out.append(f"  {_value({'country': member.country.code, 'period': str(member.period)})},")
        out.append("]")
    for m in sorted(data.measures, key=lambda m: (m.id, str(m.validity))):
        out += [
            "",
            "[[measures]]",
            f"id = {_string(m.id)}",
            f"title = {_string(m.title)}",
            f"kind = {_string(m.kind.value)}",
            f"rate = {_string(str(m.rate))}",
            f"products = {_long_text(str(m.products).split())}",
            f"origins = {_string(str(m.origins))}",
            f"validity = {_string(str(m.validity))}",
            f"basis = {_string(str(m.basis))}",
            f"tags = {_value(sorted(m.tags))}",
        ]
        if m.preferences:
            out.append(f"preferences = {_value([{'claim': p.claim, 'rate': str(p.rate)} for p in m.preferences])}")
        out += _citation_lines("measures.citation", m.citation)
        for c in m.conditions:
            out += _condition_lines(c)
    for s in sorted(data.suspensions, key=lambda s: s.id):
        out += [
            "",
            "[[suspensions]]",
            f"id = {_string(s.id)}",
            f"measures = {_value(sorted(s.measures))}",
            f"period = {_string(str(s.period))}",
        ]
        if s.replacement is not None:
            out.append(f"replacement = {_string(str(s.replacement))}")
        out += _citation_lines("suspensions.citation", s.citation)
    for r in sorted(data.rules, key=lambda r: r.id):
        out += [
            "",
            "[[rules]]",
            f"id = {_string(r.id)}",
            f"when = {_string(r.when)}",
            f"drops = {_string(r.drops)}",
            f"displaces = {_string(r.displaces.value)}",
            f"validity = {_string(str(r.validity))}",
        ]
        out += _citation_lines("rules.citation", r.citation)
    for a in data.legal.authorities if data.legal is not None else ():
        out += [
            "",
            "[[authorities]]",
            f"id = {_string(a.id)}",
            f"title = {_string(a.title)}",
            f"law = {_string(a.law)}",
            f"tags = {_value(sorted(a.tags))}",
        ]
    for e in events:
        out += [
            "",
            "[[status]]",
            f"id = {_string(e.id)}",
            f"law = {_string(e.law)}",
            f"on = {e.on.isoformat()}",
            f"kind = {_string(e.kind.value)}",
            f"title = {_string(e.title)}",
            f"plaintiffs_only = {'true' if e.plaintiffs_only else 'false'}",
            f"final = {'true' if e.final else 'false'}",
        ]
        out += _citation_lines("status.citation", e.citation)
    return "\n".join(out) + "\n"


def dump(data: DataSet | Schedule, path: str | Path | None = None) -> str:
    """Write :func:`dumps` of *data* to *path* (when given) and return the text."""
    text = dumps(data)
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text
