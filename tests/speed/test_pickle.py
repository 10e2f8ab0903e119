"""Schedules cross process boundaries cheaply: the packaged one by name and fingerprint, others by their parts."""

from __future__ import annotations

import hashlib
import pickle
import zlib
from datetime import date
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given

import tariffcalc.datasets as datasets
from tariffcalc import ProductCode, Schedule, _packing
from tariffcalc._caches import LazyIndex
from tariffcalc._packing import packaged_schedule
from tariffcalc.errors import ScheduleError
from tariffcalc.testing import schedules
from tests.helpers.hand_made import two_chapter_schedule


def test_a_user_schedule_round_trips_by_its_parts() -> None:
    small = two_chapter_schedule()
    small.fingerprint  # noqa: B018  # computed: it travels with the pickle
    back = pickle.loads(pickle.dumps(small))
    assert small == back
    assert small.fingerprint == back.fingerprint
    assert "fingerprint" in back._memo
    for on in (date(2025, 2, 1), date(2025, 3, 15)):
        assert (
            small.resolve("8703.23.01.90", "JP", on, value=1000).to_dict()
            == back.resolve("8703.23.01.90", "JP", on, value=1000).to_dict()
        )


class _ExcludedCode(ProductCode):
    """A code of a class the packed layout does not write."""


@pytest.mark.parametrize("where", ["include", "exclude"])
def test_a_schedule_with_codes_of_another_class_round_trips_by_its_parts(where: str) -> None:
    small = two_chapter_schedule()
    measure = min((m for m in small.measures if m.products.include), key=lambda m: m.id)  # not set order
    code = _ExcludedCode(next(iter(measure.products.include)).digits + "99")
    changed: dict[str, Any] = {where: (*getattr(measure.products, where), code)}
    products = attrs.evolve(measure.products, **changed)
    odd = Schedule("odd", [attrs.evolve(measure, products=products)])

    assert _packing.pack(odd) is None  # not packed: pickled as its parts
    back = pickle.loads(pickle.dumps(odd))
    assert odd == back
    assert type(getattr(next(iter(back.measures)).products, where)[-1]) is _ExcludedCode


@given(schedules())
def test_any_valid_schedule_round_trips(schedule: Schedule) -> None:
    back = pickle.loads(pickle.dumps(schedule))
    assert schedule == back
    assert schedule.fingerprint == back.fingerprint


def test_a_packaged_schedule_travels_by_name_and_fingerprint(monkeypatch: pytest.MonkeyPatch) -> None:
    small = two_chapter_schedule()
    monkeypatch.setattr(datasets, "_BUILT", {})
    monkeypatch.setattr(datasets, "_build", lambda name: small)
    packaged = datasets.load_schedule("us-2025-26")
    blob = pickle.dumps(packaged)
    assert len(blob) < 300
    assert pickle.loads(blob) is packaged
    # Not a copy of its content: a schedule derived from it is pickled by its parts...
    derived = Schedule.combine("derived", packaged)
    assert pickle.loads(pickle.dumps(derived)) == derived
    # ...of which those of the packaged schedule by its name and fingerprint: the rest in full.
    fewer = Schedule("fewer", [m for m in packaged.measures if m.id != "mfn.8467"])
    blob = pickle.dumps(fewer)
    assert b"mfn.8703" not in zlib.decompress(blob[blob.index(_packing.MAGIC) + len(_packing.MAGIC) + 32 : -3])
    back = pickle.loads(blob)
    assert fewer == back
    assert {"mfn.8703", "extra"} == {m.id for m in back.measures}


def test_a_schedule_derived_from_a_packaged_one_is_refused_where_that_differs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(datasets, "_BUILT", {})
    monkeypatch.setattr(datasets, "_build", lambda name: two_chapter_schedule())
    derived = attrs.evolve(datasets.load_schedule("us-2025-26"), name="derived, then refused")
    blob = pickle.dumps(derived)
    other = Schedule("small", [m for m in two_chapter_schedule().measures if m.id != "extra"])
    monkeypatch.setattr(datasets, "_BUILT", {})
    monkeypatch.setattr(datasets, "_build", lambda name: other)
    with pytest.raises(ScheduleError, match="is not the one pickled"):
        pickle.loads(blob)


def test_a_packaged_schedule_with_other_content_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(datasets, "_BUILT", {})
    monkeypatch.setattr(datasets, "_build", lambda name: two_chapter_schedule())
    with pytest.raises(ScheduleError, match="is not the one pickled"):
        packaged_schedule("us-2025-26", "0" * 64)


def test_a_schedule_is_packed_once_and_unpacked_once_per_process() -> None:
    small = attrs.evolve(two_chapter_schedule(), name="packed once")
    blob = pickle.dumps(small)
    assert blob == pickle.dumps(small)  # the same bytes, packed once
    back = pickle.loads(blob)
    assert pickle.loads(blob) is back  # sent again: the schedule this process already has
    assert pickle.dumps(back) == blob  # and sent on unchanged
    small.fingerprint  # noqa: B018  # computed after packing: packed again, with it
    again = pickle.dumps(small)
    assert again != blob
    assert small.fingerprint == pickle.loads(again)._memo["fingerprint"]


