"""
The cache never changes an answer: a one-chapter view read from the cache
answers (or refuses) every question exactly as the whole schedule does,
claims, contents and quantities included; and a cache file or key that is
not the user's own is ignored with a warning, never trusted.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tariffcalc.datasets as datasets
from tariffcalc import ProductCode, Schedule
from tariffcalc.cli import main
from tariffcalc.datasets import _cache as cache
from tariffcalc.errors import TariffError

NAME = "us-2025-26"


@pytest.fixture(scope="module")
def packaged(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Schedule, Path]]:
    with pytest.MonkeyPatch.context() as mp:
        directory = tmp_path_factory.mktemp("trust-cache")
        mp.setenv(cache.DIR_VARIABLE, str(directory))
        mp.delenv(cache.OFF_VARIABLE, raising=False)
        built = datasets._from_sources(NAME)
        assert cache.store(NAME, built) is not None
        yield built, directory


def _answer(schedule: Schedule, question: dict[str, object]) -> object:
    try:
        resolution = schedule.resolve(**question)  # type: ignore[arg-type]
    except TariffError as e:
        return (type(e).__name__, str(e))
    return resolution.to_dict()


_VIEWS: dict[str, Schedule] = {}


def _view(product: str) -> Schedule:
    chapter = product[:2]
    if chapter not in _VIEWS:
        view = cache.load_view(NAME, ProductCode.parse(product))
        assert view is not None
        _VIEWS[chapter] = view
    return _VIEWS[chapter]


@st.composite
def questions(draw: st.DrawFn, schedule: Schedule) -> dict[str, object]:
    codes = schedule.codes()
    words = schedule.vocabulary
    product = draw(st.sampled_from(codes))
    claims = draw(st.lists(st.sampled_from([*sorted(words.claims), "uk-auto-trq", "usmac"]), max_size=3))
    contents = draw(
        st.dictionaries(st.sampled_from([*sorted(words.contents), "steal"]), st.integers(0, 5000), max_size=2)
    )
    quantities = draw(st.dictionaries(st.sampled_from(sorted(words.units) or ["kg"]), st.integers(1, 500), max_size=1))
    return {
        "product": product,
        "origin": draw(st.sampled_from(["JP", "CN", "GB", "CA", "MX", "DE", "IN", "BR", "KR", "VN", "RU"])),
        "on": date(2025, 1, 1) + timedelta(days=draw(st.integers(0, 700))),
        "value": draw(st.none() | st.integers(0, 100_000).map(Decimal)),
        "claims": claims,
        "contents": contents,
        "quantities": quantities,
    }


def test_a_view_answers_every_question_as_the_whole_schedule(
    packaged: tuple[Schedule, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    built, directory = packaged
    monkeypatch.setenv(cache.DIR_VARIABLE, str(directory))

    @settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
    @given(questions(built))
    def same(question: dict[str, object]) -> None:
        view = _view(str(question["product"]).replace(".", ""))
        assert _answer(view, question) == _answer(built, question)

    same()


def test_the_reported_question_answers_alike(packaged: tuple[Schedule, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    # A toy from Japan claiming the UK auto quota: the claim is known to the schedule (chapter 87 uses it),
    # so the toy's view must accept it too; the toy pays the 15% Japan deal rate (facts s.9).
    built, directory = packaged
    monkeypatch.setenv(cache.DIR_VARIABLE, str(directory))
    question: dict[str, object] = {
        "product": "9503.00.00.90",
        "origin": "JP",
        "on": date(2025, 9, 10),
        "value": Decimal(1000),
        "claims": ["uk-auto-trq"],
    }
    view = cache.load_view(NAME, ProductCode.parse("9503.00.00.90"))
    assert view is not None
    assert _answer(view, question) == _answer(built, question)
    assert built.resolve(**question).rate == Decimal(15)  # type: ignore[arg-type]


def test_the_command_answers_alike_with_a_warm_cache(
    packaged: tuple[Schedule, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _, directory = packaged
    argv = ["rate", "9503.00.00.90", "--origin", "JP", "--date", "2025-09-10", "--value", "1000"]
    monkeypatch.setenv(cache.DIR_VARIABLE, str(directory))
    assert main([*argv, "--claim", "uk-auto-trq"]) == 0
    warm = capsys.readouterr().out
    monkeypatch.setenv(cache.OFF_VARIABLE, "1")
    assert main([*argv, "--claim", "uk-auto-trq"]) == 0
    assert capsys.readouterr().out == warm == "15% = 150.00\n"


def _copy(packaged: tuple[Schedule, Path], to: Path) -> Path:
    _, directory = packaged
    to.mkdir(mode=0o700)
    for name in ("secret", f"{NAME}.schedule"):
        (to / name).write_bytes((directory / name).read_bytes())
        (to / name).chmod(0o600)
    return to


@pytest.mark.parametrize("file", ["secret", f"{NAME}.schedule"])
def test_a_file_others_may_read_or_write_is_ignored_with_a_warning(
    packaged: tuple[Schedule, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, file: str
) -> None:
    directory = _copy(packaged, tmp_path / "c")
    (directory / file).chmod(0o644)
    monkeypatch.setenv(cache.DIR_VARIABLE, str(directory))
    with pytest.warns(cache.CacheWarning, match="may be read or written by others"):
        assert cache.load(NAME) is None


def test_a_linked_cache_file_is_not_followed(
    packaged: tuple[Schedule, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    directory = _copy(packaged, tmp_path / "c")
    elsewhere = tmp_path / "planted.schedule"
    (directory / f"{NAME}.schedule").rename(elsewhere)
    (directory / f"{NAME}.schedule").symlink_to(elsewhere)
    monkeypatch.setenv(cache.DIR_VARIABLE, str(directory))
    assert cache.load(NAME) is None


def test_a_file_of_another_user_is_ignored_with_a_warning(
    packaged: tuple[Schedule, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Without root a file of another owner cannot be made: the owner seen by the check is moved instead.
    directory = _copy(packaged, tmp_path / "c")
    monkeypatch.setenv(cache.DIR_VARIABLE, str(directory))
    real = os.getuid()
    monkeypatch.setattr(os, "getuid", lambda: real + 1)  # the os module the cache calls
    monkeypatch.setattr(cache, "_usable", lambda _d: True)  # the directory itself passes
    with pytest.warns(cache.CacheWarning, match="belongs to another user"):
        assert cache.load(NAME) is None


def test_a_planted_pickle_never_runs(
    packaged: tuple[Schedule, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    directory = _copy(packaged, tmp_path / "c")
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (marker.write_text, ("x",))

    (directory / f"{NAME}.schedule").write_bytes(pickle.dumps(Payload()))
    (directory / f"{NAME}.schedule").chmod(0o644)
    monkeypatch.setenv(cache.DIR_VARIABLE, str(directory))
    with pytest.warns(cache.CacheWarning):
        assert cache.load(NAME) is None
    assert not marker.exists()
