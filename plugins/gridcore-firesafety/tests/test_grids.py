"""R-X01 (big grids and hand-over), R-X02 (staffing), R-X03 (enterprise posts), R-X11 (shared duties)."""

from __future__ import annotations

import datetime as dt

import pytest
from gridcore_firesafety.services import cells, grids, views

from gridcore.errors import ConflictError, NotFoundError, ValidationError
from gridcore.services.unit import read_unit, unit_of_work
from gridcore.testing import run_service


def test_a_big_grid_has_a_number_and_a_named_supervisor(fire_app):
    grid = run_service(fire_app, grids.add, community_code="HQ", name="一坊", supervisor="赵网格", since="2026-01-05")
    second = run_service(fire_app, grids.add, community_code="HQ", name="二坊", supervisor="钱网格")
    assert (grid.grid_no, grid.supervisor, grid.community_name) == ("HQXF01", "赵网格", "红旗社区")
    assert (second.grid_no, second.supervisor_since) == ("HQXF02", dt.date(2026, 9, 20))  # today on the frozen clock
    with pytest.raises(ConflictError, match="已有大网格「一坊」"):
        run_service(fire_app, grids.add, community_code="HQ", name="一坊", supervisor="孙网格")
    with pytest.raises(ValidationError, match="应建在社区"):
        run_service(fire_app, grids.add, community_code="HQDY", name="三坊", supervisor="孙网格")
    with pytest.raises(ValidationError, match="晚于今天"):
        run_service(fire_app, grids.add, community_code="HQ", name="三坊", supervisor="孙网格", since="2026-09-21")


def test_cells_are_subdivisions_of_a_big_grid(fire_app):
    with unit_of_work(fire_app) as uow:
        grids.add(uow, community_code="HQ", name="一坊", supervisor="赵网格")
        first = cells.add(uow, grid_key="一坊", name="一坊旧村片", compound_code="HQDY")
        second = cells.add(uow, grid_key="HQXF01", name="一坊出租物业片")
        numbers = (first.cell_no, first.grid_name, first.compound_name, second.cell_no)
    assert numbers == ("HQXF0101", "一坊", "第一小区", "HQXF0102")
    with pytest.raises(ConflictError, match="第一小区 已属于单元格 HQXF0101"):
        run_service(fire_app, cells.add, grid_key="一坊", name="另一片", compound_code="HQDY")
    with pytest.raises(ValidationError, match="金桂苑 \\(GHJG\\) 不是红旗社区的小区"):
        run_service(fire_app, cells.add, grid_key="一坊", name="外片", compound_code="GHJG")
    with pytest.raises(NotFoundError, match="没有消防大网格「九坊」"):
        run_service(fire_app, cells.add, grid_key="九坊", name="外片")


def test_the_successor_holds_every_duty_and_the_history_is_kept(staffed):
    with unit_of_work(staffed) as uow:
        cells.add(uow, grid_key="一坊", name="一坊出租物业片")
        cells.assign(uow, "一坊出租物业片", post="监管员", person="赵网格", since="2026-01-01")
        cells.add_duty(uow, "一坊旧村片", role="分管领导", person="赵网格")
        done = grids.hand_over(uow, "一坊", successor="李接任", phone="13900002222", day="2026-09-01", note="人员调整")
        assert (done.predecessor, done.successor, done.posts, done.duties) == ("赵网格", "李接任", 2, 1)
    with read_unit(staffed) as uow:
        detail = views.grid_detail(uow, "一坊")
        cell = views.cell_detail(uow, "一坊旧村片")
        other = cells.active_posts(uow, cells.get(uow, "一坊出租物业片"))
    assert detail["消防监管员"] == "李接任"
    assert [(t["负责人"], t["起始日期"], t["结束日期"], t["接任人"]) for t in detail["任职记录"]] == [
        ("赵网格", "2026-01-01", "2026-09-01", "李接任"),
        ("李接任", "2026-09-01", None, None),
    ]
    assert [(p["岗位"], p["姓名"]) for p in cell["在任岗位"]] == [
        ("消防安全监管员", "李接任"),
        ("消防巡查员", "钱巡查"),
        ("消防巡查员", "孙巡查"),
    ]
    assert cell["捆绑式管理"]["分管领导"] == ["李接任"]
    assert [(p.person, p.post) for p in other] == [("李接任", "01")]


