"""
The Chapter 99 ledger (src/tariffcalc/us/data/chapter99/): every 9903 heading
of every HTS revision in the repo is cited by a measure of the packaged
schedule or listed with a reason, the ledger never contradicts the schedule,
and the HTS lines whose footnote names a modelled heading get that heading.
"""

from __future__ import annotations

import collections
import gzip
import json
import re
import runpy
from datetime import date
from pathlib import Path

import pytest

from tariffcalc import Country
from tariffcalc.datasets import load_schedule, us2025_data
from tariffcalc.errors import DataFileError, TariffError
from tariffcalc.us.ledger import (
    INDEX,
    FootnoteException,
    Ledger,
    LedgerEntry,
    LedgerRevision,
    Reason,
    cited_headings,
    compact,
    expand,
    load_ledger,
    read_ledger,
)

ROOT = Path(__file__).resolve().parents[2]
HTS = ROOT / "tests" / "data" / "hts"
SCRIPT = ROOT / "scripts" / "make_ledger_index.py"
_FOOTNOTE_HEADING = re.compile(r"9903\.\d{2}\.\d{2}")
#: Origins tried, in order, for the measure that cites a footnote's heading.
_ORIGINS = tuple(
    Country.parse(c) for c in ["CN", "JP", "DE", "GB", "IN", "BR", "VN", "KR", "CH", "TW", "CA", "MX", "AU", "RU"]
)


@pytest.fixture(scope="module")
def ledger() -> Ledger:
    return load_ledger()


@pytest.fixture(scope="module")
def cited(ledger: Ledger) -> frozenset[str]:
    return cited_headings(us2025_data(), ledger.order)


def test_the_index_is_what_the_hts_files_make() -> None:
    script = runpy.run_path(str(SCRIPT))
    assert INDEX.read_text(encoding="utf-8") == script["render"](), (
        "src/tariffcalc/us/data/chapter99/headings.csv is stale: run python scripts/make_ledger_index.py"
    )


def test_the_index_reads_every_revision_in_the_repo(ledger: Ledger) -> None:
    # The three USITC exports (every heading) and the eight heading tables of 2026 Rev 12-20
    # (136 rows: tests/data/hts/2026h2/headings_2026h2.csv); Rev 11 and Rev 19 changed no heading.
    exports = sorted(p.name for p in HTS.glob("hts_*.json.gz"))
    tables = sorted(p.name for p in (HTS / "2026h2" / "headings").glob("*.md"))
    sources = {Path(r.source).name for r in ledger.revisions if r.source}
    assert set(exports) | set(tables) == sources
    changed = {h for r in ledger.revisions if not r.complete for h in ledger.headings_of(r.id)}
    assert len(changed) == 136
    assert [len(ledger.headings_of(r)) for r in ("2025 Basic", "2025 Rev 32", "2026 Rev 10")] == [447, 680, 502]


def test_every_heading_of_every_revision_is_accounted_for(ledger: Ledger, cited: frozenset[str]) -> None:
    """A heading neither cited by a measure nor listed in the ledger fails, grouped per revision."""
    unaccounted = {a.revision: a.unaccounted for a in ledger.accounts(cited) if a.unaccounted}
    report = "\n".join(f"  {rev}: {compact(hs, ledger.order)}" for rev, hs in unaccounted.items())
    assert not unaccounted, (
        "Chapter 99 headings neither cited by a measure (Citation.heading) nor listed in "
        f"src/tariffcalc/us/data/chapter99/ledger.toml:\n{report}"
    )


def test_the_ledger_does_not_contradict_the_schedule(ledger: Ledger, cited: frozenset[str]) -> None:
    """No listed heading is cited by a measure or missing from every revision; every entry has its note."""
    assert ledger.problems(cited) == []


def test_the_ledger_knows_the_last_revision_it_read(ledger: Ledger) -> None:
    # tests/data/hts/2026h2/revision_dates.csv: Rev 20 published 28 Sep 2026, effective 29 Sep 2026.
    assert (ledger.last_revision.id, ledger.last_revision.effective) == ("2026 Rev 20", date(2026, 9, 29))


def test_known_reasons_of_known_headings(ledger: Ledger) -> None:
    # 9903.52.01: cotton under a special import quota announcement; 9903.01.43: Cameroon's
    # EO 14257 rate, in force on 9 April 2025 only (facts s.1); 9903.88.69: Section 301
    # exclusions in force to 9 November 2026, not modelled.
    reasons = {h: ledger.entry(h).reason for h in ("9903.52.01", "9903.01.43", "9903.88.69")}  # type: ignore[union-attr]
    assert reasons == {"9903.52.01": Reason.QUOTA, "9903.01.43": Reason.ONE_DAY, "9903.88.69": Reason.NOT_MODELLED_YET}
    assert ledger.entry("9903.01.25") is None  # the reciprocal baseline is cited, never listed


