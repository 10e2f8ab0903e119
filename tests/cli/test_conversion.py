"""``--conversion``: specific duties in another currency, converted at the rate the user gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tariffcalc.cli import main

UNION = str(Path(__file__).parents[1] / "data" / "other_jurisdiction")
# Cheese from France in the made-up union (tests/data/other_jurisdiction/schedule.toml): base 1.20 EUR/kg,
# safeguard 10%; value $3,000, 200 kg. The conversion rates are made up for the test.
CHEESE = ["0406.90.00.00", "--origin", "FR", "--date", "2025-05-05", "--value", "3000", "--quantity", "200kg"]


def test_without_a_rate_the_euro_duty_is_a_missing_fact(capsys: pytest.CaptureFixture[str]) -> None:
    assert 0 == main(["rate", *CHEESE, "--schedule", UNION, "--json"])
    answer = json.loads(capsys.readouterr().out)
    assert answer["amount"] is None
    assert "conversion rate of EUR to USD" in json.dumps(answer)


def test_a_dated_table_uses_the_rate_of_the_entry_date(capsys: pytest.CaptureFixture[str]) -> None:
    # Rates 1.00 (1 Apr), 1.10 (1 May), 1.20 (1 Jun 2025); entered 5 May: 1.10.
    # 1.20 x 1.10 x 200 = 264.00; 10% of 3000 = 300.00; total 564.00.
    table = ["--conversion", "EUR=1.00@2025-04-01", "--conversion", "eur=1.10@2025-05-01"]
    table += ["--conversion", "EUR=1.20@2025-06-01"]
    assert 0 == main(["rate", *CHEESE, "--schedule", UNION, *table])
    assert "18.8% = 564.00" == capsys.readouterr().out.strip()


@pytest.mark.parametrize("text", ["EUR=1,1", "EUR=@2025-05-01", "EURO=1.1@2025-05-01", "EUR=0@2025-05-01"])
def test_a_conversion_not_written_as_one_is_a_usage_error(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert 2 == main(["rate", *CHEESE, "--schedule", UNION, "--conversion", text])
    assert "--conversion" in capsys.readouterr().err
