"""
Import the US Harmonized Tariff Schedule from the USITC JSON export.

One revision file (``hts_2025_rev_32.json.gz`` or the plain ``.json``)
becomes base (MFN) measures: one per 8-digit tariff line and one per
10-digit statistical line, for column 1 (General rate, with the Special
rates as preferences) and for column 2 (the "Other" rate, charged on the
goods of the countries of the ``column2`` group, which the caller gives: the
packaged one is :data:`~tariffcalc.us.groups.COLUMN2`).

>>> revision = HtsRevision.from_rows(REV_32, [
...     {"htsno": "0101.29.00", "indent": "2", "description": "Other", "general": "Free",
...      "special": "", "other": "20%"},
...     {"htsno": "0101.29.00.10", "indent": "3", "description": "Imported for immediate slaughter",
...      "general": "", "special": "", "other": ""},
... ])
>>> line = revision.lines["0101290010"]
>>> line.general, line.other, str(line.printed_on)
(Free(), AdValorem(percent=Decimal('20')), '0101.29.00')
>>> [m.id for m in revision.measures()]
['hts.col1.0101.29.00/2025-11-15', 'hts.col2.0101.29.00/2025-11-15', 'hts.col1.0101.29.00.10/2025-11-15', 'hts.col2.0101.29.00.10/2025-11-15']

Where the rate sits: a 10-digit line without a rate of its own takes the
columns of the nearest row above it in the indent hierarchy whose code is
a prefix of its own (normally its 8-digit line); where USITC wrote a tariff
line with a single statistical suffix as a lone 10-digit row, the 8-digit
line takes that row's rates too. A line with no General rate either way
but a Special one (291 Chapter 98 lines, "Free (See U.S. note 4 ...)") is
a line whose General rate is not computable; a line with no rate at all
gives no measure and is listed in :attr:`HtsRevision.unrated`.

Cross-references are followed inside the revision: ``See 9908.12.01 (IL)``
in a Special text becomes the rate that line grants Israel, when every line
it names grants one and the same rate; otherwise the preference is
:class:`~tariffcalc.rates.NotComputable` with the reason.

Chapter 99 rows give no measure: :meth:`HtsRevision.chapter99` reports what
each heading adds. Chapter 98 lines are imported like any other.

Validity: each revision is in force from its effective date to the next
revision's. Only three revisions are shipped (the 2025 Basic Edition, 2025
Rev. 32 and 2026 Rev. 10), so a rate read in the Basic Edition is taken to
hold until Rev. 32 even if an intermediate revision changed it.
:func:`import_hts` merges a line's consecutive revisions into one measure
when its rate and preferences are the same in both, and says so in the
citation note.
"""

from __future__ import annotations

import bisect
import json
import re
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

import attrs

from tariffcalc._decimals import own_context
from tariffcalc.citations import Citation, Instrument
from tariffcalc.codes import ProductCode
from tariffcalc.countries import CountryGroup, OriginScope
from tariffcalc.errors import ScheduleError, TariffError
from tariffcalc.io._interning import Shared
from tariffcalc.io._limits import MAX_HTS_BYTES, LimitError, gunzip_bounded, json_problem, read_bounded
from tariffcalc.io.ratetext import (
    CHAINED,
    MISSING_TARGET,
    NO_GRANT,
    NO_OTHER,
    NO_RATE,
    TIERS,
    Chapter99Formula,
    Reference,
    ReferredPreference,
    SpecialRates,
    is_computable,
    parse_rate_text,
    parse_special_text,
)
from tariffcalc.measures import Measure, MeasureKind, Preference, ProductScope
from tariffcalc.periods import Period
from tariffcalc.rates import Compound, NotComputable, Rate

if TYPE_CHECKING:
    from tariffcalc.schedule import Schedule

__all__ = [
    "BASIC_2025",
    "COLUMN1",
    "COLUMN1_TAGS",
    "COLUMN2_GROUP",
    "COLUMN2_ORIGINS",
    "COLUMN2_TAGS",
    "KNOWN_REVISIONS",
    "REV_32",
    "REV_2026_10",
    "Chapter99Heading",
    "HtsFileError",
    "HtsRevision",
    "HtsRow",
    "Line",
    "Revision",
    "hts_schedule",
    "import_hts",
    "line_measures",
    "merged_spans",
    "read_revision",
    "read_rows",
    "revision_for",
]


