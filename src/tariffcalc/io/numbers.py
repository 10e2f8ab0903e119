"""
The one reader of numbers that come from outside: values, quantities,
contents and rates typed on a command line, in a CSV or Excel sheet, or
held by a data frame's cell.

Every reader of the library (the ``--value`` option and its kin, the batch
command, the refund and ES-003 readers, :func:`tariffcalc.frames.resolve_frame`)
goes through :func:`read_amount`, :func:`read_quantity` and
:func:`read_percent`, so the same spelling means the same number wherever it
is written. What is accepted is what only one reading can give:

>>> read_amount("1000.00"), read_amount("$1,000.00"), read_amount("1,000"), read_amount("1e3")
(Decimal('1000'), Decimal('1000'), Decimal('1000'), Decimal('1000'))
>>> read_quantity("1,000 kg"), read_percent("12.5%")
((Decimal('1000'), 'kg'), Decimal('12.5'))

What a spreadsheet in another locale, or its binary floats, could have
written for another number is refused, naming where it stands:

>>> read_amount("1.000,00", "row 4, column value")
Traceback (most recent call last):
...
tariffcalc.errors.InvalidEntryError: row 4, column value: '1.000,00' is ambiguous: a comma there could be a thousands or a decimal separator; write e.g. 1000.00 or 1,000.00
>>> read_amount(0.1 + 0.2, "row 5, column value")
Traceback (most recent call last):
...
tariffcalc.errors.InvalidEntryError: row 5, column value: 0.30000000000000004 is a binary-float artefact (a spreadsheet's sum or product); round it in the sheet, e.g. to 0.3

The rules, one by one:

- a comma must separate groups of three digits (``1,000``, ``12,345.50``);
  any other comma (``1,5``, ``1.234,5``, ``12,34``) could be a decimal
  comma and is refused;
- an amount of money with dots only between groups of three digits
  (``1.234``, ``1.234.567``) could be a European thousands separator and is
  refused (``1.2340`` or ``1234`` say which); a quantity or a rate may have
  three decimals (``1.234 kg``);
- spaces or apostrophes inside a number (``1 000``,
  ``1'000``) are refused;
- ``$`` (or ``US$``) may lead an amount of money; any other currency sign
  or code (``€``, ``£``, ``EUR``) is refused: amounts are in US dollars;
- a ``%`` belongs to a rate (:func:`read_percent`), never to an amount;
- a number with more than 15 significant digits, or a long run of ``0`` or
  ``9`` before its last digits (``1234.5000000000002``), is a binary-float
  artefact and is refused, whether it comes as text or as a float;
- amounts are not negative.

A header that names a column twice is refused (:func:`check_header`), as a
row with more cells than its header (an unquoted ``1,000`` split in two,
:func:`extra_cells`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from tariffcalc.errors import InvalidEntryError, TariffError

__all__ = [
    "check_header",
    "column_letter",
    "extra_cells",
    "read_amount",
    "read_percent",
    "read_quantity",
    "where",
]

#: A plain number: ``5000``, ``1234.56``, ``.5``, ``1e3`` (no separators).
_PLAIN = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
#: Commas between groups of three digits, then perhaps a decimal point: ``1,000``, ``10,000.50``.
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
#: Dots between groups of three digits and nothing else: ``1.234``, ``1.234.567`` (a European thousands).
_DOTTED = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+")
#: A fraction with a run of zeros or nines followed by one to three last digits: a float's last bits.
_ARTEFACT = re.compile(r"(\d*?)(?:0{6,}|9{6,})\d{1,3}")
#: Currency signs and codes other than the dollar.
_CURRENCY = re.compile(r"[€£¥₹₩₽¤]|\b(?:EUR|GBP|JPY|CNY|RMB|CHF|CAD|MXN|INR|KRW|AUD)\b", re.IGNORECASE)
#: The most significant digits a number typed by a person has; a float printed in full has 17.
MAX_SIGNIFICANT = 15
#: A quantity: an amount, then a unit that starts with something other than a digit or separator.
_QUANTITY = re.compile(r"^\s*([+-]?[\d.,]+(?:[eE][+-]?\d+)?)\s*([^\d\s,.].*?)\s*$")


def column_letter(index: int) -> str:
    """
    The spreadsheet letter of the 0-based column *index*.

    >>> column_letter(0), column_letter(25), column_letter(26)
    ('A', 'Z', 'AA')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def where(row: int | None, column: str | None, index: int | None = None) -> str:
    """
    How a message names a cell: ``row 4, column value (C)``.

    >>> where(4, "value", 2), where(None, "--value")
    ('row 4, column value (C)', '--value')
    """
    parts = []
    if row is not None:
        parts.append(f"row {row}")
    if column is not None:
        letter = f" ({column_letter(index)})" if index is not None else ""
        parts.append(f"column {column}{letter}" if row is not None else f"{column}{letter}")
    return ", ".join(parts) or "a number"


