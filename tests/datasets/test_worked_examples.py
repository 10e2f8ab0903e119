"""
Every hand-worked legal example of ``tests/data/worked/*.toml`` on the
packaged schedule it names: the total and the headings that must, and must
not, be filed (:func:`tests.helpers.worked.check`).

Each row cites its source (the fact sheet section, U.S. note or heading) and
the arithmetic worked by hand from it; the test id names the topic file, the
entry and the source.
"""

from __future__ import annotations

import pytest

from tests.helpers.worked import Worked, check, check_reciprocal_pending, read_examples

EXAMPLES = read_examples()  # data files only: no schedule is built while the tests are collected


def test_every_topic_has_examples_and_every_example_its_working() -> None:
    assert len({e.topic for e in EXAMPLES}) >= 12
    assert all(e.source and e.working for e in EXAMPLES), [e.id for e in EXAMPLES if not e.working]


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.id for e in EXAMPLES])
def test_worked_example(example: Worked) -> None:
    if example.reciprocal_pending is None:
        check(example)
    else:
        check_reciprocal_pending(example, example.reciprocal_pending)