def test_the_old_post_stays_in_the_history(staffed):
    run_service(staffed, grids.hand_over, "一坊", successor="李接任", day="2026-09-01")
    with read_unit(staffed) as uow:
        cell = cells.get(uow, "一坊旧村片")
        before = [(p.person, p.post) for p in cells.active_posts(uow, cell, on=dt.date(2026, 8, 31))]
        after = [(p.person, p.post) for p in cells.active_posts(uow, cell, on=dt.date(2026, 9, 1))]
    assert before == [("赵网格", "01"), ("钱巡查", "02"), ("孙巡查", "02")]
    assert after == [("李接任", "01"), ("钱巡查", "02"), ("孙巡查", "02")]


def test_hand_over_refuses_the_same_person_and_an_early_date(staffed):
    with pytest.raises(ValidationError, match="就是现任消防监管员"):
        run_service(staffed, grids.hand_over, "一坊", successor="赵网格")
    with pytest.raises(ValidationError, match="早于现任的任职日期 2026-01-01"):
        run_service(staffed, grids.hand_over, "一坊", successor="李接任", day="2025-12-31")


def test_a_cell_needs_one_supervisor_and_two_patrollers(fire_app):
    with unit_of_work(fire_app) as uow:
        grids.add(uow, community_code="HQ", name="一坊", supervisor="赵网格")
        cell = cells.add(uow, grid_key="一坊", name="一坊旧村片")
        assert cells.staffing(uow, cell).label == "不全: 缺消防安全监管员 1 名; 缺消防巡查员 2 名"
        cells.assign(uow, "一坊旧村片", post="消防安全监管员", person="赵网格")
        cells.assign(uow, "一坊旧村片", post="巡查员", person="钱巡查")
        assert cells.staffing(uow, cell).label == "不全: 缺消防巡查员 1 名"
        cells.assign(uow, "一坊旧村片", post="02", person="孙巡查")
        assert cells.staffing(uow, cell).complete
    with pytest.raises(ConflictError, match="已有 1 名消防安全监管员"):
        run_service(fire_app, cells.assign, "一坊旧村片", post="监管员", person="周监管")
    with pytest.raises(ConflictError, match="已有 2 名消防巡查员"):
        run_service(fire_app, cells.assign, "一坊旧村片", post="巡查员", person="吴巡查")
    with pytest.raises(ConflictError, match="钱巡查 已是一坊旧村片的消防巡查员"):
        run_service(fire_app, cells.assign, "一坊旧村片", post="巡查员", person="钱巡查")
    with pytest.raises(ValidationError, match="「岗位」的值「队长」不在词典中"):
        run_service(fire_app, cells.assign, "一坊旧村片", post="队长", person="吴巡查")
    run_service(fire_app, cells.release, "一坊旧村片", person="孙巡查")
    run_service(fire_app, cells.assign, "一坊旧村片", post="巡查员", person="吴巡查")
    with read_unit(fire_app) as uow:
        names = [p.person for p in cells.active_posts(uow, cells.get(uow, "一坊旧村片"))]
    assert names == ["赵网格", "钱巡查", "吴巡查"]


def test_the_dashboard_counts_incomplete_cells(staffed):
    with unit_of_work(staffed) as uow:
        cells.add(uow, grid_key="一坊", name="一坊出租物业片")
        cells.assign(uow, "一坊出租物业片", post="监管员", person="周监管")
        grids.add(uow, community_code="HQ", name="二坊", supervisor="钱网格")
    with read_unit(staffed) as uow:
        rows = views.grid_rows(uow)
        incomplete = views.cell_rows(uow, incomplete=True)
    assert [(r["网格名称"], r["单元格"], r["配备不全"], r["档案"]) for r in rows] == [
        ("一坊", 2, 1, 1),
        ("二坊", 0, 0, 0),
    ]
    assert [(r["单元格名称"], r["监管员"], r["巡查员"]) for r in incomplete] == [("一坊出租物业片", 1, 0)]


