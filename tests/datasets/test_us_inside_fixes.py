"""
Fixes inside the period the packaged us-2025-26 schedule covers (January 2025
to June 2026), each worked by hand from the HTS heading, note or footnote it
follows: the Section 301 four-year-review steps (U.S. note 31 of chapter 99
subchapter III), the List 3 goods of note 20(g) (heading 9903.88.04), Russian
aluminium and steel, the UK civil-aircraft exception, the 2026 metals annex
prefixes and Chapter 98.

Customs value 10,000 throughout. MFN rates are those of the HTS revision in
force (``tests/data/hts/``): HTS 2025 Rev 32 for 2025 entries, HTS 2026 Rev 10
for 2026 entries; for the products used here the two agree.

The hand-worked entries are rows of ``tests/data/worked/inside_fixes.toml``, checked by
``test_worked_examples.py``.
"""

from __future__ import annotations

import gzip
import json
import re
from datetime import date
from functools import cache
from pathlib import Path

import pytest

LISTS = Path(__file__).parents[2] / "src" / "tariffcalc" / "us" / "data" / "us2025" / "lists"
DATA = Path(__file__).parents[1] / "data"
PRIMARY = DATA / "primary"

S122 = "9903.03.01"
FENTANYL_CN = "9903.01.24"  # China fentanyl IEEPA, 20% until 10 Nov 2025 (facts s.3)
RECIPROCAL_CN = "9903.01.25"  # 10% reciprocal on China from 14 May 2025 (facts s.4)


UK_TUBE = "7608.20.00.30"  # seamless aluminium-alloy tubes: MFN 5.7% (7608.20.00, HTS 2025 Rev 32 / 2026 Rev 10)


# The facts of this topic's measures and rules, each row citing its source, are rows of tests/data/facts/inside_fixes.toml,
# checked by test_us2025_facts.py.


# --- the lists against the primary texts -------------------------------------------------

CODE = re.compile(r"^\[?\(?(\d{4}(?:\.\d{2}){0,2}(?:\.?\d{2,4})?)[,;.)\]]*$")
#: Words that open an annex table's run of codes (e.g. "Steel 7206 7207 ...").
LABELS = {"Steel", "Aluminum", "Copper", "Derivatives", "Articles"}


def list_codes(name: str) -> list[str]:
    """The include prefixes of a packaged list (carve-outs left out)."""
    words = (line.split("#", 1)[0].strip() for line in (LISTS / name).read_text(encoding="utf-8").splitlines())
    return [w for w in words if w and not w.startswith("-")]


def digits(code: str) -> str:
    return code.replace(".", "")


def printed_codes(lines: list[str]) -> tuple[set[str], set[str]]:
    """Codes printed as codes (at a line's start, after a code or a table label) and codes printed after a word."""
    printed: set[str] = set()
    described: set[str] = set()
    for line in lines:
        words = line.split()
        for i, word in enumerate(words):
            m = CODE.match(word)
            if not m:
                continue
            before = words[i - 1] if i else ""
            as_code = not before or CODE.match(before) is not None or before in LABELS
            (printed if as_code else described).add(digits(m.group(1)))
    return printed, described


@cache
def annex_sections() -> dict[str, tuple[set[str], set[str]]]:
    """Annex I-A, I-B, II and III of the Proclamation of 2 April 2026, each with its printed and described codes."""
    with gzip.open(PRIMARY / "proc_2026-04-02_annexes_text.txt.gz", "rt", encoding="utf-8", errors="replace") as f:
        lines = f.read().split("\n")
    starts = {
        name: next(i for i, line in enumerate(lines) if line.lstrip("\x0c").startswith(f"Annex {name}:"))
        for name in ("I-A", "I-B", "II", "III")
    }
    bounds = [*sorted(starts.values()), len(lines)]
    return {name: printed_codes(lines[start : bounds[bounds.index(start) + 1]]) for name, start in starts.items()}


ANNEX_LISTS = [
    ("s232_2026_annex_1a_articles.txt", "I-A"),
    ("s232_2026_annex_1a_derivatives.txt", "I-A"),
    ("s232_2026_annex_1a_copper.txt", "I-A"),
    ("s232_2026_annex_1b.txt", "I-B"),
    ("s232_2026_annex_1b_copper.txt", "I-B"),
    ("s232_2026_annex_3.txt", "III"),
]