def _forged(payload: object) -> bytes:
    """A packed payload with a valid sha256 around *payload*, as only a deliberate forger would write it."""
    body = zlib.compress(pickle.dumps(payload))
    return _packing.MAGIC + hashlib.sha256(body).digest() + body


def test_a_damaged_pickle_is_refused_with_a_schedule_error() -> None:
    blob = bytearray(pickle.dumps(two_chapter_schedule()))
    start = blob.index(_packing.MAGIC) + len(_packing.MAGIC)
    for at in (start + 5, start + 40, len(blob) - 10):
        damaged = bytearray(blob)
        damaged[at] ^= 0x01
        with pytest.raises(ScheduleError, match="damaged"):
            pickle.loads(bytes(damaged))


def test_a_payload_of_another_layout_is_refused_with_a_schedule_error() -> None:
    with pytest.raises(ScheduleError, match="not a packed schedule"):
        _packing.unpack(b"tariffcalc-packed-schedule/0\n")
    good = pickle.loads(zlib.decompress(_packing.pack(two_chapter_schedule())[len(_packing.MAGIC) + 32 :]))  # type: ignore[index]
    *head, measures, words = good  # the stored vocabulary comes last (None: computed again)
    forged_rates = {**measures, "rate": ["25%"] * len(measures["rate"])}
    forged_ids = {**measures, "id": measures["id"].replace("mfn.8703", "mfn 8703")}
    forged_index = {**measures, "products": (measures["products"][0], [7] * len(measures["products"][1]))}
    forged_length = {**measures, "title": measures["title"][:-1]}
    forged_tags = {**measures, "tags": [frozenset({1})] * len(measures["tags"])}
    for forged in (
        (*head, forged_rates, words),
        (*head, forged_ids, words),
        (*head, forged_index, words),
        (*head, forged_length, words),
        (*head, forged_tags, words),
        (*head, {**measures, "id": measures["id"] + "\nextra"}, words),
        (42, *good[1:]),
        good[:-1],
    ):
        with pytest.raises(ScheduleError, match="layout"):
            _packing.unpack(_forged(forged))


def test_the_index_of_an_unpickled_schedule_is_built_when_first_used() -> None:
    back = pickle.loads(pickle.dumps(attrs.evolve(two_chapter_schedule(), name="built when used")))
    assert isinstance(back._index, LazyIndex)
    assert back.resolve("8703.23.01.90", "JP", date(2025, 2, 1), value=1000).rate == Decimal("12.5")
    assert not isinstance(back._index, LazyIndex)
    assert back._index.by_id.keys() == {m.id for m in back.measures}


# A user schedule as large as the packaged one: compact, equal, and resolving alike.


@pytest.fixture(scope="module")
def changed_packaged() -> Schedule:
    from tariffcalc.rates import AdValorem
    from tariffcalc.scenario import Scenario, SetRate

    packaged = datasets.load_schedule("us-2025-26")
    return Scenario("autos at 15%", (SetRate("us.s232.autos", AdValorem(15)),)).apply(packaged)


def test_a_user_schedule_as_large_as_the_packaged_one_packs_into_five_megabytes(changed_packaged: Schedule) -> None:
    # Not derived from a packaged schedule of this process: every measure is written.
    monkeypatch = pytest.MonkeyPatch()
    with monkeypatch.context() as mp:
        mp.setattr(datasets, "_BUILT", {})
        packed = _packing.pack(changed_packaged)
    assert packed is not None
    assert len(packed) <= 5_000_000
    back = _packing.unpack(packed)
    assert changed_packaged == back
    assert {m.id for m in back.measures} == {m.id for m in changed_packaged.measures}


def test_a_scenario_of_the_packaged_schedule_round_trips_compactly(changed_packaged: Schedule) -> None:
    import random

    from tariffcalc.panel import lines

    changed = changed_packaged
    assert "packaged" not in changed._memo
    changed.fingerprint  # noqa: B018  # computed: it travels with the pickle
    blob = pickle.dumps(changed, protocol=pickle.HIGHEST_PROTOCOL)
    assert len(blob) <= 100_000  # the packaged schedule by name and fingerprint, and the changed measure
    back = pickle.loads(blob)
    assert changed == back
    assert changed.fingerprint == back.fingerprint
    assert back.measure("us.s232.autos").rate == changed.measure("us.s232.autos").rate
    rng = random.Random(11)
    products = [*rng.sample(lines(changed), 40), ProductCode.parse("8703.23.01.90")]
    for product in products:
        for origin in ("JP", "CN", "DE", "MX", "BR"):
            for on in (date(2025, 2, 1), date(2025, 5, 5), date(2025, 9, 5), date(2026, 3, 1)):
                expected = changed.resolve(product, origin, on, value=10_000, strict=False)
                got = back.resolve(product, origin, on, value=10_000, strict=False)
                assert expected.to_dict() == got.to_dict(), (product, origin, on)
