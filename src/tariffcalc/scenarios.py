"""
Scenarios as small TOML files, and their effect on a book of entries.

A scenario file names the scenario, the hypothetical instrument its
changes are cited to, and the changes, in order::

    name = "Japan's 15% deal from 1 May 2025"

    [instrument]
    id = "what-if jp-deal-from-may"
    title = "The Japan deal applied from 1 May 2025"
    known_on = 2025-05-20

    [[changes]]
    change = "set-validity"
    measure = "us.ieepa.reciprocal.jp.deal"
    start = 2025-05-01

The changes defined by their meaning are ``country-rate`` (``origin``,
``rate``, ``start``, ``end``, ``tag``: "the country rate of X from D1 to
D2 is R"), ``pause-until`` (``measure``, ``until``, ``id``: "the
suspension of M runs to D") and ``all-in`` (``origin``, ``rate``,
``start``, ``authorities``, ``id``: "X's goods pay R all-in on these
authorities from D"); see :mod:`tariffcalc.whatif`. The changes that
edit the schedule's parts directly are ``set-rate`` (``measure``, ``rate``), ``set-validity``
(``measure``, ``start``, ``end``, ``open_end``), ``remove-measure``
(``measure``), ``extend-suspension`` (``suspension``, ``until``, ``id``),
``add-suspension`` (``id``, ``measures``, ``start``, ``end``,
``replacement``), ``remove-suspension`` (``suspension``), ``add-rule``
(``id``, ``when``, ``drops``, ``displaces``, ``start``, ``end``),
``remove-rule`` (``rule``) and ``alter-rule`` (``rule``, ``when``,
``drops``, ``displaces``, ``start``, ``end``, ``open_end``).

The packaged what-ifs of May 2025 load by name:

>>> from tariffcalc.datasets import load_schedule
>>> from datetime import date
>>> deal = load_scenario("jp-deal-from-may")
>>> deal.name
"Japan's 15% deal from 1 May 2025"
>>> us = load_schedule("us-2025-26")
>>> deal.apply(us).resolve("9403.60.80.93", "JP", date(2025, 5, 20)).rate
Decimal('15')
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from importlib.resources import as_file, files
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from tariffcalc._decimals import own_context
from tariffcalc.citations import Citation, Instrument
from tariffcalc.errors import DataFileError, InvalidEntryError, TariffError
from tariffcalc.measures import Suspension
from tariffcalc.periods import Period, as_day, parse_day
from tariffcalc.rates import Rate
from tariffcalc.rules import Displacement, StackingRule
from tariffcalc.scenario import (
    AddRule,
    AddSuspension,
    AlterRule,
    Change,
    ExtendSuspension,
    RemoveMeasure,
    RemoveRule,
    RemoveSuspension,
    Scenario,
    SetRate,
    SetValidity,
)
from tariffcalc.schedule import Schedule
from tariffcalc.whatif import AllInFrom, CountryRate, PauseUntil

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["PACKAGED", "Comparison", "compare", "load_scenario", "scenario_path", "scenarios_text"]

#: The packaged what-ifs, by name.
PACKAGED = ("jp-7-points", "jp-pause-to-oct", "jp-deal-from-may")

_KEYS: dict[str, tuple[set[str], set[str]]] = {  # change -> (required, optional)
    "set-rate": ({"measure", "rate"}, set()),
    "set-validity": ({"measure"}, {"start", "end", "open_end"}),
    "remove-measure": ({"measure"}, set()),
    "extend-suspension": ({"suspension", "id"}, {"until"}),
    "add-suspension": ({"id", "measures", "start"}, {"end", "replacement"}),
    "remove-suspension": ({"suspension"}, set()),
    "add-rule": ({"id", "when", "drops", "displaces", "start"}, {"end"}),
    "remove-rule": ({"rule"}, set()),
    "alter-rule": ({"rule"}, {"when", "drops", "displaces", "start", "end", "open_end"}),
    "country-rate": ({"origin", "rate", "start"}, {"end", "tag"}),
    "pause-until": ({"measure", "until", "id"}, set()),
    "all-in": ({"origin", "rate", "start", "authorities", "id"}, set()),
}


def scenario_path(name: str) -> Path:
    """The file of packaged scenario *name*."""
    with as_file(files("tariffcalc").joinpath(f"us/data/scenarios/{name}.toml")) as path:
        return Path(path)


def scenarios_text(name: str) -> str:
    """The text of packaged scenario *name* (for the docs)."""
    return scenario_path(name).read_text(encoding="utf-8")


def _day(value: Any, where: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return parse_day(value)
    except TariffError as e:
        raise DataFileError(f"{where}: not a day", [str(e)]) from None


def _optional_day(fields: Mapping[str, Any], key: str, where: str) -> date | None:
    return None if key not in fields else _day(fields[key], f"{where}.{key}")


def _flag(fields: Mapping[str, Any], key: str, where: str) -> bool:
    """A true-or-false key: TOML ``true`` or ``false``, never a string (``"false"`` would be read as true)."""
    value = fields.get(key, False)
    if not isinstance(value, bool):
        raise DataFileError(
            f"{where}.{key}: not true or false", [f"write {key} = true or {key} = false, got {value!r}"]
        )
    return value


def _table(value: Any, where: str, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise DataFileError(f"{where}: not a scenario", [f"{what} must be a table, got {type(value).__name__}"])
    return value


def _change(fields: Mapping[str, Any], citation: Citation, where: str) -> Change:
    """One change, every wrong type or value refused as a :class:`DataFileError` naming *where*."""
    fields = _table(fields, where, "a change")
    try:
        return _build_change(fields, citation, where)
    except DataFileError:
        raise
    except TariffError as e:  # a rate, code or period that does not parse: said with its place
        raise DataFileError(f"{where}: change {fields.get('change')!r} is not valid", [str(e)]) from None
    except (TypeError, ValueError, KeyError, AttributeError) as e:  # a wrong type caught by a constructor
        raise DataFileError(f"{where}: change {fields.get('change')!r} is not valid", [str(e)]) from None


def _build_change(fields: Mapping[str, Any], citation: Citation, where: str) -> Change:
    kind = fields.get("change")
    if kind not in _KEYS:
        raise DataFileError(f"{where}: unknown change {kind!r}", [f"changes are {', '.join(_KEYS)}"])
    required, optional = _KEYS[kind]
    keys = set(fields) - {"change"}
    problems = [f"missing key {k!r}" for k in sorted(required - keys)]
    problems += [
        f"unknown key {k!r} (known: {', '.join(sorted(required | optional))})"
        for k in sorted(keys - required - optional)
    ]
    if problems:
        raise DataFileError(f"{where}: change {kind!r} is not complete", problems)
    f = fields
    if kind == "set-rate":
        return SetRate(f["measure"], Rate.parse(str(f["rate"])))
    if kind == "set-validity":
        return SetValidity(
            f["measure"], _optional_day(f, "start", where), _optional_day(f, "end", where), _flag(f, "open_end", where)
        )
    if kind == "remove-measure":
        return RemoveMeasure(f["measure"])
    if kind == "extend-suspension":
        return ExtendSuspension(f["suspension"], _optional_day(f, "until", where), f["id"], citation)
    if kind == "add-suspension":
        replacement = Rate.parse(str(f["replacement"])) if "replacement" in f else None
        period = Period(_day(f["start"], where), _optional_day(f, "end", where))
        return AddSuspension(Suspension(f["id"], frozenset(f["measures"]), period, citation, replacement))
    if kind == "remove-suspension":
        return RemoveSuspension(f["suspension"])
    if kind == "add-rule":
        period = Period(_day(f["start"], where), _optional_day(f, "end", where))
        return AddRule(StackingRule(f["id"], f["when"], f["drops"], Displacement(f["displaces"]), period, citation))
    if kind == "remove-rule":
        return RemoveRule(f["rule"])
    if kind == "country-rate":
        return CountryRate(
            f["origin"],
            Rate.parse(str(f["rate"])),
            _day(f["start"], f"{where}.start"),
            _optional_day(f, "end", where),
            citation,
            f.get("tag", "reciprocal-country"),
        )
    if kind == "pause-until":
        return PauseUntil(f["measure"], _day(f["until"], f"{where}.until"), f["id"], citation)
    if kind == "all-in":
        return AllInFrom(
            f["origin"],
            Decimal(str(f["rate"])),
            _day(f["start"], f"{where}.start"),
            f["authorities"],
            f["id"],
            citation,
        )
    return AlterRule(
        f["rule"],
        f.get("when"),
        f.get("drops"),
        Displacement(f["displaces"]) if "displaces" in f else None,
        _optional_day(f, "start", where),
        _optional_day(f, "end", where),
        _flag(f, "open_end", where),
    )


def load_scenario(name_or_path: str | Path) -> Scenario:
    """A scenario from a TOML file, or a packaged one by name (:data:`PACKAGED`)."""
    from tariffcalc.io._guard import STDIN_NAME, file_problem, is_stdin, read_guarded
    from tariffcalc.io._limits import MAX_TOML_BYTES, toml_problem

    stdin = is_stdin(name_or_path)  # ``-``: the scenario read from standard input
    path = scenario_path(str(name_or_path)) if str(name_or_path) in PACKAGED else Path(name_or_path)
    # One guarded reader: a regular file (a FIFO or /dev/zero is refused unopened), bounded, UTF-8.
    if not stdin and file_problem(path) == "no such file":
        raise DataFileError(f"no scenario file {str(path)!r}", [f"packaged scenarios: {', '.join(PACKAGED)}"])
    try:
        text = read_guarded("-" if stdin else path, MAX_TOML_BYTES, "the scenario file")
    except InvalidEntryError as e:
        raise DataFileError(f"{STDIN_NAME if stdin else path}: cannot read the scenario", [str(e)]) from None
    if stdin:
        path = Path(STDIN_NAME)
    refused = toml_problem(text)
    if refused is not None:
        raise DataFileError(f"{path}: refused before parsing", [refused])
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError) as e:
        raise DataFileError(f"{path}: not TOML", [str(e)]) from None
    where = path.name
    problems = [f"missing key {k!r}" for k in ("name", "instrument", "changes") if k not in data]
    if problems:
        raise DataFileError(f"{where}: not a scenario", problems)
    inst = _table(data["instrument"], where, "instrument")
    problems = [f"instrument: missing key {k!r}" for k in ("id", "known_on") if k not in inst]
    if not isinstance(data["name"], str) or not data["name"].strip():
        problems.append(f"name must be a text, got {data['name']!r}")
    if not isinstance(data["changes"], list):
        problems.append(f"changes must be an array of tables ([[changes]]), got {type(data['changes']).__name__}")
    if problems:
        raise DataFileError(f"{where}: not a scenario", problems)
    try:
        instrument = Instrument(
            inst["id"],
            inst.get("title", data["name"]),
            known_on=_day(inst["known_on"], f"{where}: instrument.known_on"),
        )
    except TariffError:
        raise
    except (TypeError, ValueError) as e:
        raise DataFileError(f"{where}: instrument is not valid", [str(e)]) from None
    citation = Citation(instrument, note=str(data.get("description", "")))
    changes: list[Change] = [_change(c, citation, f"{where}: changes[{i}]") for i, c in enumerate(data["changes"])]
    return Scenario(data["name"], changes)


@attrs.frozen(repr=False)
class Comparison:
    """
    A book resolved under two schedules: ``lines`` (the book with
    ``rate_base``, ``rate_scenario``, ``amount_base``, ``amount_scenario``,
    ``delta`` and ``delta_rate``, and ``delta_<authority>`` for every
    authority whose duty differs on some line: ``delta_ieepa``,
    ``delta_section_232``, ...), and the totals (exact, whatever the
    frame's dtypes). The numbers of ``lines`` are ``Float64`` with ``<NA>``
    where there is none, or ``Decimal`` objects (amounts to the cent) when
    :func:`compare` was given ``exact=True``.
    """

    lines: Any
    base: str
    scenario: str
    #: The knowledge date both sides were resolved with (``None``: the final law).
    known: date | None = None
    #: ``lines`` with exact ``Decimal`` numbers (``None`` where there is none): what the totals add up.
    exact_lines: Any = attrs.field(default=None, repr=False, eq=False)

    def _exact(self) -> Any:
        return self.lines if self.exact_lines is None else self.exact_lines

    @property
    def total(self) -> dict[str, Decimal]:
        """The book's amounts under each schedule and the delta (lines without an amount count as nothing)."""
        lines = self._exact()
        base = sum((a for a in lines["amount_base"] if a is not None), Decimal(0))
        after = sum((a for a in lines["amount_scenario"] if a is not None), Decimal(0))
        return {"base": base, "scenario": after, "delta": after - base}

    @property
    def by_authority(self) -> dict[str, Decimal]:
        """The change in duty of the whole book, by authority (``ieepa``, ``section_232``, ...)."""
        lines = self._exact()
        return {
            c.removeprefix("delta_"): sum((a for a in lines[c] if a is not None), Decimal(0))
            for c in lines.columns
            if c.startswith("delta_") and c != "delta_rate"
        }

    def to_frame(self) -> pd.DataFrame:
        """A copy of :attr:`lines`."""
        return self.lines.copy()

    def __repr__(self) -> str:
        from tariffcalc._reprs import clip

        t = self.total
        known = f", as known on {self.known}" if self.known is not None else ""
        return clip(
            f"<Comparison {self.base!r} -> {self.scenario!r}: {len(self.lines)} lines, "
            f"delta {t['delta']} (base {t['base']}, scenario {t['scenario']}){known}>"
        )

    def _repr_html_(self) -> str:
        from tariffcalc._reprs import MAX_ROWS

        more = len(self.lines) - MAX_ROWS
        note = f"<p>… {more} more lines (see to_frame())</p>" if more > 0 else ""
        return f"<div>{self.lines.head(MAX_ROWS).to_html()}{note}</div>"

    def by(self, column: str) -> pd.DataFrame:
        """The totals by *column* (e.g. ``"origin"``), as floats."""
        frame = self._exact()[[column, "amount_base", "amount_scenario", "delta"]].copy()
        for c in ("amount_base", "amount_scenario", "delta"):
            frame[c] = _floats(frame[c])
        return frame.groupby(column, observed=True, sort=True).sum()

    def plot(self, *, by: str | None = None, ax: Any = None, title: str | None = None) -> Any:
        """Bars of the deltas (by *column* when given); the ``plot`` extra."""
        from tariffcalc.plots import plot_deltas

        frame = self._exact().copy()
        frame["delta"] = _floats(frame["delta"])
        return plot_deltas(frame, by=by, ax=ax, title=title or f"{self.scenario}: change in duty")


_CENT = Decimal("0.01")


def _floats(values: Any) -> Any:
    """Exact numbers (``None`` for none) as a ``Float64`` column on the same index."""
    import pandas as pd

    return pd.Series([None if v is None else float(v) for v in values], index=values.index, dtype="Float64")


def _rate(value: Decimal | None) -> Decimal | None:
    """A rate in percent without trailing zeros, one spelling per number: 25, not 25.0 (27.5 stays)."""
    if value is None:
        return None
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _cents(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(_CENT)


@own_context
def compare(
    base: Schedule,
    scenario: Scenario | Schedule,
    entries: pd.DataFrame,
    *,
    known: date | str | Any | None = None,
    exact: bool = False,
    **columns: Any,
) -> Comparison:
    """
    Resolve *entries* (a pandas frame, with the column arguments of
    :func:`tariffcalc.frames.resolve_frame`) under *base* and under
    *scenario* (applied to *base*, or a schedule), line by line, exactly.
    With ``known``, both sides are the law as known on that day (the
    scenario is applied to it): "as known in May 2025". The lines' numbers
    are ``Float64`` (``<NA>`` for none), or with ``exact=True`` ``Decimal``
    objects: amounts and deltas to the cent, rates without trailing zeros;
    the totals are exact either way.
    """
    import pandas as pd

    from tariffcalc._validators import require
    from tariffcalc.frames import resolve_frame
    from tariffcalc.schedule import Schedule as _Schedule

    require(base, _Schedule, "base")
    known = None if known is None else as_day(known, "known")
    require(scenario, (Scenario, _Schedule), "scenario")
    after = scenario.apply(base, known=known) if isinstance(scenario, Scenario) else scenario
    columns = {**columns, "exact": True, "errors": columns.get("errors", "raise"), "known": known}
    a = resolve_frame(base, entries, **columns)
    b = resolve_frame(after, entries, **columns)

    def column(values: Any) -> Any:
        return pd.Series(list(values), index=entries.index, dtype=object)

    out = entries.copy()
    numeric: list[str] = []

    def put(name: str, values: Any) -> None:
        out[name] = column(values)
        numeric.append(name)

    put("rate_base", map(_rate, a["rate"]))
    put("rate_scenario", map(_rate, b["rate"]))
    put("amount_base", map(_cents, a["amount"]))
    put("amount_scenario", map(_cents, b["amount"]))
    put(
        "delta_rate",
        [None if x is None or y is None else _rate(y - x) for x, y in zip(a["rate"], b["rate"], strict=True)],
    )
    put(
        "delta",
        [None if x is None or y is None else _cents(y - x) for x, y in zip(a["amount"], b["amount"], strict=True)],
    )
    for c in sorted({c for c in (*a.columns, *b.columns) if c.startswith("amount_")}):
        x = a[c] if c in a.columns else [Decimal(0)] * len(out)
        y = b[c] if c in b.columns else [Decimal(0)] * len(out)
        deltas = [_cents(_zero(q) - _zero(p)) for p, q in zip(x, y, strict=True)]
        if any(d for d in deltas):
            put(f"delta_{c.removeprefix('amount_')}", deltas)
    name = scenario.name if isinstance(scenario, Scenario) else after.name
    if exact:
        return Comparison(out, base.name, name, known)
    shown = out.copy()
    for c in numeric:
        shown[c] = _floats(out[c])
    return Comparison(shown, base.name, name, known, out)


def _zero(value: Any) -> Decimal:
    """A per-authority amount (``None``/``NaN``/``<NA>`` where the authority charges nothing on the line) as a Decimal."""
    import pandas as pd

    if value is None or (not isinstance(value, Decimal) and pd.isna(value)):
        return Decimal(0)
    return Decimal(value)
