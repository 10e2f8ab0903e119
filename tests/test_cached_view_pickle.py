"""
A one-chapter view read from the schedule cache knows the whole schedule's
words (claims, contents, units); pickled to a worker, it must still know
them, or the worker refuses a claim the whole schedule accepts.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest

import tariffcalc.datasets as datasets
from tariffcalc import ProductCode, Schedule
from tariffcalc.datasets import _cache as cache

NAME = "us-2025-26"


@pytest.fixture(scope="module")
def view(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Schedule, Schedule]]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(cache.DIR_VARIABLE, str(tmp_path_factory.mktemp("view-pickle")))
        mp.delenv(cache.OFF_VARIABLE, raising=False)
        built = datasets._from_sources(NAME)
        assert cache.store(NAME, built) is not None
        found = cache.load_view(NAME, ProductCode.parse("9503.00.00.90"))
        assert found is not None
        yield built, found


def test_a_pickled_view_keeps_the_whole_schedules_vocabulary(view: tuple[Schedule, Schedule]) -> None:
    built, one_chapter = view
    # uk-auto-trq is claimed only by chapter 87 measures (the UK auto quota, facts s.9): the toy
    # chapter's own measures never name it, but the view knows it as the whole schedule does.
    assert "uk-auto-trq" in built.vocabulary.claims
    assert one_chapter.vocabulary == built.vocabulary
    again: Schedule = pickle.loads(pickle.dumps(one_chapter))
    assert again.vocabulary == built.vocabulary
    assert pickle.loads(pickle.dumps(again)).vocabulary == built.vocabulary


def test_a_pickled_view_answers_the_claim_as_the_whole_schedule(view: tuple[Schedule, Schedule]) -> None:
    # A toy of Japan (9503.00.00.90) on 2025-09-10 claiming the UK auto quota: the claim changes nothing
    # for a toy, so the Japan deal's 15% all-in rate applies (facts s.9), as the whole schedule answers.
    built, one_chapter = view
    question = {"product": "9503.00.00.90", "origin": "JP", "on": date(2025, 9, 10), "value": Decimal(1000)}
    again: Schedule = pickle.loads(pickle.dumps(one_chapter))
    answer = again.resolve(**question, claims=["uk-auto-trq"])  # type: ignore[arg-type]
    assert answer.rate == Decimal(15)
    assert answer.to_dict() == built.resolve(**question, claims=["uk-auto-trq"]).to_dict()  # type: ignore[arg-type]
