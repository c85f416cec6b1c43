"""The 小商铺检查登记表 as the paper form lays it out, one inspection per sheet (xlsx).

Layout (A4 portrait, columns A–F)::

    小商铺检查登记表                                  (title)
    商铺名称 | ......... | 场所编号 | .........
    店主/经营者 | ....... | 联系电话 | .........
    地址 | .................................................
    所属单元格 | ....... | 检查编号 | .........
    序号 | 检查项目 | 合格 | 不合格 | 不适用 | 说明
    1    | 灭火器配置及有效期 | √ |     |      |
    ...  (every item of the current checklist; items not checked stay blank)
    发现隐患 | .............................................
    整改要求 | .............................................
    检查人 | ...... | 店主签字 | ...... | 检查日期 | ......

Values come from the record views of the services, so a phone number is masked for an operator
without ``pii.view`` exactly as on screen.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import attrs
from openpyxl import Workbook

from gridcore_firesafety.exports.xlsx_style import LEFT, TITLE_FONT, TOP_LEFT, a4_portrait, box, cell, merged

TITLE = "小商铺检查登记表"
RESULT_COLUMNS = {"合格": "C", "不合格": "D", "不适用": "E"}
MARK = "√"


@attrs.frozen(kw_only=True)
class FormItem:
    number: int
    label: str
    result: str | None
    note: str | None


@attrs.frozen(kw_only=True)
class InspectionForm:
    """What the form shows: the archive's header, the checklist with results, the closing lines."""

    header: Mapping[str, object]
    items: Sequence[FormItem]
    findings: str | None
    requirement: str | None
    inspector: str
    signature: str | None
    inspect_date: str


def write_form(path: Path, form: InspectionForm) -> Path:
    """Write the form to ``path`` (.xlsx) and return it."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = TITLE
    for column, width in zip("ABCDEF", (12, 30, 8, 8, 8, 24), strict=True):
        sheet.column_dimensions[column].width = width
    merged(sheet, "A1:F1", TITLE, label=True)
    sheet["A1"].font = TITLE_FONT
    sheet.row_dimensions[1].height = 32
    header = form.header
    pairs = (
        (("商铺名称", header.get("商铺名称")), ("场所编号", header.get("场所编号"))),
        (("店主/经营者", header.get("店主")), ("联系电话", header.get("联系电话"))),
        (("所属单元格", header.get("所属单元格")), ("检查编号", header.get("检查编号"))),
    )
    row = 2
    for (left_label, left_value), (right_label, right_value) in pairs:
        cell(sheet, f"A{row}", left_label, label=True)
        merged(sheet, f"B{row}:C{row}", _text(left_value), align=LEFT)
        cell(sheet, f"D{row}", right_label, label=True)
        merged(sheet, f"E{row}:F{row}", _text(right_value), align=LEFT)
        row += 1
        if left_label == "店主/经营者":
            cell(sheet, f"A{row}", "地址", label=True)
            merged(sheet, f"B{row}:F{row}", _text(header.get("地址")), align=LEFT)
            row += 1
    for column, title in zip("ABCDEF", ("序号", "检查项目", "合格", "不合格", "不适用", "说明"), strict=True):
        cell(sheet, f"{column}{row}", title, label=True)
    for item in form.items:
        row += 1
        cell(sheet, f"A{row}", item.number)
        cell(sheet, f"B{row}", item.label, align=LEFT)
        if item.result in RESULT_COLUMNS:
            cell(sheet, f"{RESULT_COLUMNS[item.result]}{row}", MARK)
        cell(sheet, f"F{row}", item.note or "", align=LEFT)
    for label, text in (("发现隐患", form.findings), ("整改要求", form.requirement)):
        row += 1
        cell(sheet, f"A{row}", label, label=True)
        merged(sheet, f"B{row}:F{row}", text or "", align=TOP_LEFT)
        sheet.row_dimensions[row].height = 60
    row += 1
    closing = (
        ("A", "检查人", "B", form.inspector),
        ("C", "店主签字", "D", form.signature),
        ("E", "检查日期", "F", form.inspect_date),
    )
    for label_column, label, value_column, value in closing:
        cell(sheet, f"{label_column}{row}", label, label=True)
        cell(sheet, f"{value_column}{row}", value or "")
    box(sheet, f"A2:F{row}")
    a4_portrait(sheet)
    sheet.print_area = f"A1:F{row}"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _text(value: object) -> str:
    return "" if value is None else str(value)
