"""
Generate the packaged MFN extract, src/tariffcalc/us/data/hts_mfn.json.gz,
from the USITC HTS exports in tests/data/hts/.

Run from the repository root:

    python scripts/make_mfn_extract.py [--check]

The header of the extract records each source file and its sha256. The
output is deterministic (sorted lines, gzip without a timestamp), so running
it twice gives the same bytes; ``--check`` exits 1 if the committed extract
differs from a fresh one.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path

from tariffcalc.io.hts import KNOWN_REVISIONS, read_revision
from tariffcalc.us.mfn import build_extract

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "tests" / "data" / "hts"
OUTPUT = ROOT / "src" / "tariffcalc" / "us" / "data" / "hts_mfn.json.gz"


def extract_bytes() -> bytes:
    """The gzipped extract of the three known revisions."""
    revisions, sources = [], []
    for revision in KNOWN_REVISIONS:
        path = SOURCES / f"{revision.stem}.json.gz"
        revisions.append(read_revision(path, revision))
        sources.append({"file": path.name, "sha256": hashlib.sha256(path.read_bytes()).hexdigest()})
    data = build_extract(revisions, sources)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--check", action="store_true", help="only check that the committed extract is current")
    args = parser.parse_args(argv)
    fresh = extract_bytes()
    if args.check:
        current = OUTPUT.read_bytes() if OUTPUT.exists() else b""
        if current != fresh:
            print(f"{OUTPUT} is out of date; run python scripts/make_mfn_extract.py", file=sys.stderr)
            return 1
        print(f"{OUTPUT} is current ({len(fresh):,} bytes)")
        return 0
    OUTPUT.write_bytes(fresh)
    print(f"wrote {OUTPUT} ({len(fresh):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
