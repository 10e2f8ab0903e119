"""
The HTS importer, the coverage report and the packaged MFN extract, on the
three real USITC exports in tests/data/hts.

Expected rates are read by hand from the row texts quoted in each test.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tariffcalc.cli import main
from tariffcalc.codes import ProductCode
from tariffcalc.countries import Country, CountryGroup
from tariffcalc.errors import ScheduleError
from tariffcalc.io import ratetext
from tariffcalc.io.hts import (
    COLUMN1,
    COLUMN2_ORIGINS,
    HtsFileError,
    HtsRevision,
    hts_schedule,
    import_hts,
    read_rows,
)
from tariffcalc.io.hts_coverage import revision_coverage
from tariffcalc.io.ratetext import Chapter99Formula, parse_rate_text
from tariffcalc.measures import MeasureKind, Preference
from tariffcalc.rates import AdValorem, Compound, Free, NotComputable, OnContent, Rate, Specific
from tariffcalc.us.groups import COLUMN2
from tariffcalc.us.mfn import build_extract, load_mfn, measures_from_extract, read_extract

DATA = Path(__file__).resolve().parent.parent / "data" / "hts"

D = Decimal


def prefs(revision: HtsRevision, digits: str) -> dict[str, Rate]:
    return {p.claim: p.rate for p in revision.lines[digits].preferences}


# --- where the rate sits ------------------------------------------------------------


def test_statistical_line_takes_its_parents_rate(rev32: HtsRevision) -> None:
    """0101.29.00 reads General "Free", Other "20%"; its child 0101.29.00.10 is blank and inherits both."""
    line = rev32.lines["0101290010"]

    assert (Free(), AdValorem(20), (), ProductCode.parse("0101.29.00")) == (
        line.general,
        line.other,
        line.preferences,
        line.printed_on,
    )


def test_car_line_8703_23_01_90(rev32: HtsRevision) -> None:
    """8703.23.01 reads "2.5%", Special "Free (A+,AU,B,...,S,SG)", Other "10%"; 8703.23.01.90 inherits them."""
    line = rev32.lines["8703230190"]

    assert AdValorem(D("2.5")) == line.general
    assert AdValorem(10) == line.other
    assert Preference("usmca", Free()) in line.preferences
    assert 18 == len(line.preferences)


def test_lone_statistical_line_gives_its_tariff_line(rev32: HtsRevision) -> None:
    """0101.30.00.00 ("6.8%") has no 8-digit row; the tariff line 0101.30.00 gets the same rates."""
    assert AdValorem(D("6.8")) == rev32.lines["0101300000"].general
    assert AdValorem(D("6.8")) == rev32.lines["01013000"].general
    assert AdValorem(15) == rev32.lines["01013000"].other


def test_line_with_only_a_special_rate_is_a_line(rev32: HtsRevision) -> None:
    """9802.00.91.00 prints no General text on itself or a parent, only "Free (See U.S. note 4 ...)": it is a line
    whose General rate is not computable (no silent zero), not an unknown code. No line of the export is unrated."""
    assert ProductCode.parse("9802.00.91.00") not in rev32.unrated
    assert isinstance(rev32.lines["9802009100"].general, NotComputable)
    assert rev32.unrated == ()


# --- cross-references --------------------------------------------------------------------


def test_special_reference_followed_1202_30_80_00(rev32: HtsRevision) -> None:
    """1202.30.80.00: "... 8.7% (CO) 13.1% (PA) See 9908.12.01 (IL)"; 9908.12.01 reads "Free (IL)"."""
    rates = prefs(rev32, "1202308000")

    assert (Free(), AdValorem(D("8.7")), AdValorem(D("13.1"))) == (rates["il"], rates["co"], rates["pa"])


def test_special_reference_followed_0401_40_25_00(rev32: HtsRevision) -> None:
    """0401.40.25.00: "See 9822.04.05 (AU)"; 9822.04.05 reads "Free (AU)"."""
    assert Free() == prefs(rev32, "0401402500")["au"]


def test_special_reference_to_quota_tiers_is_not_computable(rev32: HtsRevision) -> None:
    """0201.10.50: "See 9822.04.01-9822.04.03 (AU)"; those read Free (AU), 17.1% (AU), Free (AU)."""
    rate = prefs(rev32, "02011050")["au"]

    assert NotComputable(ratetext.TIERS, "See 9822.04.01-9822.04.03") == rate


# --- measures ----------------------------------------------------------------------------


def test_measures_of_one_line(rev32: HtsRevision) -> None:
    """8703.23.01 gives a column 1 and a column 2 base measure, cited to Rev. 32 and the line."""
    measures = {m.id: m for m in rev32.measures() if m.citation.heading == "8703.23.01"}
    col1 = measures["hts.col1.8703.23.01/2025-11-15"]
    col2 = measures["hts.col2.8703.23.01/2025-11-15"]

    assert (MeasureKind.BASE, AdValorem(D("2.5")), COLUMN1) == (col1.kind, col1.rate, col1.origins)
    assert (AdValorem(10), COLUMN2_ORIGINS, ()) == (col2.rate, col2.origins, col2.preferences)
    assert "HTS 2025 Rev. 32" == col1.citation.instrument.id
    assert date(2025, 11, 15) == col1.validity.start
    assert col1.citation is col2.citation  # interned


def test_chapter99_is_reported_not_imported(rev32: HtsRevision) -> None:
    """9903.01.25 reads "The duty provided in the applicable subheading + 10%"; no measure comes from Ch. 99."""
    headings = {h.heading: h for h in rev32.chapter99()}

    assert "the applicable subheading + 10%" == headings["9903.01.25"].adds()
    assert isinstance(headings["9903.01.25"].general, Chapter99Formula)
    assert not [m for m in rev32.measures() if m.citation.heading and m.citation.heading.startswith("99")]


def test_column2_membership_dates() -> None:
    """Russia and Belarus are column 2 from 9 April 2022 (Pub. L. 117-110), Cuba and North Korea throughout."""
    assert not COLUMN2.has(Country("RU"), date(2022, 4, 8))
    assert COLUMN2.has(Country("RU"), date(2022, 4, 9))
    assert COLUMN2.has(Country("BY"), date(2022, 4, 9))
    assert COLUMN2.has(Country("CU"), date(2025, 1, 1))
    assert COLUMN2.has(Country("KP"), date(2025, 1, 1))
    assert not COLUMN2.has(Country("CN"), date(2025, 1, 1))


def test_merges_unchanged_revisions(revisions: tuple[HtsRevision, ...]) -> None:
    """6109.10.00 reads "16.5%" / "90%" in all three files: one measure per column, 2025-01-01 onwards."""
    for revision in revisions:
        (row,) = [r for r in revision.rows if r.htsno == "6109.10.00"]
        assert ("16.5%", "90%") == (row.general, row.other)

    measures = [m for m in import_hts(revisions) if m.citation.heading == "6109.10.00"]

    assert ["hts.col1.6109.10.00/2025-01-01", "hts.col2.6109.10.00/2025-01-01"] == [m.id for m in measures]
    assert {"2025-01-01/"} == {str(m.validity) for m in measures}
    assert "same rates in HTS 2025 Basic Edition, HTS 2025 Rev. 32, HTS 2026 Rev. 10" == measures[0].citation.note


# --- resolution ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def schedule32(rev32: HtsRevision) -> Any:
    return hts_schedule([rev32], name="hts-rev32", column2=COLUMN2)


def test_the_column_2_group_is_given_and_must_be_the_one_the_measures_name(rev32: HtsRevision) -> None:
    other = CountryGroup("sanctioned", "another group", COLUMN2.members)
    with pytest.raises(ScheduleError, match="'sanctioned'") as caught:
        hts_schedule([rev32], column2=other)
    assert ["the imported measures name the group 'column2': give a CountryGroup of that id"] == list(
        caught.value.problems
    )
    with pytest.raises(TypeError, match="column2 must be a CountryGroup"):
        hts_schedule([rev32], column2="column2")  # type: ignore[arg-type]


def test_resolve_car_from_japan(schedule32: Any) -> None:
    """8703.23.01.90 at 2.5% on $40,000: $1,000; claiming USMCA: Free; from Cuba (column 2, 10%): $4,000."""
    on = date(2025, 12, 1)

    japan = schedule32.resolve("8703.23.01.90", "JP", on, value=D("40000"))
    usmca = schedule32.resolve("8703.23.01.90", "MX", on, value=D("40000"), claims=("usmca",))
    cuba = schedule32.resolve("8703.23.01.90", "CU", on, value=D("40000"))

    assert (D("2.5"), D("1000")) == (japan.rate, japan.amount)
    assert D("0") == usmca.amount
    assert (D("10"), D("4000")) == (cuba.rate, cuba.amount)


def _ten_digit_expectations(revision: HtsRevision) -> list[tuple[str, str]]:
    by_code = {r.htsno: r for r in revision.rows if r.htsno}
    out = []
    for row in revision.rows:
        if len(row.htsno) != 13 or row.chapter == "99":
            continue
        text = row.general or (by_code[row.htsno[:10]].general if row.htsno[:10] in by_code else "")
        if text:
            out.append((row.htsno, text))
    return out


@given(data=st.data())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_resolver_returns_parsed_general_rate(data: st.DataObject, rev32: HtsRevision, schedule32: Any) -> None:
    """
    For any real 10-digit line of Rev. 32, the base rate the resolver applies to
    a column 1 origin is the parsed General text of the line, or of its 8-digit
    parent when the line prints none.
    """
    htsno, text = data.draw(st.sampled_from(_ten_digit_expectations(rev32)))
    expected = parse_rate_text(text)

    resolution = schedule32.resolve(htsno, "DE", date(2026, 1, 15), value=D("1000"))

    assert [expected] == [line.rate for line in resolution.lines]
    assert [htsno] == [line.measure.citation.heading for line in resolution.lines]


IN_FORCE = {
    "HTS 2025 Basic Edition": date(2025, 6, 1),
    "HTS 2025 Rev. 32": date(2026, 1, 15),
    "HTS 2026 Rev. 10": date(2026, 7, 1),
}


@given(data=st.data())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_packaged_schedule_follows_each_revision(data: st.DataObject, revisions: tuple[HtsRevision, ...]) -> None:
    """
    On a day of any shipped revision, the packaged schedule applies that
    revision's parsed General rate of a random real 10-digit line (or of its
    parent), whatever lines were merged across revisions.
    """
    revision = data.draw(st.sampled_from(revisions))
    htsno, text = data.draw(st.sampled_from(_ten_digit_expectations(revision)))
    on = IN_FORCE[revision.revision.id]

    resolution = load_mfn().resolve(htsno, "KR", on, value=D("1000"))

    assert [parse_rate_text(text)] == [line.rate for line in resolution.lines]


# --- no silent zero, no float -------------------------------------------------------------


def _parts(rate: Any) -> Iterator[Any]:
    if isinstance(rate, Compound):
        for part in rate.parts:
            yield from _parts(part)
    elif isinstance(rate, Chapter99Formula):
        if rate.addition is not None:
            yield from _parts(rate.addition)
    elif rate is not None:
        yield rate


def test_no_silent_zero_and_no_float(revisions: tuple[HtsRevision, ...]) -> None:
    """Across all three files, only texts that say Free read as Free; no parsed number is a float or zero."""
    for revision in revisions:
        for row in revision.rows:
            for column in ("general", "other"):
                text = getattr(row, column)
                if not text:
                    continue
                for part in _parts(parse_rate_text(text)):
                    if isinstance(part, Free):
                        assert text.startswith("Free"), (row.htsno, text)
                    elif isinstance(part, AdValorem | OnContent):
                        percent = part.percent if isinstance(part, AdValorem) else part.rate.percent
                        assert isinstance(percent, Decimal), (row.htsno, text)
                        # 9903.89.01 prints "+ 0%": a zero the text states is not a silent one.
                        assert percent > 0 or re.search(r"(?<![\d.])0%", text), (row.htsno, text)
                    elif isinstance(part, Specific):
                        assert isinstance(part.amount_per_unit, Decimal)
                        assert part.amount_per_unit > 0


# --- coverage report ------------------------------------------------------------------------


@pytest.mark.parametrize("stem", ["hts_2025_basic", "hts_2025_rev_32", "hts_2026_rev_10"])
def test_hts_report_json(stem: str, capsys: pytest.CaptureFixture[str]) -> None:
    """At least 99% of General texts are exact; every text is counted once, unsupported ones with a reason."""
    status = main(["hts-report", str(DATA / f"{stem}.json.gz"), "--json"])
    report = json.loads(capsys.readouterr().out)

    assert 0 == status
    assert {"general", "special", "other"} == set(report)
    for column in report.values():
        assert {"total", "exact", "reference_resolved", "unsupported"} == set(column)
        assert column["total"] == column["exact"] + column["reference_resolved"] + sum(column["unsupported"].values())
        assert set(column["unsupported"]) <= set(ratetext.REASONS)
    assert report["general"]["exact"] >= Decimal("0.99") * report["general"]["total"]


def test_hts_report_counts_rev32(capsys: pytest.CaptureFixture[str]) -> None:
    """Rev. 32 has 13,844 non-blank General texts (README row counts); 12 are the sugar sliding scale."""
    main(["hts-report", str(DATA / "hts_2025_rev_32.json.gz"), "--json"])
    report = json.loads(capsys.readouterr().out)

    assert 13844 == report["general"]["total"]
    assert 10089 == report["special"]["total"]
    assert 13480 == report["other"]["total"]
    assert 12 == report["general"]["unsupported"][ratetext.SUGAR]


def test_hts_report_bad_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A missing file is exit status 2 with one line naming the path."""
    status = main(["hts-report", str(tmp_path / "missing.json.gz")])

    assert 2 == status
    assert "missing.json.gz: no such file" in capsys.readouterr().err


