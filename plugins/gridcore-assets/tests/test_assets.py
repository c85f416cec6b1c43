"""The asset register: R-I01 (a resident's assets, maintenance), R-I02 (browse all with the query methods)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from gridcore.errors import ConflictError, NotFoundError, ValidationError
from gridcore.services import records, residents
from gridcore.testing import add_operator, grant, run_service

CAR = {"常住编号": "HQDY00101", "财产名称": "小汽车", "财产类型": "小型汽车", "车牌号": "皖H12345"}


def _fields(given):
    return [arg for key, value in given.items() for arg in ("--field", f"{key}={value}")]


def add(app, **fields):
    return run_service(app, records.add, "asset", {**CAR, **fields})


def test_an_asset_belongs_to_a_resident_by_number(district):
    asset = add(district, 品牌型号="大众 朗逸", 价值="123456.5", 购置日期="2021-05-01", 数量="1")
    assert (asset.owner_name, asset.plate_no, asset.value) == ("甲某", "皖H12345", Decimal("123456.50"))
    assert asset.acquired_date == dt.date(2021, 5, 1)


def test_the_owner_must_exist(district):
    with pytest.raises(ValidationError, match="「常住编号」居民 HQDY00999 不存在"):
        add(district, 常住编号="HQDY00999")
    with pytest.raises(ValidationError, match="「常住编号」不能为空"):
        add(district, 常住编号="")


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"车牌号": "皖H1234"}, "「车牌号」皖H1234 无效: 应为 7 位"),
        ({"车牌号": "皖HI2345"}, "不使用字母 I 和 O"),
        ({"车架号": "LSVAA4182E212345Q"}, "「车架号」LSVAA4182E212345Q 无效"),
        ({"数量": "0"}, "「数量」0 无效: 至少为 1"),
        ({"价值": "-1"}, "「价值\\(元\\)」-1 无效: 不能为负数"),
        ({"财产类型": "游艇"}, "「财产类型」的值「游艇」不在词典中"),
        ({"财产名称": ""}, "「财产名称」不能为空"),
    ],
)
def test_bad_values_are_refused(district, given, message):
    with pytest.raises(ValidationError, match=message):
        add(district, **given)


def test_a_future_purchase_date_is_refused(district):
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    with pytest.raises(ValidationError, match=r"「购置日期」.* 无效: 不能晚于今天"):
        add(district, 购置日期=tomorrow)


def test_new_energy_plates_and_normalising(district):
    assert add(district, 车牌号="皖h d12345").plate_no == "皖HD12345"
    assert add(district, 车牌号="皖H12345F", 财产类型="大中型客货车").plate_no == "皖H12345F"


def test_a_plate_is_registered_once(district):
    first = add(district)
    with pytest.raises(ConflictError, match="车牌号 皖H12345 已登记在其他财产记录中"):
        add(district, 常住编号="GHJG00101")
    edited = run_service(district, records.edit, "asset", f"#{first.id}", {"车牌号": "皖h12345", "品牌型号": "大众"})
    assert edited.plate_no == "皖H12345"  # editing the same car is no conflict


def test_local_plates_of_e_bikes_are_kept_as_typed(district):
    bike = add(district, 财产名称="电动自行车", 财产类型="电动自行车", 车牌号="安庆 012345")
    assert bike.plate_no == "安庆012345"


def test_owner_name_follows_a_rename(district):
    asset = add(district)
    run_service(district, residents.edit, "HQDY00101", {"姓名": "甲新名"})
    assert run_service(district, records.get, "asset", f"#{asset.id}").owner_name == "甲新名"


def test_a_resident_with_assets_is_not_deleted_until_they_are(district):
    asset = add(district)
    with pytest.raises(ConflictError, match="居民 HQDY00101 还登记有 1 项大宗财产, 不能删除"):
        run_service(district, residents.delete, "HQDY00101")
    run_service(district, records.delete, "asset", f"#{asset.id}")
    run_service(district, residents.delete, "HQDY00101")
    with pytest.raises(NotFoundError):
        run_service(district, residents.get, "HQDY00101")


def test_a_residents_assets_and_maintenance_from_the_command_line(district, cli):
    """R-I01: the assets of the selected resident; add, modify and delete them."""
    added = cli(district, "assets", "add", *_fields(CAR), "--format", "json")
    assert added.exit_code == 0, added.output
    view = json.loads(added.output)
    assert (view["key"], view["常住编号"], view["姓名"]) == ("#1", "HQDY00101", "甲某")
    assert (
        cli(
            district,
            "assets",
            "add",
            "--field",
            "常住编号=GHJG00101",
            "--field",
            "财产名称=电脑",
            "--field",
            "财产类型=笔记本电脑",
        ).exit_code
        == 0
    )
    mine = json.loads(cli(district, "assets", "of", "HQDY00101", "--format", "json").output)
    assert [(row["key"], row["常住编号"]) for row in mine["records"]] == [("#1", "HQDY00101")]
    edited = cli(district, "assets", "edit", "#1", "--field", "品牌型号=吉利 帝豪", "--format", "json")
    assert edited.exit_code == 0, edited.output
    assert cli(district, "assets", "delete", "#1", "--yes").exit_code == 0
    assert json.loads(cli(district, "assets", "of", "HQDY00101", "--format", "json").output)["total"] == 0


def test_browse_all_with_filters(district, cli):
    """R-I02: all assets on opening; exact, fuzzy and combined queries; 分类过滤 facets; regions."""
    viewer = add_operator(district, "chaxun", group="查询员")
    refused = cli(district, "query", "asset", "--where", "财产类型=笔记本电脑", actor=viewer)
    assert "「财产类型」对您是遮盖显示的敏感信息" in refused.output  # SPI: a condition only with pii.view
    grant(district, "系统管理员", "pii.view")  # before the administrator's first command logs them in
    add(district)
    add(district, 常住编号="GHJG00101", 财产名称="笔记本电脑", 财产类型="笔记本电脑", 车牌号="", 价值="5000")
    everything = json.loads(cli(district, "assets", "list", "--format", "json").output)
    assert everything["total"] == 2
    exact = json.loads(cli(district, "query", "asset", "--where", "财产类型=笔记本电脑", "--format", "json").output)
    assert [row["常住编号"] for row in exact["records"]] == ["GHJG00101"]
    fuzzy = json.loads(cli(district, "query", "asset", "--contains", "皖H123", "--format", "json").output)
    assert [row["常住编号"] for row in fuzzy["records"]] == ["HQDY00101"]
    combined = json.loads(cli(district, "query", "asset", "--filter", "价值 >= 1000", "--format", "json").output)
    assert [row["常住编号"] for row in combined["records"]] == ["GHJG00101"]
    in_region = json.loads(cli(district, "assets", "list", "--region", "GH", "--format", "json").output)
    assert [row["常住编号"] for row in in_region["records"]] == ["GHJG00101"]
    faceted = json.loads(cli(district, "query", "asset", "--facets", "--format", "json").output)
    assert faceted["facets"]["财产类型"] == {"小型汽车": 1, "笔记本电脑": 1}
