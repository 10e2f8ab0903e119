"""
What an analyst asks of the packaged schedule: rates without a customs
value, short answers at the prompt, and the May 2025 what-ifs.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tariffcalc.datasets import load_schedule

US = "us-2025-26"


class TestRatesWithoutAValue:
    def test_furniture_from_japan_in_the_pause(self) -> None:
        # facts §2.1 and §1: during the 90-day pause Japan pays the 10% baseline under
        # 9903.01.25; the MFN rate of 9403.60.80 is Free (HTS 2025 Basic). Free + 10% = 10%,
        # whatever the value, so no value is needed for the rate, only for the amount.
        r = load_schedule(US).resolve("9403.60.80.93", "JP", date(2025, 5, 20))
        assert Decimal(10) == r.rate
        assert r.amount is None
        assert () == r.missing
        assert ("customs value",) == r.amount_missing

    def test_with_a_value_the_amount_follows(self) -> None:
        # Same entry at 1,000: 10% of 1,000 = 100.00.
        r = load_schedule(US).resolve("9403.60.80.93", "JP", date(2025, 5, 20), value=1000)
        assert (Decimal(10), Decimal("100.00"), ()) == (r.rate, r.amount, r.amount_missing)

    def test_a_declared_us_content_still_needs_the_value(self) -> None:
        # facts §1 (EO 14257 s.3(d)): the US content is taken off the value only if it is at
        # least 20% of it; with an amount of US content and no value the share is unknown.
        r = load_schedule(US).resolve("9403.60.80.93", "JP", date(2025, 5, 20), contents={"us": 300})
        assert r.rate is None
        assert "customs value" in r.missing

    @pytest.mark.parametrize(
        ("product", "rate"),
        [
            # facts §3 and §5.1: a car from Japan on 20 May 2025, MFN 2.5% (HTS 2025 Basic, 8703.23.01)
            # + Section 232 autos 25% (9903.94.01); the reciprocal duty does not stack: 27.5%.
            ("8703.23.01", Decimal("27.5")),
            # facts §4: steel 7208.10.15 (MFN Free, HTS 2025 Basic 7208.10.15.00) from Japan: Section 232 steel 25% before 4 June,
            # no reciprocal duty on it: 25%.
            ("7208.10.15", Decimal(25)),
        ],
        ids=str,
    )
    def test_section_232_goods_without_a_value(self, product: str, rate: Decimal) -> None:
        r = load_schedule(US).resolve(product, "JP", date(2025, 5, 20))
        assert rate == r.rate


class TestShortReprs:
    def test_the_packaged_schedule(self) -> None:
        s = load_schedule(US)
        text = repr(s)
        assert len(text) < 300
        assert text.startswith("<Schedule 'us-2025-26': ")
        assert f"{len(s.measures)} measures" in text
        assert f"horizon {s.horizon}" in text
        assert s.fingerprint[:12] in text
        assert "fingerprint" in s._repr_html_()

    def test_a_timeline_and_a_diff(self) -> None:
        from tariffcalc.periods import Period
        from tariffcalc.scenario import diff

        s = load_schedule(US)
        # facts §0: 0% (Free) to 5 April, 10% baseline, 24% on 9 April only, 10% again in the pause.
        t = s.timeline("9403.60.80.93", "JP", Period(date(2025, 1, 1), date(2025, 6, 1)))
        assert "<Timeline 9403.60.80.93 from JP, 2025-01-01/2025-06-01: 4 segments, 0% → 10% → 24% → 10%>" == repr(t)
        assert "2025-04-09/2025-04-10" in t._repr_html_()
        assert "<ScheduleDiff: no changes>" == repr(diff(s, s))
