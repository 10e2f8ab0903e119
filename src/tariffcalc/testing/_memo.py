"""
Strategy factories remembered by their arguments.

Hypothesis checks a strategy and works out its label the first time it is
drawn from. A composite strategy that calls ``product_scopes()`` or
``periods(a, b)`` in its body would build, and so check, a new strategy on
every draw; remembering the strategy a factory returned for the same
arguments makes that work happen once. Arguments that cannot be hashed (a
list) get a new strategy, as before.

>>> from hypothesis import strategies as st
>>> @memoised
... def small(limit: int) -> st.SearchStrategy[int]:
...     return st.integers(0, limit)
>>> small(3) is small(3), small(3) is small(4)
(True, False)
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

__all__ = ["memoised"]

P = ParamSpec("P")
S = TypeVar("S")

#: Enough for every distinct call of a test run; past it the memory is given back and refilled.
_LIMIT = 4096


def memoised(factory: Callable[P, S]) -> Callable[P, S]:
    """*factory*, returning the same strategy for the same (hashable) arguments."""
    made: dict[Any, S] = {}

    @functools.wraps(factory)
    def remembered(*args: P.args, **kwargs: P.kwargs) -> S:
        key = (args, tuple(sorted(kwargs.items())))
        try:
            found = made.get(key)
        except TypeError:  # an unhashable argument
            return factory(*args, **kwargs)
        if found is None:
            if len(made) >= _LIMIT:
                made.clear()
            found = made[key] = factory(*args, **kwargs)
        return found

    return remembered
