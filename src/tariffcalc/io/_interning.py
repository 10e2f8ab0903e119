"""
:class:`Shared`: one object per distinct value within one import, so that
the equal parts of many measures (rates, scopes, citations, periods) take
memory once.
"""

from __future__ import annotations

from typing import Any, TypeVar

__all__ = ["Shared"]

_T = TypeVar("_T")


class Shared:
    """
    One shared object per distinct value (rates, preference tuples, scopes,
    citations, periods) within one import, so equal parts of many measures
    take memory once. A table lives as long as the import that uses it.

    >>> from datetime import date
    >>> from tariffcalc.periods import Period
    >>> shared = Shared()
    >>> a, b = shared(Period(date(2025, 1, 1))), shared(Period(date(2025, 1, 1)))
    >>> a is b
    True
    """

    __slots__ = ("_table",)

    def __init__(self) -> None:
        self._table: dict[Any, Any] = {}

    def __call__(self, value: _T) -> _T:
        found: _T = self._table.setdefault(value, value)
        return found
