"""
Resolutions as pandas frames (the ``pandas`` extra): a book of entries
resolved in one call, and the frames of a resolution, a timeline and a
schedule diff.

pandas is imported when these functions run, never when :mod:`tariffcalc`
is imported.

>>> import pandas as pd
>>> from tariffcalc.datasets import load_schedule
>>> book = pd.DataFrame({"hts": ["9403.60.80.93", "9403.60.80.93"], "cc": ["JP", "CN"], "value": [1000, 1000]})
>>> out = resolve_frame(load_schedule("us-2025-26"), book, product="hts", origin="cc", date="2025-05-20", value="value")
>>> out[["cc", "rate", "amount"]]  # JP: Free + 10% baseline; CN: Free + 25% s301 + 20% fentanyl + 10% reciprocal
   cc  rate  amount
0  JP  10.0   100.0
1  CN  55.0   550.0
"""

from __future__ import annotations

import contextlib
import math
import numbers
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from tariffcalc._collector import paused
from tariffcalc._decimals import own_context
from tariffcalc._validators import require
from tariffcalc.authority import AUTHORITIES, authority
from tariffcalc.codes import ProductCode
from tariffcalc.countries import Country
from tariffcalc.entries import Entry
from tariffcalc.errors import InvalidEntryError, MissingFactError, TariffError
from tariffcalc.io.numbers import read_amount
from tariffcalc.measures import MeasureKind
from tariffcalc.periods import as_day, parse_day
from tariffcalc.rates import HUNDRED, AllIn, amount
from tariffcalc.resolution import DutyLine, Resolution, Rounding

if TYPE_CHECKING:
    import pandas as pd

    from tariffcalc.scenario import ScheduleDiff
    from tariffcalc.schedule import Schedule
    from tariffcalc.timeline import Timeline

__all__ = [
    "authority_column",
    "diff_frame",
    "exact_number",
    "line_rates",
    "resolution_frame",
    "resolve_frame",
    "timeline_frame",
    "to_day",
]

#: Rows above which ``progress="auto"`` shows a progress bar.
PROGRESS_ROWS = 100_000


def authority_column(name: str) -> str:
    """
    The column of amounts for authority *name*.

    >>> authority_column("Section 232"), authority_column("MFN")
    ('amount_section_232', 'amount_mfn')
    """
    return "amount_" + name.lower().replace(" ", "_")


def _pd() -> Any:
    try:
        import pandas
    except ImportError:  # pragma: no cover  # depends on the environment
        raise ImportError("tariffcalc's frames need pandas: pip install 'tariffcalc[pandas]'") from None
    return pandas


def _missing(x: Any) -> bool:
    if x is None:
        return True
    try:
        pd = _pd()
        return bool(pd.isna(x)) if not isinstance(x, list | tuple | set | frozenset | dict) else False
    except (TypeError, ValueError):
        return False


def exact_number(x: Any) -> Decimal | int | str | None:
    """
    A number from a frame cell, exactly: numpy integers as ints, floats
    (numpy or not) by the one rule of :func:`tariffcalc.rates.amount` (the
    digits they print), so ``0.1`` is ``Decimal('0.1')``; ``None``, ``NaN``
    and ``pd.NA`` are no number.

    >>> import numpy as np
    >>> exact_number(np.float64(0.1)), exact_number(np.int64(7)), exact_number(float("nan"))
    (Decimal('0.1'), 7, None)
    """
    if _missing(x):
        return None
    if isinstance(x, bool):
        raise InvalidEntryError(f"expected a number, got {x!r}")
    if isinstance(x, Decimal | str):
        return x
    if isinstance(x, numbers.Integral):
        return int(x)
    if isinstance(x, numbers.Real):
        if not math.isfinite(float(x)):
            raise InvalidEntryError(f"{x!r} is not a finite number")
        return amount(x)
    raise InvalidEntryError(f"expected a number, got {type(x).__name__} {x!r}")


def _frame_number(x: Any, what: str, *, money: bool = True) -> Decimal | None:
    """A frame cell's number by the one reader of outside numbers (:mod:`tariffcalc.io.numbers`)."""
    if _missing(x):
        return None
    return read_amount(x, what, money=money)


def to_day(x: Any) -> date:
    """
    A calendar day from a frame cell, by the rule of
    :func:`tariffcalc.periods.as_day` (the one rule of every function that
    takes a day): a ``date``, a ``datetime``, ``Timestamp`` or ``datetime64``
    (its date part: a time of day is dropped), or ISO text.

    >>> import numpy as np, pandas as pd
    >>> to_day(pd.Timestamp("2025-05-20")), to_day(np.datetime64("2025-05-20")), to_day("2025-05-20")
    (datetime.date(2025, 5, 20), datetime.date(2025, 5, 20), datetime.date(2025, 5, 20))
    """
    if _missing(x):
        raise InvalidEntryError("an entry date is missing")
    try:
        return as_day(x, "the entry date")
    except TypeError:
        raise InvalidEntryError(f"{x!r:.40} is not a day; write it as YYYY-MM-DD, e.g. 2025-05-20") from None