class HtsFileError(TariffError, ValueError):
    """An HTS export that cannot be read: a missing file, bad JSON, a row without its keys."""


# --- revisions -------------------------------------------------------------------


@attrs.frozen
class Revision:
    """
    One revision of the HTS: its name, the day it took effect, and the stem
    of the USITC export file it is read from.

    >>> REV_32.instrument.id, str(REV_32.effective)
    ('HTS 2025 Rev. 32', '2025-11-15')
    """

    id: str
    title: str
    effective: date
    stem: str

    @property
    def instrument(self) -> Instrument:
        """The revision as the legal instrument of its measures."""
        return _instrument(self)


_INSTRUMENTS: dict[Revision, Instrument] = {}


def _instrument(revision: Revision) -> Instrument:
    found = _INSTRUMENTS.get(revision)
    if found is None:
        found = _INSTRUMENTS[revision] = Instrument(
            id=revision.id,
            title=f"Harmonized Tariff Schedule of the United States ({revision.title})",
            known_on=revision.effective,
            published="USITC",
            url="https://hts.usitc.gov/",
        )
    return found


# The effective dates are those of the source repository's
# config/revision_dates.csv (see tests/data/hts/README.md); they were not
# checked against USITC's own release list.
BASIC_2025 = Revision("HTS 2025 Basic Edition", "2025 Basic Edition", date(2025, 1, 1), "hts_2025_basic")
REV_32 = Revision("HTS 2025 Rev. 32", "2025 Revision 32", date(2025, 11, 15), "hts_2025_rev_32")
REV_2026_10 = Revision("HTS 2026 Rev. 10", "2026 Revision 10", date(2026, 6, 8), "hts_2026_rev_10")

#: The revisions tariffcalc knows by file name, in order.
KNOWN_REVISIONS: tuple[Revision, ...] = (BASIC_2025, REV_32, REV_2026_10)


def revision_for(path: str | Path) -> Revision:
    """
    The known revision a USITC file name stands for.

    >>> revision_for("data/hts_2025_rev_32.json.gz").id
    'HTS 2025 Rev. 32'
    """
    name = Path(path).name
    stem = re.sub(r"\.json(?:\.gz)?$", "", name)
    for revision in KNOWN_REVISIONS:
        if revision.stem == stem:
            return revision
    raise HtsFileError(
        f"{path}: cannot tell which HTS revision {name!r} is; name the file after a known revision "
        f"({', '.join(r.stem + '.json.gz' for r in KNOWN_REVISIONS)}) or pass revision=Revision(...)"
    )


# --- origins ----------------------------------------------------------------------------

#: The id of the country group whose goods pay column 2, which the measures name.
COLUMN2_GROUP = "column2"
#: Column 1 (General and Special) applies to every origin but column 2 countries.
COLUMN1 = OriginScope(everywhere=True, excluded_groups=frozenset({COLUMN2_GROUP}))
#: Column 2 applies to column 2 countries only.
COLUMN2_ORIGINS = OriginScope(groups=frozenset({COLUMN2_GROUP}))

#: Tags of the imported measures, for stacking rules that name the HTS columns
#: (column 1 and column 2 measures of a line never meet: their origins are disjoint).
COLUMN1_TAGS = frozenset({"hts", "hts.column1"})
COLUMN2_TAGS = frozenset({"hts", "hts.column2"})

# --- rows -----------------------------------------------------------------------------

_KEYS = ("htsno", "indent", "description", "general", "special", "other")


@attrs.frozen
class HtsRow:
    """
    One row of the USITC export, as printed (texts with their whitespace
    collapsed); ``position`` is its index in the file.

    >>> row = HtsRow(7, "0101.29.00", 2, "Other", "Free", "", "20%")
    >>> row.code, row.chapter
    (ProductCode(digits='01012900'), '01')
    """

    position: int
    htsno: str
    indent: int
    description: str
    general: str
    special: str
    other: str

    @property
    def code(self) -> ProductCode | None:
        """The row's code, ``None`` on text-only grouping rows."""
        return ProductCode.parse(self.htsno) if self.htsno else None

    @property
    def chapter(self) -> str:
        """The two-digit chapter, ``""`` on grouping rows."""
        return self.htsno[:2]