@pytest.mark.parametrize(("name", "annex"), ANNEX_LISTS)
def test_annex_list_codes_are_printed_in_the_annex(name: str, annex: str) -> None:
    """Every code of a 2026 metals list is printed as a code in its annex (an 8-digit code also as its `.00` line).

    A code that the annex prints only inside a description ("parts ... of the machines of heading 8471") is a
    parse error of the peer file, not a row of the annex.
    """
    printed, described = annex_sections()[annex]
    missing = [c for c in list_codes(name) if digits(c) not in printed and digits(c) + "00" not in printed]
    only_described = [c for c in missing if digits(c) in described]
    assert (missing, only_described) == ([], [])


def test_annex_i_b_does_not_name_computers() -> None:
    """ "8471" is in the annex text only inside descriptions ("... for automatic data processing machines ... of
    heading 8471"); the parts 8473.30.20.00 and 8473.30.51.00 are printed in Annex II (removed from scope)."""
    sections = annex_sections()
    assert "8471" in sections["I-B"][1]
    assert not any("8471" in printed for printed, _ in sections.values())
    assert {"8473302000", "8473305100"} <= sections["II"][0]
    assert not {"8471", "8473.30.20.00", "8473.30.51.00"} & set(list_codes("s232_2026_annex_1b.txt"))


@cache
def chapter99_notes() -> list[str]:
    with gzip.open(PRIMARY / "chapter99_us_notes_2026_rev_6.txt.gz", "rt", encoding="utf-8", errors="replace") as f:
        return f.read().split("\n")


def subdivision(opening: str, closing: str) -> set[str]:
    """Every code printed between the line that opens a note subdivision and the line that opens the next."""
    lines = chapter99_notes()
    start = next(i for i, line in enumerate(lines) if line.startswith(opening))
    end = next(i for i, line in enumerate(lines) if i > start and line.startswith(closing))
    found: set[str] = set()
    for line in lines[start:end]:
        found |= {digits(m.group(1)) for w in line.split() if (m := CODE.match(w))}
    return found


@cache
def hts_lines() -> set[str]:
    """Every code of the three HTS revisions in tests/data/hts."""
    codes: set[str] = set()
    for name in ("hts_2025_basic", "hts_2025_rev_32", "hts_2026_rev_10"):
        with gzip.open(DATA / "hts" / f"{name}.json.gz", "rt", encoding="utf-8") as f:
            codes |= {digits(row["htsno"]) for row in json.load(f) if row["htsno"]}
    return codes


S301_LISTS = [
    ("s301_list_1.txt", "(b) Heading 9903.88.01 applies", "(c) For the purposes of heading 9903.88.02"),
    ("s301_list_2.txt", "(d) Heading 9903.88.02 applies", "(e) For the purposes of heading 9903.88.03"),
    ("s301_list_3.txt", "(f) Heading 9903.88.03 applies", "(g) For the purposes of heading 9903.88.04"),
    ("s301_list_3_9903_88_04.txt", "(g) For the purposes of heading 9903.88.04", "(h) The U.S. Trade Representative"),
    ("s301_list_4a.txt", "(s) Heading 9903.88.15 applies", "(t) For the purposes of heading 9903.88.16"),
]


@pytest.mark.parametrize(("name", "opening", "closing"), S301_LISTS, ids=[n for n, *_ in S301_LISTS])
def test_s301_list_codes_are_printed_in_note_20(name: str, opening: str, closing: str) -> None:
    """Every code of a List 1/2/3/4A file is printed in its subdivision of U.S. note 20 (HTS 2026 Rev 6).

    Two kinds of code are allowed outside it: codes that note 31 prints (the four-year review moved them to
    9903.91.xx, whose measures replace the list rate), and codes that are no line of any HTS revision in the
    repo (numbers the HTS has since replaced; they match no entry). A 10-digit code of note 20(g) is printed
    as its 8-digit line with the statistical numbers written out.
    """
    printed = subdivision(opening, closing)
    note_31 = subdivision("31. (a)", "32. ")
    codes = list_codes(name)
    outside = [c for c in codes if digits(c)[:8] not in printed and digits(c) not in printed]
    unexplained = [c for c in outside if digits(c) not in note_31 and digits(c) in hts_lines()]
    assert unexplained == []


# --- Chapter 98 ---------------------------------------------------------------------------


