"""
The packaged US preference programmes (HTS General Note 3(c)(i) and the
general note of each programme), read from ``us/data/us_programmes.toml``
with the generic reader :func:`tariffcalc.programmes.read_programmes`.

>>> from datetime import date
>>> from tariffcalc import Country
>>> korus = us_programmes()["korus"]
>>> sorted(korus.claims), korus.eligible(Country("KR"), date(2025, 5, 20)), korus.eligible(Country("JP"), date(2025, 5, 20))
(['kr'], True, False)
>>> gsp = us_programmes()["gsp"]
>>> gsp.eligible(Country("IN"), date(2025, 1, 10)), gsp.why_not(Country("IN"), date(2025, 1, 10))
(False, 'GSP is not in force on 2025-01-10 (lapsed from 2021-01-01)')
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib.resources import files

from tariffcalc.programmes import Programme, read_programmes

__all__ = ["PROGRAMMES_FILE", "us_programmes"]

#: The packaged table of US programmes, inside the ``tariffcalc`` package.
PROGRAMMES_FILE = "us/data/us_programmes.toml"


@cache
def us_programmes() -> Mapping[str, Programme]:
    """
    The packaged US programmes, by id, read once per process.

    >>> "usmca" in us_programmes()
    True
    """
    return read_programmes(files("tariffcalc").joinpath(PROGRAMMES_FILE).read_text(encoding="utf-8"), PROGRAMMES_FILE)
