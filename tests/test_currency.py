"""Money knows its currency: specific duties in another currency are converted at a rate the user gives."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tariffcalc.entries import Entry
from tariffcalc.errors import InvalidEntryError, InvalidRateError, MissingFact, MissingFactError
from tariffcalc.rates import Bounded, Compound, Conversion, Exchange, Rate, Specific

KG = {"kg": Decimal(100)}
# The rate of the problem as first reported: 12% + 1.2 EUR/kg on a value of 1000 and 100 kg, which
# once gave 240.00 by adding euros to dollars. The conversion rates below are made up for these tests.
EUR_RATE = Rate.parse("12% + 1.2 EUR/kg")


def test_a_euro_duty_in_a_dollar_entry_is_a_missing_fact_not_a_sum() -> None:
    with pytest.raises(MissingFactError) as e:
        EUR_RATE.amount(Decimal(1000), KG)
    assert (MissingFact.conversion("EUR", "USD"),) == e.value.missing
    assert "conversion rate of EUR to USD" in str(e.value)


def test_one_conversion_for_the_entry() -> None:
    # 12% of 1000 = 120; 1.2 EUR x 1.05 = 1.26 USD/kg x 100 kg = 126; total 246.
    rate = Conversion("EUR", "1.05", date(2025, 8, 1))
    assert Decimal("246") == EUR_RATE.amount(Decimal(1000), KG, exchange=Exchange("USD", (rate,), on=date(2025, 8, 1)))


def test_a_dated_table_uses_the_latest_rate_on_or_before_the_entry_date() -> None:
    # Table: 1.00 from 1 Jul, 1.10 from 1 Aug, 1.20 from 1 Sep 2025. Entered 15 Aug: 1.10, so
    # 1.2 x 1.10 x 100 = 132 + 120 = 252. Entered 30 Jun: no rate yet, a missing fact.
    table = tuple(Conversion("EUR", r, date(2025, m, 1)) for r, m in (("1.00", 7), ("1.10", 8), ("1.20", 9)))
    exchange = Exchange("USD", table, on=date(2025, 8, 15))
    assert Decimal("252") == EUR_RATE.amount(Decimal(1000), KG, exchange=exchange)
    assert "1 EUR = 1.1 USD on 2025-08-01" == str(exchange.used(EUR_RATE)[0])
    with pytest.raises(MissingFactError):
        EUR_RATE.amount(Decimal(1000), KG, exchange=Exchange("USD", table, on=date(2025, 6, 30)))


def test_an_entry_in_euros_needs_no_conversion_for_euro_duties() -> None:
    # The value is in euros: 12% of 1000 EUR = 120, 1.2 x 100 = 120; total 240 EUR.
    assert Decimal("240") == EUR_RATE.amount(Decimal(1000), KG, exchange=Exchange("EUR"))
    # A dollar duty in a euro entry needs the dollar's rate: $0.50/kg unconverted is missing.
    with pytest.raises(MissingFactError, match="conversion rate of USD to EUR"):
        Specific(Decimal("0.5"), "kg").amount(quantities=KG, exchange=Exchange("EUR"))


def test_mixing_currencies_in_one_rate_is_refused_at_construction() -> None:
    eur, usd = Specific(Decimal("1.2"), "kg", "EUR"), Specific(Decimal("0.5"), "kg")
    with pytest.raises(InvalidRateError, match="one currency, got EUR, USD"):
        Compound((eur, usd))
    with pytest.raises(InvalidRateError, match="one currency"):
        Bounded(eur, maximum=usd)


def test_an_entry_states_its_currency_and_conversions() -> None:
    rate = Conversion("EUR", "1.08", date(2025, 8, 1), source="made up")
    entry = Entry.of("0406.90", "FR", "2025-08-04", value=1000, currency="eur", conversions=[rate])
    assert ("EUR", (rate,)) == (entry.currency, entry.conversions)
    assert "USD" == Entry.of("0406.90", "FR", "2025-08-04").currency
    with pytest.raises(InvalidEntryError, match="ISO 4217"):
        Entry.of("0406.90", "FR", "2025-08-04", currency="euro")
    with pytest.raises(TypeError, match="Conversion values"):
        Entry.of("0406.90", "FR", "2025-08-04", conversions=["1.08"])  # type: ignore[list-item]
    with pytest.raises(InvalidRateError, match="more than 0"):
        Conversion("EUR", "0", date(2025, 8, 1))
    with pytest.raises(InvalidRateError, match="between two currencies"):
        Conversion("USD", "1", date(2025, 8, 1))


def test_the_us_fees_refuse_a_value_in_another_currency() -> None:
    # The MPF's rate and bounds are in US dollars (docs/sources/us-fees-facts.md §0): a value in
    # euros cannot be charged them.
    from tariffcalc.datasets import load_schedule
    from tariffcalc.us.entrycost import cost_entry

    us = load_schedule("us-2025-26")
    toy = us.resolve("9503.00.00.90", "JP", date(2025, 5, 1), value=5000, currency="EUR")
    with pytest.raises(InvalidEntryError, match="value in US dollars; this entry's value is in EUR"):
        cost_entry(us, [toy])
