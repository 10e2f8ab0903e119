"""Shared fixtures for the HTS tests: the three shipped revisions, read once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from tariffcalc.io.hts import KNOWN_REVISIONS, HtsRevision, read_revision

DATA = Path(__file__).resolve().parent.parent / "data" / "hts"


@pytest.fixture(scope="session")
def revisions() -> tuple[HtsRevision, ...]:
    """The 2025 Basic Edition, 2025 Rev. 32 and 2026 Rev. 10, in that order."""
    return tuple(read_revision(DATA / f"{r.stem}.json.gz") for r in KNOWN_REVISIONS)


@pytest.fixture(scope="session")
def rev32(revisions: tuple[HtsRevision, ...]) -> HtsRevision:
    """HTS 2025 Revision 32."""
    return revisions[1]
