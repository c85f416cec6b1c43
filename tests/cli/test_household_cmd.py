"""``gridcore household``: add, show, edit, delete, link, unlink; one-line errors, nothing written."""

from __future__ import annotations

import json

import pytest

from gridcore.cli import service_runner
from gridcore.services import households, regions, residents
from gridcore.testing import grant, run_service


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


@pytest.fixture
def district(gridcore_app):
    """东城街道 (DC) > 红旗社区 (HQ) > 第一小区 (HQDY), 第二小区 (HQDE)."""
    # these tests read the fields as stored: the administrator may see sensitive values unmasked
    grant(gridcore_app, "系统管理员", "pii.view")
    run_service(gridcore_app, regions.add, level="街道", name="东城街道")
    run_service(gridcore_app, regions.add, level="社区", name="红旗社区", parent_code="DC")
    run_service(gridcore_app, regions.add, level="小区", name="第一小区", parent_code="HQ")
    run_service(gridcore_app, regions.add, level="小区", name="第二小区", parent_code="HQ")
    return gridcore_app


def count_households(cli, app, code="HQDY"):
    return ok(cli(app, "region", "show", code, "--format", "json"))["住户数"]


def test_add_numbers_the_household(district, cli):
    first = ok(cli(district, "household", "add", "--compound", "HQDY", "--head", "甲某", "--format", "json"))
    assert (first["key"], first["户籍编号"], first["户主姓名"]) == ("HQDY001", "HQDY001", "甲某")
    assert (first["社区名称"], first["小区"]) == ("红旗社区", "第一小区")
    second = ok(
        cli(
            district,
            *("household", "add", "--compound", "hqdy", "--head", "乙某"),
            *("--field", "门牌号=101", "--field", "户口类型=城市", "--field", "建筑面积=85.5"),
            *("--field", "building_no=3", "--format", "json"),
        )
    )
    assert second["户籍编号"] == "HQDY002"
    assert (second["门牌号"], second["楼号"], second["户口类型"], second["建筑面积"]) == ("101", "3", "城市", "85.5")
    assert count_households(cli, district) == 2
    assert ok(cli(district, "household", "show", "HQDY002", "--format", "json"))["建筑面积"] == "85.5"


def test_add_without_compound_waits_to_be_linked(district, cli):
    view = ok(cli(district, "household", "add", "--head", "甲某", "--format", "json"))
    assert view["户籍编号"] is None
    assert view["key"].startswith("#")
    assert ok(cli(district, "household", "show", view["key"], "--format", "json"))["户主姓名"] == "甲某"
    linked = ok(cli(district, "household", "link", view["key"], "HQDE", "--format", "json"))
    assert (linked["key"], linked["户籍编号"], linked["小区"]) == ("HQDE001", "HQDE001", "第二小区")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--compound", "HQDY", "--head", "甲某", "--field", "户口类型=火星"), ("户口类型", "火星", "城市、农村")),
        (("--compound", "HQDY", "--head", "甲某", "--field", "户籍编号=X1"), ("由系统生成",)),
        (("--compound", "HQDY", "--head", "甲某", "--field", "没有=1"), ("没有字段「没有」", "户主姓名")),
        (("--compound", "HQDY", "--head", "甲某", "--field", "建筑面积=很大"), ("建筑面积",)),
        (("--compound", "NOPE", "--head", "甲某"), ("没有编码为 NOPE 的辖区",)),
        (("--compound", "HQ", "--head", "甲某"), ("住户只能关联到小区",)),
        (("--compound", "HQDY", "--head", " "), ("户主姓名」不能为空",)),
    ],
)
def test_bad_add_is_one_line_and_writes_nothing(district, cli, args, expected):
    one_line_error(cli(district, "household", "add", *args), *expected)
    assert count_households(cli, district) == 0
    one_line_error(cli(district, "household", "show", "HQDY001"), "户籍编号 HQDY001 不存在")


def test_show_uses_labels_and_dictionary_labels(district, cli):
    ok(
        cli(
            district,
            "household",
            "add",
            "--compound",
            "HQDY",
            "--head",
            "甲某",
            "--field",
            "户口类型=农村",
            "--format",
            "json",
        )
    )
    view = ok(cli(district, "household", "show", "hqdy001", "--format", "json"))
    assert view["户口类型"] == "农村"
    assert view["房屋状态"] is None
    assert list(view)[:3] == ["key", "户籍编号", "社区名称"]
    table = cli(district, "household", "show", "HQDY001")
    assert table.exit_code == 0, table.output
    assert "户主姓名" in table.stdout
    assert "甲某" in table.stdout
    one_line_error(cli(district, "household", "show", "#999"), "#999 不存在")


