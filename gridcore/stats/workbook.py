"""The statistics workbook: one sheet per statistic, titled in Chinese, streamed with openpyxl."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gridcore.services.stats import StatResult

INVALID_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def sheet_title(title: str, used: set[str]) -> str:
    base = INVALID_SHEET_CHARS.sub("_", title)[:28] or "统计"
    name, n = base, 2
    while name in used:
        name, n = f"{base[:26]}_{n}", n + 1
    used.add(name)
    return name


def write_statistics(path: Path, results: Sequence[StatResult], *, heading: str = "") -> Path:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    used: set[str] = set()
    for result in results:
        sheet = workbook.create_sheet(sheet_title(result.statistic.title, used))
        title = WriteOnlyCell(sheet, value=f"{heading}{result.statistic.title}")
        title.font = Font(bold=True, size=13)
        sheet.append([title])
        header = []
        for column in result.table.columns:
            cell = WriteOnlyCell(sheet, value=str(column))
            cell.font = Font(bold=True)
            header.append(cell)
        sheet.append(header)
        for row in result.table.rows:
            sheet.append([_cell(sheet, value) for value in row])
    workbook.save(path)
    return path


def _cell(sheet: Any, value: object) -> Any:
    """A cell whose text is always text: a leading ``=`` never becomes a formula (security.md I1)."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)  # type: ignore[arg-type]
    if isinstance(value, str):
        cell.data_type = "s"
    return cell
