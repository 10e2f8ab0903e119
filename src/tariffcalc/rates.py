"""
Duty rates: what a measure charges, and the amount it comes to.

Each kind of rate is its own class; ``str()`` gives a canonical text that
:meth:`Rate.parse` reads back.

>>> r = Rate.parse("$0.015/kg + 5%")
>>> r
Compound(parts=(Specific(amount=Decimal('0.015'), unit='kg', currency='USD'), AdValorem(percent=Decimal('5'))))
>>> r.amount(value=Decimal("1000"), quantities={"kg": Decimal("200")})
Decimal('53.000')
>>> str(r)
'$0.015/kg + 5%'

A duty that needs a fact the entry does not give says which:

>>> Specific(Decimal("0.015"), "kg").amount(value=Decimal("1000"))
Traceback (most recent call last):
...
tariffcalc.errors.MissingFactError: $0.015/kg needs the quantity in kg
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

import attrs

from tariffcalc.errors import CUSTOMS_VALUE, FactKind, InvalidRateError, MissingFact, MissingFactError, RateTextError

__all__ = [
    "CONTENT_ALIASES",
    "KNOWN_UNITS",
    "MAX_DIGITS",
    "MAX_PLACES",
    "MAX_RATE",
    "AdValorem",
    "AllIn",
    "Bounded",
    "Compound",
    "Conversion",
    "Exchange",
    "Free",
    "NotComputable",
    "OnContent",
    "Rate",
    "Specific",
    "amount",
    "currencies",
    "decimal",
    "normalise_content",
    "normalise_unit",
]

_EMPTY: Mapping[str, Decimal] = {}
HUNDRED = Decimal(100)


#: Numbers (money, quantities, rates) must be below ``10**MAX_DIGITS`` in magnitude ...
MAX_DIGITS = 15
#: ... and, unless zero, at least ``10**-MAX_PLACES``: beyond that they are typing mistakes,
#: and the arithmetic of duties would lose digits.
MAX_PLACES = 12
#: A percentage, an amount per unit or an all-in target may be at most this.
MAX_RATE = Decimal(1_000_000)
_INT_BOUND = 10**MAX_DIGITS


def _short(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        text = f"{Decimal(value):.6E}"
    else:
        text = repr(value.strip() if isinstance(value, str) else value)
    return text if len(text) <= 40 else text[:37] + "..."


def decimal(value: Any) -> Decimal:
    """
    Convert an exact number to a plain ``Decimal`` (no exponent, no trailing zeros).
    Floats are refused: they cannot hold most rates exactly.

    >>> decimal("2.50"), decimal(7), decimal(Decimal("1E+1"))
    (Decimal('2.5'), Decimal('7'), Decimal('10'))
    >>> decimal("-0.00")
    Decimal('0')
    >>> decimal("1e400")
    Traceback (most recent call last):
    ...
    tariffcalc.errors.InvalidRateError: '1e400' is out of range: numbers must be below 10**15 (a thousand trillion) in magnitude
    >>> decimal(0.1)
    Traceback (most recent call last):
    ...
    tariffcalc.errors.InvalidRateError: 0.1 is a float; give rates and money as Decimal, int or str (e.g. Decimal('0.1')) so they stay exact
    """
    if type(value) is int and -_INT_BOUND < value < _INT_BOUND:  # the common case, already exact and plain
        return Decimal(value)
    if isinstance(value, float):
        raise InvalidRateError(
            f"{value!r} is a float; give rates and money as Decimal, int or str "
            f"(e.g. Decimal('{value!r}')) so they stay exact"
        )
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        raise InvalidRateError(f"expected a decimal number, got {type(value).__name__} {value!r}")
    try:
        d = Decimal(value.strip() if isinstance(value, str) else value)
    except InvalidOperation:
        raise InvalidRateError(f"{_short(value)} is not a decimal number, e.g. '2.5'") from None
    if not d.is_finite():
        raise InvalidRateError(f"{_short(value)} is not a finite decimal number")
    if d.is_zero():
        return Decimal(0)  # -0 and 0E+3 are plain 0
    if d.adjusted() >= MAX_DIGITS:
        raise InvalidRateError(
            f"{_short(value)} is out of range: numbers must be below 10**{MAX_DIGITS} "
            f"(a thousand trillion) in magnitude"
        )
    if d.adjusted() < -MAX_PLACES:
        raise InvalidRateError(
            f"{_short(value)} is out of range: numbers must be 0 or at least 10**-{MAX_PLACES} in magnitude"
        )
    d = d.normalize()
    return d.quantize(Decimal(1)) if d.as_tuple().exponent > 0 else d  # type: ignore[operator]


def amount(value: Any) -> Decimal:
    """
    Read an amount of money or of a quantity as :func:`decimal` does, and
    also from what a data frame's row holds: numpy integers, and floats
    (Python's or numpy's). **The one rule for floats**: a float is read as
    the shortest decimal that reads back as the same float, the digits it
    prints (``10000.0`` is 10000, ``0.1`` is 0.1), never as its binary
    expansion. Rates stay strict (:func:`decimal` refuses floats).

    >>> amount(10000.0), amount(0.1), amount("1234.50")
    (Decimal('10000'), Decimal('0.1'), Decimal('1234.5'))
    >>> amount(float("nan"))
    Traceback (most recent call last):
    ...
    tariffcalc.errors.InvalidRateError: nan is not a finite number
    >>> amount([40000])
    Traceback (most recent call last):
    ...
    tariffcalc.errors.InvalidRateError: expected a decimal number, got list [40000]; give an int, a Decimal, text or a float, e.g. value=40000, value=Decimal('40000.00') or value='40000.00'
    """
    if isinstance(value, float) or (_is_numpy(value) and hasattr(value, "is_integer")):
        if value != value or value in (float("inf"), float("-inf")):
            raise InvalidRateError(f"{value!r} is not a finite number")
        # repr of a Python float, str of a numpy one: both are the shortest round-trip digits.
        return decimal(repr(value) if type(value) is float else str(value))
    if _is_numpy(value) and hasattr(value, "__index__"):
        return decimal(operator.index(value))
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        raise InvalidRateError(
            f"expected a decimal number, got {type(value).__name__} {value!r:.40}; give an int, a Decimal, "
            "text or a float, e.g. value=40000, value=Decimal('40000.00') or value='40000.00'"
        )
    return decimal(value)


def _is_numpy(value: Any) -> bool:
    return type(value).__module__ == "numpy"


def _non_negative(_instance: Any, attribute: attrs.Attribute[Any], value: Decimal) -> None:
    if value < 0:
        raise InvalidRateError(f"{attribute.name} must not be negative, got {value}")
    if value > MAX_RATE:
        raise InvalidRateError(f"{attribute.name} must be at most {MAX_RATE}, got {value}")


# Canonical spellings of the units of quantity used by specific duties.
_UNIT_SYNONYMS = {
    "kilogram": "kg",
    "kilograms": "kg",
    "kgs": "kg",
    "l": "liter",
    "liters": "liter",
    "litre": "liter",
    "litres": "liter",
    "pf. liter": "pf.liter",
    "pf.liters": "pf.liter",
    "pf. liters": "pf.liter",
    "proof liter": "pf.liter",
    "m²": "m2",
    "m³": "m3",
    "each": "No.",
    "no": "No.",
    "no.": "No.",
    "number": "No.",
    "doz.": "doz",
    "dozen": "doz",
    "pr.": "pr",
    "pair": "pr",
    "pairs": "pr",
    "thousand": "1000",
    "1,000": "1000",
    "1,000 pins": "1000 pins",
    "metric ton": "t",
    "tonne": "t",
    "barrel": "bbl",
}


#: The canonical units of quantity the library knows by name (a schedule may charge in others, which its own
#: duties then name): a quantity in one of these, or in a unit the schedule charges in, is a quantity.
KNOWN_UNITS: frozenset[str] = frozenset(_UNIT_SYNONYMS.values()) | {"kg", "liter", "m", "g", "gross", "doz"}


def normalise_unit(text: str) -> str:
    """
    The canonical spelling of a unit of quantity.

    >>> normalise_unit(" Liters "), normalise_unit("m²"), normalise_unit("each"), normalise_unit("pf. liter")
    ('liter', 'm2', 'No.', 'pf.liter')
    """
    unit = " ".join(str(text).split())
    return _UNIT_SYNONYMS.get(unit.lower(), unit if unit == "No." else unit.lower())


#: Other spellings of content names, and the name they stand for: British
#: spellings, and the words the HTS uses for the parts of watches, rifles and
#: Chapter 98 goods (older names of this library, kept as aliases).
CONTENT_ALIASES: dict[str, str] = {
    "aluminium": "aluminum",
    "u.s.": "us",
    "united states": "us",
    "non-u.s.": "non-us",
    "strap, band or bracelet": "strap",
    "case and strap, band or bracelet": "case-and-strap",
    "movement and case": "movement-and-case",
    "telescopic sight": "sight",
    "fair retail value": "retail-value",
    "cost of such goods or repairs": "repairs",
    "cost of such parts": "parts",
    "cost of such parts or materials": "parts-and-materials",
}


def normalise_content(text: str) -> str:
    """
    The canonical name of a declared content: one lower-case word, so that
    it can be typed as ``--content NAME=VALUE`` and listed with commas. An
    alias gives its name (:data:`CONTENT_ALIASES`); other words are joined
    by hyphens.

    >>> normalise_content("  Aluminium "), normalise_content("strap, band or bracelet")
    ('aluminum', 'strap')
    >>> normalise_content("Case and strap, band or bracelet"), normalise_content("gold leaf")
    ('case-and-strap', 'gold-leaf')
    """
    name = " ".join(str(text).split()).lower()
    name = CONTENT_ALIASES.get(name, name)
    return re.sub(r"[\s,;]+", "-", name).strip("-")


def _unit(_instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    if not value or "+" in value or value != value.strip():
        raise InvalidRateError(f"{attribute.name} must be a non-empty unit such as 'kg', got {value!r}")


def _currency(_instance: Any, _attribute: attrs.Attribute[Any], value: str) -> None:
    if not re.fullmatch(r"[A-Z]{3}", value):
        raise InvalidRateError(f"currency must be an ISO 4217 code such as 'USD', got {value!r}")


def _content_name(_instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    if not value or value != normalise_content(value) or "+" in value or "|" in value:
        raise InvalidRateError(f"{attribute.name} must be a lower-case content name such as 'steel', got {value!r}")


def _fmt(d: Decimal) -> str:
    return format(d, "f")


class Rate:
    """
    Base of every rate. Subclasses compute :meth:`amount` from the customs
    value, quantities by unit and declared content values.
    """

    __slots__ = ()

    #: Whether the amount is proportional to the customs value alone, so that
    #: a percentage can be given without knowing the value.
    proportional: ClassVar[bool] = True

    def amount(
        self,
        value: Decimal | None = None,
        quantities: Mapping[str, Decimal] = _EMPTY,
        contents: Mapping[str, Decimal] = _EMPTY,
        exchange: Exchange | None = None,
    ) -> Decimal:
        """
        The unrounded duty, in the currency of *exchange* (US dollars when
        ``None``); raises :class:`MissingFactError` naming what is missing,
        such as the conversion rate of a specific duty in another currency.
        """
        raise NotImplementedError

    def is_proportional(self) -> bool:
        """Whether the amount is a fixed share of the customs value (so a rate needs no value)."""
        return self.proportional

    @staticmethod
    def parse(text: str) -> Rate:
        """
        Read the canonical text of any rate.

        >>> Rate.parse("Free"), Rate.parse("all-in 15%")
        (Free(), AllIn(target=Decimal('15')))
        """
        return _parse_rate(text)


def _need_value(rate: Rate, value: Decimal | None) -> Decimal:
    if value is None:
        raise MissingFactError(f"{rate} needs the customs value", (CUSTOMS_VALUE,))
    return value


@attrs.frozen
class Free(Rate):
    """No duty."""

    def amount(
        self,
        value: Decimal | None = None,
        quantities: Mapping[str, Decimal] = _EMPTY,
        contents: Mapping[str, Decimal] = _EMPTY,
        exchange: Exchange | None = None,
    ) -> Decimal:
        return Decimal(0)

    def __str__(self) -> str:
        return "Free"


@attrs.frozen
class AdValorem(Rate):
    """
    A percentage of the value.

    >>> AdValorem(Decimal("2.5")).amount(value=Decimal("40000"))
    Decimal('1000.0')
    """

    percent: Decimal = attrs.field(converter=decimal, validator=_non_negative)

    def amount(
        self,
        value: Decimal | None = None,
        quantities: Mapping[str, Decimal] = _EMPTY,
        contents: Mapping[str, Decimal] = _EMPTY,
        exchange: Exchange | None = None,
    ) -> Decimal:
        return _need_value(self, value) * self.percent / HUNDRED

    def __str__(self) -> str:
        return f"{_fmt(self.percent)}%"


@attrs.frozen
class Specific(Rate):
    """
    An amount of money per unit of quantity (``unit`` as normalised by
    :func:`normalise_unit`; a qualifier such as ``"kg drained weight"`` is part
    of the unit, and the entry must give that quantity).
    """

    proportional: ClassVar[bool] = False

    amount_per_unit: Decimal = attrs.field(converter=decimal, validator=_non_negative, alias="amount")
    unit: str = attrs.field(converter=normalise_unit, validator=_unit)
    currency: str = attrs.field(default="USD", validator=_currency)

    def __repr__(self) -> str:
        return f"Specific(amount={self.amount_per_unit!r}, unit={self.unit!r}, currency={self.currency!r})"

    def amount(
        self,
        value: Decimal | None = None,
        quantities: Mapping[str, Decimal] = _EMPTY,
        contents: Mapping[str, Decimal] = _EMPTY,
        exchange: Exchange | None = None,
    ) -> Decimal:
        quantity = quantities.get(self.unit)
        if quantity is None:
            raise MissingFactError(f"{self} needs the quantity in {self.unit}", (MissingFact.quantity(self.unit),))
        return self.amount_per_unit * quantity * (exchange or _DOLLARS).factor(self)

    def __str__(self) -> str:
        money = (
            f"${_fmt(self.amount_per_unit)}"
            if self.currency == "USD"
            else f"{_fmt(self.amount_per_unit)} {self.currency}"
        )
        return f"{money}/{self.unit}"


@attrs.frozen
class OnContent(Rate):
    """
    An ad valorem rate charged on the value of a declared content of the
    article rather than on its whole value: ``6% on case``, ``2.5% on lead``.

    >>> OnContent(AdValorem(6), "case").amount(contents={"case": Decimal("50")})
    Decimal('3')
    """

    proportional: ClassVar[bool] = False

    rate: AdValorem = attrs.field(validator=attrs.validators.instance_of(AdValorem))
    content: str = attrs.field(validator=_content_name)

    def amount(
        self,
        value: Decimal | None = None,
        quantities: Mapping[str, Decimal] = _EMPTY,
        contents: Mapping[str, Decimal] = _EMPTY,
        exchange: Exchange | None = None,
    ) -> Decimal:
        content_value = contents.get(self.content)
        if content_value is None:
            raise MissingFactError(
                f"{self} needs the value of the {self.content} content", (MissingFact.content(self.content),)
            )
        return self.rate.amount(content_value, exchange=exchange)

    def __str__(self) -> str:
        return f"{self.rate} on {self.content}"


def currencies(rate: Rate) -> frozenset[str]:
    """
    The currencies of the specific duties in *rate* (empty for a rate of
    percentages only).

    >>> sorted(currencies(Rate.parse("12% + 1.2 EUR/kg")))
    ['EUR']
    """
    if isinstance(rate, Specific):
        return frozenset((rate.currency,))
    if isinstance(rate, Compound):
        return frozenset().union(*(currencies(p) for p in rate.parts))
    if isinstance(rate, Bounded):
        return frozenset().union(*(currencies(r) for r in (rate.rate, rate.minimum, rate.maximum) if r is not None))
    return frozenset()


def _one_currency(parts: Iterable[Rate]) -> None:
    found = frozenset().union(*(currencies(p) for p in parts))
    if len(found) > 1:
        raise InvalidRateError(
            f"a rate has its specific duties in one currency, got {', '.join(sorted(found))}: "
            "convert them to one before writing the rate"
        )


def _positive(_instance: Any, attribute: attrs.Attribute[Any], value: Decimal) -> None:
    if not value > 0:
        raise InvalidRateError(f"{attribute.name} must be more than 0, got {value}")


@attrs.frozen
class Conversion:
    """
    A conversion rate the user gives: one unit of ``currency`` is ``rate``
    units of ``to``, as on the day ``on`` (its ``source`` says whose rate
    it is, e.g. the rate CBP certified for that day).

    >>> print(Conversion("EUR", Decimal("1.08"), date(2025, 8, 1), source="FRBNY noon rate"))
    1 EUR = 1.08 USD on 2025-08-01 (FRBNY noon rate)
    """

    currency: str = attrs.field(validator=_currency)
    rate: Decimal = attrs.field(converter=decimal, validator=_positive)
    on: date = attrs.field(validator=attrs.validators.instance_of(date))
    to: str = attrs.field(default="USD", validator=_currency, kw_only=True)
    source: str = attrs.field(default="", kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.currency == self.to:
            raise InvalidRateError(f"a conversion is between two currencies, got {self.currency} to {self.to}")

    def __str__(self) -> str:
        text = f"1 {self.currency} = {_fmt(self.rate)} {self.to} on {self.on.isoformat()}"
        return f"{text} ({self.source})" if self.source else text


def _conversions(values: Iterable[Conversion]) -> tuple[Conversion, ...]:
    out = tuple(values)
    for c in out:
        if not isinstance(c, Conversion):
            raise InvalidRateError(f"conversions must be Conversion values, got {c!r}")
    return out


@attrs.frozen
class Exchange:
    """
    The currency amounts are computed in (the entry's, US dollars unless
    stated) and the conversion rates given, by day: a specific duty in
    another currency is converted at the rate of the latest day on or before
    ``on`` (one rate for the entry, or a table of days). Without one, its
    amount is a missing fact: a euro is never added to a dollar as if it were one.

    >>> eur = Specific(Decimal("1.2"), "kg", "EUR")
    >>> table = Exchange("USD", (Conversion("EUR", Decimal("1.10"), date(2025, 7, 1)),), on=date(2025, 8, 1))
    >>> eur.amount(quantities={"kg": Decimal(100)}, exchange=table)
    Decimal('132.00')
    >>> eur.amount(quantities={"kg": Decimal(100)})
    Traceback (most recent call last):
    ...
    tariffcalc.errors.MissingFactError: 1.2 EUR/kg is in EUR: needs the conversion rate of EUR to USD
    """

    currency: str = attrs.field(default="USD", validator=_currency)
    conversions: tuple[Conversion, ...] = attrs.field(default=(), converter=_conversions)
    on: date | None = attrs.field(default=None, kw_only=True)

    def conversion(self, currency: str) -> Conversion | None:
        """The conversion of *currency* used on :attr:`on`, or ``None`` (none given for that day)."""
        given = [
            c
            for c in self.conversions
            if c.currency == currency and c.to == self.currency and (self.on is None or c.on <= self.on)
        ]
        return max(given, key=lambda c: c.on) if given else None

    def factor(self, rate: Specific) -> Decimal:
        """What one unit of *rate*'s currency is worth in :attr:`currency`; raises :class:`MissingFactError`."""
        if rate.currency == self.currency:
            return Decimal(1)
        found = self.conversion(rate.currency)
        if found is None:
            fact = MissingFact.conversion(rate.currency, self.currency)
            raise MissingFactError(f"{rate} is in {rate.currency}: needs the {fact}", (fact,))
        return found.rate

    def used(self, rate: Rate) -> tuple[Conversion, ...]:
        """The conversions amounts of *rate* are computed with."""
        found = (self.conversion(c) for c in sorted(currencies(rate)) if c != self.currency)
        return tuple(c for c in found if c is not None)


