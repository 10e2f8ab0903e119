"""
Fees: the charges an entry bears that are not duties (the merchandise
processing fee, the harbor maintenance fee), each dated and cited like a
measure, and Section 321 de minimis with its suspensions. Fees are never
summed into a duty; :func:`tariffcalc.us.entrycost.cost_entry` shows them
beside the duties of an entry.

>>> from datetime import date
>>> table = us_fees()
>>> mpf = table.fee(FeeKind.MPF, date(2026, 3, 15))
>>> mpf.id, mpf.percent, mpf.minimum, mpf.maximum
('us.mpf.formal.fy2026', Decimal('0.3464'), Decimal('33.58'), Decimal('651.50'))
>>> mpf.charge(Decimal(10000))
Decimal('34.64')
>>> table.de_minimis_suspension(Country("CN"), date(2025, 5, 2)).id
'us.de-minimis.suspended.cn-hk'
"""

from __future__ import annotations

import enum
import itertools
import tomllib
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from importlib.resources import files
from typing import Any

import attrs

from tariffcalc._validators import identifier
from tariffcalc.citations import Citation, Confidence, Instrument
from tariffcalc.countries import Country
from tariffcalc.errors import DataFileError, InvalidMeasureError, TariffError
from tariffcalc.measures import ProductScope, normalise_claim
from tariffcalc.periods import Period, parse_day
from tariffcalc.rates import decimal

CENT = Decimal("0.01")

__all__ = [
    "FEES_FILE",
    "DeMinimis",
    "DeMinimisSuspension",
    "Fee",
    "FeeKind",
    "FeeTable",
    "MpfExemption",
    "read_fees",
    "us_fees",
]

#: The packaged table of US fees, inside the ``tariffcalc`` package.
FEES_FILE = "us/data/us_fees.toml"


class FeeKind(enum.Enum):
    """``mpf``: the ad valorem MPF of a formal entry; ``mpf-informal``: the flat MPF of an informal one; ``hmf``: the harbor maintenance fee."""

    MPF = "mpf"
    MPF_INFORMAL = "mpf-informal"
    HMF = "hmf"

    def __str__(self) -> str:
        return self.value


def _cents(value: Any) -> Decimal | None:
    """An amount in USD, to the cent as the notices write it (``651.50``, not ``651.5``)."""
    return None if value is None else decimal(value).quantize(CENT)


def _optional_decimal(value: Any) -> Decimal | None:
    return None if value is None else decimal(value)


@attrs.frozen
class Fee:
    """
    One fee in force on the days of ``validity``: ad valorem (``percent`` of
    the value, with an optional ``minimum`` and ``maximum`` per entry) or
    ``flat`` (an amount per entry), in USD.

    >>> from tariffcalc import Citation, Instrument
    >>> cite = Citation(Instrument("26 U.S.C. 4461", "Harbor maintenance tax", known_on=date(1991, 1, 1)))
    >>> Fee("us.hmf", "HMF", FeeKind.HMF, Period(date(1991, 1, 1)), cite, percent=Decimal("0.125")).charge(Decimal(10000))
    Decimal('12.50')
    """

    id: str = attrs.field(validator=identifier)
    title: str
    kind: FeeKind = attrs.field(validator=attrs.validators.instance_of(FeeKind))
    validity: Period = attrs.field(validator=attrs.validators.instance_of(Period))
    citation: Citation = attrs.field(validator=attrs.validators.instance_of(Citation))
    percent: Decimal | None = attrs.field(default=None, converter=_optional_decimal)
    flat: Decimal | None = attrs.field(default=None, converter=_cents)
    minimum: Decimal | None = attrs.field(default=None, converter=_cents)
    maximum: Decimal | None = attrs.field(default=None, converter=_cents)

    def __attrs_post_init__(self) -> None:
        if (self.percent is None) == (self.flat is None):
            raise InvalidMeasureError(f"fee {self.id}: give either percent (ad valorem) or flat (per entry), not both")
        for name in ("percent", "flat", "minimum", "maximum"):
            amount = getattr(self, name)
            if amount is not None and amount < 0:
                raise InvalidMeasureError(f"fee {self.id}: {name} cannot be negative, got {amount}")
        if self.flat is not None and (self.minimum is not None or self.maximum is not None):
            raise InvalidMeasureError(f"fee {self.id}: a flat fee has no minimum or maximum")
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise InvalidMeasureError(f"fee {self.id}: minimum {self.minimum} is above maximum {self.maximum}")

    def charge(self, value: Decimal) -> Decimal:
        """The fee on an entry of *value* (USD), rounded half up to the cent, within its minimum and maximum."""
        if self.flat is not None:
            return self.flat
        assert self.percent is not None  # by construction
        amount = (value * self.percent / 100).quantize(CENT, ROUND_HALF_UP)
        if self.minimum is not None:
            amount = max(amount, self.minimum)
        if self.maximum is not None:
            amount = min(amount, self.maximum)
        return amount

    def __str__(self) -> str:
        if self.flat is not None:
            return f"{self.flat} per entry"
        text = f"{format(self.percent, 'f')}%"
        if self.minimum is not None:
            text += f" MIN {self.minimum}"
        if self.maximum is not None:
            text += f" MAX {self.maximum}"
        return text


