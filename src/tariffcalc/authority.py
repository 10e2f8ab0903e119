"""
The legal authority a measure is charged under, for grouping amounts by
authority (a frame's per-authority columns, a stacked plot).

It is read from the measure's id and tags: base measures are ``MFN`` (or
``Column 2`` for the column 2 lines), additional ones ``Section 232``,
``Section 301``, ``Section 122`` or ``IEEPA``; anything else is ``Other``.

>>> from tariffcalc.datasets import load_schedule
>>> s = load_schedule("us-2025-26")
>>> [authority(s.measure(m)) for m in ("us.ieepa.reciprocal.baseline", "us.s301.list-1", "us.s232-2018.steel.articles")]
['IEEPA', 'Section 301', 'Section 232']
"""

from __future__ import annotations

from tariffcalc.measures import Measure, MeasureKind

__all__ = ["AUTHORITIES", "authority"]

#: The authorities in the order they are shown (columns, legend).
AUTHORITIES = ("MFN", "Column 2", "Section 232", "Section 301", "IEEPA", "Section 122", "Other")

_BY_TAG = (
    ("s232", "Section 232"),
    ("s301", "Section 301"),
    ("s122", "Section 122"),
    ("ieepa", "IEEPA"),
    ("reciprocal", "IEEPA"),
)


def authority(measure: Measure) -> str:
    """The authority *measure* is charged under (one of :data:`AUTHORITIES`)."""
    if measure.kind is MeasureKind.BASE:
        return "Column 2" if ".col2." in f".{measure.id}." else "MFN"
    parts = measure.id.replace("-", ".").split(".")
    for key, name in _BY_TAG:
        if key in parts or any(tag == key or tag.startswith(key + "-") for tag in measure.tags):
            return name
    return "Other"
