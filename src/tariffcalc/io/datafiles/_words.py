"""
The closed words of data files: every word a data file writes that has a
fixed meaning is either declared by the data set or in a fixed list, so a
typo is refused (with the nearest valid word) instead of silently changing
a duty.

- Declared in a ``[vocabulary]`` table (any file of the data set; the
  tables of all files add up): ``claims`` (the claims of conditions and
  preferences), ``contents`` (of bases, content conditions and on-content
  rates), ``tags`` (of measures, and those rules and authorities name) and
  ``laws`` (of authorities and status events). Every use of these four is
  checked against them: the table is required, and a data set without one
  declares none (the message says which ``[vocabulary]`` line to add).
- Fixed: units of quantity (:data:`tariffcalc.rates.KNOWN_UNITS`), and the
  words of ``kind``, ``displaces``, condition ``type``, status ``kind`` and
  ``confidence`` (checked by :mod:`.build` with the nearest one).
- Origins: a data file writes ``all`` (the keyword, lower case), ``@ID`` (a
  group) and upper-case ISO 3166-1 alpha-2 codes only, so ``al`` (meant as
  ``all``) is never read as Albania, nor ``eu`` as a country.

>>> from tariffcalc.io.datafiles import parse_dataset
>>> parse_dataset('''
... [vocabulary]
... claims = ["donation"]
... [instruments."EO 1"]
... title = "An order"
... known_on = 2025-01-01
... [[measures]]
... id = "x"
... title = "X"
... kind = "additional"
... rate = "10%"
... products = "8703"
... origins = "al"
... validity = "2025-01-01/"
... [measures.citation]
... instrument = "EO 1"
... [[measures.conditions]]
... type = "not-if-claimed"
... claim = "ddonation"
... ''')
Traceback (most recent call last):
...
tariffcalc.errors.DataFileError: <string>: cannot load the data file (2 problem(s)):
  - <string>:13 measures[0].origins: 'al' is neither the keyword 'all' nor a country code (codes are upper case); did you mean 'all' or 'AL' (Albania)?
  - <string>:19 measures[0].conditions[0].claim: undeclared claim 'ddonation' (did you mean 'donation'?); ...
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Final

import attrs

from tariffcalc.countries import country_names
from tariffcalc.measures import ContentValue, ValueLess
from tariffcalc.rates import KNOWN_UNITS, Rate
from tariffcalc.vocabulary import nearest, rate_words

if TYPE_CHECKING:
    from tariffcalc.legal import LegalStatus
    from tariffcalc.measures import Basis, Measure, Suspension
    from tariffcalc.rules import StackingRule

__all__ = [
    "KINDS",
    "DeclaredWords",
    "basis_content",
    "declared_places",
    "hint",
    "origin_problem",
    "rate_problems",
    "rate_words",
    "unknown_word",
    "used_words",
]

#: The declared kinds of word, as the ``[vocabulary]`` table names them, and their singular.
KINDS: Final[dict[str, str]] = {"claims": "claim", "contents": "content", "tags": "tag", "laws": "law"}

#: The most declared words listed in a message (beyond, their number).
_LISTED: Final = 12

_CODE: Final = re.compile(r"[A-Z]{2}")


@attrs.frozen
class DeclaredWords:
    """
    The words a data set declares (its ``[vocabulary]`` tables), by kind.

    >>> DeclaredWords(claims=frozenset({"usmca"})).known("claims")
    frozenset({'usmca'})
    """

    claims: frozenset[str] = frozenset()
    contents: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    laws: frozenset[str] = frozenset()

    def known(self, kind: str) -> frozenset[str]:
        """The declared words of *kind* (``claims``, ``contents``, ``tags`` or ``laws``)."""
        words: frozenset[str] = getattr(self, kind)
        return words

    def __or__(self, other: DeclaredWords) -> DeclaredWords:
        return DeclaredWords(*(self.known(k) | other.known(k) for k in KINDS))


def hint(word: str, known: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the nearest known word, or nothing."""
    close = nearest(word, known)
    return f" (did you mean {close!r}?)" if close is not None else ""


def unknown_word(kind: str, word: str, known: frozenset[str]) -> str:
    """
    The problem of a word of *kind* (``claims`` ...) that the data set does not declare.

    >>> print(unknown_word("tags", "s232-autos", frozenset({"s232-auto"})))
    undeclared tag 's232-autos' (did you mean 's232-auto'?); add to a [vocabulary] table: tags = ["s232-autos"], or use a declared one: s232-auto
    """
    one = KINDS[kind]
    declare = f'add to a [vocabulary] table: {kind} = ["{word}"]'
    if not known:
        return f"undeclared {one} {word!r}; no {one} is declared: {declare}"
    if len(known) <= _LISTED:
        listed = "use a declared one: " + ", ".join(sorted(known))
    else:
        listed = f"use one of the {len(known)} declared"
    return f"undeclared {one} {word!r}{hint(word, known)}; {declare}, or {listed}"


