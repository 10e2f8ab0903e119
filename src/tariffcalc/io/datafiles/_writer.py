"""
Writing data files: a data set (or a schedule) as the documents of
:mod:`.schema`, unstructured by the same converter that reads them, then
laid out as TOML. :func:`~tariffcalc.io.datafiles.parse_dataset` reads the
text back to an equal data set.

>>> from datetime import date
>>> from tariffcalc.citations import Instrument
>>> from tariffcalc.io.datafiles import DataSet
>>> print(format_dataset(DataSet("tiny", instruments=(Instrument("EO 1", "An order", known_on=date(2025, 1, 1)),))))
# tariffcalc data file
<BLANKLINE>
[schedule]
name = "tiny"
<BLANKLINE>
[instruments."EO 1"]
title = "An order"
known_on = 2025-01-01
<BLANKLINE>
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from tariffcalc.citations import Citation, Instrument
from tariffcalc.errors import DataFileError, Problem
from tariffcalc.io.datafiles._dataset import DataSet, citations
from tariffcalc.io.datafiles._words import KINDS, used_words
from tariffcalc.io.datafiles.schema import (
    CONDITION_TYPES,
    CONVERTER,
    AmendmentDoc,
    AuthorityDoc,
    CitationDoc,
    ConditionDoc,
    FileDoc,
    GroupDoc,
    InstrumentDoc,
    MeasureDoc,
    MemberDoc,
    PreferenceDoc,
    RuleDoc,
    ScheduleDoc,
    StatusDoc,
    SuspensionDoc,
    VocabularyDoc,
    condition_fields,
)
from tariffcalc.measures import Condition, Measure

if TYPE_CHECKING:
    from tariffcalc.schedule import Schedule

__all__ = ["format_dataset", "toml_key", "toml_string", "write_dataset"]

# --- TOML text ----------------------------------------------------------------------------

_ESCAPES: Final = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
_BARE_KEY: Final = re.compile(r"[A-Za-z0-9_-]+")

#: Lists of tables written as ``[[table.key]]`` sections rather than inline.
_ARRAYS_OF_TABLES: Final = frozenset({"conditions", "amendments"})
#: Lists written one item a line.
_ONE_A_LINE: Final = frozenset({"members"})
#: Whitespace-separated texts wrapped over lines when long.
_LONG_TEXTS: Final = frozenset({"products"})


def toml_string(text: str) -> str:
    """
    A TOML basic string.

    >>> print(toml_string('say "hi"\\n'))
    "say \\"hi\\"\\n"
    """
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def toml_key(text: str) -> str:
    """
    A TOML key: bare when it can be, quoted otherwise.

    >>> toml_key("EU"), toml_key("EO 1")
    ('EU', '"EO 1"')
    """
    return text if _BARE_KEY.fullmatch(text) else toml_string(text)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return toml_string(value)
    if type(value) is datetime.date:
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{toml_key(k)} = {_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {value!r} as TOML")


def _long_text(words: Sequence[str], width: int = 96) -> str:
    """A whitespace-separated list as a TOML multi-line string, wrapped."""
    text = " ".join(words)
    if len(text) <= width:
        return toml_string(text)
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


def _table(name: str, table: dict[str, Any]) -> list[str]:
    """The lines of a table's values, then of its subtables (``[name.key]``, ``[[name.key]]``)."""
    lines: list[str] = []
    later: list[str] = []
    for key, value in table.items():
        if isinstance(value, dict):
            later += [f"[{name}.{key}]", *_table(f"{name}.{key}", value)]
        elif key in _ARRAYS_OF_TABLES:
            for item in value:
                later += [f"[[{name}.{key}]]", *_table(f"{name}.{key}", item)]
        elif key in _ONE_A_LINE:
            lines += [f"{key} = [", *(f"  {_value(v)}," for v in value), "]"]
        elif key in _LONG_TEXTS:
            lines.append(f"{key} = {_long_text(value.split())}")
        else:
            lines.append(f"{key} = {_value(value)}")
    return lines + later


def _text(doc: FileDoc) -> str:
    out = ["# tariffcalc data file"]
    for key, value in CONVERTER.unstructure(doc).items():
        if key in ("schedule", "vocabulary"):
            out += ["", f"[{key}]", *_table(key, value)]
        elif isinstance(value, dict):
            for name, table in value.items():
                header = f"{key}.{toml_key(name)}"
                out += ["", f"[{header}]", *_table(header, table)]
        else:
            for table in value:
                out += ["", f"[[{key}]]", *_table(key, table)]
    return "\n".join(out) + "\n"


# --- core objects as documents ---------------------------------------------------------------

_CONDITION_NAMES: Final = {cls: name for name, cls in CONDITION_TYPES.items()}


def _written(value: Any) -> Any:
    """A condition's value as its document holds it (numbers as exact text)."""
    return format(value, "f") if isinstance(value, Decimal) else value


