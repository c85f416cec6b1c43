"""R-X09: the two-monthly briefing on hazard rectification (xlsx and text), and the monthly publicity day."""

from __future__ import annotations

import json

import pytest
from gridcore_firesafety.exports.briefing_files import briefing_text
from gridcore_firesafety.services import archives, briefings, cells, duties, grids, hazards
from gridcore_firesafety.services.steps import StepInput
from openpyxl import load_workbook

from gridcore.errors import ConflictError, ValidationError
from gridcore.services.unit import read_unit, unit_of_work
from gridcore.testing import run_service


@pytest.fixture
def history(staffed):
    """Hazards of July and August 2026 (第4期) in two big grids, and one on each side of the period."""
    with unit_of_work(staffed) as uow:
        grids.add(uow, community_code="HQ", name="二坊", supervisor="钱网格", since="2026-01-01")
        cells.add(uow, grid_key="二坊", name="二坊片", compound_code="HQDE")
        archives.open_archive(uow, "HQDE001", opened="2026-01-02")

        def hazard(shop, found, deadline, *moves):
            record = hazards.register(uow, shop, hazard_type="其他", description="隐患", found=found, deadline=deadline)
            for state, day in moves:
                hazards.move(uow, record.hazard_no, state, given=StepInput(day=day))

        hazard("HQDY001", "2026-07-05", "2026-07-12", ("已整改", "2026-07-10"))
        hazard("HQDY001", "2026-08-10", "2026-08-15")
        hazard("HQDY001", "2026-08-01", "2026-08-30", ("已报安全办", "2026-08-05"))
        hazard(
            "HQDE001",
            "2026-06-20",
            "2026-06-27",
            ("已报安全办", "2026-06-25"),
            ("停水停电", "2026-07-02"),
            ("已整改", "2026-07-15"),
        )
        hazard("HQDE001", "2026-09-05", "2026-09-12")
        hazard("HQDE001", "2026-08-20", "2026-09-05")
    return staffed


def test_the_briefing_counts_per_big_grid(history):
    with read_unit(history) as uow:
        data = briefings.compute(uow, month="2026-08")
    assert (data.period.label, data.period.months_text, data.cutoff.isoformat()) == (
        "2026年第4期",
        "7—8月",
        "2026-08-31",
    )
    lines = [
        (line.grid_name, line.found, line.rectified, line.overdue, line.escalated, line.found_rectified)
        for line in data.lines
    ]
    assert lines == [("一坊", 3, 1, 2, 1, 1), ("二坊", 1, 1, 0, 0, 0)]
    with read_unit(history) as uow:
        default = briefings.compute(uow)  # on 2026-09-20 the last period that ended is 7—8月
        current = briefings.compute(uow, month="2026-09")  # not ended: counted up to today
    assert default.period.label == "2026年第4期"
    assert (current.period.label, current.cutoff.isoformat()) == ("2026年第5期", "2026-09-20")
    assert [(line.grid_name, line.found, line.overdue) for line in current.lines] == [("一坊", 0, 2), ("二坊", 1, 2)]


def test_the_briefing_as_text(history):
    with read_unit(history) as uow:
        text = briefing_text(briefings.compute(uow, month="2026-07"))
    assert text.splitlines() == [
        "红旗社区消防安全隐患整治简报",
        "2026年第4期 (2026年7—8月)",
        "统计截至 2026-08-31, 报送日期 2026-09-20",
        "",
        "本期共排查发现火灾隐患 4 处, 其中已整改 1 处 (整改率 25.0%); 本期完成整改 2 处, 逾期未整改 2 处,"
        " 店主不予配合报送安全办处置 1 处。",
        "",
        "各大网格情况:",
        "  一坊: 发现 3 处, 已整改 1 处, 逾期未改 2 处, 上报处置 1 处",
        "  二坊: 发现 1 处, 已整改 1 处, 逾期未改 0 处, 上报处置 0 处",
    ]


def test_the_briefing_is_recorded_once_per_period_and_written_as_xlsx_and_text(history, cli, tmp_path):
    result = cli(history, "fire", "briefing", "make", "--month", "2026-08", "--dir", str(tmp_path), "--format", "json")
    assert result.exit_code == 0, result.output
    made = json.loads(result.output)
    assert made["period"] == "2026年第4期"
    assert made["lines"][0] == {"大网格": "一坊", "发现隐患": 3, "已整改": 1, "逾期未改": 2, "上报处置": 1}
    sheet = load_workbook(made["xlsx"]).active
    assert sheet["A1"].value == "红旗社区消防安全隐患整治简报"
    assert [sheet.cell(3, c).value for c in range(1, 7)] == [
        "网格编号",
        "大网格",
        "发现隐患",
        "已整改",
        "逾期未改",
        "上报处置",
    ]
    assert [sheet.cell(4, c).value for c in range(1, 7)] == ["HQXF01", "一坊", 3, 1, 2, 1]
    assert [sheet.cell(5, c).value for c in range(1, 7)] == ["HQXF02", "二坊", 1, 1, 0, 0]
    assert [sheet.cell(6, c).value for c in (1, 3, 4, 5, 6)] == ["合计", 4, 2, 2, 1]
    assert sheet["A7"].value == "整改率 25.0%"
    with open(made["text"], encoding="utf-8") as text:
        assert text.readline().strip() == "红旗社区消防安全隐患整治简报"
    assert cli(history, "fire", "briefing", "make", "--month", "2026-07", "--dir", str(tmp_path)).exit_code == 0
    with read_unit(history) as uow:
        recorded = [(b.period, b.found, b.rectified, b.overdue, b.escalated) for b in briefings.listing(uow)]
    assert recorded == [("2026年第4期", 4, 2, 2, 1)]


def test_a_briefing_with_two_communities_needs_the_community(history):
    with unit_of_work(history) as uow:
        grids.add(uow, community_code="GH", name="桂一", supervisor="吴网格")
    with pytest.raises(ValidationError, match="有多个社区的消防网格, 请用 --community 指定社区编码"):
        run_service(history, briefings.issue, month="2026-08")
    record, data = run_service(history, briefings.issue, month="2026-08", community_code="GH")
    assert (record.period, [line.grid_name for line in data.lines]) == ("2026年第4期", ["桂一"])


def test_one_publicity_day_per_month_on_a_working_day(staffed):
    day = run_service(
        staffed, duties.add_publicity, day="2026-09-15", forms=["消防车广播", "致全体居民的一封信"], audience="居民"
    )
    assert (day.month, day.forms) == ("2026-09", "消防车广播、致全体居民的一封信")
    with pytest.raises(ConflictError, match="2026-09 已定 2026-09-15 为消防安全宣传日"):
        run_service(staffed, duties.add_publicity, day="2026-09-17", forms=["消防车广播"])
    with pytest.raises(ValidationError, match="宣传日 2026-08-15 是周末"):
        run_service(staffed, duties.add_publicity, day="2026-08-15", forms=["消防车广播"])
    with pytest.raises(ValidationError, match="「宣传形式」的值「电视」不在词典中"):
        run_service(staffed, duties.add_publicity, day="2026-08-14", forms=["电视"])
    run_service(staffed, duties.add_publicity, day="2026-08-14", forms=["悬挂消防安全标语"])
    with read_unit(staffed) as uow:
        months = duties.months_without_publicity(uow, year=2026)
    assert months == [f"2026-{m:02d}" for m in range(1, 8)]
