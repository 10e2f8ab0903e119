"""
scripts/crosscheck_peers.py on a small sample of the peer's 2025-26 lists and
its policy parameters (tests/data/peers/budgetlab-lists.md): the table adds
up, the deliberate differences from the peer show as differences, and a
duty the data does not model shows as "not modelled".
"""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest

from tariffcalc import Schedule
from tariffcalc.datasets import load_schedule

SCRIPT = Path(__file__).parent.parent / "scripts" / "crosscheck_peers.py"


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("crosscheck_peers", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["crosscheck_peers"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def schedule() -> Schedule:
    return load_schedule("us-2025")


def test_peer_codes_are_dotted(script: ModuleType) -> None:
    assert ["0201.10.05", "8471.50.01.10", "4009.12.00.20"] == [
        script.dotted(c) for c in ("02011005", "8471500110", "4009120020")
    ]


def test_every_list_is_counted_on_a_sample(
    script: ModuleType, schedule: Schedule, capsys: pytest.CaptureFixture[str]
) -> None:
    table = script.lists(schedule, sample=3)
    out = capsys.readouterr().out
    assert [spec.name for spec in script.LISTS] == list(table)
    for spec in script.LISTS:
        counts = table[spec.name]
        assert 3 == sum(counts[o] for o in script.OUTCOMES), spec.name
        assert spec.name in out
    # the first three codes of the peer's s122 list (0201.10.05, .10, .50) are in U.S. note 2(aa)(ii)
    assert 3 == table["s122_exempt_products"]["agree"]
    assert 0 == table["s122_exempt_products"]["ours only"]


def test_deliberate_differences_show(script: ModuleType, schedule: Schedule) -> None:
    """The note exempts only 8505.11.00.70 and does not print 9031.49.70 in (aa)(iv): the peer differs."""
    (s122,) = [spec for spec in script.LISTS if spec.name == "s122_exempt_products"]
    claims = ("civil-aircraft", "s122-listed-article")
    on = date(2026, 3, 10)
    assert "agree" == script.outcome(schedule, s122, script.Row("8505.11.00.70", on, "JP", claims=claims))
    assert "differ" == script.outcome(schedule, s122, script.Row("8505.11.00", on, "JP", claims=claims))
    assert "differ" == script.outcome(schedule, s122, script.Row("9031.49.70", on, "JP", claims=claims))


def test_a_duty_without_a_measure_is_not_modelled(script: ModuleType, schedule: Schedule) -> None:
    spec = script.PeerList("made up", "no-such-tag", "charged", lambda _: [])
    assert "not modelled" == script.outcome(schedule, spec, script.Row("9403.60.80.93", date(2026, 3, 10), "JP"))


def test_charged_list_needs_the_heading(script: ModuleType, schedule: Schedule) -> None:
    """An auto part of Vietnam in September 2025 is filed under 9903.94.05; under another heading it differs."""
    (parts,) = [spec for spec in script.LISTS if spec.name == "s232_auto_parts"]
    on = date(2025, 9, 15)
    row = script.Row("8708.30.50.90", on, "VN", frozenset({"9903.94.05"}))
    assert "agree" == script.outcome(schedule, parts, row)
    wrong = script.Row("8708.30.50.90", on, "VN", frozenset({"9903.94.99"}))
    assert "differ" == script.outcome(schedule, parts, wrong)


def test_policy_params_are_read(script: ModuleType) -> None:
    p = script.read_params(script.LIST_DIR / "policy_params.yaml.gz")
    assert ("0.15", "0.10", "2026-02-24", "2026-07-23", "2026-02-24") == (
        p["floor_rates"]["floor_rate"],
        p["section_122"]["rate"],
        p["section_122"]["effective_date"],
        p["section_122"]["expiry_date"],
        p["ieepa_invalidation_date"][""],
    )


def test_policy_params_against_the_schedule(
    script: ModuleType, schedule: Schedule, capsys: pytest.CaptureFixture[str]
) -> None:
    """Japan's 15% floor (Aug 2025) and the s122 10% to its last day (23 July 2026) agree with the peer."""
    assert Decimal("15.00") == script._rate(schedule, "JP", date(2025, 8, 20), {"reciprocal"})
    assert Decimal("10.00") == script._rate(schedule, "CN", date(2026, 7, 23), {"s122"})
    assert Decimal("0.00") == script._rate(schedule, "CN", date(2026, 7, 24), {"s122"})
    counts = script.params(schedule)
    assert "policy_params:" in capsys.readouterr().out
    # 31 floor countries + 27 Section 122 checks + 6 IEEPA-end checks
    assert 64 == sum(counts.values())
    assert counts["agree"] >= 58  # the s122 and IEEPA-end checks, and the EU and Japan floors


def test_forced_labour_list_differences_have_causes(
    script: ModuleType, schedule: Schedule, capsys: pytest.CaptureFixture[str]
) -> None:
    """
    The peer's forced-labour list (Annex A of the proposal of 5 June 2026) against note 52(b)-(e) of the final
    text: 9031.49.40 is the peer's only code the note does not print; 9802.00.91 is covered by the chapter 98
    exception of note 52(a); the rest of the difference is what the final note prints beyond the proposal.
    """
    differences = script.fl301(schedule)
    assert "forced-labour exceptions: peer 1632 codes" in capsys.readouterr().out
    peer_only = {code for (side, _), codes in differences.items() if side == "peer only" for code in codes}
    assert {"9031.49.40", "9802.00.91"} == peer_only
    chapter_98 = [cause for (side, cause), codes in differences.items() if "9802.00.91" in codes]
    assert ["chapter 98" in cause for cause in chapter_98] == [True]
    ours_only = {code for (side, _), codes in differences.items() if side == "ours only" for code in codes}
    # 52(c)(3): castor oil seeds for sowing (1207.30.00) and 52(e): hydrogen (2804.10.00) are final-text additions
    assert {"1207.30.00", "2804.10.00"} <= ours_only
    assert all(cause for (_, cause) in differences)


def test_forced_labour_peer_codes_resolve_as_exceptions(script: ModuleType, schedule: Schedule) -> None:
    """A Vietnamese code on both lists pays no forced-labour duty; the peer-only 9031.49.40 does: it differs."""
    (fl,) = [spec for spec in script.LISTS if spec.name == "s301fl_exempt_products"]
    on = date(2026, 8, 10)
    assert "agree" == script.outcome(schedule, fl, script.Row("0901.11.00", on, "VN", claims=script.FL_CLAIMS))
    assert "differ" == script.outcome(schedule, fl, script.Row("9031.49.40", on, "VN", claims=script.FL_CLAIMS))
    assert "agree" == script.outcome(schedule, fl, script.Row("9802.00.91", on, "VN", claims=script.FL_CLAIMS))


def test_the_brazil_and_pharmaceutical_lists_differ_only_where_the_notes_say(
    script: ModuleType, schedule: Schedule
) -> None:
    """
    tests/data/peers/budgetlab-lists.md: note 50(a)(ii) of HTS 2026 Rev 20 prints one statistical line of
    4407.99.02 (4407.99.0295): the 8-digit code the peer excepts pays the +25%, the printed line does not;
    dissolving pulp 4702.00.00 is not in the Rev 20 list. A note 40(c) code from India pays 9903.04.60.
    """
    (brazil,) = [spec for spec in script.LISTS if spec.name == "s301_brazil_exempt_products"]
    (pharma,) = [spec for spec in script.LISTS if spec.name == "s232_pharma_products"]
    on, claims = date(2026, 8, 10), ("particular-article", "civil-aircraft", "pharmaceutical-use")
    assert "differ" == script.outcome(schedule, brazil, script.Row("4407.99.02", on, "BR", claims=claims))
    assert "agree" == script.outcome(schedule, brazil, script.Row("4407.99.02.95", on, "BR", claims=claims))
    assert "differ" == script.outcome(schedule, brazil, script.Row("4702.00.00", on, "BR", claims=claims))
    assert "agree" == script.outcome(schedule, pharma, script.Row("2918.99.30.00", on, "IN"))
