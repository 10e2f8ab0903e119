"""Regenerate ``src/tariffcalc/data/iso3166.csv`` from pycountry.

Run by hand when pycountry publishes a new ISO 3166 release::

    pip install pycountry && python scripts/make_country_table.py

The table is packaged so that tariffcalc needs no runtime dependency for
country validation.  XK (Kosovo) is added by hand: it is user-assigned, not
ISO, but US Census and CBP use it.
"""

from __future__ import annotations

from pathlib import Path

import pycountry  # type: ignore[import-not-found]  # only needed to regenerate

TARGET = Path(__file__).parent.parent / "src" / "tariffcalc" / "data" / "iso3166.csv"


def main() -> None:
    rows = sorted((c.alpha_2, c.alpha_3, c.name, getattr(c, "common_name", "")) for c in pycountry.countries)
    version = getattr(pycountry, "__version__", "unknown")
    lines = [
        "# ISO 3166-1 alpha-2 and alpha-3 codes, English short names and common names (where ISO's differs).",
        f"# Generated from pycountry {version} (Debian iso-codes data) by "
        "scripts/make_country_table.py; XK/XKX (Kosovo) is a user-assigned code used by US Census and CBP.",
        "code,alpha3,name,common_name",
        *(f'{code},{alpha3},"{name}","{common}"' for code, alpha3, name, common in rows),
        'XK,XKX,"Kosovo (user-assigned)","Kosovo"',
    ]
    TARGET.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
