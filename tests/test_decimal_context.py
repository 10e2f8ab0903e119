"""
A resolution does not depend on the caller's decimal context: a notebook that
sets ``getcontext().prec = 5`` to print fewer digits, rounds down or traps
inexact results gets the same duties, and keeps its context.
"""

from __future__ import annotations

import decimal
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from tariffcalc import Period, Schedule
from tariffcalc.datasets import load_schedule


@pytest.fixture(scope="module")
def us() -> Schedule:
    return load_schedule("us-2025-26")


def _prec(ctx: decimal.Context) -> None:
    ctx.prec = 5


def _down(ctx: decimal.Context) -> None:
    ctx.rounding = decimal.ROUND_DOWN


def _inexact(ctx: decimal.Context) -> None:
    ctx.traps[decimal.Inexact] = True


def _small_exponents(ctx: decimal.Context) -> None:
    ctx.Emax = 6


@pytest.fixture(params=[_prec, _down, _inexact, _small_exponents])
def hostile(request: pytest.FixtureRequest) -> Callable[[decimal.Context], None]:
    change: Callable[[decimal.Context], None] = request.param
    return change


def test_a_german_car_of_may_2025_whatever_the_context(
    us: Schedule, hostile: Callable[[decimal.Context], None]
) -> None:
    # 2.5% MFN (HTS 8703.23.01) + 25% Section 232 autos (Proc. 10908, from 3 April 2025), which the
    # reciprocal duty does not stack on: 27.5% of 1,234,567.89 = 339,506.169... = 339,506.17.
    expected = us.resolve("8703.23.01.90", "DE", date(2025, 5, 5), value="1234567.89")
    assert Decimal("339506.17") == expected.amount
    period = Period(date(2025, 3, 1), date(2025, 6, 1))
    timeline = us.timeline("8703.23.01.90", "DE", period, value="1234567.89")

    with decimal.localcontext() as ctx:
        hostile(ctx)
        before = (ctx.prec, ctx.rounding, ctx.Emax, dict(ctx.traps))
        found = us.resolve("8703.23.01.90", "DE", date(2025, 5, 5), value="1234567.89")
        found_timeline = us.timeline("8703.23.01.90", "DE", period, value="1234567.89")
        after = (ctx.prec, ctx.rounding, ctx.Emax, dict(ctx.traps))

    assert expected == found
    assert expected.to_dict() == found.to_dict()
    assert timeline == found_timeline
    assert before == after  # the caller's context is left as it was


def test_a_frame_whatever_the_context(us: Schedule, hostile: Callable[[decimal.Context], None]) -> None:
    pd = pytest.importorskip("pandas")
    from tariffcalc.frames import resolve_frame

    df = pd.DataFrame({"product": ["8703.23.01.90"], "origin": ["DE"], "date": ["2025-05-05"], "value": ["1234567.89"]})
    expected = resolve_frame(us, df, value="value", exact=True, progress=False)

    with decimal.localcontext() as ctx:
        hostile(ctx)
        found = resolve_frame(us, df, value="value", exact=True, progress=False)

    assert Decimal("339506.17") == found["amount"][0]  # as above
    assert expected.equals(found)


def test_the_packaged_schedule_builds_whatever_the_context(monkeypatch: pytest.MonkeyPatch) -> None:
    # Built from its sources (no cache, not built yet in this process): rates are read from text then.
    from tariffcalc import datasets

    monkeypatch.setenv("TARIFFCALC_NO_CACHE", "1")
    monkeypatch.setattr(datasets, "_BUILT", {})
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        ctx.traps[decimal.Inexact] = True
        built = datasets.load_schedule("us-2025-26")
    assert datasets.pinned_fingerprints()["us-2025-26"] == built.fingerprint
