"""Residents: numbers (R-C07), 户主 rules (R-D06–D08), ID derivation (R-E01–E05), linking (R-G11–G13)."""

from __future__ import annotations

import datetime as dt

import pytest

from gridcore.domain.residents import is_elderly, is_minority
from gridcore.errors import ConflictError, NotFoundError, ValidationError
from gridcore.services import households, residents
from gridcore.testing import in_unit, run_service

FEMALE_1949 = "11010519491231002X"


@pytest.fixture
def household(district):
    return run_service(district, households.add, head_name="甲某", compound_code="HQDY")


def test_numbers_follow_the_household(district, household):
    head = run_service(district, residents.add, name=None, household_key="HQDY001", relation="户主")
    child = run_service(district, residents.add, name="甲小", household_key="HQDY001", relation="子")
    assert (head.resident_no, child.resident_no) == ("HQDY00101", "HQDY00102")
    assert head.name == "甲某"  # R-D07: taken from 户主姓名
    assert (child.household_no, child.community_name, child.compound_name, child.head_name) == (
        "HQDY001",
        "红旗社区",
        "第一小区",
        "甲某",
    )


def test_second_head_is_refused(district, household):
    run_service(district, residents.add, name=None, household_key="HQDY001", relation="户主")
    with pytest.raises(ConflictError, match="已有户主 甲某"):
        run_service(district, residents.add, name="乙某", household_key="HQDY001", relation="户主")
    other = run_service(district, residents.add, name="乙某", household_key="HQDY001", relation="配偶")
    with pytest.raises(ConflictError, match="每户只能有一名户主"):
        run_service(district, residents.edit, other.resident_no, {"与户主关系": "户主"})


def test_head_rename_updates_the_household(district, household):
    run_service(district, residents.add, name=None, household_key="HQDY001", relation="户主")
    run_service(district, residents.edit, "HQDY00101", {"姓名": "甲改"})
    assert run_service(district, households.get, "HQDY001").head_name == "甲改"


def test_first_resident_not_head_warns(district, household):
    _, warnings = in_unit(
        district, lambda uow: residents.add(uow, name="乙某", household_key="HQDY001", relation="配偶")
    )
    assert any("不是户主" in w for w in warnings)


def test_id_number_fills_blank_fields(district, household):
    resident = run_service(
        district, residents.add, name="甲某", household_key="HQDY001", relation="户主", id_number="11010519491231002x"
    )
    assert resident.id_number == FEMALE_1949
    assert resident.birth_date == dt.date(1949, 12, 31)
    assert resident.birth_year == 1949
    assert resident.sex == "2"
    assert resident.native_place == resident.birth_place == "北京市朝阳区"


def test_fifteen_digit_id_is_upgraded(district, household):
    resident = run_service(
        district, residents.add, name="甲某", household_key="HQDY001", relation="户主", id_number="110105491231002"
    )
    assert resident.id_number == FEMALE_1949


def test_contradicting_values_are_flagged_not_overwritten(district, household):
    resident, warnings = in_unit(
        district,
        lambda uow: residents.add(
            uow,
            name="甲某",
            household_key="HQDY001",
            relation="户主",
            id_number=FEMALE_1949,
            given={"性别": "男", "出生日期": "1950.1.1"},
        ),
    )
    assert resident.sex == "1"
    assert resident.birth_date == dt.date(1950, 1, 1)
    assert any("性别" in w for w in warnings)
    assert any("出生日期" in w for w in warnings)


def test_invalid_id_is_refused_and_nothing_written(district, household):
    with pytest.raises(ValidationError, match="校验码"):
        run_service(
            district,
            residents.add,
            name="甲某",
            household_key="HQDY001",
            relation="户主",
            id_number="110105194912310021",
        )
    with pytest.raises(NotFoundError):
        run_service(district, residents.get, "HQDY00101")


def test_duplicate_id_is_refused(district, household):
    run_service(district, residents.add, name="甲某", household_key="HQDY001", relation="户主", id_number=FEMALE_1949)
    with pytest.raises(ConflictError, match="已登记"):
        run_service(district, residents.add, name="乙某", household_key="HQDY001", relation="子", id_number=FEMALE_1949)


def test_future_birth_date_is_refused(district, household):
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="在今天之后"):
        run_service(
            district,
            residents.add,
            name="甲某",
            household_key="HQDY001",
            relation="户主",
            given={"出生日期": tomorrow.isoformat()},
        )


def test_missing_household_is_refused(district):
    with pytest.raises(NotFoundError, match="户籍编号 HQDY404 不存在"):
        run_service(district, residents.add, name="甲某", household_key="HQDY404", relation="户主")


def test_unknown_dictionary_value_lists_the_allowed_ones(district, household):
    with pytest.raises(ValidationError, match="民族可选值"):
        run_service(
            district, residents.add, name="甲某", household_key="HQDY001", relation="户主", given={"民族": "火星族"}
        )


def test_link_unlink_and_move(district, household):
    loose = run_service(district, residents.add, name="乙某", relation="子")
    assert loose.resident_no is None
    linked = run_service(district, residents.link, f"#{loose.id}", "HQDY001")
    assert linked.resident_no == "HQDY00101"
    other = run_service(district, households.add, head_name="丙某", compound_code="HQDY")
    with pytest.raises(ConflictError, match="--move"):
        run_service(district, residents.link, "HQDY00101", other.household_no)
    moved = run_service(district, residents.link, "HQDY00101", other.household_no, move=True)
    assert (moved.resident_no, moved.household_no, moved.head_name) == ("HQDY00101", "HQDY002", "丙某")
    unlinked = run_service(district, residents.unlink, "HQDY00101")
    assert unlinked.household_no is None
    assert unlinked.resident_no == "HQDY00101"


def test_derived_flags(district, household):
    resident = run_service(
        district,
        residents.add,
        name="甲某",
        household_key="HQDY001",
        relation="户主",
        id_number=FEMALE_1949,
        given={"民族": "回族"},
    )
    assert is_elderly(resident, dt.date(2026, 11, 28))
    assert not is_elderly(resident, dt.date(2009, 12, 30))
    assert is_minority(resident)


def test_population_type_defaults_to_permanent(district, household):
    resident = run_service(district, residents.add, name="甲某", household_key="HQDY001", relation="户主")
    assert resident.population_type == "1"  # 常住人口 (semantic PERMANENT)
