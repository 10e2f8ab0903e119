"""
The product lines of a schedule: the codes its base measures name, and
whether a product code is one of them on a given day.

A code is a line on a day when a base measure in force that day names it,
or names a parent of it that has no lines of the code's own length (a
10-digit code under an 8-digit line with statistical lines of its own must
be one of them). A schedule with no base measure in force on the day has no
lines to check against, and every code passes: schedules of additional
measures alone, or of base duties on a few headings, keep resolving any code.

>>> from datetime import date
>>> from tariffcalc import *
>>> from tariffcalc.rates import AdValorem
>>> act = Instrument("HTS", "Harmonized Tariff Schedule", known_on=date(2025, 1, 1))
>>> def base(code):
...     return Measure(f"mfn.{code}", code, MeasureKind.BASE, AdValorem("2.5"), ProductScope.parse(code),
...                    OriginScope.parse("all"), Period(date(2025, 1, 1)), Citation(act, heading=code))
>>> lines = ProductLines.of([base("8703.23.01.10"), base("8703.23.01.90"), base("8708.99")])
>>> lines.check("8703.23.01.90", date(2025, 5, 5), "s")
>>> lines.check("8708.99.81.80", date(2025, 5, 5), "s")  # under a line without lines of its own
>>> lines.check("8703.23.01.99", date(2025, 5, 5), "s")
Traceback (most recent call last):
...
tariffcalc.errors.InvalidCodeError: 8703.23.01.99 is not a line of schedule 's' on 2025-05-05; the lines under 8703.23.01 are 8703.23.01.10, 8703.23.01.90
>>> lines.check("9999.99.99.99", date(2025, 5, 5), "s")
Traceback (most recent call last):
...
tariffcalc.errors.InvalidCodeError: 9999.99.99.99 is not in schedule 's' on 2025-05-05: no tariff line starts with it; check the code (e.g. 8703.23.01.90)
>>> lines.check("9999.99.99.99", date(2024, 5, 5), "s")  # no base line in force: nothing to check against
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from datetime import date

from tariffcalc.codes import ProductCode
from tariffcalc.errors import InvalidCodeError
from tariffcalc.measures import Measure, MeasureKind

__all__ = ["ProductLines"]

_SHOWN = 6


class _Epoch:
    """The lines in force between two boundaries of base validity."""

    __slots__ = ("lines", "widths")

    def __init__(self, lines: set[str]) -> None:
        self.lines = frozenset(lines)
        # (ancestor digits, length of a line below it) for every line
        self.widths = frozenset((line[:n], len(line)) for line in lines for n in range(2, len(line), 2))


class ProductLines:
    """The codes the base measures of a schedule name, by the days they are in force."""

    __slots__ = ("_boundaries", "_epochs", "_spans")

    def __init__(self, spans: list[tuple[str, date, date | None]]) -> None:
        self._spans = spans
        self._boundaries = sorted({d for _, start, end in spans for d in (start, end) if d is not None})
        self._epochs: dict[int, _Epoch] = {}

    @classmethod
    def of(cls, measures: Iterable[Measure]) -> ProductLines:
        """The lines named by the base measures among *measures*."""
        spans = [
            (p.digits, m.validity.start, m.validity.end)
            for m in measures
            if m.kind is MeasureKind.BASE
            for p in m.products.include
        ]
        return cls(spans)

    @property
    def spans(self) -> list[tuple[str, date, date | None]]:
        """(line digits, first day, end) of every line, as given (what :class:`ProductLines` is built from)."""
        return list(self._spans)

    @classmethod
    def elsewhere(cls, periods: Iterable[tuple[date, date | None]]) -> ProductLines:
        """
        The lines of a schedule as seen from a chapter in which it has none:
        only the *periods* on which it has any line at all (see
        :meth:`in_force`). Every code of that chapter is refused on those
        days with the message the whole schedule gives, and passes on the
        others, as with the whole schedule.

        >>> from datetime import date
        >>> lines = ProductLines.elsewhere([(date(2025, 1, 1), None)])
        >>> lines.check("9999.99.99.99", date(2024, 5, 5), "s")  # no line in force: nothing to check against
        >>> lines.check("9999.99.99.99", date(2025, 5, 5), "s")
        Traceback (most recent call last):
        ...
        tariffcalc.errors.InvalidCodeError: 9999.99.99.99 is not in schedule 's' on 2025-05-05: no tariff line starts with it; check the code (e.g. 8703.23.01.90)
        """
        # "" stands for the lines of the other chapters: no code is it, starts it, or is near it.
        return cls([("", start, end) for start, end in periods])

    def in_force(self) -> list[tuple[date, date | None]]:
        """
        The half-open periods on which at least one line is in force, merged
        (an end of ``None``: open).

        >>> from datetime import date
        >>> lines = ProductLines([("01", date(2025, 1, 1), date(2025, 3, 1)), ("02", date(2025, 2, 1), None)])
        >>> lines.in_force()
        [(datetime.date(2025, 1, 1), None)]
        """
        merged: list[tuple[date, date | None]] = []
        for _, start, end in sorted(self._spans, key=lambda s: s[1]):
            if merged:
                last_start, last_end = merged[-1]
                if last_end is None or start <= last_end:
                    merged[-1] = (last_start, None if last_end is None or end is None else max(last_end, end))
                    continue
            merged.append((start, end))
        return merged

    def _epoch(self, on: date) -> _Epoch:
        i = bisect.bisect_right(self._boundaries, on)
        found = self._epochs.get(i)
        if found is None:
            found = _Epoch({code for code, start, end in self._spans if start <= on and (end is None or on < end)})
            self._epochs[i] = found
        return found

    def check(self, product: ProductCode | str, on: date, schedule: str) -> None:
        """Raise :class:`InvalidCodeError` (with nearby lines) unless *product* is a line on *on*."""
        code = product if isinstance(product, ProductCode) else ProductCode.parse(product)
        epoch = self._epoch(on)
        lines = epoch.lines
        digits = code.digits
        if not lines or digits in lines:
            return
        where = f"schedule {schedule!r} on {on}"
        ancestors = [digits[:n] for n in range(len(digits) - 2, 1, -2)]  # nearest first
        parent = next((a for a in ancestors if a in lines), None)
        if parent is not None and (parent, len(digits)) not in epoch.widths:
            return
        family = next((a for a in ancestors if (a, len(digits)) in epoch.widths), None)
        if family is not None:
            siblings = sorted(line for line in lines if line.startswith(family) and len(line) == len(digits))
            raise InvalidCodeError(
                f"{code} is not a line of {where}; the lines under {ProductCode(family)} are {_shown(siblings)}"
            )
        under = sorted(line for line in lines if line.startswith(digits))
        if under:
            raise InvalidCodeError(
                f"{code} is not a tariff line of {where}; give a more specific code, e.g. {_shown(under, 5)}"
            )
        near = sorted(line for line in lines if line[:4] == digits[:4]) or sorted(
            line for line in lines if line[:2] == digits[:2]
        )
        hint = f"lines nearby: {_shown(near, 5)}" if near else "check the code (e.g. 8703.23.01.90)"
        raise InvalidCodeError(f"{code} is not in {where}: no tariff line starts with it; {hint}")


def _shown(lines: list[str], limit: int = _SHOWN) -> str:
    text = ", ".join(str(ProductCode(line)) for line in lines[:limit])
    return text + (", ..." if len(lines) > limit else "")
