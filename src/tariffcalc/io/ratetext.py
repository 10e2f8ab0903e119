"""
The rate texts of the US Harmonized Tariff Schedule, read into rate objects.

The USITC export writes each rate as free text: ``6.8%``, ``1.5¢/kg + 5%``,
``3.7¢/kg on drained weight``, ``$1.61 each + 4.4% on the case and strap,
band or bracelet``, ``Free (A+,AU,BH,...) 2.7% (JP)``, and a tail of prose
(``The rate applicable to each garment in the ensemble if separately
entered``). This module turns every such text into the rate classes of
:mod:`tariffcalc.rates`:

>>> parse_rate_text("1.5¢/kg + 5%")
Compound(parts=(Specific(amount=Decimal('0.015'), unit='kg', currency='USD'), AdValorem(percent=Decimal('5'))))
>>> parse_rate_text("3.7¢/kg on drained weight")
Specific(amount=Decimal('0.037'), unit='kg drained weight', currency='USD')
>>> parse_rate_text("6% on the case")
OnContent(rate=AdValorem(percent=Decimal('6')), content='case')

What it cannot compute becomes :class:`~tariffcalc.rates.NotComputable`
with the reason and the original text, never a zero:

>>> parse_rate_text("See additional U.S. note 3")
NotComputable(reason='rate set out in a U.S. note', text='See additional U.S. note 3')

Chapter 99 texts are formulas on top of "the applicable subheading"; they
parse to :class:`Chapter99Formula`, which is reported, not applied:

>>> parse_rate_text("The duty provided in the applicable subheading + 25%")
Chapter99Formula(addition=AdValorem(percent=Decimal('25')), basis_content=None, text='The duty provided in the applicable subheading + 25%', subheadings=())

Special-column texts give one :class:`~tariffcalc.measures.Preference` per
programme code. The claim is the code in lower case (``A+`` → ``a+``,
``AU`` → ``au``, ``JP`` → ``jp``), except for the two USMCA codes: the HTS
writes ``S`` (USMCA) and ``S+`` (USMCA goods under subchapter XXIII of
Chapter 98), and both become the claim ``usmca``, the word the rest of
tariffcalc uses for that agreement. A text never lists both on one line in
the three revisions we ship; if one did, the two rates must agree or the
claim becomes not computable.

>>> parse_special_text("Free (A+,AU,S) 2.7% (JP)").preferences
(Preference(claim='a+', rate=Free()), Preference(claim='au', rate=Free()), Preference(claim='usmca', rate=Free()), Preference(claim='jp', rate=AdValorem(percent=Decimal('2.7'))))

Conventions worth knowing:

- ``¢`` amounts become dollars exactly (``1.5¢`` → ``Decimal('0.015')``).
- ``33 1/3%`` (84 column-2 lines) is one third of 100, which no finite
  decimal holds: it is kept to 28 significant digits, so amounts are exact
  to the cent for any value below 10**20 dollars.
- A qualifier joins the unit: ``/kg on drained weight`` is the unit
  ``kg drained weight``, ``/t, including weight of container`` is
  ``t including weight of container``; the entry must give that quantity.
- ``Free, under bond, ...`` and other ``Free`` texts followed by a condition
  read as :class:`~tariffcalc.rates.Free`: the rate is free, the condition
  (a bond, a period the Treasury prescribes) is the importer's to meet, as
  with preference claims.
- ``6.5% on the entire set`` and ``5% on the full value of the imported
  article`` are ad valorem on the whole customs value.
- Line-break hyphenation and a few typos in the export (``$/thou- sand``,
  ``m2of``, ``thebattery``, ``weght``) are repaired before reading; a
  :class:`NotComputable` keeps the original text (whitespace collapsed).
"""

from __future__ import annotations

import decimal as _decimal
import re
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache

import attrs

from tariffcalc.codes import ProductCode
from tariffcalc.errors import RateTextError
from tariffcalc.measures import Preference, normalise_claim
from tariffcalc.rates import (
    AdValorem,
    Compound,
    Free,
    NotComputable,
    OnContent,
    Rate,
    Specific,
    decimal,
    normalise_content,
    normalise_unit,
)

