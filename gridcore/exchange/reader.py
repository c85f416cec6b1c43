"""Reading one sheet of an uploaded file lazily: a header row, then ``(row number, cells)`` pairs.

Engines: python-calamine (default; .xlsx and .xls, about 13 times faster than openpyxl), openpyxl in
read-only mode (.xlsx; the pure-Python fallback, used automatically when calamine is not importable)
and the csv module. Every engine gives the same cells: blank is ``None``, a whole float is an ``int``,
a date-time at midnight is a ``date``; text is left as it stood (the error workbook shows the
original). Row numbers are Excel's (1-based, header included); fully blank rows are skipped.

Memory: csv streams; openpyxl nearly (its parser keeps an emptied element of about 125 bytes per row).
calamine parses the whole sheet into native memory when the sheet is opened (about 90 bytes a cell
with short text, not seen by ``tracemalloc``), then hands rows to Python one at a time; the upload
checks bound the sheet before that (security.md I3).
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import os
import re
import unicodedata
import warnings
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from gridcore.exchange.errors import (
    CorruptFileError,
    ExchangeError,
    SheetNotFoundError,
    TableTooLargeError,
    UnsafeFileError,
    UnsupportedFileError,
)
from gridcore.exchange.inspect import FileKind, Upload, examine_upload
from gridcore.exchange.limits import DEFAULT_LIMITS, Limits

Engine = Literal["calamine", "openpyxl"]
Cell = str | int | float | bool | dt.date | dt.datetime | dt.time | dt.timedelta | None
RawRows = Iterator[tuple[int, Sequence[Any]]]
HeaderTest = Callable[[Sequence[str]], bool]
#: How many non-blank rows at the top may be titles above the header.
HEADER_SEARCH_ROWS = 10
_XSTRING = re.compile(r"_x([0-9A-Fa-f]{4})_")
_XML_ATTACKS = frozenset({"EntitiesForbidden", "DTDForbidden", "ExternalReferenceForbidden", "NotSupportedError"})


def calamine_available() -> bool:
    try:
        import python_calamine  # noqa: F401
    except ImportError:
        return False
    return True


def clean_cell(value: object) -> Cell:
    """The engine-neutral form of a cell (see the module docstring)."""
    if isinstance(value, str):
        return value or None
    if value is None:
        return None
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) < 2**63 else value
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time(0) and value.tzinfo is None else value
    if isinstance(value, str | int | float | bool | dt.date | dt.time | dt.timedelta):
        return value
    return str(value)


def find_sheet(names: Sequence[str], wanted: str) -> str | None:
    """The sheet called ``wanted``; a stray space or full-width character in the tab name is forgiven."""
    if wanted in names:
        return wanted
    key = unicodedata.normalize("NFKC", wanted).strip()
    for name in names:
        if unicodedata.normalize("NFKC", name).strip() == key:
            return name
    return None


class TableReader:
    """One sheet: ``header`` (texts of the header row), then :meth:`rows` lazily. Close it when done.

    The header is the first non-blank row, or, when ``is_header`` is given, the first of the first
    :data:`HEADER_SEARCH_ROWS` non-blank rows it accepts: a title row above the header
    ("红旗社区户籍表", merged across the columns) is then skipped.
    """

    def __init__(
        self,
        *,
        upload: Upload,
        sheet: str,
        engine: str,
        raw: RawRows,
        close: Callable[[], None],
        limits: Limits,
        is_header: HeaderTest | None = None,
    ) -> None:
        self.path = upload.path
        self.kind = upload.kind
        self.sheet = sheet
        self.engine = engine
        self.date1904 = upload.date1904
        self.limits = limits
        self._raw = raw
        self._close = close
        self._pending: list[tuple[int, Sequence[Any]]] = []
        self._consumed = False
        try:
            self.header_row, self.header = self._read_header(is_header)
        except csv.Error as error:
            raise CorruptFileError(f"CSV 格式有误 ({error})", path=self.path) from None

    def _read_header(self, is_header: HeaderTest | None) -> tuple[int, list[str]]:
        candidates: list[tuple[int, list[str], Sequence[Any]]] = []
        for number, raw in self._raw:
            cells = [clean_cell(value) for value in raw]
            while cells and cells[-1] is None:
                cells.pop()
            if not cells:
                continue
            texts = ["" if cell is None else str(cell) for cell in cells]
            if is_header is None or is_header(texts):
                return self._accept(number, texts)
            candidates.append((number, texts, raw))
            if len(candidates) >= HEADER_SEARCH_ROWS:
                break
        if not candidates:
            raise ExchangeError("工作表是空的, 没有表头行", path=self.path, sheet=self.sheet)
        number, texts, _ = candidates[0]
        self._pending = [(later, raw) for later, _, raw in candidates[1:]]
        return self._accept(number, texts)

    def _accept(self, number: int, texts: list[str]) -> tuple[int, list[str]]:
        if len(texts) > self.limits.max_columns:
            raise TableTooLargeError(
                f"表头有 {len(texts)} 列, 超过 {self.limits.max_columns} 列上限", path=self.path, sheet=self.sheet
            )
        return number, texts

    def rows(self) -> Iterator[tuple[int, list[Cell]]]:
        """``(Excel row number, cells)`` for every non-blank row after the header, cut to the header's width."""
        if self._consumed:
            raise RuntimeError("rows() can be iterated only once")
        self._consumed = True
        width = len(self.header)
        last_allowed = self.header_row + self.limits.max_rows
        try:
            for number, raw in itertools.chain(self._pending, self._raw):
                # text as it stands (the common cell); anything else, and empty text, through clean_cell
                cells = [value if type(value) is str and value else clean_cell(value) for value in raw[:width]]
                if cells.count(None) == len(cells):
                    continue
                if number > last_allowed:
                    raise TableTooLargeError(
                        f"数据超过 {self.limits.max_rows} 行上限", path=self.path, sheet=self.sheet, row=number
                    )
                cells.extend([None] * (width - len(cells)))
                yield number, cells
        except csv.Error as error:
            raise CorruptFileError(f"CSV 格式有误 ({error})", path=self.path) from None

    __iter__ = rows

    def close(self) -> None:
        self._close()

    def __enter__(self) -> TableReader:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


