"""
Origins: ISO 3166-1 alpha-2 countries, groups of them with dated
membership, and the origin scope of a measure.

>>> from datetime import date
>>> jp = Country.parse("jp")
>>> str(jp), jp.name
('JP', 'Japan')
>>> eu = CountryGroup("EU", "European Union", (Membership(Country("HR"), Period.parse("2013-07-01/")),))
>>> eu.has(Country("HR"), date(2013, 6, 30)), eu.has(Country("HR"), date(2013, 7, 1))
(False, True)
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Iterable, Mapping
from datetime import date
from functools import cache, lru_cache
from importlib.resources import files
from typing import Any

import attrs

from tariffcalc.errors import InvalidCountryError
from tariffcalc.periods import Period

__all__ = ["Country", "CountryGroup", "Membership", "OriginScope", "country_names"]

_GROUP_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")


@cache
def _table() -> tuple[dict[str, str], ...]:
    # Generated from pycountry (Debian iso-codes) by scripts/make_country_table.py.
    text = files("tariffcalc").joinpath("data/iso3166.csv").read_text(encoding="utf-8")
    return tuple(csv.DictReader(line for line in io.StringIO(text) if not line.startswith("#")))


@cache
def country_names() -> Mapping[str, str]:
    """
    The packaged ISO 3166-1 alpha-2 table (code → English short name).

    Generated from pycountry (Debian iso-codes) by ``scripts/make_country_table.py``;
    XK (Kosovo) is added as the user-assigned code US agencies use.
    """
    return {row["code"]: row["name"] for row in _table()}


@cache
def _other_spellings() -> Mapping[str, str]:
    """Alpha-3 codes, and English short and common names in any case, to the alpha-2 code."""
    found: dict[str, str] = {}
    for row in _table():
        found[row["alpha3"]] = row["code"]
        for name in (row["name"], row["common_name"]):
            if name:
                found[name.casefold()] = row["code"]
    return found


def _unknown_country(text: str) -> InvalidCountryError:
    spellings = _other_spellings()
    near: list[str] = []
    if len(text.strip()) > 2:  # two letters are too few to say which code was meant
        near = difflib.get_close_matches(text.strip().casefold(), [k for k in spellings if len(k) > 3], n=1)
        near += difflib.get_close_matches(text.strip().upper(), [k for k in spellings if len(k) == 3], n=1)
    hint = ""
    if near:
        code = spellings.get(near[0], near[0])
        hint = f"; did you mean {code!r} ({country_names()[code]})?"
    return InvalidCountryError(
        f"{text!r} is not an ISO 3166-1 alpha-2 country code; use two capital letters such as 'JP', 'CN', 'DE' "
        f"or 'GB', an alpha-3 code such as 'JPN' or an English name such as 'Japan'{hint} "
        "(see tariffcalc.countries.country_names())"
    )


def _iso_code(_instance: Any, _attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str) or value not in country_names():
        raise InvalidCountryError(
            f"{value!r} is not an ISO 3166-1 alpha-2 country code; use two capital "
            "letters such as 'JP', 'CN', 'DE' or 'GB' (see tariffcalc.countries.country_names())"
        )


@attrs.frozen(order=True, cache_hash=True)
class Country:
    """An ISO 3166-1 alpha-2 country code, checked against the packaged table."""

    code: str = attrs.field(validator=_iso_code)

    @classmethod
    def parse(cls, text: str) -> Country:
        """
        Read an alpha-2 code in any case (``UK`` is read as ``GB``, as ISO
        spells it), an alpha-3 code, or an English short or common name.
        Anything else is refused with the nearest country.

        >>> Country.parse("uk"), Country.parse("JPN"), Country.parse("south korea")
        (Country(code='GB'), Country(code='JP'), Country(code='KR'))
        >>> Country.parse("Japn")
        Traceback (most recent call last):
        ...
        tariffcalc.errors.InvalidCountryError: 'Japn' is not an ISO 3166-1 alpha-2 country code; use two capital letters such as 'JP', 'CN', 'DE' or 'GB', an alpha-3 code such as 'JPN' or an English name such as 'Japan'; did you mean 'JP' (Japan)? (see tariffcalc.countries.country_names())
        """
        if not isinstance(text, str):
            raise InvalidCountryError(f"a country code is text such as 'JP', got {text!r}")
        return _parse_country(text)

    @property
    def name(self) -> str:
        """The English short name."""
        return country_names()[self.code]

    def __str__(self) -> str:
        return self.code


def _parse_code(text: str) -> Country:
    """An alpha-2 code as a data file's scope writes it (any case; ``UK`` is ``GB``), nothing else."""
    code = text.strip().upper()
    return Country("GB" if code == "UK" else code)


@lru_cache(maxsize=1024)  # countries are immutable values; a few hundred exist
def _parse_country(text: str) -> Country:
    code = text.strip().upper()
    if code == "UK" or code in country_names():
        return _parse_code(code)
    other = _other_spellings().get(code) or _other_spellings().get(text.strip().casefold())
    if other is None:
        raise _unknown_country(text)
    return Country(other)


@attrs.frozen
class Membership:
    """A country's membership of a group during a period."""

    country: Country
    period: Period