_DOLLARS = Exchange()


def _compound_parts(_instance: Any, _attribute: attrs.Attribute[Any], parts: tuple[Rate, ...]) -> None:
    if len(parts) < 2:
        raise InvalidRateError(f"a compound rate has at least two parts, got {len(parts)}")
    _one_currency(parts)
    for part in parts:
        if not isinstance(part, AdValorem | Specific | OnContent | Free):
            raise InvalidRateError(f"a compound rate adds ad valorem, specific and on-content parts, not {part!r}")


def _rates(values: Iterable[Rate]) -> tuple[Rate, ...]:
    return tuple(values)


@attrs.frozen
class Compound(Rate):
    """The sum of two or more parts: ``1.5¢/kg + 5%`` is ``$0.015/kg + 5%``."""

    parts: tuple[Rate, ...] = attrs.field(converter=_rates, validator=_compound_parts)

    def is_proportional(self) -> bool:
        return all(p.is_proportional() for p in self.parts)

    def amount(
        self,
        value: Decimal | None = None,
        quantities: Mapping[str, Decimal] = _EMPTY,
        contents: Mapping[str, Decimal] = _EMPTY,
        exchange: Exchange | None = None,
    ) -> Decimal:
        total = Decimal(0)
        missing: list[MissingFact] = []
        for part in self.parts:
            try:
                total += part.amount(value, quantities, contents, exchange)
            except MissingFactError as e:
                missing.extend(f for f in e.missing if f not in missing)
        if missing:
            raise MissingFactError(f"{self} needs the " + ", the ".join(map(str, missing)), missing)
        return total

    def __str__(self) -> str:
        return " + ".join(map(str, self.parts))