def _footnoted() -> dict[tuple[str, str], date]:
    """(line, heading) of every HTS line whose footnote names a 9903 heading, with the first revision's date."""
    ledger = load_ledger()
    found: dict[tuple[str, str], date] = {}
    for revision in ledger.revisions:
        if not revision.complete:
            continue
        with gzip.open(HTS / revision.source, "rt", encoding="utf-8") as f:
            rows = json.load(f)
        for row in rows:
            for note in row.get("footnotes") or ():
                for heading in _FOOTNOTE_HEADING.findall(str(note.get("value", ""))):
                    found.setdefault((row["htsno"], heading), revision.effective)
    return found


def test_footnoted_headings_apply_to_their_lines(ledger: Ledger, cited: frozenset[str]) -> None:
    """
    An HTS line whose footnote says "See 9903.88.03" gets 9903.88.03 on a day and from an origin
    that a measure citing the heading covers (its first day inside the horizon and the line's
    revision, the first of a few origins it reaches), or the ledger says why not: the heading
    is listed, or a footnote exception lists the line. One resolution per line and heading.
    """
    us = load_schedule("us-2025-26")
    assert us.horizon is not None
    assert us.horizon.end is not None
    groups = {g.id: g for g in us.groups}
    tries: dict[str, list[tuple[date, date, Country]]] = collections.defaultdict(list)
    for m in sorted(us.measures, key=lambda m: m.validity.start):
        heading = m.citation.heading
        if heading is None or not heading.startswith("9903"):
            continue
        start = max(m.validity.start, us.horizon.start)
        end = min(e for e in (m.validity.end, us.horizon.end) if e is not None)
        origin = next((c for c in _ORIGINS if m.origins.covers(c, start, groups)), None)
        if start < end and origin is not None:
            tries[heading].append((start, end, origin))
    excepted = {(line, f.heading) for f in ledger.footnotes for line in f.lines}
    footnoted = _footnoted()
    failed: dict[str, list[str]] = collections.defaultdict(list)
    for line, heading in sorted(excepted - set(footnoted)):
        failed[f"{heading} (a footnote exception for a line without that footnote)"].append(line)
    checked = 0
    for (line, heading), first in sorted(footnoted.items()):
        if heading not in cited:
            if ledger.entry(heading) is None:  # a heading being modelled, or one the HTS footnote misprints
                failed[f"{heading} (neither cited nor listed)"].append(line)
            continue
        applied = False
        for start, end, origin in tries[heading]:
            on = max(start, first)
            if on >= end:
                continue
            try:
                lines = us.resolve(line, origin, on).lines
            except TariffError:
                break
            checked += 1
            applied = any(duty.heading == heading for duty in lines)
            break
        if (line, heading) in excepted:
            if applied:  # the exception no longer holds: remove it from the ledger
                failed[f"{heading} (applied, yet a footnote exception lists it)"].append(line)
        elif not applied:
            failed[heading].append(line)
    report = "\n".join(f"  {h}: {len(v)} lines, e.g. {', '.join(v[:8])}" for h, v in sorted(failed.items()))
    assert not failed, (
        "HTS lines whose footnote names a modelled heading that the schedule does not apply to them; "
        "fix the data or add a [[footnotes]] exception to src/tariffcalc/us/data/chapter99/ledger.toml:\n" + report
    )
    assert checked > 10_000  # 9903.88.01-.03, .15, 9903.91.01-.05 on some 11,000 lines


def test_compact_groups_neighbours() -> None:
    order = ["9903.01.01", "9903.01.02", "9903.01.03", "9903.01.05", "9903.02.01"]
    assert compact(["9903.01.01", "9903.01.02", "9903.01.03", "9903.02.01"], order) == (
        "9903.01.01–9903.01.03 (3), 9903.02.01"
    )
    # 9903.01.04 is in no revision, so .03 and .05 are neighbours
    assert compact(["9903.01.03", "9903.01.05"], order) == "9903.01.03–9903.01.05 (2)"


def test_expand_reads_ranges_over_known_headings() -> None:
    known = ["9903.17.01", "9903.17.02", "9903.17.10", "9903.18.01"]
    assert expand(["9903.17.01-9903.17.10"], known) == {"9903.17.01", "9903.17.02", "9903.17.10"}
    assert expand(["9903.99.01"], known) == {"9903.99.01"}


