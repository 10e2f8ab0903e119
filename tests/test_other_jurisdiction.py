"""
A second jurisdiction needs no change to the engine: the made-up schedule
of ``tests/data/other_jurisdiction/`` (a customs union in euros, with its own
authorities and a court judgment) resolves through the same ``Schedule``,
resolver and legal status as the US data, and nothing of the US wing
(``tariffcalc.us``) takes part in it.

Every expected duty is worked by hand from the rates written in
``tests/data/other_jurisdiction/schedule.toml`` (made up for tests).
"""

from __future__ import annotations

import ast
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tariffcalc.authority import OTHER, authority
from tariffcalc.io.datafiles import read_schedule
from tariffcalc.rates import Conversion
from tariffcalc.reasons import Expired, Reason, SwitchedOff
from tariffcalc.resolution import Resolution
from tariffcalc.schedule import Schedule

DATA = Path(__file__).parent / "data" / "other_jurisdiction"
SRC = Path(__file__).resolve().parents[1] / "src" / "tariffcalc"


@pytest.fixture(scope="module")
def union() -> Schedule:
    return read_schedule(DATA)


# (product, origin, day, value in EUR, kg, claims) -> {measure: amount in EUR}, total; the entries
# state their currency, EUR (an entry's value is in US dollars unless stated).
CASES = [
    # Beef from Argentina while the levy runs (2025-03-01/2025-09-01):
    # base 12% of 10,000 = 1,200.00; levy 2.50 EUR/kg x 1,000 kg = 2,500.00; total 3,700.00.
    (
        ("0201.30", "AR", date(2025, 5, 5), 10000, 1000, ()),
        {"eu-x.base.0201": "1200.00", "eu-x.levy.beef": "2500.00"},
        "3700.00",
    ),
    # The same beef after the levy's end (2025-09-01 excluded): base 12% of 10,000 = 1,200.00 alone.
    (("0201.30", "AR", date(2025, 10, 1), 10000, 1000, ()), {"eu-x.base.0201": "1200.00"}, "1200.00"),
    # Beef from France: the levy names Argentina and Brazil only; base 12% of 10,000 = 1,200.00.
    (("0201.30", "FR", date(2025, 5, 5), 10000, 1000, ()), {"eu-x.base.0201": "1200.00"}, "1200.00"),
    # Cheese from France: base 1.20 EUR/kg x 200 kg = 240.00; safeguard 10% of 3,000 = 300.00; total 540.00.
    (
        ("0406.90", "FR", date(2025, 5, 5), 3000, 200, ()),
        {"eu-x.base.0406": "240.00", "eu-x.safeguard.cheese": "300.00"},
        "540.00",
    ),
    # The same cheese claiming the free-trade agreement: the safeguard does not apply; 240.00.
    (("0406.90", "FR", date(2025, 5, 5), 3000, 200, ("fta",)), {"eu-x.base.0406": "240.00"}, "240.00"),
]


@pytest.mark.parametrize(("facts", "lines", "total"), CASES)
def test_hand_worked_duties(union: Schedule, facts: tuple, lines: dict[str, str], total: str) -> None:  # type: ignore[type-arg]
    product, origin, day, value, kg, claims = facts
    r = union.resolve(
        product, origin, day, value=value, quantities={"kg": kg}, currency="EUR", claims=claims, strict=False
    )
    assert {line.measure.id: line.amount for line in r.lines} == {m: Decimal(a) for m, a in lines.items()}
    assert Decimal(total) == r.amount


def test_the_rates_are_in_euros(union: Schedule) -> None:
    assert "1.2 EUR/kg" == str(union.measure("eu-x.base.0406").rate)
    assert "2.5 EUR/kg" == str(union.measure("eu-x.levy.beef").rate)


