"""Examples and errors of tariffcalc.periods: half-open periods and days."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tariffcalc import Period
from tariffcalc.errors import InvalidPeriodError
from tariffcalc.periods import parse_day


class TestParseDay:
    def test_iso_day(self) -> None:
        assert date(2024, 2, 29) == parse_day(" 2024-02-29 ")

    @pytest.mark.parametrize("text", ["2025-02-29", "2025-13-01", "tomorrow", "2025-4-9"])
    def test_not_a_calendar_day(self, text: str) -> None:
        with pytest.raises(
            InvalidPeriodError, match=r"is not a calendar day; write it as YYYY-MM-DD, e\.g\. 2025-04-09"
        ):
            parse_day(text)

    def test_a_time_of_day_is_refused(self) -> None:
        with pytest.raises(InvalidPeriodError, match=r"'2025-04-09T12:00' is not a calendar day"):
            parse_day("2025-04-09T12:00")

    def test_non_text_is_refused(self) -> None:
        with pytest.raises(InvalidPeriodError, match=r"a day must be given as text YYYY-MM-DD, got 20250409"):
            parse_day(20250409)  # type: ignore[arg-type]


class TestPeriod:
    def test_start_included_end_excluded(self) -> None:
        p = Period(date(2025, 4, 10), date(2025, 7, 9))
        assert (False, True, True, False) == (
            date(2025, 4, 9) in p,
            date(2025, 4, 10) in p,
            date(2025, 7, 8) in p,
            date(2025, 7, 9) in p,
        )

    def test_open_ended(self) -> None:
        assert Period(date(2025, 4, 5)).contains(date(2999, 12, 31))
        assert not Period(date(2025, 4, 5)).contains(date(2025, 4, 4))

    def test_end_must_be_after_start_and_the_message_shows_a_one_day_period(self) -> None:
        with pytest.raises(
            InvalidPeriodError,
            match=r"period must end after it starts: 2025-04-10/2025-04-09 \(the end day is excluded; "
            r"a one-day period is 2025-04-10/2025-04-11\)",
        ):
            Period(date(2025, 4, 10), date(2025, 4, 9))

    def test_a_datetime_is_not_a_day(self) -> None:
        with pytest.raises(InvalidPeriodError, match=r"start must be a datetime\.date \(a day\), got datetime"):
            Period(datetime(2025, 4, 10, 0, 1))

    def test_the_end_must_be_a_day_too(self) -> None:
        with pytest.raises(InvalidPeriodError, match=r"end must be a datetime\.date \(a day\), got str"):
            Period(date(2025, 4, 10), "2025-05-01")  # type: ignore[arg-type]

    def test_parse_and_str(self) -> None:
        assert Period(date(2025, 4, 5), None) == Period.parse("2025-04-05/")
        assert "2025-04-10/2025-07-09" == str(Period.parse(" 2025-04-10 / 2025-07-09 "))
        assert "2025-04-05/" == str(Period(date(2025, 4, 5)))

    def test_parse_without_slash(self) -> None:
        with pytest.raises(
            InvalidPeriodError, match=r"'2025-04-10' is not a period; write START/END or START/ \(open\)"
        ):
            Period.parse("2025-04-10")

    def test_overlaps_shares_at_least_one_day(self) -> None:
        jan = Period.parse("2025-01-01/2025-02-01")
        assert not jan.overlaps(Period.parse("2025-02-01/"))
        assert jan.overlaps(Period.parse("2025-01-31/2025-03-01"))
        assert Period.parse("2025-01-01/").overlaps(Period.parse("2024-01-01/"))
        assert not Period.parse("2025-03-01/").overlaps(jan)

    def test_intersection(self) -> None:
        a = Period.parse("2025-01-01/2025-03-01")
        assert Period.parse("2025-02-01/2025-03-01") == a.intersection(Period.parse("2025-02-01/"))
        assert Period.parse("2025-02-01/") == Period.parse("2025-01-01/").intersection(Period.parse("2025-02-01/"))
        assert a.intersection(Period.parse("2025-03-01/")) is None

    def test_boundaries(self) -> None:
        assert (date(2025, 1, 1),) == Period.parse("2025-01-01/").boundaries()
        assert (date(2025, 1, 1), date(2025, 2, 1)) == Period.parse("2025-01-01/2025-02-01").boundaries()
