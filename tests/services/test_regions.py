"""Jurisdiction: codes (R-C01–C04), rename/move keep codes, delete refused with records (R-B04)."""

from __future__ import annotations

import pytest

from gridcore.edition import Edition
from gridcore.errors import ConflictError, NotFoundError, ValidationError
from gridcore.services import households, regions
from gridcore.testing import run_service


def test_codes_are_generated_from_names(district):
    assert run_service(district, regions.get, "HQ").name == "红旗社区"
    assert run_service(district, regions.get, "HQDY").name == "第一小区"
    assert run_service(district, regions.get, "hqde").name == "第二小区"


def test_duplicate_community_code_is_rejected_with_a_suggestion(district):
    with pytest.raises(ConflictError) as error:
        run_service(district, regions.add, level="社区", name="红桥社区", parent_code="DC")
    message = str(error.value)
    assert "编码 HQ 已被其他辖区使用" in message
    assert "建议改用 HQS" in message
    assert run_service(district, regions.add, level="社区", name="红桥社区", parent_code="DC", code="hqs").code == "HQS"


def test_duplicate_compound_code_is_rejected(district):
    run_service(district, regions.add, level="社区", name="和平社区", parent_code="DC", code="HP")
    with pytest.raises(ConflictError, match="HQDY"):
        run_service(district, regions.add, level="小区", name="东园", parent_code="HP", code="HQDY")


def test_duplicate_name_under_one_parent_is_rejected(district):
    with pytest.raises(ConflictError, match="第一小区"):
        run_service(district, regions.add, level="小区", name="第一小区", parent_code="HQ", code="HQX")


def test_parent_must_be_one_level_up(district):
    with pytest.raises(ValidationError, match="不能作为小区的上级"):
        run_service(district, regions.add, level="小区", name="某小区", parent_code="DC")
    with pytest.raises(ValidationError, match="--parent"):
        run_service(district, regions.add, level="社区", name="某社区")
    with pytest.raises(ValidationError, match="可用: 街道、社区、小区"):
        run_service(district, regions.add, level="网格", name="某网格")


def test_rename_keeps_code_and_numbers_and_updates_copies(district):
    household = run_service(district, households.add, head_name="甲某", compound_code="HQDY")
    run_service(district, regions.rename, "HQ", "红旗新社区")
    run_service(district, regions.rename, "HQDY", "第一花园")
    assert run_service(district, regions.get, "HQ").name == "红旗新社区"
    again = run_service(district, households.get, household.household_no)
    assert again.household_no == "HQDY001"
    assert again.community_name == "红旗新社区"
    assert again.compound_name == "第一花园"


def test_move_keeps_code(district):
    run_service(district, regions.add, level="社区", name="和平社区", parent_code="DC", code="HP")
    moved = run_service(district, regions.move, "HQDE", "HP")
    assert moved.code == "HQDE"
    with pytest.raises(ValidationError, match="只能移到社区之下"):
        run_service(district, regions.move, "HQDE", "DC")


def test_recode_leaves_existing_numbers(district):
    run_service(district, households.add, head_name="甲某", compound_code="HQDY")
    run_service(district, regions.recode, "HQDY", "HQD1")
    assert run_service(district, households.get, "HQDY001").household_no == "HQDY001"
    second = run_service(district, households.add, head_name="乙某", compound_code="HQD1")
    assert second.household_no == "HQD1001"


def test_delete_is_refused_while_children_or_records_exist(district):
    with pytest.raises(ConflictError, match="下级辖区"):
        run_service(district, regions.delete, "HQ")
    household = run_service(district, households.add, head_name="甲某", compound_code="HQDE")
    with pytest.raises(ConflictError, match="1 户住户"):
        run_service(district, regions.delete, "HQDE")
    run_service(district, households.delete, household.household_no)
    run_service(district, regions.delete, "HQDE")
    with pytest.raises(NotFoundError):
        run_service(district, regions.get, "HQDE")


def test_tree_counts(district):
    run_service(district, households.add, head_name="甲某", compound_code="HQDY")
    run_service(district, households.add, head_name="乙某", compound_code="HQDE")
    (street,) = run_service(district, regions.tree)
    assert street.name == "东城街道"
    assert street.households == 2
    (community,) = street.children
    assert [c.households for c in community.children] == [1, 1]


def test_rural_levels(make_app):
    app = make_app(levels=("乡镇", "村", "组"))
    run_service(app, regions.add, level="乡镇", name="青山镇")
    run_service(app, regions.add, level="村", name="王家村", parent_code="QS")
    group = run_service(app, regions.add, level="组", name="一组", parent_code="WJ")
    assert group.code == "WJYZ"
    household = run_service(app, households.add, head_name="甲某", compound_code="WJYZ")
    assert household.household_no == "WJYZ001"
    assert isinstance(app.edition, Edition)


def test_edition_readings_change_the_default_code(make_app):
    app = make_app(code_rules={"readings": {"锦厦": "JS"}})
    run_service(app, regions.add, level="街道", name="东城街道")
    assert run_service(app, regions.add, level="社区", name="锦厦社区", parent_code="DC").code == "JS"


def test_top_level_cannot_move(district):
    with pytest.raises(ValidationError, match="街道是最高层级,不能移动"):
        run_service(district, regions.move, "DC", "HQ")
