"""``gridcore export`` (and ``gridcore template``): query options, xlsx or csv, the row count, one-line errors."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from gridcore.cli import export_cmd
from gridcore.domain.idcard import make_id
from gridcore.services import households, regions, residents
from gridcore.testing import run_service

SPOUSE_ID = make_id("110105", dt.date(1952, 2, 2), 2, "女")


@pytest.fixture
def town(gridcore_app):
    app = gridcore_app
    run_service(app, regions.add, level="街道", name="东城街道")
    run_service(app, regions.add, level="社区", name="红旗社区", parent_code="DC")
    run_service(app, regions.add, level="小区", name="第一小区", parent_code="HQ")
    run_service(app, regions.add, level="小区", name="第二小区", parent_code="HQ")
    first = run_service(app, households.add, head_name="甲某", compound_code="HQDY")
    second = run_service(app, households.add, head_name="丙某", compound_code="HQDE")
    for household, name, relation, given in [
        (first, None, "户主", {"性别": "男", "出生日期": "1950-01-01"}),
        (first, "乙某", "配偶", {"身份证号": SPOUSE_ID, "民族": "回族", "低保人员": "是"}),
        (second, None, "户主", {"性别": "男", "出生日期": "1960-06-06"}),
        (second, "@丁某", "子", {"性别": "男", "出生日期": "1990-09-09"}),
    ]:
        run_service(app, residents.add, name=name, household_key=household.household_no, relation=relation, given=given)
    return app


def sheet_rows(path, sheet="常住人口信息表"):
    rows = list(openpyxl.load_workbook(path)[sheet].values)
    return rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_export_with_query_options(town, cli, tmp_path):
    out = tmp_path / "居民.xlsx"
    result = cli(
        town,
        "export",
        "resident",
        str(out),
        "--region",
        "HQ",
        "--where",
        "社区名称=红旗社区",
        "--filter",
        "出生日期 >= 1950-01-01",
        "--filter",
        "性别 = 男",
        "--sort",
        "-出生日期",
    )
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"已导出 3 条居民记录到 {out}"
    headers, rows = sheet_rows(out)
    assert [row["姓名"] for row in rows] == ["@丁某", "丙某", "甲某"]
    assert rows[0]["出生日期"] == dt.datetime(1990, 9, 9)
    assert rows[0]["与户主关系"] == "子"

    template = tmp_path / "模板.xlsx"
    result = cli(town, "template", "resident", str(template))
    assert result.exit_code == 0, result.output
    assert "常住人口信息表" in result.output
    template_headers, template_rows = sheet_rows(template)
    assert headers == template_headers
    assert template_rows == []


def test_contains_and_households(town, cli, tmp_path):
    out = tmp_path / "yi.xlsx"
    assert cli(town, "export", "resident", str(out), "--contains", "乙某").exit_code == 0
    _, rows = sheet_rows(out)
    # the test administrator does not hold pii.view: sensitive values come masked, as on screen
    ((name, id_number, ethnicity),) = [(row["姓名"], row["身份证号"], row["民族"]) for row in rows]
    assert name == "乙某"
    assert id_number.startswith("110105")
    assert "*" in id_number
    assert SPOUSE_ID[6:14] not in id_number
    assert ethnicity != "回族"
    out = tmp_path / "households.xlsx"
    result = cli(town, "export", "household", str(out), "--region", "HQDE")
    assert result.output.strip() == f"已导出 1 条住户记录到 {out}"
    _, rows = sheet_rows(out, "户籍表")
    assert rows[0]["户主姓名"] == "丙某"

    result = cli(town, "template", "household", str(tmp_path / "h.xlsx"))
    assert result.exit_code == 0
    assert "户籍表" in result.output


def test_csv_by_suffix_or_format(town, cli, tmp_path):
    out = tmp_path / "residents.csv"
    result = cli(town, "export", "resident", str(out), "--sort", "姓名")
    assert result.exit_code == 0, result.output
    assert "已导出 4 条" in result.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert "\r\n" in text
    assert "'@丁某" in text
    assert "110105****" in text
    assert SPOUSE_ID not in text  # masked: the administrator does not hold pii.view

    result = cli(town, "export", "resident", str(tmp_path / "data.txt"), "--format", "csv")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "data.txt").read_bytes().startswith(b"\xef\xbb\xbf")


def test_progress_bar_only_on_a_terminal(town, cli, tmp_path, monkeypatch):
    result = cli(town, "export", "resident", str(tmp_path / "a.xlsx"))
    assert result.stderr == ""
    monkeypatch.setattr(export_cmd, "shows_progress", lambda: True)
    result = cli(town, "export", "resident", str(tmp_path / "b.xlsx"))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"已导出 4 条居民记录到 {tmp_path / 'b.xlsx'}"
    assert sheet_rows(tmp_path / "b.xlsx")[1][0]["姓名"]


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (("export", "nosuch", "{tmp}/x.xlsx"), (6, 8), "nosuch"),
        (("export", "resident", "{tmp}/x.xlsx", "--filter", "性别 ="), 5, "缺少值"),
        (("export", "resident", "{tmp}/x.xlsx", "--where", "工资=1"), 5, "没有字段「工资」"),
        (("export", "resident", "{tmp}/x.xlsx", "--region", "NOPE"), 6, "NOPE"),
        (("export", "resident", "{tmp}/no/such/x.xlsx"), 5, "不存在"),
        (("export", "resident", "{tmp}/x.pdf"), 5, ".xlsx 或 .csv"),
        (("export", "resident", "{tmp}/x.xlsx", "--format", "csv"), 5, "不符"),
        (("template", "nosuch", "{tmp}/x.xlsx"), (6, 8), "nosuch"),
        (("template", "resident", "{tmp}/no/x.xlsx"), 5, "不存在"),
        (("template", "resident", "{tmp}/x.csv"), 5, ".xlsx"),
    ],
)
def test_errors_are_one_line(town, cli, tmp_path, args, code, words):
    result = cli(town, *[arg.format(tmp=tmp_path) for arg in args])
    # an unknown entity: "没有实体" (6), or refused first by the command's "{entity}.view" guard (8)
    assert result.exit_code in (code if isinstance(code, tuple) else (code,)), result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("错误: ")
    assert words in lines[0]
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.xlsx").exists()
