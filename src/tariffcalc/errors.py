"""
The exception hierarchy: one base class, :class:`TariffError`.

Every leaf also subclasses the builtin it refines, so callers that catch
``ValueError`` or ``LookupError`` keep working, and every message names the
rule that was broken, the offending input and what would be valid.

>>> from tariffcalc import ProductCode
>>> try:
...     ProductCode.parse("87O3")
... except TariffError as e:
...     print(type(e).__name__, isinstance(e, ValueError))
InvalidCodeError True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

__all__ = [
    "DataFileError",
    "InvalidCodeError",
    "InvalidCountryError",
    "InvalidEntryError",
    "InvalidMeasureError",
    "InvalidPeriodError",
    "InvalidRateError",
    "MissingFactError",
    "Problem",
    "RateTextError",
    "ScheduleError",
    "TariffError",
    "UnknownNameError",
    "UnknownScheduleError",
]


class TariffError(Exception):
    """Base class of every error tariffcalc raises on purpose."""


class InvalidCodeError(TariffError, ValueError):
    """A product code that is not 2, 4, 6, 8 or 10 digits."""


class InvalidCountryError(TariffError, ValueError):
    """A country code that is not an ISO 3166-1 alpha-2 code (or a known group)."""


class InvalidPeriodError(TariffError, ValueError):
    """A period whose end is not after its start, or a day that is not a ``date``."""


class InvalidRateError(TariffError, ValueError):
    """A rate with an impossible value (a negative percentage, an empty unit, ...)."""


class RateTextError(InvalidRateError):
    """A rate text that the canonical grammar of :func:`tariffcalc.parse_rate` cannot read."""


class InvalidMeasureError(TariffError, ValueError):
    """A measure, suspension, rule or entry whose parts contradict each other."""


class InvalidEntryError(TariffError, ValueError):
    """The facts of an entry are impossible (a negative value, contents worth more than the goods)."""


class UnknownNameError(InvalidEntryError):
    """
    A claim or content name that no measure of the schedule uses (a typo,
    most often): it would change nothing, so it is refused rather than ignored.
    """


class MissingFactError(TariffError, LookupError):
    """
    A duty needs a fact the entry does not give (a quantity, a content value).

    Resolutions record these as :attr:`Resolution.missing`; the error itself is
    raised only by callers that ask for an amount that cannot exist.
    """

    def __init__(self, message: str, facts: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.facts = tuple(facts)


class UnknownScheduleError(TariffError, LookupError):
    """A schedule name that is neither packaged nor a readable path."""


class Problem(str):
    """
    One problem found while checking a schedule or reading a data file: a
    string that says where (``where``) and what (``what``).

    >>> str(Problem("what is wrong", where="us.toml:3 measures[0].rate"))
    'us.toml:3 measures[0].rate: what is wrong'
    """

    where: str
    what: str

    def __new__(cls, what: str, where: str = "") -> Problem:
        text = f"{where}: {what}" if where else what
        self = super().__new__(cls, text)
        self.where = where
        self.what = what
        return self

    def __reduce__(self) -> tuple[type[Problem], tuple[str, str]]:
        return (Problem, (self.what, self.where))


class _ManyProblemsError(TariffError, ValueError):
    """An error that carries every problem found, not just the first."""

    def __init__(self, headline: str, problems: Iterable[str]) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{headline} ({len(self.problems)} problem(s)):\n{lines}")
        self.headline = headline

    def __reduce__(self) -> tuple[type[_ManyProblemsError], tuple[str, tuple[str, ...]]]:
        return (type(self), (self.headline, self.problems))


class ScheduleError(_ManyProblemsError):
    """A schedule that failed its checks; :attr:`problems` lists all of them."""


class DataFileError(_ManyProblemsError):
    """A data file that could not be loaded; :attr:`problems` lists every problem with its place."""
