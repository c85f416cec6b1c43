"""The inspection exported in the paper form's layout (小商铺检查登记表, xlsx)."""

from __future__ import annotations

import json

from gridcore_firesafety.services import inspections
from openpyxl import load_workbook

from gridcore.testing import run_service


def test_the_form_has_the_paper_layout(staffed, cli, tmp_path):
    run_service(
        staffed,
        inspections.record,
        "HQDY001",
        inspector="钱巡查",
        results={"灭火器配置及有效期": "不合格", "安全出口、疏散通道畅通": "合格", "08": "不适用"},
        day="2026-09-18",
        findings="灭火器压力不足",
        requirement="一周内更换",
        signature="赵店主",
    )
    out = tmp_path / "form.xlsx"
    result = cli(staffed, "fire", "inspect", "form", "JC202600001", str(out), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"file": str(out)}
    sheet = load_workbook(out).active
    assert sheet.title == "小商铺检查登记表"
    assert sheet["A1"].value == "小商铺检查登记表"
    assert "A1:F1" in {str(r) for r in sheet.merged_cells.ranges}
    assert [sheet[f"A{row}"].value for row in range(2, 6)] == ["商铺名称", "店主/经营者", "地址", "所属单元格"]
    assert (sheet["B2"].value, sheet["E2"].value, sheet["B3"].value, sheet["E5"].value) == (
        "惠民便利店",
        "HQDY001",
        "赵店主",
        "JC202600001",
    )
    assert sheet["E3"].value == "139****1111"  # the phone is masked for an operator without pii.view
    assert [sheet.cell(6, column).value for column in range(1, 7)] == [
        "序号",
        "检查项目",
        "合格",
        "不合格",
        "不适用",
        "说明",
    ]
    rows = [[sheet.cell(row, column).value for column in range(1, 6)] for row in range(7, 17)]
    assert rows[0] == [1, "灭火器配置及有效期", None, "√", None]
    assert rows[1] == [2, "安全出口、疏散通道畅通", "√", None, None]
    assert rows[7] == [8, "用火用气安全", None, None, "√"]
    assert rows[9] == [10, "员工消防安全培训", None, None, None]  # not checked: blank, as on paper
    assert (sheet["A17"].value, sheet["B17"].value) == ("发现隐患", "灭火器压力不足")
    assert (sheet["A18"].value, sheet["B18"].value) == ("整改要求", "一周内更换")
    assert [sheet.cell(19, column).value for column in range(1, 7)] == [
        "检查人",
        "钱巡查",
        "店主签字",
        "赵店主",
        "检查日期",
        "2026-09-18",
    ]
    assert sheet.page_setup.orientation == "portrait"
    assert sheet["A7"].border.left.style == "thin"


def test_a_form_needs_an_xlsx_name_and_an_existing_inspection(staffed, cli, tmp_path):
    wrong = cli(staffed, "fire", "inspect", "form", "JC202600001", str(tmp_path / "form.pdf"))
    assert wrong.exit_code != 0
    assert "应以 .xlsx 结尾" in wrong.output
    missing = cli(staffed, "fire", "inspect", "form", "JC202600009", str(tmp_path / "form.xlsx"))
    assert missing.exit_code == 6
    assert "检查编号 JC202600009 不存在" in missing.output
    assert "Traceback" not in missing.output
