"""
Claims on the packaged schedule: a claim is a word the schedule knows, and a
programme claim is honoured only for a beneficiary of the programme on the
entry date (HTS General Note 3(c)(i) and each programme's general note,
``src/tariffcalc/us/data/us_programmes.toml``).

The hand-worked entries are rows of ``tests/data/worked/eligibility.toml``, checked by
``test_worked_examples.py``.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from tariffcalc.cli import main
from tariffcalc.datasets import data_path, load_schedule
from tariffcalc.errors import UnknownNameError
from tariffcalc.reasons import IneligibleClaim
from tariffcalc.us.programmes import us_programmes
from tests.helpers.worked import read_examples, resolve

#: The worked claims of tests/data/worked/eligibility.toml, in its order.
EXAMPLES = [e for e in read_examples() if e.topic == "eligibility"]

MAY_20 = date(2025, 5, 20)


def test_an_ineligible_claim_is_reported_with_its_citation() -> None:
    r = resolve(EXAMPLES[0])
    refused = {n.measure.id: n.reason for n in r.not_applied if isinstance(n.reason, IneligibleClaim)}
    assert ["hts.col1.8703.23.01.90/2025-01-01"] == sorted(refused)
    reason = refused["hts.col1.8703.23.01.90/2025-01-01"]
    assert reason.citation is not None
    assert "General Note 33" in (reason.citation.heading or "")
    assert str(reason).startswith("claim kr not honoured: JP is not a beneficiary of KORUS")
    gsp = next(n.reason for n in resolve(EXAMPLES[4]).not_applied if isinstance(n.reason, IneligibleClaim))
    assert "GSP is not in force on 2025-01-10 (lapsed from 2021-01-01)" in str(gsp)


def test_a_refused_exemption_claim_is_reported_on_the_measure_it_would_have_switched_off() -> None:
    r = resolve(EXAMPLES[2])
    refused = sorted(n.measure.id for n in r.not_applied if isinstance(n.reason, IneligibleClaim))
    assert "us.s232.autos" in refused
    assert r.line("us.s232.autos") is not None


@pytest.mark.parametrize(
    ("claim", "hint"),
    [("usmac", "did you mean 'usmca'?"), ("gsp", "gsp is claimed as a or a* or a+"), ("korus", "claimed as kr")],
    ids=str,
)
def test_an_unknown_claim_is_an_error(claim: str, hint: str) -> None:
    with pytest.raises(UnknownNameError, match="unknown claim") as caught:
        load_schedule("us-2025").resolve("8703.23.01.90", "CA", MAY_20, value=40000, claims=[claim])
    assert hint in str(caught.value)
    assert "usmca" in str(caught.value)  # the known claims are listed


def test_every_programme_claim_of_the_special_column_is_known() -> None:
    known = load_schedule("us-2025").vocabulary.claims
    for claim in ("usmca", "kr", "a", "a*", "a+", "au", "d", "p", "p+", "jp", "sg"):
        assert claim in known
    checked = {c for p in us_programmes().values() for c in p.claims}
    assert {"a", "a*", "a+", "d", "il", "usmca", "jo", "sg", "cl", "ma", "au", "p", "p+", "bh", "om", "pe", "kr",
            "co", "pa", "jp"} == checked  # fmt: skip


def test_every_programme_is_cited_with_a_general_note() -> None:
    for programme in us_programmes().values():
        heading = programme.citation.heading or ""
        assert heading.startswith("General Note 3(c)(i); General Note "), programme.id
        assert programme.citation.confidence is not None, programme.id


@pytest.mark.parametrize(
    ("programme", "origin", "on", "eligible"),
    [
        ("cafta-dr", "CR", date(2008, 12, 31), False),
        ("cafta-dr", "CR", date(2009, 1, 1), True),
        ("cafta-dr", "DO", date(2007, 2, 28), False),
        ("cafta-dr", "DO", date(2007, 3, 1), True),
        ("gsp", "IN", date(2020, 12, 31), True),
        ("gsp", "IN", date(2021, 1, 1), False),
        ("usmca", "MX", date(2020, 6, 30), False),
        ("usmca", "MX", date(2020, 7, 1), True),
        ("japan", "JP", date(2020, 1, 1), True),
        ("japan", "KR", date(2025, 5, 20), False),
        ("agoa", "KE", date(2026, 12, 31), True),
        ("agoa", "KE", date(2027, 1, 1), False),
    ],
    ids=str,
)
def test_programme_boundaries(programme: str, origin: str, on: date, eligible: bool) -> None:
    from tariffcalc import Country

    assert eligible == us_programmes()[programme].eligible(Country(origin), on)


# --- the command line ------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


CA_CAR = ["rate", "8703.23.01.90", "--origin", "CA", "--date", "2025-05-20", "--value", "40000"]


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--claim", "usmac"], "unknown claim 'usmac' for schedule 'us-2025-26' (did you mean 'usmca'?)"),
        (["--content", "usa=5000"], "unknown content 'usa' for schedule 'us-2025-26' (did you mean 'us'?)"),
        (["--claim", ""], "a claim is one word such as 'usmca' or 'a+', got ''"),
    ],
    ids=str,
)
def test_the_command_line_refuses_unknown_words(
    capsys: pytest.CaptureFixture[str], option: list[str], message: str
) -> None:
    status, out, err = run(capsys, *CA_CAR, *option)
    assert (2, "") == (status, out)
    assert err.startswith(f"tariffcalc: error: {message}")


def test_the_command_line_honours_a_good_claim(capsys: pytest.CaptureFixture[str]) -> None:
    # MFN Free (S) + 25% of the non-US content (40000 - 20000) = 5000 = 12.5%.
    status, out, _ = run(capsys, *CA_CAR, "--claim", "usmca", "--content", "us=20000")
    assert (0, "12.5% = 5000.00\n") == (status, out)


def test_a_rule_tag_typo_fails_validation(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = tmp_path / "us2025"
    shutil.copytree(data_path(), data)
    stacking = data / "stacking.toml"
    text = stacking.read_text(encoding="utf-8")
    assert text.count('when = "s232-auto"\n') >= 1
    stacking.write_text(text.replace('when = "s232-auto"\n', 'when = "s232-autos"\n', 1), encoding="utf-8")
    status, out, err = run(capsys, "validate", str(data))
    assert (2, "") == (status, out)
    # The packaged data declares its tags, so the typo is refused where it is written, with the word meant.
    assert "stacking.toml:16 rules[0].when: undeclared tag 's232-autos' (did you mean 's232-auto'?)" in err, err
