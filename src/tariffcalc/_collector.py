"""
Pausing Python's cyclic garbage collector while bulk work allocates, when
the process asks for it: ``TARIFFCALC_PAUSE_GC=1``.

Building an index of 64,000 measures, unpacking a pickled schedule or
resolving a frame of a million rows makes hundreds of thousands of objects
that are none of them garbage; each time the collector runs it walks every
object the process holds (the schedule's included). Pausing it makes such
work faster (``benchmarks/gc_pauses.py``), but the collector is the
process's, not the library's: a program that embeds tariffcalc keeps its
collector running unless whoever runs the process opts in. Reference
counting still frees what is dropped.

>>> import gc, os
>>> with paused():  # not asked for: nothing changes
...     gc.isenabled()
True
>>> os.environ[VARIABLE] = "1"
>>> with paused():
...     gc.isenabled()
False
>>> del os.environ[VARIABLE]
"""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["VARIABLE", "paused"]

#: The environment variable that lets bulk work pause the collector (``1``); unset or ``0``: never.
VARIABLE = "TARIFFCALC_PAUSE_GC"

_lock = threading.Lock()
_depth = 0
_resume = False


@contextmanager
def paused() -> Iterator[None]:
    """
    Keep the collector off for the duration when :data:`VARIABLE` asks for
    it (threads and nested pauses included: it resumes when the last one
    ends, and only if it was on); otherwise leave it as it is.
    """
    global _depth, _resume
    if os.environ.get(VARIABLE, "") in ("", "0"):
        yield
        return
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
