"""
Measures: one legal duty each, with its product and origin scope, its
validity, the conditions that switch it off and the basis it is charged on.

>>> from datetime import date
>>> from tariffcalc import Citation, Instrument, OriginScope, Period, ProductScope
>>> from tariffcalc.rates import AdValorem
>>> eo = Instrument("EO 14257", "Reciprocal tariff", known_on=date(2025, 4, 2))
>>> baseline = Measure(
...     id="us.reciprocal.baseline", title="Reciprocal tariff, baseline",
...     kind=MeasureKind.ADDITIONAL, rate=AdValorem(10),
...     products=ProductScope.parse("all -8471"), origins=OriginScope.parse("all -CA -MX"),
...     validity=Period(date(2025, 4, 5)), citation=Citation(eo, heading="9903.01.25"),
...     tags={"reciprocal"})
>>> baseline.products.carve_out(ProductCode.parse("8471.30.01.00"))
ProductCode(digits='8471')
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from tariffcalc._validators import calendar_day, claim_word, identifier
from tariffcalc.amendments import Amendment, amendments, check_amendments, validity_as_known
from tariffcalc.citations import Citation
from tariffcalc.codes import ProductCode
from tariffcalc.countries import OriginScope
from tariffcalc.errors import CUSTOMS_VALUE, InvalidMeasureError, MissingFact, MissingFactError
from tariffcalc.periods import Period
from tariffcalc.rates import AllIn, Rate, decimal, normalise_content

if TYPE_CHECKING:
    from tariffcalc.entries import Entry

__all__ = [
    "Basis",
    "Condition",
    "ContentShare",
    "ContentValue",
    "InTransit",
    "Measure",
    "MeasureKind",
    "NotIfClaimed",
    "OnlyIfClaimed",
    "Preference",
    "ProductScope",
    "Suspension",
    "UseClaimed",
    "ValueLess",
    "WholeValue",
    "normalise_claim",
]


def _codes(values: Iterable[ProductCode | str]) -> tuple[ProductCode, ...]:
    codes = {v if isinstance(v, ProductCode) else ProductCode.parse(v) for v in values}
    return tuple(sorted(codes, key=lambda c: c.digits))  # attrs' ordering is slow on large scopes


@attrs.frozen(cache_hash=True)
class ProductScope:
    """
    The products a measure reaches: every product (``everything=True``) or
    those under the ``include`` prefixes, minus those under ``exclude``
    (carve-outs). A product is under a prefix when its code starts with it.

    >>> scope = ProductScope.parse("8703.23 8703.24 -8703.24.01")
    >>> scope.covers(ProductCode.parse("8703.23.01.90")), scope.covers(ProductCode.parse("8703.24.01"))
    (True, False)
    >>> str(scope)
    '8703.23 8703.24 -8703.24.01'
    """

    include: tuple[ProductCode, ...] = attrs.field(default=(), converter=_codes)
    exclude: tuple[ProductCode, ...] = attrs.field(default=(), converter=_codes)
    everything: bool = False

    def __attrs_post_init__(self) -> None:
        if self.everything == bool(self.include):
            raise InvalidMeasureError(
                "a product scope is either 'all' (every product) or a list of code prefixes, "
                f"got everything={self.everything} and include={[str(c) for c in self.include]}"
            )

    @classmethod
    def parse(cls, text: str) -> ProductScope:
        """Read ``all`` or prefixes, with carve-outs written ``-PREFIX``."""
        words = str(text).split()
        everything = "all" in words
        include = [w for w in words if w != "all" and not w.startswith("-")]
        exclude = [w[1:] for w in words if w.startswith("-")]
        return cls(tuple(include), tuple(exclude), everything)

    def __str__(self) -> str:
        words = ["all"] if self.everything else [str(c) for c in self.include]
        return " ".join(words + [f"-{c}" for c in self.exclude])

    def matched_prefix(self, product: ProductCode) -> ProductCode | None:
        """The longest include prefix of *product* (``None`` outside the scope, ignoring carve-outs)."""
        best = None
        for prefix in self.include:
            if product.is_within(prefix) and (best is None or prefix.level > best.level):
                best = prefix
        return best

    def carve_out(self, product: ProductCode) -> ProductCode | None:
        """The exclude prefix that removes *product*, if any."""
        for prefix in self.exclude:
            if product.is_within(prefix):
                return prefix
        return None

    def covers(self, product: ProductCode) -> bool:
        """Whether *product* is in scope, carve-outs included."""
        return (self.everything or self.matched_prefix(product) is not None) and self.carve_out(product) is None


class MeasureKind(enum.Enum):
    """``base``: the ordinary (MFN) duty, one per entry; ``additional``: duties added on top."""

    BASE = "base"
    ADDITIONAL = "additional"

    def __str__(self) -> str:
        return self.value


# --- bases ------------------------------------------------------------------


class Basis:
    """What part of the entry's value an additional duty is charged on."""

    __slots__ = ()

    def words(self) -> str:
        """
        The basis in words, as a reader of an explanation wants it (``str``
        gives the data-file spelling).

        >>> Basis.parse("value-less:us>=20%").words()
        'the value less the US content, when that content is at least 20% of the value'
        """
        raise NotImplementedError

    @staticmethod
    def parse(text: str) -> Basis:
        """
        Read ``value``, ``content:steel`` or ``value-less:us>=20%``.

        >>> Basis.parse("value-less:us>=20%")
        ValueLess(content='us', min_share=Decimal('20'))
        """
        text = str(text).strip()
        if text == "value":
            return WholeValue()
        if text.startswith("content:"):
            return ContentValue(text[len("content:") :])
        if text.startswith("value-less:"):
            content, _, share = text[len("value-less:") :].partition(">=")
            return ValueLess(content, decimal(share.rstrip("%")) if share else None)
        raise InvalidMeasureError(
            f"{text!r} is not a basis; use 'value', 'content:NAME' (e.g. content:steel) "
            "or 'value-less:NAME' with an optional '>=N%' (e.g. value-less:us>=20%)"
        )


