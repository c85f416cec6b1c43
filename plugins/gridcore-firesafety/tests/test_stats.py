"""Statistics: hazards by state, grid and type; the rectification rate; inspections per patroller and month."""

from __future__ import annotations

import pytest
from gridcore_firesafety.services import archives, cells, grids, hazards, inspections

from gridcore.services.stats import run_statistics
from gridcore.services.unit import read_unit, unit_of_work


@pytest.fixture
def activity(staffed):
    with unit_of_work(staffed) as uow:
        grids.add(uow, community_code="HQ", name="二坊", supervisor="钱网格", since="2026-01-01")
        cells.add(uow, grid_key="二坊", name="二坊片", compound_code="HQDE")
        cells.assign(uow, "二坊片", post="巡查员", person="吴巡查", since="2026-01-01")
        archives.open_archive(uow, "HQDE001")
        for shop, kind, path in (
            ("HQDY001", "消防器材缺失或过期", ()),
            ("HQDY001", "消防器材缺失或过期", ("已整改",)),
            ("HQDY001", "电动车违规停放充电", ("已整改", "关闭")),
            ("HQDE001", "电动车违规停放充电", ("已报安全办", "停水停电")),
            ("HQDE001", "其他", ("已报安全办", "停水停电", "已报镇整治办", "查封")),
        ):
            hazard = hazards.register(uow, shop, hazard_type=kind, description="隐患", found="2026-09-01")
            for state in path:
                hazards.move(uow, hazard.hazard_no, state)
        for shop, inspector, day in (
            ("HQDY001", "钱巡查", "2026-08-03"),
            ("HQDY001", "钱巡查", "2026-09-03"),
            ("HQDY001", "钱巡查", "2026-09-13"),
            ("HQDY001", "孙巡查", "2026-09-13"),
            ("HQDE001", "吴巡查", "2026-09-14"),
        ):
            inspections.record(uow, shop, inspector=inspector, results={"01": "合格"}, day=day)
    return staffed


def tables(app, *ids, region=None):
    with read_unit(app) as uow:
        return {r.statistic.id: r.table for r in run_statistics(uow, region=region, only=list(ids))}


def test_hazards_by_state_grid_and_type(activity):
    found = tables(activity, "firesafety.hazards_by_state", "firesafety.hazards_by_grid", "firesafety.hazards_by_type")
    assert found["firesafety.hazards_by_state"].rows == (
        ("待整改", 1),
        ("已整改", 1),
        ("关闭", 1),
        ("已报安全办", 0),
        ("停水停电", 1),
        ("已报镇整治办", 0),
        ("查封", 1),
    )
    assert found["firesafety.hazards_by_grid"].rows == (("一坊", 3), ("二坊", 2))
    assert found["firesafety.hazards_by_type"].rows == (
        ("消防器材缺失或过期", 2),
        ("电动车违规停放充电", 2),
        ("其他", 1),
    )


def test_rectification_rate(activity):
    table = tables(activity, "firesafety.rectification_rate")["firesafety.rectification_rate"]
    assert table.columns == ("大网格", "隐患数", "已整改", "整改率(%)")
    assert table.rows == (("一坊", 3, 2, 66.7), ("二坊", 2, 0, 0.0), ("合计", 5, 2, 40.0))


def test_inspections_per_patroller_per_month(activity):
    table = tables(activity, "firesafety.inspections_per_patroller")["firesafety.inspections_per_patroller"]
    assert table.rows == (
        ("2026-08", "钱巡查", 1),
        ("2026-09", "吴巡查", 1),
        ("2026-09", "孙巡查", 1),
        ("2026-09", "钱巡查", 2),
    )


def test_cell_staffing_and_region_scope(activity):
    table = tables(activity, "firesafety.cell_staffing")["firesafety.cell_staffing"]
    assert table.rows == (("一坊", 1, 1, 0), ("二坊", 1, 0, 1))
    other = tables(activity, "firesafety.hazards_by_grid", "firesafety.cell_staffing", region="GH")
    assert other["firesafety.hazards_by_grid"].rows == ()
    assert other["firesafety.cell_staffing"].rows == ()