def _bound(_instance: Any, attribute: attrs.Attribute[Any], value: Rate | None) -> None:
    if value is not None and not isinstance(value, AdValorem | Specific | Compound):
        raise InvalidRateError(f"{attribute.name} bound must be ad valorem, specific or compound, got {value!r}")


@attrs.frozen
class Bounded(Rate):
    """
    A rate with a floor (``minimum``) and/or a ceiling (``maximum``), as in
    TARIC duty expressions ``12% MIN 0.5 EUR/kg MAX 20%``.

    >>> b = Bounded(AdValorem(10), minimum=Specific(1, "kg"))
    >>> b.amount(value=Decimal(50), quantities={"kg": Decimal(8)})
    Decimal('8')
    """

    rate: Rate = attrs.field(validator=attrs.validators.instance_of(AdValorem | Specific | Compound))
    minimum: Rate | None = attrs.field(default=None, validator=_bound)
    maximum: Rate | None = attrs.field(default=None, validator=_bound)

    def __attrs_post_init__(self) -> None:
        if self.minimum is None and self.maximum is None:
            raise InvalidRateError(f"a bounded rate needs a minimum or a maximum: {self.rate}")
        _one_currency(r for r in (self.rate, self.minimum, self.maximum) if r is not None)

    def is_proportional(self) -> bool:
        return all(r.is_proportional() for r in (self.rate, self.minimum, self.maximum) if r is not None)

    def amount(
        self,
        value: Decimal | None = None,
        quantities: Mapping[str, Decimal] = _EMPTY,
        contents: Mapping[str, Decimal] = _EMPTY,
        exchange: Exchange | None = None,
    ) -> Decimal:
        amount = self.rate.amount(value, quantities, contents, exchange)
        if self.minimum is not None:
            amount = max(amount, self.minimum.amount(value, quantities, contents, exchange))
        if self.maximum is not None:
            amount = min(amount, self.maximum.amount(value, quantities, contents, exchange))
        return amount

    def __str__(self) -> str:
        text = str(self.rate)
        if self.minimum is not None:
            text += f" MIN {self.minimum}"
        if self.maximum is not None:
            text += f" MAX {self.maximum}"
        return text


