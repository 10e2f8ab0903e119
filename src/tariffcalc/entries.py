"""
The facts of one entry: what is imported, from where, on which day, and
everything a duty may be computed on.

>>> from datetime import date
>>> e = Entry.of("8703.23.01.90", "JP", date(2025, 5, 20), value="40000",
...              contents={"steel": "5000"}, claims=["USMCA"])
>>> e.product, e.origin, e.value, e.content_value("steel"), e.claims
(ProductCode(digits='8703230190'), Country(code='JP'), Decimal('40000'), Decimal('5000'), frozenset({'usmca'}))

The same facts as typed on a command line or in a form, read by the one
parser the command uses too:

>>> parse_amount("--value", "40000"), parse_contents(["steel=5000"]), parse_quantities(["2 No.", "1,000 kg"])
(Decimal('40000'), {'steel': Decimal('5000')}, {'No.': Decimal('2'), 'kg': Decimal('1000')})
>>> parse_contents(["steel"], "--content")
Traceback (most recent call last):
...
tariffcalc.errors.InvalidEntryError: --content 'steel': write NAME=VALUE, e.g. steel=5000
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any, TypedDict, Unpack

import attrs

from tariffcalc._validators import calendar_day, optional_calendar_day, require
from tariffcalc.codes import ProductCode
from tariffcalc.countries import Country
from tariffcalc.errors import InvalidEntryError, TariffError
from tariffcalc.io.numbers import read_amount, read_quantity
from tariffcalc.measures import normalise_claim
from tariffcalc.periods import as_day, parse_day
from tariffcalc.rates import Conversion, Exchange, normalise_content, normalise_unit
from tariffcalc.rates import amount as as_amount

__all__ = ["Entry", "EntryFacts", "parse_amount", "parse_contents", "parse_conversions", "parse_quantities"]

Amounts = tuple[tuple[str, Decimal], ...]
RawAmounts = Mapping[str, Any] | Iterable[tuple[str, Any]] | None


def _money(what: str, raw: Any) -> Decimal:
    try:
        amount = as_amount(raw)
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
    if raw is None or (type(raw) is tuple and not raw):  # the default: nothing to check
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


def _entry_currency(raw: str | None) -> str:
    if raw is None:
        return "USD"
    if not isinstance(raw, str) or not raw.strip():
        raise InvalidEntryError(f"currency must be an ISO 4217 code such as 'USD' or 'EUR', got {raw!r:.60}")
    code = raw.strip().upper()
    try:
        Exchange(code)
    except TariffError:
        raise InvalidEntryError(f"currency must be an ISO 4217 code such as 'USD' or 'EUR', got {raw!r:.60}") from None
    return code


def _conversions(raw: Iterable[Conversion] | None) -> tuple[Conversion, ...]:
    if raw is None:
        return ()
    if isinstance(raw, Conversion):
        return (raw,)
    if isinstance(raw, str | bytes) or not isinstance(raw, Iterable):
        raise TypeError(f"conversions must be Conversion values, got {type(raw).__name__} {raw!r:.60}")
    out = tuple(raw)
    bad = [c for c in out if not isinstance(c, Conversion)]
    if bad:
        raise TypeError(
            f"conversions must be Conversion values such as Conversion('EUR', '1.08', date(2025, 8, 1)), "
            f"got {type(bad[0]).__name__} {bad[0]!r:.60}"
        )
    return out


def parse_amount(what: str, text: str) -> Decimal:
    """
    A non-negative amount typed as a plain number (``5000``, ``1234.56``,
    ``1e3``), with commas between groups of three digits (``10,000.50``,
    as quantities take them) and a leading ``$``; *what* names the field in
    the message. A comma that could be a decimal separator is refused: the
    rules are those of :func:`tariffcalc.io.numbers.read_amount`, which every
    reader of outside numbers shares.

    >>> parse_amount("--value", "$10,000"), parse_amount("--value", "1,234.5")
    (Decimal('10000'), Decimal('1234.5'))
    >>> parse_amount("--value", "1.000,00")
    Traceback (most recent call last):
    ...
    tariffcalc.errors.InvalidEntryError: --value: '1.000,00' is ambiguous: a comma there could be a thousands or a decimal separator; write e.g. 1000.00 or 1,000.00
    """
    return read_amount(text, what)


def parse_contents(items: Iterable[str], what: str = "content") -> dict[str, Decimal]:
    """Declared content values from ``NAME=VALUE`` texts (``steel=5000``), by normalised name."""
    pairs: list[tuple[str, Decimal]] = []
    for item in items:
        require(item, str, f"{what} item")
        name, sep, amount = item.partition("=")
        if not sep or not name.strip():
            raise InvalidEntryError(f"{what} {item!r}: write NAME=VALUE, e.g. steel=5000")
        pairs.append((name, parse_amount(f"{what} {normalise_content(name)}", amount)))
    return dict(_amounts(what, normalise_content, pairs))


def parse_conversions(texts: list[str], option: str = "--conversion") -> list[Conversion]:
    """
    Conversion rates as typed, ``CUR=RATE@YYYY-MM-DD`` (one unit of CUR is RATE US dollars on that day).

    >>> [str(c) for c in parse_conversions(["eur=1.08@2025-08-01"])]
    ['1 EUR = 1.08 USD on 2025-08-01']
    """
    out = []
    for text in texts:
        currency, _, rest = text.partition("=")
        rate, _, day = rest.partition("@")
        if not (currency.strip() and rate.strip() and day.strip()):
            raise InvalidEntryError(f"{option} {text!r}: write CUR=RATE@YYYY-MM-DD, e.g. EUR=1.08@2025-08-01")
        try:
            out.append(Conversion(currency.strip().upper(), rate.strip(), _option_day(option, day.strip())))
        except TariffError as e:
            raise InvalidEntryError(f"{option} {text!r}: {e}") from None
    return out


def _option_day(option: str, text: str) -> date:
    try:
        return parse_day(text)
    except TariffError as e:
        raise type(e)(f"{option}: {e}") from None


def parse_quantities(items: Iterable[str], what: str = "quantity") -> dict[str, Decimal]:
    """Quantities from ``AMOUNTUNIT`` texts (``10kg``, ``'2 No.'``, ``'1,000 kg'``), by normalised unit."""
    pairs: list[tuple[str, Decimal]] = []
    for item in items:
        require(item, str, f"{what} item")
        number, unit = read_quantity(item, what)
        pairs.append((unit, number))
    return dict(_amounts(f"{what} in", normalise_unit, pairs))


class EntryFacts(TypedDict, total=False):
    """
    The facts of an entry beside its product, origin and day, as keywords:
    declared here once for :meth:`Entry.of`, :meth:`tariffcalc.Schedule.resolve`,
    :meth:`tariffcalc.Schedule.timeline` and
    :func:`tariffcalc.restatement.restate` (see :class:`Entry` for what each
    means). A function of your own that passes them on can take
    ``**facts: Unpack[EntryFacts]``.

    >>> facts: EntryFacts = {"value": 40000, "claims": ["usmca"]}
    >>> Entry.of("8703.23.01.90", "CA", "2025-05-20", **facts).claims
    frozenset({'usmca'})
    """

    value: Decimal | int | str | float | None
    quantities: Mapping[str, Decimal | int | str | float] | None
    contents: Mapping[str, Decimal | int | str | float] | None
    loaded: date | str | None
    claims: Iterable[str] | None
    currency: str | None
    conversions: Iterable[Conversion] | None


#: The keywords of :class:`EntryFacts`.
ENTRY_FACTS: frozenset[str] = EntryFacts.__optional_keys__


def check_keywords(facts: Mapping[str, object], allowed: frozenset[str], where: str) -> None:
    """
    Raise :class:`TypeError`, as Python does for a misspelt keyword, when
    *facts* has a keyword that is not *allowed* in *where*, naming those that are.
    """
    if allowed.issuperset(facts):
        return
    unknown = sorted(facts.keys() - allowed)
    raise TypeError(
        f"{where}() got an unexpected keyword argument {unknown[0]!r}; it takes {', '.join(sorted(allowed))}"
    )


def entry_of(
    product: ProductCode | str,
    origin: Country | str,
    on: date | str,
    facts: Mapping[str, Any],
    cls: type[Entry] | None = None,
) -> Entry:
    """
    The entry (a *cls*, by default an :class:`Entry`) of *product*, *origin*,
    *on* and the :class:`EntryFacts` among *facts*, whose keywords the caller
    has checked (:func:`check_keywords`): the one place that reads them.
    """
    loaded = facts.get("loaded")
    return (cls or Entry)(
        product if isinstance(product, ProductCode) else ProductCode.parse(product),
        origin if isinstance(origin, Country) else Country.parse(origin),
        as_day(on, "on"),
        facts.get("value"),
        facts.get("quantities"),
        facts.get("contents"),
        None if loaded is None else as_day(loaded, "loaded"),
        facts.get("claims", ()),  # checked and normalised once, by the field's converter
        facts.get("currency"),
        facts.get("conversions"),
    )


@attrs.frozen
class Entry:
    """
    What a resolution is asked about. ``quantities`` are by unit (``kg``,
    ``liter``, ``No.``), ``contents`` are the declared values of parts of
    the article (``steel``, ``aluminum``, ``us``), ``claims`` are programmes
    or exemptions claimed (``usmca``, ``au``), ``loaded`` is the day the goods
    were loaded on the vessel that brought them. ``currency`` is the currency
    of the value and of the duties (US dollars unless stated);
    ``conversions`` are the conversion rates the user gives for specific
    duties in other currencies (:class:`~tariffcalc.rates.Conversion`, one
    or a dated table: the latest on or before the entry date is used).
    """

    product: ProductCode = attrs.field(validator=attrs.validators.instance_of(ProductCode))
    origin: Country = attrs.field(validator=attrs.validators.instance_of(Country))
    on: date = attrs.field(validator=calendar_day)
    value: Decimal | None = attrs.field(default=None, converter=_value)
    quantities: Amounts = attrs.field(default=(), converter=_quantities)
    contents: Amounts = attrs.field(default=(), converter=_contents)
    loaded: date | None = attrs.field(default=None, validator=optional_calendar_day)
    claims: frozenset[str] = attrs.field(default=frozenset(), converter=_claims)
    currency: str = attrs.field(default="USD", converter=_entry_currency)
    conversions: tuple[Conversion, ...] = attrs.field(default=(), converter=_conversions)

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
        cls, product: ProductCode | str, origin: Country | str, on: date | str, **facts: Unpack[EntryFacts]
    ) -> Entry:
        """
        Build an entry from plain values, parsing codes and country codes
        (``claims=None``: none). Days may be anything
        :func:`~tariffcalc.periods.as_day` reads (a date, a datetime or
        ``pandas.Timestamp``, a ``numpy.datetime64``, ISO text); amounts
        anything :func:`~tariffcalc.rates.amount` reads (floats by the digits
        they print). The facts are those of :class:`EntryFacts`.

        >>> Entry.of("8703.23.01.90", "JP", "2025-05-20", value=40000.0).value
        Decimal('40000')
        """
        check_keywords(facts, ENTRY_FACTS, "Entry.of")
        return entry_of(product, origin, on, facts, cls)

    @property
    def exchange(self) -> Exchange:
        """
        The currency the entry's amounts are in and the conversions it gives,
        chosen for its day (:class:`~tariffcalc.rates.Exchange`).

        >>> Entry.of("0406.90", "FR", "2025-05-05").exchange.currency
        'USD'
        """
        return Exchange(self.currency, self.conversions, on=self.on)

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