@attrs.frozen
class WholeValue(Basis):
    """The whole customs value."""

    def __str__(self) -> str:
        return "value"

    def words(self) -> str:
        return "the customs value"


def _content(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str) or not value or value != normalise_content(value):
        raise InvalidMeasureError(f"{attribute.name} must be a lower-case content name such as 'steel', got {value!r}")


@attrs.frozen
class ContentValue(Basis):
    """The declared value of one content of the article (``steel``, ``aluminum``, ``copper``)."""

    content: str = attrs.field(validator=_content)

    def __str__(self) -> str:
        return f"content:{self.content}"

    def words(self) -> str:
        return f"the value of the {_content_words(self.content)} content"


def _share(_instance: Any, _attribute: attrs.Attribute[Any], value: Decimal | None) -> None:
    if value is not None and not (0 < value <= 100):
        raise InvalidMeasureError(f"min_share is a percentage above 0 and at most 100, got {value}")


@attrs.frozen
class ValueLess(Basis):
    """
    The customs value less a declared content (the US content of EO 14257
    s.3(f)); with ``min_share``, only when that content is at least this
    percentage of the value, otherwise the whole value.
    """

    content: str = attrs.field(validator=_content)
    min_share: Decimal | None = attrs.field(
        default=None, converter=attrs.converters.optional(decimal), validator=_share
    )

    def __str__(self) -> str:
        share = f">={format(self.min_share, 'f')}%" if self.min_share is not None else ""
        return f"value-less:{self.content}{share}"

    def words(self) -> str:
        when = (
            f", when that content is at least {format(self.min_share, 'f')}% of the value"
            if self.min_share is not None
            else ""
        )
        return f"the value less the {_content_words(self.content)} content{when}"


def _content_words(content: str) -> str:
    """
    A content name as a sentence writes it: ``us`` is ``US``, hyphens are spaces.

    >>> _content_words("us"), _content_words("case-and-strap")
    ('US', 'case and strap')
    """
    return {"us": "US", "non-us": "non-US"}.get(content, content.replace("-", " "))


# --- conditions ---------------------------------------------------------------


