"""``gridcore import``: summary, JSON report, the error workbook, exit codes."""

from __future__ import annotations

import json

import openpyxl

from gridcore.services import regions
from gridcore.testing import run_service


def setup_compound(app):
    run_service(app, regions.add, level="街道", name="东城街道")
    run_service(app, regions.add, level="社区", name="红旗社区", parent_code="DC")
    run_service(app, regions.add, level="小区", name="第一小区", parent_code="HQ")


def sheet(path, rows, title="户籍表"):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = title
    ws.append(["户主姓名", "门牌号", "房屋状态"])
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def test_import_and_reimport(gridcore_app, cli, tmp_path):
    setup_compound(gridcore_app)
    path = sheet(tmp_path / "h.xlsx", [["甲某", "101", "自住"], ["乙某", "102", "出租"]])
    result = cli(gridcore_app, "import", "household", str(path), "--compound", "HQDY")
    assert result.exit_code == 0, result.output
    assert "已导入: 共 2 行, 导入 2 行, 跳过重复 0 行, 拒绝 0 行" in result.output
    again = cli(gridcore_app, "import", "household", str(path), "--compound", "HQDY", "--format", "json")
    assert json.loads(again.output)["skipped"] == 2


def test_rejected_rows_go_to_the_error_workbook(gridcore_app, cli, tmp_path):
    setup_compound(gridcore_app)
    path = sheet(tmp_path / "h.xlsx", [["甲某", "101", "自住"], [None, "102", "出租"], ["丙某", "103", "豪宅"]])
    errors = tmp_path / "errors.xlsx"
    result = cli(gridcore_app, "import", "household", str(path), "--compound", "HQDY", "--errors", str(errors))
    assert result.exit_code == 5
    assert "未导入 (全部回滚)" in result.output
    assert "第 3 行: 「户主姓名」不能为空" in result.output
    book = openpyxl.load_workbook(errors)
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][-1] == "错误原因"
    assert [r[1] for r in rows[1:]] == ["102", "103"]
    listing = cli(gridcore_app, "query", "household", "--format", "json")
    assert json.loads(listing.output)["total"] == 0


def test_missing_sheet_is_one_line(gridcore_app, cli, tmp_path):
    setup_compound(gridcore_app)
    path = sheet(tmp_path / "h.xlsx", [["甲某", "101", "自住"]], title="Sheet1")
    result = cli(gridcore_app, "import", "household", str(path))
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert "户籍表" in lines[0]
    assert "Sheet1" in lines[0]