def open_table(
    path: str | os.PathLike[str],
    *,
    sheet: str,
    engine: Engine | None = None,
    limits: Limits = DEFAULT_LIMITS,
    upload: Upload | None = None,
    is_header: HeaderTest | None = None,
) -> TableReader:
    """Check ``path`` (unless ``upload`` is the result of an earlier check) and open its sheet ``sheet``.

    ``engine`` None means calamine when importable, else openpyxl; CSV files ignore it. A missing sheet
    raises :class:`SheetNotFoundError` naming the sheets there are. ``is_header`` picks the header row
    (see :class:`TableReader`).
    """
    upload = upload or examine_upload(path, limits=limits)
    if upload.kind is FileKind.CSV:
        raw, close = _csv_rows(upload)
        close = _once(close)
        return _table(upload, sheet, "csv", raw, close, limits, is_header)
    chosen = engine or ("calamine" if calamine_available() else "openpyxl")
    if chosen == "openpyxl" and upload.kind is FileKind.XLS:
        if engine == "openpyxl" or not calamine_available():
            raise UnsupportedFileError("读取 .xls 需要 python-calamine; 或请另存为 .xlsx", path=upload.path)
        chosen = "calamine"
    opener = _calamine_rows if chosen == "calamine" else _openpyxl_rows
    raw, close = opener(upload, sheet, limits)
    return _table(upload, sheet, chosen, raw, _once(close), limits, is_header)


def _table(
    upload: Upload,
    sheet: str,
    engine: str,
    raw: RawRows,
    close: Callable[[], None],
    limits: Limits,
    is_header: HeaderTest | None,
) -> TableReader:
    try:
        return TableReader(
            upload=upload, sheet=sheet, engine=engine, raw=raw, close=close, limits=limits, is_header=is_header
        )
    except BaseException:
        close()
        raise


def _once(close: Callable[[], None]) -> Callable[[], None]:
    done = False

    def close_once() -> None:
        nonlocal done
        if not done:
            done = True
            close()

    return close_once


def _missing_sheet(upload: Upload, sheet: str, names: Sequence[str]) -> SheetNotFoundError:
    there = "、".join(f"「{name}」" for name in names) or "(无)"
    return SheetNotFoundError(
        f"没有名为「{sheet}」的工作表; 工作簿中的工作表: {there}。请把要导入的工作表改名为「{sheet}」",
        path=upload.path,
        sheet=sheet,
        available=tuple(names),
    )


# --------------------------------------------------------------------------- calamine


def _calamine_rows(upload: Upload, sheet: str, limits: Limits) -> tuple[RawRows, Callable[[], None]]:
    import python_calamine

    path = upload.path
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    except python_calamine.PasswordError:
        raise UnsupportedFileError("工作簿有密码保护, 请先在 Excel 中取消密码", path=path) from None
    except BaseException as error:
        raise _calamine_error(path, error) from None
    try:
        name = find_sheet(workbook.sheet_names, sheet)
        if name is None:
            raise _missing_sheet(upload, sheet, workbook.sheet_names)
        try:
            data = workbook.get_sheet_by_name(name)
        except BaseException as error:
            raise _calamine_error(path, error, sheet=name) from None
        end = data.end
        if end is not None and (end[0] + 1 > limits.max_rows + 1 or end[1] + 1 > limits.max_columns):
            raise TableTooLargeError(
                f"数据区域 {end[0] + 1} 行 × {end[1] + 1} 列, 超过 {limits.max_rows} 行或 {limits.max_columns} 列上限",
                path=path,
                sheet=name,
            )
    except BaseException:
        workbook.close()
        raise
    return _calamine_iter(data), workbook.close


