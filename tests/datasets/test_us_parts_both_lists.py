"""
Lines on both Section 232 parts lists from 1 November 2025: the
automobile-parts list (Proc. 10908, U.S. note 33(g), 25% under 9903.94.05;
facts §3; the UK 10% all-in under 9903.94.32, facts §3 "UK deal"; Japan 15%
all-in under 9903.94.42/.43, facts §2.4; EU 15% all-in under 9903.94.52/.53,
later facts §2.7) and the medium- and heavy-duty vehicle parts list
(Proc. 10984, U.S. note 38(i), 25% under 9903.74.08, later facts §2.3). A
line is charged by what its HTS text says it is; where the text names no
vehicle, the importer's stated use decides, and without it the answer names
both readings as a missing fact (``scripts/make_parts_split.py``).

Customs value 1000 throughout. MFN rates from HTS 2025 Rev 32 (the revision
in force in November 2025; equal in 2026 Rev 10, ``tests/data/hts/``):
8708.30.50 2.5%, 4011.10.50 3.4%, 4011.20.10 4%, 8708.50.81 Free.

The hand-worked entries are rows of ``tests/data/worked/parts_both_lists.toml``, checked by
``test_worked_examples.py``.
"""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

from tariffcalc.errors import FactKind, MissingFact
from tests.helpers.worked import Worked, resolve

ROOT = Path(__file__).parents[2]
ON = date(2025, 11, 20)
BRAKE_ROTOR = "8708.30.50.30"  # "Brakes and servo-brakes; parts thereof > For other vehicles > Brake rotors (discs)"


def test_a_line_whose_text_names_no_vehicle_asks_for_the_use_and_names_both_readings() -> None:
    # The rotor without a claim: neither duty is picked. The readings, worked as above: as an MHDV part
    # 2.5% + 25% = 27.5% (9903.74.08); as a passenger-vehicle part 15% all-in (9903.94.43).
    r = resolve(Worked("later facts §2.3", BRAKE_ROTOR, "JP", ON, "1000", "0", ()))
    assert r.amount is None
    assert r.rate is None
    (fact,) = [f for f in r.missing_facts if f.kind is FactKind.USE]
    assert "for-mhdv (27.5% in all: 9903.74.08) or for-passenger-vehicle (15% in all: 9903.94.43)" == fact.name
    assert (
        "the use of the article, claimed as for-mhdv (27.5% in all: 9903.74.08) "
        "or for-passenger-vehicle (15% in all: 9903.94.43)"
    ) in r.missing
    assert MissingFact.of(str(fact)) == fact
    truck = r.line("us.s232.truck-parts.by-use")
    assert truck is not None
    assert truck.amount is None
    # A British one: 27.5% as an MHDV part (the UK has no truck-parts rate in the HTS text), 10% as a car part.
    r = resolve(Worked("facts §3", BRAKE_ROTOR, "GB", ON, "1000", "0", ()))
    assert ("the use of the article, claimed as for-mhdv (27.5% in all: 9903.74.08) or for-passenger-vehicle "
            "(10% in all: 9903.94.32)") in r.missing  # fmt: skip


def _split_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_parts_split", ROOT / "scripts" / "make_parts_split.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_parts_split"] = module
    spec.loader.exec_module(module)
    return module


def test_the_committed_split_lists_are_the_ones_the_hts_text_gives() -> None:
    split = _split_module()
    assert 0 == split.main(["--check"])


def test_the_split_follows_the_hts_text_of_each_line() -> None:
    # Read by hand from HTS 2026 Rev 10 (and the same text in 2025 Rev 32):
    split = _split_module()
    kinds = {code: kind for kind, rows in split.split().items() for code, _ in rows}
    # 4011.10.50: "Of a kind used on motor cars" -> car; 8708.50.81: "For vehicles of heading 8703" -> car.
    assert "car" == kinds["4011.10.50"] == kinds["8708.50.81"]
    # 4013.10.00.10 "Motor car" under "motor cars ..., buses or trucks" -> car; .20 "Truck and bus" -> truck.
    assert ("car", "truck") == (kinds["4013.10.00.10"], kinds["4013.10.00.20"])
    # 7320.10.30: "motor vehicles having a G.V.W. not exceeding 4 metric tons": never an MHDV -> car.
    assert "car" == kinds["7320.10.30"]
    # 8707.90.50.20 "For vehicles of subheading 8701.21 ... 8701.29" (road tractors) -> truck;
    # .60 "For vehicles of heading 8704" (light and heavy trucks) -> either.
    assert ("truck", "either") == (kinds["8707.90.50.20"], kinds["8707.90.50.60"])
    # 8708.30.50 "For other vehicles" and 8482.10.10 ball bearings name no vehicle -> either;
    # 8407.34.14 "vehicles of subheading 8701.21 ... or heading 8702, 8703 or 8704" names both -> either.
    assert "either" == kinds["8708.30.50"] == kinds["8482.10.10"] == kinds["8407.34.14"]
    # Every line on both lists is split, and only those.
    both = split.on_both(split.read_list(split.AUTO), split.read_list(split.MHD))
    assert sorted(both) == sorted(kinds)
    # The same split from the 2025 Rev 32 text (the revision in force on 1 November 2025).
    older = split.hts_texts(ROOT / "tests" / "data" / "hts" / "hts_2025_rev_32.json.gz")
    assert {c: split.classify(split.text_of(c, older)) for c in both} == kinds