def _row(position: int, raw: Any, where: str) -> HtsRow:
    if not isinstance(raw, dict):
        raise HtsFileError(f"{where}: row {position} is {type(raw).__name__}, expected an object with {_KEYS}")
    missing = [k for k in _KEYS if k not in raw]
    if missing:
        raise HtsFileError(
            f"{where}: row {position} (htsno {raw.get('htsno')!r}) lacks {missing}; a USITC row has {_KEYS}"
        )
    try:
        indent = int(str(raw["indent"]).strip() or 0)
    except ValueError:
        raise HtsFileError(
            f"{where}: row {position} (htsno {raw['htsno']!r}) has indent {raw['indent']!r}; expected a number"
        ) from None
    htsno = str(raw["htsno"] or "").strip()
    if htsno:
        try:
            ProductCode.parse(htsno)
        except TariffError as e:
            raise HtsFileError(f"{where}: row {position}: htsno {htsno!r} is not an HTS number ({e})") from None
    return HtsRow(
        position,
        htsno,
        indent,
        " ".join(str(raw["description"] or "").split()),
        " ".join(str(raw["general"] or "").split()),
        " ".join(str(raw["special"] or "").split()),
        " ".join(str(raw["other"] or "").split()),
    )


def read_rows(path: str | Path) -> tuple[HtsRow, ...]:
    """
    Read every row of a USITC JSON export (``.json.gz`` or ``.json``).

    >>> read_rows("no/such/file.json.gz")
    Traceback (most recent call last):
    ...
    tariffcalc.io.hts.HtsFileError: no/such/file.json.gz: no such file; give the path of a USITC HTS export such as hts_2025_rev_32.json.gz
    """
    from tariffcalc.io._guard import STDIN_NAME, file_problem, is_stdin, read_stdin

    stdin = is_stdin(path)  # ``-``: the export read from standard input, plain or gzipped (told by its magic bytes)
    p = Path(path)
    problem = None if stdin else file_problem(p)  # checked before opening: a FIFO would block, a long name raise
    if problem is not None:
        raise HtsFileError(f"{path}: {problem}; give the path of a USITC HTS export such as hts_2025_rev_32.json.gz")
    if stdin:
        path = STDIN_NAME
    try:
        raw = read_stdin(MAX_HTS_BYTES, "", LimitError) if stdin else read_bounded(p, MAX_HTS_BYTES, "the file")
        if raw[:2] == b"\x1f\x8b":
            raw = gunzip_bounded(raw, MAX_HTS_BYTES, "the file")
        refused = json_problem(raw)
        if refused is not None:
            raise LimitError(refused)
        data = json.loads(raw)
    except LimitError as e:
        raise HtsFileError(f"{path}: refused: {e}") from None
    except (OSError, EOFError, zlib.error, ValueError, RecursionError) as e:  # ValueError: also a 5,000-digit number
        raise HtsFileError(f"{path}: not a readable USITC JSON export ({e})") from None
    if not isinstance(data, list):
        raise HtsFileError(f"{path}: expected a JSON array of rows, got {type(data).__name__}")
    return tuple(_row(i, raw, str(path)) for i, raw in enumerate(data))


# --- lines and their rates ---------------------------------------------------------------

Column = Literal["general", "special", "other"]
COLUMNS: tuple[Column, ...] = ("general", "special", "other")

#: How a column text was read: ``exact`` (a computable rate, or a Chapter 99
#: formula on the applicable subheading), ``reference_resolved`` (it named
#: other lines and the importer followed them), or the reason it is not
#: computable.
Status = str
EXACT = "exact"
RESOLVED = "reference_resolved"


@attrs.frozen
class Line:
    """
    An 8- or 10-digit line with the rates that apply to it (its own or those
    of the row it inherits from, ``printed_on``), references followed. A
    line that prints no Other rate has a
    :class:`~tariffcalc.rates.NotComputable` one, never none.

    >>> revision = HtsRevision.from_rows(REV_32, [
    ...     {"htsno": "9801.00.10", "indent": "0", "description": "US goods returned",
    ...      "general": "Free", "special": "", "other": ""}])
    >>> revision.lines["98010010"].other
    NotComputable(reason='no column 2 (Other) rate on the line or its parent', text='')
    """

    code: ProductCode
    description: str
    printed_on: ProductCode
    general: Rate
    preferences: tuple[Preference, ...]
    other: Rate


