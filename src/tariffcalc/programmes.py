"""
Preference programmes and their beneficiaries: who may claim what, when.

A :class:`Programme` answers one or more claims (the HTS Special-column
symbols ``kr``, ``a``/``a*``/``a+``, ``usmca``, ...) and says, with its
citation, which origins are beneficiaries on which days. A schedule that
carries programmes honours a claim of one of them only for a beneficiary
origin on the entry date; any other claim of that programme is reported
among the measures not applied (:class:`~tariffcalc.reasons.IneligibleClaim`),
never silently granted. Claims that belong to no programme of the schedule
(``donation``, ``not-auto-part``, ...) are facts the importer answers for
and are taken as made.

A jurisdiction's wing packages its table (the US one:
:func:`tariffcalc.us.programmes.us_programmes`); :func:`read_programmes`
reads any table of the same format.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import attrs

from tariffcalc._validators import claim_word, identifier
from tariffcalc.citations import Citation, Confidence, Instrument
from tariffcalc.countries import Country, Membership
from tariffcalc.errors import DataFileError, InvalidMeasureError, TariffError
from tariffcalc.measures import normalise_claim
from tariffcalc.periods import Period, parse_day

__all__ = ["Programme", "read_programmes"]


def _claims(values: Iterable[str]) -> frozenset[str]:
    if isinstance(values, str):
        values = (values,)
    return frozenset(normalise_claim(v) for v in values)


def _members(values: Iterable[Membership]) -> tuple[Membership, ...]:
    return tuple(sorted(values, key=lambda m: (m.country.code, m.period.start)))


@attrs.frozen(cache_hash=True)
class Programme:
    """
    A preference programme: the ``claims`` that ask for it, the days it is
    ``in_force``, its beneficiaries (dated ``members``, or ``any_origin``
    when the table does not restrict origins, e.g. before a lapse whose
    country list is not recorded) and the citation of the list.
    """

    id: str = attrs.field(validator=identifier)
    name: str
    claims: frozenset[str] = attrs.field(converter=_claims)
    in_force: Period = attrs.field(validator=attrs.validators.instance_of(Period))
    citation: Citation = attrs.field(validator=attrs.validators.instance_of(Citation))
    members: tuple[Membership, ...] = attrs.field(default=(), converter=_members)
    any_origin: bool = False

    def __attrs_post_init__(self) -> None:
        if not self.claims:
            raise InvalidMeasureError(f"programme {self.id} answers no claim; list its claims, e.g. ['kr']")
        for claim in self.claims:
            claim_word(self, attrs.fields(Programme).claims, claim)
        if self.any_origin == bool(self.members):
            raise InvalidMeasureError(
                f"programme {self.id}: give either its members (dated beneficiaries) or any_origin=True, not "
                f"{'both' if self.any_origin else 'neither'}"
            )

    def eligible(self, origin: Country, on: date) -> bool:
        """Whether a claim of this programme from *origin* is honoured on day *on*."""
        if not self.in_force.contains(on):
            return False
        return self.any_origin or any(m.country == origin and m.period.contains(on) for m in self.members)

    def why_not(self, origin: Country, on: date) -> str:
        """Why a claim from *origin* on *on* is not honoured (empty when it is)."""
        if self.eligible(origin, on):
            return ""
        start, end = self.in_force.start, self.in_force.end
        if on < start:
            return f"{self.name} is not in force on {on} (in force from {start})"
        if end is not None and on >= end:
            return f"{self.name} is not in force on {on} (lapsed from {end})"
        own = [m.period for m in self.members if m.country == origin]
        if own:
            spans = ", ".join(str(p) for p in own)
            return f"{origin} is not a beneficiary of {self.name} on {on} (a beneficiary during {spans})"
        return f"{origin} is not a beneficiary of {self.name}"

    def boundaries(self) -> frozenset[date]:
        """The days on which eligibility may change."""
        days = set(self.in_force.boundaries())
        for m in self.members:
            days.update(m.period.boundaries())
        return frozenset(days)


# --- the packaged table -----------------------------------------------------------


def _text(where: str, table: Mapping[str, Any], key: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise DataFileError("cannot read the programme table", [f"{where}.{key}: give a non-empty string"])
    return value


def _programme(where: str, raw: Mapping[str, Any], editions: Mapping[str, Instrument]) -> Programme:
    cite = raw.get("citation")
    if not isinstance(cite, Mapping):
        raise DataFileError("cannot read the programme table", [f"{where}.citation: every programme is cited"])
    edition = _text(f"{where}.citation", cite, "edition")
    if edition not in editions:
        raise DataFileError(
            "cannot read the programme table",
            [f"{where}.citation.edition {edition!r} is not one of the [editions]: {', '.join(sorted(editions))}"],
        )
    citation = Citation(
        editions[edition],
        heading=_text(f"{where}.citation", cite, "heading"),
        source=cite.get("source"),
        confidence=Confidence(cite["confidence"]) if "confidence" in cite else None,
        note=str(cite.get("note", "")),
    )
    members: list[Membership] = []
    any_origin = False
    for i, word in enumerate(raw.get("members", ())):
        if word == "any":
            any_origin = True
            continue
        code, _, span = str(word).partition(" ")
        if not span.strip():
            raise DataFileError("cannot read the programme table", [f"{where}.members[{i}]: write 'CC START/END'"])
        members.append(Membership(Country.parse(code), Period.parse(span.strip())))
    return Programme(
        id=_text(where, raw, "id"),
        name=_text(where, raw, "name"),
        claims=raw.get("claims", ()),
        in_force=Period.parse(_text(where, raw, "in_force")),
        citation=citation,
        members=members,
        any_origin=any_origin,
    )


def read_programmes(text: str, where: str = "<programmes>") -> dict[str, Programme]:
    """
    The programmes of a TOML table (the format of the packaged
    ``us_programmes.toml``), by id.

    >>> table = '''
    ... [editions."HTS 2026 Rev. 10"]
    ... title = "Harmonized Tariff Schedule of the United States (2026) Revision 10"
    ... known_on = "2026-06-08"
    ... [[programmes]]
    ... id = "korus"
    ... name = "KORUS"
    ... claims = ["KR"]
    ... in_force = "2012-03-15/"
    ... members = ["KR 2012-03-15/"]
    ... citation = { edition = "HTS 2026 Rev. 10", heading = "General Note 33" }
    ... '''
    >>> str(read_programmes(table)["korus"].citation)
    'HTS 2026 Rev. 10, heading General Note 33'
    """
    if not isinstance(text, str):
        raise TypeError(f"read_programmes reads a TOML text (str), got {type(text).__name__}")
    try:
        data = tomllib.loads(text)
        for key, kind, shape in (("editions", dict, "a table"), ("programmes", list, "an array of tables")):
            if not isinstance(data.get(key, kind()), kind):
                raise DataFileError("cannot read the programme table", [f"{where}: {key} must be {shape}"])
        for name, e in data.get("editions", {}).items():
            if not isinstance(e, Mapping):
                raise DataFileError("cannot read the programme table", [f"{where}: editions.{name} must be a table"])
        for i, raw in enumerate(data.get("programmes", ())):
            if not isinstance(raw, Mapping):
                raise DataFileError("cannot read the programme table", [f"{where}: programmes[{i}] must be a table"])
        editions = {
            name: Instrument(
                name,
                str(e["title"]),
                known_on=parse_day(str(e["known_on"])),
                published=e.get("published"),
                url=e.get("url"),
            )
            for name, e in data.get("editions", {}).items()
        }
        programmes: dict[str, Programme] = {}
        for i, raw in enumerate(data.get("programmes", ())):
            programme = _programme(f"{where} programmes[{i}]", raw, editions)
            if programme.id in programmes:
                raise DataFileError("cannot read the programme table", [f"{where}: programme {programme.id} twice"])
            programmes[programme.id] = programme
    except (tomllib.TOMLDecodeError, KeyError, TypeError, AttributeError) as e:
        raise DataFileError("cannot read the programme table", [f"{where}: {type(e).__name__}: {e}"]) from None
    except TariffError as e:
        if isinstance(e, DataFileError):
            raise
        raise DataFileError("cannot read the programme table", [f"{where}: {e}"]) from None
    return programmes
