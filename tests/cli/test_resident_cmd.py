"""``gridcore resident``: add, show, edit, delete, link, unlink; one-line errors, nothing written."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from gridcore.cli import service_runner
from gridcore.domain.idcard.checksum import check_char
from gridcore.domain.idcard.synthetic import make_id
from gridcore.domain.residents import Resident
from gridcore.services import households, regions
from gridcore.testing import grant, in_unit, run_service

FEMALE_1949 = "11010519491231002X"
MALE_1980 = make_id("110105", dt.date(1980, 1, 1), 0, "男")
BAD_DATE = "11010519491331002" + check_char("11010519491331002")  # check digit right, 13th month


def ok(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def one_line_error(result, *parts):
    assert result.exit_code != 0, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("错误: "), lines[0]
    for part in parts:
        assert part in lines[0], lines[0]
    assert "Traceback" not in result.output
    return lines[0]


def resident_count(app):
    count, _ = in_unit(app, lambda uow: uow.session.execute(select(func.count()).select_from(Resident)).scalar_one())
    return count


@pytest.fixture
def district(gridcore_app):
    """红旗社区 (HQ) > 第一小区 (HQDY), 第二小区 (HQDE); households HQDY001 (甲某) and HQDE001 (乙某)."""
    # these tests read the fields as stored: the administrator may see sensitive values unmasked
    grant(gridcore_app, "系统管理员", "pii.view")
    run_service(gridcore_app, regions.add, level="街道", name="东城街道")
    run_service(gridcore_app, regions.add, level="社区", name="红旗社区", parent_code="DC")
    run_service(gridcore_app, regions.add, level="小区", name="第一小区", parent_code="HQ")
    run_service(gridcore_app, regions.add, level="小区", name="第二小区", parent_code="HQ")
    run_service(gridcore_app, households.add, head_name="甲某", compound_code="HQDY", given={"门牌号": "101"})
    run_service(gridcore_app, households.add, head_name="乙某", compound_code="HQDE")
    return gridcore_app


def add_head(cli, app):
    return ok(
        cli(
            app,
            *("resident", "add", "--household", "HQDY001", "--relation", "户主", "--id", FEMALE_1949),
            *("--field", "民族=回族", "--format", "json"),
        )
    )


def test_add_head_fills_fields_from_household_and_id(district, cli):
    view = add_head(cli, district)
    assert (view["key"], view["常住编号"], view["户籍编号"]) == ("HQDY00101", "HQDY00101", "HQDY001")
    assert view["姓名"] == "甲某"  # R-D07: taken from the household's 户主姓名
    assert (view["与户主关系"], view["身份证号"]) == ("户主", FEMALE_1949)
    assert (view["出生日期"], view["性别"], view["籍贯"], view["出生地"]) == (
        "1949-12-31",
        "女",
        "北京市朝阳区",
        "北京市朝阳区",
    )
    assert (view["民族"], view["人口类型"]) == ("回族", "常住人口")
    assert (view["社区名称"], view["小区"], view["门牌号"], view["户主姓名"]) == ("红旗社区", "第一小区", "101", "甲某")
    spouse = ok(
        cli(
            district,
            "resident",
            "add",
            "--household",
            "HQDY001",
            "--name",
            "丙某",
            "--relation",
            "配偶",
            "--format",
            "json",
        )
    )
    assert (spouse["常住编号"], spouse["与户主关系"]) == ("HQDY00102", "配偶")
    assert ok(cli(district, "region", "show", "HQDY", "--format", "json"))["居民数"] == 2


def test_first_resident_not_head_is_a_warning_on_stderr(district, cli):
    result = cli(
        district,
        "resident",
        "add",
        "--household",
        "HQDY001",
        "--name",
        "丙某",
        "--relation",
        "配偶",
        "--format",
        "json",
    )
    view = ok(result)
    assert view["常住编号"] == "HQDY00101"
    warnings = [line for line in result.stderr.splitlines() if line]
    assert len(warnings) == 1
    assert warnings[0].startswith("提示: ")
    assert "不是户主" in warnings[0]


def test_id_contradicting_a_given_value_is_a_warning(district, cli):
    result = cli(
        district,
        *("resident", "add", "--household", "HQDY001", "--relation", "户主", "--id", FEMALE_1949),
        *("--field", "性别=男", "--format", "json"),
    )
    view = ok(result)
    assert view["性别"] == "男"
    assert "提示: 「性别」男 与身份证号不一致" in result.stderr


def test_add_without_household_waits_to_be_linked(district, cli):
    view = ok(
        cli(district, "resident", "add", "--name", "丁某", "--relation", "子", "--id", MALE_1980, "--format", "json")
    )
    assert view["常住编号"] is None
    assert view["户籍编号"] is None
    assert view["key"].startswith("#")
    assert (view["性别"], view["出生日期"]) == ("男", "1980-01-01")
    shown = ok(cli(district, "resident", "show", view["key"], "--format", "json"))
    assert shown["姓名"] == "丁某"
    linked = ok(cli(district, "resident", "link", view["key"], "HQDY001", "--format", "json"))
    assert (linked["常住编号"], linked["户籍编号"], linked["小区"], linked["户主姓名"]) == (
        "HQDY00101",
        "HQDY001",
        "第一小区",
        "甲某",
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--household", "HQDY001", "--relation", "户主", "--id", "11010519491231002Y"), ("身份证号", "校验码")),
        (("--household", "HQDY001", "--relation", "户主", "--id", "1101051949"), ("身份证号", "长度")),
        (("--household", "HQDY001", "--relation", "户主", "--id", BAD_DATE), ("出生日期", "不是有效日期")),
        (
            ("--household", "HQDY001", "--relation", "户主", "--field", "民族=火星族"),
            ("「民族」的值「火星族」不在词典中", "汉族"),
        ),
        (("--household", "HQDY001", "--relation", "亲戚的亲戚"), ("与户主关系", "户主", "配偶")),
        (("--household", "HQDY009", "--name", "丙某", "--relation", "配偶"), ("户籍编号 HQDY009 不存在",)),
        (("--household", "HQDY001", "--relation", "户主", "--field", "出生日期=2999-01-01"), ("在今天之后",)),
        (("--household", "HQDY001", "--relation", "户主", "--field", "出生日期=昨天"), ("出生日期",)),
        (("--household", "HQDY001", "--relation", "户主", "--field", "常住编号=X"), ("由系统生成",)),
        (
            (
                "--relation",
                "户主",
            ),
            ("姓名",),
        ),
    ],
)
def test_bad_add_is_one_line_and_writes_nothing(district, cli, args, expected):
    result = cli(district, "resident", "add", *args)
    one_line_error(result, *expected)
    assert result.stdout == ""
    assert resident_count(district) == 0
    one_line_error(cli(district, "resident", "show", "HQDY00101"), "常住编号 HQDY00101 不存在")
    assert ok(cli(district, "region", "show", "HQDY", "--format", "json"))["居民数"] == 0


def test_future_birth_date_names_the_date(district, cli):
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    result = cli(
        district, "resident", "add", "--household", "HQDY001", "--relation", "户主", "--field", f"出生日期={tomorrow}"
    )
    one_line_error(result, f"「出生日期」{tomorrow} 在今天之后")
    assert resident_count(district) == 0


def test_a_second_head_is_refused(district, cli):
    add_head(cli, district)
    result = cli(district, "resident", "add", "--household", "HQDY001", "--name", "丙某", "--relation", "户主")
    one_line_error(result, "已有户主 甲某", "每户只能有一名户主")
    assert result.exit_code == 7
    assert resident_count(district) == 1
    one_line_error(cli(district, "resident", "show", "HQDY00102"), "不存在")
    spouse = ok(
        cli(
            district,
            "resident",
            "add",
            "--household",
            "HQDY001",
            "--name",
            "丙某",
            "--relation",
            "配偶",
            "--format",
            "json",
        )
    )
    one_line_error(cli(district, "resident", "edit", spouse["key"], "--field", "与户主关系=户主"), "已有户主")
    assert ok(cli(district, "resident", "show", spouse["key"], "--format", "json"))["与户主关系"] == "配偶"


def test_a_duplicate_id_number_is_refused(district, cli):
    add_head(cli, district)
    result = cli(district, "resident", "add", "--household", "HQDE001", "--relation", "户主", "--id", FEMALE_1949)
    one_line_error(result, "已登记", "HQDY00101")
    assert resident_count(district) == 1


def test_show_uses_labels_and_dictionary_labels(district, cli):
    add_head(cli, district)
    view = ok(cli(district, "resident", "show", "hqdy00101", "--format", "json"))
    assert (view["性别"], view["民族"], view["与户主关系"]) == ("女", "回族", "户主")
    assert (view["残疾人"], view["政治面貌"]) == (False, None)
    table = cli(district, "resident", "show", "HQDY00101")
    assert table.exit_code == 0, table.output
    for text in ("出生日期", "1949-12-31", "回族", "残疾人", "否"):
        assert text in table.stdout


def test_edit_changes_fields_and_head_name_follows(district, cli):
    add_head(cli, district)
    view = ok(
        cli(
            district,
            *("resident", "edit", "HQDY00101", "--field", "姓名=甲改", "--field", "政治面貌=群众"),
            *("--field", "联系电话=13800000000", "--format", "json"),
        )
    )
    assert (view["姓名"], view["户主姓名"], view["政治面貌"], view["联系电话"]) == (
        "甲改",
        "甲改",
        "群众",
        "13800000000",
    )
    assert ok(cli(district, "household", "show", "HQDY001", "--format", "json"))["户主姓名"] == "甲改"
    one_line_error(cli(district, "resident", "edit", "HQDY00101", "--field", "身份证号=123"), "身份证号")
    one_line_error(cli(district, "resident", "edit", "HQDY00101", "--field", "婚姻状况=很好"), "婚姻状况", "可选值")
    shown = ok(cli(district, "resident", "show", "HQDY00101", "--format", "json"))
    assert (shown["身份证号"], shown["婚姻状况"]) == (FEMALE_1949, None)


def test_link_move_and_unlink_keep_the_number(district, cli):
    add_head(cli, district)
    one_line_error(cli(district, "resident", "link", "HQDY00101", "HQDE001"), "已关联到住户 HQDY001", "--move")
    assert ok(cli(district, "resident", "show", "HQDY00101", "--format", "json"))["户籍编号"] == "HQDY001"
    # HQDE001 has no 户主 resident yet, so the 户主 may move there; its name becomes the household's 户主姓名
    moved = ok(cli(district, "resident", "link", "HQDY00101", "HQDE001", "--move", "--format", "json"))
    assert (moved["常住编号"], moved["户籍编号"], moved["小区"]) == ("HQDY00101", "HQDE001", "第二小区")
    unlinked = ok(cli(district, "resident", "unlink", "HQDY00101", "--format", "json"))
    assert (unlinked["常住编号"], unlinked["户籍编号"], unlinked["小区"], unlinked["户主姓名"]) == (
        "HQDY00101",
        None,
        None,
        None,
    )
    assert ok(cli(district, "region", "show", "HQ", "--format", "json"))["居民数"] == 0
    one_line_error(cli(district, "resident", "link", "HQDY00101", "HQDY009"), "HQDY009 不存在")


def test_link_to_an_unnumbered_household_is_refused(district, cli):
    waiting = ok(cli(district, "household", "add", "--head", "戊某", "--format", "json"))
    person = ok(cli(district, "resident", "add", "--name", "戊某", "--relation", "户主", "--format", "json"))
    one_line_error(cli(district, "resident", "link", person["key"], waiting["key"]), "还没有户籍编号")
    assert ok(cli(district, "resident", "show", person["key"], "--format", "json"))["户籍编号"] is None


def test_delete(district, cli, monkeypatch):
    add_head(cli, district)
    one_line_error(cli(district, "resident", "delete", "HQDY00101"), "--yes")
    assert resident_count(district) == 1
    monkeypatch.setattr(service_runner, "has_terminal", lambda: True)
    declined = cli(district, "resident", "delete", "HQDY00101", input="n\n")
    assert declined.exit_code == 1
    assert "居民 HQDY00101 (甲某)" in declined.output
    assert resident_count(district) == 1
    assert ok(cli(district, "resident", "delete", "HQDY00101", "--yes", "--format", "json")) == {"deleted": "HQDY00101"}
    one_line_error(cli(district, "resident", "show", "HQDY00101"), "不存在")
    one_line_error(cli(district, "resident", "delete", "HQDY00101", "--yes"), "不存在")
    # the household can go now
    ok(cli(district, "household", "delete", "HQDY001", "--yes", "--format", "json"))
