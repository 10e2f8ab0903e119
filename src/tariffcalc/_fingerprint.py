"""
A schedule's fingerprint: a sha256 of its content that does not depend on
set order or hash seeds, so the same content always has the same hash (the
packaged schedules' fingerprints are pinned in
``tariffcalc/datasets/fingerprints.json``).

>>> from tariffcalc import Schedule
>>> fingerprint(Schedule("a")) == fingerprint(Schedule("a")) != fingerprint(Schedule("b"))
True
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from tariffcalc.schedule import Schedule

__all__ = ["fingerprint"]


def fingerprint(schedule: Schedule) -> str:
    """
    The sha256 of *schedule*'s canonical text: its name and parts (a part
    added later, such as programmes or a horizon, is left out when absent,
    so that schedules without it keep the fingerprint they always had).
    """
    memo: dict[int, str] = {}
    parts: tuple[Any, ...] = (schedule.name, schedule.measures, schedule.rules, schedule.suspensions, schedule.groups)
    if schedule.programmes:  # a schedule without programmes keeps the fingerprint it always had
        parts += (schedule.programmes,)
    if schedule.horizon is not None:  # schedules without one keep the fingerprint they always had
        parts += (str(schedule.horizon),)
    text = "[" + ",".join(_canonical(part, memo) for part in parts) + "]"
    return hashlib.sha256(text.encode()).hexdigest()


_FINGERPRINTED: dict[type, tuple[tuple[str, bool], ...]] = {}


def _fingerprinted(cls: type) -> tuple[tuple[str, bool], ...]:
    """
    The fields of attrs class *cls* a fingerprint reads, each with whether
    it is left out when empty (a field added later, so that values without
    it keep the fingerprint they had).
    """
    found = _FINGERPRINTED.get(cls)
    if found is None:
        found = _FINGERPRINTED[cls] = tuple(
            (f.name, f.metadata.get("fingerprint") == "unless-empty") for f in attrs.fields(cls) if f.eq
        )
    return found


def _canonical(value: Any, memo: dict[int, str]) -> str:
    """A JSON text of a value that does not depend on set order or hash seeds (shared parts computed once)."""
    key = id(value)
    if key in memo:
        return memo[key]
    if attrs.has(type(value)):
        parts = [json.dumps(type(value).__name__)]
        for name, unless_empty in _fingerprinted(type(value)):
            field = getattr(value, name)
            if field or not unless_empty:
                parts.append(_canonical(field, memo))
        result = "[" + ",".join(parts) + "]"
    elif isinstance(value, frozenset | set):
        result = "[" + ",".join(sorted(_canonical(v, memo) for v in value)) + "]"
    elif isinstance(value, tuple | list):
        result = "[" + ",".join(_canonical(v, memo) for v in value) + "]"
    elif isinstance(value, Enum):
        result = json.dumps(value.value)
    elif isinstance(value, Decimal | date):
        result = json.dumps(str(value))
    else:
        result = json.dumps(value)
    memo[key] = result
    return result
