"""The import template of an entity (导出住户采集表 / 导出人员采集表, R-G04).

Headers are the fields' Chinese labels in declaration order, on the sheet the entity names
(``Entity.sheet``: 户籍表, 常住人口信息表). Generated and derived columns are grey with the comment
"系统生成, 请留空"; required ones are bold red with "必填". Dictionary and yes/no columns get a drop-down
list: inline when it fits Excel's 255-character limit, otherwise a range on a hidden sheet. Text
columns (身份证号 above all) are formatted as text so Excel keeps all 18 digits and leaves ``1-2``
alone; date columns are formatted ``yyyy-mm-dd``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from gridcore.contributions import Entity
from gridcore.entities import EntityField, entity_fields
from gridcore.exchange.cells import is_id_field
from gridcore.exchange.limits import DEFAULT_LIMITS
from gridcore.exchange.writer import DATE_FORMAT, TEXT_FORMAT, column_width, is_dangerous, safe_sheet_title

GENERATED_NOTE = "系统生成, 请留空"
REQUIRED_NOTE = "必填"
LIST_SHEET = "下拉选项"
INLINE_LIST_LIMIT = 255
GENERATED_FILL = PatternFill("solid", fgColor="D9D9D9")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
REQUIRED_FONT = Font(bold=True, color="C00000")
HEADER_FONT = Font(bold=True)
YES_NO = ("是", "否")
AUTHOR = "gridcore"


def is_text_field(field: EntityField) -> bool:
    """Text columns: strings, dictionary labels, ID numbers (anything not a number, date or yes/no)."""
    return field.python_type in (str, None) or field.info.dictionary is not None or is_id_field(field)


def _set_text(sheet: Worksheet, row: int, column: int, text: str) -> Cell:
    cell = sheet.cell(row=row, column=column)
    assert isinstance(cell, Cell)  # a fresh cell, never part of a merged range
    cell.value = text
    cell.data_type = "s"
    if is_dangerous(text):
        cell.quotePrefix = True
    return cell


def _comment(text: str) -> Comment:
    comment = Comment(text, AUTHOR)
    comment.width = 160
    comment.height = 60
    return comment


def _header(sheet: Worksheet, column: int, field: EntityField) -> None:
    cell = _set_text(sheet, 1, column, field.label)
    cell.font = HEADER_FONT
    cell.fill = HEADER_FILL
    if field.info.generated or field.info.derived:
        cell.fill = GENERATED_FILL
        cell.comment = _comment(GENERATED_NOTE)
    elif field.info.required:
        cell.font = REQUIRED_FONT
        cell.comment = _comment(REQUIRED_NOTE)
    elif is_id_field(field):
        cell.comment = _comment("18 位身份证号 (15 位旧号码自动升位); 本列为文本格式, 请勿改为数字")


def _list_formula(workbook: Workbook, labels: Sequence[str], title: str) -> str:
    """``"a,b,c"`` when it fits inline, else a range on the hidden list sheet."""
    inline = ",".join(labels)
    if len(inline) <= INLINE_LIST_LIMIT and not any("," in label or '"' in label for label in labels):
        return f'"{inline}"'
    if LIST_SHEET in workbook.sheetnames:
        lists = workbook[LIST_SHEET]
    else:
        lists = workbook.create_sheet(LIST_SHEET)
        lists.sheet_state = "hidden"
    column = lists.max_column + 1 if lists.max_row > 1 or lists["A1"].value is not None else 1
    _set_text(lists, 1, column, title)
    for row, label in enumerate(labels, start=2):
        _set_text(lists, row, column, label)
    letter = get_column_letter(column)
    return f"{quote_sheetname(LIST_SHEET)}!${letter}$2:${letter}${len(labels) + 1}"


def write_template(
    path: str | os.PathLike[str],
    entity: Entity,
    dictionary_labels: Mapping[str, Sequence[str]] | None = None,
    *,
    rows: int = DEFAULT_LIMITS.max_rows,
) -> None:
    """Write ``entity``'s import template to ``path`` (.xlsx).

    ``dictionary_labels`` maps a dictionary id (``FieldInfo.dictionary``, e.g. ``"sex"``) to the labels
    offered in that column's drop-down; a dictionary not in it gets no list. Validation and column
    formats cover data rows 2 to ``rows + 1``.
    """
    labels_by_dictionary = dictionary_labels or {}
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = safe_sheet_title(entity.sheet or entity.title)
    for column, field in enumerate(entity_fields(entity.model), start=1):
        letter = get_column_letter(column)
        _header(sheet, column, field)
        dimension = sheet.column_dimensions[letter]
        dimension.width = column_width(field.label) + (12 if is_id_field(field) else 0)
        if is_text_field(field):
            dimension.number_format = TEXT_FORMAT
        elif field.python_type in (dt.date, dt.datetime):
            dimension.number_format = DATE_FORMAT
        choices: Sequence[str] = ()
        if field.info.dictionary:
            choices = labels_by_dictionary.get(field.info.dictionary, ())
        elif field.python_type is bool:
            choices = YES_NO
        if choices and not (field.info.generated or field.info.derived):
            validation = DataValidation(
                type="list",
                formula1=_list_formula(workbook, list(choices), field.label),
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="warning",
                errorTitle=field.label,
                error=f"「{field.label}」请从下拉列表中选择",
            )
            validation.add(f"{letter}2:{letter}{rows + 1}")
            sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"
    workbook.save(Path(path))
