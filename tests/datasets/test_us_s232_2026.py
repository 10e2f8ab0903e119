"""
Section 232 from late 2025 to June 2026 on the packaged us-2025 schedule: the
full-value metals regime of 6 April 2026 and its 8 June 2026 changes, the UK
metals headings of 2025, Korean and Taiwanese autos, and heading 8471 on the
auto-parts list.

Sources: docs/sources/us-2025-26-later-facts.md s.2.6, s.2.7, s.3.5, s.10.4-10.6;
U.S. notes 16 and 33 of HTS 2026 Rev 6; the Chapter 99 headings of HTS 2025 Rev 32
and 2026 Rev 10. MFN rates from HTS 2026 Rev 10 (unchanged from 2025 Rev 32 for
these lines): 7318.15.20 Free, 7208.10.15 Free, 8504.34.00 1.6%, 8433.51.00 Free,
8429.51.10 Free, 8504.34.00 column 2 35%, 8708.99.81 2.5%, 8708.10.30 2.5%, 8703.23.01 2.5%, 8471.30.01 Free.
Every example is worth 10,000.

Section 122 (10% from 24 February 2026, later facts s.1.5) is in these totals
where it applies: not on the value that pays Section 232 (so a metals-annex
article from 6 April 2026 pays none, later facts s.4), but on the non-metal
value of a content-based line before 6 April, and on an article outside the
metals tariffs (under 15% metal by weight).
Bumpers of 8708.10.30 are on the MHDV parts list too (U.S. note 38(i)): the car
part examples claim not-mhdv-part (9903.74.11), as an importer of a car part does.

The hand-worked entries are rows of ``tests/data/worked/s232_2026.toml``, checked by
``test_worked_examples.py``.
"""

from __future__ import annotations

import pytest

from tariffcalc import Measure
from tariffcalc.datasets import us2025_data

# The facts of this topic's measures and rules, each row citing its source, are rows of tests/data/facts/s232_2026.toml,
# checked by test_us2025_facts.py.


@pytest.fixture(scope="module")
def measures() -> dict[str, Measure]:
    return {m.id: m for m in us2025_data().measures}


def test_the_content_based_metal_duties_end_on_6_april_2026(measures: dict[str, Measure]) -> None:
    """Later facts s.2.6: every s232-steel / s232-aluminum measure stops when the full-value regime starts
    (or earlier: the 2018 regime on 12 March 2025, facts s.4 and later facts s.10.9; the 25% rate on 4 June 2025)."""
    old = [m for m in measures.values() if m.tags & {"s232-steel", "s232-aluminum"}]
    assert old
    assert {str(m.validity).split("/")[1] for m in old if m.validity.end is not None} | {"2026-04-06"} == {
        "2025-03-12",
        "2025-06-04",
        "2026-04-06",
    }
    assert all(m.validity.end is not None for m in old)


def test_uk_metal_headings_are_the_uk_ones(measures: dict[str, Measure]) -> None:
    """Later facts s.10.6: UK steel 9903.81.94-.99, UK aluminium 9903.85.12-.15 (2025)."""
    uk = [m for m in measures.values() if m.tags & {"s232-steel", "s232-aluminum"} and str(m.origins) == "GB"]
    assert len(uk) == 14
    for m in uk:
        heading = m.citation.heading or ""
        steel = "s232-steel" in m.tags
        assert ("9903.81.94" <= heading <= "9903.81.99") if steel else ("9903.85.12" <= heading <= "9903.85.15"), m.id


def test_8471_is_out_of_every_default_parts_measure(measures: dict[str, Measure]) -> None:
    """A laptop is not a car part: every auto-parts measure over the list carves 8471 out, and its twin needs the claim."""
    from tariffcalc import ProductCode

    laptop = ProductCode.parse("8471.30.01.00")
    for m in measures.values():
        if "s232-auto" in m.tags and m.products.covers(laptop) and m.id != "us.s232.auto-parts.offset":
            assert m.id.startswith("us.s232.auto-parts.8471"), m.id
            assert any(getattr(c, "claim", None) == "auto-part" for c in m.conditions), m.id
