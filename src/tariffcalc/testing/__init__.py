"""
Hypothesis strategies for tariffcalc values, for your own property tests.

Every strategy builds only valid values, by construction: a period is a
start and then a positive length, a schedule gets unique ids, suspensions
that meet their measure, no two measures of one family on the same days,
and stacking rules that run only from earlier to later tags (so they can
never form a cycle). Dates come from a bounded window, and awkward days
(29 February 2024, year ends and year starts, the 2025 tariff dates) are
mixed in so that Hypothesis tries them early and shrinks towards them.

Install the ``testing`` extra (``pip install tariffcalc[testing]``), then
state a law of your own schedule and let Hypothesis look for a counterexample:

>>> from hypothesis import given, settings
>>> from tariffcalc.testing import entries, schedules
>>> @settings(max_examples=10, deadline=None)
... @given(schedules().flatmap(lambda s: entries(for_schedule=s).map(lambda e: (s, e))))
... def test_a_total_is_never_negative(schedule_and_entry):
...     schedule, entry = schedule_and_entry
...     resolution = schedule.resolve_entry(entry)
...     assert resolution.amount is None or resolution.amount >= 0
>>> test_a_total_is_never_negative()

To property-test *your* schedule, draw only the entries:

>>> from datetime import date
>>> from decimal import Decimal
>>> from tariffcalc import Citation, Instrument, Measure, MeasureKind, OriginScope
>>> from tariffcalc.rates import AdValorem
>>> from tariffcalc import Period, ProductScope, Schedule
>>> act = Instrument("HTS 2025", "Harmonized Tariff Schedule", known_on=date(2025, 1, 1))
>>> mine = Schedule("mine", [Measure("mfn.87", "Vehicles", MeasureKind.BASE, AdValorem("2.5"),
...     ProductScope.parse("87"), OriginScope.parse("all"), Period(date(2024, 1, 1)),
...     Citation(act, heading="8703"))])
>>> @settings(max_examples=10, deadline=None)
... @given(entries(for_schedule=mine, complete=True))
... def test_vehicles_pay_two_and_a_half_percent_from_2024(entry):
...     in_force = entry.product.digits.startswith("87") and entry.on >= date(2024, 1, 1)
...     assert mine.resolve_entry(entry).rate == (Decimal("2.5") if in_force else None)
>>> test_vehicles_pay_two_and_a_half_percent_from_2024()
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal
from functools import cache

try:
    from hypothesis import strategies as st
    from hypothesis.strategies import SearchStrategy
except ImportError as e:  # pragma: no cover - only without the extra
    raise ImportError(
        "tariffcalc.testing needs Hypothesis; install the extra: pip install 'tariffcalc[testing]'"
    ) from e

from tariffcalc.citations import Citation, Confidence, Instrument
from tariffcalc.codes import ProductCode
from tariffcalc.countries import Country, CountryGroup, Membership, OriginScope, country_names
from tariffcalc.entries import Entry
from tariffcalc.measures import (
    Basis,
    Condition,
    ContentShare,
    ContentValue,
    InTransit,
    Measure,
    MeasureKind,
    NotIfClaimed,
    OnlyIfClaimed,
    Preference,
    ProductScope,
    Suspension,
    ValueLess,
    WholeValue,
)
from tariffcalc.periods import Period
from tariffcalc.rates import AdValorem, AllIn, Bounded, Compound, Free, NotComputable, OnContent, Rate, Specific
from tariffcalc.rules import Displacement, StackingRule
from tariffcalc.schedule import Schedule

__all__ = [
    "AWKWARD_DAYS",
    "CHAPTERS",
    "CLAIMS",
    "CONTENTS",
    "EXTRA_TAGS",
    "ORIGINS",
    "PREFIXES",
    "TAGS",
    "UNITS",
    "WINDOW",
    "ad_valorem_rates",
    "all_in_rates",
    "bases",
    "bounded_rates",
    "citations",
    "compound_rates",
    "conditions",
    "countries",
    "country_groups",
    "covered_codes",
    "days",
    "entries",
    "free_rates",
    "instruments",
    "measures",
    "not_computable_rates",
    "on_content_rates",
    "origin_scopes",
    "periods",
    "product_codes",
    "product_scopes",
    "rates",
    "schedules",
    "specific_rates",
    "stacking_rules",
    "suspensions",
]

#: The default window of days: wide enough for leap days and year ends.
WINDOW: tuple[date, date] = (date(2024, 1, 1), date(2026, 12, 31))

#: Days where off-by-one mistakes hide; tried before arbitrary days.
AWKWARD_DAYS: tuple[date, ...] = (
    date(2024, 2, 29),
    date(2024, 3, 1),
    date(2024, 12, 31),
    date(2025, 1, 1),
    date(2025, 4, 5),
    date(2025, 4, 9),
    date(2025, 4, 10),
    date(2025, 6, 4),
    date(2025, 12, 31),
    date(2026, 1, 1),
    date(2024, 1, 1),
    date(2026, 12, 31),
)

#: A small set of chapters, so that drawn measures and entries meet often.
CHAPTERS: tuple[str, ...] = ("87", "72", "73", "84", "01")
#: A small set of origins, for the same reason.
ORIGINS: tuple[str, ...] = ("JP", "CN", "DE", "GB", "CA", "MX", "VN", "CH")
#: Nested code prefixes that product scopes are drawn from.
PREFIXES: tuple[str, ...] = ("87", "8703", "8703.23", "8703.23.01", "8708", "72", "7208", "73", "7318", "84", "8471")
#: Units of quantity, in canonical spelling.
UNITS: tuple[str, ...] = ("kg", "liter", "No.", "doz", "m2", "pf.liter")
#: Declared contents, in canonical spelling.
CONTENTS: tuple[str, ...] = ("steel", "aluminum", "copper", "us")
#: Claims of programmes or exemptions.
CLAIMS: tuple[str, ...] = ("usmca", "au", "kr", "a+")
#: Stacking tags; each drawn set of rules puts them in a drawn order and only lets earlier ones displace later ones.
TAGS: tuple[str, ...] = ("s232-autos", "s232-metals", "fentanyl", "reciprocal", "s301")
#: Tags that no drawn stacking rule names (a measure's heading family, a deal).
EXTRA_TAGS: tuple[str, ...] = ("annex-i", "deal")

_GROUP_IDS = ("EU", "column2", "annex1")


# --- days and periods -------------------------------------------------------------


def days(min_value: date = WINDOW[0], max_value: date = WINDOW[1]) -> SearchStrategy[date]:
    """
    Days between *min_value* and *max_value* (both included), awkward days first.

    >>> from hypothesis import find
    >>> find(days(), lambda d: d.month == 2 and d.day == 29)
    datetime.date(2024, 2, 29)
    """
    return _days(min_value, max_value)


@cache
def _days(min_value: date, max_value: date) -> SearchStrategy[date]:
    awkward = [d for d in AWKWARD_DAYS if min_value <= d <= max_value]
    anyday = st.dates(min_value, max_value)
    return st.one_of(st.sampled_from(awkward), anyday) if awkward else anyday


@cache
def _lengths(max_days: int) -> SearchStrategy[int]:
    special = [n for n in (1, 28, 29, 90, 365, 366) if n <= max_days]
    return st.one_of(st.sampled_from(special), st.integers(1, max_days))


@st.composite
def periods(
    draw: st.DrawFn,
    min_start: date = WINDOW[0],
    max_start: date = WINDOW[1],
    *,
    max_days: int = 400,
    open_ended: bool | None = None,
) -> Period:
    """
    Periods starting between *min_start* and *max_start*: a start, then a
    positive length of at most *max_days* days, or no end when *open_ended*
    (``None``: either).
    """
    start = draw(days(min_start, max_start))
    is_open = draw(st.booleans()) if open_ended is None else open_ended
    if is_open:
        return Period(start)
    return Period(start, start + timedelta(days=draw(_lengths(max_days))))


def _within(validity: Period, max_days: int) -> SearchStrategy[Period]:
    """A period that starts inside *validity* and, when it ends, ends inside it too (or at its end)."""

    @st.composite
    def build(draw: st.DrawFn) -> Period:
        room = max_days if validity.end is None else (validity.end - validity.start).days
        offset = draw(st.integers(0, room - 1))
        start = validity.start + timedelta(days=offset)
        left = room - offset
        if validity.end is None and draw(st.booleans()):
            return Period(start)
        return Period(start, start + timedelta(days=draw(st.integers(1, left))))

    return build()


# --- codes and origins ----------------------------------------------------------------


@st.composite
def product_codes(
    draw: st.DrawFn,
    *,
    under: ProductCode | None = None,
    chapters: Sequence[str] | None = CHAPTERS,
    levels: Sequence[int] = (2, 4, 6, 8, 10),
) -> ProductCode:
    """
    Product codes of the given *levels* (number of digits): below *under*
    when given, else in one of *chapters* (``None``: any chapter).
    """
    prefix = under.digits if under is not None else draw(st.sampled_from(chapters)) if chapters else ""
    allowed = [n for n in levels if n >= max(len(prefix), 2)]
    length = draw(st.sampled_from(allowed or [10]))
    rest = draw(st.text("0123456789", min_size=length - len(prefix), max_size=length - len(prefix)))
    return ProductCode(prefix + rest)


def covered_codes(scope: ProductScope, *, chapters: Sequence[str] = CHAPTERS) -> SearchStrategy[ProductCode]:
    """
    Ten-digit codes that *scope* covers (never under one of its carve-outs).

    >>> from hypothesis import find
    >>> scope = ProductScope.parse("8703 -8703.23")
    >>> code = find(covered_codes(scope), lambda c: True)
    >>> scope.covers(code)
    True
    """
    starts = [p.digits for p in scope.include if scope.carve_out(p) is None]
    if scope.everything:
        starts = [c for c in chapters if not any(c.startswith(x.digits) for x in scope.exclude)] or [""]
    carve = [x.digits for x in scope.exclude]

    @st.composite
    def build(draw: st.DrawFn) -> ProductCode:
        code = draw(st.sampled_from(starts))
        while len(code) < 10:
            free = [d for d in "0123456789" if not any(code + d == x for x in carve)]
            code += draw(st.sampled_from(free))
        return ProductCode(code)

    if not starts:
        raise ValueError(f"product scope {scope} covers no code")
    return build()


def countries(among: Sequence[str] | None = None) -> SearchStrategy[Country]:
    """
    Countries: any of the ISO 3166-1 table, or only those *among* the given codes.

    >>> from hypothesis import find
    >>> find(countries(["JP", "CN"]), lambda c: c.code == "CN")
    Country(code='CN')
    """
    return _countries(None if among is None else tuple(among))


@cache
def _countries(among: tuple[str, ...] | None) -> SearchStrategy[Country]:
    codes = sorted(country_names()) if among is None else list(among)
    return st.sampled_from(codes).map(Country)


@st.composite
def country_groups(
    draw: st.DrawFn,
    *,
    ids: Sequence[str] = _GROUP_IDS,
    among: Sequence[str] = ORIGINS,
    min_day: date = WINDOW[0],
    max_day: date = WINDOW[1],
) -> CountryGroup:
    """Country groups with an id from *ids* and dated memberships of countries *among* the given ones."""
    group_id = draw(st.sampled_from(ids))
    members = draw(st.lists(countries(among), min_size=1, max_size=4, unique=True))
    memberships = []
    for country in members:
        # One or two consecutive stays, the second after a gap: never overlapping.
        first = draw(periods(min_day, max_day))
        memberships.append(Membership(country, first))
        if first.end is not None and draw(st.booleans()):
            gap = draw(st.integers(1, 60))
            again = first.end + timedelta(days=gap)
            memberships.append(Membership(country, draw(periods(again, max(again, max_day)))))
    return CountryGroup(group_id, f"group {group_id}", tuple(memberships))


@st.composite
def origin_scopes(draw: st.DrawFn, *, among: Sequence[str] = ORIGINS, group_ids: Sequence[str] = ()) -> OriginScope:
    """
    Origin scopes over the countries *among* and the groups *group_ids*:
    ``all`` with exclusions, or listed countries and groups with exclusions
    that are never also listed.
    """
    if draw(st.integers(0, 2)) != 0:
        excluded = draw(st.frozensets(countries(among), max_size=2))
        excluded_groups = draw(st.frozensets(st.sampled_from(group_ids), max_size=1)) if group_ids else frozenset()
        return OriginScope(True, excluded=excluded, excluded_groups=excluded_groups)
    groups: frozenset[str] = frozenset()
    if group_ids:
        groups = draw(st.frozensets(st.sampled_from(group_ids), max_size=2))
    listed = draw(st.frozensets(countries(among), min_size=0 if groups else 1, max_size=3))
    others = [c for c in among if Country(c) not in listed]
    excluded = draw(st.frozensets(countries(others), max_size=1)) if others and groups else frozenset()
    return OriginScope(False, listed, groups, excluded)


@st.composite
def product_scopes(draw: st.DrawFn, *, prefixes: Sequence[str] = PREFIXES) -> ProductScope:
    """
    Product scopes: ``all`` or a few include prefixes from *prefixes* (nested,
    so that measures meet), with carve-outs below them that never swallow an
    include prefix whole.
    """
    pool = [ProductCode.parse(p) for p in prefixes]
    if draw(st.integers(0, 2)) == 0:
        exclude = draw(st.lists(st.sampled_from([p for p in pool if p.level >= 4] or pool), max_size=2))
        return ProductScope((), exclude, True)
    include = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3))
    carve: list[ProductCode] = []
    for prefix in include:
        if prefix.level < 10 and draw(st.integers(0, 2)) == 0:
            levels = [n for n in (4, 6, 8, 10) if n > prefix.level]
            carve.append(draw(product_codes(under=prefix, levels=levels)))
    carve = [c for c in carve if not any(i.is_within(c) for i in include)]
    return ProductScope(tuple(include), tuple(carve))


# --- rates ------------------------------------------------------------------------------


def _amounts(max_value: int = 20000, places: int = 3) -> SearchStrategy[Decimal]:
    """Non-negative decimals with at most *places* decimal places, round numbers first."""
    return st.one_of(
        st.sampled_from([Decimal(0), Decimal(1), Decimal("2.5"), Decimal(10), Decimal(15), Decimal(25)]),
        st.integers(0, max_value * 10**places).map(lambda n: Decimal(n).scaleb(-places)),
    )


def free_rates() -> SearchStrategy[Free]:
    """``Free``."""
    return st.just(Free())


def ad_valorem_rates(max_percent: int = 200) -> SearchStrategy[AdValorem]:
    """Percentages from 0 to *max_percent*, with up to two decimals."""
    return _amounts(max_percent, 2).map(AdValorem)


def specific_rates(units: Sequence[str] = UNITS) -> SearchStrategy[Specific]:
    """Money per unit of quantity, in US dollars or another currency."""
    return st.builds(Specific, _amounts(50, 3), st.sampled_from(units), st.sampled_from(["USD", "USD", "EUR"]))


def on_content_rates(contents: Sequence[str] = CONTENTS) -> SearchStrategy[OnContent]:
    """An ad valorem rate on the value of one declared content."""
    return st.builds(OnContent, ad_valorem_rates(100), st.sampled_from(contents))


def compound_rates(units: Sequence[str] = UNITS, contents: Sequence[str] = CONTENTS) -> SearchStrategy[Compound]:
    """Sums of two or three ad valorem, specific, on-content or free parts."""
    part = st.one_of(ad_valorem_rates(), specific_rates(units), on_content_rates(contents), free_rates())
    return st.lists(part, min_size=2, max_size=3).map(lambda parts: Compound(tuple(parts)))


@st.composite
def bounded_rates(draw: st.DrawFn, units: Sequence[str] = UNITS) -> Bounded:
    """A rate with a minimum, a maximum or both."""
    simple = st.one_of(ad_valorem_rates(), specific_rates(units))
    bound = st.one_of(simple, st.lists(simple, min_size=2, max_size=2).map(lambda p: Compound(tuple(p))))
    rate = draw(bound)
    which = draw(st.sampled_from(["min", "max", "both"]))
    minimum = draw(bound) if which in ("min", "both") else None
    maximum = draw(bound) if which in ("max", "both") else None
    return Bounded(rate, minimum, maximum)


def all_in_rates() -> SearchStrategy[AllIn]:
    """All-in targets (15% first)."""
    return st.one_of(st.just(AllIn(15)), ad_valorem_rates(60).map(lambda r: AllIn(r.percent)))


_WORDS = st.sampled_from(["sliding", "scale", "see", "note", "2(a)", "per", "degree", "alcohol", "50%", "+"])


@st.composite
def not_computable_rates(draw: st.DrawFn) -> NotComputable:
    """Duties kept as text, with a one-line reason; the text may be empty."""
    reason = " ".join(draw(st.lists(_WORDS.filter(lambda w: w != "+"), min_size=1, max_size=3)))
    text = " ".join(draw(st.lists(_WORDS, max_size=4)))
    return NotComputable(reason, text)


def rates(
    *,
    all_in: bool = True,
    not_computable: bool = True,
    units: Sequence[str] = UNITS,
    contents: Sequence[str] = CONTENTS,
) -> SearchStrategy[Rate]:
    """
    A rate of any class: ``Free``, ``AdValorem``, ``Specific``, ``Compound``,
    ``Bounded``, ``OnContent``, and unless told otherwise ``NotComputable``
    and ``AllIn``.
    """
    return _rates(all_in, not_computable, tuple(units), tuple(contents))


@cache
def _rates(
    all_in: bool, not_computable: bool, units: tuple[str, ...], contents: tuple[str, ...]
) -> SearchStrategy[Rate]:
    choices: list[SearchStrategy[Rate]] = [
        free_rates(),
        ad_valorem_rates(),
        specific_rates(units),
        compound_rates(units, contents),
        bounded_rates(units),
        on_content_rates(contents),
    ]
    if not_computable:
        choices.append(not_computable_rates())
    if all_in:
        choices.append(all_in_rates())
    return st.one_of(choices)


# --- citations ----------------------------------------------------------------------


_MAYBE_SHIFT = st.none() | st.integers(-60, 60)
_MAYBE_PUBLISHED = st.none() | st.integers(1, 50000).map(lambda p: f"90 FR {p}")
_TITLES = st.sampled_from(["Reciprocal tariff", "Adjusting imports", "Guidance", "Tariff schedule"])
_KINDS = st.sampled_from(["EO", "Proclamation", "CSMS #", "HTS"])
_MAYBE_HEADING = st.none() | st.integers(0, 9999).map(lambda n: f"9903.{n // 100:02d}.{n % 100:02d}")
_MAYBE_SOURCE = st.none() | st.just("https://example.org/source")
_MAYBE_CONFIDENCE = st.none() | st.sampled_from(Confidence)
_NOTES = st.sampled_from(["", "a note"])


@st.composite
def instruments(draw: st.DrawFn) -> Instrument:
    """Legal instruments, some retroactive, some with a publication cite and a URL."""
    kind = draw(_KINDS)
    number = draw(st.integers(1, 99999))
    known_on = draw(days())
    shift = draw(_MAYBE_SHIFT)
    applies_from = None if shift is None else known_on + timedelta(days=shift)
    published = draw(_MAYBE_PUBLISHED)
    url = f"https://example.org/{number}" if draw(st.booleans()) else None
    title = draw(_TITLES)
    return Instrument(f"{kind} {number}", title, known_on, applies_from, published, url)


@st.composite
def citations(draw: st.DrawFn) -> Citation:
    """Citations: an instrument, maybe a Chapter 99 heading, a source, a confidence mark."""
    heading = draw(_MAYBE_HEADING)
    source = draw(_MAYBE_SOURCE)
    confidence = draw(_MAYBE_CONFIDENCE)
    return Citation(draw(_INSTRUMENTS), heading, source, confidence, draw(_NOTES))


_INSTRUMENTS = instruments()
_CITATIONS = citations()


# A few varied citations, for values where the citation is not what is tested:
# drawing a whole citation for every part of a schedule makes schedules too big.
_ACTS = (
    Instrument("EO 14257", "Reciprocal tariff", date(2025, 4, 2), None, "90 FR 15041", "https://example.org/eo14257"),
    Instrument("EO 14345", "Japan agreement", date(2025, 9, 4), date(2025, 8, 7)),
    Instrument("HTS 2025", "Harmonized Tariff Schedule", date(2025, 1, 1)),
)
_FEW_CITATIONS = st.sampled_from(
    [
        Citation(_ACTS[0], "9903.01.25", None, Confidence.C2),
        Citation(_ACTS[1], "9903.02.73", "https://example.org/source", Confidence.U, "retroactive"),
        Citation(_ACTS[2]),
    ]
)
_MAYBE_CITATION = st.none() | _FEW_CITATIONS
_TAG_SETS = st.frozensets(st.sampled_from(TAGS), max_size=2)
# Up to two tags that rules may name, plus maybe one that no rule names (a heading family, a deal).
_SCHEDULE_TAG_SETS = st.builds(
    lambda ruled, extra: ruled | ({extra} if extra is not None else set()),
    st.frozensets(st.sampled_from(TAGS), max_size=2),
    st.none() | st.sampled_from(EXTRA_TAGS),
)


# --- measures -----------------------------------------------------------------------------


def bases(contents: Sequence[str] = CONTENTS) -> SearchStrategy[Basis]:
    """``value``, ``content:NAME`` or ``value-less:NAME`` (with an optional minimum share)."""
    return st.one_of(
        st.just(WholeValue()),
        st.sampled_from(contents).map(ContentValue),
        st.builds(ValueLess, st.sampled_from(contents), st.none() | st.integers(1, 100).map(Decimal)),
    )


@st.composite
def conditions(draw: st.DrawFn, *, claims: Sequence[str] = CLAIMS) -> Condition:
    """
    Claim conditions, content thresholds and in-transit windows (loaded
    before a day, entered before a later one).
    """
    which = draw(st.sampled_from(["not-if", "only-if", "in-transit", "content-share"]))
    citation = draw(_MAYBE_CITATION)
    if which == "not-if":
        return NotIfClaimed(draw(st.sampled_from(claims)), citation)
    if which == "only-if":
        return OnlyIfClaimed(draw(st.sampled_from(claims)), citation)
    if which == "content-share":
        return ContentShare(draw(st.sampled_from(CONTENTS)), draw(st.integers(1, 100)), draw(st.booleans()), citation)
    loaded_before = draw(days())
    return InTransit(loaded_before, loaded_before + timedelta(days=draw(_lengths(120))), citation)


@st.composite
def _preferences(
    draw: st.DrawFn, claims: Sequence[str], rate: SearchStrategy[Rate] | None = None
) -> tuple[Preference, ...]:
    chosen = draw(st.lists(st.sampled_from(claims), unique=True, max_size=2))
    the_rate = _PREFERENCE_RATES if rate is None else rate
    return tuple(Preference(c, draw(the_rate)) for c in chosen)


_PREFERENCE_RATES: SearchStrategy[Rate] = st.one_of(free_rates(), ad_valorem_rates(20), specific_rates())


def _measure_ids() -> SearchStrategy[str]:
    return st.builds(
        lambda a, n: f"{a}.{n}", st.sampled_from(["mfn", "us.reciprocal", "s232", "m"]), st.integers(0, 999)
    )


@st.composite
def measures(
    draw: st.DrawFn,
    *,
    kind: MeasureKind | None = None,
    id: str | None = None,  # the measure's own field name
    rate: SearchStrategy[Rate] | None = None,
    products: SearchStrategy[ProductScope] | None = None,
    origins: SearchStrategy[OriginScope] | None = None,
    validity: SearchStrategy[Period] | None = None,
    basis: SearchStrategy[Basis] | None = None,
    tags: SearchStrategy[frozenset[str]] | None = None,
    citation: SearchStrategy[Citation] | None = None,
    group_ids: Sequence[str] = (),
    with_conditions: bool = True,
) -> Measure:
    """
    Base and additional measures (*kind* ``None``: either). Each part can
    be given as a strategy; by default base measures charge a non-all-in
    rate on the whole value and may carry preferences, and additional ones
    have any rate, basis and tags. Origins refer only to *group_ids*.
    """
    kind = draw(st.sampled_from(MeasureKind)) if kind is None else kind
    base = kind is MeasureKind.BASE
    measure_id = draw(_measure_ids()) if id is None else id
    the_rate = draw(rate if rate is not None else rates(all_in=not base))
    the_basis = WholeValue() if base else draw(basis if basis is not None else bases())
    the_tags = draw(tags if tags is not None else _TAG_SETS)
    return Measure(
        id=measure_id,
        title=f"measure {measure_id}",
        kind=kind,
        rate=the_rate,
        products=draw(products if products is not None else product_scopes()),
        origins=draw(origins if origins is not None else origin_scopes(group_ids=group_ids)),
        validity=draw(validity if validity is not None else periods()),
        citation=draw(citation if citation is not None else _CITATIONS),
        basis=the_basis,
        conditions=tuple(draw(_CONDITION_LISTS)) if with_conditions else (),
        tags=frozenset() if base else the_tags,
        preferences=draw(_preferences(CLAIMS, rate)) if base else (),
    )


@st.composite
def suspensions(
    draw: st.DrawFn,
    for_measures: Sequence[Measure],
    *,
    id: str | None = None,  # the suspension's own field name
    replacement: bool | None = None,
    rate: SearchStrategy[Rate] | None = None,
    citation: SearchStrategy[Citation] | None = None,
    max_days: int = 200,
) -> Suspension:
    """
    A suspension of one of *for_measures* (and of any others its period
    also meets), starting inside the first one's validity, with a
    replacement rate (drawn from *rate*, by default any but all-in) when
    *replacement* (``None``: maybe).
    """
    first = draw(st.sampled_from(list(for_measures)))
    period = draw(_within(first.validity, max_days))
    others = [m for m in for_measures if m.id != first.id and m.validity.overlaps(period)]
    more = draw(st.lists(st.sampled_from(others), unique_by=lambda m: m.id, max_size=2)) if others else []
    with_replacement = draw(st.booleans()) if replacement is None else replacement
    return Suspension(
        id=draw(st.integers(0, 999).map(lambda n: f"suspension.{n}")) if id is None else id,
        measures=frozenset([first.id, *(m.id for m in more)]),
        period=period,
        citation=draw(_CITATIONS if citation is None else citation),
        replacement=draw(rates(all_in=False) if rate is None else rate) if with_replacement else None,
    )


@st.composite
def stacking_rules(
    draw: st.DrawFn,
    tags: Sequence[str] = TAGS,
    *,
    max_rules: int = 4,
    validity: SearchStrategy[Period] | None = None,
) -> tuple[StackingRule, ...]:
    """
    Stacking rules that cannot form a cycle: the *tags* are put in a drawn
    order and a rule only ever lets an earlier tag displace a later one.
    Their validity comes from *validity* (by default any period).
    """
    order = draw(st.permutations(list(tags)))
    pairs = [(a, b) for i, a in enumerate(order) for b in order[i + 1 :]]
    chosen = draw(st.lists(st.sampled_from(pairs), max_size=max_rules)) if pairs else []
    return tuple(
        StackingRule(
            id=f"rule.{n}",
            when=when,
            drops=drops,
            displaces=draw(st.sampled_from(Displacement)),
            validity=draw(periods() if validity is None else validity),
            citation=draw(_FEW_CITATIONS),
        )
        for n, (when, drops) in enumerate(chosen)
    )


# --- schedules and entries ------------------------------------------------------------------


_CONDITION_LISTS = st.lists(conditions(), max_size=2)
_STARTS = st.sampled_from([0, 0, 1, 30]) | st.integers(0, 60)
_GAPS = st.sampled_from([0, 0, 1, 30])
_CHAIN_LENGTHS = st.one_of(st.sampled_from([1, 29, 90, 365, 366]), st.integers(30, 400))
_FAMILY_KINDS = st.sampled_from([MeasureKind.BASE, MeasureKind.ADDITIONAL, MeasureKind.ADDITIONAL])


@st.composite
def _chain(draw: st.DrawFn, count: int, anchor: date) -> list[Period]:
    """*count* periods one after the other from near *anchor*, each starting on or after the previous end."""
    chain = []
    start = anchor + timedelta(days=draw(_STARTS))
    for n in range(count):
        last = n == count - 1
        if last and draw(st.booleans()):
            chain.append(Period(start))
            break
        end = start + timedelta(days=draw(_CHAIN_LENGTHS))
        chain.append(Period(start, end))
        start = end + timedelta(days=draw(_GAPS))
    return chain


def _acyclic(rules: Sequence[StackingRule], tag_sets: set[frozenset[str]]) -> tuple[StackingRule, ...]:
    """
    The *rules*, less each one that would let measures displace each other
    in a circle. Tags are acyclic by construction, but a measure carries all
    its tags at once: under rules a -> b and c -> d, measures tagged {a, d}
    and {b, c} displace each other, and so do two measures tagged {a, b}.
    Checked on the tag sets the measures carry, whatever the rules' dates.
    """
    nodes = sorted(tag_sets, key=sorted)
    kept: list[StackingRule] = []
    for rule in rules:
        trial = [*kept, rule]
        edges = {
            i: {j for j, u in enumerate(nodes) for r in trial if r.when in t and r.drops in u}
            for i, t in enumerate(nodes)
        }
        if not _has_cycle(edges):
            kept.append(rule)
    return tuple(kept)


def _has_cycle(edges: dict[int, set[int]]) -> bool:
    """Whether the directed graph has a cycle (a node pointing at itself counts)."""
    state: dict[int, int] = {}  # 1 on the path, 2 done

    def visit(node: int) -> bool:
        state[node] = 1
        for nxt in edges[node]:
            if state.get(nxt) == 1 or (nxt not in state and visit(nxt)):
                return True
        state[node] = 2
        return False

    return any(node not in state and visit(node) for node in edges)


def _no_all_in(rate: Rate) -> Rate:
    """An all-in rate becomes the ad valorem rate of its target (where all-in is not allowed)."""
    return AdValorem(rate.target) if isinstance(rate, AllIn) else rate


@st.composite
def schedules(
    draw: st.DrawFn,
    *,
    name: str = "drawn",
    max_families: int = 6,
    rate: SearchStrategy[Rate] | None = None,
    basis: SearchStrategy[Basis] | None = None,
    with_rules: bool = True,
    with_suspensions: bool = True,
    with_groups: bool = True,
    with_conditions: bool = True,
) -> Schedule:
    """
    Valid schedules. Measures come in *families* (same kind, product scope,
    basis and tags) whose validities follow one another, so no two of one
    family overlap; ids are unique; each suspension starts inside the
    validity of a measure it suspends, and those of one measure never
    overlap; stacking rules come from :func:`stacking_rules` among the
    :data:`TAGS` the measures carry (a schedule refuses a rule naming a tag
    that no measure carries, so fewer than two such tags means no rules), less any
    that would let two measures displace each other in a circle through
    the several tags they carry; origin scopes name only the drawn groups.
    There is always at least one base measure.

    *rate* and *basis* replace the strategies of every measure's rate
    (except all-in on base measures), of preferences and of replacement
    rates, and of additional measures' bases.
    """
    groups = draw(st.lists(country_groups(), unique_by=lambda g: g.id, max_size=2)) if with_groups else []
    group_ids = [g.id for g in groups]
    families = draw(st.integers(1, max_families))
    anchor = draw(days(WINDOW[0], WINDOW[1] - timedelta(days=400)))
    all_measures: list[Measure] = []
    seen: set[tuple[object, ...]] = set()
    for f in range(families):
        kind = MeasureKind.BASE if f == 0 else draw(_FAMILY_KINDS)
        base = kind is MeasureKind.BASE
        scope = draw(product_scopes())
        the_basis = WholeValue() if base else draw(basis if basis is not None else bases())
        the_tags: frozenset[str] = frozenset() if base else draw(_SCHEDULE_TAG_SETS)
        key = (kind, scope, the_basis, the_tags)
        if key in seen:
            continue
        seen.add(key)
        for n, validity in enumerate(draw(_chain(draw(st.integers(1, 3)), anchor))):
            rate_strategy = rate.map(_no_all_in) if rate is not None and base else rate
            all_measures.append(
                draw(
                    measures(
                        kind=kind,
                        id=f"{'base' if base else 'add'}.{f}.{n}",
                        rate=rate_strategy,
                        products=st.just(scope),
                        validity=st.just(validity),
                        basis=st.just(the_basis),
                        tags=st.just(the_tags),
                        citation=_FEW_CITATIONS,
                        group_ids=group_ids,
                        with_conditions=with_conditions,
                    )
                )
            )
    all_suspensions: list[Suspension] = []
    rate_strategy_no_all_in = rate.map(_no_all_in) if rate is not None else rates(all_in=False)
    maybe_replacement = st.none() | rate_strategy_no_all_in
    if with_suspensions:
        for m in all_measures:
            if draw(st.integers(0, 2)) != 0:
                continue
            # Suspensions of one measure, cut out of its validity one after the other.
            room = m.validity
            for k in range(draw(st.integers(1, 2))):
                period = draw(_within(room, 200))
                replacement = draw(maybe_replacement)
                all_suspensions.append(
                    Suspension(f"susp.{m.id}.{k}", frozenset([m.id]), period, draw(_FEW_CITATIONS), replacement)
                )
                if period.end is None or period.end == room.end:
                    break
                room = Period(period.end, room.end)
        untouched = [m for m in all_measures if not any(m.id in s.measures for s in all_suspensions)]
        if len(untouched) > 1 and draw(st.booleans()):
            # One suspension of several measures at once, as EO 14266 paused every Annex I rate.
            all_suspensions.append(
                draw(suspensions(untouched, id="susp.shared", rate=rate_strategy_no_all_in, citation=_FEW_CITATIONS))
            )
    rules: tuple[StackingRule, ...] = ()
    if with_rules:
        # Rules only between the tags the measures carry (a schedule refuses a rule naming a tag
        # no measure carries), mostly in force from before the measures start.
        used = sorted({t for m in all_measures for t in m.tags if t in TAGS})
        since = st.one_of(
            periods(anchor - timedelta(days=60), anchor, open_ended=True),
            periods(anchor - timedelta(days=60), anchor + timedelta(days=200)),
        )
        if len(used) > 1:
            drawn = draw(stacking_rules(used, validity=since))
            rules = _acyclic(drawn, {m.tags for m in all_measures})
    return Schedule(name, all_measures, rules=rules, suspensions=all_suspensions, groups=groups)


def _rate_needs(rate: Rate | None, units: set[str], contents: set[str]) -> None:
    if isinstance(rate, Specific):
        units.add(rate.unit)
    elif isinstance(rate, OnContent):
        contents.add(rate.content)
    elif isinstance(rate, Compound):
        for part in rate.parts:
            _rate_needs(part, units, contents)
    elif isinstance(rate, Bounded):
        for bound in (rate.rate, rate.minimum, rate.maximum):
            _rate_needs(bound, units, contents)


def _needs(schedule: Schedule | None) -> tuple[list[str], list[str]]:
    """The units of quantity and the contents that the schedule's duties may ask for."""
    if schedule is None:
        return list(UNITS), list(CONTENTS)
    units: set[str] = set()
    contents: set[str] = set()
    for m in schedule.measures:
        _rate_needs(m.rate, units, contents)
        for p in m.preferences:
            _rate_needs(p.rate, units, contents)
        if isinstance(m.basis, ContentValue | ValueLess):
            contents.add(m.basis.content)
    for s in schedule.suspensions:
        _rate_needs(s.replacement, units, contents)
    return sorted(units), sorted(contents)


