"""
The words a schedule's measures use: claim names (from claim conditions,
preferences and programmes), content names (from bases, content
conditions and on-content rates), stacking tags and units of quantity.

An entry that claims a programme or declares a content no measure of the
schedule knows would change nothing; the word is almost always a typo, so
:meth:`Vocabulary.check` refuses it with the known words and the nearest one.

>>> from datetime import date
>>> from tariffcalc import Entry
>>> words = Vocabulary(claims=frozenset({"usmca", "kr"}), contents=frozenset({"steel", "us"}))
>>> words.check(Entry.of("8703.23", "CA", date(2025, 5, 1), claims=["usmac"]), "us-2025")
Traceback (most recent call last):
...
tariffcalc.errors.UnknownNameError: unknown claim 'usmac' for schedule 'us-2025' (did you mean 'usmca'?); known claims: kr, usmca
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Mapping
from typing import TYPE_CHECKING

import attrs

from tariffcalc.errors import UnknownNameError
from tariffcalc.measures import ContentShare, ContentValue, NotIfClaimed, OnlyIfClaimed, UseClaimed, ValueLess
from tariffcalc.rates import KNOWN_UNITS, Bounded, Compound, OnContent, Rate, Specific

if TYPE_CHECKING:
    from tariffcalc.entries import Entry
    from tariffcalc.measures import Measure, Suspension
    from tariffcalc.programmes import Programme
    from tariffcalc.rules import StackingRule

__all__ = ["Vocabulary", "nearest", "rate_words", "unknown_rule_tags"]


def nearest(word: str, known: Iterable[str]) -> str | None:
    """
    The known word closest to *word* (``None`` when none is close).

    >>> nearest("s232-autos", ["s232-auto", "s232-steel", "reciprocal"])
    's232-auto'
    """
    found = difflib.get_close_matches(word, sorted(known), n=1, cutoff=0.6)
    return found[0] if found else None


def rate_words(rate: Rate | None, units: set[str], contents: set[str]) -> None:
    """
    Add the units and contents that *rate* (and its parts) charge on to *units* and *contents*.

    >>> from tariffcalc.rates import Rate
    >>> units, contents = set(), set()
    >>> rate_words(Rate.parse("$1.90/No. + 45% on case"), units, contents)
    >>> sorted(units), sorted(contents)
    (['No.'], ['case'])
    """
    if isinstance(rate, Specific):
        units.add(rate.unit)
    elif isinstance(rate, OnContent):
        contents.add(rate.content)
    elif isinstance(rate, Compound):
        for part in rate.parts:
            rate_words(part, units, contents)
    elif isinstance(rate, Bounded):
        for bound in (rate.rate, rate.minimum, rate.maximum):
            rate_words(bound, units, contents)


@attrs.frozen
class Vocabulary:
    """The claim, content, tag and unit words of a schedule."""

    claims: frozenset[str] = frozenset()
    contents: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    units: frozenset[str] = frozenset()

    @classmethod
    def of(
        cls,
        measures: Iterable[Measure],
        suspensions: Iterable[Suspension] = (),
        programmes: Iterable[Programme] = (),
    ) -> Vocabulary:
        """The words *measures*, *suspensions* (their replacement rates) and *programmes* use."""
        claims: set[str] = set()
        contents: set[str] = set()
        tags: set[str] = set()
        units: set[str] = set()
        seen: set[int] = set()  # measures share rate objects: walk each once
        for m in measures:
            tags.update(m.tags)
            if id(m.rate) not in seen:
                seen.add(id(m.rate))
                rate_words(m.rate, units, contents)
            for p in m.preferences:
                claims.add(p.claim)
                if id(p.rate) not in seen:
                    seen.add(id(p.rate))
                    rate_words(p.rate, units, contents)
            if isinstance(m.basis, ContentValue | ValueLess):
                contents.add(m.basis.content)
            for c in m.conditions:
                if isinstance(c, NotIfClaimed | OnlyIfClaimed):
                    claims.add(c.claim)
                elif isinstance(c, UseClaimed):
                    claims.update((c.claim, c.otherwise))
                elif isinstance(c, ContentShare):
                    contents.add(c.content)
        for s in suspensions:
            rate_words(s.replacement, units, contents)
        for programme in programmes:
            claims.update(programme.claims)
        return cls(frozenset(claims), frozenset(contents), frozenset(tags), frozenset(units))

    def check(self, entry: Entry, schedule: str, programmes: Mapping[str, Collection[str]] | None = None) -> None:
        """
        Raise :class:`UnknownNameError` for the first claim, content or unit
        of quantity of *entry* that the schedule does not know (units only
        when some duty of the schedule is charged by quantity). *programmes* maps programme
        names (``gsp``) to their claims, to point a programme name at its claims.
        """
        for claim in sorted(entry.claims):
            if claim not in self.claims:
                raise UnknownNameError(_unknown("claim", claim, self.claims, schedule, programmes or {}))
        for content, _ in entry.contents:
            if content not in self.contents:
                raise UnknownNameError(_unknown("content", content, self.contents, schedule, {}))
        # A quantity in a unit that is no unit (10kgz) would be ignored: refused like a claim. A known
        # unit no duty of this schedule charges in (kg where duties are per liter) is a fact it does not
        # need, as a schedule derived from this one may: accepted. Without specific duties, nothing to check.
        for unit, _ in entry.quantities:
            if self.units and unit not in self.units and unit not in KNOWN_UNITS:
                raise UnknownNameError(_unknown("unit", unit, self.units | KNOWN_UNITS, schedule, {}))


def _unknown(kind: str, word: str, known: frozenset[str], schedule: str, aliases: Mapping[str, Collection[str]]) -> str:
    if not known:
        return f"unknown {kind} {word!r}: no measure of schedule {schedule!r} uses any {kind}"
    hint = ""
    if word in aliases:
        hint = f" ({word} is claimed as {' or '.join(sorted(aliases[word]))})"
    else:
        close = nearest(word, known)
        if close is not None:
            hint = f" (did you mean {close!r}?)"
    return f"unknown {kind} {word!r} for schedule {schedule!r}{hint}; known {kind}s: {', '.join(sorted(known))}"


def unknown_rule_tags(measures: Iterable[Measure], rules: Iterable[StackingRule]) -> list[str]:
    """
    Problems for rules that name a tag no measure carries (a typo would
    otherwise silently switch the rule off). A schedule whose measures
    carry no tags at all (rules only, to be combined with measures) is not
    checked.
    """
    tags = {t for m in measures for t in m.tags}
    if not tags:
        return []
    problems = []
    for rule in sorted(rules, key=lambda r: r.id):
        for field, tag in (("when", rule.when), ("drops", rule.drops)):
            if tag in tags:
                continue
            close = nearest(tag, tags)
            hint = f"did you mean {close!r}? " if close else ""
            problems.append(
                f"rule {rule.id}: no measure carries its {field} tag {tag!r}; {hint}"
                f"the tags measures carry are {', '.join(sorted(tags))}"
            )
    return problems
