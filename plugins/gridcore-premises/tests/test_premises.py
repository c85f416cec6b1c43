"""The premises register: 场所编号 (R-C06), maintenance (R-H01, R-H02), credit code, compound, types."""

from __future__ import annotations

import json

import pytest
from gridcore_premises.models import Premises

from gridcore.errors import ConflictError, NotFoundError, ValidationError
from gridcore.services import households, records, regions
from gridcore.testing import run_service

SHOP = {"场所名称": "好邻居便利店", "小区编码": "HQDY", "场所类型": "商店/超市"}


def add(app, **fields):
    return run_service(app, records.add, "premises", {**SHOP, **fields})


def test_numbers_are_compound_code_plus_three_digits_on_their_own_sequence(district):
    run_service(district, households.add, head_name="甲某", compound_code="HQDY")  # household HQDY001
    run_service(district, households.add, head_name="乙某", compound_code="HQDY")  # household HQDY002
    first = add(district)
    second = add(district, 场所名称="百味面馆")
    other = add(district, 小区编码="HQDE")
    assert (first.premises_no, second.premises_no, other.premises_no) == ("HQDY001", "HQDY002", "HQDE001")
    run_service(district, records.delete, "premises", "HQDY002")
    assert add(district).premises_no == "HQDY003"  # never reused


def test_names_are_copied_from_the_compound_and_follow_renames(district):
    place = add(district)
    assert (place.community_name, place.compound_name) == ("红旗社区", "第一小区")
    run_service(district, regions.rename, "HQ", "红旗新村社区")
    run_service(district, regions.rename, "HQDY", "第一花园")
    found = run_service(district, records.get, "premises", place.premises_no)
    assert (found.community_name, found.compound_name, found.premises_no) == ("红旗新村社区", "第一花园", "HQDY001")


def test_moving_to_another_compound_keeps_the_number(district):
    place = add(district)
    moved = run_service(district, records.edit, "premises", place.premises_no, {"小区编码": "GHJG"})
    assert (moved.premises_no, moved.community_name, moved.compound_name) == ("HQDY001", "桂花社区", "金桂苑")


def test_the_number_cannot_be_set_by_hand(district):
    place = add(district)
    with pytest.raises(ValidationError, match="「场所编号」由系统生成"):
        run_service(district, records.edit, "premises", place.premises_no, {"场所编号": "X001"})


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"小区编码": ""}, "「小区编码」不能为空"),
        ({"小区编码": "HQ"}, "红旗社区 \\(HQ\\) 是社区, 营业场所只能登记在小区"),
        ({"小区编码": "ZZZZ"}, "「小区编码」.*ZZZZ 不存在"),
        ({"场所名称": " "}, "「场所名称」不能为空"),
        ({"场所类型": "游乐园"}, "「场所类型」的值「游乐园」不在词典中"),
        ({"统一社会信用代码": "91350100M000100Y44"}, "「统一社会信用代码」91350100M000100Y44 无效: 校验码"),
        ({"经营面积": "-3"}, "「经营面积」不能为负数"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_written(district, given, message):
    with pytest.raises(ValidationError, match=message):
        add(district, **given)
    with district.db.read_session() as session:
        assert session.query(Premises).count() == 0


def test_credit_code_is_stored_normalised_and_types_by_code(district):
    place = add(district, 统一社会信用代码="91350100m000100y43", 场所类型="餐饮", 行业="住宿和餐饮业")
    assert (place.credit_code, place.premises_type, place.industry) == ("91350100M000100Y43", "02", "H")


def test_type_aliases_and_codes_are_accepted(district):
    assert add(district, 场所类型="超市").premises_type == "01"
    assert add(district, 场所类型="17").premises_type == "17"


def test_unknown_key_is_not_found(district):
    with pytest.raises(NotFoundError, match="营业场所 HQDY009 不存在"):
        run_service(district, records.get, "premises", "HQDY009")


def test_a_compound_with_premises_is_not_deleted(district):
    add(district)
    with pytest.raises(ConflictError, match="第一小区 下还有 1 个营业场所, 不能删除"):
        run_service(district, regions.delete, "HQDY")


def test_maintenance_from_the_command_line(district, cli):
    """R-H02: add, modify and delete premises; R-H01: a compound lists its premises."""
    added = cli(
        district,
        "premises",
        "add",
        "--field",
        "场所名称=惠民药房",
        "--field",
        "小区编码=HQDY",
        "--field",
        "场所类型=医疗机构/药店",
        "--format",
        "json",
    )
    assert added.exit_code == 0, added.output
    view = json.loads(added.output)
    assert (view["key"], view["场所编号"], view["小区编码"], view["小区"], view["场所类型"]) == (
        "HQDY001",
        "HQDY001",
        "HQDY",
        "第一小区",
        "医疗机构/药店",
    )
    assert cli(district, "premises", "add", "--field", "场所名称=金桂超市", "--field", "小区编码=GHJG").exit_code == 0
    edited = cli(district, "premises", "edit", "HQDY001", "--field", "地址=第一小区3号楼底商", "--format", "json")
    assert json.loads(edited.output)["地址"] == "第一小区3号楼底商"
    listed = cli(district, "premises", "list", "--region", "HQDY", "--format", "json")
    assert [row["场所编号"] for row in json.loads(listed.output)["records"]] == ["HQDY001"]
    deleted = cli(district, "premises", "delete", "HQDY001", "--yes")
    assert deleted.exit_code == 0, deleted.output
    shown = cli(district, "premises", "show", "HQDY001")
    assert shown.exit_code == NotFoundError.exit_code
    assert shown.output.strip() == "错误: 营业场所 HQDY001 不存在"


def test_a_bad_credit_code_is_one_line_from_the_command_line(district, cli):
    result = cli(
        district,
        "premises",
        "add",
        "--field",
        "场所名称=某店",
        "--field",
        "小区编码=HQDY",
        "--field",
        "统一社会信用代码=91350100M000100Y4",
    )
    assert result.exit_code == ValidationError.exit_code
    assert result.output.strip() == "错误: 「统一社会信用代码」91350100M000100Y4 无效: 应为 18 位, 实际 17 位"


def test_generic_query_with_filters(district, cli):
    add(district)
    add(district, 场所名称="百味面馆", 场所类型="餐饮", 小区编码="GHJG")
    result = cli(district, "query", "premises", "--where", "场所类型=餐饮", "--format", "json")
    assert [row["场所名称"] for row in json.loads(result.output)["records"]] == ["百味面馆"]
    faceted = json.loads(cli(district, "query", "premises", "--facets", "--format", "json").output)
    assert faceted["facets"]["场所类型"] == {"商店/超市": 1, "餐饮": 1}