def _claims(x: Any) -> frozenset[str]:
    if _missing(x):
        return frozenset()
    if isinstance(x, str):
        return frozenset(c for c in x.replace(",", " ").split() if c)
    if isinstance(x, Iterable):
        return frozenset(str(c) for c in x)
    raise InvalidEntryError(f"claims must be text or a list of names, got {x!r}")


def _hashable(x: Any) -> Hashable:
    if isinstance(x, list | set | tuple | frozenset):
        return tuple(sorted(map(str, x)))
    return x  # type: ignore[no-any-return]


def line_rates(resolution: Resolution) -> list[Decimal | None]:
    """
    Each applied line's share of the total rate, in percent: its amount over
    the value when there is one, else its rate on a nominal value of 100
    (``None`` where that needs a fact).
    """
    value = resolution.entry.value
    if value is not None:
        return [
            None if line.amount is None or not value else line.amount * HUNDRED / value for line in resolution.lines
        ]
    out: list[Decimal | None] = []
    base = Decimal(0)
    for line in resolution.lines:
        rate = line.rate
        try:
            if isinstance(rate, AllIn):
                out.append(rate.top_up(HUNDRED, base))
            else:
                share = rate.amount(HUNDRED)
                if str(line.basis) not in ("value",) and not str(line.basis).startswith("value-less"):
                    share = None  # type: ignore[assignment]
                out.append(share)
                if line.measure.kind is MeasureKind.BASE and share is not None:
                    base += share
        except (MissingFactError, TariffError):
            out.append(None)
    return out


def _by_authority(resolution: Resolution) -> dict[str, Decimal | None]:
    totals: dict[str, Decimal | None] = {}
    for line in resolution.lines:
        name = authority(line.measure)
        before = totals.get(name, Decimal(0))
        totals[name] = None if before is None or line.amount is None else before + line.amount
    return totals


def _number_column(values: Sequence[Decimal | None], exact: bool, index: Any) -> Any:
    pd = _pd()
    if exact:
        return pd.Series(list(values), index=index, dtype=object)
    return pd.Series([None if v is None else float(v) for v in values], index=index, dtype="Float64")


def _joined(parts: Iterable[str], sep: str = "; ") -> str | None:
    """*parts* joined by *sep*; ``None`` (``<NA>`` in a frame) when there are none."""
    return sep.join(parts) or None


def _text_column(values: Sequence[Any], index: Any = None) -> Any:
    """A ``string`` column, ``<NA>`` where a value is ``None`` or empty."""
    pd = _pd()
    return pd.Series([None if v is None or v == "" else str(v) for v in values], index=index, dtype="string")


def _column_or_constant(df: Any, spec: Any, what: str = "", parse: Any = None) -> Any:
    """
    A column of *df* when *spec* names one, else *spec* for every row. Text
    that is no column must be a valid constant (*parse* reads it without
    error), or it is taken for a column the frame lacks and refused.
    """
    if isinstance(spec, str) and spec in df.columns:
        return df[spec]
    if isinstance(spec, str) and parse is not None:
        try:
            parse(spec)
        except TariffError:
            columns = ", ".join(map(str, df.columns)) or "none"
            raise InvalidEntryError(
                f"{what}={spec!r} is neither a column of the frame nor a valid {what}; "
                f'its columns: {columns}; name one ({what}="...") or give one {what} for every row'
            ) from None
    pd = _pd()
    return pd.Series([spec] * len(df), index=df.index, dtype=object)


class _Default:
    """The default of ``value=``: the column ``value`` when the frame has one, else no value."""

    def __repr__(self) -> str:
        return "'value' if the frame has it"


#: ``value=`` not given: the frame's ``value`` column, if it has one.
VALUE_COLUMN: Any = _Default()


def _resolve_keys(
    schedule: Schedule, entries: list[Entry | TariffError], knowns: list[date | None], rounding: Rounding
) -> list[Resolution | TariffError]:
    out: list[Resolution | TariffError] = []
    for entry, known in zip(entries, knowns, strict=True):
        if isinstance(entry, TariffError):
            out.append(entry)
            continue
        try:
            out.append(schedule.resolve_entry(entry, rounding, known=known))
        except TariffError as e:
            out.append(e)
    return out


_WORKER: dict[str, Any] = {}


def _init_worker(schedule: Schedule) -> None:
    _WORKER["schedule"] = schedule


def _work(job: tuple[list[Entry | TariffError], list[date | None], Rounding]) -> list[Resolution | TariffError]:
    return _resolve_keys(_WORKER["schedule"], *job)


def _chunks(n: int, size: int) -> Iterator[slice]:
    for start in range(0, n, size):
        yield slice(start, min(n, start + size))