def normalise_claim(text: str) -> str:
    """
    Claims are lower-case words: ``"USMCA"`` → ``"usmca"``, ``"A+"`` → ``"a+"``.

    >>> normalise_claim(" USMCA ")
    'usmca'
    """
    return str(text).strip().lower()


class Condition:
    """A test on the facts of an entry that switches a measure off."""

    __slots__ = ()

    citation: Citation | None

    def switches_off(self, entry: Entry) -> bool:
        """
        Whether the measure does not apply to *entry*; raises
        :class:`MissingFactError` when the entry lacks a fact the test needs.
        """
        raise NotImplementedError


@attrs.frozen
class NotIfClaimed(Condition):
    """Off when the importer claims *claim* (e.g. ``usmca``)."""

    claim: str = attrs.field(converter=normalise_claim, validator=claim_word)
    citation: Citation | None = None

    def switches_off(self, entry: Entry) -> bool:
        return self.claim in entry.claims

    def __str__(self) -> str:
        return f"not if {self.claim} is claimed"


@attrs.frozen
class OnlyIfClaimed(Condition):
    """Off unless the importer claims *claim*."""

    claim: str = attrs.field(converter=normalise_claim, validator=claim_word)
    citation: Citation | None = None

    def switches_off(self, entry: Entry) -> bool:
        return self.claim not in entry.claims

    def __str__(self) -> str:
        return f"only if {self.claim} is claimed"


@attrs.frozen
class UseClaimed(Condition):
    """
    On when the importer claims the use *claim*, off when they claim the
    other use *otherwise*; with neither, the use is a missing fact naming
    both readings (a line on two lists whose HTS text does not say which
    vehicle the part is for).

    >>> from tariffcalc import Entry
    >>> c = UseClaimed("for-mhdv", "for-passenger-vehicle")
    >>> c.switches_off(Entry.of("8708.30.50", "JP", date(2025, 11, 3), claims=["for-passenger-vehicle"]))
    True
    >>> c.switches_off(Entry.of("8708.30.50", "JP", date(2025, 11, 3)))
    Traceback (most recent call last):
    ...
    tariffcalc.errors.MissingFactError: only if used as for-mhdv, not as for-passenger-vehicle: needs the use of the article, claimed as for-mhdv or for-passenger-vehicle
    """

    claim: str = attrs.field(converter=normalise_claim, validator=claim_word)
    otherwise: str = attrs.field(converter=normalise_claim, validator=claim_word)
    citation: Citation | None = None

    def __attrs_post_init__(self) -> None:
        if self.claim == self.otherwise:
            raise InvalidMeasureError(f"a use condition needs two different claims, got {self.claim!r} twice")

    def switches_off(self, entry: Entry) -> bool:
        claims = entry.claims
        if self.claim in claims:
            return False
        if self.otherwise in claims:
            return True
        fact = MissingFact.use(self.claim, self.otherwise)
        raise MissingFactError(f"{self}: needs {fact}", [fact])

    def __str__(self) -> str:
        return f"only if used as {self.claim}, not as {self.otherwise}"


@attrs.frozen
class InTransit(Condition):
    """
    Off for goods loaded before ``loaded_before`` and entered before
    ``entered_before`` (goods already on the water when a duty started).
    Without a loading date the goods are not taken to be in transit.

    >>> from tariffcalc import Entry
    >>> c = InTransit(date(2025, 4, 5), date(2025, 5, 27))
    >>> c.switches_off(Entry.of("0101.21", "JP", date(2025, 5, 20), loaded=date(2025, 4, 1)))
    True
    >>> c.switches_off(Entry.of("0101.21", "JP", date(2025, 5, 27), loaded=date(2025, 4, 1)))
    False
    """

    loaded_before: date = attrs.field(validator=calendar_day)
    entered_before: date = attrs.field(validator=calendar_day)
    citation: Citation | None = None

    def switches_off(self, entry: Entry) -> bool:
        return entry.loaded is not None and entry.loaded < self.loaded_before and entry.on < self.entered_before

    def __str__(self) -> str:
        return f"in transit: loaded before {self.loaded_before} and entered before {self.entered_before}"