def origin_problem(text: str, groups: Iterable[str]) -> str | None:
    """
    The problem of an origin scope as a data file writes it (``None`` when
    each word is ``all``, ``@ID``, or an upper-case two-letter code; the code
    itself is checked when the scope is read).

    >>> print(origin_problem("all -CA -@EU", ["EU"]))
    None
    >>> origin_problem("JP eu", ["EU"])
    "'eu' is not a country code; did you mean '@EU' (the group)?"
    >>> origin_problem("UK", [])
    "'UK' is not an ISO 3166-1 code; did you mean 'GB' (United Kingdom)?"
    """
    group_ids = {g.upper(): g for g in groups}
    for word in str(text).split():
        negative = word.startswith("-")
        token = word[1:] if negative else word
        if token == "all":
            if negative:
                return "'-all' would exclude every country; write 'all' and exclude countries with '-CODE'"
            continue
        if token.startswith("@"):
            continue
        if _CODE.fullmatch(token) and token in group_ids and token not in country_names():
            return f"{word!r} is not a country code; did you mean '{'-' if negative else ''}@{token}' (the group)?"
        if _CODE.fullmatch(token):
            if token == "UK":
                return "'UK' is not an ISO 3166-1 code; did you mean 'GB' (United Kingdom)?"
            continue
        upper = token.upper()
        if upper in group_ids:
            return f"{word!r} is not a country code; did you mean '{'-' if negative else ''}@{group_ids[upper]}' (the group)?"
        if token.lower() == "all":
            return f"{word!r}: the keyword for every country is written 'all', in lower case"
        names = country_names()
        if upper in names or (upper == "UK"):
            code = "GB" if upper == "UK" else upper
            shown = f"'{'-' if negative else ''}{code}' ({names[code]})"
            if nearest(token.lower(), ["all"]) is not None and not negative:
                return (
                    f"{word!r} is neither the keyword 'all' nor a country code (codes are upper case); "
                    f"did you mean 'all' or {shown}?"
                )
            return f"{word!r} is not a country code (codes are upper case); did you mean {shown}?"
        if not negative and nearest(token.lower(), ["all"]) is not None:
            return f"{word!r} is neither the keyword 'all' nor a country code; did you mean 'all'?"
    return None


def rate_problems(rate: Rate | None, declared: DeclaredWords | None) -> list[str]:
    """Problems of the units (fixed) and contents (declared) a rate charges on."""
    units: set[str] = set()
    contents: set[str] = set()
    rate_words(rate, units, contents)
    problems = [
        f"unknown unit of quantity {u!r}{hint(u, KNOWN_UNITS)}; known units: {', '.join(sorted(KNOWN_UNITS))}"
        for u in sorted(units - KNOWN_UNITS)
    ]
    if declared is not None:
        problems += [unknown_word("contents", c, declared.contents) for c in sorted(contents - declared.contents)]
    return problems


def basis_content(basis: Basis) -> str | None:
    """The content a basis names (``content:steel``, ``value-less:us>=20%``), if any."""
    return basis.content if isinstance(basis, ContentValue | ValueLess) else None


def used_words(
    measures: Iterable[Measure],
    suspensions: Iterable[Suspension] = (),
    rules: Iterable[StackingRule] = (),
    legal: LegalStatus | None = None,
) -> DeclaredWords:
    """
    The claim, content, tag and law words that these parts use (what a
    written data set declares, so that it reads back).
    """
    from tariffcalc.vocabulary import Vocabulary

    measures, rules = list(measures), list(rules)
    words = Vocabulary.of(measures, suspensions)
    tags = set(words.tags) | {t for r in rules for t in (r.when, r.drops)}
    laws: set[str] = set()
    if legal is not None:
        tags |= {t for a in legal.authorities for t in a.tags}
        laws = {a.law for a in legal.authorities} | {e.law for e in legal.events}
    return DeclaredWords(words.claims, words.contents, frozenset(tags), frozenset(laws))


def declared_places(places: Mapping[str, Mapping[str, str]]) -> DeclaredWords:
    """The words of *places* (kind -> word -> where it is declared)."""
    return DeclaredWords(*(frozenset(places.get(k, {})) for k in KINDS))