def _claims(values: Iterable[str]) -> frozenset[str]:
    if isinstance(values, str):
        values = (values,)
    return frozenset(normalise_claim(v) for v in values)


def _countries(values: Iterable[Country]) -> frozenset[Country]:
    return frozenset(values)


@attrs.frozen
class MpfExemption:
    """
    Goods that pay no MPF: those of an agreement ``claims``-ed (the claim of
    its programme), those of ``origins``, or those under ``products``.
    """

    id: str = attrs.field(validator=identifier)
    citation: Citation = attrs.field(validator=attrs.validators.instance_of(Citation))
    claims: frozenset[str] = attrs.field(default=frozenset(), converter=_claims)
    origins: frozenset[Country] = attrs.field(default=frozenset(), converter=_countries)
    products: ProductScope | None = None

    def __attrs_post_init__(self) -> None:
        if not (self.claims or self.origins or self.products):
            raise InvalidMeasureError(f"MPF exemption {self.id}: give claims, origins or products")


@attrs.frozen
class DeMinimis:
    """Duty-free entry of a shipment whose total value is at most ``threshold`` (USD), on the days of ``validity``."""

    id: str = attrs.field(validator=identifier)
    threshold: Decimal = attrs.field(converter=decimal)
    validity: Period = attrs.field(validator=attrs.validators.instance_of(Period))
    citation: Citation = attrs.field(validator=attrs.validators.instance_of(Citation))


@attrs.frozen
class DeMinimisSuspension:
    """
    De minimis withdrawn for goods of ``origins`` (every origin with
    ``everywhere``) during ``period``, except goods whose importer makes one
    of the ``unless_claimed`` claims (articles the order leaves out, such as
    the donations of 50 U.S.C. 1702(b)).
    """

    id: str = attrs.field(validator=identifier)
    period: Period = attrs.field(validator=attrs.validators.instance_of(Period))
    citation: Citation = attrs.field(validator=attrs.validators.instance_of(Citation))
    origins: frozenset[Country] = attrs.field(default=frozenset(), converter=_countries)
    everywhere: bool = False
    unless_claimed: frozenset[str] = attrs.field(default=frozenset(), converter=_claims)

    def __attrs_post_init__(self) -> None:
        if self.everywhere == bool(self.origins):
            raise InvalidMeasureError(f"de minimis suspension {self.id}: give either origins or 'all', not both")

    def covers(self, origin: Country, on: date, claims: frozenset[str] = frozenset()) -> bool:
        """Whether goods of *origin* entered on *on* (with *claims*) lose de minimis under this suspension."""
        if self.unless_claimed & claims:
            return False
        return self.period.contains(on) and (self.everywhere or origin in self.origins)


def _tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(values)


@attrs.frozen
class FeeTable:
    """The fees, MPF exemptions, de minimis and its suspensions of one country's data."""

    fees: tuple[Fee, ...] = attrs.field(converter=_tuple)
    mpf_exemptions: tuple[MpfExemption, ...] = attrs.field(default=(), converter=_tuple)
    de_minimis: DeMinimis | None = None
    suspensions: tuple[DeMinimisSuspension, ...] = attrs.field(default=(), converter=_tuple)
    #: The value above which an entry is formal (``None``: the data does not say), and its citation.
    informal_limit: Decimal | None = attrs.field(default=None, converter=_cents)
    informal_citation: Citation | None = None

    def __attrs_post_init__(self) -> None:
        for kind in FeeKind:
            dated = sorted((f for f in self.fees if f.kind is kind), key=lambda f: f.validity.start)
            for a, b in itertools.pairwise(dated):
                if a.validity.overlaps(b.validity):
                    raise InvalidMeasureError(f"fees {a.id} and {b.id} are both in force on {b.validity.start}")

    def fee(self, kind: FeeKind, on: date) -> Fee | None:
        """The fee of *kind* in force on *on* (``None``: the data has none for that day)."""
        return next((f for f in self.fees if f.kind is kind and f.validity.contains(on)), None)

    def de_minimis_suspension(
        self, origin: Country, on: date, claims: frozenset[str] = frozenset()
    ) -> DeMinimisSuspension | None:
        """The suspension that withdraws de minimis from goods of *origin* on *on* (with *claims*), if any."""
        return next((s for s in self.suspensions if s.covers(origin, on, claims)), None)