def _shown(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _refuse(what: str, message: str) -> InvalidEntryError:
    return InvalidEntryError(f"{what}: {message}")


def _artefact(text: str) -> bool:
    mantissa = text.lower().partition("e")[0].lstrip("+-")
    if len(mantissa.replace(".", "").lstrip("0")) > MAX_SIGNIFICANT:
        return True
    whole, _, fraction = mantissa.partition(".")
    m = _ARTEFACT.fullmatch(fraction)
    # The run must follow a significant digit (0.0000001 is a small number, 2.50000001 a float's tail).
    return m is not None and (whole.strip("0") != "" or m[1].strip("0") != "")


def _from_python(raw: Any, what: str) -> str | Decimal | int:
    """A number that is not text, as text or as an exact value (floats by the digits they print)."""
    from tariffcalc.rates import amount

    if isinstance(raw, bool):
        raise _refuse(what, f"expected a number, got {raw!r}")
    if isinstance(raw, Decimal | int):
        return raw
    if isinstance(raw, float) or type(raw).__module__ == "numpy":
        try:
            exact = amount(raw)
        except TariffError as e:
            raise _refuse(what, str(e)) from None
        shortest = repr(raw) if type(raw) is float else str(raw)
        if _artefact(shortest):
            rounded = f"{float(raw):.10g}"
            raise _refuse(
                what,
                f"{shortest} is a binary-float artefact (a spreadsheet's sum or product); "
                f"round it in the sheet, e.g. to {rounded}",
            )
        return exact
    raise _refuse(what, f"expected a number, got {type(raw).__name__} {raw!r:.40}")


def _number(raw: Any, what: str, *, money: bool) -> Decimal:
    from tariffcalc.rates import decimal

    if not isinstance(raw, str):
        value = _from_python(raw, what)
        try:
            return decimal(value)
        except TariffError as e:
            raise _refuse(what, str(e)) from None
    text = raw.strip()
    shown = _shown(text)
    if not text:
        raise _refuse(what, "the cell is empty; write a number, e.g. 5000")
    if _CURRENCY.search(text):
        raise _refuse(what, f"{shown} is in another currency; amounts are in US dollars, e.g. 5000 or $5,000")
    if "%" in text:
        raise _refuse(what, f"{shown} is a percentage, not an amount; write e.g. 5000 or $5,000")
    number = text
    if money:
        number = number.removeprefix("US$").removeprefix("$").removesuffix("USD").strip()
    if re.search(r"\d[\s'\u00a0\u202f]+\d", number):
        raise _refuse(what, f"{shown} has a space or an apostrophe inside; write e.g. 1000 or 1,000")
    if _GROUPED.fullmatch(number):
        number = number.replace(",", "")
    elif "," in number:
        raise _refuse(
            what,
            f"{shown} is ambiguous: a comma there could be a thousands or a decimal separator; "
            "write e.g. 1000.00 or 1,000.00",
        )
    elif money and _DOTTED.fullmatch(number):
        raise _refuse(
            what,
            f"{shown} is ambiguous: the dot could be a thousands separator; "
            f"write {number.replace('.', '')} for that, or give the decimals to four places (e.g. 1.2340)",
        )
    if not _PLAIN.fullmatch(number):
        raise _refuse(what, f"{shown} is not a number; write e.g. 5000, 1234.56 or $10,000")
    if _artefact(number):
        raise _refuse(
            what,
            f"{shown} is a binary-float artefact (a spreadsheet's sum or product) or has more than "
            f"{MAX_SIGNIFICANT} significant digits; round it in the sheet",
        )
    try:
        return decimal(number)
    except TariffError as e:
        raise _refuse(what, str(e)) from None


def read_amount(raw: Any, what: str = "amount", *, money: bool = True) -> Decimal:
    """
    A non-negative amount from outside (text, a spreadsheet's float, a
    Decimal or int); *what* names the cell or option in messages (see
    :func:`where`). ``money=False`` reads a quantity's amount: no ``$``, and
    three decimals are decimals.

    >>> read_amount("US$ 12,500.50"), read_amount(2500.0), read_amount("1.234", money=False)
    (Decimal('12500.5'), Decimal('2500'), Decimal('1.234'))
    >>> read_amount("1.234", "--value")
    Traceback (most recent call last):
    ...
    tariffcalc.errors.InvalidEntryError: --value: '1.234' is ambiguous: the dot could be a thousands separator; write 1234 for that, or give the decimals to four places (e.g. 1.2340)
    """
    value = _number(raw, what, money=money)
    if value < 0:
        raise InvalidEntryError(f"{what} must not be negative, got {value}")
    return value


def read_quantity(text: str, what: str = "quantity") -> tuple[Decimal, str]:
    """
    An amount and its unit as typed: ``10kg``, ``'2 No.'``, ``'1,000 kg'``,
    ``1.5e3kg`` (the unit as written; normalise it with
    :func:`tariffcalc.rates.normalise_unit`).

    >>> read_quantity("2 No."), read_quantity("1.5e3kg")
    ((Decimal('2'), 'No.'), (Decimal('1500'), 'kg'))
    """
    if not isinstance(text, str):
        raise _refuse(what, f"expected text such as '10kg', got {type(text).__name__}")
    m = _QUANTITY.match(text)
    if not m:
        raise InvalidEntryError(
            f"{what} {_shown(text)}: write an amount and a unit, e.g. 10kg, '2 No.', 1e3kg or '1,000 kg'"
        )
    from tariffcalc.rates import normalise_unit

    return read_amount(m[1], f"{what} {normalise_unit(m[2]) or m[2]}", money=False), m[2]


def read_percent(raw: Any, what: str = "rate") -> Decimal:
    """
    A rate in percent, with or without its ``%`` sign (``12.5%`` and
    ``12.5`` are 12.5 percent); the same rules as :func:`read_amount`.

    >>> read_percent("0.3464%"), read_percent(" 25 ")
    (Decimal('0.3464'), Decimal('25'))
    """
    if isinstance(raw, str) and raw.strip().endswith("%"):
        raw = raw.strip()[:-1]
    return read_amount(raw, what, money=False)


def check_header(names: Sequence[str], source: str) -> None:
    """
    Refuse a header that names a column twice (after stripping and
    lower-casing): which of the two a reader took would be a guess.

    >>> check_header(["hts", "Value", "value "], "entries.csv")
    Traceback (most recent call last):
    ...
    tariffcalc.errors.InvalidEntryError: entries.csv: the header names column 'value' twice (columns B and C); rename or remove one
    """
    seen: dict[str, int] = {}
    for i, name in enumerate(names):
        key = name.strip().lower()
        if not key:
            continue
        if key in seen:
            raise InvalidEntryError(
                f"{source}: the header names column {key!r} twice "
                f"(columns {column_letter(seen[key])} and {column_letter(i)}); rename or remove one"
            )
        seen[key] = i


def extra_cells(cells: Sequence[str], header: Sequence[str]) -> str | None:
    """
    Why a row with more non-empty cells than its header cannot be read (an
    unquoted ``1,000`` in the last column is two cells), or ``None``.

    >>> print(extra_cells(["8703.23.01.90", "1", "000"], ["hts", "value"]))
    3 cells under a header of 2: an unquoted number with a comma (1,000) splits into two cells; quote it ("1,000") or write 1000
    """
    if len(cells) <= len(header) or not any(c.strip() for c in cells[len(header) :]):
        return None
    return (
        f"{len(cells)} cells under a header of {len(header)}: an unquoted number with a comma (1,000) "
        'splits into two cells; quote it ("1,000") or write 1000'
    )