def test_a_dollar_entry_needs_the_conversion_rate_of_its_euro_duties(union: Schedule) -> None:
    # Cheese from France entered in US dollars, value $3,000, 200 kg: the safeguard 10% = $300.00 is in
    # dollars; the base 1.20 EUR/kg is in euros, so without a conversion rate its amount is a missing
    # fact, never 240 "dollars".
    r = union.resolve("0406.90", "FR", date(2025, 5, 5), value=3000, quantities={"kg": 200}, strict=False)
    assert r.amount is None
    assert ["conversion rate of EUR to USD"] == [str(f) for f in r.missing]
    assert Decimal("300.00") == r.line("eu-x.safeguard.cheese").amount  # type: ignore[union-attr]
    # Given 1 EUR = 1.10 USD on 2025-05-01 (a rate made up for this test): 1.20 x 1.10 x 200 = 264.00;
    # total 264.00 + 300.00 = 564.00, and the answer says which rate it used.
    rate = Conversion("EUR", Decimal("1.10"), date(2025, 5, 1), source="made up for tests")
    converted = union.resolve(
        "0406.90", "FR", date(2025, 5, 5), value=3000, quantities={"kg": 200}, conversions=[rate], strict=False
    )
    assert Decimal("264.00") == converted.line("eu-x.base.0406").amount  # type: ignore[union-attr]
    assert Decimal("564.00") == converted.amount
    assert "1 EUR = 1.1 USD on 2025-05-01 (made up for tests)" in converted.explain()


def _reasons(r: Resolution) -> dict[str, Reason]:
    return {n.measure.id: n.reason for n in r.not_applied}


def test_measures_out_of_force_or_claimed_away_say_why(union: Schedule) -> None:
    late = union.resolve(
        "0201.30", "AR", date(2025, 10, 1), value=10000, quantities={"kg": 1000}, currency="EUR", strict=False
    )
    assert isinstance(_reasons(late)["eu-x.levy.beef"], Expired)
    claimed = union.resolve(
        "0406.90",
        "FR",
        date(2025, 5, 5),
        value=3000,
        quantities={"kg": 200},
        currency="EUR",
        claims=["fta"],
        strict=False,
    )
    assert claimed.line("eu-x.safeguard.cheese") is None
    assert isinstance(_reasons(claimed)["eu-x.safeguard.cheese"], SwitchedOff)


def test_its_own_authorities_carry_its_own_legal_status(union: Schedule) -> None:
    r = union.resolve(
        "0406.90", "FR", date(2025, 5, 5), value=3000, quantities={"kg": 200}, currency="EUR", strict=False
    )
    safeguard = r.line("eu-x.safeguard.cheese")
    assert safeguard is not None
    assert safeguard.status is not None
    assert ("cheese-safeguard", "safeguard-decision") == (safeguard.status.authority.id, safeguard.status.authority.law)
    assert safeguard.status.summary.startswith("held unlawful on 2025-06-01")
    filed = union.resolve(
        "0406.90", "FR", date(2025, 5, 5), value=3000, quantities={"kg": 200}, currency="EUR", known=date(2025, 5, 5)
    )
    line = filed.line("eu-x.safeguard.cheese")
    assert line is not None
    assert line.status is not None
    assert () == line.status.events
    beef = union.resolve(
        "0201.30", "AR", date(2025, 5, 5), value=10000, quantities={"kg": 1000}, currency="EUR", strict=False
    )
    levy = beef.line("eu-x.levy.beef")
    assert levy is not None
    assert levy.status is not None
    assert "beef-levy" == levy.status.authority.id


def test_no_us_group_claims_its_measures(union: Schedule) -> None:
    # The US wing's authority groups key on US tags and ids only: these measures are Other.
    assert {OTHER} == {authority(union.measure(m)) for m in ("eu-x.levy.beef", "eu-x.safeguard.cheese")}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
    return names


#: The engine: values and resolution. None of it may import the US wing.
ENGINE = [
    "codes.py",
    "periods.py",
    "countries.py",
    "rates.py",
    "citations.py",
    "measures.py",
    "rules.py",
    "entries.py",
    "errors.py",
    "schedule.py",
    "resolution.py",
    "reasons.py",
    "timeline.py",
    "legal.py",
    "vocabulary.py",
    "authority.py",
    "_resolver",
]


@pytest.mark.parametrize("name", ENGINE)
def test_the_engine_imports_nothing_of_the_us_wing(name: str) -> None:
    paths = [SRC / name] if name.endswith(".py") else sorted((SRC / name).rglob("*.py"))
    wing = {(p.name, i) for p in paths for i in _imports(p) if i == "tariffcalc.us" or i.startswith("tariffcalc.us.")}
    assert set() == wing
