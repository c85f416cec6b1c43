"""Dates of the fire-safety grid: today where the community is, report due dates, briefing periods.

The monthly report is due on the 26th [P4 四.1] whatever the weekday; an edition may move a due date
that falls on a Saturday or Sunday to the Friday before (``before``) or the Monday after (``after``).
Public holidays are not known to gridcore and are not skipped.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from gridcore.errors import ConfigError, ValidationError

WEEKEND_RULES = ("keep", "before", "after")
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
SATURDAY = 5


def local_today(now: dt.datetime, timezone: str) -> dt.date:
    """The calendar date of ``now`` in ``timezone`` (the 26th is the community's 26th, not UTC's)."""
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"[settings.firesafety] timezone {timezone!r} 不是有效的时区, 例如 Asia/Shanghai") from None
    return now.astimezone(zone).date()


def parse_month(text: str) -> tuple[int, int]:
    """``"2026-09"`` as ``(2026, 9)``; anything else is a one-line error."""
    found = _MONTH.fullmatch(text.strip())
    if found is None or not 1 <= int(found.group(2)) <= 12:
        raise ValidationError(f"月份 {text!r} 的格式应为 YYYY-MM, 例如 2026-09", field="月份", value=text)
    return int(found.group(1)), int(found.group(2))


def month_label(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def month_of(day: dt.date) -> str:
    return month_label(day.year, day.month)


def previous_month(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def check_report_rule(day: int, weekend: str) -> None:
    if not 1 <= day <= 28:
        raise ConfigError(f"[settings.firesafety] report_day 应为 1 到 28 之间的日子, 实际为 {day}")
    if weekend not in WEEKEND_RULES:
        raise ConfigError(
            f"[settings.firesafety] report_weekend 应为 {'、'.join(WEEKEND_RULES)} 之一, 实际为 {weekend!r}"
        )


def report_due(month: str, *, day: int = 26, weekend: str = "keep") -> dt.date:
    """The day the month's report is due: the ``day`` of the month, moved off a weekend if the rule says so."""
    check_report_rule(day, weekend)
    year, number = parse_month(month)
    due = dt.date(year, number, day)
    if due.weekday() >= SATURDAY and weekend != "keep":
        if weekend == "before":
            due -= dt.timedelta(days=due.weekday() - 4)
        else:
            due += dt.timedelta(days=7 - due.weekday())
    return due


def latest_closed_month(today: dt.date, *, day: int = 26, weekend: str = "keep") -> str:
    """The latest month whose report is already overdue on ``today`` (this month from the day after the due date)."""
    this = month_of(today)
    if today > report_due(this, day=day, weekend=weekend):
        return this
    return month_label(*previous_month(today.year, today.month))


@attrs.frozen(kw_only=True)
class Period:
    """A briefing period (简报期次): ``index`` counts from January, ``months`` long."""

    year: int
    index: int
    start: dt.date
    end: dt.date

    @property
    def label(self) -> str:
        return f"{self.year}年第{self.index}期"

    @property
    def months_text(self) -> str:
        if self.start.month == self.end.month:
            return f"{self.start.month}月"
        return f"{self.start.month}—{self.end.month}月"


def period_of(day: dt.date, months: int = 2) -> Period:
    """The briefing period that contains ``day``: with two months, 1—2月 is 第1期, 9—10月 第5期."""
    if months not in (1, 2, 3, 4, 6, 12):
        raise ConfigError(f"[settings.firesafety] briefing_months 应能整除 12 (1、2、3、4、6 或 12), 实际为 {months}")
    index = (day.month - 1) // months + 1
    first = (index - 1) * months + 1
    last = first + months - 1
    end = dt.date(day.year, last, calendar.monthrange(day.year, last)[1])
    return Period(year=day.year, index=index, start=dt.date(day.year, first, 1), end=end)


def latest_ended_period(today: dt.date, months: int = 2) -> Period:
    """The last period that has ended before ``today`` (the one a briefing reports on)."""
    current = period_of(today, months)
    return period_of(current.start - dt.timedelta(days=1), months)