@attrs.frozen
class Chapter99Heading:
    """
    A Chapter 99 heading and what it adds (``general``): reported, never
    turned into a measure.
    """

    heading: str
    description: str
    general: Rate | Chapter99Formula | Reference | None
    special: SpecialRates
    other: Rate | Chapter99Formula | Reference | None

    def adds(self) -> str:
        """
        What the heading adds, in words.

        >>> Chapter99Heading("9903.01.25", "", parse_rate_text("The duty provided in the applicable subheading + 10%"),
        ...                  SpecialRates(), None).adds()
        'the applicable subheading + 10%'
        """
        return "nothing printed" if self.general is None else str(self.general)


def _status_of(value: Rate | Chapter99Formula | None, resolved: bool) -> Status:
    if isinstance(value, NotComputable):
        return value.reason
    if isinstance(value, Chapter99Formula) and isinstance(value.addition, NotComputable):
        return value.addition.reason
    if isinstance(value, Compound):
        for part in value.parts:
            if isinstance(part, NotComputable):
                return part.reason
    return RESOLVED if resolved else EXACT


class _Resolver:
    """Follows references between the rows of one revision."""

    def __init__(self, parsed: Mapping[str, tuple[Any, SpecialRates, Any]]) -> None:
        self.parsed = parsed
        self.codes = sorted(parsed)

    def exists(self, digits: str) -> bool:
        """Whether a row has this code or a code below it."""
        i = bisect.bisect_left(self.codes, digits)
        return i < len(self.codes) and self.codes[i].startswith(digits)

    def _targets(self, ref: Reference) -> list[str] | None:
        found: list[str] = []
        for target in ref.targets:
            start, _, end = target.partition("-")
            low = ProductCode.parse(start).digits
            high = ProductCode.parse(end).digits if end else low
            # Codes are digit strings in order: those under [low, high] are one run.
            hits = self.codes[bisect.bisect_left(self.codes, low) : bisect.bisect_left(self.codes, high + "~")]
            if not hits:
                return None
            found.extend(hits)
        return found

    def column(self, ref: Reference, index: int) -> Rate:
        targets = self._targets(ref)
        if targets is None:
            return NotComputable(MISSING_TARGET, ref.text)
        rates = {self.parsed[d][index] for d in targets} - {None}
        return self._one(rates, ref)

    def preference(self, ref: Reference, claim: str) -> Rate:
        targets = self._targets(ref)
        if targets is None:
            return NotComputable(MISSING_TARGET, ref.text)
        rates: set[Rate | Reference] = set()
        for d in targets:
            special: SpecialRates = self.parsed[d][1]
            # A grant that refers on is not followed again: _one reads it as a chain, not computable.
            rates.update(
                p.rate if isinstance(p, Preference) else p.reference for p in special.preferences if p.claim == claim
            )
        if not rates:
            return NotComputable(NO_GRANT, ref.text)
        return self._one(rates, ref)

    def _one(self, rates: set[Any], ref: Reference) -> Rate:
        if not rates:
            return NotComputable(NO_GRANT, ref.text)
        if len(rates) > 1:
            return NotComputable(TIERS, ref.text)
        (rate,) = rates
        if not isinstance(rate, Rate) or not is_computable(rate):
            return NotComputable(CHAINED, ref.text)
        return rate