def _tiny(entries: tuple[LedgerEntry, ...], footnotes: tuple[FootnoteException, ...] = ()) -> Ledger:
    revision = LedgerRevision("R1", date(2025, 1, 1), "r1.json", True)
    index = {h: frozenset({"R1"}) for h in ("9903.01.01", "9903.01.02", "9903.01.03")}
    return Ledger("s", (revision,), index, entries, footnotes)


def test_a_listed_heading_that_a_measure_cites_is_a_problem() -> None:
    ledger = _tiny((LedgerEntry(("9903.01.01-9903.01.03",), Reason.QUOTA, "quota"),))
    assert ledger.problems(frozenset({"9903.01.02"})) == [
        "9903.01.01-9903.01.03: listed as quota but cited by a measure: 9903.01.02"
    ]


def test_a_listed_heading_of_no_revision_and_entries_without_their_facts_are_problems() -> None:
    ledger = _tiny(
        (
            LedgerEntry(("9903.09.09",), Reason.EXPIRED, "gone"),
            LedgerEntry(("9903.01.01",), Reason.NOT_MODELLED_YET, "a gap"),
            LedgerEntry(("9903.01.02",), Reason.IN_SCOPE, ""),
        ),
        (FootnoteException("9903.01.03", ("0101.21.00",), Reason.IN_SCOPE, "x"),),
    )
    assert ledger.problems(frozenset()) == [
        "9903.09.09: 9903.09.09 is a heading of no revision read",
        "9903.01.01: 'not-modelled-yet' needs 'missing' (what the data lacks)",
        "9903.01.02: an entry needs a note",
        "9903.01.02: 'in-scope' needs 'by' (the headings whose measures model it)",
        "footnote exception 9903.01.03: no measure cites it; list the heading instead",
    ]


def test_the_accounting_counts_modelled_listed_and_unaccounted() -> None:
    ledger = _tiny((LedgerEntry(("9903.01.02",), Reason.QUOTA, "q"),))
    account = ledger.accounts(frozenset({"9903.01.01"}))[0]
    assert account.to_dict() == {
        "revision": "R1",
        "complete": True,
        "headings": 3,
        "modelled": 1,
        "not_modelled": {"quota": 1},
        "unaccounted": ["9903.01.03"],
    }


def test_a_reason_outside_the_vocabulary_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ledger.toml"
    path.write_text(
        '[[revisions]]\nid = "R"\neffective = 2025-01-01\nsource = ""\ncomplete = true\n'
        '[[headings]]\nheadings = ["9903.01.01"]\nreason = "lazy"\nnote = "x"\n',
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match=r"reason 'lazy' is not one of: quota, exclusion, .*not-modelled-yet"):
        read_ledger(path, tmp_path / "none.csv")


def test_a_table_without_its_keys_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ledger.toml"
    path.write_text('[[revisions]]\nid = "R"\n', encoding="utf-8")
    with pytest.raises(DataFileError, match="lacks the key 'effective'"):
        read_ledger(path, tmp_path / "none.csv")


def test_gaps_lists_every_heading_the_ledger_calls_a_gap() -> None:
    """GAPS.md's ledger part is written from the ledger (scripts/make_dataset_docs.py), so it cannot drift."""
    script = runpy.run_path(str(ROOT / "scripts" / "make_dataset_docs.py"))
    gaps: Path = script["GAPS"]
    text = gaps.read_text(encoding="utf-8")
    assert text == script["render_gaps"](), "GAPS.md is stale: run python scripts/make_dataset_docs.py"
    for entry in load_ledger().entries:
        if entry.reason in (Reason.NOT_MODELLED_YET, Reason.ONE_DAY):
            assert ", ".join(entry.headings) in text


def test_the_data_page_shows_the_counts_per_revision() -> None:
    page = (ROOT / "docs" / "reference" / "us-data.md").read_text(encoding="utf-8")
    # 2025 Rev 32: 680 headings (the export's 9903 rows), 205 cited by a measure on main.
    assert "## Chapter 99 headings" in page
    assert re.search(r"^\| 2025 Rev 32 \| 680 \| \d+ \| \d+ \|", page, re.MULTILINE)


def test_an_answer_past_the_horizon_names_the_last_revision_read() -> None:
    """The warning past the horizon says which HTS revision the data read last (2026 Rev 20, 29 Sep 2026)."""
    us = load_schedule("us-2025-26")
    assert us.horizon is not None
    assert us.horizon.end is not None
    warning = us.resolve("0101.21.00", "JP", date(2027, 3, 1)).warnings[0]
    assert "the entry date is after the last day the sources of schedule 'us-2025-26' confirm" in warning
    assert "the last HTS revision the data has read is 2026 Rev 20 (in force from 2026-09-29)" in warning
    inside = us.resolve("0101.21.00", "JP", us.horizon.start).warnings
    assert not any("HTS revision" in w for w in inside)