def test_edit_head_name_renames_the_head_resident(district, cli):
    run_service(district, households.add, head_name="甲某", compound_code="HQDY")
    run_service(district, residents.add, name=None, household_key="HQDY001", relation="户主")
    view = ok(
        cli(
            district,
            "household",
            "edit",
            "HQDY001",
            "--field",
            "户主姓名=甲改",
            "--field",
            "联系电话=13800000000",
            "--format",
            "json",
        )
    )
    assert (view["户主姓名"], view["联系电话"]) == ("甲改", "13800000000")
    head = ok(cli(district, "resident", "show", "HQDY00101", "--format", "json"))
    assert (head["姓名"], head["户主姓名"]) == ("甲改", "甲改")
    one_line_error(cli(district, "household", "edit", "HQDY001", "--field", "房屋状态=漂浮"), "房屋状态", "可选值")
    assert ok(cli(district, "household", "show", "HQDY001", "--format", "json"))["房屋状态"] is None


def test_link_move_and_unlink_keep_the_number(district, cli):
    run_service(district, households.add, head_name="甲某", compound_code="HQDY")
    run_service(district, residents.add, name=None, household_key="HQDY001", relation="户主")
    one_line_error(cli(district, "household", "link", "HQDY001", "HQDE"), "已关联到 第一小区", "--move")
    assert ok(cli(district, "household", "show", "HQDY001", "--format", "json"))["小区"] == "第一小区"
    moved = ok(cli(district, "household", "link", "HQDY001", "HQDE", "--move", "--format", "json"))
    assert (moved["户籍编号"], moved["小区"]) == ("HQDY001", "第二小区")
    assert ok(cli(district, "resident", "show", "HQDY00101", "--format", "json"))["小区"] == "第二小区"
    unlinked = ok(cli(district, "household", "unlink", "HQDY001", "--format", "json"))
    assert (unlinked["户籍编号"], unlinked["小区"], unlinked["社区名称"]) == ("HQDY001", None, None)
    assert count_households(cli, district, "HQDE") == 0
    relinked = ok(cli(district, "household", "link", "HQDY001", "HQDY", "--format", "json"))
    assert (relinked["户籍编号"], relinked["小区"]) == ("HQDY001", "第一小区")


def test_delete_an_empty_household(district, cli):
    run_service(district, households.add, head_name="甲某", compound_code="HQDY")
    assert ok(cli(district, "household", "delete", "HQDY001", "--yes", "--format", "json")) == {"deleted": "HQDY001"}
    one_line_error(cli(district, "household", "show", "HQDY001"), "不存在")
    # numbers are never given out again
    again = ok(cli(district, "household", "add", "--compound", "HQDY", "--head", "乙某", "--format", "json"))
    assert again["户籍编号"] == "HQDY002"


def test_delete_a_household_with_residents_is_refused(district, cli):
    run_service(district, households.add, head_name="甲某", compound_code="HQDY")
    run_service(district, residents.add, name=None, household_key="HQDY001", relation="户主")
    result = cli(district, "household", "delete", "HQDY001", "--yes")
    one_line_error(result, "还有 1 名居民", "不能删除")
    assert result.exit_code == 7
    assert ok(cli(district, "household", "show", "HQDY001", "--format", "json"))["户主姓名"] == "甲某"
    assert ok(cli(district, "resident", "show", "HQDY00101", "--format", "json"))["户籍编号"] == "HQDY001"


def test_delete_needs_confirmation(district, cli, monkeypatch):
    run_service(district, households.add, head_name="甲某", compound_code="HQDY")
    one_line_error(cli(district, "household", "delete", "HQDY001"), "--yes")
    assert count_households(cli, district) == 1
    monkeypatch.setattr(service_runner, "has_terminal", lambda: True)
    declined = cli(district, "household", "delete", "HQDY001", input="n\n")
    assert declined.exit_code == 1
    assert "住户 HQDY001 (户主 甲某)" in declined.output
    assert count_households(cli, district) == 1
    accepted = cli(district, "household", "delete", "HQDY001", input="y\n")
    assert accepted.exit_code == 0, accepted.output
    assert "已删除住户 HQDY001" in accepted.stdout
    assert count_households(cli, district) == 0
