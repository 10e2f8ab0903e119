"""
The data-file schema: the tables of a TOML data file as plain attrs
classes, and the one cattrs converter that checks them on reading
(types, unknown keys, missing keys, each with the path of the bad field)
and turns them back into TOML-ready dicts on writing.

The documents hold what the file says, as text, days and flags; turning
them into core objects (rates, periods, scopes) is :mod:`._build`'s job,
and the other way round :mod:`._writer`'s.

>>> doc = CONVERTER.structure({"type": "not-if-claimed", "claim": "usmca"}, ConditionDoc)
>>> doc.claim
'usmca'
>>> CONVERTER.unstructure(doc)
{'type': 'not-if-claimed', 'claim': 'usmca'}
>>> CONVERTER.structure({"type": "in-transit", "loaded_before": 20250101}, ConditionDoc)
Traceback (most recent call last):
...
cattrs.errors.ClassValidationError: While structuring ConditionDoc (1 sub-exception)
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any, Final, cast

import attrs
import cattrs
from cattrs.errors import ForbiddenExtraKeysError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from tariffcalc.measures import Condition, ContentShare, InTransit, NotIfClaimed, OnlyIfClaimed, UseClaimed
from tariffcalc.periods import parse_day

__all__ = [
    "CONDITION_TYPES",
    "CONVERTER",
    "AmendmentDoc",
    "AuthorityDoc",
    "CitationDoc",
    "ConditionDoc",
    "FileDoc",
    "GroupDoc",
    "InstrumentDoc",
    "MeasureDoc",
    "MemberDoc",
    "PreferenceDoc",
    "RuleDoc",
    "ScheduleDoc",
    "StatusDoc",
    "SuspensionDoc",
    "VocabularyDoc",
    "condition_fields",
    "describe_problem",
]


@attrs.define
class ScheduleDoc:
    """The ``[schedule]`` table: the name, a description and the horizon of the data."""

    name: str
    description: str = ""
    horizon: str | None = None


@attrs.define
class VocabularyDoc:
    """
    A ``[vocabulary]`` table: the claim, content, tag and law words the data
    set's measures, rules and authorities may use (see :mod:`.words`).
    """

    claims: list[str] = attrs.Factory(list)
    contents: list[str] = attrs.Factory(list)
    tags: list[str] = attrs.Factory(list)
    laws: list[str] = attrs.Factory(list)


@attrs.define
class InstrumentDoc:
    """An ``[instruments."NAME"]`` table: a legal instrument and the days it became known and applies from."""

    title: str
    known_on: datetime.date
    applies_from: datetime.date | None = None
    published: str | None = None
    url: str | None = None


@attrs.define
class CitationDoc:
    """A ``[measures.citation]`` (or rule, suspension) table: the instrument by name, the heading and the source."""

    instrument: str
    heading: str | None = None
    source: str | None = None
    confidence: str | None = None
    note: str = ""
    heading_when_met: str | None = None


@attrs.define
class ConditionDoc:
    """
    Any condition: ``type`` names one of :data:`CONDITION_TYPES`, whose
    fields (:func:`condition_fields`) are the ones that type reads.
    """

    type: str
    claim: str | None = None
    #: ``use-claimed``: the claim of the other use, which switches the measure off.
    otherwise: str | None = None
    loaded_before: datetime.date | None = None
    entered_before: datetime.date | None = None
    content: str | None = None
    minimum: str | None = None
    #: ``None``: not written, the condition's own default holds.
    inclusive: bool | None = None
    citation: CitationDoc | None = None


@attrs.define
class PreferenceDoc:
    """A ``[[measures.preferences]]`` entry: the rate a claimed programme gives."""

    claim: str
    rate: str


@attrs.define
class AmendmentDoc:
    """
    A ``[[measures.amendments]]`` entry (or ``[[rules.amendments]]``,
    ``[[suspensions.amendments]]``): a later act (its citation) that set the
    end; until the act was known the end was ``previous_end`` (absent: no
    end was known).
    """

    citation: CitationDoc
    previous_end: datetime.date | None = None


@attrs.define
class MeasureDoc:
    """A ``[[measures]]`` entry: one measure as written, its texts not yet parsed."""

    id: str
    title: str
    kind: str
    rate: str
    origins: str
    validity: str
    citation: CitationDoc
    products: str | None = None
    products_file: list[str] = attrs.Factory(list)
    basis: str = "value"
    tags: list[str] = attrs.Factory(list)
    conditions: list[ConditionDoc] = attrs.Factory(list)
    preferences: list[PreferenceDoc] = attrs.Factory(list)
    amendments: list[AmendmentDoc] = attrs.Factory(list)


@attrs.define
class SuspensionDoc:
    """A ``[[suspensions]]`` entry: the measures it stops, its period and any replacement rate."""

    id: str
    measures: list[str]
    period: str
    citation: CitationDoc
    replacement: str | None = None
    amendments: list[AmendmentDoc] = attrs.Factory(list)


@attrs.define
class RuleDoc:
    """A ``[[rules]]`` entry: a stacking rule between two tags."""

    id: str
    when: str
    drops: str
    displaces: str
    validity: str
    citation: CitationDoc
    amendments: list[AmendmentDoc] = attrs.Factory(list)


@attrs.define
class MemberDoc:
    """One member of a country group, with the period of its membership."""

    country: str
    period: str


@attrs.define
class GroupDoc:
    """A ``[[groups]]`` entry: a country group and its dated members."""

    id: str
    name: str
    members: list[MemberDoc]


@attrs.define
class AuthorityDoc:
    """An ``[[authorities]]`` entry: a law and the measure tags that rest on it."""

    id: str
    title: str
    law: str
    tags: list[str]


@attrs.define
class StatusDoc:
    """A ``[[status]]`` entry: an event in the legal status of a law (a ruling, a stay, a refund order)."""

    id: str
    law: str
    on: datetime.date
    kind: str
    title: str
    citation: CitationDoc
    plaintiffs_only: bool = False
    final: bool = False


@attrs.define
class FileDoc:
    """One whole file (a salvaged one keeps ``None`` where an entry failed, so places stay right)."""

    schedule: ScheduleDoc | None = None
    vocabulary: VocabularyDoc | None = None
    instruments: dict[str, InstrumentDoc] = attrs.Factory(dict)
    groups: list[GroupDoc] = attrs.Factory(list)
    measures: list[MeasureDoc] = attrs.Factory(list)
    suspensions: list[SuspensionDoc] = attrs.Factory(list)
    rules: list[RuleDoc] = attrs.Factory(list)
    authorities: list[AuthorityDoc] = attrs.Factory(list)
    status: list[StatusDoc] = attrs.Factory(list)


# --- conditions: the one table of their written forms ----------------------------------

#: Each condition type as written in ``type = "..."``, and the class it reads into.
#: The reader and the writer both use this table; a new condition type is added here.
CONDITION_TYPES: Final[dict[str, type[Condition]]] = {
    "in-transit": InTransit,
    "not-if-claimed": NotIfClaimed,
    "only-if-claimed": OnlyIfClaimed,
    "content-share": ContentShare,
    "use-claimed": UseClaimed,
}


def condition_fields(cls: type[Condition]) -> tuple[attrs.Attribute[Any], ...]:
    """
    The fields a condition class reads from its table (all but its citation,
    which is a subtable), in the order of the class.

    >>> [f.name for f in condition_fields(ContentShare)]
    ['content', 'minimum', 'inclusive']
    """
    # Every condition class is an attrs class; the base class only declares the interface.
    return tuple(f for f in attrs.fields(cast("type[attrs.AttrsInstance]", cls)) if f.name != "citation")


# --- the converter ---------------------------------------------------------------------


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


def _list_of_text(value: Any, _type: Any) -> list[str]:
    if not isinstance(value, list):
        raise TypeError(f'expected a list of texts such as ["a", "b"], got {type(value).__name__} {value!r}')
    bad = [v for v in value if not isinstance(v, str)]
    if bad:
        raise TypeError(f"expected texts in quotes, got {bad[0]!r}")
    return list(value)


#: Fields written even when they hold their default, so a reader of the file sees them.
_ALWAYS_WRITTEN: Final[dict[type[Any], tuple[str, ...]]] = {
    MeasureDoc: ("basis", "tags"),
    StatusDoc: ("plaintiffs_only", "final"),
}

#: Fields a written table starts with, where they are not first in the class
#: (required fields must come before defaulted ones in an attrs class).
_WRITTEN_FIRST: Final[dict[type[Any], tuple[str, ...]]] = {
    MeasureDoc: ("id", "title", "kind", "rate", "products"),
}

_DOCS: Final[tuple[type[Any], ...]] = (
    ScheduleDoc,
    VocabularyDoc,
    InstrumentDoc,
    CitationDoc,
    ConditionDoc,
    PreferenceDoc,
    AmendmentDoc,
    MeasureDoc,
    SuspensionDoc,
    RuleDoc,
    MemberDoc,
    GroupDoc,
    AuthorityDoc,
    StatusDoc,
    FileDoc,
)


def _unstructure_fn(cls: type[Any], converter: cattrs.Converter) -> Callable[[Any], dict[str, Any]]:
    # A field at its default (None, "", []) is left out of the file: absent means the default.
    keep: dict[str, Any] = {name: override(omit_if_default=False) for name in _ALWAYS_WRITTEN.get(cls, ())}
    plain = make_dict_unstructure_fn(cls, converter, _cattrs_omit_if_default=True, **keep)
    first = _WRITTEN_FIRST.get(cls)
    if first is None:
        return plain

    def ordered(value: Any) -> dict[str, Any]:
        raw = plain(value)
        return {**{k: raw[k] for k in first if k in raw}, **raw}

    return ordered


def _converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook(str, _strict_str)
    converter.register_structure_hook(datetime.date, _strict_day)
    converter.register_structure_hook(bool, _strict_bool)
    converter.register_structure_hook_func(lambda t: t == list[str], _list_of_text)
    # products_file accepts one name or a list of names.
    measure = make_dict_structure_fn(
        MeasureDoc, converter, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
    )

    def structure_measure(value: Any, type_: Any) -> MeasureDoc:
        if isinstance(value, dict) and isinstance(value.get("products_file"), str):
            value = {**value, "products_file": [value["products_file"]]}
        return measure(value, type_)

    converter.register_structure_hook(MeasureDoc, structure_measure)
    # Made on first use: reading, the common case, never pays for the writing hooks.
    converter.register_unstructure_hook_factory(lambda t: t in _DOCS, lambda cls: _unstructure_fn(cls, converter))
    return converter


#: Reads (``structure``) and writes (``unstructure``) every document of the schema.
CONVERTER: Final[cattrs.Converter] = _converter()

_VALID_FIELDS: Final[dict[str, tuple[str, ...]]] = {
    cls.__name__: tuple(a.name for a in attrs.fields(cls)) for cls in _DOCS
}


def describe_problem(exc: BaseException, _type: Any) -> str:
    """The message of one field's problem found by :data:`CONVERTER` (for ``cattrs.transform_error``)."""
    if isinstance(exc, KeyError):
        return "this required field is missing"
    if isinstance(exc, ForbiddenExtraKeysError):
        valid = _VALID_FIELDS.get(getattr(exc.cl, "__name__", ""), ())
        return f"unknown field(s) {', '.join(sorted(exc.extra_fields))}; valid fields are " + ", ".join(valid)
    return str(exc)
