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

IEEPA_END = "2026-02-24"  # later facts s.1.3

# (measure id, rate, validity, Chapter 99 heading, confidence): the measures of this topic against the facts and
# the HTS 2025 Rev 32 headings. test_us2025_facts.py counts these rows as checked.
MEASURES = [
    # later facts s.3.3: Brazil 40% from 6 Aug 2025 (9903.01.77); exemptions .79 donations, .80 informational,
    # .81 Annex I, .82 civil aircraft; 20 Nov 2025 agricultural lift retroactive to 13 Nov (.81, .90)
    ("us.ieepa.br.40", "40%", f"2025-08-06/{IEEPA_END}", "9903.01.77", "C2"),
    ("us.ieepa.br.exempt.donations", "Free", f"2025-08-06/{IEEPA_END}", "9903.01.79", "C2"),
    ("us.ieepa.br.exempt.informational", "Free", f"2025-08-06/{IEEPA_END}", "9903.01.80", "C1"),
    ("us.ieepa.br.exempt.annex-i", "Free", f"2025-08-06/{IEEPA_END}", "9903.01.81", "C2"),
    ("us.ieepa.br.exempt.agriculture", "Free", f"2025-11-13/{IEEPA_END}", "9903.01.81", "C2"),
    ("us.ieepa.br.exempt.particular-articles", "Free", f"2025-11-13/{IEEPA_END}", "9903.01.90", "C2"),
    ("us.ieepa.br.exempt.civil-aircraft", "Free", f"2025-08-06/{IEEPA_END}", "9903.01.82", "C2"),
    # later facts s.3.4: India 25% from 27 Aug 2025, removed from 7 Feb 2026 (9903.01.84); .86 Annex II goods
    # (following note 2(v)(iii) and its changes, later facts s.3.1, s.3.2: the additions are U), .88, .89
    ("us.ieepa.in.25", "25%", "2025-08-27/2026-02-07", "9903.01.84", "C2"),
    ("us.ieepa.in.exempt.annex-ii", "Free", "2025-08-27/2026-02-07", "9903.01.86", "C2"),
    ("us.ieepa.in.exempt.annex-ii.until-eo14346", "Free", "2025-08-27/2025-09-08", "9903.01.86", "C2"),
    ("us.ieepa.in.exempt.annex-ii.wood", "Free", "2025-08-27/2025-10-14", "9903.01.86", "C1"),
    ("us.ieepa.in.exempt.annex-ii.eo14346", "Free", "2025-09-08/2026-02-07", "9903.01.86", "U"),
    ("us.ieepa.in.exempt.annex-ii.agriculture", "Free", "2025-11-13/2026-02-07", "9903.01.86", "U"),
    ("us.ieepa.in.exempt.donations", "Free", "2025-08-27/2026-02-07", "9903.01.88", "C2"),
    ("us.ieepa.in.exempt.informational", "Free", "2025-08-27/2026-02-07", "9903.01.89", "C1"),
    # facts s.6, later facts s.3.8: Canadian energy 10% (9903.01.13, list C1) and potash 10% (9903.01.15; its
    # 4-6 March heading U) from 4 March 2025; USMCA exempt from 7 March; transshipment 40% (9903.01.16) from 1 Aug
    ("us.ieepa.ca.energy.10", "10%", "2025-03-04/2025-03-07", "9903.01.13", "C1"),
    ("us.ieepa.ca.energy.10-usmca", "10%", f"2025-03-07/{IEEPA_END}", "9903.01.13", "C1"),
    ("us.ieepa.ca.potash.10", "10%", "2025-03-04/2025-03-07", "9903.01.13", "U"),
    ("us.ieepa.ca.potash.10-usmca", "10%", f"2025-03-07/{IEEPA_END}", "9903.01.15", "C2"),
    ("us.ieepa.ca.transship.40", "40%", f"2025-08-01/{IEEPA_END}", "9903.01.16", "C2"),
    # facts s.6: Mexican non-USMCA potash 10% from 7 March 2025 (9903.01.05), kept after July (later facts s.3.8)
    ("us.ieepa.mx.potash.10-usmca", "10%", f"2025-03-07/{IEEPA_END}", "9903.01.05", "C2"),
    # HTS 2025 Rev 32: donations and informational-materials headings of the three fentanyl duties
    ("us.ieepa.cn.exempt.donations", "Free", f"2025-02-04/{IEEPA_END}", "9903.01.21", "C2"),
    ("us.ieepa.cn.exempt.informational", "Free", f"2025-02-04/{IEEPA_END}", "9903.01.22", "C1"),
    ("us.ieepa.ca.exempt.donations", "Free", f"2025-03-04/{IEEPA_END}", "9903.01.11", "C2"),
    ("us.ieepa.ca.exempt.informational", "Free", f"2025-03-04/{IEEPA_END}", "9903.01.12", "C1"),
    ("us.ieepa.mx.exempt.donations", "Free", f"2025-03-04/{IEEPA_END}", "9903.01.02", "C2"),
    ("us.ieepa.mx.exempt.informational", "Free", f"2025-03-04/{IEEPA_END}", "9903.01.03", "C1"),
]

S232_TAGS = ("s232-steel", "s232-aluminum", "s232-copper", "s232-auto", "s232-wood", "s232-truck", "s232-semi")
CONTENT_LINES = {"s232-steel", "s232-aluminum", "s232-copper"}  # charged on a metal content: slice

# (rule id, when, drops, displaces, validity); test_us2025_facts.py counts these rows as checked.
RULES = [
    ("eo14323.exemptions", "ieepa-br-exempt", "ieepa-br", "entry", f"2025-08-06/{IEEPA_END}"),
    *[
        (f"eo14323.{t}", t, "ieepa-br", "slice" if t in CONTENT_LINES else "entry", f"2025-08-06/{IEEPA_END}")
        for t in S232_TAGS
    ],
    ("eo14329.exemptions", "ieepa-in-exempt", "ieepa-in", "entry", "2025-08-27/2026-02-07"),
    *[
        (f"eo14329.{t}", t, "ieepa-in", "slice" if t in CONTENT_LINES else "entry", "2025-08-27/2026-02-07")
        for t in S232_TAGS
    ],
    ("eo14193.energy-potash-at-10", "ieepa-ca-energy", "ieepa-ca-general", "entry", f"2025-03-04/{IEEPA_END}"),
    ("eo14325.transship-over-general", "ieepa-transship", "ieepa-ca-general", "entry", f"2025-08-01/{IEEPA_END}"),
    ("eo14325.transship-over-energy", "ieepa-transship", "ieepa-ca-energy", "entry", f"2025-08-01/{IEEPA_END}"),
    ("eo14194.potash-at-10", "ieepa-mx-potash", "ieepa-mx-general", "entry", f"2025-03-07/{IEEPA_END}"),
    ("eo14195.exemptions", "ieepa-cn-exempt", "ieepa-cn", "entry", f"2025-02-04/{IEEPA_END}"),
    ("eo14193.exemptions", "ieepa-ca-exempt", "ieepa-ca", "entry", f"2025-03-04/{IEEPA_END}"),
    ("eo14194.exemptions", "ieepa-mx-exempt", "ieepa-mx", "entry", f"2025-03-04/{IEEPA_END}"),
]


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
