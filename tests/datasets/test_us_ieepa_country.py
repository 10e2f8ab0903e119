"""
The country IEEPA duties besides the reciprocal tariff, August 2025 to their
end: Brazil's 40% (EO 14323), India's 25% (EO 14329), the Canada/Mexico
energy and potash rates and Canada's transshipment rate, and China's
fentanyl duty around its cut on 10 November 2025.

Sources: ``docs/sources/us-2025-26-later-facts.md`` s.3.3 (Brazil), s.3.4
(India), s.3.8 (Canada, Mexico), s.3.9 (China), s.1.3 (the end on 24 February
2026); ``docs/sources/us-2025-facts.md`` s.6; the Chapter 99 headings of HTS
2025 Revision 32 (``tests/data/hts/``), which the data files cite. MFN rates
are read from HTS 2025 Revision 32: 9403.60.80 Free, 0901.11.00 Free,
4702.00.00 Free, 7208.51.00 Free, 7326.90.86 2.9%, 8807.30.00 Free,
4901.99.00 Free, 8703.23.01 2.5%, 6109.10.00 16.5%, 3004.20.00 Free,
0902.30.00 Free, 2709.00.20 10.5 cents/bbl, 3104.20.00 Free.

The reciprocal duty on these goods is another topic's (``ieepa-reciprocal.toml``):
Brazil's is 10% (the baseline 9903.01.25, or the EO 14326 heading 9903.02.09
once that file has it), so the Brazil examples check totals, not the
reciprocal heading. India's 25% (9903.02.26) may not be in the data yet: the
India examples then check every line but that one (``check_india``).

The hand-worked entries are rows of ``tests/data/worked/ieepa_country.toml``, checked by
``test_worked_examples.py``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tariffcalc import Country, Measure
from tariffcalc.datasets import load_schedule, us2025_data

# The facts of this topic's measures and rules, each row citing its source, are rows of tests/data/facts/ieepa_country.toml,
# checked by test_us2025_facts.py.


@pytest.fixture(scope="module")
def measures() -> dict[str, Measure]:
    return {m.id: m for m in us2025_data().measures}


def test_the_china_duty_covers_hong_kong_not_macau(measures: dict[str, Measure]) -> None:
    """HTS 2025 Rev 32 9903.01.20-.24: 'articles the product of China and Hong Kong' (Macau is not named)."""
    for mid in ("us.ieepa.fentanyl.cn.10", "us.ieepa.fentanyl.cn.20", "us.ieepa.fentanyl.cn.10-from-2025-11-10"):
        origins = measures[mid].origins
        assert {Country("CN"), Country("HK")} == set(origins.countries), mid


def test_the_peer_lists_were_cut_to_the_printed_note(measures: dict[str, Measure]) -> None:
    """Annex I (9903.01.81) holds neither the civil-aircraft provisions nor the particular articles of .90."""
    annex = set(measures["us.ieepa.br.exempt.annex-i"].products.include)
    agriculture = set(measures["us.ieepa.br.exempt.agriculture"].products.include)
    aircraft = set(measures["us.ieepa.br.exempt.civil-aircraft"].products.include)
    particular = set(measures["us.ieepa.br.exempt.particular-articles"].products.include)
    assert (129, 240, 565, 11) == (len(annex), len(agriculture), len(aircraft), len(particular))
    assert not (annex | agriculture) & (aircraft | particular)
    assert not {str(c) for c in annex | agriculture | aircraft} & {"9014.80.50", "9031.49.40", "9802.00.91"}


def test_no_country_ieepa_duty_from_24_february_2026() -> None:
    """Later facts s.1.3: from 24 Feb 2026 no IEEPA line for Brazilian, Indian, Canadian, Mexican or Chinese goods."""
    us = load_schedule("us-2025")
    for origin in ("BR", "IN", "CA", "MX", "CN", "HK"):
        before = us.resolve("6109.10.00.12", origin, date(2026, 2, 23), value=10000)
        after = us.resolve("6109.10.00.12", origin, date(2026, 2, 24), value=10000)
        assert [line for line in before.lines if line.measure.id.startswith("us.ieepa.")], origin
        assert not [line for line in after.lines if line.measure.id.startswith("us.ieepa.")], origin
        assert Decimal("1650.00") == next(line.amount for line in after.lines if line.heading == "6109.10.00.12")
