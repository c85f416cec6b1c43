"""The briefing (简报) on hazard rectification as text and as an xlsx table, per big grid."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from gridcore_firesafety.exports.xlsx_style import LEFT, TITLE_FONT, a4_portrait, box, cell, merged
from gridcore_firesafety.services.briefings import BriefingData

COLUMNS = ("网格编号", "大网格", "发现隐患", "已整改", "逾期未改", "上报处置")
FIELDS = ("found", "rectified", "overdue", "escalated")


def title(data: BriefingData) -> str:
    return f"{data.community}消防安全隐患整治简报"


def rate(data: BriefingData) -> str:
    """The share of the period's hazards already rectified at the cut-off."""
    found = data.total("found")
    return f"{data.total('found_rectified') / found:.1%}" if found else "—"


def briefing_text(data: BriefingData) -> str:
    """The briefing as plain text: a summary paragraph, then one line per big grid."""
    period = data.period
    lines = [
        title(data),
        f"{period.label} ({period.year}年{period.months_text})",
        f"统计截至 {data.cutoff.isoformat()}, 报送日期 {data.issued.isoformat()}",
        "",
        (
            f"本期共排查发现火灾隐患 {data.total('found')} 处, 其中已整改 {data.total('found_rectified')} 处"
            f" (整改率 {rate(data)}); 本期完成整改 {data.total('rectified')} 处, 逾期未整改 {data.total('overdue')} 处,"
            f" 店主不予配合报送安全办处置 {data.total('escalated')} 处。"
        ),
        "",
        "各大网格情况:",
    ]
    for line in data.lines:
        lines.append(
            f"  {line.grid_name}: 发现 {line.found} 处, 已整改 {line.rectified} 处,"
            f" 逾期未改 {line.overdue} 处, 上报处置 {line.escalated} 处"
        )
    return "\n".join(lines) + "\n"


def write_text(path: Path, data: BriefingData) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(briefing_text(data), encoding="utf-8")
    return path


def write_xlsx(path: Path, data: BriefingData) -> Path:
    """The briefing's table: a title, the period, one row per big grid and a 合计 row."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = data.period.label
    for column, width in zip("ABCDEF", (12, 18, 11, 11, 11, 11), strict=True):
        sheet.column_dimensions[column].width = width
    merged(sheet, "A1:F1", title(data), label=True)
    sheet["A1"].font = TITLE_FONT
    merged(
        sheet,
        "A2:F2",
        f"{data.period.label} ({data.period.year}年{data.period.months_text}), 统计截至 {data.cutoff}",
        align=LEFT,
    )
    for column, header in zip("ABCDEF", COLUMNS, strict=True):
        cell(sheet, f"{column}3", header, label=True)
    row = 3
    for line in data.lines:
        row += 1
        values = (line.grid_no, line.grid_name, *(getattr(line, name) for name in FIELDS))
        for column, value in zip("ABCDEF", values, strict=True):
            cell(sheet, f"{column}{row}", value)
    row += 1
    merged(sheet, f"A{row}:B{row}", "合计", label=True)
    for column, name in zip("CDEF", FIELDS, strict=True):
        cell(sheet, f"{column}{row}", data.total(name), label=True)
    box(sheet, f"A3:F{row}")
    row += 1
    merged(sheet, f"A{row}:F{row}", f"整改率 {rate(data)}", align=LEFT)
    a4_portrait(sheet)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path