@attrs.frozen
class HtsRevision:
    """
    One revision of the HTS, read: its rows, its 8- and 10-digit lines (outside
    Chapter 99) with their rates, the lines without a General rate
    (``unrated``), how each rate text was read (``statuses``, keyed by row
    position and column; :func:`~tariffcalc.io.hts_coverage.revision_coverage`
    counts them) and the parsed columns of every row (``parsed``).

    >>> revision = HtsRevision.from_rows(REV_32, [
    ...     {"htsno": "9903.01.25", "indent": "0", "description": "Reciprocal baseline",
    ...      "general": "The duty provided in the applicable subheading + 10%", "special": "", "other": ""},
    ...     {"htsno": "9802.00.91.00", "indent": "0", "description": "Textile goods assembled in Mexico",
    ...      "general": "", "special": "Free (See U.S. note 4 of this subchapter)", "other": ""},
    ...     {"htsno": "9817.00.99", "indent": "0", "description": "A line printing no rate", "general": "",
    ...      "special": "", "other": ""}])
    >>> str(revision.lines["9802009100"].general), [str(c) for c in revision.unrated]
    ('not computable: no General rate on the line or its parent | Special only: Free (See U.S. note 4 of this subchapter)', ['9817.00.99'])
    >>> [h.adds() for h in revision.chapter99()]
    ['the applicable subheading + 10%']
    """

    revision: Revision
    rows: tuple[HtsRow, ...] = attrs.field(repr=False)
    lines: Mapping[str, Line] = attrs.field(repr=False)
    unrated: tuple[ProductCode, ...] = attrs.field(repr=False)
    statuses: Mapping[tuple[int, Column], Status] = attrs.field(repr=False)
    parsed: Mapping[str, tuple[Any, SpecialRates, Any]] = attrs.field(repr=False)

    @classmethod
    def from_rows(
        cls, revision: Revision, rows: Iterable[HtsRow | Mapping[str, Any]], *, where: str = "<rows>"
    ) -> HtsRevision:
        """
        Read rows already loaded (``HtsRow`` or USITC dicts, in schedule order).

        >>> HtsRevision.from_rows(REV_32, [{"htsno": "0101.30.00.00", "indent": "1", "description": "Asses",
        ...     "general": "6.8%", "special": "", "other": "15%"}]).lines["01013000"].general
        AdValorem(percent=Decimal('6.8'))
        """
        table = tuple(r if isinstance(r, HtsRow) else _row(i, dict(r), where) for i, r in enumerate(rows))
        shared = Shared()
        parsed: dict[str, tuple[Any, SpecialRates, Any]] = {}
        for row in table:
            if not row.htsno:
                continue
            general = parse_rate_text(row.general) if row.general else None
            special = parse_special_text(row.special)
            other = parse_rate_text(row.other) if row.other else None
            digits = ProductCode.parse(row.htsno).digits
            parsed.setdefault(digits, (general, special, other))

        resolver = _Resolver(parsed)
        statuses: dict[tuple[int, Column], Status] = {}
        resolved_values: dict[str, tuple[Any, SpecialRates, Any]] = {}
        for row in table:
            if not row.htsno:
                continue
            digits = ProductCode.parse(row.htsno).digits
            general, special, other = parsed[digits]
            g, g_status = cls._resolve_single(general, 0, resolver)
            o, o_status = cls._resolve_single(other, 2, resolver)
            s, s_status = cls._resolve_special(special, resolver, shared)
            if row.general:
                statuses[(row.position, "general")] = g_status
            if row.special:
                statuses[(row.position, "special")] = s_status
            if row.other:
                statuses[(row.position, "other")] = o_status
            resolved_values.setdefault(digits, (g, s, o))

        lines, unrated = cls._lines(table, resolved_values, shared)
        return cls(revision, table, lines, unrated, statuses, resolved_values)

    @staticmethod
    def _resolve_single(value: Any, index: int, resolver: _Resolver) -> tuple[Any, Status]:
        if value is None:
            return None, EXACT
        if isinstance(value, Reference):
            rate = resolver.column(value, index)
            return rate, _status_of(rate, resolved=True)
        if isinstance(value, Chapter99Formula) and value.subheadings:
            missing = [c for c in value.subheadings if not resolver.exists(ProductCode.parse(c).digits)]
            if missing:
                return value, MISSING_TARGET
            return value, _status_of(value, resolved=True)
        return value, _status_of(value, resolved=False)

    @staticmethod
    def _resolve_special(special: SpecialRates, resolver: _Resolver, shared: Shared) -> tuple[SpecialRates, Status]:
        resolved_any = False
        problems: list[str] = []
        preferences: list[Preference] = []
        for p in special.preferences:
            if isinstance(p, ReferredPreference):
                rate = resolver.preference(p.reference, p.claim)
                resolved_any = True
            else:
                rate = p.rate
            status = _status_of(rate, resolved=False)
            if status != EXACT:
                problems.append(status)
            preferences.append(shared(Preference(p.claim, shared(rate))))
        unlisted, u_status = HtsRevision._resolve_single(special.unlisted, 1, resolver)
        if special.unlisted is not None:
            if u_status == RESOLVED:
                resolved_any = True
            elif u_status != EXACT:
                problems.append(u_status)
        result = shared(SpecialRates(shared(tuple(preferences)), unlisted))
        if problems:
            return result, problems[0]
        return result, RESOLVED if resolved_any else EXACT

    @staticmethod
    def _lines(
        table: Sequence[HtsRow], values: Mapping[str, tuple[Any, SpecialRates, Any]], shared: Shared
    ) -> tuple[dict[str, Line], tuple[ProductCode, ...]]:
        lines: dict[str, Line] = {}
        unrated: list[ProductCode] = []
        stack: list[HtsRow] = []
        lone_children: dict[str, list[Line]] = {}
        eights = {r.htsno.replace(".", "") for r in table if len(r.htsno.replace(".", "")) == 8}
        for row in table:
            while stack and stack[-1].indent >= row.indent:
                stack.pop()
            if row.htsno and row.chapter != "99" and len(row.htsno.replace(".", "")) in (8, 10):
                code = ProductCode.parse(row.htsno)
                bearer = row if row.general else None
                if bearer is None:
                    for above in reversed(stack):
                        if above.htsno and above.general and code.digits.startswith(above.htsno.replace(".", "")):
                            bearer = above
                            break
                if bearer is None and row.special:
                    # 291 Chapter 98 lines print only a Special rate ("Free (See U.S. note 4 ...)",
                    # "Free (CA, MX)"): the line is known, its General rate is not computable.
                    bearer = row
                if bearer is None:
                    unrated.append(code)
                else:
                    line = HtsRevision._line(code, row, bearer, values, shared)
                    lines[code.digits] = line
                    if code.level == 10 and code.digits[:8] not in eights:
                        lone_children.setdefault(code.digits[:8], []).append(line)
            if row.htsno or row.description:
                stack.append(row)
        for digits, children in lone_children.items():
            if digits in lines:
                continue
            first = children[0]
            if all(
                (c.general, c.preferences, c.other) == (first.general, first.preferences, first.other) for c in children
            ):
                lines[digits] = attrs.evolve(first, code=ProductCode(digits))
        return dict(sorted(lines.items())), tuple(unrated)

    @staticmethod
    def _line(
        code: ProductCode,
        row: HtsRow,
        bearer: HtsRow,
        values: Mapping[str, tuple[Any, SpecialRates, Any]],
        shared: Shared,
    ) -> Line:
        general, special, other = values[ProductCode.parse(bearer.htsno).digits]
        if isinstance(general, Chapter99Formula):  # pragma: no cover - only Chapter 99 prints formulas
            general = NotComputable(NO_RATE, general.text)
        if isinstance(other, Chapter99Formula):  # pragma: no cover
            other = NotComputable(NO_RATE, other.text)
        if general is None:  # a Chapter 98 line with a Special rate only: say which
            general = NotComputable(NO_RATE, f"Special only: {bearer.special}")
        if other is None:
            # 48 Chapter 98 lines print a General rate and no Other rate: column 2
            # goods get no silent zero there, but a rate that says so.
            other = NotComputable(NO_OTHER, "")
        return Line(
            code,
            shared(row.description),
            ProductCode.parse(bearer.htsno),
            shared(general),
            # Resolved: every ReferredPreference was followed to a Preference (the tuple stays shared).
            cast("tuple[Preference, ...]", special.preferences),
            shared(other),
        )

    # --- what a revision gives ---------------------------------------------------------

    def measures(self, validity: Period | None = None) -> tuple[Measure, ...]:
        """
        The base measures of this revision alone: per line, column 1 (General
        rate, Special preferences) and column 2 (Other rate), in code order,
        in force from the revision's effective date (open-ended unless
        *validity* is given).
        """
        shared = Shared()
        period = validity or Period(self.revision.effective)
        out: list[Measure] = []
        for line in self.lines.values():
            out.extend(_line_measures(line, self.revision, period, "", shared))
        return tuple(out)

    def chapter99(self) -> tuple[Chapter99Heading, ...]:
        """
        Every Chapter 99 heading with what it adds: reported, not applied
        (see the class example).
        """
        out = []
        for row in self.rows:
            if row.chapter != "99" or not row.htsno:
                continue
            general, special, other = self.parsed[ProductCode.parse(row.htsno).digits]
            out.append(Chapter99Heading(row.htsno, row.description, general, special, other))
        return tuple(out)