__all__ = [
    "PROGRAMME_CLAIMS",
    "REASONS",
    "Chapter99Formula",
    "Reference",
    "ReferredPreference",
    "SpecialRates",
    "is_computable",
    "parse_rate_text",
    "parse_special_text",
    "programme_claim",
]

# --- reasons a text is not computable (the keys of the coverage report) ------

SUGAR = "sugar sliding scale by polarity degree"
NAMED_ELSEWHERE = "rate of another article or provision, not named by line number"
SUCH_SUBHEADING = "rate of the subheading named in the description"
US_NOTE = "rate set out in a U.S. note"
CHAPTER_98 = "Chapter 98 duty on a value the text describes"
CAPPED = "duty capped at the duty on the complete movement"
UNRECOGNISED = "unrecognised rate text"
MISSING_TARGET = "reference to a line that is not in this revision"
NO_GRANT = "referenced line grants this programme no rate"
TIERS = "referenced lines give different rates (quota tiers)"
CHAINED = "referenced line's own rate is not computable"
CONFLICT = "programme listed twice with different rates"
NO_RATE = "no General rate on the line or its parent"
NO_OTHER = "no column 2 (Other) rate on the line or its parent"

#: Every reason this module and :mod:`tariffcalc.io.hts` give for a
#: :class:`~tariffcalc.rates.NotComputable`.
REASONS: tuple[str, ...] = (
    SUGAR,
    NAMED_ELSEWHERE,
    SUCH_SUBHEADING,
    US_NOTE,
    CHAPTER_98,
    CAPPED,
    UNRECOGNISED,
    MISSING_TARGET,
    NO_GRANT,
    TIERS,
    CHAINED,
    CONFLICT,
    NO_RATE,
    NO_OTHER,
)

# --- values this module adds to the rate classes --------------------------------


