"""``gridcore fire ...`` end to end: the commands, ``--format json``, permissions and the region scope (C3)."""

from __future__ import annotations

import json

from gridcore.testing import add_operator


def ok(result):
    assert result.exit_code == 0, result.output
    return result.output


def data(result):
    return json.loads(ok(result))


def test_a_grid_from_the_command_line(fire_app, cli):
    fire = ("fire",)
    grid = data(cli(fire_app, *fire, "grid", "add", "--community", "HQ", "--name", "一坊", "--supervisor", "赵网格",
                    "--since", "2026-01-01", "--coverage", "旧村及出租物业", "--format", "json"))  # fmt: skip
    assert (grid["key"], grid["网格名称"], grid["负责范围"], grid["消防监管员"]) == (
        "HQXF01",
        "一坊",
        "旧村及出租物业",
        "赵网格",
    )
    cell = data(
        cli(
            fire_app,
            *fire,
            "cell",
            "add",
            "--grid",
            "一坊",
            "--name",
            "一坊旧村片",
            "--compound",
            "HQDY",
            "--format",
            "json",
        )
    )
    assert (cell["key"], cell["人员配备"]) == ("HQXF0101", "不全: 缺消防安全监管员 1 名; 缺消防巡查员 2 名")
    for post, person in (("监管员", "赵网格"), ("巡查员", "钱巡查"), ("巡查员", "孙巡查")):
        shown = data(
            cli(
                fire_app, *fire, "cell", "assign", "HQXF0101", post, person, "--since", "2026-01-01", "--format", "json"
            )
        )
    assert shown["人员配备"] == "齐全"
    assert shown["捆绑式管理"]["社区全体员工"] == ["社区全体员工"]
    archive = data(cli(fire_app, *fire, "archive", "open", "HQDY001", "--field", "灭火器数量=2", "--format", "json"))
    assert (archive["key"], archive["商铺名称"], archive["灭火器数量"], archive["检查记录"]) == (
        "HQDY001",
        "惠民便利店",
        2,
        [],
    )
    inspection = data(cli(fire_app, *fire, "inspect", "add", "HQDY001", "--inspector", "钱巡查", "--item", "01=不合格",
                          "--item", "安全出口、疏散通道畅通=合格", "--findings", "灭火器过期", "--date", "2026-09-18",
                          "--format", "json"))  # fmt: skip
    assert (inspection["key"], inspection["检查结论"]) == ("JC202600001", "不合格")
    hazard = data(cli(fire_app, *fire, "hazard", "add", "HQDY001", "--type", "消防器材缺失或过期", "--description",
                      "灭火器过期", "--found", "2026-09-18", "--inspection", "JC202600001", "--actor", "钱巡查",
                      "--format", "json"))  # fmt: skip
    assert (hazard["key"], hazard["状态"], hazard["整改期限"], hazard["下一步"]) == (
        "YH20260001", "待整改", "2026-09-25", ["已整改", "已报安全办"],
    )  # fmt: skip
    moved = data(cli(fire_app, *fire, "hazard", "move", "YH20260001", "已报安全办", "--actor", "钱巡查", "--note",
                     "店主拒绝整改", "--format", "json"))  # fmt: skip
    assert [(s["新状态"], s["经办人"], s["说明"]) for s in moved["处置记录"]][-1] == (
        "已报安全办",
        "钱巡查",
        "店主拒绝整改",
    )
    refused = cli(fire_app, *fire, "hazard", "move", "YH20260001", "关闭")
    assert refused.exit_code == 5
    assert (
        refused.output.strip()
        == "错误: YH20260001: 火灾隐患整改: 不能从「已报安全办」转到「关闭」;允许的下一步: 停水停电"
    )
    listed = data(cli(fire_app, *fire, "hazard", "list", "--state", "已报安全办", "--format", "json"))
    assert [(h["key"], h["逾期"]) for h in listed] == [("YH20260001", False)]
    case = data(cli(fire_app, *fire, "case", "spot-check", "一坊旧村片", "--finding", "不查", "--checker", "周安全",
                    "--person", "钱巡查", "--format", "json"))  # fmt: skip
    assert (case["key"], case["状态"], case["按两警一停应给处分"]) == ("LJ2026001", "已立案", "警告")
    data(cli(fire_app, *fire, "case", "move", "LJ2026001", "已报两委", "--format", "json"))
    voted = data(
        cli(fire_app, *fire, "case", "move", "LJ2026001", "已表决", "--for", "5", "--against", "1", "--format", "json")
    )
    assert (voted["处分"], voted["赞成票"], voted["下一步"]) == ("警告", 5, ["已签发"])
    dashboard = data(cli(fire_app, *fire, "grid", "list", "--format", "json"))
    assert dashboard == [
        {"网格编号": "HQXF01", "网格名称": "一坊", "消防监管员": "赵网格", "单元格": 1, "配备不全": 0, "档案": 1,
         "未整改隐患": 1, "逾期隐患": 0},
    ]  # fmt: skip
    table = ok(cli(fire_app, *fire, "cell", "show", "一坊旧村片"))
    assert "捆绑式管理" in table
    assert "分管领导" in table


def test_errors_are_one_clear_line(fire_app, cli):
    missing = cli(fire_app, "fire", "grid", "show", "九坊")
    assert (missing.exit_code, missing.output.strip()) == (6, "错误: 没有消防大网格「九坊」(gridcore fire grid list)")
    bad = cli(
        fire_app,
        "fire",
        "grid",
        "add",
        "--community",
        "HQ",
        "--name",
        "一坊",
        "--supervisor",
        "赵网格",
        "--since",
        "昨天",
    )
    assert bad.exit_code == 5
    assert "「任职日期」「昨天」不是日期" in bad.output
    assert "Traceback" not in bad.output


def test_permissions_are_checked_and_the_scope_is_kept(staffed, cli):
    viewer = add_operator(staffed, "chaxun", group="查询员")
    refused = cli(
        staffed, "fire", "grid", "add", "--community", "HQ", "--name", "二坊", "--supervisor", "x", actor=viewer
    )
    assert refused.exit_code == 8
    assert "firesafety.grid" in refused.output
    assert data(cli(staffed, "fire", "grid", "list", "--format", "json", actor=viewer))[0]["网格名称"] == "一坊"
    outsider = add_operator(staffed, "guihua", group="信息采集员", scope="GH")
    assert data(cli(staffed, "fire", "grid", "list", "--format", "json", actor=outsider)) == []
    hidden = cli(staffed, "fire", "archive", "show", "HQDY001", actor=outsider)
    assert hidden.exit_code == 6
    assert data(cli(staffed, "fire", "hazard", "list", "--format", "json", actor=outsider)) == []
    foreign = cli(
        staffed, "fire", "grid", "add", "--community", "HQ", "--name", "二坊", "--supervisor", "x", actor=outsider
    )
    assert foreign.exit_code == 6  # 红旗社区 is outside the operator's scope: "not found"
    own = cli(staffed, "fire", "grid", "add", "--community", "GH", "--name", "桂一", "--supervisor", "吴网格",
              "--format", "json", actor=outsider)  # fmt: skip
    assert data(own)["key"] == "GHXF01"