@own_context
def resolve_frame(
    schedule: Schedule,
    df: pd.DataFrame,
    *,
    product: Any = "product",
    origin: Any = "origin",
    date: Any = "date",
    value: str | None = VALUE_COLUMN,
    quantity: Mapping[str, str] | None = None,
    content: Mapping[str, str] | None = None,
    claims: Any = None,
    known: Any = None,
    exact: bool = False,
    rounding: Rounding = Rounding(),  # noqa: B008  # immutable value
    errors: str = "raise",
    progress: bool | str = "auto",
    processes: int | None = None,
    all_authorities: bool = False,
    entry: str | None = None,
) -> pd.DataFrame:
    """
    *df* with the duty of each row added: ``rate`` and ``amount`` (nullable
    ``Float64``, or exact ``Decimal`` objects with ``exact=True``), ``missing``
    (the facts the amount waits for, ``; ``-separated), ``headings`` (the
    applied lines' headings), one ``amount_<authority>`` column per authority
    that charges anything (``amount_mfn``, ``amount_section_232``,
    ``amount_ieepa``, ...) and ``warnings``.

    ``product``, ``origin``, ``date``, ``claims`` and ``known`` name a column,
    or give one value for every row: for ``product``, ``origin``, ``date``
    and ``known``, text that is no column of *df* must be a valid code,
    country or ISO day, else it is refused as a missing column
    (:class:`~tariffcalc.errors.InvalidEntryError`, listing the columns).
    ``value`` names the column of customs values: by default ``value`` when
    *df* has one, ``value=None`` for none;
    ``quantity`` and ``content`` map a unit or content name to a column
    (``quantity={"kg": "net_kg"}``, ``content={"steel": "steel_value"}``).
    Cells may be numpy numbers, Timestamps, ``datetime64``, ISO text or
    categoricals; floats are read through their shortest text. Each distinct
    entry is resolved once; with a value column, the rows that differ only by
    their value are decided once and priced together as arrays, to the cent
    what :meth:`~tariffcalc.Schedule.resolve` gives each row. ``errors="report"`` puts a row's error in an
    ``error`` column instead of raising. ``progress`` shows a tqdm bar (by
    default above 100,000 rows, when tqdm is installed); ``processes=N``
    resolves the distinct entries in N processes. ``all_authorities=True``
    adds a column for every authority of :data:`~tariffcalc.authority.AUTHORITIES`,
    charging or not, so that frames resolved apart have the same columns (as
    the partitions :func:`tariffcalc.cluster.resolve_dask` resolves do).
    ``entry`` names a column of entry numbers: the rows of one entry must
    share their entry date (else each of them is an error: raised, or
    reported with ``errors="report"``), and ``entry_amount`` is the duty of
    the whole entry on each of its rows. Numbers in cells (text included:
    ``"1,000"``, ``"$1,000.00"``) are read by :mod:`tariffcalc.io.numbers`,
    which refuses ambiguous ones (``"1.000,00"``) naming the column.
    """
    pd = _pd()
    if errors not in ("raise", "report"):
        raise ValueError(f"errors must be 'raise' or 'report', got {errors!r}")
    from tariffcalc.schedule import Schedule as _Schedule  # at run time: the schedule module imports this one

    require(schedule, _Schedule, "schedule")
    if not hasattr(df, "columns") or not hasattr(df, "index"):
        raise TypeError(f"resolve_frame reads a pandas DataFrame, got {type(df).__name__}")
    if value is VALUE_COLUMN:
        value = "value" if "value" in df.columns else None
    quantity = dict(quantity or {})
    content = dict(content or {})
    named = [("value", value)] if value is not None else []
    named += [(f"quantity[{u!r}]", c) for u, c in quantity.items()]
    named += [(f"content[{n!r}]", c) for n, c in content.items()]
    if entry is not None:
        named.append(("entry", entry))
    for what, column in named:
        if not isinstance(column, str) or column not in df.columns:
            columns = ", ".join(map(str, df.columns))
            raise InvalidEntryError(
                f"{what} names the column {column!r}, which the frame lacks; its columns: {columns}"
            )
    raw: dict[str, Any] = {
        "product": _column_or_constant(df, product, "product", ProductCode.parse),
        "origin": _column_or_constant(df, origin, "origin", Country.parse),
        "date": _column_or_constant(df, date, "date", parse_day),
    }
    if value is not None:
        raw["value"] = df[value]
    for unit, column in quantity.items():
        raw[f"q:{unit}"] = df[column]
    for name, column in content.items():
        raw[f"c:{name}"] = df[column]
    if claims is not None:
        raw["claims"] = _column_or_constant(df, claims).map(_hashable)
    if known is not None:
        raw["known"] = _column_or_constant(df, known, "known", parse_day)
    keys = pd.DataFrame(raw, index=df.index)
    for name in keys.columns:  # categoricals group by their values
        if isinstance(keys[name].dtype, pd.CategoricalDtype):
            keys[name] = keys[name].astype(object)
    if value is not None and entry is None and len(keys):
        # Rows that differ only by their value share a decision: priced as arrays.
        by_decision = _by_decision(
            schedule, df, keys, value, quantity, content, rounding, exact, errors, progress, processes, all_authorities
        )
        if by_decision is not None:
            return by_decision
    if len(keys):
        ids = keys.groupby(list(keys.columns), sort=False, dropna=False).ngroup().to_numpy()
        firsts = keys[~pd.Series(ids).duplicated().to_numpy()]
    else:
        ids = pd.Series([], dtype="int64").to_numpy()
        firsts = keys

    entries, knowns = _entries_of(firsts, value, quantity, content)
    bar = _progress_bar(progress, len(df), len(entries))
    results: list[Resolution | TariffError] = []
    # A big frame holds millions of Python objects; the collector would walk them all
    # again and again while the resolutions allocate: pause it (it resumes after).
    with paused():
        _resolve_all(schedule, entries, knowns, rounding, processes, bar, results)
    if bar is not None:
        bar.close()
    out = _assemble(df, ids, results, exact, errors, all_authorities)
    if entry is not None:
        _entry_columns(out, df[entry], raw["date"], ids, results, exact, errors)
    return out


