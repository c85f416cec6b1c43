"""R-X06: every cell reports by the 26th, whatever the weekday; on the 27th the missing ones are listed.

September 2026 is the weekend month: the 26th is a Saturday.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from gridcore_firesafety.services import cells, reports

from gridcore.errors import ConflictError, ValidationError
from gridcore.services.unit import read_unit, unit_of_work
from gridcore.testing import run_service

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def at(clock, text):
    """Set the frozen clock to a Shanghai wall-clock time, ``"2026-09-27 00:01"``."""
    clock.now = dt.datetime.fromisoformat(text).replace(tzinfo=SHANGHAI).astimezone(dt.UTC)


@pytest.fixture
def two_cells(staffed):
    run_service(staffed, cells.add, grid_key="一坊", name="一坊出租物业片")
    return staffed


def missing(app, month=None):
    with read_unit(app) as uow:
        found = reports.overdue(uow, month=month)
    return found.month, found.due, found.flagged, [cell.name for cell in found.cells]


def test_a_report_is_due_on_the_26th_and_late_after_it(two_cells, clock):
    on_time = run_service(two_cells, reports.submit, "一坊旧村片", month="2026-09", reporter="赵网格", checks=12)
    assert (on_time.due_date, on_time.late, on_time.report_date) == (dt.date(2026, 9, 26), False, dt.date(2026, 9, 20))
    late = run_service(two_cells, reports.submit, "一坊旧村片", month="2026-08", reporter="赵网格", day="2026-08-27")
    assert (late.due_date, late.late) == (dt.date(2026, 8, 26), True)
    with pytest.raises(ConflictError, match="一坊旧村片 已于 2026-09-20 汇报过 2026-09"):
        run_service(two_cells, reports.submit, "一坊旧村片", month="2026-09", reporter="赵网格")
    with pytest.raises(ValidationError, match="2026-10 的汇报不能早于该月"):
        run_service(two_cells, reports.submit, "一坊旧村片", month="2026-10", reporter="赵网格")
    with pytest.raises(ValidationError, match="格式应为 YYYY-MM"):
        run_service(two_cells, reports.submit, "一坊旧村片", month="九月", reporter="赵网格")


def test_on_the_saturday_26th_nothing_is_overdue_yet_and_on_the_27th_it_is(two_cells, clock):
    run_service(two_cells, reports.submit, "一坊旧村片", month="2026-09", reporter="赵网格")
    at(clock, "2026-09-26 23:59")
    assert missing(two_cells, "2026-09") == ("2026-09", dt.date(2026, 9, 26), False, [])
    at(clock, "2026-09-27 00:01")
    assert missing(two_cells, "2026-09") == ("2026-09", dt.date(2026, 9, 26), True, ["一坊出租物业片"])
    assert missing(two_cells) == ("2026-09", dt.date(2026, 9, 26), True, ["一坊出租物业片"])  # the default month
    run_service(two_cells, reports.submit, "一坊出租物业片", month="2026-09", reporter="钱巡查")
    assert missing(two_cells) == ("2026-09", dt.date(2026, 9, 26), True, [])
    with read_unit(two_cells) as uow:
        late = {r.cell_name: r.late for r in reports.listing(uow, month="2026-09")}
    assert late == {"一坊旧村片": False, "一坊出租物业片": True}


def test_the_27th_is_the_communitys_27th(two_cells, clock):
    clock.now = dt.datetime(2026, 9, 26, 15, 59, tzinfo=dt.UTC)  # 23:59 in Shanghai
    assert missing(two_cells, "2026-09")[2] is False
    clock.now = dt.datetime(2026, 9, 26, 16, 1, tzinfo=dt.UTC)  # 00:01 on the 27th in Shanghai
    assert missing(two_cells, "2026-09")[2:] == (True, ["一坊旧村片", "一坊出租物业片"])


def test_before_the_due_date_the_previous_month_is_listed(two_cells, clock):
    at(clock, "2026-09-26 12:00")
    assert missing(two_cells) == ("2026-08", dt.date(2026, 8, 26), True, ["一坊旧村片", "一坊出租物业片"])


def test_an_edition_may_move_a_weekend_due_date_to_monday(make_fire_app, stage_grid, clock):
    app = make_fire_app(settings={"firesafety": {"report_weekend": "after"}})
    with unit_of_work(app) as uow:
        stage_grid(uow)
    at(clock, "2026-09-27 10:00")
    assert missing(app, "2026-09") == ("2026-09", dt.date(2026, 9, 28), False, [])
    assert missing(app)[0] == "2026-08"
    at(clock, "2026-09-29 08:00")
    assert missing(app, "2026-09") == ("2026-09", dt.date(2026, 9, 28), True, ["一坊旧村片"])
    report = run_service(app, reports.submit, "一坊旧村片", month="2026-09", reporter="赵网格", day="2026-09-28")
    assert (report.due_date, report.late) == (dt.date(2026, 9, 28), False)


def test_an_edition_may_move_it_to_friday_or_another_day(make_fire_app, make_app, stage_grid, clock):
    app = make_fire_app(settings={"firesafety": {"report_weekend": "before"}})
    with unit_of_work(app) as uow:
        stage_grid(uow)
    at(clock, "2026-09-26 09:00")
    assert missing(app, "2026-09") == ("2026-09", dt.date(2026, 9, 25), True, ["一坊旧村片"])
    other = make_app(["premises", "firesafety"], settings={"firesafety": {"report_day": 20}}, init=False).start()
    with read_unit(other) as uow:
        assert reports.due_date(uow, "2026-09") == dt.date(2026, 9, 20)


def test_overdue_from_the_command_line(two_cells, cli, clock):
    run_service(two_cells, reports.submit, "一坊旧村片", month="2026-09", reporter="赵网格")
    at(clock, "2026-09-27 09:00")
    result = cli(two_cells, "fire", "overdue", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {
        "月份": "2026-09",
        "应报日期": "2026-09-26",
        "今天": "2026-09-27",
        "已过应报日期": True,
        "未汇报单元格": [{"单元格编号": "HQXF0102", "单元格": "一坊出租物业片", "所属大网格": "一坊"}],
    }
    table = cli(two_cells, "fire", "overdue")
    assert "2026-09 未汇报的单元格 (应报日期 2026-09-26)" in table.output
    assert "一坊出租物业片" in table.output
    at(clock, "2026-09-26 09:00")
    early = cli(two_cells, "fire", "overdue", "--month", "2026-09")
    assert "2026-09 的汇报应于 2026-09-26 前提交, 尚未逾期" in early.output
    submitted = cli(
        two_cells,
        "fire",
        "report",
        "submit",
        "一坊出租物业片",
        "--month",
        "2026-08",
        "--reporter",
        "钱巡查",
        "--checks",
        "9",
    )
    assert submitted.exit_code == 0, submitted.output
    assert "已汇报: 一坊出租物业片 2026-08, 2026-09-26, 应报日期 2026-08-26 (逾期)" in submitted.output
