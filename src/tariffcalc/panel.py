"""
Panels: the rate of every product line from every origin, on one day or
over a period, computed exactly by resolving each class of alike entries
once.

>>> from datetime import date
>>> from tariffcalc.datasets import load_schedule
>>> us = load_schedule("us-2025-26")
>>> p = panel(us, on=date(2025, 5, 5), products=["8703.23.01.90", "8467.21.00.10"], origins=["JP", "DE", "FR"])
>>> p.rate("8703.23.01.90", "JP")  # MFN 2.5% + Section 232 autos 25%
Decimal('27.5')
>>> {o: str(s.mean) for o, s in p.by_origin().items()}
{'DE': '19.6', 'FR': '19.6', 'JP': '19.6'}

Origins that no measure's origin scope (nor any country group it names)
tells apart on a day resolve alike for every product; products whose
candidate measures are the same additional measures and base measures of
equal content (rate, basis, origins, validity, conditions, preferences,
suspensions, specificity and rank) resolve alike for every origin. A panel
resolves one entry per pair of classes and expands: exact, not sampled.

Needs ``numpy`` (extra ``panel``); writing parquet needs ``pyarrow``
(extra ``parquet``).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from tariffcalc import _resolver
from tariffcalc._decimals import own_context
from tariffcalc._validators import require
from tariffcalc.authority import authority as _authority_of
from tariffcalc.codes import ProductCode
from tariffcalc.countries import Country, country_names
from tariffcalc.errors import InvalidEntryError, TariffError
from tariffcalc.measures import Measure, MeasureKind, normalise_claim
from tariffcalc.periods import Period, as_day, as_period

if TYPE_CHECKING:
    from tariffcalc.schedule import Schedule

__all__ = [
    "PARTNERS",
    "Cell",
    "OriginSummary",
    "Panel",
    "Summary",
    "authority",
    "authority_column",
    "contents_at_shares",
    "origin_set",
    "panel",
]


def authority(measure: Measure) -> str:
    """
    The authority a measure rests on, for summaries: ``base`` for base duties,
    else the name :func:`tariffcalc.authority.authority` gives it (the same
    name, and colour, in frames and charts).

    >>> from tariffcalc.datasets import load_schedule
    >>> authority(load_schedule("us-2025-26").measure("us.s232.autos"))
    'Section 232'
    """
    if measure.kind is MeasureKind.BASE:
        return "base"
    return _authority_of(measure)


def authority_column(name: str) -> str:
    """
    The parquet and frame column of an authority's share: its name in snake case.

    >>> authority_column("Section 232"), authority_column("base")
    ('section_232', 'base')
    """
    return name.lower().replace(" ", "_")


@attrs.frozen
class Cell:
    """What one class of entries pays: the total rate (None: not computable without more facts) and by authority."""

    rate: Decimal | None
    #: Percentage points of the value by authority (None: a line needs facts the panel does not give).
    by_authority: tuple[tuple[str, Decimal | None], ...]
    #: Why the rate is None (``"needs quantity in kg"``); None when it is known.
    reason: str | None = None

    def share(self, name: str) -> Decimal | None:
        """The percentage points authority *name* adds (0 where it charges nothing, None where unknown)."""
        return dict(self.by_authority).get(name, Decimal(0))


@attrs.frozen
class Summary:
    """
    The mean rate of a panel's day: unweighted (every product line from every
    origin counts once) over the cells whose rate is known, with the cells left
    out and why.
    """

    mean: Decimal | None
    cells: int
    left_out: int
    #: The reasons cells were left out, with their counts, most frequent first.
    reasons: tuple[tuple[str, int], ...]

    @property
    def share_left_out(self) -> Decimal:
        """The percentage of cells left out of the mean."""
        return (Decimal(100) * self.left_out / self.cells).quantize(Decimal("0.1")) if self.cells else Decimal(0)

    def __str__(self) -> str:
        mean = "n/a" if self.mean is None else f"{self.mean}%"
        left = (
            f"{self.left_out} of {self.cells} cells ({self.share_left_out}%) left out, their rate not computable"
            if self.left_out
            else "no cell left out"
        )
        head = (
            f"mean rate {mean}, unweighted: each of {self.cells - self.left_out} cells "
            f"(a product line from an origin) counts once; {left}"
        )
        if not self.reasons:
            return head
        shown = "; ".join(f"{reason}: {n}" for reason, n in self.reasons[:3])
        more = f"; {len(self.reasons) - 3} other reasons" if len(self.reasons) > 3 else ""
        return f"{head} ({shown}{more})"


@attrs.frozen
class OriginSummary:
    """An origin's rates over the products: unweighted and weighted means of the computable ones."""

    mean: Decimal | None
    weighted_mean: Decimal | None
    products: int
    not_computable: int


