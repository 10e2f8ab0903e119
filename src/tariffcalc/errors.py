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
from enum import Enum

import attrs

__all__ = [
    "CUSTOMS_VALUE",
    "DataFileError",
    "FactKind",
    "InvalidCodeError",
    "InvalidCountryError",
    "InvalidEntryError",
    "InvalidMeasureError",
    "InvalidPeriodError",
    "InvalidRateError",
    "MissingFact",
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


class FactKind(Enum):
    """What kind of fact a duty waits for."""

    VALUE = "value"
    CONTENT = "content"
    QUANTITY = "quantity"
    BASE_DUTY = "base-duty"
    BY_HAND = "by-hand"
    USE = "use"
    CONVERSION = "conversion"
    OTHER = "other"


_FACT_TEXTS = {
    FactKind.VALUE: "customs value",
    FactKind.CONTENT: "value of the {} content",
    FactKind.QUANTITY: "quantity in {}",
    FactKind.BASE_DUTY: "a base (column 1) duty: {}",
    FactKind.BY_HAND: "the duty worked out by hand ({})",
    FactKind.USE: "the use of the article, claimed as {}",
    FactKind.CONVERSION: "conversion rate of {}",
    FactKind.OTHER: "{}",
}


@attrs.frozen
class MissingFact:
    """
    A fact a duty needs and the entry does not give: its ``kind`` and its
    ``name`` (the content, the unit, why the duty cannot be computed);
    ``str()`` is the text resolutions show.

    >>> print(MissingFact.content("steel"), "/", MissingFact.quantity("kg"), "/", CUSTOMS_VALUE)
    value of the steel content / quantity in kg / customs value
    """

    kind: FactKind
    name: str = ""

    def __str__(self) -> str:
        return _FACT_TEXTS[self.kind].format(self.name)

    @classmethod
    def content(cls, name: str) -> MissingFact:
        """The declared value of the content *name*."""
        return cls(FactKind.CONTENT, name)

    @classmethod
    def quantity(cls, unit: str) -> MissingFact:
        """The quantity in *unit*."""
        return cls(FactKind.QUANTITY, unit)

    @classmethod
    def use(cls, *readings: str) -> MissingFact:
        """
        Which use of the article holds, each reading a claim (the duty differs by use).

        >>> print(MissingFact.use("for-mhdv", "for-passenger-vehicle"))
        the use of the article, claimed as for-mhdv or for-passenger-vehicle
        """
        return cls(FactKind.USE, " or ".join(readings))

    @classmethod
    def conversion(cls, currency: str, to: str) -> MissingFact:
        """
        The rate that converts an amount in *currency* into *to*.

        >>> print(MissingFact.conversion("EUR", "USD"))
        conversion rate of EUR to USD
        """
        return cls(FactKind.CONVERSION, f"{currency} to {to}")

    @classmethod
    def of(cls, fact: str | MissingFact) -> MissingFact:
        """
        *fact* as a :class:`MissingFact`: a text is read back into its kind
        (``OTHER`` when it is none of the known forms), so equal texts give equal facts.

        >>> MissingFact.of("value of the steel content") == MissingFact.content("steel")
        True
        """
        if isinstance(fact, MissingFact):
            return fact
        if fact == _FACT_TEXTS[FactKind.VALUE]:
            return cls(FactKind.VALUE)
        for kind in (FactKind.CONTENT, FactKind.QUANTITY, FactKind.USE, FactKind.CONVERSION):
            head, _, tail = _FACT_TEXTS[kind].partition("{}")
            if fact.startswith(head) and fact.endswith(tail) and len(fact) > len(head) + len(tail):
                return cls(kind, fact[len(head) : len(fact) - len(tail)])
        return cls(FactKind.OTHER, fact)


#: The customs value of the entry.
CUSTOMS_VALUE = MissingFact(FactKind.VALUE)


class MissingFactError(TariffError, LookupError):
    """
    A duty needs a fact the entry does not give (a quantity, a content value).

    Resolutions record these as :attr:`Resolution.missing`; the error itself is
    raised only by callers that ask for an amount that cannot exist.
    ``missing`` holds them as :class:`MissingFact` values, ``facts`` as texts.
    """

    def __init__(self, message: str, facts: Sequence[str | MissingFact] = ()) -> None:
        super().__init__(message)
        self.missing = tuple(MissingFact.of(f) for f in facts)

    @property
    def facts(self) -> tuple[str, ...]:
        """The missing facts as the texts a resolution shows."""
        return tuple(str(f) for f in self.missing)


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