@attrs.frozen
class ContentShare(Condition):
    """
    Off unless the declared *content* is at least ``minimum`` percent of the
    customs value (more than ``minimum`` when ``inclusive`` is false): a
    content threshold such as "only articles of at least 20% US content".

    >>> from tariffcalc import Entry
    >>> c = ContentShare("us", Decimal(20))
    >>> c.switches_off(Entry.of("8703.23", "JP", date(2025, 5, 1), value=100, contents={"us": 19}))
    True
    >>> c.switches_off(Entry.of("8703.23", "JP", date(2025, 5, 1)))
    Traceback (most recent call last):
    ...
    tariffcalc.errors.MissingFactError: only if the us content is at least 20% of the value: needs the customs value and the value of the us content
    """

    content: str = attrs.field(validator=_content)
    minimum: Decimal = attrs.field(converter=decimal, validator=_share)
    inclusive: bool = True
    citation: Citation | None = None

    def switches_off(self, entry: Entry) -> bool:
        declared = entry.content_value(self.content)
        if entry.value is None or declared is None:
            facts = [CUSTOMS_VALUE] if entry.value is None else []
            facts += [MissingFact.content(self.content)] if declared is None else []
            raise MissingFactError(f"{self}: needs the " + " and the ".join(map(str, facts)), facts)
        share = declared * 100
        threshold = self.minimum * entry.value
        return share < threshold if self.inclusive else share <= threshold

    def __str__(self) -> str:
        relation = "at least" if self.inclusive else "more than"
        return f"only if the {self.content} content is {relation} {format(self.minimum, 'f')}% of the value"


# --- suspensions and preferences ---------------------------------------------------


def _ids(values: Iterable[str]) -> frozenset[str]:
    if isinstance(values, str):
        values = (values,)
    return frozenset(values)


@attrs.frozen(repr=False)
class Suspension:
    """
    A period during which measures do not apply, or apply a ``replacement``
    rate. Extending a suspension is a new ``Suspension`` with its own
    citation, never a change to the old one.
    """

    id: str = attrs.field(validator=identifier)
    measures: frozenset[str] = attrs.field(converter=_ids)
    period: Period
    citation: Citation
    replacement: Rate | None = None
    #: Later acts that set the end of ``period`` (see :mod:`tariffcalc.amendments`), in the order
    #: they became known. Left out of the fingerprint when empty, so older schedules keep theirs.
    amendments: tuple[Amendment, ...] = attrs.field(
        default=(), converter=amendments, metadata={"fingerprint": "unless-empty"}
    )

    def __repr__(self) -> str:
        from tariffcalc._reprs import clip

        replacement = f", replaced by {self.replacement}" if self.replacement is not None else ""
        return clip(
            f"<Suspension {self.id}: {', '.join(sorted(self.measures))}, {self.period}{replacement} [{self.citation}]>"
        )

    def period_as_known(self, known: date | None) -> Period:
        """The period as known on *known*: before a later act that ended it was known, the end known then."""
        return validity_as_known(self.period, self.amendments, known) if self.amendments else self.period

    def __attrs_post_init__(self) -> None:
        if self.amendments:
            check_amendments(f"suspension {self.id}", self.period, self.amendments, self.citation.instrument.known_on)
        if not self.measures:
            raise InvalidMeasureError(f"suspension {self.id} suspends no measure; list measure ids")
        if isinstance(self.replacement, AllIn):
            raise InvalidMeasureError(f"suspension {self.id}: an all-in rate cannot be a replacement rate")


@attrs.frozen
class Preference:
    """
    A preferential rate on a base measure, granted when the importer claims
    the programme (``au``, ``kr``, ``usmca``, ``a+``, ...). The claim is
    trusted: eligibility (origin, rules of origin) is the importer's to prove.
    """

    claim: str = attrs.field(converter=normalise_claim, validator=claim_word)
    rate: Rate


# --- the measure ----------------------------------------------------------------


_MEASURE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:/+-]*$")


