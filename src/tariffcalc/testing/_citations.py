"""
Strategies for legal instruments and citations.

The package :mod:`tariffcalc.testing` re-exports the public strategies;
import them from there. Names without an underscore that it does not
re-export are shared by its modules only.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from tariffcalc.citations import Citation, Confidence, Instrument
from tariffcalc.testing._dates import days
from tariffcalc.testing._memo import memoised

__all__ = ["citations", "instruments"]

_MAYBE_SHIFT = st.none() | st.integers(-60, 60)
_MAYBE_PUBLISHED = st.none() | st.integers(1, 50000).map(lambda p: f"90 FR {p}")
_TITLES = st.sampled_from(["Reciprocal tariff", "Adjusting imports", "Guidance", "Tariff schedule"])
_KINDS = st.sampled_from(["EO", "Proclamation", "CSMS #", "HTS"])
_MAYBE_HEADING = st.none() | st.integers(0, 9999).map(lambda n: f"9903.{n // 100:02d}.{n % 100:02d}")
_MAYBE_SOURCE = st.none() | st.just("https://example.org/source")
_MAYBE_CONFIDENCE = st.none() | st.sampled_from(Confidence)
_NOTES = st.sampled_from(["", "a note"])


@memoised
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


@memoised
@st.composite
def citations(draw: st.DrawFn) -> Citation:
    """Citations: an instrument, maybe a Chapter 99 heading, a source, a confidence mark."""
    heading = draw(_MAYBE_HEADING)
    source = draw(_MAYBE_SOURCE)
    confidence = draw(_MAYBE_CONFIDENCE)
    return Citation(draw(_INSTRUMENTS), heading, source, confidence, draw(_NOTES))


_INSTRUMENTS = instruments()
#: Any citation (one strategy object, shared by every strategy that draws one).
DRAWN_CITATIONS = citations()


# A few varied citations, for values where the citation is not what is tested:
# drawing a whole citation for every part of a schedule makes schedules too big.
_ACTS = (
    Instrument("EO 14257", "Reciprocal tariff", date(2025, 4, 2), None, "90 FR 15041", "https://example.org/eo14257"),
    Instrument("EO 14345", "Japan agreement", date(2025, 9, 4), date(2025, 8, 7)),
    Instrument("HTS 2025", "Harmonized Tariff Schedule", date(2025, 1, 1)),
)
FEW_CITATIONS = st.sampled_from(
    [
        Citation(_ACTS[0], "9903.01.25", None, Confidence.C2),
        Citation(_ACTS[1], "9903.02.73", "https://example.org/source", Confidence.U, "retroactive"),
        Citation(_ACTS[2]),
    ]
)
MAYBE_CITATION = st.none() | FEW_CITATIONS
