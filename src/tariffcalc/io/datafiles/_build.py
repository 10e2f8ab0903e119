"""
Turning the checked documents of one file (:mod:`.schema`) into core
objects: rates, periods, scopes, citations, conditions, measures. Every
field that cannot be built is noted with its place and the rest carries
on, so one reading reports every problem.

>>> from tariffcalc.io.datafiles import parse_dataset
>>> parse_dataset('''
... [[groups]]
... id = "g"
... name = "G"
... members = [{ country = "JP", period = "2025-01-01/" }, { country = "XX", period = "2025-01-01/" }]
... ''')
Traceback (most recent call last):
...
tariffcalc.errors.DataFileError: <string>: cannot load the data file (1 problem(s)):
  - <string>:5 groups[0].members[1]: 'XX' is not an ISO 3166-1 alpha-2 country code; ...
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from tariffcalc.amendments import Amendment
from tariffcalc.citations import Citation, Confidence, Instrument
from tariffcalc.codes import ProductCode
from tariffcalc.countries import Country, CountryGroup, Membership, OriginScope
from tariffcalc.errors import Problem, TariffError
from tariffcalc.io._limits import MAX_LIST_BYTES, LimitError, read_bounded
from tariffcalc.io.datafiles._dataset import REPEAT
from tariffcalc.io.datafiles._positions import FieldPath, Positions
from tariffcalc.io.datafiles._words import basis_content, hint, origin_problem, rate_problems, unknown_word
from tariffcalc.io.datafiles._writer import toml_key
from tariffcalc.io.datafiles.schema import (
    CONDITION_TYPES,
    AmendmentDoc,
    AuthorityDoc,
    CitationDoc,
    ConditionDoc,
    GroupDoc,
    MeasureDoc,
    RuleDoc,
    StatusDoc,
    SuspensionDoc,
    condition_fields,
)
from tariffcalc.legal import Authority, StatusEvent, StatusKind
from tariffcalc.measures import Basis, Condition, Measure, MeasureKind, Preference, ProductScope, Suspension
from tariffcalc.periods import Period
from tariffcalc.rates import Rate
from tariffcalc.rules import Displacement, StackingRule

if TYPE_CHECKING:
    from tariffcalc.io.datafiles._reader import Reader

__all__ = ["Builder", "built"]

_T = TypeVar("_T")
_Doc = TypeVar("_Doc")
_Built = TypeVar("_Built")


class FieldProblemError(TariffError, ValueError):
    """One field's problem, reported with its place by the reader."""


class _FieldError(Exception):
    """A field could not be read; its problem is already recorded."""


class _CascadeError(TariffError):
    """A field that fails only because something reported elsewhere did: not reported again."""


_E = TypeVar("_E", MeasureKind, Displacement, StatusKind)

#: A country code as a data file writes it.
_CODE = re.compile(r"[A-Z]{2}")


def _enum(cls: type[_E], text: str, valid: str) -> _E:
    try:
        return cls(text)
    except ValueError:
        close = hint(text, [k.value for k in cls])
        raise FieldProblemError(f"{text!r} is not valid here{close}; use {valid}") from None


#: The singular of each table's name, for messages.
_ONE: dict[str, str] = {
    "groups": "group",
    "measures": "measure",
    "suspensions": "suspension",
    "rules": "rule",
    "authorities": "authority",
    "status": "status",
}


