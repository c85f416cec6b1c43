"""``gridcore region``: add, list, show, rename, move, recode, edit, delete; one-line errors, nothing written."""

from __future__ import annotations

import json

import pytest

from gridcore.cli import service_runner
from gridcore.services import households, regions
from gridcore.testing import run_service


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
def district(gridcore_app, cli):
    """东城街道 (DC) > 红旗社区 (HQ) > 第一小区 (HQDY), 第二小区 (HQDE), built through the CLI."""
    app = gridcore_app
    ok(cli(app, "region", "add", "--level", "街道", "--name", "东城街道", "--format", "json"))
    ok(cli(app, "region", "add", "--level", "社区", "--name", "红旗社区", "--parent", "DC", "--format", "json"))
    for name in ("第一小区", "第二小区"):
        ok(cli(app, "region", "add", "--level", "小区", "--name", name, "--parent", "HQ", "--format", "json"))
    return app


def test_add_generates_codes_and_sets_fields(gridcore_app, cli):
    street = ok(cli(gridcore_app, "region", "add", "--level", "街道", "--name", "东城街道", "--format", "json"))
    assert (street["key"], street["编码"], street["层级"], street["上级编码"]) == ("DC", "DC", "街道", None)
    community = ok(
        cli(
            gridcore_app, "region", "add", "--level", "社区", "--name", "红旗社区", "--parent", "DC", "--format", "json"
        )
    )
    assert (community["编码"], community["名称"], community["上级编码"]) == ("HQ", "红旗社区", "DC")
    compound = ok(
        cli(
            gridcore_app,
            *("region", "add", "--level", "小区", "--name", "第一小区", "--parent", "HQ"),
            *("--field", "物业公司=某物业", "--field", "phone=01000000000", "--format", "json"),
        )
    )
    assert (compound["编码"], compound["物业公司"], compound["联系电话"]) == ("HQDY", "某物业", "01000000000")
    given = ok(
        cli(
            gridcore_app,
            *("region", "add", "--level", "小区", "--name", "第二小区", "--parent", "HQ", "--code", "hq02"),
            *("--format", "json"),
        )
    )
    assert given["编码"] == "HQ02"


def test_table_output_of_add(gridcore_app, cli):
    result = cli(gridcore_app, "region", "add", "--level", "街道", "--name", "东城街道")
    assert result.exit_code == 0, result.output
    assert "东城街道" in result.stdout
    assert "编码" in result.stdout


def test_duplicate_code_suggests_an_alternative_and_writes_nothing(district, cli):
    ok(cli(district, "region", "add", "--level", "街道", "--name", "西城街道", "--format", "json"))
    result = cli(district, "region", "add", "--level", "社区", "--name", "红旗社区", "--parent", "XC")
    line = one_line_error(result, "编码 HQ 已被其他辖区使用", "建议改用", "--code")
    assert result.exit_code == 7
    suggested = line.split("建议改用 ")[1].split(" ")[0]
    assert suggested != "HQ"
    tree = ok(cli(district, "region", "list", "XC", "--format", "json"))
    assert tree[0]["children"] == []
    # the suggestion works
    added = ok(
        cli(
            district,
            *("region", "add", "--level", "社区", "--name", "红旗社区", "--parent", "XC", "--code", suggested),
            *("--format", "json"),
        )
    )
    assert added["编码"] == suggested


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--level", "省", "--name", "某省"), "层级「省」无效"),
        (("--level", "社区", "--name", "某社区"), "--parent"),
        (("--level", "社区", "--name", "某社区", "--parent", "NOPE"), "没有编码为 NOPE 的辖区"),
        (("--level", "小区", "--name", "某小区", "--parent", "DC"), "不能作为小区的上级"),
        (("--level", "小区", "--name", "第一小区", "--parent", "HQ", "--code", "HQX"), "已有名为「第一小区」"),
        (("--level", "小区", "--name", "某小区", "--parent", "HQ", "--field", "物业公司"), "标签=值"),
        (("--level", "小区", "--name", "某小区", "--parent", "HQ", "--field", "没有=1"), "没有字段「没有」"),
    ],
)
def test_bad_add_is_one_line_and_writes_nothing(district, cli, args, expected):
    before = ok(cli(district, "region", "list", "--format", "json"))
    one_line_error(cli(district, "region", "add", *args), expected)
    assert ok(cli(district, "region", "list", "--format", "json")) == before


def test_list_prints_the_tree_with_counts(district, cli):
    run_service(district, households.add, head_name="甲某", compound_code="HQDY")
    run_service(district, households.add, head_name="乙某", compound_code="HQDY")
    run_service(district, households.add, head_name="丙某", compound_code="HQDE")
    from gridcore.services import residents

    run_service(district, residents.add, name=None, household_key="HQDY001", relation="户主")
    tree = ok(cli(district, "region", "list", "--format", "json"))
    assert len(tree) == 1
    street = tree[0]
    assert (street["code"], street["level"], street["households"], street["residents"]) == ("DC", "街道", 3, 1)
    community = street["children"][0]
    assert community["name"] == "红旗社区"
    compounds = {c["code"]: (c["households"], c["residents"]) for c in community["children"]}
    assert compounds == {"HQDY": (2, 1), "HQDE": (1, 0)}

    table = cli(district, "region", "list")
    assert table.exit_code == 0, table.output
    lines = table.stdout.splitlines()
    assert any("│ 东城街道" in line for line in lines)
    assert any("│   红旗社区" in line for line in lines)
    assert any("│     第一小区" in line for line in lines)

    sub = ok(cli(district, "region", "list", "HQDY", "--format", "json"))
    assert [node["code"] for node in sub] == ["HQDY"]

    csv = cli(district, "region", "list", "--format", "csv")
    assert csv.stdout.splitlines()[0] == "code,name,level,parent,households,residents"
    assert "HQDY,第一小区,小区,HQ,2,1" in csv.stdout


