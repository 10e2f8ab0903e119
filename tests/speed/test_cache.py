"""
The compiled schedule cache: the same answers with and without it, never
used when stale, corrupted or tampered with (then rebuilt), and off when
asked. Every test points the cache at its own temporary directory.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import tariffcalc.datasets as datasets
from tariffcalc import (
    ProductCode,
    Schedule,
)
from tariffcalc.datasets import _cache as cache
from tariffcalc.errors import InvalidCodeError
from tests.helpers.hand_made import two_chapter_schedule
from tests.helpers.worked import read_examples

NAME = "us-2025-26"


@pytest.fixture
def cache_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv(cache.DIR_VARIABLE, str(directory))
    monkeypatch.delenv(cache.OFF_VARIABLE, raising=False)
    return directory


def test_a_small_schedule_round_trips_whole_and_by_chapter(cache_in: Path) -> None:
    small = two_chapter_schedule()
    path = cache.store(NAME, small)
    assert path is not None
    assert path.parent == cache_in
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    whole = cache.load(NAME)
    assert whole is not None
    assert small == whole
    assert small.fingerprint == whole.fingerprint
    view = cache.load_view(NAME, ProductCode.parse("8703.23.01.90"))
    assert view is not None
    assert {"mfn.8703", "extra"} == {m.id for m in view.measures}
    assert small.fingerprint == view.fingerprint
    # A chapter no measure names: the common measures alone, refusing its codes on the days the
    # whole schedule has lines (from 2025-01-01), with the whole schedule's message, and passing them
    # before (no line in force: nothing to check against), as the whole schedule does.
    empty = cache.load_view(NAME, ProductCode.parse("0101.21.00"))
    assert empty is not None
    assert {"extra"} == {m.id for m in empty.measures}
    with pytest.raises(InvalidCodeError) as refused:
        empty.resolve("0101.21.00", "JP", date(2025, 2, 1))
    with pytest.raises(InvalidCodeError) as by_whole:
        small.resolve("0101.21.00", "JP", date(2025, 2, 1))
    assert str(by_whole.value) == str(refused.value)
    early = date(2024, 6, 1)
    assert small.resolve("0101.21.00", "JP", early).to_dict() == empty.resolve("0101.21.00", "JP", early).to_dict()
    # Two chapters at once, each resolved as by the whole schedule, and a code of neither refused as by it.
    both = cache.load_chapters(NAME, [ProductCode.parse("8703.23.01.90"), ProductCode.parse("0101.21.00")])
    assert both is not None
    assert {"mfn.8703", "extra"} == {m.id for m in both.measures}
    assert small.resolve("8703.23.01.90", "JP", date(2025, 2, 1)) == both.resolve(
        "8703.23.01.90", "JP", date(2025, 2, 1)
    )
    with pytest.raises(InvalidCodeError) as in_both:
        both.resolve("0101.21.00", "JP", date(2025, 2, 1))
    assert str(by_whole.value) == str(in_both.value)
    for on in (date(2025, 2, 1), date(2025, 3, 15)):
        expected = small.resolve("8703.23.01.90", "JP", on, value=1000)
        assert expected.to_dict() == view.resolve("8703.23.01.90", "JP", on, value=1000).to_dict()
        assert expected.to_dict() == whole.resolve("8703.23.01.90", "JP", on, value=1000).to_dict()


def _flip(path: Path, at: int) -> None:
    data = bytearray(path.read_bytes())
    data[at] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "damage",
    [
        "last byte of a section",
        "a byte of the header",
        "truncated",
        "header rewritten",
        "other secret",
        "stale sources",
        "empty file",
    ],
)
def test_a_damaged_or_stale_cache_is_never_used_and_is_rebuilt(
    damage: str, cache_in: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = cache.store(NAME, two_chapter_schedule())
    assert path is not None
    size = path.stat().st_size
    if damage == "last byte of a section":
        _flip(path, size - 1)
    elif damage == "a byte of the header":
        _flip(path, len(cache.MAGIC) + 8 + 3)
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[: size // 2])
    elif damage == "header rewritten":  # a forged header pointing at other bytes: the HMAC does not match
        path.write_bytes(path.read_bytes().replace(b'"fingerprint": "', b'"fingerprint": "0'))
    elif damage == "other secret":
        (cache_in / "secret").write_bytes(os.urandom(32))
    elif damage == "stale sources":
        monkeypatch.setitem(cache._KEYS, NAME, "0" * 64)
    elif damage == "empty file":
        path.write_bytes(b"")
    assert cache.load(NAME) is None
    assert cache.load_view(NAME, ProductCode.parse("8703.23.01.90")) is None

    builds: list[str] = []

    def from_sources(name: str) -> Schedule:
        builds.append(name)
        return two_chapter_schedule()

    monkeypatch.setattr(datasets, "_from_sources", from_sources)
    rebuilt = datasets._build(NAME)
    assert [NAME] == builds
    assert rebuilt == two_chapter_schedule()
    again = datasets._build(NAME)  # now from the rewritten cache
    assert [NAME] == builds
    assert rebuilt == again


def test_the_cache_can_be_turned_off(cache_in: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.OFF_VARIABLE, "1")
    assert cache.cache_dir() is None
    assert cache.store(NAME, two_chapter_schedule()) is None
    builds: list[str] = []

    def from_sources(name: str) -> Schedule:
        builds.append(name)
        return two_chapter_schedule()

    monkeypatch.setattr(datasets, "_from_sources", from_sources)
    datasets._build(NAME)
    datasets._build(NAME)
    assert [NAME, NAME] == builds
    assert not cache_in.exists()


def test_the_default_directory_is_the_platform_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(cache.DIR_VARIABLE, raising=False)
    monkeypatch.delenv(cache.OFF_VARIABLE, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    if sys.platform.startswith("linux"):
        assert tmp_path / "tariffcalc" == cache.cache_dir()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_directory_others_may_write_is_not_used(cache_in: Path) -> None:
    cache_in.mkdir(mode=0o700)
    cache_in.chmod(0o777)
    assert cache.store(NAME, two_chapter_schedule()) is None
    assert cache.load(NAME) is None


# The packaged schedule, with and without the cache, on every hand-worked example of the test suite
# (tests/data/worked).


@pytest.fixture(scope="module")
def packaged(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Schedule, Schedule, Path]]:
    with pytest.MonkeyPatch.context() as mp:
        directory = tmp_path_factory.mktemp("packaged-cache")
        mp.setenv(cache.DIR_VARIABLE, str(directory))
        mp.delenv(cache.OFF_VARIABLE, raising=False)
        built = datasets._from_sources(NAME)
        assert cache.store(NAME, built) is not None
        whole = cache.load(NAME)
        assert whole is not None
        yield built, whole, directory


def test_the_cached_packaged_schedule_is_the_built_one(packaged: tuple[Schedule, Schedule, Path]) -> None:
    built, whole, _ = packaged
    assert built.fingerprint == whole.fingerprint
    assert built.measures == whole.measures
    assert (built.rules, built.suspensions, built.groups, built.horizon) == (
        whole.rules,
        whole.suspensions,
        whole.groups,
        whole.horizon,
    )


def test_every_worked_example_resolves_alike_with_and_without_the_cache(
    packaged: tuple[Schedule, Schedule, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    built, whole, directory = packaged
    monkeypatch.setenv(cache.DIR_VARIABLE, str(directory))
    examples = read_examples()
    assert len(examples) > 50
    views: dict[str, Schedule] = {}
    for example in examples:
        facts: dict[str, Any] = {
            "value": example.value,
            "contents": dict(example.contents),
            "quantities": dict(example.quantities),
            "claims": example.claims,
            "loaded": example.loaded,
        }
        product = ProductCode.parse(example.product)
        chapter = product.digits[:2]
        if chapter not in views:
            view = cache.load_view(NAME, product)
            assert view is not None
            views[chapter] = view
        expected = built.resolve(product, example.origin, example.on, **facts)
        for schedule in (whole, views[chapter]):
            got = schedule.resolve(product, example.origin, example.on, **facts)
            assert expected.to_dict() == got.to_dict(), str(example)
            assert expected.explain() == got.explain(), str(example)


def test_a_panel_is_the_same_with_and_without_the_cache(packaged: tuple[Schedule, Schedule, Path]) -> None:
    pytest.importorskip("numpy")
    import random

    from tariffcalc.panel import lines, panel

    built, whole, _ = packaged
    on = date(2025, 9, 5)
    products = random.Random(3).sample(lines(built, on), 60)
    origins = ["JP", "CN", "DE", "MX", "CA", "BR", "IN", "VN", "GB", "KP"]
    with_cache = panel(whole, on=on, products=products, origins=origins)
    without = panel(built, on=on, products=products, origins=origins)
    assert lines(built, on) == lines(whole, on)
    for product in products:
        for origin in origins:
            assert without.cell(product, origin) == with_cache.cell(product, origin), (product, origin)


def test_a_build_holds_a_private_lock_that_a_second_process_waits_for(cache_in: Path) -> None:
    import subprocess
    import time

    with cache.building(NAME):
        lock = cache_in / f"{NAME}.lock"
        assert oct(lock.stat().st_mode & 0o777) == "0o600"
        # Another process asking for the same lock waits until this one lets it go.
        waiter = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from tariffcalc.datasets import _cache as c\nwith c.building('us-2025-26'): print('in')",
            ],
            env={**os.environ, cache.DIR_VARIABLE: str(cache_in)},
            stdout=subprocess.PIPE,
            text=True,
        )
        time.sleep(1.0)
        assert waiter.poll() is None  # still waiting
    out, _ = waiter.communicate(timeout=60)
    assert "in" == out.strip()
