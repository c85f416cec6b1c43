"""Writing a sheet row by row with openpyxl's write-only mode: memory stays flat, formulas never appear.

security.md I1: every text value is written as a string cell (``t="inlineStr"``), never as a formula
or an error value, whatever its first character; text starting with ``= + - @``, tab or CR also gets
Excel's quote prefix, so editing the cell in Excel keeps it text. Control characters, CR and literal
``_xHHHH_`` are written as Excel's ``_xHHHH_`` escapes, so text comes back exactly. Numbers Excel
would round (more than 15 digits) are written as text; text columns (``text_columns``, e.g.
身份证号) are text-formatted (``@``) and their values written as text, so the file re-imports exactly.
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
import os
import re
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, Cell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from gridcore.exchange.cells import EXCEL_DIGITS

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r", "\0")
TEXT_FORMAT = "@"
DATE_FORMAT = "yyyy-mm-dd"
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
#: What OOXML text cannot hold as it is: control characters (CR too: XML parsers turn it into LF) and
#: a literal ``_xHHHH_``, which readers decode. Both are written as ``_xHHHH_`` escapes, as Excel does.
_NEEDS_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)|[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


def safe_sheet_title(title: str) -> str:
    """A legal sheet name: no ``[]:*?/\\``, at most 31 characters, not empty."""
    cleaned = _SHEET_NAME_BAD.sub("_", title).strip("'") or "Sheet1"
    return cleaned[:31]


def xstring(text: str) -> str:
    """``text`` as OOXML stores it (ECMA-376 ST_Xstring escapes), so that every reader gets it back."""
    return _NEEDS_ESCAPE.sub(lambda found: f"_x{ord(found.group()):04X}_", text)


def is_dangerous(text: str) -> bool:
    """Whether spreadsheet software would take ``text`` for a formula (CSV/formula injection)."""
    return text.startswith(DANGEROUS_FIRST)


def text_cell(sheet: WriteOnlyWorksheet, text: str, *, text_format: bool = False) -> Cell:
    """A string cell that can never become a formula or an error value."""
    cell = WriteOnlyCell(sheet)
    cell.value = xstring(text)
    cell.data_type = "s"
    if is_dangerous(text):
        cell.quotePrefix = True
    if text_format:
        cell.number_format = TEXT_FORMAT
    return cell


def safe_cell(sheet: WriteOnlyWorksheet, value: Any, *, as_text: bool = False) -> Any:
    """The cell for ``value``: text safe, numbers exact, dates formatted; ``None`` stays empty.

    Values openpyxl cannot misread (plain text, numbers Excel holds exactly, naive dates) are returned
    as they are, which writes faster than a cell object.
    """
    if value is None:
        return None
    if as_text:
        return text_cell(sheet, _as_text(value), text_format=True)
    if isinstance(value, str):
        if is_dangerous(value) or value in ERROR_CODES:
            return text_cell(sheet, value)
        return xstring(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return text_cell(sheet, str(value), text_format=True) if len(str(abs(value))) > EXCEL_DIGITS else value
    if isinstance(value, float) and not math.isfinite(value):
        return text_cell(sheet, str(value))
    if isinstance(value, float | decimal.Decimal | bool):
        return value
    if isinstance(value, dt.datetime):
        return value.astimezone().replace(tzinfo=None) if value.tzinfo is not None else value
    if isinstance(value, dt.date):
        return value
    if isinstance(value, dt.time):
        return value.replace(tzinfo=None)
    return text_cell(sheet, str(value))


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


def column_width(header: str) -> float:
    """A width that shows the header: CJK characters count double."""
    return max(8.0, sum(2 if ord(char) > 0x2E7F else 1 for char in header) + 4.0)


def _text_indexes(headers: Sequence[str], text_columns: Collection[int | str]) -> set[int]:
    indexes = set()
    for item in text_columns:
        if isinstance(item, int):
            indexes.add(item)
        elif item in headers:
            indexes.add(list(headers).index(item))
    return indexes


def write_table(
    path: str | os.PathLike[str],
    *,
    sheet: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    text_columns: Collection[int | str] = (),
) -> int:
    """Write ``headers`` then ``rows`` to a new .xlsx at ``path``; return the number of data rows.

    ``text_columns`` are indexes or header labels of columns that are text whatever their values look
    like (身份证号, 门牌号): formatted ``@`` and written as strings.
    """
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(safe_sheet_title(sheet))
    text = _text_indexes(headers, text_columns)
    for index, header in enumerate(headers):
        dimension = worksheet.column_dimensions[get_column_letter(index + 1)]
        dimension.width = column_width(header)
        if index in text:
            dimension.number_format = TEXT_FORMAT
    worksheet.freeze_panes = "A2"
    header_cells = []
    for header in headers:
        cell = text_cell(worksheet, header)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        header_cells.append(cell)
    worksheet.append(header_cells)
    count = 0
    for row in rows:
        worksheet.append([safe_cell(worksheet, value, as_text=index in text) for index, value in enumerate(row)])
        count += 1
    workbook.save(Path(path))
    return count