def test_read_rows_rejects_non_json(tmp_path: Path) -> None:
    """A file that is not JSON raises HtsFileError naming the file."""
    bad = tmp_path / "hts_2025_rev_32.json"
    bad.write_text("not json", encoding="utf-8")

    with pytest.raises(HtsFileError, match="not a readable USITC JSON export"):
        read_rows(bad)


def test_read_rows_plain_json(tmp_path: Path) -> None:
    """A plain (not gzipped) export reads the same rows."""
    plain = tmp_path / "hts_2025_rev_32.json"
    plain.write_bytes(gzip.decompress((DATA / "hts_2025_rev_32.json.gz").read_bytes()))

    assert 36148 == len(read_rows(plain))


# --- the packaged extract -------------------------------------------------------------------


def test_extract_records_source_hashes() -> None:
    """The extract's header names each shipped file with its sha256."""
    header = read_extract()["sources"]

    assert ["hts_2025_basic.json.gz", "hts_2025_rev_32.json.gz", "hts_2026_rev_10.json.gz"] == [
        s["file"] for s in header
    ]
    for source in header:
        assert hashlib.sha256((DATA / source["file"]).read_bytes()).hexdigest() == source["sha256"]


def test_extract_is_current_and_equal_to_import(revisions: tuple[HtsRevision, ...]) -> None:
    """The packaged extract is what the script makes now, and loads into exactly the imported measures."""
    stored = read_extract()
    sources = [{"file": s["file"], "sha256": s["sha256"]} for s in stored["sources"]]

    assert build_extract(revisions, sources) == stored
    assert frozenset(import_hts(revisions)) == frozenset(measures_from_extract(stored))


