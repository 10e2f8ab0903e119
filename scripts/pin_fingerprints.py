"""
Pin the fingerprint of every packaged schedule in
``src/tariffcalc/datasets/fingerprints.json``; run after changing the
packaged data (``tests/test_trust_integrity.py`` and
``tariffcalc validate --packaged`` fail until then):

    PYTHONPATH=src python scripts/pin_fingerprints.py
"""

from __future__ import annotations

import json
from pathlib import Path

from tariffcalc.datasets import NAMES, PIN_FILE, load_schedule

TARGET = Path(__file__).resolve().parent.parent / "src" / "tariffcalc" / "datasets" / PIN_FILE


def main() -> None:
    fingerprints = {name: load_schedule(name).fingerprint for name in NAMES}
    document = {
        "about": "Fingerprints of the packaged schedules; regenerate with: python scripts/pin_fingerprints.py",
        "fingerprints": fingerprints,
    }
    TARGET.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    for name, fingerprint in fingerprints.items():
        print(f"{name}: {fingerprint}")


if __name__ == "__main__":
    main()
