"""
The resolver's compiled plans (step 1 decided once per product line,
origin and stretch of days, and kept) give exactly the resolutions of a
plain screening of every candidate, on the packaged schedule, from one
thread or several, and are never pickled.
"""

from __future__ import annotations

import pickle
import random
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from decimal import Decimal

import attrs
import pytest

from tariffcalc import (
    Citation,
    Entry,
    Instrument,
    Measure,
    MeasureKind,
    OriginScope,
    Period,
    ProductScope,
    Resolution,
    Schedule,
    _resolver,
)
from tariffcalc._resolver.plans import Plan
from tariffcalc.datasets import load_schedule
from tariffcalc.legal import annotate
from tariffcalc.rates import AdValorem
from tariffcalc.resolution import Rounding

PARTNERS = "MX CN CA DE JP VN KR TW IE IN IT CH GB TH MY FR SG NL BR ID AU KP RU CU".split()  # noqa: SIM905


@pytest.fixture(scope="module")
def schedule() -> Schedule:
    return load_schedule("us-2025-26")


def _entries(schedule: Schedule, n: int, seed: int) -> list[tuple[Entry, date | None]]:
    """Lines (and a few headings above them) with origins, days over and beyond the horizon, facts and claims."""
    rng = random.Random(seed)
    horizon = schedule.horizon
    assert horizon is not None
    assert horizon.end is not None
    codes = sorted({p for m in schedule.measures if m.kind is MeasureKind.BASE for p in m.products.include})
    # Few lines, many days: plans are met again on other days and other stretches.
    codes = rng.sample(codes, 60)
    claims = sorted(schedule.vocabulary.claims)
    contents = sorted(schedule.vocabulary.contents)
    span = (horizon.end - horizon.start).days + 200
    out = []
    for _ in range(n):
        value = rng.choice([None, 0, 1000, 25_000])
        declared = {}
        if value and rng.random() < 0.3:
            declared = {rng.choice(contents): rng.randrange(value + 1)}
        entry = Entry.of(
            rng.choice(codes),
            rng.choice(PARTNERS),
            horizon.start - timedelta(days=100) + timedelta(days=rng.randrange(span)),
            value=value,
            contents=declared,
            claims=rng.sample(claims, rng.choice([0, 0, 0, 1, 2])),
        )
        known = rng.choice([None, None, None, entry.on, horizon.start + timedelta(days=rng.randrange(span))])
        out.append((entry, known))
    return out


def _both(schedule: Schedule, entry: Entry, known: date | None) -> tuple[Resolution, Resolution]:
    rounding = Rounding()
    planned = _resolver.resolve(schedule, entry, rounding, known, annotated=True)
    plain = annotate(schedule.legal, _resolver.resolve(schedule, entry, rounding, known, planned=False))
    return planned, plain


def _siblings(entry: Entry) -> list[Entry]:
    """Entries of the same line and origin a day later, with other values: they meet what *entry* left in the plan."""
    if entry.claims or entry.contents:
        return []
    later = entry.on + timedelta(days=1)
    return [attrs.evolve(entry, on=later, value=value) for value in (None, 0, 7, 123_456) if value != entry.value]


def test_plans_give_the_plain_resolutions(schedule: Schedule) -> None:
    checked = 0
    for drawn, known in _entries(schedule, 2500, seed=11):
        for entry in [drawn, *_siblings(drawn)]:
            planned, plain = _both(schedule, entry, known)
            assert planned == plain, (entry, known)
            assert [line.status for line in planned.lines] == [line.status for line in plain.lines]
            assert planned.to_dict() == plain.to_dict()
            checked += 1
    assert checked > 5000


#: Values that round differently (half cents up and down, a cent, a large entry) and a zero.
VALUES = (1000, 7, 123_456, "0.01", "0.005", "99999999.995", "1234.565", 10**9, 0)


def test_priced_entries_give_the_plain_resolutions(schedule: Schedule, monkeypatch: pytest.MonkeyPatch) -> None:
    """
    Plain entries with a value met again on their line, origin and stretch are priced from
    the decision the plan kept (lines without an amount, all-in top-ups and half cents included):
    each gives the plain resolution.
    """
    priced = []
    kept = Plan.kept

    def counted(self: Plan, *args: object) -> object:
        found = kept(self, *args)  # type: ignore[arg-type]
        priced.append(found is not None)
        return found

    monkeypatch.setattr(Plan, "kept", counted)
    fresh = pickle.loads(pickle.dumps(schedule))  # its own caches, so that every plan is met from the start
    rounds = [Rounding(), Rounding(Decimal(1), "ROUND_HALF_EVEN")]
    # All-in floors (EU and Japan deals, 2025): topping a 2.5% car duty up, and met by a 26.4% beef duty.
    all_in = [
        Entry.of(code, origin, date(2025, 10, 1))
        for code in ("8703.23.01.90", "0201.10.50.10")
        for origin in ("JP", "DE")
    ]
    for drawn, known in [*((entry, None) for entry in all_in), *_entries(fresh, 400, seed=13)]:
        for rounding in rounds:
            for value in VALUES:
                entry = attrs.evolve(drawn, value=value, contents=(), claims=())
                planned = _resolver.resolve(fresh, entry, rounding, known, annotated=True)
                plain = annotate(fresh.legal, _resolver.resolve(fresh, entry, rounding, known, planned=False))
                assert planned == plain, (entry, known, rounding)
                assert planned.to_dict() == plain.to_dict()
                assert [line.status for line in planned.lines] == [line.status for line in plain.lines]
    assert sum(priced) > 2000  # the kept decision was priced, not only the steps


def test_plans_under_threads(schedule: Schedule) -> None:
    cases = _entries(schedule, 600, seed=12)
    expected = [_both(schedule, entry, known)[1] for entry, known in cases]
    fresh = pickle.loads(pickle.dumps(schedule))  # the same schedule: its caches as this process left them

    def run(offset: int) -> list[Resolution]:
        order = cases[offset:] + cases[:offset]
        found = [_resolver.resolve(fresh, entry, Rounding(), known) for entry, known in order]
        return found[len(cases) - offset :] + found[: len(cases) - offset]

    with ThreadPoolExecutor(4) as pool:
        for found in pool.map(run, [0, 150, 300, 450]):
            assert found == expected


def test_caches_are_not_pickled() -> None:
    act = Instrument("HTS", "Harmonized Tariff Schedule", known_on=date(2025, 1, 1))
    base = Measure("mfn.0101", "Horses", MeasureKind.BASE, AdValorem(2), ProductScope.parse("0101"),
                   OriginScope.parse("all"), Period(date(2025, 1, 1)), Citation(act, heading="0101"))  # fmt: skip
    small = Schedule("small", [base])
    small.resolve_entry(Entry.of("0101.21.00.10", "JP", date(2025, 5, 20)))
    index = small._index
    assert index._memos  # a plan was compiled and kept
    assert "_memos" not in index.__getstate__()
    copy = pickle.loads(pickle.dumps(index))
    assert {} == copy._memos
    assert _resolver.index_state(small) == copy.state()
