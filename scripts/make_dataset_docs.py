"""
Write docs/reference/us-data.md, the catalogue of the packaged data: every
measure, suspension, rule and instrument with its dates and citation, then
what the data does not cover and why (src/tariffcalc/datasets/us2025/GAPS.md).

    python scripts/make_dataset_docs.py          # write the page
    python scripts/make_dataset_docs.py --check  # exit 1 if the page is stale

tests/datasets/test_catalogue.py runs the same check.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tariffcalc.datasets import data_path, us2025_data
from tariffcalc.datasets.catalogue import catalogue

PAGE = Path(__file__).resolve().parent.parent / "docs" / "reference" / "us-data.md"


def render() -> str:
    """The page as the packaged data makes it."""
    return catalogue(us2025_data(), gaps=(data_path() / "GAPS.md").read_text(encoding="utf-8"))


def main(argv: list[str]) -> int:
    page = render()
    if "--check" in argv:
        if not PAGE.exists() or PAGE.read_text(encoding="utf-8") != page:
            print(f"{PAGE} is stale: run python scripts/make_dataset_docs.py", file=sys.stderr)
            return 1
        return 0
    PAGE.write_text(page, encoding="utf-8")
    print(f"wrote {PAGE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