def line_measures(
    code: ProductCode,
    title: str,
    general: Rate,
    preferences: tuple[Preference, ...],
    other: Rate,
    revision: Revision,
    period: Period,
    *,
    printed_on: ProductCode | None = None,
    note: str = "",
    shared: Shared | None = None,
) -> tuple[Measure, ...]:
    """
    The base measures of one line: column 1 (``hts.col1.CODE/START``) and, if
    it has an Other rate, column 2 (``hts.col2.CODE/START``). Shared parts
    (scope, citation) are interned.

    >>> from datetime import date
    >>> [m.id for m in line_measures(ProductCode.parse("6109.10.00"), "Of cotton", parse_rate_text("16.5%"), (),
    ...                              parse_rate_text("90%"), REV_32, Period(date(2025, 11, 15)))]
    ['hts.col1.6109.10.00/2025-11-15', 'hts.col2.6109.10.00/2025-11-15']
    """
    dotted = str(code)
    shared = shared or Shared()
    scope = shared(ProductScope((code,)))
    if printed_on is not None and printed_on != code:
        note = f"rate printed on {printed_on}; {note}" if note else f"rate printed on {printed_on}"
    citation = shared(Citation(_instrument(revision), heading=dotted, note=note))
    start = period.start.isoformat()
    col1 = Measure(
        id=f"hts.col1.{dotted}/{start}",
        title=title,
        kind=MeasureKind.BASE,
        rate=general,
        products=scope,
        origins=COLUMN1,
        validity=period,
        citation=citation,
        tags=COLUMN1_TAGS,
        preferences=preferences,
    )
    col2 = Measure(
        id=f"hts.col2.{dotted}/{start}",
        title=title,
        kind=MeasureKind.BASE,
        rate=other,
        products=scope,
        origins=COLUMN2_ORIGINS,
        validity=period,
        citation=citation,
        tags=COLUMN2_TAGS,
    )
    return (col1, col2)