def _citation(citation: Citation) -> CitationDoc:
    return CitationDoc(
        citation.instrument.id,
        citation.heading,
        citation.source,
        None if citation.confidence is None else citation.confidence.value,
        citation.note,
        citation.heading_when_met,
    )


def _condition(condition: Condition) -> ConditionDoc:
    name = _CONDITION_NAMES.get(type(condition))
    if name is None:
        raise DataFileError("cannot write the data file", [Problem(f"no data-file form for condition {condition!r}")])
    values = {f.name: _written(getattr(condition, f.name)) for f in condition_fields(type(condition))}
    citation = None if condition.citation is None else _citation(condition.citation)
    return ConditionDoc(name, **values, citation=citation)


def _measure(m: Measure) -> MeasureDoc:
    return MeasureDoc(
        id=m.id,
        title=m.title,
        kind=m.kind.value,
        rate=str(m.rate),
        products=str(m.products),
        origins=str(m.origins),
        validity=str(m.validity),
        basis=str(m.basis),
        tags=sorted(m.tags),
        preferences=[PreferenceDoc(p.claim, str(p.rate)) for p in m.preferences],
        citation=_citation(m.citation),
        conditions=[_condition(c) for c in m.conditions],
        amendments=[AmendmentDoc(_citation(a.citation), a.previous_end) for a in m.amendments],
    )


def _instruments(data: DataSet) -> list[Instrument]:
    """Every instrument of the data and its citations, one per id."""
    events = data.legal.events if data.legal is not None else ()
    problems: list[Problem] = []
    instruments: dict[str, Instrument] = {}
    for inst in sorted(
        {
            *data.instruments,
            *(c.instrument for c in citations(data.measures, data.suspensions, data.rules)),
            *(e.citation.instrument for e in events),
        },
        key=lambda i: (i.id, repr(i)),
    ):
        if inst.id in instruments and instruments[inst.id] != inst:
            problems.append(Problem(f"two different instruments share the id {inst.id!r}"))
        instruments[inst.id] = inst
    if problems:
        raise DataFileError("cannot write the data file", problems)
    return list(instruments.values())


def _vocabulary(data: DataSet) -> VocabularyDoc | None:
    """The words the data declares and uses (so that the text reads back), or None when it has none."""
    words = used_words(data.measures, data.suspensions, data.rules, data.legal)
    if data.vocabulary is not None:
        words = words | data.vocabulary
    if not any(words.known(k) for k in KINDS):
        return None
    return VocabularyDoc(*(sorted(words.known(k)) for k in KINDS))


def _document(data: DataSet) -> FileDoc:
    instruments = _instruments(data)
    legal = data.legal
    return FileDoc(
        schedule=ScheduleDoc(data.name, data.description, None if data.horizon is None else str(data.horizon)),
        vocabulary=_vocabulary(data),
        instruments={i.id: InstrumentDoc(i.title, i.known_on, i.applies_from, i.published, i.url) for i in instruments},
        groups=[
            GroupDoc(g.id, g.name, [MemberDoc(m.country.code, str(m.period)) for m in g.members])
            for g in sorted(data.groups, key=lambda g: g.id)
        ],
        measures=[_measure(m) for m in sorted(data.measures, key=lambda m: (m.id, str(m.validity)))],
        suspensions=[
            SuspensionDoc(
                s.id,
                sorted(s.measures),
                str(s.period),
                _citation(s.citation),
                None if s.replacement is None else str(s.replacement),
                [AmendmentDoc(_citation(a.citation), a.previous_end) for a in s.amendments],
            )
            for s in sorted(data.suspensions, key=lambda s: s.id)
        ],
        rules=[
            RuleDoc(
                r.id,
                r.when,
                r.drops,
                r.displaces.value,
                str(r.validity),
                _citation(r.citation),
                [AmendmentDoc(_citation(a.citation), a.previous_end) for a in r.amendments],
            )
            for r in sorted(data.rules, key=lambda r: r.id)
        ],
        authorities=[AuthorityDoc(a.id, a.title, a.law, sorted(a.tags)) for a in (legal.authorities if legal else ())],
        status=[
            StatusDoc(e.id, e.law, e.on, e.kind.value, e.title, _citation(e.citation), e.plaintiffs_only, e.final)
            for e in (legal.events if legal else ())
        ],
    )


def format_dataset(data: DataSet | Schedule) -> str:
    """
    The TOML text of a data set or a schedule, every product list written
    inline; :func:`~tariffcalc.io.datafiles.parse_dataset` reads it back to
    an equal data set.
    """
    if not isinstance(data, DataSet):
        data = DataSet.from_schedule(data)
    return _text(_document(data))


def write_dataset(data: DataSet | Schedule, path: str | Path) -> None:
    """Write :func:`format_dataset` of *data* to the file *path* (UTF-8)."""
    Path(path).write_text(format_dataset(data), encoding="utf-8")