def _progress_bar(progress: bool | str, rows: int, n: int) -> Any:
    """A tqdm bar over *n* entries when asked (by default above :data:`PROGRESS_ROWS` rows and tqdm installed)."""
    show = progress is True or (progress == "auto" and rows > PROGRESS_ROWS)
    if not show:
        return None
    try:
        from tqdm.auto import tqdm
    except ImportError:
        if progress is True:
            raise ImportError("progress bars need tqdm: pip install tqdm") from None
        return None
    return tqdm(total=n, desc="resolving entries", unit="entry")


def _entries_of(
    firsts: Any, value: str | None, quantity: Mapping[str, str], content: Mapping[str, str]
) -> tuple[list[Entry | TariffError], list[date | None]]:
    """The entry (or the error that refuses it) and the knowledge date of each row of *firsts*."""
    entries: list[Entry | TariffError] = []
    knowns: list[date | None] = []
    for row in firsts.itertuples(index=False, name=None):
        cell = dict(zip(firsts.columns, row, strict=True))
        try:
            made = Entry.of(
                str(cell["product"]),
                str(cell["origin"]),
                to_day(cell["date"]),
                value=_frame_number(cell.get("value"), f"column {value!r}"),
                quantities={
                    u: q
                    for u, col in quantity.items()
                    if (q := _frame_number(cell[f"q:{u}"], f"column {col!r}", money=False)) is not None
                },
                contents={
                    c: v
                    for c, col in content.items()
                    if (v := _frame_number(cell[f"c:{c}"], f"column {col!r}")) is not None
                },
                claims=_claims(cell.get("claims")),
            )
            entries.append(made)
            knowns.append(None if _missing(cell.get("known")) else to_day(cell["known"]))
        except TariffError as e:
            entries.append(e)
            knowns.append(None)
    return entries, knowns


def _entry_columns(
    out: Any, entries: Any, days: Any, ids: Any, results: list[Resolution | TariffError], exact: bool, errors: str
) -> None:
    """Check that the rows of each entry share one entry date, and add ``entry_amount`` (in place)."""
    groups: dict[Any, list[int]] = {}
    for position, key in enumerate(entries.tolist()):
        groups.setdefault(("row", position) if _missing(key) else ("entry", str(key)), []).append(position)
    totals: list[Decimal | None] = [None] * len(out)
    problems: dict[int, str] = {}
    for (kind, key), positions in groups.items():
        found = [results[int(ids[p])] for p in positions]
        on = set()
        for p in positions:
            with contextlib.suppress(TariffError):  # a bad day: the row's own error says why
                on.add(to_day(days.iloc[p]))
        if kind == "entry" and len(on) > 1:
            rows = ", ".join(repr(out.index[p]) for p in positions)
            message = (
                f"entry {key}: its lines have different entry dates ({', '.join(map(str, sorted(on)))}) "
                f"in rows {rows}; the lines of one entry have one entry date"
            )
            if errors == "raise":
                raise InvalidEntryError(message)
            problems.update(dict.fromkeys(positions, message))
            continue
        amounts = [None if isinstance(r, TariffError) else r.amount for r in found]
        total = None if any(a is None for a in amounts) else sum((a for a in amounts if a is not None), Decimal(0))
        for p in positions:
            totals[p] = total
    out["entry_amount"] = _number_column(totals, exact, out.index)
    if problems:
        pd = _pd()
        error = out["error"].astype(object)
        for p, message in problems.items():
            error.iloc[p] = message if _missing(error.iloc[p]) else f"{error.iloc[p]}; {message}"
        out["error"] = pd.array(error.tolist(), dtype="string")