@attrs.frozen
class AllIn(Rate):
    """
    Tops the duty up to *target* percent of the value **including** the base
    (MFN) duty, never below zero: the "15% all-in" of the 2025 US deals.

    >>> AllIn(15).top_up(value=Decimal(100), base_duty=Decimal("2.5"))
    Decimal('12.5')
    >>> AllIn(15).top_up(value=Decimal(100), base_duty=Decimal("25"))
    Decimal('0')
    """

    target: Decimal = attrs.field(converter=decimal, validator=_non_negative)

    def top_up(self, value: Decimal, base_duty: Decimal) -> Decimal:
        """``max(0, target% × value − base_duty)``."""
        return max(Decimal(0), value * self.target / HUNDRED - base_duty)

    def amount(
        self,
        value: Decimal | None = None,
        quantities: Mapping[str, Decimal] = _EMPTY,
        contents: Mapping[str, Decimal] = _EMPTY,
        exchange: Exchange | None = None,
    ) -> Decimal:
        raise InvalidRateError(
            f"{self} depends on the base duty of the entry; use top_up(value, base_duty) or resolve it in a Schedule"
        )

    def __str__(self) -> str:
        return f"all-in {_fmt(self.target)}%"


@attrs.frozen
class NotComputable(Rate):
    """
    A duty that tariffcalc does not compute (a sliding scale, a reference it
    could not follow): it keeps the original *text* and the *reason*, and a
    resolution reports it as a missing fact, never as zero.
    """

    proportional: ClassVar[bool] = False

    reason: str = attrs.field(validator=attrs.validators.min_len(1))
    text: str = ""

    @reason.validator
    def _no_separator(self, _attribute: attrs.Attribute[Any], reason: str) -> None:
        if " | " in reason or reason != " ".join(reason.split()):
            raise InvalidRateError(f"a reason is one line without ' | ', got {reason!r}")

    def amount(
        self,
        value: Decimal | None = None,
        quantities: Mapping[str, Decimal] = _EMPTY,
        contents: Mapping[str, Decimal] = _EMPTY,
        exchange: Exchange | None = None,
    ) -> Decimal:
        raise MissingFactError(
            f"not computable here ({self.reason}): {self.text!r}",
            (MissingFact(FactKind.BY_HAND, f"{self.reason}: {self.text!r}"),),
        )

    def __str__(self) -> str:
        return f"not computable: {self.reason} | {self.text}"