# --- the packaged table -----------------------------------------------------------

_WHAT = "cannot read the fee table"


def _citation(where: str, raw: Any, instruments: Mapping[str, Instrument]) -> Citation:
    if not isinstance(raw, Mapping) or not isinstance(raw.get("instrument"), str):
        raise DataFileError(_WHAT, [f"{where}.citation: every entry is cited: {{ instrument = NAME, ... }}"])
    name = raw["instrument"]
    if name not in instruments:
        raise DataFileError(
            _WHAT, [f"{where}.citation.instrument {name!r} is not one of the [instruments]: {', '.join(instruments)}"]
        )
    return Citation(
        instruments[name],
        heading=raw.get("heading"),
        source=raw.get("source"),
        confidence=Confidence(raw["confidence"]) if "confidence" in raw else None,
        note=str(raw.get("note", "")),
    )


def _origins(words: Iterable[str]) -> tuple[frozenset[Country], bool]:
    words = list(words)
    return frozenset(Country.parse(w) for w in words if w != "all"), "all" in words


def read_fees(text: str, where: str = FEES_FILE) -> FeeTable:
    """
    The fee table of a TOML text (the format of the packaged ``us_fees.toml``).

    >>> table = read_fees('''
    ... [instruments.HMT]
    ... title = "Harbor maintenance tax"
    ... known_on = "1991-01-01"
    ... [[fees]]
    ... id = "hmf"
    ... title = "Harbor maintenance fee"
    ... kind = "hmf"
    ... percent = "0.125"
    ... period = "1991-01-01/"
    ... citation = { instrument = "HMT" }
    ... ''')
    >>> str(table.fees[0]), table.de_minimis
    ('0.125%', None)
    """
    try:
        data = tomllib.loads(text)
        instruments = {
            name: Instrument(name, str(i["title"]), known_on=parse_day(str(i["known_on"])), url=i.get("url"))
            for name, i in data.get("instruments", {}).items()
        }
        fees = [
            Fee(
                id=raw["id"],
                title=raw["title"],
                kind=FeeKind(raw["kind"]),
                validity=Period.parse(raw["period"]),
                citation=_citation(f"{where} fees[{i}]", raw.get("citation"), instruments),
                percent=raw.get("percent"),
                flat=raw.get("flat"),
                minimum=raw.get("minimum"),
                maximum=raw.get("maximum"),
            )
            for i, raw in enumerate(data.get("fees", ()))
        ]
        exemptions = [
            MpfExemption(
                id=raw["id"],
                citation=_citation(f"{where} mpf_exemptions[{i}]", raw.get("citation"), instruments),
                claims=raw.get("claims", ()),
                origins=_origins(raw.get("origins", ()))[0],
                products=ProductScope.parse(raw["products"]) if "products" in raw else None,
            )
            for i, raw in enumerate(data.get("mpf_exemptions", ()))
        ]
        raw_dm = data.get("de_minimis")
        de_minimis = (
            DeMinimis(
                id=raw_dm["id"],
                threshold=raw_dm["threshold"],
                validity=Period.parse(raw_dm["period"]),
                citation=_citation(f"{where} de_minimis", raw_dm.get("citation"), instruments),
            )
            if raw_dm is not None
            else None
        )
        suspensions = []
        for i, raw in enumerate(data.get("de_minimis_suspensions", ())):
            origins, everywhere = _origins(raw["origins"])
            suspensions.append(
                DeMinimisSuspension(
                    id=raw["id"],
                    period=Period.parse(raw["period"]),
                    citation=_citation(f"{where} de_minimis_suspensions[{i}]", raw.get("citation"), instruments),
                    origins=origins,
                    everywhere=everywhere,
                    unless_claimed=raw.get("unless_claimed", ()),
                )
            )
        raw_limit = data.get("informal_entry")
        limit = raw_limit["limit"] if raw_limit is not None else None
        limit_citation = (
            _citation(f"{where} informal_entry", raw_limit.get("citation"), instruments)
            if raw_limit is not None
            else None
        )
        return FeeTable(fees, exemptions, de_minimis, suspensions, limit, limit_citation)
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as e:
        if isinstance(e, TariffError):
            raise DataFileError(_WHAT, [f"{where}: {e}"]) from None
        raise DataFileError(_WHAT, [f"{where}: {type(e).__name__}: {e}"]) from None
    except TariffError as e:
        if isinstance(e, DataFileError):
            raise
        raise DataFileError(_WHAT, [f"{where}: {e}"]) from None


@cache
def us_fees() -> FeeTable:
    """The packaged US fee table (fees facts s.1-s.3), read once per process."""
    return read_fees(files("tariffcalc").joinpath(FEES_FILE).read_text(encoding="utf-8"))
