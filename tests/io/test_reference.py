"""
A :class:`~tariffcalc.io.ratetext.Reference` is its own value, not a rate:
its text reads back to an equal reference, however it was made, and a text
that does not name its targets is refused.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tariffcalc.errors import RateTextError
from tariffcalc.io.ratetext import Reference, ReferredPreference, is_computable, parse_rate_text, parse_special_text
from tariffcalc.rates import Rate

_PAIR = st.integers(0, 99).map(lambda n: f"{n:02d}")
_HEADING = st.integers(101, 9999).map(lambda n: f"{n:04d}")


@st.composite
def codes(draw: st.DrawFn) -> str:
    """A dotted HTS code of 6, 8 or 10 digits."""
    return draw(_HEADING) + "".join("." + draw(_PAIR) for _ in range(draw(st.integers(1, 3))))


@st.composite
def targets(draw: st.DrawFn) -> str:
    """A code or a range START-END of codes of one length."""
    start = draw(codes())
    if not draw(st.booleans()):
        return start
    end = draw(codes().filter(lambda c: len(c) == len(start)))
    return f"{start}-{end}"


@st.composite
def reference_texts(draw: st.DrawFn) -> str:
    """The forms in which the HTS refers to other lines."""
    if draw(st.booleans()):
        many = draw(st.lists(targets(), min_size=1, max_size=4))
        joiner = draw(st.sampled_from([", ", " and ", " or ", ","]))
        return "See " + joiner.join(many) + draw(st.sampled_from(["", "."]))
    prefix = draw(st.sampled_from(["The rate applicable to ", "The rate of duty applicable to subheading "]))
    return prefix + draw(codes()) + draw(st.sampled_from(["", "."]))


@given(reference_texts())
def test_a_parsed_reference_reads_back_from_its_text(text: str) -> None:
    ref = parse_rate_text(text)

    assert isinstance(ref, Reference)
    assert parse_rate_text(str(ref)) == ref


@given(st.lists(targets(), min_size=1, max_size=4))
def test_a_made_reference_reads_back_from_its_text(names: list[str]) -> None:
    ref = Reference(names)

    assert parse_rate_text(str(ref)) == ref
    assert ref.targets == tuple(names)


def test_a_reference_is_not_a_rate() -> None:
    ref = parse_rate_text("The rate applicable to 1701.14.10")

    assert not isinstance(ref, Rate)
    assert ref == Reference(("1701.14.10",), "The rate applicable to 1701.14.10")
    assert not is_computable(ref)


def test_a_special_grant_that_refers_is_a_referred_preference() -> None:
    (grant,) = parse_special_text("See 9822.04.10 (AU)").preferences

    assert ReferredPreference("au", Reference(("9822.04.10",))) == grant


@pytest.mark.parametrize(
    ("targets", "text"),
    [
        (("9822.04.10",), "See 9822.04.11"),
        (("9822.04.10",), "the rate of 9822.04.10"),
        (("9822.04.10",), "See  9822.04.10"),
        (("nine",), None),
    ],
)
def test_a_text_that_does_not_name_the_targets_is_refused(targets: tuple[str, ...], text: str | None) -> None:
    with pytest.raises(RateTextError, match="is not the text of a reference"):
        Reference(targets) if text is None else Reference(targets, text)
