"""R-X04: exactly one archive per shop (一户一档); inspections on the 小商铺检查登记表, linked to it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from gridcore_firesafety.services import archives, cells, grids, inspections, views

from gridcore.errors import ConflictError, NotFoundError, ValidationError
from gridcore.services import records
from gridcore.services.unit import read_unit, unit_of_work
from gridcore.testing import run_service


def test_one_archive_per_shop_copied_from_the_premises(staffed):
    with read_unit(staffed) as uow:
        archive = archives.get(uow, "hqdy001")
        fields = (archive.shop_name, archive.owner, archive.phone, archive.area, archive.cell_name, archive.opened_date)
    assert fields == ("惠民便利店", "赵店主", "13900001111", Decimal("35.00"), "一坊旧村片", dt.date(2026, 2, 1))
    with pytest.raises(
        ConflictError, match="惠民便利店 \\(HQDY001\\) 已有消防档案 \\(一户一档\\), 在单元格 一坊旧村片"
    ):
        run_service(staffed, archives.open_archive, "HQDY001")
    with pytest.raises(NotFoundError, match="场所编号 HQDY009 不存在"):
        run_service(staffed, archives.open_archive, "HQDY009")


def test_the_cell_comes_from_the_premises_compound(staffed):
    with unit_of_work(staffed) as uow:
        cells.add(uow, grid_key="一坊", name="一坊出租物业片")
    with pytest.raises(
        ValidationError, match="所在小区属于单元格 一坊旧村片 \\(HQXF0101\\), 不能在 一坊出租物业片 建档"
    ):
        run_service(staffed, archives.open_archive, "HQDY002", cell_key="一坊出租物业片")
    with pytest.raises(ValidationError, match="安和五金店 所在小区不属于任何单元格: 请用 --cell 指定单元格"):
        run_service(staffed, archives.open_archive, "HQDE001")
    archive = run_service(
        staffed,
        archives.open_archive,
        "HQDE001",
        cell_key="一坊出租物业片",
        given={"灭火器数量": "3", "三合一场所": "否"},
    )
    assert (archive.cell_name, archive.extinguishers, archive.three_in_one) == ("一坊出租物业片", 3, False)


def test_premises_in_a_cell_without_an_archive_are_listed(staffed):
    with read_unit(staffed) as uow:
        missing = [(cell.name, facts.key, facts.name) for cell, facts in archives.missing(uow)]
    assert missing == [("一坊旧村片", "HQDY002", "好邻居面馆"), ("一坊旧村片", "HQDY003", "同心理发店")]
    run_service(staffed, archives.open_archive, "HQDY002")
    run_service(staffed, archives.open_archive, "HQDY003")
    with read_unit(staffed) as uow:
        assert archives.missing(uow) == []


def test_facilities_are_edited_by_label(staffed):
    given = {"灭火器数量": 2, "灭火器有效期至": "2027-03-01", "安全出口畅通": "否", "电动车停放充电": "室内停放或充电"}
    run_service(staffed, archives.edit, "HQDY001", given)
    with read_unit(staffed) as uow:
        view = views.archive_detail(uow, "HQDY001")
    assert (view["灭火器数量"], view["灭火器有效期至"], view["安全出口畅通"], view["电动车停放充电"]) == (
        2,
        "2027-03-01",
        False,
        "室内停放或充电",
    )
    with pytest.raises(ValidationError, match="「商铺名称」由系统生成"):
        run_service(staffed, archives.edit, "HQDY001", {"商铺名称": "别的名字"})


def test_an_archived_premises_is_not_deleted_and_renames_reach_the_archive(staffed):
    with pytest.raises(ValidationError, match="场所 HQDY001 有消防档案 \\(一户一档\\), 不能删除"):
        run_service(staffed, records.delete, "premises", "HQDY001")
    run_service(staffed, records.edit, "premises", "HQDY001", {"场所名称": "惠民超市"})
    with read_unit(staffed) as uow:
        assert archives.get(uow, "HQDY001").shop_name == "惠民超市"
    assert run_service(staffed, records.delete, "premises", "HQDY002") == "HQDY002"  # no archive: deleted


def test_a_generic_write_of_a_fire_record_is_refused_with_the_command_to_use(staffed):
    given = {
        "日期": "2026-09-01",
        "年度": 2026,
        "对象类别": "个人",
        "对象": "吴某",
        "奖惩类别": "通报表彰",
        "事由": "好",
    }
    with pytest.raises(ValidationError, match="请用 gridcore fire reward add 录入"):
        run_service(staffed, records.add, "firesafety_reward", given)


def test_an_inspection_is_recorded_on_the_archive(staffed):
    results = {"灭火器配置及有效期": "不合格", "安全出口、疏散通道畅通": "合格", "08": "不适用"}
    inspection = run_service(
        staffed,
        inspections.record,
        "HQDY001",
        inspector="钱巡查",
        results=results,
        day="2026-09-18",
        findings="灭火器压力不足",
        requirement="一周内更换",
        signature="赵店主",
    )
    assert (inspection.inspection_no, inspection.conclusion, inspection.inspector_post) == (
        "JC202600001",
        "不合格",
        "02",
    )
    with read_unit(staffed) as uow:
        view = views.inspection_detail(uow, "JC202600001")
        listed = [i.inspection_no for i in inspections.listing(uow, archive_key="HQDY001", month="2026-09")]
        archive_view = views.archive_detail(uow, "HQDY001")
    assert [(item["检查项目"], item["结果"]) for item in view["检查项目"]] == [
        ("灭火器配置及有效期", "不合格"),
        ("安全出口、疏散通道畅通", "合格"),
        ("用火用气安全", "不适用"),
    ]
    assert (view["场所编号"], view["店主签字"], view["检查日期"]) == ("HQDY001", "赵店主", "2026-09-18")
    assert listed == ["JC202600001"]
    assert [i["检查编号"] for i in archive_view["检查记录"]] == ["JC202600001"]


def test_inspection_rules(staffed):
    ok = {"灭火器配置及有效期": "合格"}
    with pytest.raises(ValidationError, match="周路人 在 2026-09-18 不是一坊旧村片的消防安全监管员或消防巡查员"):
        run_service(staffed, inspections.record, "HQDY001", inspector="周路人", results=ok, day="2026-09-18")
    with pytest.raises(ValidationError, match="钱巡查 在 2025-12-31 不是"):  # before taking up the post
        run_service(staffed, inspections.record, "HQDY001", inspector="钱巡查", results=ok, day="2025-12-31")
    with pytest.raises(ValidationError, match="「检查项目」的值「门牌」不在词典中"):
        run_service(staffed, inspections.record, "HQDY001", inspector="钱巡查", results={"门牌": "合格"})
    with pytest.raises(ValidationError, match="结果「好」应为 合格、不合格、不适用 之一"):
        run_service(staffed, inspections.record, "HQDY001", inspector="钱巡查", results={"01": "好"})
    with pytest.raises(ValidationError, match="至少要有一个检查项目"):
        run_service(staffed, inspections.record, "HQDY001", inspector="钱巡查", results={})
    with pytest.raises(ValidationError, match="请写明发现的隐患"):
        run_service(staffed, inspections.record, "HQDY001", inspector="钱巡查", results={"01": "不合格"})
    with pytest.raises(ValidationError, match="晚于今天"):
        run_service(staffed, inspections.record, "HQDY001", inspector="钱巡查", results=ok, day="2026-09-21")
    with pytest.raises(NotFoundError, match="场所 HQDY002 没有消防档案"):
        run_service(staffed, inspections.record, "HQDY002", inspector="钱巡查", results=ok)


def test_only_staff_of_the_archives_cell_inspect(staffed):
    with unit_of_work(staffed) as uow:
        grids.add(uow, community_code="HQ", name="二坊", supervisor="钱网格")
        cells.add(uow, grid_key="二坊", name="二坊片", compound_code="HQDE")
        cells.assign(uow, "二坊片", post="巡查员", person="吴巡查", since="2026-01-01")
        archives.open_archive(uow, "HQDE001")
    with pytest.raises(ValidationError, match="吴巡查 在 2026-09-20 不是一坊旧村片的"):
        run_service(staffed, inspections.record, "HQDY001", inspector="吴巡查", results={"01": "合格"})
    assert (
        run_service(staffed, inspections.record, "HQDE001", inspector="吴巡查", results={"01": "合格"}).conclusion
        == "合格"
    )
