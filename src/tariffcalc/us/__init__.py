"""
The United States wing: the US data (the packaged HTS measures of 2025 and
2026, the MFN extract, the Chapter 99 ledger, the fee table, the preference
programmes, the packaged what-if scenarios) and the modules that only make
sense for US entries: refunds and the CAPE rules (:mod:`tariffcalc.us.refunds`),
ACE ES-003 reports (:mod:`tariffcalc.us.es003`), fees and what an entry costs
(:mod:`tariffcalc.us.fees`, :mod:`tariffcalc.us.entrycost`), the Section 232
import adjustment offset (:mod:`tariffcalc.us.offset`), the column 2 group
(:mod:`tariffcalc.us.groups`), the MFN extract (:mod:`tariffcalc.us.mfn`) and
the Chapter 99 ledger (:mod:`tariffcalc.us.ledger`).

The engine (schedules, measures, the resolver) knows nothing of it: a
second jurisdiction is a wing beside this one, with its own data.

>>> from tariffcalc.us.groups import COLUMN2
>>> COLUMN2.id
'column2'
"""

from __future__ import annotations

__all__: list[str] = []
