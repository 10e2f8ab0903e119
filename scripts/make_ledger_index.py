"""
Write src/tariffcalc/us/data/chapter99/headings.csv, the index of
every 9903 heading of every HTS revision the repository holds: the USITC
JSON exports in tests/data/hts/ (every heading of the revision) and the
heading tables of 2026 Revisions 12-20 in tests/data/hts/2026h2/headings/
(the headings each revision established or modified).

    python scripts/make_ledger_index.py          # write the index
    python scripts/make_ledger_index.py --check  # exit 1 if it is stale

tests/datasets/test_ledger.py runs the same check. The revisions and their
order are those of the ledger (src/tariffcalc/us/data/chapter99/ledger.toml).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from tariffcalc.io.hts import read_rows
from tariffcalc.us.ledger import INDEX, load_ledger

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "tests" / "data" / "hts"
_HEADING_ROW = re.compile(r"^\| (9903\.\d{2}(?:\.\d{2})?) \|", re.MULTILINE)


def headings_of(source: str) -> set[str]:
    """The 9903 headings of one revision's source file (a USITC JSON export or a heading table)."""
    if not source:  # a revision that changed no Chapter 99 heading
        return set()
    path = SOURCES / source
    if path.suffix == ".md":
        return set(_HEADING_ROW.findall(path.read_text(encoding="utf-8")))
    return {row.htsno for row in read_rows(path) if row.htsno.startswith("9903")}


def render() -> str:
    """The index as the repository's HTS files make it."""
    ledger = load_ledger()
    present: dict[str, list[str]] = {}
    for revision in ledger.revisions:
        for heading in sorted(headings_of(revision.source)):
            present.setdefault(heading, []).append(revision.id)
    lines = [
        "# Every 9903 heading of the HTS revisions the ledger reads, and the revisions that print it",
        "# (all headings of a JSON export; the headings a 2026 Rev 12-20 heading table established or",
        "# modified). Written by scripts/make_ledger_index.py from tests/data/hts/; do not edit.",
        "heading,revisions",
    ]
    lines += [f"{heading},{';'.join(ids)}" for heading, ids in sorted(present.items())]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if not INDEX.exists() or INDEX.read_text(encoding="utf-8") != text:
            print(f"{INDEX} is stale: run python scripts/make_ledger_index.py", file=sys.stderr)
            return 1
        return 0
    INDEX.write_text(text, encoding="utf-8")
    print(f"wrote {INDEX}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