def _line_measures(line: Line, revision: Revision, period: Period, note: str, shared: Shared) -> tuple[Measure, ...]:
    return line_measures(
        line.code,
        line.description,
        line.general,
        line.preferences,
        line.other,
        revision,
        period,
        printed_on=line.printed_on,
        note=note,
        shared=shared,
    )


@own_context
def read_revision(path: str | Path, revision: Revision | None = None) -> HtsRevision:
    """
    Read one USITC export file; its revision is told by the file name unless given.

    >>> read_revision("hts_2031_rev_1.json.gz")
    Traceback (most recent call last):
    ...
    tariffcalc.io.hts.HtsFileError: hts_2031_rev_1.json.gz: cannot tell which HTS revision 'hts_2031_rev_1.json.gz' is; name the file after a known revision (hts_2025_basic.json.gz, hts_2025_rev_32.json.gz, hts_2026_rev_10.json.gz) or pass revision=Revision(...)
    >>> read_revision("missing/hts_2025_rev_32.json.gz")
    Traceback (most recent call last):
    ...
    tariffcalc.io.hts.HtsFileError: missing/hts_2025_rev_32.json.gz: no such file; give the path of a USITC HTS export such as hts_2025_rev_32.json.gz
    """
    return HtsRevision.from_rows(revision or revision_for(path), read_rows(path), where=str(path))