@attrs.frozen(eq=False)
class _Day:
    """One stretch of days on which every class keeps its rate."""

    period: Period
    product_class: Any  # numpy int32 array, by product
    class_cell: Any  # numpy int32 array (product classes x origins) of indices into Panel.cells

    def cells(self) -> Any:
        """The cell index of every product (rows) and origin (columns)."""
        return self.class_cell[self.product_class]


@attrs.frozen(eq=False, repr=False)
class Panel:
    """The rates of every product from every origin, over one day or several stretches of days."""

    schedule: str
    products: tuple[ProductCode, ...]
    origins: tuple[Country, ...]
    cells: tuple[Cell, ...]
    days: tuple[_Day, ...]
    resolutions: int

    def _day(self, on: date | str | Any | None) -> _Day:
        if on is not None:
            on = as_day(on, "on")
        if on is None:
            if len(self.days) != 1:
                raise InvalidEntryError("this panel covers several stretches of days: name the day (on=...)")
            return self.days[0]
        for d in self.days:
            if d.period.contains(on):
                return d
        raise InvalidEntryError(f"{on} is outside the panel's days")

    def cell(self, product: ProductCode | str, origin: Country | str, on: date | None = None) -> Cell:
        """The cell of *product* from *origin* (on day *on*, for a panel over a period)."""
        p = self.products.index(ProductCode.parse(str(product)))
        o = self.origins.index(Country.parse(str(origin)))
        d = self._day(on)
        return self.cells[int(d.class_cell[d.product_class[p], o])]

    def rate(self, product: ProductCode | str, origin: Country | str, on: date | None = None) -> Decimal | None:
        """The total rate of *product* from *origin*, as ``Schedule.resolve(...).rate`` gives it."""
        return self.cell(product, origin, on).rate

    def intervals(self, product: ProductCode | str, origin: Country | str) -> list[tuple[Period, Decimal | None]]:
        """The rate of *product* from *origin* over the panel's days, in stretches where it changes."""
        out: list[tuple[Period, Decimal | None]] = []
        for d in self.days:
            assert d.period.start is not None
            rate = self.cell(product, origin, d.period.start).rate
            if out and out[-1][1] == rate:
                out[-1] = (Period(out[-1][0].start, d.period.end), rate)
            else:
                out.append((d.period, rate))
        return out

    def by_origin(
        self, weights: Mapping[tuple[str, str], Decimal | int | float] | None = None, on: date | None = None
    ) -> dict[str, OriginSummary]:
        """
        By origin: the unweighted mean rate over the products whose rate is
        computable, and the mean weighted by *weights* (import values by
        ``(product, origin)`` as written in :attr:`products`, e.g.
        ``("8703.23.01.90", "JP")``; missing pairs weigh nothing).
        """
        import numpy as np

        d = self._day(on)
        rates = [c.rate for c in self.cells]
        counts_by_class = np.bincount(d.product_class, minlength=d.class_cell.shape[0])
        weighted: dict[int, list[Decimal]] = {}
        if weights:
            p_index = {str(p): i for i, p in enumerate(self.products)}
            o_index = {c.code: i for i, c in enumerate(self.origins)}
            for (product, where), w in weights.items():
                pi, wi = p_index.get(str(ProductCode.parse(product))), o_index.get(where)
                if pi is None or wi is None:
                    continue
                rate = rates[int(d.class_cell[d.product_class[pi], wi])]
                if rate is not None:
                    sums = weighted.setdefault(wi, [Decimal(0), Decimal(0)])
                    sums[0] += Decimal(str(w)) * rate
                    sums[1] += Decimal(str(w))
        out: dict[str, OriginSummary] = {}
        for oi, origin in enumerate(self.origins):
            per_cell = np.bincount(d.class_cell[:, oi], weights=counts_by_class, minlength=len(rates))
            total, n, missing = Decimal(0), 0, 0
            for cell, count in enumerate(per_cell.tolist()):
                count = int(count)
                if not count:
                    continue
                rate = rates[cell]
                if rate is None:
                    missing += count
                else:
                    total += rate * count
                    n += count
            acc = weighted.get(oi)
            out[origin.code] = OriginSummary(
                _mean(total, n),
                acc[0] / acc[1] if acc and acc[1] else None,
                len(self.products),
                missing,
            )
        return dict(sorted(out.items()))

    def by_authority(self, on: date | None = None) -> dict[str, tuple[Decimal, int]]:
        """
        By authority: the mean percentage points it adds over every cell where
        its share is known, and the number of cells where it applies a line.
        """
        import numpy as np

        d = self._day(on)
        counts_by_class = np.bincount(d.product_class, minlength=d.class_cell.shape[0])
        per_cell = np.bincount(
            d.class_cell.ravel(), weights=np.repeat(counts_by_class, d.class_cell.shape[1]), minlength=len(self.cells)
        )
        sums: dict[str, Decimal] = {}
        applies: dict[str, int] = {}
        cells_total = len(self.products) * len(self.origins)
        for cell, count in enumerate(per_cell.tolist()):
            n = int(count)
            if not n:
                continue
            for name, share in self.cells[cell].by_authority:
                applies[name] = applies.get(name, 0) + n
                if share is not None:
                    sums[name] = sums.get(name, Decimal(0)) + share * n
        return {
            name: (_mean(sums.get(name, Decimal(0)), cells_total) or Decimal(0), applies[name])
            for name in sorted(applies)
        }

    def summary(self, on: date | None = None) -> Summary:
        """
        The mean rate over every cell of the day whose rate is known, and the
        cells left out with their reasons.

        >>> from datetime import date
        >>> from tariffcalc.datasets import load_schedule
        >>> p = panel(load_schedule("us-2025-26"), on=date(2025, 5, 5), products=["8703.23.01.90", "0102.29.40.24"], origins=["JP", "DE"])
        >>> str(p.summary())  # 27.5% twice; the cattle's $0.01/kg needs a quantity
        'mean rate 27.5%, unweighted: each of 2 cells (a product line from an origin) counts once; 2 of 4 cells (50.0%) left out, their rate not computable (needs quantity in kg: 2)'
        """
        import numpy as np

        d = self._day(on)
        counts = np.bincount(d.cells().ravel(), minlength=len(self.cells)).tolist()
        total, n, left = Decimal(0), 0, 0
        reasons: dict[str, int] = {}
        for cell, count in zip(self.cells, counts, strict=True):
            if not count:
                continue
            if cell.rate is None:
                left += count
                why = cell.reason or "not computable"
                reasons[why] = reasons.get(why, 0) + count
            else:
                total += cell.rate * count
                n += count
        ranked = tuple(sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0])))
        return Summary(_mean(total, n), n + left, left, ranked)

    @property
    def authorities(self) -> tuple[str, ...]:
        """The authorities some cell charges under: ``base`` first, then in the order frames and charts show them."""
        from tariffcalc.authority import AUTHORITIES

        names = {name for c in self.cells for name, _ in c.by_authority}
        order = {name: i for i, name in enumerate(("base", *AUTHORITIES))}
        return tuple(sorted(names | {"base"}, key=lambda n: (order.get(n, len(order)), n)))

    def _columns(self) -> dict[str, list[Decimal | None]]:
        """By cell: the rate, each authority's share and the additional duties, in percent."""
        columns: dict[str, list[Decimal | None]] = {"rate": [c.rate for c in self.cells]}
        for name in self.authorities:
            columns[authority_column(name)] = [c.share(name) for c in self.cells]
        columns["additional"] = [
            None if c.rate is None or (b := c.share("base")) is None else c.rate - b for c in self.cells
        ]
        return columns

    def __repr__(self) -> str:
        from tariffcalc import _reprs as reprs

        return reprs.panel_repr(self)

    def _repr_html_(self) -> str:
        from tariffcalc import _reprs as reprs

        return reprs.panel_html(self)

    def to_frame(self, exact: bool = False) -> Any:
        """
        One row per stretch of days, product and origin: ``start``, ``end``
        (exclusive; ``datetime64``, as in :func:`tariffcalc.frames.timeline_frame`), ``product`` (the code as printed) and ``origin``
        (``string``), ``rate``, ``base``, one column per authority
        (:func:`authority_column`) and ``additional`` (Float64 percent of the
        value, NA when not computable; Decimal objects with *exact*), and
        ``reason`` (``string``: why the rate is NA, NA when it is known).
        Needs pandas.

        >>> from datetime import date
        >>> from tariffcalc.datasets import load_schedule
        >>> p = panel(load_schedule("us-2025-26"), on=date(2025, 5, 5), products=["8703.23.01.90"], origins=["JP", "DE"])
        >>> p.to_frame()[["product", "origin", "rate", "base", "section_232"]]
                 product origin  rate  base  section_232
        0  8703.23.01.90     JP  27.5   2.5         25.0
        1  8703.23.01.90     DE  27.5   2.5         25.0
        """
        import numpy as np
        import pandas as pd

        n_p, n_o = len(self.products), len(self.origins)

        def numbers(values: list[Decimal | None]) -> Any:
            if exact:
                return np.array(values, dtype=object)
            return pd.array([None if v is None else float(v) for v in values], dtype="Float64")

        columns = {name: numbers(values) for name, values in self._columns().items()}
        reasons = pd.array([c.reason for c in self.cells], dtype="string")
        parts = []
        for d in self.days:
            index = d.cells().ravel()
            parts.append(
                pd.DataFrame(
                    {
                        "start": pd.to_datetime(pd.Series([d.period.start] * len(index))),
                        "end": pd.to_datetime(pd.Series([d.period.end] * len(index))),
                        "product": pd.array(np.repeat([str(p) for p in self.products], n_o), dtype="string"),
                        "origin": pd.array(np.tile([c.code for c in self.origins], n_p), dtype="string"),
                        **{name: values[index] for name, values in columns.items()},
                        "reason": reasons[index],
                    }
                )
            )
        return pd.concat(parts, ignore_index=True)

    def to_parquet(self, path: str | Path) -> int:
        """
        Write one row per product, origin and stretch of days with one rate:
        ``start``, ``end`` (exclusive), ``product`` (the code as printed,
        ``8703.23.01.90``), ``origin``, then in percent of the value as
        float64 (null when not computable) ``rate``, ``base``, one column per
        authority (:func:`authority_column`: 0 where it charges nothing) and
        ``additional``, and ``reason``, why the rate is null (null when it is
        known). Returns the number of rows.
        """
        import numpy as np
        import pyarrow as pa  # type: ignore[import-untyped]
        import pyarrow.parquet as pq  # type: ignore[import-untyped]

        products = pa.array([str(p) for p in self.products])
        origins = pa.array([c.code for c in self.origins])
        numbers = {
            name: pa.array([None if v is None else float(v) for v in values], type=pa.float64())
            for name, values in self._columns().items()
        }
        reasons = pa.array([c.reason for c in self.cells], type=pa.string())
        schema = pa.schema(
            [
                ("start", pa.date32()),
                ("end", pa.date32()),
                ("product", pa.dictionary(pa.int32(), pa.string())),
                ("origin", pa.dictionary(pa.int32(), pa.string())),
                *((name, pa.float64()) for name in numbers),
                ("reason", pa.string()),
            ]
        )
        n_o = len(self.origins)
        rows = 0
        with pq.ParquetWriter(str(path), schema) as writer:

            def emit(flat: Any, starts: Any, end: date | None, current: Any) -> None:
                nonlocal rows
                if not len(flat):
                    return
                taken = pa.array(current[flat])
                batch = pa.record_batch(
                    [
                        pa.array(starts, type=pa.date32()),
                        pa.array([end] * len(flat), type=pa.date32()),
                        pa.DictionaryArray.from_arrays(pa.array(flat // n_o, type=pa.int32()), products),
                        pa.DictionaryArray.from_arrays(pa.array(flat % n_o, type=pa.int32()), origins),
                        *(values.take(taken) for values in numbers.values()),
                        reasons.take(taken),
                    ],
                    schema=schema,
                )
                writer.write_batch(batch)
                rows += len(flat)

            first = self.days[0]
            current = first.cells().ravel()
            day_starts = [d.period.start for d in self.days]
            start_of = np.zeros(current.shape, dtype=np.int32)
            for i, d in enumerate(self.days[1:], start=1):
                new = d.cells().ravel()
                changed = np.nonzero(new != current)[0]
                emit(changed, [day_starts[j] for j in start_of[changed].tolist()], day_starts[i], current)
                current = np.where(new != current, new, current)
                start_of[changed] = i
            everything = np.arange(current.shape[0])
            emit(everything, [day_starts[j] for j in start_of.tolist()], self.days[-1].period.end, current)
        return rows


def _mean(total: Decimal, n: int) -> Decimal | None:
    if not n:
        return None
    return (total / n).quantize(Decimal("0.0001")).normalize()


def lines(
    schedule: Schedule, on: date | str | Any | None = None, *, period: Period | str | tuple[Any, Any] | None = None
) -> list[ProductCode]:
    """
    The schedule's tariff lines: codes its base measures name that have no
    named code under them; with *on*, of the base measures in force that day
    (as :meth:`Schedule.codes` lists them), with *period*, of those in force
    on some day of it.

    >>> from tariffcalc.datasets import load_schedule
    >>> us = load_schedule("us-2025-26")
    >>> len(lines(us, date(2025, 5, 5))) < len(lines(us))  # lines of 2026 do not exist yet in May 2025
    True
    """
    if on is not None and period is not None:
        raise InvalidEntryError("give a day (on=...) or a period (period=...), not both")
    if on is not None:
        on = as_day(on, "on")
    if period is not None:
        period = as_period(period)

    def in_force(m: Measure) -> bool:
        if on is not None:
            return m.validity.contains(on)
        return period is None or m.validity.overlaps(period)

    named = {p for m in schedule.measures if m.kind is MeasureKind.BASE and in_force(m) for p in m.products.include}
    codes = sorted(named, key=lambda c: c.digits)
    return [c for i, c in enumerate(codes) if i + 1 == len(codes) or not codes[i + 1].is_within(c)]


def _content(measure: Measure, schedule: Schedule) -> tuple[Any, ...]:
    """
    What of an additional measure covering an origin bears on the rate and
    the authorities' shares: not its id, title, citation or origin scope.
    """
    suspensions = tuple((s.period, s.replacement) for s in _resolver.suspensions_of(schedule, measure.id))
    # A condition's citation matters only for the law as known on a day, which a panel does not ask.
    conditions = tuple(_uncited(c) for c in measure.conditions)
    return (measure.rate, measure.basis, measure.tags, conditions, suspensions, authority(measure))


def _uncited(condition: Any) -> Any:
    return attrs.evolve(condition, citation=None) if "citation" in attrs.fields_dict(type(condition)) else condition


class _Classifier:
    """Origin classes for sets of measures, shared between product classes whose measures tell origins apart alike."""

    def __init__(
        self, schedule: Schedule, origins: Sequence[Country], on: date, claims: frozenset[str] = frozenset()
    ) -> None:
        self.schedule = schedule
        self.origins = origins
        self.on = on
        # A claimed programme honours the claim for the origins it is open to on the day: those it
        # is open to and those it is not resolve apart.
        programmes = [p for p in schedule.programmes if p.claims & claims]
        self.eligible = [tuple(p.eligible(c, on) for p in programmes) for c in origins]
        self.contents: dict[Any, int] = {}
        self.scopes: dict[Any, int] = {}
        self.scope_of: list[Any] = []
        self.verdicts: dict[int, list[bool]] = {}
        self.found: dict[tuple[tuple[int, int], ...], list[int]] = {}

    def classes(self, measures: Sequence[Measure], product: ProductCode) -> list[int]:
        """
        Class numbers of the origins: those covered on the day by in-force
        measures of the same content share one. A measure that does not cover
        an origin, or is not in force, adds nothing to its duty (at most a
        reason why not); an additional measure's duty depends on its content,
        not on which measure carries it (stacking rules act on tags); a base
        measure stands for its rank among the product's bases (by specificity,
        then id: the order the resolver chooses in).
        """
        on = self.on
        live = [m for m in measures if m.validity.contains(on)]
        bases = sorted(
            (m for m in live if m.kind is MeasureKind.BASE),
            key=lambda m: ((mp.level if (mp := m.products.matched_prefix(product)) else 0), m.id),
        )
        rank = {m.id: i for i, m in enumerate(bases)}
        pairs = []
        for m in live:
            content = ("base", rank[m.id], m.rate) if m.id in rank else _content(m, self.schedule)
            c = self.contents.setdefault(content, len(self.contents))
            scope = self.scopes.get(m.origins)
            if scope is None:
                scope = self.scopes[m.origins] = len(self.scope_of)
                self.scope_of.append(m.origins)
            pairs.append((scope, c))
        key = tuple(sorted(pairs))
        found = self.found.get(key)
        if found is None:
            found = self.found[key] = self._classify(key)
        return found

    def _classify(self, pairs: tuple[tuple[int, int], ...]) -> list[int]:
        groups = _resolver.group_map(self.schedule)
        for scope, _ in pairs:
            if scope not in self.verdicts:
                origins = self.scope_of[scope]
                self.verdicts[scope] = [origins.covers(c, self.on, groups) for c in self.origins]
        seen: dict[tuple[tuple[int, ...], tuple[bool, ...]], int] = {}
        out = []
        for i in range(len(self.origins)):
            covered = tuple(sorted(c for scope, c in pairs if self.verdicts[scope][i]))
            out.append(seen.setdefault((covered, self.eligible[i]), len(seen)))
        return out


def _product_classes(schedule: Schedule, products: Sequence[ProductCode]) -> list[int]:
    """Class numbers: products whose candidates resolve alike for every origin and day share one."""
    # Measures for all products differ between products only by their carve-outs.
    carving = [m for m in _resolver.everything(schedule) if m.products.exclude]
    everything = {m.id for m in _resolver.everything(schedule)}
    seen: dict[tuple[Any, ...], int] = {}
    out = []
    for p in products:
        digits = p.digits
        additions: list[tuple[str, bool]] = []
        bases = []
        matched: list[Measure] = []
        for n in (2, 4, 6, 8, 10):
            if n > len(digits):
                break
            matched.extend(_resolver.prefix_measures(schedule, digits[:n]))
        for m in {m.id: m for m in matched if m.id not in everything}.values():
            carved = _resolver.carve_out(schedule, m, digits) is not None
            if m.kind is MeasureKind.BASE:
                prefix = m.products.matched_prefix(p)
                specificity = prefix.level if prefix is not None else 0
                content = (m.rate, m.basis, m.origins, m.validity, m.conditions, m.preferences, m.tags)
                bases.append(
                    ((specificity, m.id), (carved, specificity, content, _resolver.suspensions_of(schedule, m.id)))
                )
            else:
                additions.append((m.id, carved))
        bases.sort(key=lambda kv: kv[0])  # the order _choose_base ranks them in
        carved_everything = tuple(m.id for m in carving if _resolver.carve_out(schedule, m, digits) is not None)
        key = (tuple(sorted(additions)), carved_everything, tuple(b for _, b in bases))
        out.append(seen.setdefault(key, len(seen)))
    return out


def _boundaries(schedule: Schedule, period: Period, claims: frozenset[str] = frozenset()) -> list[date]:
    """The days inside *period* on which anything in the schedule (or a claimed programme) starts or ends."""
    days: set[date] = set()
    for p in schedule.programmes:
        if p.claims & claims:
            days.update(p.boundaries())
    for m in schedule.measures:
        days.update(m.validity.boundaries())
        for c in m.conditions:
            days |= vars_dates(c)
    for s in schedule.suspensions:
        days.update(s.period.boundaries())
    for r in schedule.rules:
        days.update(r.validity.boundaries())
    for g in schedule.groups:
        days.update(g.boundaries())
    return sorted(d for d in days if period.contains(d) and d != period.start)


def vars_dates(value: Any) -> set[date]:
    """Every date among the fields of an attrs value (a condition's cut-off days)."""
    if not attrs.has(type(value)):
        return set()
    return {v for f in attrs.fields(type(value)) if isinstance(v := getattr(value, f.name), date)}


#: The origin sets a panel takes by name (see :func:`origin_set`).
PARTNERS = "partners"

#: Places of ISO 3166 that export nothing: uninhabited (Antarctica, Bouvet
#: Island, Heard and McDonald Islands, South Georgia, the French Southern
#: Territories and the US Minor Outlying Islands).
UNINHABITED = frozenset({"AQ", "BV", "HM", "GS", "TF", "UM"})

#: The customs territory of an importer, whose goods are not imports: for the
#: United States the states, the District of Columbia and Puerto Rico (HTS
#: General Note 2).
CUSTOMS_TERRITORY: Mapping[str, frozenset[str]] = {"US": frozenset({"US", "PR"})}


def origin_set(name: str, importer: Country | str = "US") -> tuple[Country, ...]:
    """
    The origins of a named set: ``partners`` (every inhabited ISO 3166
    country outside the *importer*'s customs territory: the default of
    :func:`panel`) or ``all`` (every ISO 3166 country, the importer's own
    territory included).

    >>> partners = origin_set("partners")
    >>> Country("US") in partners, Country("PR") in partners, Country("AQ") in partners, Country("JP") in partners
    (False, False, False, True)
    >>> len(origin_set("all")) - len(partners)
    8
    """
    every = tuple(Country.parse(c) for c in sorted(country_names()))
    if name == "all":
        return every
    if name != PARTNERS:
        raise InvalidEntryError(f"origins: {name!r} is not an origin set; use 'partners', 'all' or a list of countries")
    home = Country.parse(str(importer)).code
    left_out = UNINHABITED | CUSTOMS_TERRITORY.get(home, frozenset({home}))
    return tuple(c for c in every if c.code not in left_out)


def _origins(origins: Iterable[Country | str] | str | None, importer: Country | str) -> tuple[Country, ...]:
    if origins is None or (isinstance(origins, str) and origins in (PARTNERS, "all")):
        return origin_set(origins or PARTNERS, importer)
    if isinstance(origins, str):
        origins = [origins]
    return tuple(Country.parse(str(c)) for c in origins)


@own_context
def contents_at_shares(value: Decimal, shares: Mapping[str, Decimal | int | str] | None) -> dict[str, Decimal]:
    """
    Declared contents at *shares* (percent of the value) of *value*.

    >>> contents_at_shares(Decimal("10000"), {"steel": "20%", "aluminum": 5})
    {'steel': Decimal('2000'), 'aluminum': Decimal('500')}
    """
    from tariffcalc.entries import parse_amount

    out: dict[str, Decimal] = {}
    for name, share in (shares or {}).items():
        percent = parse_amount(f"content share {name}", str(share).rstrip("%"))
        if not 0 <= percent <= 100:
            raise InvalidEntryError(f"content share {name}: a percentage of the value from 0 to 100, got {share}")
        out[name] = value * percent / 100
    if sum(out.values(), Decimal(0)) > value:
        raise InvalidEntryError(f"content shares add up to more than 100% of the value: {dict(shares or {})}")
    return out


@own_context
def _value(value: Decimal | int | str | float) -> Decimal:
    """
    The customs value a panel is computed at: a number above zero (a rate is
    a share of it), as an entry's value is read (numpy numbers included;
    floats by the digits they print).
    """
    from tariffcalc.entries import parse_amount
    from tariffcalc.rates import amount as _amount

    if isinstance(value, bool):
        raise TypeError("value must be a number such as 10000 (Decimal, int, str or float), got bool")
    if isinstance(value, str):
        amount = parse_amount("value", value)
    else:
        try:
            amount = _amount(value)
        except (TypeError, TariffError) as e:
            raise TypeError(f"value must be a number such as 10000 (Decimal, int, str or float): {e}") from None
    if amount <= 0:
        raise InvalidEntryError(
            f"value: a panel's rates are shares of the customs value, which must be above 0, got {value}"
        )
    return amount


def panel(
    schedule: Schedule,
    on: date | str | Any | None = None,
    *,
    period: Period | str | tuple[Any, Any] | None = None,
    products: Iterable[ProductCode | str] | None = None,
    origins: Iterable[Country | str] | str | None = None,
    value: Decimal | int | str | float = 10_000,
    claims: Iterable[str] = (),
    quantities: Mapping[str, Decimal | int | str] | None = None,
    content_shares: Mapping[str, Decimal | int | str] | None = None,
    importer: Country | str = "US",
    progress: Callable[[int, int], None] | None = None,
) -> Panel:
    """
    The rate of every product (default: every tariff line of the schedule
    that exists on day *on*, or on some day of *period*: see :func:`lines`)
    from every origin (default: every ISO 3166 country) on day *on*, or over
    *period* (which needs an end) in stretches of days where nothing in the
    schedule changes. Each cell is ``Schedule.resolve(product, origin, day,
    value=value).rate``: the rate at a customs *value* (duties on US content
    and all-in top-ups need one; specific duties, which need quantities,
    give None). *progress* is called with (done, total) resolutions.

    Origins default to the trading partners (:func:`origin_set`: not the
    *importer*'s own customs territory, nor uninhabited places); a set's
    name (``"partners"``, ``"all"``) or a list of countries chooses others.

    Every cell's entry makes the same claims and declares the same facts:
    *claims* (e.g. ``["usmca"]``: a programme honours a claim only for the
    origins it is open to), *quantities* by unit (``{"kg": 1000}``: the rule
    that every entry of the panel's value weighs that much, so specific
    duties have a rate) and *content_shares* (percent of the value by
    content, e.g. ``{"steel": 50}`` for metal derivatives). A cell left
    without a rate says why (:attr:`Cell.reason`).

    >>> from tariffcalc.datasets import load_schedule
    >>> us = load_schedule("us-2025-26")
    >>> p = panel(us, on=date(2025, 5, 5), products=["8703.23.01.90"], origins=["CA", "MX"], claims=["usmca"])
    >>> str(p.rate("8703.23.01.90", "CA"))  # USMCA's free MFN line; the Section 232 autos duty stays
    '25'
    """
    import numpy as np

    from tariffcalc.schedule import Schedule as _Schedule  # at run time: the schedule module imports this one

    require(schedule, _Schedule, "schedule")
    amount = _value(value)
    if on is not None:
        on = as_day(on, "on")
    if period is not None:
        period = as_period(period)

    if (on is None) == (period is None):
        raise InvalidEntryError("give a day (on=...) or a period (period=...), not both")
    if on is not None and on >= date.max:  # its one-day period would end on a day no date can hold
        raise InvalidEntryError(f"a panel's day must be before {date.max.isoformat()}, got {on.isoformat()}")
    if period is not None and period.end is None:
        raise InvalidEntryError(f"a panel's period needs an end, got {period}")
    codes = (
        tuple(ProductCode.parse(str(p)) for p in products)
        if products is not None
        else tuple(lines(schedule, on, period=period))
    )
    countries = _origins(origins, importer)
    facts = _Facts(
        amount,
        frozenset(normalise_claim(c) for c in ([claims] if isinstance(claims, str) else claims)),
        dict(quantities or {}),
        contents_at_shares(amount, content_shares),
    )
    if period is None:
        assert on is not None
        stretches = [Period(on, on + timedelta(days=1))]
    else:
        assert period.end is not None
        cuts = [period.start, *_boundaries(schedule, period, facts.claims), period.end]
        stretches = [Period(a, b) for a, b in itertools.pairwise(cuts)]
    product_class = _product_classes(schedule, codes)
    first_product: dict[int, ProductCode] = {}
    for code, pc in zip(codes, product_class, strict=True):
        first_product.setdefault(pc, code)
    cells: dict[Cell, int] = {}
    days: list[_Day] = []
    # Per product class, only the measures that can apply to it tell origins apart.
    relevant: dict[int, tuple[Measure, ...]] = {}
    for pc, code in first_product.items():
        relevant[pc] = tuple(
            m
            for m in _resolver.candidates(schedule, code.digits)
            if _resolver.carve_out(schedule, m, code.digits) is None
        )
    plans = []
    for stretch in stretches:
        classifier = _Classifier(schedule, countries, stretch.start, facts.claims)
        classes = {pc: classifier.classes(relevant[pc], first_product[pc]) for pc in relevant}
        plans.append((stretch, classes))
    total = sum(len(set(oc)) for _, classes in plans for oc in classes.values())
    done = 0
    for stretch, classes in plans:
        class_cell = np.zeros((len(first_product), len(countries)), dtype=np.int32)
        for pc, code in first_product.items():
            origin_class = classes[pc]
            resolved: dict[int, int] = {}
            for oi, (country, oc) in enumerate(zip(countries, origin_class, strict=True)):
                found = resolved.get(oc)
                if found is None:
                    cell = _resolve_cell(schedule, code, country, stretch.start, facts)
                    found = resolved[oc] = cells.setdefault(cell, len(cells))
                class_cell[pc, oi] = found
            done += len(resolved)
            if progress is not None:
                progress(done, total)
        days.append(_Day(stretch, np.array(product_class, dtype=np.int32), class_cell))
    return Panel(schedule.name, codes, countries, tuple(cells), tuple(days), done)


@attrs.frozen
class _Facts:
    """What every entry of a panel gives: the value, claims, quantities and declared contents."""

    value: Decimal
    claims: frozenset[str]
    quantities: dict[str, Decimal | int | str]
    contents: dict[str, Decimal]


def _resolve_cell(schedule: Schedule, product: ProductCode, origin: Country, on: date, facts: _Facts) -> Cell:
    value = facts.value
    resolution = schedule.resolve(
        product,
        origin,
        on,
        value=value,
        claims=sorted(facts.claims),
        quantities=facts.quantities or None,
        contents=facts.contents or None,
        strict=False,
    )
    shares: dict[str, Decimal | None] = {}
    for line in resolution.lines:
        name = authority(line.measure)
        share = None if line.amount is None else (line.amount * 100 / value).normalize()
        if name in shares:
            previous = shares[name]
            shares[name] = None if previous is None or share is None else previous + share
        else:
            shares[name] = share
    reason = None
    if resolution.rate is None:
        reason = f"needs {', '.join(resolution.missing)}" if resolution.missing else "not computable"
    return Cell(resolution.rate, tuple(sorted(shares.items())), reason)
