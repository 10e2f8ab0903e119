"""
The facts of one entry: what is imported, from where, on which day, and
everything a duty may be computed on.

>>> from datetime import date
>>> e = Entry.of("8703.23.01.90", "JP", date(2025, 5, 20), value="40000",
...              content={"steel": "5000"}, claims=["USMCA"])
>>> e.product, e.origin, e.value, e.content_value("steel"), e.claims
(ProductCode(digits='8703230190'), Country(code='JP'), Decimal('40000'), Decimal('5000'), frozenset({'usmca'}))
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from tariffcalc.codes import ProductCode
from tariffcalc.countries import Country
from tariffcalc.errors import InvalidEntryError, TariffError
from tariffcalc.measures import normalise_claim
from tariffcalc.rates import decimal, normalise_content, normalise_unit
from tariffcalc.validators import calendar_day, optional_calendar_day

__all__ = ["Entry"]

Amounts = tuple[tuple[str, Decimal], ...]
RawAmounts = Mapping[str, Any] | Iterable[tuple[str, Any]] | None


def _money(what: str, raw: Any) -> Decimal:
    try:
        amount = decimal(raw)
    except TariffError as e:
        raise InvalidEntryError(f"{what}: {e}") from None
    if amount < 0:
        raise InvalidEntryError(f"{what} must not be negative, got {amount}")
    return amount


def _amounts(kind: str, normalise: Any, raw: RawAmounts) -> Amounts:
    if raw is None:
        return ()
    if isinstance(raw, Mapping):
        pairs: Iterable[Any] = raw.items()
    elif isinstance(raw, str | bytes) or not isinstance(raw, Iterable):
        raise TypeError(f"{kind} must be a mapping such as {{'kg': 10}}, got {type(raw).__name__} {raw!r:.60}")
    else:
        pairs = raw
    result: dict[str, Decimal] = {}
    for pair in pairs:
        if not isinstance(pair, tuple | list) or len(pair) != 2:
            raise TypeError(f"{kind}: expected (name, amount) pairs, got {type(pair).__name__} {pair!r:.60}")
        name, amount = pair
        if not isinstance(name, str):
            raise TypeError(f"{kind}: names must be text such as 'kg' or 'steel', got {type(name).__name__}")
        key = normalise(name)
        if not key:
            raise InvalidEntryError(f"a {kind.split()[0]} needs a name, got {name!r}")
        if key in result:
            raise InvalidEntryError(f"{kind} {key!r} is given twice")
        result[key] = _money(f"{kind} {key!r}", amount)
    return tuple(sorted(result.items()))


def _value(raw: Any) -> Decimal | None:
    return None if raw is None else _money("customs value", raw)


def _quantities(raw: RawAmounts) -> Amounts:
    return _amounts("quantity in", normalise_unit, raw)


def _contents(raw: RawAmounts) -> Amounts:
    return _amounts("content", normalise_content, raw)


def _claim(raw: str) -> str:
    claim = normalise_claim(raw)
    if not claim or any(c.isspace() for c in claim):
        raise InvalidEntryError(f"a claim is one word such as 'usmca' or 'a+', got {raw!r}")
    return claim


def _claims(raw: Iterable[str] | None) -> frozenset[str]:
    if raw is None:
        return frozenset()
    if isinstance(raw, str):
        raw = [raw]
    if isinstance(raw, bytes) or not isinstance(raw, Iterable):
        raise TypeError(f"claims must be texts such as ['usmca'], got {type(raw).__name__} {raw!r:.60}")
    claims = list(raw)
    bad = [c for c in claims if not isinstance(c, str)]
    if bad:
        raise TypeError(f"claims must be texts such as 'usmca', got {type(bad[0]).__name__} {bad[0]!r:.60}")
    return frozenset(_claim(c) for c in claims)


@attrs.frozen
class Entry:
    """
    What a resolution is asked about. ``quantities`` are by unit (``kg``,
    ``liter``, ``No.``), ``contents`` are the declared values of parts of
    the article (``steel``, ``aluminum``, ``us``), ``claims`` are programmes
    or exemptions claimed (``usmca``, ``au``), ``loaded`` is the day the goods
    were loaded on the vessel that brought them.
    """

    product: ProductCode = attrs.field(validator=attrs.validators.instance_of(ProductCode))
    origin: Country = attrs.field(validator=attrs.validators.instance_of(Country))
    on: date = attrs.field(validator=calendar_day)
    value: Decimal | None = attrs.field(default=None, converter=_value)
    quantities: Amounts = attrs.field(default=(), converter=_quantities)
    contents: Amounts = attrs.field(default=(), converter=_contents)
    loaded: date | None = attrs.field(default=None, validator=optional_calendar_day)
    claims: frozenset[str] = attrs.field(default=frozenset(), converter=_claims)

    def __attrs_post_init__(self) -> None:
        if self.value is not None:
            declared = sum((v for _, v in self.contents), Decimal(0))
            if declared > self.value:
                raise InvalidEntryError(
                    f"declared contents ({declared}) are worth more than the customs value ({self.value})"
                )
        if self.loaded is not None and self.loaded > self.on:
            raise InvalidEntryError(f"goods cannot be loaded ({self.loaded}) after they are entered ({self.on})")

    @classmethod
    def of(
        cls,
        product: ProductCode | str,
        origin: Country | str,
        on: date,
        *,
        value: Decimal | int | str | None = None,
        quantities: Mapping[str, Any] | None = None,
        content: Mapping[str, Any] | None = None,
        loaded: date | None = None,
        claims: Iterable[str] | None = (),
    ) -> Entry:
        """Build an entry from plain values, parsing codes and country codes (``claims=None``: none)."""
        return cls(
            product if isinstance(product, ProductCode) else ProductCode.parse(product),
            origin if isinstance(origin, Country) else Country.parse(origin),
            on,
            value,
            quantities,
            content,
            loaded,
            _claims(claims),
        )

    @property
    def quantity_map(self) -> dict[str, Decimal]:
        """Quantities by unit, as a new dict."""
        return dict(self.quantities)

    @property
    def content_map(self) -> dict[str, Decimal]:
        """Declared content values by name, as a new dict."""
        return dict(self.contents)

    def content_value(self, name: str) -> Decimal | None:
        """The declared value of content *name*, or ``None``."""
        return dict(self.contents).get(normalise_content(name))