def merged_spans(revisions: Sequence[HtsRevision]) -> Iterator[tuple[Line, Revision, Period, str]]:
    """
    Each line's runs of consecutive revisions with the same rates: the
    line (as read in the first revision of the run), that revision, the
    period of the run and the citation note naming the revisions merged.

    >>> def one(revision, rate):
    ...     return HtsRevision.from_rows(revision, [{"htsno": "6109.10.00", "indent": "1",
    ...         "description": "Of cotton", "general": rate, "special": "", "other": "90%"}])
    >>> [(str(p), note) for _, _, p, note in merged_spans([one(BASIC_2025, "16.5%"), one(REV_32, "16.5%"),
    ...                                                    one(REV_2026_10, "12%")])]
    [('2025-01-01/2026-06-08', 'same rates in HTS 2025 Basic Edition, HTS 2025 Rev. 32'), ('2026-06-08/', '')]
    """
    ordered = sorted(revisions, key=lambda r: r.revision.effective)
    starts = [r.revision.effective for r in ordered]
    ends: list[date | None] = [*starts[1:], None]
    codes = sorted({d for r in ordered for d in r.lines})
    for digits in codes:
        run: list[int] = []
        for i, rev in enumerate(ordered):
            line = rev.lines.get(digits)
            if line is None:
                if run:
                    yield _emit(ordered, digits, run, starts, ends)
                    run = []
                continue
            if run:
                prev = ordered[run[-1]].lines[digits]
                if (prev.general, prev.preferences, prev.other, prev.printed_on) == (
                    line.general,
                    line.preferences,
                    line.other,
                    line.printed_on,
                ):
                    run.append(i)
                    continue
                yield _emit(ordered, digits, run, starts, ends)
            run = [i]
        if run:
            yield _emit(ordered, digits, run, starts, ends)


def _emit(
    ordered: Sequence[HtsRevision], digits: str, run: list[int], starts: list[date], ends: list[date | None]
) -> tuple[Line, Revision, Period, str]:
    first = ordered[run[0]]
    line = first.lines[digits]
    period = Period(starts[run[0]], ends[run[-1]])
    note = ""
    if len(run) > 1:
        note = "same rates in " + ", ".join(ordered[i].revision.id for i in run)
    return line, first.revision, period, note


def import_hts(revisions: Iterable[HtsRevision | str | Path]) -> tuple[Measure, ...]:
    """
    The base measures of several revisions (read or paths), each in force
    from its effective date to the next one's (the last open-ended), a
    line's consecutive revisions merged where its rates did not change.

    >>> rev = HtsRevision.from_rows(REV_32, [{"htsno": "8703.23.01", "indent": "2", "description": "Cars",
    ...     "general": "2.5%", "special": "Free (AU,S)", "other": "10%"}])
    >>> [(m.id, str(m.rate), str(m.origins)) for m in import_hts([rev])]
    [('hts.col1.8703.23.01/2025-11-15', '2.5%', 'all -@column2'), ('hts.col2.8703.23.01/2025-11-15', '10%', '@column2')]
    """
    read = [r if isinstance(r, HtsRevision) else read_revision(r) for r in revisions]
    shared = Shared()
    out: list[Measure] = []
    for line, revision, period, note in merged_spans(read):
        out.extend(_line_measures(line, revision, shared(period), note, shared))
    return tuple(out)


def hts_schedule(
    revisions: Iterable[HtsRevision | str | Path], name: str = "us-hts", *, column2: CountryGroup
) -> Schedule:
    """
    A :class:`~tariffcalc.schedule.Schedule` of :func:`import_hts`, with
    *column2*, the group of the countries whose goods pay column 2 (its id
    must be :data:`COLUMN2_GROUP`, which the measures name; the packaged
    one is :data:`tariffcalc.us.groups.COLUMN2`).

    >>> from tariffcalc.us.groups import COLUMN2
    >>> rev = HtsRevision.from_rows(REV_32, [{"htsno": "8703.23.01", "indent": "2", "description": "Cars",
    ...     "general": "2.5%", "special": "Free (AU,S)", "other": "10%"}])
    >>> hts_schedule([rev], column2=COLUMN2).resolve("8703.23.01.90", "AU", date(2026, 1, 5), value=1000, claims=["au"]).amount
    Decimal('0.00')
    """
    from tariffcalc._validators import require
    from tariffcalc.schedule import Schedule

    require(column2, CountryGroup, "column2")
    if column2.id != COLUMN2_GROUP:
        raise ScheduleError(
            f"the column 2 group of schedule {name!r} is {column2.id!r}",
            [f"the imported measures name the group {COLUMN2_GROUP!r}: give a CountryGroup of that id"],
        )
    return Schedule(name, import_hts(revisions), groups=[column2])