# --- the canonical grammar -------------------------------------------------

_NUMBER = r"\d+(?:\.\d+)?"
_AD_VALOREM = re.compile(rf"^({_NUMBER})%$")
_SPECIFIC = re.compile(rf"^(?:\$({_NUMBER})|({_NUMBER}) ([A-Z]{{3}}))/(.+)$")
_ON_CONTENT = re.compile(rf"^({_NUMBER})% on (.+)$")
_ALL_IN = re.compile(rf"^all-in ({_NUMBER})%$")


def _parse_term(text: str, whole: str) -> Rate:
    if text == "Free":
        return Free()
    if m := _AD_VALOREM.match(text):
        return AdValorem(m[1])
    if m := _ON_CONTENT.match(text):
        return OnContent(AdValorem(m[1]), normalise_content(m[2]))
    if m := _SPECIFIC.match(text):
        return Specific(m[1] or m[2], m[4], m[3] or "USD")
    raise RateTextError(
        f"cannot read {text!r} in rate {whole!r}; canonical terms are 'Free', '2.5%', "
        "'$0.015/kg', '1.2 EUR/kg', '6% on case', joined by ' + ', with ' MIN '/' MAX ' bounds, "
        "or 'all-in 15%' or 'not computable: REASON | TEXT'"
    )


def _parse_sum(text: str, whole: str) -> Rate:
    terms = [_parse_term(t.strip(), whole) for t in text.split(" + ")]
    return terms[0] if len(terms) == 1 else Compound(tuple(terms))


def _parse_rate(text: str) -> Rate:
    if not isinstance(text, str):
        raise RateTextError(f"a rate is text such as '2.5%', got {text!r}")
    whole = text
    text = " ".join(text.split())
    if text.startswith("not computable: "):
        reason, sep, original = text[len("not computable: ") :].partition(" | ")
        if not sep and reason.endswith(" |"):
            reason = reason[:-2]  # "REASON | " with an empty text lost its last space to the normalisation above
        return NotComputable(reason, original)
    if m := _ALL_IN.match(text):
        return AllIn(m[1])
    main, _, maximum = text.partition(" MAX ")
    main, _, minimum = main.partition(" MIN ")
    rate = _parse_sum(main, whole)
    if minimum or maximum:
        return Bounded(
            rate,
            _parse_sum(minimum, whole) if minimum else None,
            _parse_sum(maximum, whole) if maximum else None,
        )
    return rate
