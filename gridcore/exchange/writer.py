"""Writing a sheet row by row with openpyxl's write-only mode: memory stays flat, formulas never appear.

security.md I1: every text value is written as a string cell (``t="inlineStr"``), never as a formula
or an error value, whatever its first character; text starting with ``= + - @``, tab or CR also gets
Excel's quote prefix, so editing the cell in Excel keeps it text. Control characters, CR and literal
``_xHHHH_`` are written as Excel's ``_xHHHH_`` escapes, so text comes back exactly. Numbers Excel
would round (more than 15 digits) are written as text; text columns (``text_columns``, e.g.
身份证号, and ``string_columns``) are text-formatted (``@``) and their values written as text, so the
file re-imports exactly. Cell styles are costly in openpyxl (a styled cell object per value), so a
string column's cell carries the text format only when its text needs it (:func:`misreadable`).
A row whose values would all be written as they are is found with one check of the whole row (its
strings joined, one regular expression), so nearly every row costs no Python call per cell.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import math
import operator
import os
import re
from collections.abc import Callable, Collection, Iterable, Sequence
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
#: Text Excel could take for something else were it typed into a cell: what starts with digits, signs,
#: currency or brackets and has a digit (numbers, dates, times, fractions, percentages, ``1E5``), a
#: month name followed by a digit (``Mar 5``), TRUE/FALSE, error codes (``#N/A``). Text that starts
#: with a letter or a Chinese character otherwise (``HQDY00102``, ``3号楼``: no, ``3月4日``: yes) stays text.
_MISREADABLE = re.compile(
    r"#|(?:true|false)$|[^a-z\u00c0-\U0010ffff]*\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[\s,./-]*\d",
    re.IGNORECASE,
)
#: A whole number Excel keeps exactly (at most 15 digits, no leading zero): it reads back as the same text.
_PLAIN_NUMBER = re.compile(r"0|[1-9][0-9]{0,14}")
#: Joins a row's strings for :data:`_ROW_HAZARD`; a value holding it is never taken for plain text.
_SEPARATOR = "\x1f"
#: Over a row's strings each preceded by ``_SEPARATOR``: whether one of them might need more than a plain
#: string cell because of how it starts. With :data:`_ROW_CONTROL` and ``_x`` a superset of what
#: :class:`TextColumn` and :func:`safe_cell` look for: a first character of ``DANGEROUS_FIRST`` or ``#``
#: (error codes), what :data:`_MISREADABLE` matches unless it is a plain number. The same expression,
#: case-insensitive only where the letters are (so that a value's first character rules most out fast).
_ROW_HAZARD = re.compile(
    r"\x1f(?:[=+\-@#]"
    r"|(?!(?:0|[1-9][0-9]{0,14})(?:\x1f|\Z))[^a-zA-Z\u00c0-\U0010ffff\x1f]*\d"
    r"|(?=[tTfF])(?i:true|false)(?:\x1f|\Z)"
    r"|(?=[jJfFmMaAsSoOnNdD\u017f])(?i:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)[\s,./-]*\d)"
)
#: Any control character (a newline too: such rows take the per-cell path) and what :data:`_NEEDS_ESCAPE` escapes.
_ROW_CONTROL = re.compile(r"[\x00-\x1e\ufffe\uffff]")
#: Types of a value :func:`safe_cell` writes as it is when it is not text (a ``str`` still needs the checks).
_AS_THEY_ARE = frozenset({str, type(None), dt.date, bool, decimal.Decimal})
_TEXT_OR_NONE = frozenset({str, type(None)})
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


def safe_sheet_title(title: str) -> str:
    """A legal sheet name: no ``[]:*?/\\``, at most 31 characters, not empty."""
    cleaned = _SHEET_NAME_BAD.sub("_", title).strip("'") or "Sheet1"
    return cleaned[:31]


def xstring(text: str) -> str:
    """``text`` as OOXML stores it (ECMA-376 ST_Xstring escapes), so that every reader gets it back."""
    if text.isprintable() and "_x" not in text:
        return text  # nearly every cell: nothing to escape (no control character, no literal _xHHHH_)
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
    if type(value) is str and not as_text:  # the common case first
        if value.startswith(DANGEROUS_FIRST) or (value.startswith("#") and value in ERROR_CODES):
            return text_cell(sheet, value)
        return xstring(value)
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


class TextColumn:
    """The cells of one text column: strings formatted ``@``, never formulas or error values.

    ``every_cell`` (身份证号 and the ``text_columns`` of :func:`write_table`): each value's cell is
    formatted ``@``. Otherwise (names, labels, addresses, codes: the ``string_columns``) the column is
    formatted ``@`` for what people type into it later, and a value's own cell only when Excel could
    turn its text into something else if someone typed it again (see :func:`misreadable`); a name or
    a dictionary label is a plain string cell, which is what keeps an export fast. Text starting with
    ``= + - @``, tab or CR also gets the quote prefix. The two styled cells are made once per column
    and refilled for every row: a write-only sheet writes a row as it is appended, so no row still
    holds the cell when the next one fills it.
    """

    def __init__(self, sheet: WriteOnlyWorksheet, *, every_cell: bool) -> None:
        self.every_cell = every_cell
        self.formatted = text_cell(sheet, "", text_format=True)
        self.quoted = text_cell(sheet, "=", text_format=True)

    def __call__(self, value: Any) -> Cell | str | None:
        if type(value) is str:
            text = value
        elif value is None:
            return None
        else:
            text = _as_text(value)
        if text.startswith(DANGEROUS_FIRST):
            cell = self.quoted
        elif self.every_cell or misreadable(text):
            cell = self.formatted
        elif text.isprintable() and "_x" not in text:
            return text  # openpyxl writes a str that is neither a formula nor an error code as text
        else:
            return xstring(text)
        cell.value = xstring(text)  # no illegal character is left; longer text is cut as openpyxl does
        cell.data_type = "s"  # whatever the binding guessed (a formula for "=...", an error for "#N/A")
        return cell


def misreadable(text: str) -> bool:
    """Whether Excel could store ``text`` as something else were it typed into a cell of General format.

    Conservative (see ``_MISREADABLE``): a digit after nothing but digits, signs, currency, brackets or
    spaces (dates, times, fractions, percentages, numbers with a leading zero or more than 15 digits),
    a month name and a digit, ``TRUE``/``FALSE``, an error code. A plain whole number of at most 15
    digits is not: Excel keeps it exactly and it reads back as the same text.
    """
    return _MISREADABLE.match(text) is not None and _PLAIN_NUMBER.fullmatch(text) is None


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
    string_columns: Collection[int | str] = (),
) -> int:
    """Write ``headers`` then ``rows`` to a new .xlsx at ``path``; return the number of data rows.

    ``text_columns`` are indexes or header labels of columns that are text whatever their values look
    like (身份证号): formatted ``@``, every cell too, and written as strings. ``string_columns`` are
    written as strings too and formatted ``@``, but a cell carries the format only when its text needs
    it (see :class:`TextColumn`).
    """
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(safe_sheet_title(sheet))
    text = _text_indexes(headers, text_columns)
    strings = _text_indexes(headers, string_columns) - text
    for index, header in enumerate(headers):
        dimension = worksheet.column_dimensions[get_column_letter(index + 1)]
        dimension.width = column_width(header)
        if index in text or index in strings:
            dimension.number_format = TEXT_FORMAT
    worksheet.freeze_panes = "A2"
    header_cells = []
    for header in headers:
        cell = text_cell(worksheet, header)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        header_cells.append(cell)
    worksheet.append(header_cells)
    makers: list[Callable[[Any], Any]] = [
        TextColumn(worksheet, every_cell=index in text)
        if index in text or index in strings
        else functools.partial(safe_cell, worksheet)
        for index in range(len(headers))
    ]
    plain_row = _plain_row_check(len(headers), text, strings)
    every_cell = [(index, makers[index]) for index in sorted(text) if index < len(makers)]
    count = 0
    for row in rows:
        if plain_row(row):  # nearly every row: one check for the whole row, no call per cell
            values = list(row)
            for index, make in every_cell:
                values[index] = make(values[index])
            worksheet.append(values)
        else:
            if len(row) > len(makers):
                makers.extend(functools.partial(safe_cell, worksheet) for _ in range(len(row) - len(makers)))
            worksheet.append([make(value) for make, value in zip(makers, row, strict=False)])
        count += 1
    workbook.save(Path(path))
    return count


def _plain_row_check(width: int, text: set[int], strings: set[int]) -> Callable[[Sequence[Any]], bool]:
    """Whether a row's cells, but those of the ``text`` columns, are all its values as they are.

    True when the row has ``width`` values, those of the ``strings`` columns are text or empty, the
    others text, empty, dates, yes/no or decimals, and no text matches :data:`_ROW_HAZARD`: then
    :class:`TextColumn` and :func:`safe_cell` would return every one of them unchanged. Otherwise
    (``False``) the row takes the per-cell path, which decides exactly.
    """
    string_indexes = sorted(strings)
    other_indexes = sorted(set(range(width)) - text - strings)

    def picker(indexes: list[int]) -> Callable[[Sequence[Any]], tuple[Any, ...]]:
        if not indexes:
            return lambda row: ()
        if len(indexes) == 1:
            (only,) = indexes
            return lambda row: (row[only],)
        return operator.itemgetter(*indexes)

    strings_of, others_of = picker(string_indexes), picker(other_indexes)

    def plain_row(row: Sequence[Any]) -> bool:
        if len(row) != width:
            return False
        texts = strings_of(row)
        others = others_of(row)
        if not set(map(type, texts)) <= _TEXT_OR_NONE or not set(map(type, others)) <= _AS_THEY_ARE:
            return False
        found = [value for value in texts if value]
        found.extend(value for value in others if type(value) is str and value)
        if not found:
            return True
        joined = _SEPARATOR + _SEPARATOR.join(found)
        return (
            joined.count(_SEPARATOR) == len(found)
            and "_x" not in joined
            and _ROW_CONTROL.search(joined) is None
            and _ROW_HAZARD.search(joined) is None
        )

    return plain_row
