"""
The coverage report of an HTS revision: how every rate text was read, by
column: computable (``exact``), a reference the importer followed
(``reference_resolved``), or not computable, counted by reason
(``unsupported``). ``tariffcalc hts-report`` prints it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from tariffcalc.codes import ProductCode
from tariffcalc.io.hts import COLUMNS, EXACT, RESOLVED, Column, HtsRevision
from tariffcalc.io.ratetext import Chapter99Formula, SpecialRates

__all__ = ["ColumnCoverage", "Coverage", "revision_coverage"]


@attrs.frozen
class ColumnCoverage:
    """
    Counts of one column's rate texts by how they were read;
    ``chapter99_formulas`` says how many of the exact ones are Chapter 99
    formulas.

    >>> ColumnCoverage(3, 2, 0, {"sugar sliding scale by polarity degree": 1}).to_dict()
    {'total': 3, 'exact': 2, 'reference_resolved': 0, 'unsupported': {'sugar sliding scale by polarity degree': 1}}
    """

    total: int = 0
    exact: int = 0
    reference_resolved: int = 0
    unsupported: Mapping[str, int] = attrs.field(factory=dict)
    chapter99_formulas: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: ``total``, ``exact``, ``reference_resolved``, ``unsupported``."""
        return {
            "total": self.total,
            "exact": self.exact,
            "reference_resolved": self.reference_resolved,
            "unsupported": dict(sorted(self.unsupported.items(), key=lambda kv: (-kv[1], kv[0]))),
        }


@attrs.frozen
class Coverage:
    """
    How every rate text of a revision was read, by column.

    >>> from tariffcalc.io.hts import REV_32, HtsRevision
    >>> revision = HtsRevision.from_rows(REV_32, [
    ...     {"htsno": "0101.21.00", "indent": "2", "description": "Purebred breeding animals",
    ...      "general": "Free", "special": "", "other": "See additional U.S. note 1"}])
    >>> coverage = revision_coverage(revision)
    >>> coverage.general.exact, coverage.other.unsupported
    (1, {'rate set out in a U.S. note': 1})
    """

    general: ColumnCoverage
    special: ColumnCoverage
    other: ColumnCoverage

    def to_dict(self) -> dict[str, Any]:
        """``{"general": {...}, "special": {...}, "other": {...}}``."""
        return {"general": self.general.to_dict(), "special": self.special.to_dict(), "other": self.other.to_dict()}


def revision_coverage(revision: HtsRevision) -> Coverage:
    """Counts of every rate text of *revision* by how it was read (see :class:`Coverage`)."""
    counts: dict[Column, dict[str, Any]] = {
        c: {"total": 0, "exact": 0, "reference_resolved": 0, "unsupported": {}, "chapter99_formulas": 0}
        for c in COLUMNS
    }
    for (position, column), status in revision.statuses.items():
        c = counts[column]
        c["total"] += 1
        if status == EXACT:
            c["exact"] += 1
            row = revision.rows[position]
            value = revision.parsed[ProductCode.parse(row.htsno).digits]
            v = value[COLUMNS.index(column)]
            if isinstance(v, Chapter99Formula) or (
                isinstance(v, SpecialRates) and isinstance(v.unlisted, Chapter99Formula)
            ):
                c["chapter99_formulas"] += 1
        elif status == RESOLVED:
            c["reference_resolved"] += 1
        else:
            c["unsupported"][status] = c["unsupported"].get(status, 0) + 1
    return Coverage(*(ColumnCoverage(**counts[c]) for c in COLUMNS))
