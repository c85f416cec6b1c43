"""Errors of the Excel exchange layer: one line of Chinese that names the file, sheet, row and column.

Every class is a :class:`gridcore.errors.ValidationError` (exit code 5), so the CLI prints it on one
line and a service can catch the whole family as :class:`ExchangeError`. Only the file's *name* is
shown, never its directory (an upload's temporary path means nothing to the person who sent it).
"""

from __future__ import annotations

import os
from pathlib import Path

from gridcore.errors import ValidationError


def column_letter(index: int) -> str:
    """Excel column letters of a 0-based column index: 0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    number = index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def where(
    path: str | os.PathLike[str] | None,
    *,
    sheet: str | None = None,
    row: int | None = None,
    column: str | None = None,
) -> str:
    """``文件「a.xlsx」工作表「户籍表」第 5 行「身份证号」列`` (the parts that are known)."""
    parts = []
    if path is not None:
        parts.append(f"文件「{Path(path).name}」")
    if sheet:
        parts.append(f"工作表「{sheet}」")
    if row is not None:
        parts.append(f"第 {row} 行")
    if column:
        parts.append(f"「{column}」列")
    return "".join(parts)


class ExchangeError(ValidationError):
    """A file could not be read or written as asked; nothing was imported.

    ``path``, ``sheet``, ``row`` (the Excel row number, 1-based, header included) and ``column`` (the
    header label) say where, when known; the message already contains them.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | os.PathLike[str] | None = None,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
        value: object = None,
    ) -> None:
        place = where(path, sheet=sheet, row=row, column=column)
        super().__init__(f"{place}: {message}" if place else message, field=column, value=value)
        self.path = Path(path) if path is not None else None
        self.sheet = sheet
        self.row = row
        self.column = column
        self.reason = message


class UnsupportedFileError(ExchangeError):
    """The content is not an accepted kind (renamed program, macro workbook, HTML posing as .xls ...)."""


class UnsafeFileError(ExchangeError):
    """The file breaks a safety limit (size, zip bomb, XML entities, path traversal); security.md I2-I3."""


class CorruptFileError(ExchangeError):
    """The file claims to be a workbook but cannot be read (damaged, password-protected, bad XML)."""


class SheetNotFoundError(ExchangeError):
    """The workbook has no sheet of the required name (R-G02); ``available`` lists those it has."""

    def __init__(self, message: str, *, path: str | os.PathLike[str], sheet: str, available: tuple[str, ...]) -> None:
        super().__init__(message, path=path)
        self.sheet = sheet
        self.available = available


class HeaderError(ExchangeError):
    """The header row has unknown, duplicate or missing required columns (R-G04); raised before any row."""

    def __init__(
        self,
        message: str,
        *,
        path: str | os.PathLike[str] | None,
        sheet: str | None,
        unknown: tuple[str, ...] = (),
        missing: tuple[str, ...] = (),
        duplicate: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message, path=path, sheet=sheet, row=None)
        self.unknown = unknown
        self.missing = missing
        self.duplicate = duplicate


class TableTooLargeError(UnsafeFileError):
    """The sheet has more rows or columns than the limits allow (security.md I3)."""


class CellError(ExchangeError):
    """One cell's value cannot be read for its column (a bad date, an ID that lost its digits ...)."""