def _near(period: Period) -> SearchStrategy[date]:
    """Days in or around *period*, its boundaries first."""
    edges = [d + timedelta(days=k) for d in period.boundaries() for k in (-1, 0)]
    inside = _within(period, 120).map(lambda p: p.start)
    return st.one_of(st.sampled_from(edges), inside, days())


def _cents(low: int, high: int) -> SearchStrategy[Decimal]:
    return st.one_of(
        st.sampled_from([Decimal(100), Decimal(10), Decimal(40000)]),
        st.integers(low, high).map(lambda n: Decimal(n).scaleb(-2)),
    )


@st.composite
def entries(
    draw: st.DrawFn,
    *,
    for_schedule: Schedule | None = None,
    complete: bool | None = None,
    on: SearchStrategy[date] | None = None,
    among: Sequence[str] = ORIGINS,
    loaded: bool | None = None,
) -> Entry:
    """
    Entries: mostly of a product that some measure of *for_schedule*
    reaches, from an origin *among* the given ones, on a day from *on*.
    With *complete* every fact a duty of the schedule may need is given
    (customs value, every quantity, every content); otherwise some may be
    left out (``None``: either). Contents never add up to more than the
    value, and the goods are never loaded after they are entered. With
    *loaded* false there is no loading day; true, there always is one.
    Claims are words the schedule knows (its
    :attr:`~tariffcalc.Schedule.vocabulary`; :data:`CLAIMS` without a
    schedule), so that :meth:`~tariffcalc.Schedule.resolve_entry` accepts them.
    """
    measures_ = sorted(for_schedule.measures, key=lambda m: m.id) if for_schedule is not None else []
    if measures_ and draw(st.integers(0, 9)) != 0:
        measure = draw(st.sampled_from(measures_))
        product = draw(covered_codes(measure.products))
        near = _near(measure.validity)
        listed = sorted(c.code for c in measure.origins.countries if c.code in among)
        origin = draw(countries(listed) if bool(listed) and draw(st.booleans()) else countries(among))
    else:
        product = draw(product_codes(levels=(10,)))
        near = days()
        origin = draw(countries(among))
    day = draw(on if on is not None else near)
    full = draw(st.booleans()) if complete is None else complete
    units, contents = _needs(for_schedule)
    value = draw(_cents(0, 10**8)) if full or draw(st.booleans()) else None
    quantities = {u: draw(_amounts(5000, 3)) for u in units if full or draw(st.booleans())}
    declared: dict[str, Decimal] = {}
    share_left = 100
    for c in contents:
        if not (full or draw(st.booleans())):
            continue
        share = draw(st.integers(0, share_left))
        share_left -= share
        worth = (value if value is not None else Decimal(100)) * share / 100
        declared[c] = worth.quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    with_loading = draw(st.booleans()) if loaded is None else loaded
    loading = day - timedelta(days=draw(_lengths(120) | st.just(0))) if with_loading else None
    known = sorted(for_schedule.vocabulary.claims) if for_schedule is not None else list(CLAIMS)
    claims = draw(st.frozensets(st.sampled_from(known), max_size=2)) if known else frozenset()
    return Entry(product, origin, day, value, tuple(quantities.items()), tuple(declared.items()), loading, claims)