def test_enterprise_posts_follow_their_rules(staffed):
    """R-X03: the 消防监督员 comes from 社区安全办; the 企业巡查员 is the enterprise's own person."""
    with pytest.raises(ValidationError, match="须指定所负责的企业"):
        run_service(staffed, cells.assign, "一坊旧村片", post="监督员", person="周安全")
    with pytest.raises(ValidationError, match="消防监督员由社区安全办人员担任: 所在单位应为「社区安全办」"):
        run_service(
            staffed,
            cells.assign,
            "一坊旧村片",
            post="监督员",
            person="周安全",
            premises_no="HQDY002",
            affiliation="好邻居面馆",
        )
    with pytest.raises(ValidationError, match="企业巡查员由企业专管消防安全人员担任: 所在单位应为「好邻居面馆」"):
        run_service(
            staffed,
            cells.assign,
            "一坊旧村片",
            post="企业巡查员",
            person="吴专管",
            premises_no="HQDY002",
            affiliation="社区安全办",
        )
    with pytest.raises(ValidationError, match="不指定企业场所"):
        run_service(staffed, cells.assign, "一坊旧村片", post="巡查员", person="吴专管", premises_no="HQDY002")
    overseer = run_service(staffed, cells.assign, "一坊旧村片", post="监督员", person="周安全", premises_no="hqdy002")
    patroller = run_service(
        staffed, cells.assign, "一坊旧村片", post="企业巡查员", person="吴专管", premises_no="HQDY002"
    )
    assert (overseer.premises_no, overseer.affiliation) == ("HQDY002", "社区安全办")
    assert (patroller.premises_no, patroller.affiliation) == ("HQDY002", "好邻居面馆")
    with pytest.raises(ConflictError, match="好邻居面馆 已有消防监督员"):
        run_service(staffed, cells.assign, "一坊旧村片", post="监督员", person="郑安全", premises_no="HQDY002")
    with read_unit(staffed) as uow:
        assert cells.staffing(uow, cells.get(uow, "一坊旧村片")).complete  # enterprise posts do not count


def test_the_safety_office_comes_from_the_edition(make_fire_app):
    app = make_fire_app(settings={"firesafety": {"safety_office": "街道安监站"}})
    with unit_of_work(app) as uow:
        grids.add(uow, community_code="HQ", name="一坊", supervisor="赵网格")
        cells.add(uow, grid_key="一坊", name="一坊旧村片")
        post = cells.assign(uow, "一坊旧村片", post="监督员", person="周安全", premises_no="HQDY002")
        assert post.affiliation == "街道安监站"


def test_the_cell_view_lists_every_shared_responsibility(staffed):
    """R-X11: 分管领导, 部门主管, 社区全体员工 and 企业经营者 of the cell."""
    with unit_of_work(staffed) as uow:
        cells.add_duty(uow, "一坊旧村片", role="分管领导", person="王主任")
        cells.add_duty(uow, "一坊旧村片", role="部门主管", person="冯主管")
        cells.add_duty(uow, "一坊旧村片", role="企业经营者", person="陈经营")
    with pytest.raises(ConflictError, match="已记录王主任的这项责任"):
        run_service(staffed, cells.add_duty, "一坊旧村片", role="分管领导", person="王主任")
    with read_unit(staffed) as uow:
        view = views.cell_detail(uow, "HQXF0101")
    assert view["捆绑式管理"] == {
        "分管领导": ["王主任"],
        "部门主管": ["冯主管"],
        "社区全体员工": ["社区全体员工"],
        "企业经营者": ["陈经营", "赵店主"],  # 赵店主 runs the archived shop HQDY001
    }
    assert view["人员配备"] == "齐全"
