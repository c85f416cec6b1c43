"""R-X06 and R-X09 dates as pure rules: the 26th whatever the weekday, weekend options, periods."""

from __future__ import annotations

import datetime as dt

import pytest
from gridcore_firesafety.domain.calendar import (
    latest_closed_month,
    latest_ended_period,
    local_today,
    period_of,
    report_due,
)

from gridcore.errors import ConfigError, ValidationError


def test_the_26th_whatever_the_weekday():
    assert dt.date(2026, 9, 26).weekday() == 5  # a Saturday
    assert dt.date(2026, 4, 26).weekday() == 6  # a Sunday
    assert report_due("2026-09") == dt.date(2026, 9, 26)
    assert report_due("2026-04") == dt.date(2026, 4, 26)
    assert report_due("2026-10") == dt.date(2026, 10, 26)


@pytest.mark.parametrize(
    ("month", "rule", "due"),
    [
        ("2026-09", "before", dt.date(2026, 9, 25)),  # Saturday -> Friday
        ("2026-09", "after", dt.date(2026, 9, 28)),  # Saturday -> Monday
        ("2026-04", "before", dt.date(2026, 4, 24)),  # Sunday -> Friday
        ("2026-04", "after", dt.date(2026, 4, 27)),  # Sunday -> Monday
        ("2026-10", "after", dt.date(2026, 10, 26)),  # a Monday stays
    ],
)
def test_an_edition_may_move_a_weekend_due_date(month, rule, due):
    assert report_due(month, weekend=rule) == due


def test_bad_rules_and_months_are_refused():
    with pytest.raises(ConfigError, match="report_weekend"):
        report_due("2026-09", weekend="skip")
    with pytest.raises(ConfigError, match="report_day"):
        report_due("2026-09", day=31)
    with pytest.raises(ValidationError, match="YYYY-MM"):
        report_due("2026/09")


def test_the_latest_month_already_due():
    assert latest_closed_month(dt.date(2026, 9, 26)) == "2026-08"  # due today: not yet overdue
    assert latest_closed_month(dt.date(2026, 9, 27)) == "2026-09"
    assert latest_closed_month(dt.date(2026, 9, 27), weekend="after") == "2026-08"  # due Monday the 28th
    assert latest_closed_month(dt.date(2026, 1, 3)) == "2025-12"


def test_today_is_the_communitys_date():
    late_evening_utc = dt.datetime(2026, 9, 26, 17, 0, tzinfo=dt.UTC)  # 01:00 on the 27th in Shanghai
    assert local_today(late_evening_utc, "Asia/Shanghai") == dt.date(2026, 9, 27)
    assert local_today(late_evening_utc, "UTC") == dt.date(2026, 9, 26)
    with pytest.raises(ConfigError, match="timezone"):
        local_today(late_evening_utc, "Mars/Olympus")


def test_two_month_periods():
    period = period_of(dt.date(2026, 10, 15))
    assert (period.label, period.months_text, period.start, period.end) == (
        "2026年第5期",
        "9—10月",
        dt.date(2026, 9, 1),
        dt.date(2026, 10, 31),
    )
    assert period_of(dt.date(2026, 2, 28)).end == dt.date(2026, 2, 28)
    assert latest_ended_period(dt.date(2026, 9, 20)).label == "2026年第4期"
    assert latest_ended_period(dt.date(2026, 1, 5)).label == "2025年第6期"
    assert period_of(dt.date(2026, 5, 1), months=3).label == "2026年第2期"
    with pytest.raises(ConfigError, match="briefing_months"):
        period_of(dt.date(2026, 5, 1), months=5)
