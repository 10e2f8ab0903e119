"""
Cells that a spreadsheet opens as text, never as a formula.

Every CSV the library writes (``tariffcalc refund --out``, the CAPE
declaration files of ``--cape-out``) goes through :func:`safe_cell`: a text
cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
gets a leading ``'`` (the OWASP rule against CSV injection), so Excel,
LibreOffice and Google Sheets show it and never evaluate it. Numbers the
library computed (``Decimal``, ``int``) are left as they are: a negative
amount stays a number. An entry number or a heading read from a file is
text, whatever it looks like, so ``-2+3`` as an entry number is written
``'-2+3``.

>>> from decimal import Decimal
>>> safe_cell("=HYPERLINK(\\"http://x\\")")
'\\'=HYPERLINK("http://x")'
>>> safe_cell("ABC-1234567-8"), safe_cell(Decimal("-1.50"))
('ABC-1234567-8', Decimal('-1.50'))
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO, Any

__all__ = ["FORMULA_STARTS", "SafeWriter", "safe_cell"]

#: The first characters that make a spreadsheet read a cell as a formula (or hide what follows).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """*value* as a CSV cell that no spreadsheet evaluates: text starting with a formula character gets a ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeWriter:
    """
    A :func:`csv.writer` whose every cell goes through :func:`safe_cell`.

    >>> import io
    >>> from decimal import Decimal
    >>> out = io.StringIO()
    >>> SafeWriter(out).writerow(["@SUM(A1)", Decimal("-2"), "ok"])
    >>> out.getvalue()
    "'@SUM(A1),-2,ok\\r\\n"
    """

    def __init__(self, stream: IO[str]) -> None:
        self._writer = csv.writer(stream)

    def writerow(self, row: Iterable[Any]) -> None:
        """Write one row, each text cell made safe."""
        self._writer.writerow([safe_cell(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        """Write every row of *rows*."""
        for row in rows:
            self.writerow(row)
