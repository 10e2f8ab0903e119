"""
The packaged default MFN schedule: the base (column 1 and column 2) duties
of every 8- and 10-digit line of the US HTS, from the 2025 Basic Edition,
2025 Revision 32 and 2026 Revision 10.

>>> from datetime import date
>>> mfn = load_mfn()
>>> r = mfn.resolve("6109.10.00.12", "VN", date(2025, 6, 1), value=20000)
>>> r.rate, r.amount
(Decimal('16.5'), Decimal('3300.00'))
>>> mfn.resolve("6109.10.00.12", "RU", date(2025, 6, 1), value=20000).rate
Decimal('90')

The data is a compact extract, ``hts_mfn.json.gz``, generated from the
USITC exports by ``scripts/make_mfn_extract.py``; its header records each
source file with its sha256. Rates are stored in their canonical text
(``str(rate)``, read back by :meth:`~tariffcalc.rates.Rate.parse`), so
loading does not run the HTS rate-text parser.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from tariffcalc.codes import ProductCode
from tariffcalc.errors import DataFileError
from tariffcalc.io._interning import Shared
from tariffcalc.io.hts import HtsRevision, Revision, line_measures, merged_spans
from tariffcalc.measures import Measure, Preference
from tariffcalc.periods import Period
from tariffcalc.rates import Rate
from tariffcalc.us.groups import COLUMN2

if TYPE_CHECKING:
    from tariffcalc.schedule import Schedule

__all__ = ["EXTRACT", "FORMAT", "build_extract", "load_mfn", "measures_from_extract", "mfn_measures", "read_extract"]

#: The packaged extract, inside the ``tariffcalc`` package.
EXTRACT = "us/data/hts_mfn.json.gz"
#: The format tag the loader accepts.
FORMAT = "tariffcalc-hts-mfn/1"

_LINE_FIELDS = ["code", "title", "general", "preferences", "other", "period", "revision", "note", "printed_on"]


class _Table:
    """Distinct values, each stored once and referred to by index."""

    def __init__(self) -> None:
        self.values: list[Any] = []
        self.index: dict[Any, int] = {}

    def add(self, value: Any) -> int:
        found = self.index.get(value)
        if found is None:
            found = self.index[value] = len(self.values)
            self.values.append(value)
        return found


def build_extract(revisions: Sequence[HtsRevision], sources: Iterable[Mapping[str, str]]) -> dict[str, Any]:
    """
    The extract of *revisions* as a JSON-ready object; *sources* describe the
    files read (``file``, ``sha256``), in the order of *revisions*.

    Every rate is checked to read back from its canonical text.

    >>> from tariffcalc.io.hts import REV_32
    >>> rev = HtsRevision.from_rows(REV_32, [{"htsno": "0102.29.40", "indent": "3", "description": "Other",
    ...     "general": "1¢/kg", "special": "Free (A+,AU)", "other": "6.6¢/kg"}])
    >>> extract = build_extract([rev], [{"file": "example.json.gz", "sha256": "0" * 64}])
    >>> extract["rates"], extract["lines"]
    (['Free', '$0.01/kg', '$0.066/kg'], [['01022940', 0, 1, 0, 2, 0, 0, 0, '']])
    >>> [m.id for m in measures_from_extract(extract)]
    ['hts.col1.0102.29.40/2025-11-15', 'hts.col2.0102.29.40/2025-11-15']
    """
    rates, titles, notes, claims = _Table(), _Table(), _Table(), _Table()
    preferences, periods = _Table(), _Table()
    ordered = sorted(revisions, key=lambda r: r.revision.effective)
    revision_index = {r.revision: i for i, r in enumerate(ordered)}

    def rate(value: Rate) -> int:
        text = str(value)
        if Rate.parse(text) != value:
            raise DataFileError("the MFN extract cannot be written", [f"{value!r} does not read back from {text!r}"])
        return int(rates.add(text))

    lines = []
    for line, revision, period, note in merged_spans(ordered):
        prefs = tuple((claims.add(p.claim), rate(p.rate)) for p in line.preferences)
        lines.append(
            [
                line.code.digits,
                titles.add(line.description),
                rate(line.general),
                preferences.add(prefs),
                rate(line.other),
                periods.add((str(period.start), str(period.end) if period.end else None)),
                revision_index[revision],
                notes.add(note),
                "" if line.printed_on == line.code else line.printed_on.digits,
            ]
        )
    return {
        "format": FORMAT,
        "generated_by": "scripts/make_mfn_extract.py",
        "sources": [
            {
                **dict(source),
                "revision": r.revision.id,
                "title": r.revision.title,
                "effective": str(r.revision.effective),
                "stem": r.revision.stem,
            }
            for r, source in zip(ordered, sources, strict=True)
        ],
        "rates": rates.values,
        "claims": claims.values,
        "preferences": [[list(p) for p in prefs] for prefs in preferences.values],
        "titles": titles.values,
        "notes": notes.values,
        "periods": [list(p) for p in periods.values],
        "line_fields": _LINE_FIELDS,
        "lines": lines,
    }


def measures_from_extract(data: Mapping[str, Any], where: str = EXTRACT) -> tuple[Measure, ...]:
    """
    The measures an extract stands for (equal to :func:`tariffcalc.io.hts.import_hts`
    of its sources; see :func:`build_extract` for an example).
    """
    if data.get("format") != FORMAT or data.get("line_fields") != _LINE_FIELDS:
        raise DataFileError(
            f"cannot read {where}",
            [
                f"{where}: format {data.get('format')!r} is not {FORMAT!r}; regenerate it with scripts/make_mfn_extract.py"
            ],
        )
    revisions = [
        Revision(s["revision"], s["title"], date.fromisoformat(s["effective"]), s["stem"]) for s in data["sources"]
    ]
    rates = [Rate.parse(t) for t in data["rates"]]
    claims = data["claims"]
    preferences = [tuple(Preference(claims[c], rates[r]) for c, r in prefs) for prefs in data["preferences"]]
    periods = [Period(date.fromisoformat(s), date.fromisoformat(e) if e else None) for s, e in data["periods"]]
    titles, notes = data["titles"], data["notes"]
    codes: dict[str, ProductCode] = {}
    shared = Shared()

    def code(digits: str) -> ProductCode:
        found = codes.get(digits)
        if found is None:
            found = codes[digits] = ProductCode(digits)
        return found

    out: list[Measure] = []
    for digits, title, general, prefs, other, period, revision, note, printed_on in data["lines"]:
        c = code(digits)
        out.extend(
            line_measures(
                c,
                titles[title],
                rates[general],
                preferences[prefs],
                rates[other],
                revisions[revision],
                periods[period],
                printed_on=code(printed_on) if printed_on else c,
                note=notes[note],
                shared=shared,
            )
        )
    return tuple(out)


def read_extract(path: str | None = None) -> dict[str, Any]:
    """
    The extract as stored (the packaged one unless *path* is given).

    >>> [s["file"] for s in read_extract()["sources"]]
    ['hts_2025_basic.json.gz', 'hts_2025_rev_32.json.gz', 'hts_2026_rev_10.json.gz']
    """
    if path is None:
        raw = files("tariffcalc").joinpath(EXTRACT).read_bytes()
    else:
        with open(path, "rb") as f:
            raw = f.read()
    data: dict[str, Any] = json.loads(gzip.decompress(raw))
    return data


@cache
def mfn_measures() -> tuple[Measure, ...]:
    """The packaged MFN base measures, read once per process (to build schedules of your own)."""
    return tuple(measures_from_extract(read_extract()))


@cache
def load_mfn() -> Schedule:
    """
    The packaged MFN schedule (built once per process, then shared: it is
    immutable). Column 1 measures apply to every origin but the
    :data:`~tariffcalc.us.groups.COLUMN2` countries, which get column 2.
    A preference is granted only to a beneficiary of its programme on the
    entry date (:func:`~tariffcalc.us.programmes.us_programmes`).
    """
    from tariffcalc.schedule import Schedule
    from tariffcalc.us.programmes import us_programmes

    return Schedule("us-hts-mfn", mfn_measures(), groups=[COLUMN2], programmes=us_programmes().values())
