"""Households: numbers (R-C05), linking (R-G10–G13), deletion (R-D09), head-name consistency (R-D08)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from gridcore.domain.households import Building
from gridcore.errors import ConflictError, NotFoundError, ValidationError
from gridcore.services import households, residents
from gridcore.testing import run_service


def test_numbers_increase_per_compound_and_are_never_reused(district):
    first = run_service(district, households.add, head_name="甲某", compound_code="HQDY")
    second = run_service(district, households.add, head_name="乙某", compound_code="HQDY")
    other = run_service(district, households.add, head_name="丙某", compound_code="HQDE")
    assert (first.household_no, second.household_no, other.household_no) == ("HQDY001", "HQDY002", "HQDE001")
    run_service(district, households.delete, "HQDY002")
    third = run_service(district, households.add, head_name="丁某", compound_code="HQDY")
    assert third.household_no == "HQDY003"


def test_numbers_skip_values_taken_by_other_means(district):
    taken = run_service(district, households.add, head_name="甲某")
    with district.db.session() as session:  # as if received from another unit
        session.get(type(taken), taken.id).household_no = "HQDY007"
    assert run_service(district, households.add, head_name="乙某", compound_code="HQDY").household_no == "HQDY008"


def test_number_widens_past_999(district):
    with district.db.session() as session:
        district.sequences.allocate(session, "household:HQDY", floor=997)  # 998 is used up
    assert run_service(district, households.add, head_name="甲某", compound_code="HQDY").household_no == "HQDY999"
    assert run_service(district, households.add, head_name="乙某", compound_code="HQDY").household_no == "HQDY1000"


def test_head_name_is_required(district):
    with pytest.raises(ValidationError, match="户主姓名"):
        run_service(district, households.add, head_name="  ", compound_code="HQDY")


def test_fields_by_label_and_dictionary_values(district):
    household = run_service(
        district,
        households.add,
        head_name="甲某",
        compound_code="HQDY",
        given={"楼号": "３", "门牌号": "101", "房屋状态": "出租", "户口类型": "城市"},
    )
    assert household.building_no == "3"  # NFKC: full-width digit
    assert household.house_state is not None
    with pytest.raises(ValidationError, match="「房屋状态」的值「豪宅」不在词典中;房屋状态可选值"):
        run_service(district, households.edit, household.household_no, {"房屋状态": "豪宅"})
    with pytest.raises(ValidationError, match="户籍编号"):
        run_service(district, households.edit, household.household_no, {"户籍编号": "X001"})
    with pytest.raises(ValidationError, match="没有字段「颜色」"):
        run_service(district, households.edit, household.household_no, {"颜色": "红"})


def test_linking_copies_names_makes_the_building_and_numbers(district):
    household = run_service(district, households.add, head_name="甲某", given={"楼号": "5"})
    assert household.household_no is None
    linked = run_service(district, households.link, f"#{household.id}", "HQDY")
    assert linked.household_no == "HQDY001"
    assert (linked.community_name, linked.compound_name) == ("红旗社区", "第一小区")
    with district.db.read_session() as session:
        assert session.execute(select(Building.building_no)).scalars().all() == ["5"]


def test_moving_needs_confirmation_and_keeps_the_number(district):
    run_service(district, households.add, head_name="甲某", compound_code="HQDY")
    with pytest.raises(ConflictError, match="--move"):
        run_service(district, households.link, "HQDY001", "HQDE")
    moved = run_service(district, households.link, "HQDY001", "HQDE", move=True)
    assert (moved.household_no, moved.compound_name) == ("HQDY001", "第二小区")


def test_unlink_keeps_the_record_and_number(district):
    run_service(district, households.add, head_name="甲某", compound_code="HQDY")
    run_service(district, residents.add, name="甲某", household_key="HQDY001", relation="户主")
    unlinked = run_service(district, households.unlink, "HQDY001")
    assert unlinked.compound_name is None
    assert unlinked.household_no == "HQDY001"
    assert run_service(district, residents.get, "HQDY00101").compound_name is None


def test_delete_is_refused_while_residents_remain(district):
    run_service(district, households.add, head_name="甲某", compound_code="HQDY")
    run_service(district, residents.add, name="甲某", household_key="HQDY001", relation="户主")
    with pytest.raises(ConflictError, match="还有 1 名居民"):
        run_service(district, households.delete, "HQDY001")


def test_linking_only_to_the_household_level(district):
    run_service(district, households.add, head_name="甲某")
    with pytest.raises(ValidationError, match="只能关联到小区"):
        run_service(district, households.link, "#1", "HQ")


def test_unknown_household(district):
    with pytest.raises(NotFoundError, match="户籍编号 NOPE001 不存在"):
        run_service(district, households.get, "NOPE001")


def test_household_head_name_change_renames_the_head_and_copies(district):
    run_service(district, households.add, head_name="甲某", compound_code="HQDY")
    run_service(district, residents.add, name=None, household_key="HQDY001", relation="户主")
    run_service(district, residents.add, name="乙某", household_key="HQDY001", relation="配偶")
    run_service(district, households.edit, "HQDY001", {"户主姓名": "甲新", "门牌号": "202"})
    head = run_service(district, residents.get, "HQDY00101")
    spouse = run_service(district, residents.get, "HQDY00102")
    assert head.name == "甲新"
    assert spouse.head_name == "甲新"
    assert spouse.door_no == "202"