def _dotted_codes(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _reference_targets(text: str) -> tuple[str, ...] | None:
    """The lines a rate text refers to (``See 9822.04.10``), ``None`` if it is no such reference."""
    m = _SEE_CODES.match(_repair(text)) or _RATE_OF_CODE.match(_repair(text))
    return None if m is None else _split_codes(m["codes"])


def _default_reference_text(ref: Reference) -> str:
    return "See " + ", ".join(ref.targets)


def _reference_text(ref: Reference, _attribute: attrs.Attribute[str], text: str) -> None:
    if not isinstance(text, str) or text != _collapse(text) or _reference_targets(text) != ref.targets:
        raise RateTextError(
            f"{text!r} is not the text of a reference to {', '.join(ref.targets)}; "
            f"write it as the HTS does, e.g. 'See {ref.targets[0] if ref.targets else '9822.04.10'}' "
            "or 'The rate applicable to 1701.14.10'"
        )


@attrs.frozen
class Reference:
    """
    A rate text that gives no rate but refers to other HTS lines for it
    (``See 9822.04.25``, ``The rate applicable to 1701.14.10``). ``targets``
    are the dotted codes or ranges ``START-END`` it names, in its order;
    ``text`` is the text as the HTS prints it (whitespace collapsed),
    ``See TARGETS`` when not given.

    It is not a rate: :mod:`tariffcalc.io.hts` follows it inside the
    revision and replaces it by the rate it finds, or by a
    :class:`~tariffcalc.rates.NotComputable` saying why not; it never
    reaches a measure. Its text reads back to an equal reference.

    >>> ref = parse_rate_text("See 9823.08.01-9823.08.38")
    >>> ref.targets
    ('9823.08.01-9823.08.38',)
    >>> ref.covers(ProductCode.parse("9823.08.05")), ref.covers(ProductCode.parse("9823.09.01"))
    (True, False)
    >>> str(Reference(["9822.04.10", "9822.04.12"]))
    'See 9822.04.10, 9822.04.12'
    >>> parse_rate_text(str(ref)) == ref
    True
    """

    targets: tuple[str, ...] = attrs.field(converter=_dotted_codes)
    text: str = attrs.field(default=attrs.Factory(_default_reference_text, takes_self=True), validator=_reference_text)

    def covers(self, code: ProductCode) -> bool:
        """Whether *code* is one of the targets, inside a target range, or below a target."""
        for target in self.targets:
            start, _, end = target.partition("-")
            low = ProductCode.parse(start).digits
            high = ProductCode.parse(end).digits if end else low
            digits = code.digits[: len(low)]
            if low <= digits <= high:
                return True
        return False

    def __str__(self) -> str:
        return self.text


@attrs.frozen
class Chapter99Formula:
    """
    A Chapter 99 rate text: the duty of "the applicable subheading" (the
    ordinary line of the goods) plus an ``addition``, charged on the whole
    value or, with ``basis_content``, on the value of one content (steel,
    aluminum, copper, ``non-us``). ``addition=None`` is a pass-through
    (``The duty provided in the applicable subheading``, ``No change``).
    ``subheadings`` lists the lines a text names instead of "the applicable
    subheading".

    It is reported (which heading adds what), not applied: Chapter 99
    measures are written by hand with their legal conditions.

    >>> f = parse_rate_text("The duty provided in the applicable subheading + a duty of 50% upon the value of the steel content.")
    >>> f.addition, f.basis_content
    (AdValorem(percent=Decimal('50')), 'steel')
    >>> str(f)
    'the applicable subheading + 50% on the steel content'
    >>> str(parse_rate_text("No change"))
    'the applicable subheading'
    """

    addition: Rate | None
    basis_content: str | None = None
    text: str = ""
    subheadings: tuple[str, ...] = attrs.field(default=(), converter=_dotted_codes)

    def __str__(self) -> str:
        base = ("subheadings " + ", ".join(self.subheadings)) if self.subheadings else "the applicable subheading"
        if self.addition is None:
            return base
        on = f" on the {self.basis_content} content" if self.basis_content else ""
        return f"{base} + {self.addition}{on}"


@attrs.frozen
class ReferredPreference:
    """
    A programme's grant in a Special text that names other lines instead of
    a rate (``See 9822.04.10 (AU)``): the importer follows the
    :class:`Reference` and turns it into a
    :class:`~tariffcalc.measures.Preference` with the rate it finds.

    >>> parse_special_text("See 9822.04.10 (AU)").preferences
    (ReferredPreference(claim='au', reference=Reference(targets=('9822.04.10',), text='See 9822.04.10')),)
    """

    claim: str = attrs.field(converter=normalise_claim)
    reference: Reference


#: What a Special text grants one programme: a rate, or a reference to other lines' rates.
Grant = Preference | ReferredPreference


def _preferences(values: Iterable[Grant]) -> tuple[Grant, ...]:
    return tuple(values)


@attrs.frozen
class SpecialRates:
    """
    What a Special-column text grants: one preference per programme code
    (a :class:`ReferredPreference` where the text names other lines), and, for the few texts without a programme list (``Free`` on some
    Chapter 98 lines, Chapter 99 formulas), the rate they print.

    >>> parse_special_text("Free").unlisted
    Free()
    >>> len(parse_special_text("Free (A+,AU,BH,CL,CO,D,E,IL,JO,KR,MA,OM,P,PA,PE,S,SG)").preferences)
    17
    """

    preferences: tuple[Grant, ...] = attrs.field(default=(), converter=_preferences)
    unlisted: Rate | Chapter99Formula | Reference | None = None


def is_computable(rate: Rate | Chapter99Formula | Reference | None) -> bool:
    """
    Whether *rate* can give an amount from the facts of an entry (no
    :class:`~tariffcalc.rates.NotComputable` inside, and not an unresolved
    :class:`Reference`).

    >>> is_computable(parse_rate_text("5% + 2¢/kg")), is_computable(parse_rate_text("See additional U.S. note 1"))
    (True, False)
    """
    if rate is None:
        return True
    if isinstance(rate, NotComputable | Reference):
        return False
    if isinstance(rate, Chapter99Formula):
        return is_computable(rate.addition)
    if isinstance(rate, Compound):
        return all(is_computable(p) for p in rate.parts)
    return True


# --- normalising the text -----------------------------------------------------------

# Artefacts of the export, repaired before reading (never in the kept text).
_REPAIRS = (
    (re.compile(r"thou- sand"), "thousand"),
    (re.compile(r"m2of\b"), "m2 of"),
    (re.compile(r"\bthebattery\b"), "the battery"),
    (re.compile(r"\bweght\b"), "weight"),
    (re.compile(r"\binthe\b"), "in the"),
    (re.compile(r"\boralterations\b"), "or alterations"),
    (re.compile(r"(?<=[a-z])- (?=[a-z])"), ""),  # other line-break hyphenation: appli- cable
    (re.compile(r"(?<![\d.])(\d{2})\.(\d{2})\.(\d{2})\.(\d{2})(?![\d.])"), r"\1\2.\3.\4"),  # 99.19.04.14
    (re.compile(r"\s*/\s*$"), ""),  # "37% /"
    (re.compile(r"\s*/\s*"), "/"),  # ¢ /kg, ¢/ liter, /line/ gross
    (re.compile(r"\s*\+\s*"), " + "),  # 39.9¢/kg +6%, weight+45%
    (re.compile(r"\bplus\b"), "+"),
)


def _collapse(text: str) -> str:
    return " ".join(str(text).split())


def _repair(text: str) -> str:
    for pattern, replacement in _REPAIRS:
        text = pattern.sub(replacement, text)
    return _collapse(text)


# --- the grammar -----------------------------------------------------------------------

_NUM = r"\d+(?:\.\d+)?"
_CODE = r"\d{4}(?:\.\d{2}){1,3}"
_CODES = rf"{_CODE}(?:-{_CODE})?(?:(?:, | and | or |,){_CODE}(?:-{_CODE})?)*"

_AD_VALOREM = re.compile(rf"^({_NUM})(?: (\d+)/(\d+))?%$")
_PERCENT_OF = re.compile(rf"^({_NUM}) percent of (?:the )?(?:such )?(.+)$")
_ON_BASIS = re.compile(rf"^({_NUM})% on (.+)$")
_SPECIFIC = re.compile(rf"^(?:\$({_NUM})|({_NUM})¢)(.*)$")
_UNIT_AND_QUALIFIER = re.compile(r"^(?P<unit>.+?)(?:,? (?P<q>(?:on|of|including|over) .+))?$")

_FORMULA = re.compile(r"^The duty provided (?:for )?in the applicable subheading(?: \+ (?P<add>.+?))?\.?$")
_NAMED_FORMULA = re.compile(
    rf"^The duty provided (?:for )?in subheadings? (?P<codes>{_CODES})(?: \+ (?P<add>.+?))?\.?$"
)
_CONTENT_ADDITION = re.compile(rf"^a duty of ({_NUM})% upon the value of the (.+?) content$")
_NO_CHANGE = re.compile(r"^no change\.?$", re.IGNORECASE)
_FREE = re.compile(r"^Free(?:$|\s*[,(])")
_SEE_CODES = re.compile(rf"^See (?P<codes>{_CODES})\.?$")
_RATE_OF_CODE = re.compile(rf"^The rate (?:of duty )?applicable to (?:subheading |heading )?(?P<codes>{_CODE})\.?$")

# Bases of "N% on ..." that are the whole customs value.
_WHOLE_VALUE = frozenset({"entire set", "full value of the imported article"})

_THIRDS = _decimal.Context(prec=28)


def _split_codes(text: str) -> tuple[str, ...]:
    return tuple(c for c in re.split(r", | and | or |,", text) if c)


def _cents(number: str) -> Decimal:
    return decimal(Decimal(number).scaleb(-2))


def _basis(text: str) -> str | None:
    """The content an ``N% on ...`` term is charged on, or ``None`` for the whole value."""
    basis = re.sub(r"^the ", "", text)
    basis = re.sub(r"^value of (?:the )?", "", basis)
    basis = re.sub(r", if any$", "", basis)
    basis = re.sub(r" content$", "", basis)
    if basis in _WHOLE_VALUE:
        return None
    return normalise_content(basis)


def _specific(dollars: str | None, cents: str | None, rest: str) -> Rate | None:
    amount = decimal(dollars) if dollars is not None else _cents(cents or "0")
    if rest == " each":
        return Specific(amount, "each")
    if not rest.startswith("/"):
        return None
    m = _UNIT_AND_QUALIFIER.match(rest[1:])
    if m is None:  # pragma: no cover - the pattern matches any non-empty text
        return None
    base = m["unit"].strip()
    unit = normalise_unit(base)
    if m["q"]:
        qualifier = re.sub(r"^(?:on|of) ", "", m["q"])
        unit = f"{unit} {qualifier}"
    return Specific(amount, unit)


def _term(text: str) -> Rate | None:
    if text == "Free":
        return Free()
    if m := _AD_VALOREM.match(text):
        percent = Decimal(m[1])
        if m[2]:
            percent = _THIRDS.add(percent, _THIRDS.divide(Decimal(m[2]), Decimal(m[3])))
        return AdValorem(percent)
    if m := _PERCENT_OF.match(text):
        return OnContent(AdValorem(m[1]), normalise_content(m[2]))
    if m := _ON_BASIS.match(text):
        basis = _basis(m[2])
        return AdValorem(m[1]) if basis is None else OnContent(AdValorem(m[1]), basis)
    if m := _SPECIFIC.match(text):
        return _specific(m[1], m[2], m[3])
    return None


def _sum(text: str) -> Rate | None:
    terms = [_term(t) for t in text.split(" + ")]
    if not terms or any(t is None for t in terms):
        return None
    parts = [t for t in terms if t is not None]
    return parts[0] if len(parts) == 1 else Compound(tuple(parts))


def _formula(text: str, original: str) -> Chapter99Formula | None:
    named: tuple[str, ...] = ()
    m = _FORMULA.match(text)
    if m is None:
        m = _NAMED_FORMULA.match(text)
        if m is None:
            return None
        named = _split_codes(m["codes"])
    addition_text = m["add"]
    if addition_text is None:
        return Chapter99Formula(None, None, original, named)
    if c := _CONTENT_ADDITION.match(addition_text):
        content = normalise_content(c[2])
        return Chapter99Formula(AdValorem(c[1]), "non-us" if content == "non-u.s." else content, original, named)
    addition = _sum(re.sub(r"^a duty of ", "", addition_text))
    if addition is None:
        addition = NotComputable(UNRECOGNISED, addition_text)
    return Chapter99Formula(addition, None, original, named)


@lru_cache(maxsize=8192)
def _parse(original: str) -> Rate | Chapter99Formula | Reference:
    text = _repair(original)
    if not text:
        raise RateTextError("an empty rate text has no rate; leave the column out instead")
    if _NO_CHANGE.match(text):
        return Chapter99Formula(None, None, original)
    if text.startswith("The duty provided"):
        formula = _formula(text, original)
        if formula is not None:
            return formula
    if _FREE.match(text):
        return Free()
    if "for each degree" in text:
        return NotComputable(SUGAR, original)
    if "but if consisting in part of a plate" in text:
        return NotComputable(CAPPED, original)
    if m := _SEE_CODES.match(text) or _RATE_OF_CODE.match(text):
        return Reference(_split_codes(m["codes"]), original)
    if re.search(r"\bnote\b", text, re.IGNORECASE) and text.startswith("See"):
        return NotComputable(US_NOTE, original)
    if "such subheading" in text:
        return NotComputable(SUCH_SUBHEADING, original)
    if text.startswith(("The rate", "The duty")):
        return NotComputable(NAMED_ELSEWHERE, original)
    if text.startswith("A duty"):
        return NotComputable(CHAPTER_98, original)
    rate = _sum(text)
    if rate is None:
        return NotComputable(UNRECOGNISED, original)
    return rate


def parse_rate_text(text: str) -> Rate | Chapter99Formula | Reference:
    """
    Read one General or Other (column 2) rate text of the HTS, or one rate
    group of a Special text.

    >>> parse_rate_text("$1.61 each + 4.4% on the case and strap, band or bracelet")
    Compound(parts=(Specific(amount=Decimal('1.61'), unit='No.', currency='USD'), OnContent(rate=AdValorem(percent=Decimal('4.4')), content='case-and-strap')))
    >>> parse_rate_text("33 1/3%")
    AdValorem(percent=Decimal('33.33333333333333333333333333'))
    >>> parse_rate_text("The rate applicable to the natural juice in heading 2009").reason
    'rate of another article or provision, not named by line number'

    An empty text raises :class:`~tariffcalc.errors.RateTextError`: a blank
    column has no rate, it is not a zero.
    """
    if not isinstance(text, str):
        raise RateTextError(f"a rate text is a string such as '6.8%', got {text!r}")
    return _parse(_collapse(text))


# --- the Special column --------------------------------------------------------------------

# A programme list: capital codes with their + and * suffixes, separated by
# commas (the export also has "E IL" and ".OM"), with an optional trailing comma.
_PROGRAMMES = re.compile(r"\(\s*([A-Z][A-Z+*]*(?:\s*[,.\s]\s*\.?[A-Z][A-Z+*]*)*)\s*,?\s*\)")

#: HTS programme codes whose claim is not simply the code in lower case.
PROGRAMME_CLAIMS = {"S": "usmca", "S+": "usmca"}


def programme_claim(code: str) -> str:
    """
    The claim that asks for a Special-column programme.

    >>> programme_claim("A+"), programme_claim("AU"), programme_claim("S"), programme_claim("S+")
    ('a+', 'au', 'usmca', 'usmca')
    """
    code = code.strip()
    return PROGRAMME_CLAIMS.get(code, normalise_claim(code))


def _group_rate(text: str) -> Rate | Reference:
    value = parse_rate_text(text)
    if isinstance(value, Chapter99Formula):
        # "The duty provided in the applicable subheading (CA, MX)": a Chapter 99
        # pass-through inside a programme list; not a rate of its own.
        return NotComputable(NAMED_ELSEWHERE, _collapse(text))
    return value


_DOUBLED_LIST = re.compile(r"\(([A-Z][A-Z+*]*) \(\1\)")  # "(PA (PA)" in 0402.10.50


@lru_cache(maxsize=4096)
def _parse_special(text: str) -> SpecialRates:
    text = _DOUBLED_LIST.sub(r"(\1)", text)
    groups: list[tuple[str, list[str]]] = []
    position = 0
    for m in _PROGRAMMES.finditer(text):
        rate_text = text[position : m.start()].strip()
        codes = [c for c in re.split(r"[\s,.]+", m[1]) if c]
        if not rate_text and groups:
            # "(A,B) (C)": a second list continuing the previous group.
            groups[-1][1].extend(codes)
        else:
            groups.append((rate_text, codes))
        position = m.end()
    tail = text[position:].strip()
    if not groups:
        return SpecialRates(unlisted=parse_rate_text(text))
    if tail:
        # Text after the last programme list grants nothing to a programme;
        # keep it, unread, as the last group's rate would be a guess.
        groups.append((tail, []))

    by_claim: dict[str, Rate | Reference] = {}
    for rate_text, codes in groups:
        if not codes:
            continue
        rate = _group_rate(rate_text) if rate_text else NotComputable(UNRECOGNISED, text)
        for code in codes:
            claim = programme_claim(code)
            if claim in by_claim and by_claim[claim] != rate:
                by_claim[claim] = NotComputable(CONFLICT, text)
            else:
                by_claim.setdefault(claim, rate)
    preferences = tuple(
        ReferredPreference(claim, rate) if isinstance(rate, Reference) else Preference(claim, rate)
        for claim, rate in by_claim.items()
    )
    return SpecialRates(preferences)


def parse_special_text(text: str) -> SpecialRates:
    """
    Read a Special-column text: rate groups, each followed by the programme
    codes in parentheses that it applies to.

    >>> special = parse_special_text("Free (BH,CL,CO,JO,KR,MA,OM,P,P+,PE,SG) 10.9¢/kg (PA) See 9822.04.10 (AU)")
    >>> [(p.claim, str(p.rate)) for p in special.preferences[-3:-1]]
    [('sg', 'Free'), ('pa', '$0.109/kg')]
    >>> special.preferences[-1]
    ReferredPreference(claim='au', reference=Reference(targets=('9822.04.10',), text='See 9822.04.10'))

    A text without a programme list (``Free`` on some Chapter 98 lines, the
    Chapter 99 formulas) is kept in :attr:`SpecialRates.unlisted`.
    """
    if not isinstance(text, str):
        raise RateTextError(f"a Special text is a string such as 'Free (A,AU)', got {text!r}")
    collapsed = _collapse(text)
    if not collapsed:
        return SpecialRates()
    return _parse_special(collapsed)