def test_repairs_abroad_still_pay() -> None:
    """Note 2(u): the chapter 98 exception excepts 9802.00.40, .50, .60 and 9802.00.80: those pay the IEEPA duty."""
    from tariffcalc.datasets import load_schedule

    r = load_schedule("us-2025-26").resolve("9802.00.40.20", "CN", date(2025, 6, 1), value="10000")
    headings = {line.heading for line in r.lines}
    assert {FENTANYL_CN, RECIPROCAL_CN} <= headings


@pytest.mark.parametrize("stem", ["hts_2025_basic", "hts_2025_rev_32", "hts_2026_rev_10"])
def test_every_chapter_98_line_is_known(stem: str) -> None:
    """Every 8- and 10-digit chapter 98 line of each HTS revision is a line of the schedule on its effective day
    (291 of them print only a Special rate and were dropped before)."""
    from tariffcalc.datasets import load_schedule
    from tariffcalc.io.hts import KNOWN_REVISIONS

    revision = next(r for r in KNOWN_REVISIONS if r.stem == stem)
    with gzip.open(DATA / "hts" / f"{stem}.json.gz", "rt", encoding="utf-8") as f:
        codes = [
            row["htsno"]
            for row in json.load(f)
            if row["htsno"].startswith("98") and len(digits(row["htsno"])) in (8, 10)
        ]
    schedule = load_schedule("us-2025-26")
    assert len(codes) == 503
    for code in codes:
        schedule.check_product(code, revision.effective)


# --- UK civil aircraft ----------------------------------------------------------------------


def test_uk_heading_is_for_the_uk() -> None:
    """9903.96.01 covers articles "of the United Kingdom": a French tube claimed as civil aircraft in July 2025
    still pays the aluminium duty 9903.85.02."""
    from tariffcalc.datasets import load_schedule

    r = load_schedule("us-2025-26").resolve(UK_TUBE, "FR", date(2025, 7, 15), value="10000", claims=("civil-aircraft",))
    headings = {line.heading for line in r.lines}
    assert "9903.85.02" in headings
    assert "9903.96.01" not in headings


def test_uk_civil_aircraft_list_is_note_35_a() -> None:
    """The list is every provision note 35(a) prints, between its opening and subdivision (b)."""
    lines = chapter99_notes()
    start = next(i for i, line in enumerate(lines) if line.startswith("(a) As provided in heading 9903.96.01"))
    end = next(i for i, line in enumerate(lines) if i > start and "(b) As provided in heading 9903.96.02" in line)
    text = "\n".join(lines[start:end])
    printed = re.findall(r"(?<![\d.])(\d{4}\.\d{2}\.\d{2})(?![\d.])", text[text.index("following provisions") :])
    assert list_codes("civil_aircraft_uk.txt") == printed


@pytest.mark.parametrize(
    ("origin", "on", "duty"),
    [
        ("CN", date(2025, 4, 20), ("9903.01.24", "9903.01.63")),  # notes 2(u), 2(v)(i): fentanyl 20%, reciprocal 125%
        ("CA", date(2025, 9, 10), ("9903.01.10",)),  # note 2(j): Canada 35%
        ("DE", date(2025, 9, 10), ("9903.02.19", "9903.02.20")),  # note 2(v)(i): the EU 15% headings
        ("DE", date(2026, 3, 10), (S122,)),  # note 2(aa)(i): Section 122
    ],
)
def test_no_chapter_98_line_pays_ieepa_or_s122(origin: str, on: date, duty: tuple[str, ...]) -> None:
    """Every chapter 98 line of HTS 2025 Rev 32 but 9802.00.40, .50, .60 and .80 is free of the duties the notes
    exempt it from; those four pay them."""
    from tariffcalc.datasets import load_schedule

    schedule = load_schedule("us-2025-26")
    with gzip.open(DATA / "hts" / "hts_2025_rev_32.json.gz", "rt", encoding="utf-8") as f:
        codes = [
            row["htsno"]
            for row in json.load(f)
            if row["htsno"].startswith("98") and len(digits(row["htsno"])) in (8, 10)
        ]
    paying = []
    for code in codes:
        r = schedule.resolve(code, origin, on, value="10000")
        if {line.heading for line in r.lines} & set(duty):
            paying.append(code)
    excepted = ("9802.00.40", "9802.00.50", "9802.00.60", "9802.00.80")
    assert paying
    assert all(code.startswith(excepted) for code in paying)