def _resolve_all(
    schedule: Schedule,
    entries: list[Entry | TariffError],
    knowns: list[date | None],
    rounding: Rounding,
    processes: int | None,
    bar: Any,
    results: list[Resolution | TariffError],
) -> None:
    n = len(entries)
    size = max(1, min(2000, n // (4 * (processes or 1)) or 1))
    jobs = [(entries[s], knowns[s], rounding) for s in _chunks(n, size)]
    if processes and processes > 1 and n > size:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(processes, initializer=_init_worker, initargs=(schedule,)) as pool:
            for part in pool.map(_work, jobs):
                results.extend(part)
                if bar is not None:
                    bar.update(len(part))
    else:
        for job in jobs:
            part = _resolve_keys(schedule, *job)
            results.extend(part)
            if bar is not None:
                bar.update(len(part))


def _assemble(
    df: Any, ids: Any, results: list[Resolution | TariffError], exact: bool, errors: str, all_authorities: bool
) -> Any:
    pd = _pd()
    problems = [(i, r) for i, r in enumerate(results) if isinstance(r, TariffError)]
    if problems and errors == "raise":
        i, error = problems[0]
        row = df.index[int((ids == i).argmax())]
        error.add_note(f"in row {row!r} of the frame ({len(problems)} distinct entries failed)")
        raise error

    rates: list[Decimal | None] = []
    amounts: list[Decimal | None] = []
    missing: list[str | None] = []
    headings: list[str | None] = []
    warnings: list[str | None] = []
    failures: list[str | None] = []
    per_authority: list[dict[str, Decimal | None]] = []
    seen: set[str] = set()
    for r in results:
        if isinstance(r, TariffError):
            rates.append(None)
            amounts.append(None)
            missing.append(None)
            headings.append(None)
            warnings.append(None)
            failures.append(str(r))
            per_authority.append({})
            continue
        rates.append(r.rate)
        amounts.append(r.amount)
        missing.append(_joined(r.amount_missing))
        headings.append(_joined(line.heading or line.measure.id for line in r.lines))
        warnings.append(_joined(r.warnings))
        failures.append(None)
        shares = _by_authority(r)
        seen.update(shares)
        per_authority.append(shares)

    # Columns are built once per distinct entry and spread to the rows with one take.
    def numbers(values: Sequence[Decimal | None]) -> Any:
        per_key = _number_column(values, exact, pd.RangeIndex(len(values)))
        return pd.Series(per_key.array.take(ids), index=df.index)

    def texts(values: Sequence[str | None]) -> Any:
        return pd.Series(pd.array(list(values), dtype="string").take(ids), index=df.index)

    out = df.copy()
    out["rate"] = numbers(rates)
    out["amount"] = numbers(amounts)
    out["missing"] = texts(missing)
    out["headings"] = texts(headings)
    for name in (a for a in AUTHORITIES if all_authorities or a in seen):
        charged: list[Decimal | None] = [
            None if isinstance(r, TariffError) or r.entry.value is None else shares.get(name, Decimal(0))
            for r, shares in zip(results, per_authority, strict=True)
        ]
        out[authority_column(name)] = numbers(charged)
    out["warnings"] = texts(warnings)
    if errors == "report":
        out["error"] = texts(failures)
    return out


def resolve_partition(df: pd.DataFrame, schedule: Schedule, options: Mapping[str, Any]) -> pd.DataFrame:
    """
    :func:`resolve_frame` with the frame first and a column for every
    authority: the function :func:`tariffcalc.cluster.resolve_dask` maps over
    a dask frame's partitions (each partition then has the same columns).
    """
    return resolve_frame(schedule, df, **options, all_authorities=True)


def resolution_frame(resolution: Resolution, exact: bool = False) -> pd.DataFrame:
    """
    One row per applied line: ``measure``, ``heading``, ``authority``,
    ``rate`` (the line's share of the total rate, in percent: its amount
    over the value, else its rate on a nominal 100; ``<NA>`` where that needs
    a fact), ``terms`` (the rate as printed: ``25%``, ``2.4¢/kg``),
    ``basis``, ``basis_value``, ``amount``, ``note`` and ``citation``.
    Numbers are ``Float64`` (``Decimal`` objects with ``exact=True``), text
    is ``string``, ``<NA>`` where there is none.

    >>> from datetime import date
    >>> from tariffcalc.datasets import load_schedule
    >>> r = load_schedule("us-2025-26").resolve("8708.30.50.30", "JP", date(2025, 5, 20), value=10000)
    >>> resolution_frame(r)[["heading", "rate", "terms", "amount"]]
             heading  rate terms  amount
    0  8708.30.50.30   2.5  2.5%   250.0
    1     9903.94.05  25.0   25%  2500.0
    """
    pd = _pd()
    lines: Sequence[DutyLine] = resolution.lines
    index = pd.RangeIndex(len(lines))
    frame = pd.DataFrame(
        {
            "measure": _text_column([line.measure.id for line in lines], index),
            "heading": _text_column([line.heading for line in lines], index),
            "authority": _text_column([authority(line.measure) for line in lines], index),
            "rate": _number_column(line_rates(resolution), exact, index),
            "terms": _text_column([str(line.rate) for line in lines], index),
            "basis": _text_column([str(line.basis) for line in lines], index),
            "basis_value": _number_column([line.basis_value for line in lines], exact, index),
            "amount": _number_column([line.amount for line in lines], exact, index),
            "note": _text_column([line.note for line in lines], index),
            "citation": _text_column([str(line.citation) for line in lines], index),
        },
        index=index,
    )
    return frame


def timeline_frame(timeline: Timeline, *, merge: bool = False, exact: bool = False) -> pd.DataFrame:
    """
    One row per segment: ``start``, ``end`` (excluded), ``rate``, ``amount``,
    one ``rate_<authority>`` column per authority (its share of the rate),
    ``headings``, ``missing`` and ``warnings``. With ``merge=True``
    consecutive segments of equal rate are one row (their headings joined).
    """
    pd = _pd()
    rows: list[dict[str, Any]] = []
    names: set[str] = set()
    for segment in timeline.segments:
        r = segment.resolution
        shares: dict[str, Decimal | None] = {}
        for line, share in zip(r.lines, line_rates(r), strict=True):
            name = authority(line.measure)
            before = shares.get(name, Decimal(0))
            shares[name] = None if before is None or share is None else before + share
        names.update(shares)
        row = {
            "start": segment.period.start,
            "end": segment.period.end,
            "rate": r.rate,
            "amount": r.amount,
            "headings": "; ".join(line.heading or line.measure.id for line in r.lines),
            "missing": "; ".join(r.missing),
            "warnings": "; ".join(r.warnings),
            **{"rate_" + k.lower().replace(" ", "_"): v for k, v in shares.items()},
        }
        if merge and rows and rows[-1]["rate"] == row["rate"] and rows[-1]["end"] == row["start"]:
            previous = rows[-1]
            previous["end"] = row["end"]
            for key in ("headings", "missing", "warnings"):
                parts = [str(p) for p in (previous[key], row[key]) if p]
                previous[key] = " | ".join(dict.fromkeys(parts))
            continue
        rows.append(row)
    authority_columns = ["rate_" + a.lower().replace(" ", "_") for a in AUTHORITIES if a in names]
    for row in rows:  # an authority absent on a day charges nothing that day
        for column in authority_columns:
            row.setdefault(column, Decimal(0))
    numeric = ["rate", "amount", *authority_columns]
    frame = pd.DataFrame(rows, columns=["start", "end", *numeric, "headings", "missing", "warnings"])
    for c in numeric:
        values = [row[c] for row in rows]
        frame[c] = pd.Series(list(values), dtype=object) if exact else _number_column(values, False, frame.index)
    for c in ("headings", "missing", "warnings"):
        frame[c] = _text_column([row[c] for row in rows], frame.index)
    frame["start"] = pd.to_datetime(frame["start"])
    frame["end"] = pd.to_datetime(frame["end"])
    return frame


def diff_frame(d: ScheduleDiff) -> pd.DataFrame:
    """One row per difference: ``kind``, ``part``, ``id``, ``details``."""
    pd = _pd()
    return pd.DataFrame(
        {
            "kind": _text_column([c.kind for c in d.changes]),
            "part": _text_column([c.part for c in d.changes]),
            "id": _text_column([c.id for c in d.changes]),
            "details": _text_column([_joined(c.details) for c in d.changes]),
        },
        columns=["kind", "part", "id", "details"],
    )


#: Values at or above this many cents are priced row by row (their products could overflow 64 bits).
_LARGEST_CENTS = 10**11


def _cents(column: Any) -> tuple[Any, Any]:
    """
    The values of *column* in whole cents, as :mod:`tariffcalc.io.numbers`
    reads them (a float as its shortest text), and which rows are a positive
    whole number of cents so read (the others are resolved row by row).
    """
    import numpy as np

    pd = _pd()
    n = len(column)
    dtype = column.dtype
    kind = getattr(dtype, "kind", "O")
    if kind == "b" or isinstance(dtype, pd.CategoricalDtype):
        return np.zeros(n, dtype=np.int64), np.zeros(n, dtype=bool)
    if kind in "iu":
        missing = column.isna().to_numpy()
        v = column.to_numpy(dtype="float64", na_value=0.0)
        ok = ~missing & (v > 0) & (v < _LARGEST_CENTS // 100)
        whole = column.to_numpy(dtype="int64", na_value=0) if ok.all() else np.where(ok, v, 0).astype(np.int64)
        return np.where(ok, whole, 0) * 100, ok
    if kind == "f":
        x = column.to_numpy(dtype="float64", na_value=np.nan)
        with np.errstate(invalid="ignore"):
            ok = np.isfinite(x) & (x > 0) & (x < _LARGEST_CENTS / 100)
            c = np.round(np.where(ok, x, 0.0) * 100)
            ok &= c / 100 == x
        return c.astype(np.int64), ok
    cents = np.zeros(n, dtype=np.int64)
    ok = np.zeros(n, dtype=bool)
    for i, x in enumerate(column.tolist()):
        if (isinstance(x, Decimal) and x.is_finite()) or type(x) is int:
            hundredths = Decimal(x) * 100
            if 0 < hundredths < _LARGEST_CENTS and hundredths == hundredths.to_integral_value():
                cents[i], ok[i] = int(hundredths), True
    return cents, ok


def _by_decision(
    schedule: Schedule,
    df: Any,
    keys: Any,
    value: str,
    quantity: Mapping[str, str],
    content: Mapping[str, str],
    rounding: Rounding,
    exact: bool,
    errors: str,
    progress: bool | str,
    processes: int | None,
    all_authorities: bool,
) -> Any | None:
    """
    :func:`resolve_frame` for a frame with a value column, deciding once per
    decision (every column but the value) and pricing its rows as arrays
    (see :mod:`tariffcalc._frame_pricing`); the rows it cannot price so are
    resolved one distinct entry at a time. ``None`` when the rounding has no rule there.
    """
    import numpy as np

    from tariffcalc import _frame_pricing as fp

    k = fp.quantum_exponent(rounding)
    if k is None:
        return None
    pd = _pd()
    cents, ok = _cents(keys["value"])
    facts = [c for c in keys.columns if c != "value"]
    dids = keys.groupby(facts, sort=False, dropna=False).ngroup().to_numpy()
    firsts = keys[~pd.Series(dids).duplicated().to_numpy()]
    probe = firsts.assign(value=Decimal(100))  # one positive value: steps 1 to 5 are alike for every other
    decided, knowns = _entries_of(probe, value, quantity, content)
    bar = _progress_bar(progress, len(df), len(decided))
    found: list[Resolution | TariffError] = []
    with paused():
        _resolve_all(schedule, decided, knowns, rounding, processes, bar, found)
    if bar is not None:
        bar.close()
    known_names: dict[int, tuple[Any, str]] = {}
    templates = [None if isinstance(r, TariffError) else fp.template(r, known_names) for r in found]
    count = len(templates)
    width = max((len(t.slots) for t in templates if t is not None), default=0)
    names = sorted({s.authority for t in templates if t is not None for s in t.slots})
    how = np.full((width, count), -1, dtype=np.int64)
    percent = np.zeros((width, count), dtype=np.int64)
    owner = np.full((width, count), -1, dtype=np.int64)
    complete = np.zeros(count, dtype=bool)
    for d, t in enumerate(templates):
        if t is None:
            continue
        complete[d] = t.complete
        for j, slot in enumerate(t.slots):
            how[j, d], percent[j, d], owner[j, d] = slot.how, slot.percent, names.index(slot.authority)
    usable = np.array([t is not None for t in templates], dtype=bool)
    top = int(percent.max(initial=0))
    if top:  # products of value and percentage stay well inside 64 bits
        ok &= cents < (2**61 // (top * 10 ** max(k, 0) * 10 ** max(0, -k)))
    # What a template's own value gives: a row whose all-in top-ups meet their target differently is resolved alone.
    met_at_probe = np.zeros(count, dtype=np.int64)
    for d, t in enumerate(templates):
        if t is not None:
            met_at_probe[d] = int(fp.price(t.slots, np.array([10_000], dtype=np.int64), k, rounding.mode)[1][0])

    rows = np.flatnonzero(ok & usable[dids])
    dd = dids[rows]
    v = cents[rows]
    total = np.zeros(len(rows), dtype=np.int64)
    lacking = ~complete[dd]
    met = np.zeros(len(rows), dtype=np.int64)
    charged = np.zeros((len(names), len(rows)), dtype=np.int64)
    unknown = np.zeros((len(names), len(rows)), dtype=bool)
    base = np.zeros(len(rows), dtype=np.int64)
    scale, over = (10**k, fp.DENOMINATOR) if k >= 0 else (1, fp.DENOMINATOR * 10**-k)
    for j in range(width):
        kinds, share, who = how[j, dd], percent[j, dd], owner[j, dd]
        by_rate, top_up = kinds == fp.BY_RATE, kinds == fp.TOP_UP
        units = fp.rounded(v * share, fp.DENOMINATOR, k, rounding.mode)
        if j == 0:
            base = np.where(by_rate, units, 0)
        diff = v * share * scale - base * over
        zero = diff <= 0
        topped = fp.rounded(np.where(zero, 0, diff), over, 0, rounding.mode)
        units = np.where(by_rate, units, np.where(top_up, topped, 0))
        met |= (top_up & zero).astype(np.int64) << j
        total += units
        for a in range(len(names)):
            mine = who == a
            charged[a] += np.where(mine, units, 0)
            unknown[a] |= mine & (kinds == fp.NONE)
    alike = met == met_at_probe[dd]
    rows, dd, total, lacking = rows[alike], dd[alike], total[alike], lacking[alike]
    charged, unknown = charged[:, alike], unknown[:, alike]

    # The other rows: resolved one distinct entry at a time, as without arrays.
    n = len(keys)
    alone = np.ones(n, dtype=bool)
    alone[rows] = False
    others = np.flatnonzero(alone)
    sub = keys.iloc[others]
    results: list[Resolution | TariffError] = []
    if len(sub):
        ids = sub.groupby(list(sub.columns), sort=False, dropna=False).ngroup().to_numpy()
        entries, knowns = _entries_of(sub[~pd.Series(ids).duplicated().to_numpy()], value, quantity, content)
        with paused():
            _resolve_all(schedule, entries, knowns, rounding, processes, None, results)
    else:
        ids = np.zeros(0, dtype=np.int64)
    problems = [(i, r) for i, r in enumerate(results) if isinstance(r, TariffError)]
    if problems and errors == "raise":
        i, error = problems[0]
        row = df.index[int(others[int((ids == i).argmax())])]
        error.add_note(f"in row {row!r} of the frame ({len(problems)} distinct entries failed)")
        raise error

    # Every row reads its texts and rate from a unit: a decision, or one of the other rows' entries.
    unit = np.empty(n, dtype=np.int64)
    unit[rows] = dd
    unit[others] = count + ids
    resolutions: list[Resolution | TariffError | None] = [None if t is None else t.resolution for t in templates]
    resolutions += results
    seen = set(names)
    shares: list[dict[str, Decimal | None]] = []
    for r in results:
        shares.append({} if isinstance(r, TariffError) else _by_authority(r))
        seen.update(shares[-1])

    def per_unit(get: Any) -> list[Any]:
        return [None if r is None or isinstance(r, TariffError) else get(r) for r in resolutions]

    def texts(values: Sequence[str | None]) -> Any:
        return pd.Series(pd.array(list(values), dtype="string").take(unit), index=df.index)

    def numbers(units: Any, unknown: Any, theirs: Sequence[Decimal | None]) -> Any:
        """A column: the priced rows' *units* (of the quantum; *unknown*: none), the other rows' own amounts."""
        if exact:
            column = np.empty(n, dtype=object)
            # One Decimal per distinct amount (written as the steps sum them), spread with one take.
            distinct, where = np.unique(units, return_inverse=True)
            made = np.array(
                [Decimal(int(x)).scaleb(-k) if k >= 0 else Decimal(int(x) * 10**-k) for x in distinct.tolist()]
                + [None],
                dtype=object,
            )
            picked = made[:-1][where]
            picked[unknown] = None
            column[rows] = picked
            column[others] = np.array([*theirs, None], dtype=object)[:-1][ids]
            return pd.Series(column, index=df.index, dtype=object)
        floats = np.zeros(n, dtype="float64")
        mask = np.zeros(n, dtype=bool)
        floats[rows] = units / 10**k if k >= 0 else units * 10**-k
        mask[rows] = unknown
        own = [math.nan if x is None else float(x) for x in theirs]
        floats[others] = np.array(own, dtype="float64")[ids] if own else 0.0
        mask[others] = np.array([x is None for x in theirs], dtype=bool)[ids] if own else False
        return pd.Series(pd.arrays.FloatingArray(floats, mask), index=df.index)

    def per_unit_numbers(values: Sequence[Decimal | None]) -> Any:
        return pd.Series(_number_column(values, exact, pd.RangeIndex(len(values))).array.take(unit), index=df.index)

    out = df.copy()
    out["rate"] = per_unit_numbers(per_unit(lambda r: r.rate))
    out["amount"] = numbers(total, lacking, [None if isinstance(r, TariffError) else r.amount for r in results])
    out["missing"] = texts(per_unit(lambda r: _joined(r.amount_missing)))
    out["headings"] = texts(per_unit(lambda r: _joined(line.heading or line.measure.id for line in r.lines)))
    for name in (a for a in AUTHORITIES if all_authorities or a in seen):
        theirs: list[Decimal | None] = [
            None if isinstance(r, TariffError) or r.entry.value is None else s.get(name, Decimal(0))
            for r, s in zip(results, shares, strict=True)
        ]
        if name in names:
            a = names.index(name)
            out[authority_column(name)] = numbers(charged[a], unknown[a], theirs)
        else:
            nothing = np.zeros(len(rows), dtype=np.int64)
            out[authority_column(name)] = numbers(nothing, np.zeros(len(rows), dtype=bool), theirs)
    out["warnings"] = texts(per_unit(lambda r: _joined(r.warnings)))
    if errors == "report":
        failures = [str(r) if isinstance(r, TariffError) else None for r in resolutions]
        out["error"] = texts(failures)
    return out