def built(
    docs: Iterable[_Doc | None],
    make: Callable[[_Doc, list[str | int]], _Built | None],
    key: str,
    builder: Builder | None = None,
) -> list[_Built]:
    """The values built from one table's documents; a document that failed has had its problems noted."""
    values: list[_Built] = []
    for i, doc in enumerate(docs):
        if doc is None:
            continue
        value = make(doc, [key, i])
        ident = getattr(doc, "id", None)
        if builder is not None and isinstance(ident, str):
            reader = builder.reader
            place = builder.positions.place(builder.file, [key, i])
            first = reader.defined.setdefault((key, ident), place)
            if first != place:
                # An exact copy would vanish into the schedule's sets: refused here, naming both places.
                builder.problem(f"{_ONE.get(key, key)} {ident!r} is defined twice: first at {first}", [key, i])
                value = None
            if value is None:
                reader.failed_ids.add(ident)
                reader.failed_tags.update(getattr(doc, "tags", ()) if key == "measures" else ())
            # The first place of an id, and (for "is used twice") the place of its last repeat.
            reader.places[ident + REPEAT if ident in reader.places else ident] = place
        if value is not None:
            values.append(value)
    return values


@attrs.define
class Builder:
    """Builds the core objects of one file's documents, noting problems in *reader*."""

    reader: Reader
    file: str
    positions: Positions
    #: The directory ``products_file`` names are relative to (``None`` for a text without a path).
    base: Path | None

    def problem(self, what: str, path: FieldPath) -> None:
        self.reader.problem(what, self.file, self.positions, path)

    def field(self, path: FieldPath, make: Callable[[], _T]) -> _T:
        try:
            return make()
        except _CascadeError:
            raise _FieldError from None
        except TariffError as e:
            self.problem(str(e), path)
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

    def word(self, kind: str, word: str, path: FieldPath) -> bool:
        """Whether *word* is declared as one of *kind* (``claims`` ...); if not, its problem is noted."""
        declared = self.reader.words
        if not isinstance(word, str) or not word or word != word.strip() or len(word.split()) != 1:
            return True  # not a word at all: the value's own check says what it must be
        if word in declared.known(kind):
            return True
        self.problem(unknown_word(kind, word, declared.known(kind)), path)
        return False

    def rate_words(self, rate: Rate | None, path: FieldPath) -> bool:
        """Whether the units and contents *rate* charges on are known; if not, their problems are noted."""
        problems = rate_problems(rate, self.reader.words)
        for what in problems:
            self.problem(what, path)
        return not problems

    def origins(self, text: str) -> OriginScope:
        groups = [g.id for _f, _p, _b, doc in self.reader.docs for g in doc.groups if g is not None]
        problem = origin_problem(text, groups)
        if problem is not None:
            raise FieldProblemError(problem)
        return OriginScope.parse(text)

    def citation(self, doc: CitationDoc, path: list[str | int]) -> Citation:
        def instrument() -> Instrument:
            found = self.reader.instruments.get(doc.instrument)
            if found is None and doc.instrument in self.reader.broken_instruments:
                raise _CascadeError  # its definition's problem is reported where it is defined
            if found is None:
                known = ", ".join(repr(k) for k in sorted(self.reader.instruments)) or "none defined"
                raise FieldProblemError(
                    f"unknown instrument {doc.instrument!r}; define it under [instruments.{toml_key(doc.instrument)}] "
                    f"or use one of: {known}"
                )
            return found

        def confidence() -> Confidence | None:
            if doc.confidence is None:
                return None
            try:
                return Confidence(doc.confidence)
            except ValueError:
                close = hint(doc.confidence.upper(), [c.value for c in Confidence])
                raise FieldProblemError(
                    f"{doc.confidence!r} is not a confidence mark{close}; use C2, C1 or U"
                ) from None

        values = self.fields({"instrument": instrument, "confidence": confidence}, path)
        return self.field(
            path,
            lambda: Citation(
                values["instrument"], doc.heading, doc.source, values["confidence"], doc.note, doc.heading_when_met
            ),
        )

    def condition(self, doc: ConditionDoc, path: list[str | int]) -> Condition:
        citation = self.citation(doc.citation, [*path, "citation"]) if doc.citation is not None else None
        cls = CONDITION_TYPES.get(doc.type)
        if cls is None:
            *first, last = CONDITION_TYPES
            close = hint(doc.type, CONDITION_TYPES)
            self.problem(
                f"unknown condition type {doc.type!r}{close}; use {', '.join(first)} or {last}", [*path, "type"]
            )
            raise _FieldError
        fields = condition_fields(cls)
        values: dict[str, Any] = {}
        for f in fields:
            value = getattr(doc, f.name)
            if value is None and f.default is attrs.NOTHING:
                self.problem(f"a {doc.type} condition needs {f.name}", path)
                raise _FieldError
            if value is not None:
                values[f.name] = value
        failed = False
        for name in ("claim", "otherwise"):
            if name in values and not self.word("claims", values[name], [*path, name]):
                failed = True
        if "content" in values and not self.word("contents", values["content"], [*path, "content"]):
            failed = True
        if failed:
            raise _FieldError
        make: Callable[..., Condition] = cls
        # A one-field condition's problem is that field's; otherwise the condition's.
        where = [*path, fields[0].name] if len(fields) == 1 else path
        return self.field(where, lambda: make(**values, citation=citation))

    def products(self, doc: MeasureDoc, path: list[str | int]) -> ProductScope:
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
            self.problem('a measure needs products (e.g. "all" or "8703.23 8703.24") or products_file', path)
            raise _FieldError
        return self.field([*path, "products"], lambda: ProductScope.parse(" ".join(words)))

    def list_text(self, name: str, path: list[str | int]) -> str:
        """The text of a product list, which must be a small regular file inside the data directory."""
        assert self.base is not None
        root = self.reader.root or self.base.resolve()

        def refuse(why: str) -> None:
            self.problem(f"products_file {name!r}: {why}", path)
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
        except RuntimeError:  # Path.resolve on a loop of symbolic links (Python 3.11, 3.12)
            refuse("a loop of symbolic links")
        except OSError as e:
            self.problem(
                f"cannot read products_file {name!r} ({e.strerror}); give a path relative to the data file", path
            )
            raise _FieldError from None
        raise AssertionError("unreachable")

    def product_file(self, name: str, path: list[str | int]) -> list[str]:
        if self.base is None:
            self.problem(f"products_file {name!r} needs the data file to be read from a path", path)
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

    def measure(self, doc: MeasureDoc, path: list[str | int]) -> Measure | None:
        parts: dict[str, Any] = {}
        failed = False
        makers: dict[str, Callable[[], Any]] = {
            "kind": lambda: _enum(MeasureKind, doc.kind, "base or additional"),
            "rate": lambda: Rate.parse(doc.rate),
            "origins": lambda: self.origins(doc.origins),
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
        amendments = self.amendments(doc.amendments, path)
        if amendments is None:
            failed = True
        if not self.measure_words(doc, path, parts, preferences):
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
                    amendments=tuple(amendments or ()),
                ),
            )
        except _FieldError:
            return None

    def measure_words(
        self, doc: MeasureDoc, path: list[str | int], parts: Mapping[str, Any], preferences: list[Preference]
    ) -> bool:
        """Whether a measure's tags, claims, contents and units are known (each problem noted)."""
        tags = [self.word("tags", tag, [*path, "tags", j]) for j, tag in enumerate(doc.tags)]  # each reported
        ok = all(tags)
        if "rate" in parts:
            ok = self.rate_words(parts["rate"], [*path, "rate"]) and ok
        content = basis_content(parts["basis"]) if "basis" in parts else None
        if content is not None:
            ok = self.word("contents", content, [*path, "basis"]) and ok
        for j, p in enumerate(preferences):
            where = [*path, "preferences", j]
            ok = self.word("claims", p.claim, [*where, "claim"]) and ok
            ok = self.rate_words(p.rate, [*where, "rate"]) and ok
        return ok

    def amendments(self, docs: list[AmendmentDoc], path: list[str | int]) -> tuple[Amendment, ...] | None:
        """The ``amendments`` entries at *path* (``None`` when one is wrong: each problem is reported)."""
        found: list[Amendment] = []
        failed = False
        for i, a in enumerate(docs):
            where = [*path, "amendments", i]
            try:
                found.append(Amendment(self.citation(a.citation, [*where, "citation"]), a.previous_end))
            except _FieldError:
                failed = True
        return None if failed else tuple(found)

    def suspension(self, doc: SuspensionDoc, path: list[str | int]) -> Suspension | None:
        try:
            values = self.fields(
                {
                    "period": lambda: Period.parse(doc.period),
                    "replacement": lambda: None if doc.replacement is None else Rate.parse(doc.replacement),
                },
                path,
            )
            citation = self.citation(doc.citation, [*path, "citation"])
            found = self.amendments(doc.amendments, path)
            if found is None or not self.rate_words(values["replacement"], [*path, "replacement"]):
                return None
            return self.field(
                path,
                lambda: Suspension(
                    doc.id, frozenset(doc.measures), values["period"], citation, values["replacement"], found
                ),
            )
        except _FieldError:
            return None

    def rule(self, doc: RuleDoc, path: list[str | int]) -> StackingRule | None:
        try:
            values = self.fields(
                {
                    "displaces": lambda: _enum(Displacement, doc.displaces, "entry or slice"),
                    "validity": lambda: Period.parse(doc.validity),
                },
                path,
            )
            citation = self.citation(doc.citation, [*path, "citation"])
            found = self.amendments(doc.amendments, path)
            tags = [self.word("tags", tag, [*path, name]) for name, tag in (("when", doc.when), ("drops", doc.drops))]
            if found is None or not all(tags):
                return None
            return self.field(
                path,
                lambda: StackingRule(
                    doc.id, doc.when, doc.drops, values["displaces"], values["validity"], citation, found
                ),
            )
        except _FieldError:
            return None

    def authority(self, doc: AuthorityDoc, path: list[str | int]) -> Authority | None:
        known = [self.word("laws", doc.law, [*path, "law"])]
        known += [self.word("tags", tag, [*path, "tags", j]) for j, tag in enumerate(doc.tags)]
        if not all(known):
            self.reader.broken_authority = True  # its events are not reported again
            return None
        try:
            return self.field(path, lambda: Authority(doc.id, doc.title, doc.law, doc.tags))
        except _FieldError:
            self.reader.broken_authority = True
            return None

    def status(self, doc: StatusDoc, path: list[str | int]) -> StatusEvent | None:
        try:
            kinds = ", ".join(k.value for k in StatusKind)
            kind = self.field([*path, "kind"], lambda: _enum(StatusKind, doc.kind, kinds))
            citation = self.citation(doc.citation, [*path, "citation"])
            if not self.word("laws", doc.law, [*path, "law"]):
                return None
            return self.field(
                path,
                lambda: StatusEvent(doc.id, doc.law, doc.on, kind, doc.title, citation, doc.plaintiffs_only, doc.final),
            )
        except _FieldError:
            return None

    def group(self, doc: GroupDoc, path: list[str | int]) -> CountryGroup | None:
        members: list[Membership] = []
        failed = False
        for i, m in enumerate(doc.members):
            try:
                members.append(
                    self.field(
                        [*path, "members", i],
                        lambda m=m: Membership(_member(m.country), Period.parse(m.period)),  # type: ignore[misc]
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


def _member(code: str) -> Country:
    """A group member as a data file writes it: an upper-case ISO alpha-2 code, nothing else."""
    one_word = len(code.split()) == 1 and code == code.strip() and code[:1] not in ("@", "-") and code != "all"
    problem = origin_problem(code, ()) if one_word else None
    if problem is None and not (one_word and _CODE.fullmatch(code)):
        try:
            close = f"; did you mean {Country.parse(code).code!r}?"
        except TariffError:
            close = ""
        problem = f"a member is one upper-case ISO 3166-1 alpha-2 code such as 'JP', got {code!r}{close}"
    if problem is not None:
        raise FieldProblemError(problem)
    return Country.parse(code)
