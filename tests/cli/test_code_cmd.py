"""``gridcore code suggest``: candidate 社区编码 / 小区编码 for every reading, the default first."""

from __future__ import annotations

import json

import pytest


def suggest(cli, app, *args):
    result = cli(app, "code", "suggest", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_polyphonic_community_lists_both_readings(gridcore_app, cli):
    rows = suggest(cli, gridcore_app, "锦厦社区")
    assert [row["code"] for row in rows] == ["JX", "JS"]
    assert [row["default"] for row in rows] == [True, False]
    assert set(rows[0]) == {"code", "initials", "default"}


def test_community_default_comes_first(gridcore_app, cli):
    rows = suggest(cli, gridcore_app, "红旗社区")
    assert rows[0] == {"code": "HQ", "initials": "HQ", "default": True}
    assert sum(row["default"] for row in rows) == 1


def test_compound_codes_are_parent_code_plus_initials(gridcore_app, cli):
    rows = suggest(cli, gridcore_app, "第一小区", "--parent-code", "HQ")
    assert rows[0] == {"code": "HQDY", "initials": "DY", "default": True}
    assert all(row["code"].startswith("HQ") for row in rows)
    assert suggest(cli, gridcore_app, "第一小区", "--parent-code", "hq")[0]["code"] == "HQDY"


def test_polyphonic_compound(gridcore_app, cli):
    codes = [row["code"] for row in suggest(cli, gridcore_app, "长兴小区", "--parent-code", "JX")]
    assert codes[0] == "JXCX"
    assert "JXZX" in codes


def test_table_marks_the_default(gridcore_app, cli):
    result = cli(gridcore_app, "code", "suggest", "锦厦社区")
    assert result.exit_code == 0, result.output
    assert "JX" in result.stdout
    assert "JS" in result.stdout
    assert "默认" in result.stdout


def test_edition_readings_change_the_default(make_app, cli):
    app = make_app(code_rules={"readings": {"锦厦": "JS"}})
    rows = suggest(cli, app, "锦厦社区")
    assert [row["code"] for row in rows] == ["JS", "JX"]
    assert rows[0]["default"] is True
    compound = suggest(cli, app, "锦厦花园", "--parent-code", "HQ")
    assert compound[0]["code"] == "HQJS"


@pytest.mark.parametrize(
    ("readings", "expected"),
    [({"锦厦": "J"}, "一个首字母"), ("JS", "应为一个表")],
)
def test_bad_edition_readings_are_a_one_line_config_error(make_app, cli, readings, expected):
    app = make_app(init=False, code_rules={"readings": readings})  # the command needs no database
    result = cli(app, "code", "suggest", "锦厦社区")
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("错误:")
    assert "code_rules" in lines[0]
    assert expected in lines[0]


@pytest.mark.parametrize("name", ["", "！！", "   "])
def test_name_without_significant_characters_is_a_one_line_error(gridcore_app, cli, name):
    result = cli(gridcore_app, "code", "suggest", name)
    assert result.exit_code == 5
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("错误:")
    assert "请手工输入社区编码" in lines[0]


def test_bad_parent_code_is_a_one_line_error(gridcore_app, cli):
    result = cli(gridcore_app, "code", "suggest", "第一小区", "--parent-code", "H-Q")
    assert result.exit_code == 5
    assert result.output.startswith("错误: 社区编码「H-Q」无效")


def test_root_help_lists_code_and_permission_is_registered(gridcore_app, cli):
    assert "code" in cli(gridcore_app, "--help").output
    permission = gridcore_app.registry.permissions["code.suggest"]
    assert (permission.title, permission.category) == ("编码建议", "信息采集")
