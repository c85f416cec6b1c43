"""The one presenter: Chinese labels as keys, dictionary labels as values, ISO dates, the record's key."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from gridcore.domain.households import Household
from gridcore.domain.residents import Resident
from gridcore.entities import entity_fields, resolve_field
from gridcore.services import dictionaries, households, presentation, residents
from gridcore.services.presentation import present_value, record_key, record_view
from gridcore.testing import in_unit, run_service

FEMALE_1949 = "11010519491231002X"


def test_record_view_of_a_resident(district):
    run_service(district, households.add, head_name="甲某", compound_code="HQDY")

    def body(uow):
        resident = residents.add(
            uow,
            name=None,
            household_key="HQDY001",
            relation="户主",
            id_number=FEMALE_1949,
            given={"民族": "回族", "来本地日期": "2020-05-01"},
        )
        return record_view(uow, "resident", resident)

    view, _ = in_unit(district, body)
    labels = [field.label for field in entity_fields(Resident)]
    assert list(view) == [presentation.KEY, *labels]
    assert view["key"] == "HQDY00101"
    assert (view["姓名"], view["性别"], view["民族"], view["与户主关系"]) == ("甲某", "女", "回族", "户主")
    assert (view["出生日期"], view["来本地日期"]) == ("1949-12-31", "2020-05-01")
    assert view["籍贯"] == "北京市朝阳区"
    assert (view["残疾人"], view["政治面貌"]) == (False, None)


def test_the_key_of_an_unlinked_record_is_its_id(district):
    def body(uow):
        household = households.add(uow, head_name="甲某")
        return household.id, record_key(uow, "household", household), record_view(uow, "household", household)

    (record_id, key, view), _ = in_unit(district, body)
    assert key == view["key"] == f"#{record_id}"
    assert view["户籍编号"] is None


def test_present_value(district):
    def body(uow):
        hukou = resolve_field(Household, "户口类型")
        area = resolve_field(Household, "建筑面积")
        birth = resolve_field(Resident, "出生日期")
        name = resolve_field(Resident, "姓名")
        urban = dictionaries.code_of(uow, "hukou_type", "URBAN")
        return (
            present_value(uow, hukou, urban),
            present_value(uow, hukou, "no-such-code"),
            present_value(uow, hukou, None),
            present_value(uow, area, Decimal("85.50")),
            present_value(uow, area, Decimal("100")),
            present_value(uow, birth, dt.date(1949, 12, 31)),
            present_value(uow, name, "甲某"),
        )

    shown, _ = in_unit(district, body)
    assert shown == ("城市", "no-such-code", None, "85.5", "100", "1949-12-31", "甲某")


def test_a_renamed_dictionary_entry_shows_its_new_label(district):
    run_service(district, households.add, head_name="甲某", compound_code="HQDY", given={"房屋状态": "出租"})
    run_service(district, dictionaries.rename_entry, "house_state", "出租", "整租")
    view, _ = in_unit(district, lambda uow: record_view(uow, "household", households.get(uow, "HQDY001")))
    assert view["房屋状态"] == "整租"


def test_region_view_is_generic_too(district):
    from gridcore.services import regions

    view, _ = in_unit(district, lambda uow: record_view(uow, "region", regions.get(uow, "HQDY")))
    assert (view["key"], view["编码"], view["名称"]) == ("HQDY", "HQDY", "第一小区")
