"""
What an analyst reads from a panel: a parquet of float64 rates split into
the base and each authority, with a reason for every null and the codes as
printed; claims and default facts given to every entry; origins that are
trading partners by default; and a summary that says what it averages and
how much it leaves out.

Rates are worked by hand from the project's fact sheets
(docs/sources/us-2025-facts.md) and the HTS lines in tests/data/hts/.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tariffcalc import Country, Schedule
from tariffcalc.cli import main
from tariffcalc.datasets import load_schedule

pytest.importorskip("numpy")

from tariffcalc.panel import origin_set, panel  # needs numpy

DAY = date(2025, 5, 5)
CAR, CATTLE, TOY = "8703.23.01.90", "0102.29.40.24", "9503.00.00.90"


@pytest.fixture(scope="module")
def us() -> Schedule:
    return load_schedule("us-2025-26")


def test_the_parquet_holds_float_rates_split_by_authority_with_reasons(us: Schedule, tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    p = panel(us, on=DAY, products=[CAR, CATTLE], origins=["JP", "DE"])
    assert 4 == p.to_parquet(tmp_path / "p.parquet")
    table = pq.read_table(tmp_path / "p.parquet")
    for name in ("rate", "base", "section_232", "ieepa", "additional"):
        assert pa.float64() == table.schema.field(name).type
    rows = {(r["product"], r["origin"]): r for r in table.to_pylist()}
    # The car from Japan on 5 May 2025: MFN 2.5% (HTS 8703.23.01) + Section 232 autos 25% (9903.94.01,
    # facts s.3); the autos duty displaces the reciprocal 10% (facts s.1: s232 goods are exempt).
    car = rows[(CAR, "JP")]
    assert (27.5, 2.5, 25.0, 0.0, 25.0, None) == (
        car["rate"],
        car["base"],
        car["section_232"],
        car["ieepa"],
        car["additional"],
        car["reason"],
    )
    # The cattle's $0.01/kg (HTS 0102.29.40) needs a weight: no rate, and the reason says so.
    cattle = rows[(CATTLE, "DE")]
    assert (None, "needs quantity in kg") == (cattle["rate"], cattle["reason"])
    # The reciprocal 10% baseline (facts s.1) is known without the weight: 1,000 of 10,000.
    assert 10.0 == cattle["ieepa"]


def test_every_null_rate_has_a_reason_and_every_known_one_adds_up(us: Schedule) -> None:
    p = panel(us, on=DAY, products=[CAR, CATTLE, TOY, "8467.21.00.10"], origins=["JP", "CN", "CA", "GB"])
    frame = p.to_frame()
    assert (frame["rate"].isna() == frame["reason"].notna()).all()
    known = frame[frame["rate"].notna()]
    parts = known[
        [n for n in known.columns if n not in ("start", "end", "product", "origin", "rate", "reason", "additional")]
    ]
    assert ((parts.sum(axis=1) - known["rate"]).abs() < 1e-9).all()
    assert ((known["base"] + known["additional"] - known["rate"]).abs() < 1e-9).all()
    assert {"8703.23.01.90", "9503.00.00.90"} <= set(frame["product"])  # codes as printed
    assert ("Float64", "string") == (str(frame["rate"].dtype), str(frame["reason"].dtype))


def test_a_claim_is_made_for_every_entry(us: Schedule) -> None:
    # The toy (HTS 9503.00.00.90, MFN Free) from Canada on 5 May 2025: the IEEPA 25% on Canada
    # (facts, table of IEEPA Canada: from 4 March 2025), which USMCA-qualifying goods do not pay
    # from 7 March 2025 (facts: "USMCA-qualifying goods of Canada/Mexico exempted from the 25%").
    without = panel(us, on=DAY, products=[TOY], origins=["CA", "JP"])
    claimed = panel(us, on=DAY, products=[TOY], origins=["CA", "JP"], claims=["USMCA"])
    assert (Decimal(25), Decimal(0)) == (without.rate(TOY, "CA"), claimed.rate(TOY, "CA"))
    # Japan is not a USMCA party: the claim is refused and the reciprocal 10% baseline (facts s.1) stays.
    assert Decimal(10) == claimed.rate(TOY, "JP")


def test_a_default_quantity_gives_specific_duties_a_rate(us: Schedule) -> None:
    # 1,000 kg of cattle worth 10,000 from Japan: $0.01/kg x 1,000 = 10.00 (0.1%) + the 10% baseline = 10.1%.
    p = panel(us, on=DAY, products=[CATTLE], origins=["JP"], quantities={"kg": 1000})
    assert (Decimal("10.1"), None) == (p.rate(CATTLE, "JP"), p.cell(CATTLE, "JP").reason)


def test_a_content_share_is_declared_for_every_entry(us: Schedule) -> None:
    # 0402.99.68.00 (MFN 17.5%) is a Section 232 steel and aluminum derivative from 18 August 2025
    # (facts: the inclusions at 50% on the metal content). Half its value steel, no aluminum:
    # 17.5% + 50% of 50% = 42.5%; Japan's all-in 15% adds nothing above 17.5% (facts s.2.3).
    on = date(2025, 9, 5)
    product = "0402.99.68.00"
    assert "value of the steel content" in (
        panel(us, on=on, products=[product], origins=["JP"]).cell(product, "JP").reason or ""
    )
    p = panel(us, on=on, products=[product], origins=["JP"], content_shares={"steel": 50, "aluminum": 0})
    assert Decimal("42.5") == p.rate(product, "JP")


def test_the_default_origins_are_the_trading_partners(us: Schedule) -> None:
    p = panel(us, on=DAY, products=[TOY])
    codes = {c.code for c in p.origins}
    assert {"JP", "CN", "CA", "DE", "GU"} <= codes
    assert not codes & {"US", "PR", "AQ", "BV", "HM"}
    assert p.origins == origin_set("partners")
    assert Country("US") in origin_set("all")


def test_the_summary_states_its_weighting_and_what_it_leaves_out(us: Schedule) -> None:
    p = panel(us, on=DAY, products=[CAR, CATTLE], origins=["JP", "DE"])
    summary = p.summary()
    # Each cell counts once: the car's 27.5% from both origins; the cattle is left out.
    assert (Decimal("27.5"), 4, 2, Decimal("50.0")) == (
        summary.mean,
        summary.cells,
        summary.left_out,
        summary.share_left_out,
    )
    assert (("needs quantity in kg", 2),) == summary.reasons
    assert "unweighted" in str(summary)
    assert "2 of 4 cells (50.0%) left out" in str(summary)


def test_the_command_takes_claims_quantities_and_prints_one_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "p.parquet"
    argv = ["panel", "--on", "2025-05-05", "--out", str(out), "--quiet", "--product", TOY, "--product", CATTLE]
    argv += ["--origin", "CA", "--claim", "usmca", "--quantity", "1,000 kg"]
    assert 0 == main(argv)
    rows = {r["product"]: r for r in pq.read_table(out).to_pylist()}
    # USMCA toy: Free, no IEEPA 25% (as above). USMCA cattle: the Special column of HTS 0102.29.40.24
    # grants Free under S (USMCA), and the IEEPA 25% does not apply to USMCA goods: 0%, although its
    # general $0.01/kg would need the weight given here.
    assert (0.0, 0.0) == (rows[TOY]["rate"], rows[CATTLE]["rate"])
    printed = capsys.readouterr().out
    assert "all origins: mean rate" in printed
    assert "unweighted" in printed
    assert "CA  mean" not in printed  # one overall line unless --by-origin


def test_a_panel_takes_the_types_a_data_frame_row_holds(us: Schedule) -> None:
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    p = panel(us, on=pd.Timestamp("2025-05-05"), products=[CAR], origins=["JP"], value=np.float64(10_000))
    # MFN 2.5% + Section 232 autos 25% (as above), at 10,000 read from a float by its digits.
    assert Decimal("27.5") == p.rate(CAR, "JP", np.datetime64("2025-05-05"))
    assert Decimal("27.5") == panel(us, on="2025-05-05", products=[CAR], origins=["JP"], value=np.int64(10_000)).rate(
        CAR, "JP"
    )
    with pytest.raises(TypeError, match="value must be a number such as 10000"):
        panel(us, on=DAY, products=[CAR], origins=["JP"], value=[10_000])  # type: ignore[arg-type]


@pytest.mark.parametrize("claims", [["usmca"], ["kr", "au"]])
def test_with_claims_every_cell_is_the_resolved_rate(us: Schedule, claims: list[str]) -> None:
    # A programme is open to some origins only: the panel must resolve those apart from the others.
    products = [TOY, CATTLE, CAR, "8467.21.00.10", "0402.99.68.00"]
    p = panel(
        us,
        on=date(2025, 9, 5),
        products=products,
        claims=claims,
        quantities={"kg": 1000},
        content_shares={"steel": 20, "aluminum": 0},
    )
    for product in products:
        for origin in p.origins:
            r = us.resolve(
                product,
                origin,
                date(2025, 9, 5),
                value=10_000,
                claims=claims,
                strict=False,
                quantities={"kg": 1000},
                contents={"steel": 2000, "aluminum": 0},
            )
            assert (product, origin.code, r.rate) == (product, origin.code, p.rate(product, origin))


def test_a_period_panel_with_a_claim_is_the_resolved_rate_on_each_day(us: Schedule) -> None:
    from tariffcalc import Period

    p = panel(
        us,
        period=Period(date(2025, 2, 1), date(2025, 4, 1)),
        products=[TOY],
        origins=["CA", "MX", "JP"],
        claims=["usmca"],
    )
    for day in (date(2025, 2, 1), date(2025, 3, 5), date(2025, 3, 7), date(2025, 3, 31)):
        for origin in ("CA", "MX", "JP"):
            assert us.resolve(TOY, origin, day, value=10_000, claims=["usmca"], strict=False).rate == p.rate(
                TOY, origin, day
            )


def test_the_command_declares_a_content_share_for_every_entry(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "p.parquet"
    argv = ["panel", "--on", "2025-09-05", "--out", str(out), "--quiet", "--product", "0402.99.68.00", "--origin", "JP"]
    assert 0 == main([*argv, "--content-share", "steel=50", "--content-share", "aluminum=0"])
    # 17.5% MFN + 50% on the steel, half the value: 42.5% (as in the library's test above).
    assert [42.5] == [r["rate"] for r in pq.read_table(out).to_pylist()]


def test_the_command_refuses_a_content_share_without_a_percentage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [
        "panel",
        "--on",
        "2025-09-05",
        "--out",
        str(tmp_path / "p.parquet"),
        "--product",
        TOY,
        "--content-share",
        "steel",
    ]
    assert 2 == main(argv)
    assert "--content-share 'steel': write NAME=PERCENT, e.g. steel=50" in capsys.readouterr().err
    assert 2 == main([*argv[:-1], "steel=150"])
    assert "a percentage of the value from 0 to 100, got 150" in capsys.readouterr().err


def test_without_pyarrow_the_command_stops_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    import tariffcalc.panel

    def no_work(*args: object, **kwargs: object) -> None:
        raise AssertionError("the panel was resolved although it could not be written")

    monkeypatch.setitem(sys.modules, "pyarrow", None)  # an import of pyarrow now fails, as when it is missing
    monkeypatch.setattr(tariffcalc.panel, "panel", no_work)
    out = tmp_path / "p.parquet"
    assert 2 == main(["panel", "--on", "2025-05-05", "--product", "8703.23.01.90", "--origin", "JP", "--out", str(out)])
    assert "pip install 'tariffcalc[panel]'" in capsys.readouterr().err
    assert not out.exists()
