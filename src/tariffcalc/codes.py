"""
Product codes: HS chapters (2 digits) down to HTS statistical lines (10).

>>> code = ProductCode.parse("870323")
>>> str(code), code.digits
('8703.23', '870323')
>>> ProductCode.parse("8703.23.01.90").is_within(code)
True
>>> [str(p) for p in ProductCode.parse("8703.23.01.90").parents()]
['87', '8703', '8703.23', '8703.23.01']
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import attrs

from tariffcalc.errors import InvalidCodeError

__all__ = ["ProductCode"]

_VALID_LENGTHS = (2, 4, 6, 8, 10)
_SEPARATORS = re.compile(r"[.\s]")


def _digits(_instance: Any, _attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str) or not value.isascii() or not value.isdigit():
        raise InvalidCodeError(f"a product code has digits only, got {value!r}; e.g. '8703.23.01.90' or '870323'")
    if len(value) not in _VALID_LENGTHS:
        raise InvalidCodeError(f"a product code has 2, 4, 6, 8 or 10 digits, got {len(value)} in {value!r}")


@attrs.frozen(order=True, cache_hash=True)
class ProductCode:
    """
    A tariff code of 2, 4, 6, 8 or 10 digits, stored without dots.

    ``str()`` gives the dotted HTS form (``8703.23.01.90``) that
    :meth:`parse` reads back. Codes order by their digits.
    """

    digits: str = attrs.field(validator=_digits)

    @classmethod
    def parse(cls, text: str) -> ProductCode:
        """
        Read a code with or without dots or spaces.

        >>> ProductCode.parse(" 8703.23.01 ")
        ProductCode(digits='87032301')
        >>> ProductCode.parse("8703.2")
        Traceback (most recent call last):
        ...
        tariffcalc.errors.InvalidCodeError: a product code has 2, 4, 6, 8 or 10 digits, got 5 in '8703.2' (read as '87032')
        """
        if not isinstance(text, str):
            raise InvalidCodeError(f"a product code is text such as '8703.23.01', got {text!r}")
        return _parse(text)

    def __str__(self) -> str:
        d = self.digits
        if len(d) <= 4:
            return d
        return ".".join([d[:4], *(d[i : i + 2] for i in range(4, len(d), 2))])

    @property
    def level(self) -> int:
        """The number of digits: 2 chapter, 4 heading, 6 subheading, 8 tariff line, 10 statistical."""
        return len(self.digits)

    def parents(self) -> tuple[ProductCode, ...]:
        """The enclosing codes, widest first."""
        return tuple(ProductCode(self.digits[:n]) for n in _VALID_LENGTHS if n < len(self.digits))

    def is_within(self, prefix: ProductCode) -> bool:
        """Whether this code is *prefix* itself or lies below it."""
        return self.digits.startswith(prefix.digits)


@lru_cache(maxsize=16384)  # codes are immutable values; entries repeat the same few codes
def _parse(text: str) -> ProductCode:
    digits = _SEPARATORS.sub("", text)
    if digits.isascii() and digits.isdigit() and len(digits) not in _VALID_LENGTHS:
        raise InvalidCodeError(
            f"a product code has 2, 4, 6, 8 or 10 digits, got {len(digits)} in {text!r} (read as {digits!r})"
        )
    if not (digits.isascii() and digits.isdigit()):
        raise InvalidCodeError(
            f"a product code has digits and dots only, got {text!r}; e.g. '8703.23.01.90' or '870323'"
        )
    return ProductCode(digits)