def _measure_id(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str) or not _MEASURE_ID.match(value):
        raise InvalidMeasureError(
            f"{attribute.name} {value!r} is not a measure id; use letters, digits and . _ : / + -, "
            "e.g. 'us.reciprocal.baseline'"
        )


def _conditions(values: Iterable[Condition]) -> tuple[Condition, ...]:
    return tuple(values)


def _preferences(values: Iterable[Preference]) -> tuple[Preference, ...]:
    return tuple(values)


def _tags(values: Iterable[str]) -> frozenset[str]:
    if isinstance(values, str):
        values = (values,)
    return frozenset(values)


# A schedule is a set of measures: building one, unpickling one and combining two hash every
# measure. The hash is the id and title alone (two equal measures have equal ids and titles), so
# that hashing 64,000 measures does not walk their rates, scopes, citations and preferences.
@attrs.frozen(cache_hash=True, repr=False)
class Measure:
    """
    One legal measure. A ``base`` measure is the ordinary duty of a product
    (the most specific one applies); ``additional`` measures are added on top
    on their :class:`Basis`. ``tags`` are what stacking rules refer to.
    """

    id: str = attrs.field(validator=_measure_id)
    title: str
    kind: MeasureKind = attrs.field(validator=attrs.validators.instance_of(MeasureKind), hash=False)
    rate: Rate = attrs.field(validator=attrs.validators.instance_of(Rate), hash=False)
    products: ProductScope = attrs.field(validator=attrs.validators.instance_of(ProductScope), hash=False)
    origins: OriginScope = attrs.field(validator=attrs.validators.instance_of(OriginScope), hash=False)
    validity: Period = attrs.field(validator=attrs.validators.instance_of(Period), hash=False)
    citation: Citation = attrs.field(validator=attrs.validators.instance_of(Citation), hash=False)
    basis: Basis = attrs.field(factory=WholeValue, validator=attrs.validators.instance_of(Basis), hash=False)
    conditions: tuple[Condition, ...] = attrs.field(default=(), converter=_conditions, hash=False)
    tags: frozenset[str] = attrs.field(default=frozenset(), converter=_tags, hash=False)
    preferences: tuple[Preference, ...] = attrs.field(default=(), converter=_preferences, hash=False)
    #: Later acts that set the end of ``validity`` (see :mod:`tariffcalc.amendments`), in the order
    #: they became known. Left out of the fingerprint when empty, so older schedules keep theirs.
    amendments: tuple[Amendment, ...] = attrs.field(
        default=(), converter=amendments, hash=False, metadata={"fingerprint": "unless-empty"}
    )

    def __repr__(self) -> str:
        from tariffcalc import _reprs as reprs

        return reprs.measure_repr(self)

    def _repr_html_(self) -> str:
        from tariffcalc import _reprs as reprs

        return reprs.measure_html(self)

    def validity_as_known(self, known: date | None) -> Period:
        """
        The validity as known on *known*: before a later act that ended the
        measure was known, the end known then (the final one without *known*).
        """
        return validity_as_known(self.validity, self.amendments, known) if self.amendments else self.validity

    def __attrs_post_init__(self) -> None:
        if self.amendments:
            check_amendments(f"measure {self.id}", self.validity, self.amendments, self.citation.instrument.known_on)
        if self.kind is MeasureKind.BASE:
            if isinstance(self.rate, AllIn):
                raise InvalidMeasureError(
                    f"measure {self.id}: a base measure cannot have an all-in rate; make it additional"
                )
            if not isinstance(self.basis, WholeValue):
                raise InvalidMeasureError(
                    f"measure {self.id}: a base measure is charged on the whole value, not {self.basis}"
                )
        elif self.preferences:
            raise InvalidMeasureError(f"measure {self.id}: only base measures carry preferences")
        claims = [p.claim for p in self.preferences]
        if len(claims) != len(set(claims)):
            raise InvalidMeasureError(f"measure {self.id}: a programme has one preference at most, got {claims}")
        for condition in self.conditions:
            if not isinstance(condition, Condition):
                raise InvalidMeasureError(f"measure {self.id}: {condition!r} is not a Condition")
