"""The 营业场所信息表: import template, export, and import of new premises (numbered on import)."""

from __future__ import annotations

import json

import openpyxl

from gridcore.services import records
from gridcore.testing import run_service


def test_template_has_the_sheet_and_the_importable_headers(district, cli, tmp_path):
    out = tmp_path / "模板.xlsx"
    result = cli(district, "template", "premises", str(out))
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[0] == "营业场所信息表"
    headers = [cell.value for cell in book["营业场所信息表"][1]]
    assert headers[:4] == ["场所编号", "场所名称", "小区编码", "社区名称"]
    assert {"场所类型", "统一社会信用代码", "负责人", "经营面积"} <= set(headers)


def test_export_then_import_into_another_compound(district, cli, tmp_path):
    run_service(district, records.add, "premises", {"场所名称": "好邻居便利店", "小区编码": "HQDY", "场所类型": "超市"})
    out = tmp_path / "营业场所.xlsx"
    exported = cli(district, "export", "premises", str(out))
    assert exported.exit_code == 0, exported.output
    sheet = openpyxl.load_workbook(out).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    headers = rows[0]
    assert sheet.title == "营业场所信息表"
    assert rows[1][headers.index("场所编号")] == "HQDY001"
    assert rows[1][headers.index("场所类型")] == "商店/超市"

    book = openpyxl.Workbook()
    new = book.active
    new.title = "营业场所信息表"
    new.append(["场所编号", "场所名称", "小区编码", "场所类型", "统一社会信用代码"])
    new.append(["HQDY001", "好邻居便利店", "HQDY", "超市", None])  # a number that exists: skipped (R-G07)
    new.append([None, "金桂面馆", "GHJG", "餐饮", "91350100m000100y43"])
    source = tmp_path / "导入.xlsx"
    book.save(source)
    imported = cli(district, "import", "premises", str(source), "--format", "json")
    assert imported.exit_code == 0, imported.output
    report = json.loads(imported.output)
    assert (report["imported"], report["skipped"]) == (1, 1), report
    listed = json.loads(cli(district, "query", "premises", "--region", "GHJG", "--format", "json").output)
    [row] = listed["records"]
    assert (row["场所编号"], row["小区"], row["社区名称"], row["统一社会信用代码"]) == (
        "GHJG001",
        "金桂苑",
        "桂花社区",
        "91350100M000100Y43",
    )


def test_import_rejects_a_bad_credit_code_with_its_row(district, cli, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "营业场所信息表"
    sheet.append(["场所名称", "小区编码", "统一社会信用代码"])
    sheet.append(["某店", "HQDY", "91350100M000100Y44"])
    source = tmp_path / "导入.xlsx"
    book.save(source)
    result = cli(district, "import", "premises", str(source), "--format", "json")
    assert result.exit_code != 0
    assert "统一社会信用代码" in result.output
    assert "第 2 行" in result.output or '"row": 2' in result.output
    assert json.loads(cli(district, "query", "premises", "--format", "json").output)["total"] == 0
