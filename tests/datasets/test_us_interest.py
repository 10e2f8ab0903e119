"""
Refund interest under 19 U.S.C. 1505(c) (tariffcalc.us.interest), worked by hand from
docs/sources/us-fees-facts.md s.5 ("fees facts"): from the deposit to liquidation,
at each calendar quarter's overpayment rate, 365-day year, days [deposit, liquidation).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tariffcalc.citations import Confidence
from tariffcalc.errors import InvalidEntryError
from tariffcalc.us.interest import refund_interest, us_interest

D = Decimal


@pytest.mark.parametrize(
    ("corporate", "compounding", "expected"),
    [
        # Fees facts s.5.5: $100,000 deposited 1 Jul 2025, reliquidated 31 Mar 2026: 273 days,
        # every quarter at 6% corporate / 7% non-corporate (s.5.3, Q3 2025-Q1 2026).
        (True, "simple", D("4487.67")),  # 100,000 x 0.06 x 273/365 = 4487.671
        (True, "daily", D("4589.50")),  # 100,000 x ((1 + 0.06/365)^273 - 1) = 4589.50
        (False, "simple", D("5235.62")),  # 100,000 x 0.07 x 273/365 = 5235.616
        (False, "daily", D("5374.57")),  # 100,000 x ((1 + 0.07/365)^273 - 1) = 5374.57
    ],
)
def test_the_worked_example_of_the_fees_facts(corporate: bool, compounding: str, expected: Decimal) -> None:
    i = refund_interest(D("100000"), date(2025, 7, 1), date(2026, 3, 31), corporate=corporate, compounding=compounding)
    assert expected == i.amount
    assert 273 == sum(p.days for p in i.periods)
    assert () == i.missing


def test_interest_over_a_quarter_boundary_takes_each_quarters_rate() -> None:
    # Deposited 1 Mar 2026, liquidated 30 Apr 2026 (fees facts s.5.3): Q1 2026 at 7% (FR Doc 2026-01175)
    # for 1-31 Mar = 31 days: 100,000 x 0.07 x 31/365 = 594.5205; Q2 2026 at 6% (implied, [U]) for
    # 1-29 Apr = 29 days: 100,000 x 0.06 x 29/365 = 476.7123; together 1071.2329 -> 1071.23.
    i = refund_interest(D("100000"), date(2026, 3, 1), date(2026, 4, 30))
    assert [(date(2026, 3, 1), 31, D("7")), (date(2026, 4, 1), 29, D("6"))] == [
        (p.start, p.days, p.percent) for p in i.periods
    ]
    assert D("1071.23") == i.amount
    assert any("2026-04-01 (6%) is not confirmed" in w for w in i.warnings)
    # Corporate: 31 days at 6% = 509.5890, 29 days at 5% [U] = 397.2603; 906.8493 -> 906.85.
    assert D("906.85") == refund_interest(D("100000"), date(2026, 3, 1), date(2026, 4, 30), corporate=True).amount


def test_a_quarter_without_a_sourced_rate_is_a_missing_fact() -> None:
    # Fees facts s.5.3: Q3 and Q4 2026 "not found".
    i = refund_interest(D("1000"), date(2026, 6, 1), date(2026, 10, 15))
    assert i.amount is None
    assert (
        "the 19 U.S.C. 1505 overpayment interest rate for the quarter from 2026-07-01",
        "the 19 U.S.C. 1505 overpayment interest rate for the quarter from 2026-10-01",
    ) == i.missing
    assert "not computable: needs the 19 U.S.C. 1505 overpayment interest rate" in i.explain()


def test_the_rates_carry_the_facts_marks() -> None:
    # Fees facts s.5.3: Q1 2025 and Q1 2026 [C], Q2-Q4 2025 [S], Q2 2026 overpayment [U].
    marks = {str(r.quarter): r.citation.confidence for r in us_interest().rates}
    assert Confidence.C2 == marks["2025-01-01"] == marks["2026-01-01"]
    assert Confidence.C1 == marks["2025-07-01"]
    assert Confidence.U == marks["2026-04-01"]


def test_no_days_no_interest_and_impossible_dates_refused() -> None:
    assert D("0.00") == refund_interest(D("500"), date(2025, 5, 1), date(2025, 5, 1)).amount
    with pytest.raises(InvalidEntryError, match="cannot come before the deposit"):
        refund_interest(D("500"), date(2025, 5, 2), date(2025, 5, 1))
