"""
Pausing Python's cyclic garbage collector while bulk work allocates.

Building an index of 64,000 measures, unpacking a pickled schedule or
resolving a frame of a million rows makes hundreds of thousands of objects
that are none of them garbage; each time the collector runs it walks every
object the process holds (the schedule's included), which made such work
several times slower. Reference counting still frees what is dropped.

>>> import gc
>>> with paused():
...     gc.isenabled()
False
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused"]

_lock = threading.Lock()
_depth = 0
_resume = False


@contextmanager
def paused() -> Iterator[None]:
    """
    Keep the collector off for the duration (threads and nested pauses
    included: it resumes when the last one ends, and only if it was on).
    """
    global _depth, _resume
    with _lock:
        if _depth == 0:
            _resume = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _resume:
                gc.enable()