def _calamine_error(path: Path, error: BaseException, sheet: str | None = None) -> ExchangeError:
    """The user-facing error for what calamine raised; anything but its own errors, a Rust panic
    (``PanicException``, a ``BaseException``) or a bad value is re-raised as it is."""
    if not isinstance(error, Exception) and type(error).__name__ != "PanicException":
        raise error
    text = _first_line(error)
    if "entity" in text.lower():
        return UnsafeFileError(f"工作簿的 XML 含实体引用, 疑似 XML 炸弹, 已拒绝 ({text})", path=path, sheet=sheet)
    return CorruptFileError(f"无法读取工作簿 ({text})", path=path, sheet=sheet)


def _calamine_iter(data: Any) -> RawRows:
    start = data.start
    if start is None:  # empty sheet; iter_rows() would panic
        return
    first_row, first_column = start
    pad = [None] * first_column
    rows = iter(data.iter_rows())
    # python-calamine pads the rows above the used range with blank rows but not the columns to its
    # left; should a later version stop padding, the first row it yields is the first used row.
    number = 0
    for row in rows:
        number += 1
        if number == 1 and first_row > 0 and any(cell != "" for cell in row):
            number = first_row + 1
        yield number, pad + row if first_column else row


# --------------------------------------------------------------------------- openpyxl


def _openpyxl_rows(upload: Upload, sheet: str, limits: Limits) -> tuple[RawRows, Callable[[], None]]:
    import openpyxl

    path = upload.path
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # "no default style", unsupported extensions ...
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except Exception as error:
        raise _openpyxl_error(path, error) from None
    try:
        name = find_sheet(workbook.sheetnames, sheet)
        if name is None:
            raise _missing_sheet(upload, sheet, workbook.sheetnames)
        worksheet = workbook[name]
    except BaseException:
        workbook.close()
        raise
    return _openpyxl_iter(upload, name, worksheet), workbook.close


def unescape_xstring(value: object) -> object:
    """Decode Excel's ``_xHHHH_`` escapes in text, which calamine decodes and openpyxl leaves alone.

    openpyxl does drop the ``x005F_`` of an escaped underscore in shared strings, so a literal
    ``_x0041_`` typed in Excel reads as ``A`` with the fallback engine (calamine gets it right).
    """
    if isinstance(value, str) and "_x" in value:
        return _XSTRING.sub(lambda found: chr(int(found.group(1), 16)), value)
    return value


def _openpyxl_iter(upload: Upload, name: str, worksheet: Any) -> RawRows:
    try:
        for number, row in enumerate(worksheet.iter_rows(values_only=True), start=1):
            yield number, [unescape_xstring(value) for value in row]
    except Exception as error:
        raise _openpyxl_error(upload.path, error, sheet=name) from None


def _openpyxl_error(path: Path, error: Exception, sheet: str | None = None) -> ExchangeError:
    chain: list[BaseException] = [error]
    while len(chain) < 10 and (chain[-1].__cause__ or chain[-1].__context__):
        chain.append(chain[-1].__cause__ or chain[-1].__context__)  # type: ignore[arg-type]
    if any(type(item).__name__ in _XML_ATTACKS for item in chain):
        return UnsafeFileError("工作簿的 XML 含 DTD/实体声明, 疑似 XML 炸弹, 已拒绝", path=path, sheet=sheet)
    return CorruptFileError(f"无法读取工作簿 ({type(error).__name__}: {_first_line(error)})", path=path)


def _first_line(error: BaseException) -> str:
    lines = str(error).splitlines()
    return lines[0][:200] if lines else type(error).__name__


# --------------------------------------------------------------------------- CSV


def _csv_rows(upload: Upload) -> tuple[RawRows, Callable[[], None]]:
    handle = upload.path.open("r", encoding=upload.encoding or "utf-8", newline="")
    first = handle.readline()
    handle.seek(0)
    dialect = "excel-tab" if first.count("\t") > first.count(",") else "excel"
    reader = csv.reader(handle, dialect=dialect)

    def rows() -> RawRows:
        yield from enumerate(reader, start=1)

    return rows(), handle.close