def _group_id(_instance: Any, _attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str) or not _GROUP_ID.match(value):
        raise InvalidCountryError(
            f"a group id starts with a letter and has only letters, digits, '_', '.' and '-', "
            f"got {value!r}; e.g. 'EU' or 'column2'"
        )


def _memberships(values: Iterable[Membership]) -> tuple[Membership, ...]:
    return tuple(values)


def _group_ids(values: Iterable[str]) -> frozenset[str]:
    return frozenset([values] if isinstance(values, str) else values)


@attrs.frozen
class CountryGroup:
    """
    A named set of countries whose membership is dated (the EU, the Column 2
    countries, the Annex I partners).
    """

    id: str = attrs.field(validator=_group_id)
    name: str
    members: tuple[Membership, ...] = attrs.field(converter=_memberships)
    # Derived once: periods by member, so a look-up does not scan every member.
    _periods: dict[Country, tuple[Period, ...]] = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        periods: dict[Country, list[Period]] = {}
        for m in self.members:
            periods.setdefault(m.country, []).append(m.period)
        object.__setattr__(self, "_periods", {c: tuple(ps) for c, ps in periods.items()})

    def has(self, country: Country, on: date) -> bool:
        """Whether *country* is a member on day *on*."""
        return any(p.contains(on) for p in self._periods.get(country, ()))

    def ever(self) -> frozenset[Country]:
        """Every country that is a member at some time."""
        return frozenset(self._periods)

    def boundaries(self) -> frozenset[date]:
        """The days on which membership changes."""
        return frozenset(d for m in self.members for d in m.period.boundaries())


def _frozenset_of_countries(values: Iterable[Country | str]) -> frozenset[Country]:
    return frozenset(v if isinstance(v, Country) else Country.parse(v) for v in values)


@attrs.frozen(cache_hash=True)
class OriginScope:
    """
    The origins a measure reaches: every country (``everywhere=True``), or the
    listed countries and the members of the listed groups; minus ``excluded``
    countries and minus the members of ``excluded_groups``.

    >>> str(OriginScope.parse("all -CA -MX -@column2"))
    'all -CA -MX -@column2'
    >>> str(OriginScope.parse("JP"))
    'JP'
    """

    everywhere: bool = False
    countries: frozenset[Country] = attrs.field(default=frozenset(), converter=_frozenset_of_countries)
    groups: frozenset[str] = attrs.field(default=frozenset(), converter=_group_ids)
    excluded: frozenset[Country] = attrs.field(default=frozenset(), converter=_frozenset_of_countries)
    excluded_groups: frozenset[str] = attrs.field(default=frozenset(), converter=_group_ids)

    def __attrs_post_init__(self) -> None:
        if self.everywhere and (self.countries or self.groups):
            raise InvalidCountryError(
                f"origin scope {self}: 'all' already covers every country; list countries and groups only without 'all'"
            )
        if not self.everywhere and not (self.countries or self.groups):
            raise InvalidCountryError(
                "an origin scope reaches nothing; give 'all', countries such as 'JP' or groups such as '@EU'"
            )

    @classmethod
    def parse(cls, text: str) -> OriginScope:
        """
        Read a space-separated scope: ``all``, ``JP``, ``@EU`` (a group), and
        exclusions ``-CA`` or ``-@column2``.
        """
        everywhere = False
        countries: set[Country] = set()
        groups: set[str] = set()
        excluded: set[Country] = set()
        excluded_groups: set[str] = set()
        for word in str(text).split():
            negative = word.startswith("-")
            token = word[1:] if negative else word
            if token.lower() == "all" and not negative:
                everywhere = True
            elif token.startswith("@"):
                (excluded_groups if negative else groups).add(token[1:])
            else:
                # Data scopes are written in codes: an alpha-3 code or a name there is a mistake.
                (excluded if negative else countries).add(_parse_code(token))
        return cls(everywhere, frozenset(countries), groups, frozenset(excluded), excluded_groups)

    def __str__(self) -> str:
        words = ["all"] if self.everywhere else []
        words += sorted(c.code for c in self.countries)
        words += sorted(f"@{g}" for g in self.groups)
        words += sorted(f"-{c.code}" for c in self.excluded)
        words += sorted(f"-@{g}" for g in self.excluded_groups)
        return " ".join(words)

    def group_ids(self) -> frozenset[str]:
        """Every group this scope names, included or excluded."""
        return self.groups | self.excluded_groups

    def covers(self, country: Country, on: date, groups: Mapping[str, CountryGroup]) -> bool:
        """Whether *country* is in scope on day *on*, with *groups* to look up group ids."""
        if country in self.excluded:
            return False
        if any(groups[g].has(country, on) for g in self.excluded_groups):
            return False
        return self.everywhere or country in self.countries or any(groups[g].has(country, on) for g in self.groups)

    def excludes(self, country: Country, on: date, groups: Mapping[str, CountryGroup]) -> bool:
        """Whether *country* is named among the exclusions on day *on*."""
        return country in self.excluded or any(groups[g].has(country, on) for g in self.excluded_groups)

    def may_reach(self, groups: Mapping[str, CountryGroup]) -> frozenset[Country] | None:
        """Every country this scope may ever reach (``None`` for "all but a few")."""
        if self.everywhere:
            return None
        reached = set(self.countries)
        for g in self.groups:
            reached |= groups[g].ever()
        return frozenset(reached)
