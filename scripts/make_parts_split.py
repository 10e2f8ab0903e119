"""
Split the lines on both Section 232 parts lists by what the HTS text says
they are: the automobile-parts list (U.S. note 33(g), Proc. 10908,
``lists/s232_auto_parts.txt``) and the medium- and heavy-duty vehicle
parts list (U.S. note 38(i), Proc. 10984, ``lists/s232_mhd_parts.txt``).

A line on both lists is read with the text of its HTS line and of every
line it is indented under (HTS 2026 Rev 10, ``tests/data/hts/``):

* ``car``: the most specific text that names a vehicle names only a
  passenger vehicle ("of heading 8703", "motor cars", "passenger"): the
  automobile-parts duty only;
* ``truck``: it names only vehicles that are not passenger vehicles or
  light trucks (road tractors of 8701.21-8701.29, tractors, buses of 8702,
  trucks and buses, special-purpose vehicles of 8705): the MHDV parts duty
  only;
* ``either``: no text names a vehicle, or the one that does names both
  kinds, or heading 8704 (which holds light trucks and heavy ones): the
  duty depends on the use, which the importer claims (``for-mhdv`` or
  ``for-passenger-vehicle``).

Run from the repository root (``--check`` exits 1 if the committed lists
differ from fresh ones)::

    python scripts/make_parts_split.py [--check]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LISTS = ROOT / "src" / "tariffcalc" / "us" / "data" / "us2025" / "lists"
HTS = ROOT / "tests" / "data" / "hts" / "hts_2026_rev_10.json.gz"
AUTO = LISTS / "s232_auto_parts.txt"
MHD = LISTS / "s232_mhd_parts.txt"
#: The generated lists: the car lines (carve-outs of the MHDV parts duty), the lines whose use decides,
#: as carve-outs of the MHDV parts duty and as the products of the duty that asks for the use.
CAR = LISTS / "s232_parts_both_car.txt"
EITHER = LISTS / "s232_parts_both_either.txt"
EITHER_OUT = LISTS / "s232_parts_both_either_carveouts.txt"

#: A passenger vehicle, or a vehicle of at most 4 tonnes gross weight (never a medium- or heavy-duty one).
_CAR = re.compile(r"\b8703\b|motor cars?\b|passenger|G\.V\.W\. not exceeding 4 metric tons", re.IGNORECASE)
#: Road tractors, buses, special-purpose vehicles, tractors, "buses or trucks" (not "works trucks": machines).
_TRUCK = re.compile(
    r"8701\.2[1-9]|\b8702\b|\b8705\b|tractors?\b|\bbus(es)? or trucks?\b|\btrucks? and bus(es)?\b", re.IGNORECASE
)
#: Heading 8704 holds light trucks (a passenger vehicle or light truck of note 33) and heavy ones.
_LIGHT_OR_HEAVY = re.compile(r"\b8704\b|8704\.\d\d")
#: A range of headings ("the motor vehicles of headings 8701 to 8705") names no vehicle in particular.
_RANGE = re.compile(r"\b87\d\d to 87\d\d\b")


def digits(code: str) -> str:
    return code.replace(".", "")


def read_list(path: Path) -> list[str]:
    """The codes of a list file (comments and blank lines left out)."""
    codes = []
    for line in path.read_text(encoding="utf-8").splitlines():
        code = line.split("#", 1)[0].strip()
        if code:
            codes.append(code)
    return codes


def hts_texts(path: Path = HTS) -> dict[str, list[str]]:
    """The text of each numbered HTS line with the texts of the lines it is indented under, by digits."""
    rows = json.loads(gzip.decompress(path.read_bytes()))
    stack: list[str] = []
    texts: dict[str, list[str]] = {}
    for row in rows:
        indent = int(row.get("indent") or 0)
        stack = [*stack[:indent], row.get("description") or ""]
        number = digits(row.get("htsno") or "")
        if number:
            texts[number] = list(stack)
            if len(number) == 10 and number.endswith("00"):
                texts.setdefault(number[:8], list(stack))  # an 8-digit line printed with its only suffix
    return texts


def on_both(auto: list[str], mhd: list[str]) -> list[str]:
    """The lines on both lists: the more specific code of each pair of codes one of which is under the other."""
    found = set()
    for a in auto:
        for m in mhd:
            if digits(a).startswith(digits(m)) or digits(m).startswith(digits(a)):
                found.add(a if len(digits(a)) >= len(digits(m)) else m)
    return sorted(found, key=digits)


def text_of(code: str, texts: dict[str, list[str]]) -> list[str]:
    """The texts of the line *code* and of the lines above it (at the longest known prefix of the code)."""
    d = digits(code)
    for n in range(len(d), 3, -1):
        if d[:n] in texts:
            return texts[d[:n]]
    raise KeyError(f"{code} is not an HTS line of {HTS.name}")


def classify(chain: list[str]) -> str:
    """``car``, ``truck`` or ``either`` for a line whose text (with its parents') is *chain*."""
    # The most specific text that names a vehicle decides: a line "For vehicles of heading 8703" under
    # "Parts and accessories of the motor vehicles of headings 8701 to 8705" is a car part. A text that
    # names a car and another vehicle (or heading 8704, light and heavy trucks) leaves the use open.
    for text in reversed(chain):
        text = _RANGE.sub("", text)
        car, truck, either = bool(_CAR.search(text)), bool(_TRUCK.search(text)), bool(_LIGHT_OR_HEAVY.search(text))
        if car and not truck and not either:
            return "car"
        if truck and not car and not either:
            return "truck"
        if car or truck or either:
            return "either"
    return "either"


def split() -> dict[str, list[tuple[str, str]]]:
    """The lines on both lists by class, each with the text that decided it (or the line's own)."""
    texts = hts_texts()
    out: dict[str, list[tuple[str, str]]] = {"car": [], "truck": [], "either": []}
    for code in on_both(read_list(AUTO), read_list(MHD)):
        chain = text_of(code, texts)
        kind = classify(chain)
        out[kind].append((code, " > ".join(t.strip().rstrip(":") for t in chain)))
    return out


_HEADER = """# Generated by scripts/make_parts_split.py from lists/s232_auto_parts.txt (U.S. note 33(g),
# Proc. 10908), lists/s232_mhd_parts.txt (U.S. note 38(i), Proc. 10984) and the HTS 2026 Rev 10
# text of each line and of the lines it is indented under. Do not edit: run the script.
# {what}
# {count} lines.
"""


def files() -> dict[Path, str]:
    """Each generated list and its text."""
    found = split()

    def text(what: str, rows: list[tuple[str, str]], prefix: str) -> str:
        lines = [f"{prefix}{code}  # {chain}" for code, chain in rows]
        return _HEADER.format(what=what, count=len(rows)) + "\n".join(lines) + "\n"

    return {
        CAR: text(
            "On both lists, the text names a passenger vehicle: not an MHDV part (carve-outs of 9903.74.08).",
            found["car"],
            "-",
        ),
        EITHER: text(
            "On both lists, the text names no vehicle: the use decides (claim for-mhdv or for-passenger-vehicle).",
            found["either"],
            "",
        ),
        EITHER_OUT: text(
            "The lines of s232_parts_both_either.txt as carve-outs of the MHDV parts duty of 9903.74.08.",
            found["either"],
            "-",
        ),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed lists differ")
    args = parser.parse_args(argv)
    stale = []
    for path, text in files().items():
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(path.name)
        else:
            path.write_text(text, encoding="utf-8")
    if stale:
        print("stale: " + ", ".join(stale) + " (run python scripts/make_parts_split.py)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
