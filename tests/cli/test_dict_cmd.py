"""``gridcore dict``: list dictionaries and entries, add, rename and remove entries."""

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


def entries(cli, app, name):
    return {row["label"]: row for row in ok(cli(app, "dict", "list", name, "--format", "json"))}


def test_list_dictionaries_with_titles_and_counts(gridcore_app, cli):
    rows = {row["dictionary"]: row for row in ok(cli(gridcore_app, "dict", "list", "--format", "json"))}
    assert rows["ethnicity"]["title"] == "民族"
    assert rows["ethnicity"]["entries"] >= 56
    assert rows["sex"]["entries"] == 4
    assert set(rows["sex"]) == {"dictionary", "title", "entries"}
    table = cli(gridcore_app, "dict", "list")
    assert table.exit_code == 0, table.output
    assert "与户主关系" in table.stdout


def test_list_entries_by_id_or_title(gridcore_app, cli):
    by_id = ok(cli(gridcore_app, "dict", "list", "sex", "--format", "json"))
    assert by_id == [
        {"code": "0", "label": "未知", "protected": False, "enabled": True},
        {"code": "1", "label": "男", "protected": False, "enabled": True},
        {"code": "2", "label": "女", "protected": False, "enabled": True},
        {"code": "9", "label": "未说明", "protected": False, "enabled": True},
    ]
    assert ok(cli(gridcore_app, "dict", "list", "性别", "--format", "json")) == by_id
    relation = entries(cli, gridcore_app, "与户主关系")
    assert relation["户主"]["protected"] is True
    assert relation["配偶"]["protected"] is False
    hukou = entries(cli, gridcore_app, "hukou_type")
    assert hukou["城市"]["protected"] is hukou["农村"]["protected"] is True
    table = cli(gridcore_app, "dict", "list", "hukou_type")
    assert "城市" in table.stdout
    assert "是" in table.stdout


def test_unknown_dictionary_lists_the_known_ones(gridcore_app, cli):
    one_line_error(cli(gridcore_app, "dict", "list", "nosuch"), "没有词典 'nosuch'", "ethnicity(民族)")
    one_line_error(cli(gridcore_app, "dict", "add", "nosuch", "某值"), "没有词典")


def test_add_an_entry_and_use_it(gridcore_app, cli):
    added = ok(cli(gridcore_app, "dict", "add", "民族", "某族", "--format", "json"))
    assert added["label"] == "某族"
    assert (added["protected"], added["enabled"]) == (False, True)
    assert entries(cli, gridcore_app, "ethnicity")["某族"]["code"] == added["code"]
    given = ok(cli(gridcore_app, "dict", "add", "house_state", "待查", "--code", "X1", "--format", "json"))
    assert given["code"] == "X1"
    run_service(gridcore_app, regions.add, level="街道", name="东城街道")
    run_service(gridcore_app, regions.add, level="社区", name="红旗社区", parent_code="DC")
    run_service(gridcore_app, regions.add, level="小区", name="第一小区", parent_code="HQ")
    view = ok(
        cli(
            gridcore_app,
            "household",
            "add",
            "--compound",
            "HQDY",
            "--head",
            "甲某",
            "--field",
            "房屋状态=待查",
            "--format",
            "json",
        )
    )
    assert view["房屋状态"] == "待查"


def test_add_duplicates_are_refused_and_write_nothing(gridcore_app, cli):
    before = ok(cli(gridcore_app, "dict", "list", "sex", "--format", "json"))
    one_line_error(cli(gridcore_app, "dict", "add", "sex", "男"), "已有条目「男」")
    one_line_error(cli(gridcore_app, "dict", "add", "sex", "另一种", "--code", "1"), "已有代码 1")
    one_line_error(cli(gridcore_app, "dict", "add", "sex", " "), "不能为空")
    assert ok(cli(gridcore_app, "dict", "list", "sex", "--format", "json")) == before


def test_rename_an_entry_and_records_show_the_new_label(gridcore_app, cli):
    run_service(gridcore_app, regions.add, level="街道", name="东城街道")
    run_service(gridcore_app, regions.add, level="社区", name="红旗社区", parent_code="DC")
    run_service(gridcore_app, regions.add, level="小区", name="第一小区", parent_code="HQ")
    run_service(gridcore_app, households.add, head_name="甲某", compound_code="HQDY", given={"房屋状态": "出租"})
    code = entries(cli, gridcore_app, "house_state")["出租"]["code"]
    renamed = ok(cli(gridcore_app, "dict", "rename", "房屋状态", "出租", "整租", "--format", "json"))
    assert renamed == {"code": code, "label": "整租", "protected": False, "enabled": True}
    assert ok(cli(gridcore_app, "household", "show", "HQDY001", "--format", "json"))["房屋状态"] == "整租"
    by_code = ok(cli(gridcore_app, "dict", "rename", "house_state", code, "出租", "--format", "json"))
    assert by_code["label"] == "出租"


def test_protected_entries_cannot_be_renamed_or_removed(gridcore_app, cli):
    one_line_error(cli(gridcore_app, "dict", "rename", "relation_to_head", "户主", "家长"), "受保护", "不能改名")
    one_line_error(cli(gridcore_app, "dict", "remove", "hukou_type", "农村", "--yes"), "受保护", "不能删除")
    assert entries(cli, gridcore_app, "relation_to_head")["户主"]["protected"] is True
    assert "农村" in entries(cli, gridcore_app, "hukou_type")


def test_remove_an_entry(gridcore_app, cli):
    added = ok(cli(gridcore_app, "dict", "add", "ethnicity", "某族", "--format", "json"))
    result = ok(cli(gridcore_app, "dict", "remove", "ethnicity", "某族", "--yes", "--format", "json"))
    assert result == {"dictionary": "ethnicity", "removed": added["code"], "label": "某族"}
    assert "某族" not in entries(cli, gridcore_app, "ethnicity")
    one_line_error(cli(gridcore_app, "dict", "remove", "ethnicity", "某族", "--yes"), "没有条目「某族」")


def test_remove_needs_confirmation(gridcore_app, cli, monkeypatch):
    ok(cli(gridcore_app, "dict", "add", "ethnicity", "某族", "--format", "json"))
    one_line_error(cli(gridcore_app, "dict", "remove", "ethnicity", "某族"), "--yes")
    assert "某族" in entries(cli, gridcore_app, "ethnicity")
    monkeypatch.setattr(service_runner, "has_terminal", lambda: True)
    declined = cli(gridcore_app, "dict", "remove", "民族", "某族", input="n\n")
    assert declined.exit_code == 1
    assert "词典 民族 的条目「某族」" in declined.output
    assert "某族" in entries(cli, gridcore_app, "ethnicity")
    accepted = cli(gridcore_app, "dict", "remove", "民族", "某族", input="y\n")
    assert accepted.exit_code == 0, accepted.output
    assert "已删除词典 民族 的条目「某族」" in accepted.stdout
    assert "某族" not in entries(cli, gridcore_app, "ethnicity")


@pytest.mark.parametrize("command", ["list", "add", "rename", "remove"])
def test_help_of_every_subcommand(gridcore_app, cli, command):
    result = cli(gridcore_app, "dict", command, "--help")
    assert result.exit_code == 0, result.output
    assert "DICT" in result.output