def test_load_mfn() -> None:
    """The packaged schedule resolves 6109.10.00.12 (16.5%) and is built once per process."""
    mfn = load_mfn()
    r = mfn.resolve("6109.10.00.12", "VN", date(2025, 6, 1), value=D("20000"))

    assert (D("16.5"), D("3300")) == (r.rate, r.amount)
    assert mfn is load_mfn()


def test_line_without_other_rate_is_not_a_silent_zero(schedule32: Any) -> None:
    """9801.00.10 prints General "Free" and no Other rate: goods of Cuba get a missing duty, not zero."""
    resolution = schedule32.resolve("9801.00.10.10", "CU", date(2026, 1, 15), value=D("1000"))

    assert [NotComputable(ratetext.NO_OTHER, "")] == [line.rate for line in resolution.lines]
    assert resolution.amount is None
    assert resolution.missing


def _row(htsno: str, general: str, other: str = "") -> dict[str, str]:
    return {"htsno": htsno, "indent": "1", "description": "x", "general": general, "special": "", "other": other}


def test_general_reference_to_an_existing_line_is_followed() -> None:
    """A "The rate applicable to 1701.14.10" text takes that line's rate, counted as reference_resolved."""
    from tariffcalc.io.hts import REV_32

    revision = HtsRevision.from_rows(
        REV_32,
        [_row("1701.14.10", "1.4606¢/kg", "4.3817¢/kg"), _row("1701.99.90", "The rate applicable to 1701.14.10")],
    )

    assert Specific(D("0.014606"), "kg") == revision.lines["17019990"].general
    assert 1 == revision_coverage(revision).general.reference_resolved


def test_general_reference_to_a_missing_line_says_so() -> None:
    """A reference to a line the revision does not have is not computable, with the reason."""
    from tariffcalc.io.hts import REV_32

    revision = HtsRevision.from_rows(REV_32, [_row("1701.99.90", "The rate applicable to 1701.14.10")])

    assert NotComputable(ratetext.MISSING_TARGET, "The rate applicable to 1701.14.10") == (
        revision.lines["17019990"].general
    )
    assert {ratetext.MISSING_TARGET: 1} == dict(revision_coverage(revision).general.unsupported)
