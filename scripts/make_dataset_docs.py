"""
Write docs/reference/us-data.md, the catalogue of the packaged data: every
measure, suspension, rule and instrument with its dates and citation, then
what the data does not cover and why (src/tariffcalc/us/data/us2025/GAPS.md),
then the Chapter 99 ledger's counts per HTS revision. The ledger also writes
the part of GAPS.md that lists the headings not modelled yet.

    python scripts/make_dataset_docs.py          # write the page
    python scripts/make_dataset_docs.py --check  # exit 1 if the page is stale

tests/datasets/test_catalogue.py runs the same check (and tests/datasets/test_ledger.py
checks GAPS.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

from tariffcalc.datasets import data_path, us2025_data
from tariffcalc.datasets._catalogue import catalogue
from tariffcalc.us.ledger import cited_headings, load_ledger, markdown, with_gaps

PAGE = Path(__file__).resolve().parent.parent / "docs" / "reference" / "us-data.md"
GAPS = data_path() / "GAPS.md"


def render_gaps() -> str:
    """GAPS.md with its ledger part as the ledger makes it."""
    return with_gaps(GAPS.read_text(encoding="utf-8"), load_ledger())


def render() -> str:
    """The page as the packaged data makes it."""
    data, ledger = us2025_data(), load_ledger()
    page = catalogue(data, gaps=render_gaps())
    return page + "\n" + markdown(ledger, ledger.accounts(cited_headings(data, ledger.order)))


def main(argv: list[str]) -> int:
    page, gaps = render(), render_gaps()
    if "--check" in argv:
        stale = [
            p for p, text in ((PAGE, page), (GAPS, gaps)) if not p.exists() or p.read_text(encoding="utf-8") != text
        ]
        for path in stale:
            print(f"{path} is stale: run python scripts/make_dataset_docs.py", file=sys.stderr)
        return 1 if stale else 0
    GAPS.write_text(gaps, encoding="utf-8")
    PAGE.write_text(page, encoding="utf-8")
    print(f"wrote {GAPS} and {PAGE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