def test_list_of_an_empty_database(gridcore_app, cli):
    assert ok(cli(gridcore_app, "region", "list", "--format", "json")) == []
    result = cli(gridcore_app, "region", "list")
    assert "还没有辖区" in result.stdout


def test_show_prints_fields_by_chinese_label(district, cli):
    view = ok(cli(district, "region", "show", "hqdy", "--format", "json"))
    assert view["key"] == "HQDY"
    assert (view["名称"], view["层级"], view["编码"], view["上级编码"]) == ("第一小区", "小区", "HQDY", "HQ")
    assert (view["住户数"], view["居民数"]) == (0, 0)
    assert "物业公司" in view
    table = cli(district, "region", "show", "HQDY")
    assert "第一小区" in table.stdout
    one_line_error(cli(district, "region", "show", "NOPE"), "没有编码为 NOPE 的辖区")


def test_rename_keeps_the_code_and_updates_copies(district, cli):
    run_service(district, households.add, head_name="甲某", compound_code="HQDY")
    view = ok(cli(district, "region", "rename", "HQDY", "一号小区", "--format", "json"))
    assert (view["编码"], view["名称"]) == ("HQDY", "一号小区")
    assert run_service(district, households.get, "HQDY001").compound_name == "一号小区"
    one_line_error(cli(district, "region", "rename", "HQDY", "第二小区"), "已有名为「第二小区」")
    assert ok(cli(district, "region", "show", "HQDY", "--format", "json"))["名称"] == "一号小区"


def test_move_and_recode(district, cli):
    ok(cli(district, "region", "add", "--level", "社区", "--name", "幸福社区", "--parent", "DC", "--format", "json"))
    moved = ok(cli(district, "region", "move", "HQDE", "XF", "--format", "json"))
    assert (moved["编码"], moved["上级编码"]) == ("HQDE", "XF")
    one_line_error(cli(district, "region", "move", "HQDE", "DC"), "只能移到社区之下")
    assert ok(cli(district, "region", "show", "HQDE", "--format", "json"))["上级编码"] == "XF"

    recoded = ok(cli(district, "region", "recode", "HQDE", "XFDE", "--format", "json"))
    assert recoded["编码"] == "XFDE"
    one_line_error(cli(district, "region", "recode", "XFDE", "HQDY"), "编码 HQDY 已被其他辖区使用")
    one_line_error(cli(district, "region", "show", "HQDE"), "没有编码为 HQDE")
    assert ok(cli(district, "region", "show", "XFDE", "--format", "json"))["名称"] == "第二小区"


def test_edit_sets_fields_but_not_name_or_code(district, cli):
    view = ok(
        cli(district, "region", "edit", "HQ", "--field", "办公地址=某路1号", "--field", "备注=试点", "--format", "json")
    )
    assert (view["办公地址"], view["备注"]) == ("某路1号", "试点")
    one_line_error(cli(district, "region", "edit", "HQ", "--field", "名称=别名"), "rename")
    one_line_error(cli(district, "region", "edit", "HQ", "--field", "左起点=abc"), "左起点")
    shown = ok(cli(district, "region", "show", "HQ", "--format", "json"))
    assert (shown["名称"], shown["左起点"], shown["办公地址"]) == ("红旗社区", None, "某路1号")


def test_delete_an_empty_region(district, cli):
    result = ok(cli(district, "region", "delete", "HQDE", "--yes", "--format", "json"))
    assert result == {"deleted": "HQDE", "name": "第二小区"}
    one_line_error(cli(district, "region", "show", "HQDE"), "没有编码为 HQDE")
    table = cli(district, "region", "delete", "HQDY", "--yes")
    assert table.exit_code == 0, table.output
    assert "已删除辖区 HQDY" in table.stdout


def test_delete_a_region_with_records_is_refused(district, cli):
    run_service(district, households.add, head_name="甲某", compound_code="HQDY")
    result = cli(district, "region", "delete", "HQDY", "--yes")
    one_line_error(result, "还有 1 户住户", "不能删除")
    assert result.exit_code == 7
    assert ok(cli(district, "region", "show", "HQDY", "--format", "json"))["住户数"] == 1
    one_line_error(cli(district, "region", "delete", "HQ", "--yes"), "下还有下级辖区", "第一小区")
    assert ok(cli(district, "region", "show", "HQ", "--format", "json"))["名称"] == "红旗社区"
    one_line_error(cli(district, "region", "delete", "NOPE", "--yes"), "没有编码为 NOPE")


def test_delete_without_yes_and_without_terminal_is_refused(district, cli):
    one_line_error(cli(district, "region", "delete", "HQDE"), "--yes")
    assert ok(cli(district, "region", "show", "HQDE", "--format", "json"))["编码"] == "HQDE"


def test_delete_asks_for_confirmation_on_a_terminal(district, cli, monkeypatch):
    monkeypatch.setattr(service_runner, "has_terminal", lambda: True)
    declined = cli(district, "region", "delete", "HQDE", input="n\n")
    assert declined.exit_code == 1
    assert "确定删除辖区 HQDE (第二小区)吗?" in declined.output
    assert "已取消" in declined.stderr
    assert run_service(district, regions.get, "HQDE").name == "第二小区"
    accepted = cli(district, "region", "delete", "HQDE", input="y\n")
    assert accepted.exit_code == 0, accepted.output
    one_line_error(cli(district, "region", "show", "HQDE"), "没有编码为 HQDE")
