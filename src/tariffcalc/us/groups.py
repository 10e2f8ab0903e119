"""
Country groups the US tariff law defines itself, rather than a data file:
the column 2 countries of the Harmonized Tariff Schedule.

>>> from datetime import date
>>> from tariffcalc.countries import Country
>>> COLUMN2.has(Country("RU"), date(2022, 4, 8)), COLUMN2.has(Country("RU"), date(2022, 4, 9))
(False, True)
"""

from __future__ import annotations

from datetime import date

from tariffcalc.countries import Country, CountryGroup, Membership
from tariffcalc.periods import Period

__all__ = ["COLUMN2"]

#: The countries whose goods pay the column 2 ("Other") rates, General Note
#: 3(b) of the HTS (reference facts §1: Cuba, North Korea, Russia, Belarus).
#: Cuba and North Korea were column 2 countries before the HTS took effect on
#: 1 January 1989; their membership is dated from then. Russia and Belarus
#: lost normal trade relations under the Suspending Normal Trade Relations
#: with Russia and Belarus Act, Public Law 117-110 (136 Stat. 1159), signed
#: 8 April 2022: column 2 rates apply to their goods entered on or after the
#: day after enactment, 9 April 2022 (CBP CSMS #51575437).
COLUMN2 = CountryGroup(
    "column2",
    "HTS column 2 countries (General Note 3(b))",
    (
        Membership(Country("CU"), Period(date(1989, 1, 1))),
        Membership(Country("KP"), Period(date(1989, 1, 1))),
        Membership(Country("RU"), Period(date(2022, 4, 9))),
        Membership(Country("BY"), Period(date(2022, 4, 9))),
    ),
)
