"""
The authority a measure is charged under, for grouping amounts by authority
(a frame's per-authority columns, a stacked plot, a panel's shares).

The engine knows no jurisdiction's laws: each wing of the package declares
its groups as data, in ``tariffcalc/<wing>/data/authorities.toml`` (the US
wing: MFN, Column 2, Section 232, Section 301, IEEPA, Section 122), and
:func:`authority_groups` reads them all, in order. A second jurisdiction adds
its own file beside its data and changes nothing here. A measure no group
claims is ``Other``.

>>> from tariffcalc.datasets import load_schedule
>>> s = load_schedule("us-2025-26")
>>> [authority(s.measure(m)) for m in ("us.ieepa.reciprocal.baseline", "us.s301.list-1", "us.s232-2018.steel.articles")]
['IEEPA', 'Section 301', 'Section 232']
"""

from __future__ import annotations

import functools
import tomllib
from importlib.resources import files

import attrs

from tariffcalc.errors import DataFileError
from tariffcalc.measures import Measure, MeasureKind

__all__ = ["AUTHORITIES", "OTHER", "AuthorityGroup", "authority", "authority_group", "authority_groups"]

#: The group of an additional measure that no declared group claims.
OTHER = "Other"


@attrs.frozen
class AuthorityGroup:
    """
    One group amounts are shown under: its ``name``, whether it groups
    ``base`` duties or additional ones, and its ``keys``: a measure belongs
    to it when a key is a part of the measure's id (split at ``.`` and
    ``-``), one of its tags, or begins one of its tags followed by ``-``. A
    base group without keys takes every base measure no other base group claims.

    >>> from datetime import date
    >>> from tariffcalc import Citation, Instrument, Measure, MeasureKind, OriginScope, Period, ProductScope
    >>> from tariffcalc.rates import AdValorem
    >>> levy = Measure("xx.levy.1", "A levy", MeasureKind.ADDITIONAL, AdValorem("5"), ProductScope.parse("01"),
    ...                OriginScope.parse("all"), Period(date(2025, 1, 1)), Citation(Instrument("A", "Act", known_on=date(2025, 1, 1))),
    ...                tags=frozenset({"levy-beef"}))
    >>> AuthorityGroup("Levies", keys=("levy",)).claims(levy), AuthorityGroup("Duties", keys=("duty",)).claims(levy)
    (True, False)
    """

    name: str
    base: bool = False
    keys: tuple[str, ...] = attrs.field(default=(), converter=tuple)

    def claims(self, measure: Measure) -> bool:
        """Whether *measure* is shown under this group."""
        if (measure.kind is MeasureKind.BASE) is not self.base:
            return False
        if self.base:
            return not self.keys or any(k in measure.id.split(".") for k in self.keys)
        parts = measure.id.replace("-", ".").split(".")
        return any(k in parts or any(t == k or t.startswith(k + "-") for t in measure.tags) for k in self.keys)


@functools.cache
def authority_groups() -> tuple[AuthorityGroup, ...]:
    """
    The groups every wing of the package declares, wing by wing in name
    order, each file's groups in its order. The one reader of the
    ``authorities.toml`` files.

    >>> [g.name for g in authority_groups()][:3]
    ['MFN', 'Column 2', 'Section 232']
    """
    found: list[AuthorityGroup] = []
    for wing in sorted(files("tariffcalc").iterdir(), key=lambda p: p.name):
        table = wing.joinpath("data", "authorities.toml")
        if not wing.is_dir() or not table.is_file():
            continue
        where = f"tariffcalc/{wing.name}/data/authorities.toml"  # each [[groups]]: name, and maybe base and keys
        try:
            for g in tomllib.loads(table.read_text(encoding="utf-8")).get("groups", []):
                found.append(AuthorityGroup(g["name"], bool(g.get("base", False)), tuple(g.get("keys", ()))))
        except (tomllib.TOMLDecodeError, KeyError, TypeError, AttributeError) as e:
            raise DataFileError(f"{where} is not a table of authority groups", [f"{where}: {e}"]) from e
    return tuple(found)


def authority_group(measure: Measure) -> AuthorityGroup | None:
    """The first declared group that claims *measure* (``None``: none does)."""
    base = [g for g in authority_groups() if g.base]
    # A base group with keys is more particular than the catch-all one without: it is asked first.
    ordered = (
        [*(g for g in base if g.keys), *(g for g in base if not g.keys)] if measure.kind is MeasureKind.BASE else []
    )
    for group in ordered or authority_groups():
        if group.claims(measure):
            return group
    return None


def authority(measure: Measure) -> str:
    """The name of the group *measure* is shown under (one of :data:`AUTHORITIES`)."""
    # Kept by what it reads of the measure (its kind, id and tags): the groups are fixed.
    key = (measure.kind, measure.id, measure.tags)
    found = _AUTHORITY_OF.get(key)
    if found is None:
        group = authority_group(measure)
        found = _AUTHORITY_OF[key] = OTHER if group is None else group.name
        if len(_AUTHORITY_OF) > _AUTHORITIES_KEPT:
            _AUTHORITY_OF.clear()
    return found


#: The authorities found, by kind, id and tags of a measure (cleared when it holds this many).
_AUTHORITIES_KEPT = 1 << 17
_AUTHORITY_OF: dict[tuple[MeasureKind, str, frozenset[str]], str] = {}


#: The group names in the order they are shown (columns, legend), ``Other`` last.
AUTHORITIES: tuple[str, ...] = (*dict.fromkeys(g.name for g in authority_groups()), OTHER)
