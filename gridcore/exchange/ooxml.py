"""Checking an .xlsx (a zip of XML parts) by its content, before calamine or openpyxl parse it.

security.md I2 and I3: the zip's own directory is checked first (entry count, names, declared sizes and
ratios), then every member is inflated in 64 KiB chunks and counted, so a member that lies about its
size fails its CRC and a bomb is stopped at the 200 MB mark. XML parts must carry no DTD (no
``<!DOCTYPE``, no ``<!ENTITY``: OOXML never uses them, billion-laughs needs them). Worksheet parts are
scanned for rows beyond the row limit and cell references beyond the row or column limit, because
calamine allocates the whole used range at once (a 6 KB sheet with cells at A1 and GR100001 costs it
about 600 MB).
"""

from __future__ import annotations

import codecs
import functools
import posixpath
import re
import struct
import zipfile
import zlib
from pathlib import Path
from typing import IO
from xml.etree import ElementTree

import attrs

from gridcore.exchange.errors import (
    CorruptFileError,
    TableTooLargeError,
    UnsafeFileError,
    UnsupportedFileError,
    column_letter,
)
from gridcore.exchange.limits import Limits

CHUNK = 1 << 16
_OVERLAP = 64
_SMALL_PART = 16 << 20
_XMLISH = (".xml", ".rels", ".vml")
_DTD = re.compile(rb"<!\s*(?:doctype|entity)", re.IGNORECASE)
_PREFIXED_ROW = re.compile(rb"<[\w.-]+:row[\s/>]")
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_ABSOLUTE = re.compile(r"^(?:[/\\]|[A-Za-z]:)")
_TYPE_HINTS = (
    ("wordprocessingml", "Word 文档"),
    ("presentationml", "PowerPoint 演示文稿"),
)


@attrs.frozen(kw_only=True)
class WorkbookFacts:
    """What the checks learnt on the way: the date system and the sheet names, in workbook order."""

    date1904: bool = False
    sheets: tuple[str, ...] = ()


def check_xlsx(path: Path, *, size: int, limits: Limits) -> WorkbookFacts:
    """Raise an :class:`~gridcore.exchange.errors.ExchangeError` unless ``path`` is a safe .xlsx."""
    _check_end_record(path, size, limits)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            _check_directory(path, infos, limits)
            workbook_part = _check_content_types(path, archive)
            facts, sheet_parts = _read_workbook(path, archive, workbook_part)
            _scan_members(path, archive, infos, sheet_parts, limits)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError) as error:
        raise CorruptFileError(f"文件已损坏, 无法解压 ({error})", path=path) from None
    return facts


# --------------------------------------------------------------------------- the zip directory


def _check_end_record(path: Path, size: int, limits: Limits) -> None:
    """Read the entry count from the end-of-directory record, before zipfile parses every entry."""
    with path.open("rb") as handle:
        tail_size = min(size, 22 + 0xFFFF)
        handle.seek(size - tail_size)
        tail = handle.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        raise CorruptFileError("文件不完整 (找不到 zip 目录), 可能已损坏或未下载完", path=path)
    total = struct.unpack_from("<H", tail, at + 10)[0]
    if total != 0xFFFF and total > limits.max_entries:
        raise UnsafeFileError(f"压缩包有 {total} 个条目, 超过上限 {limits.max_entries}", path=path)


def _shown(name: str) -> str:
    printable = "".join(ch if ch.isprintable() else "?" for ch in name)
    return printable if len(printable) <= 80 else printable[:77] + "..."


def _check_directory(path: Path, infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(infos) > limits.max_entries:
        raise UnsafeFileError(f"压缩包有 {len(infos)} 个条目, 超过上限 {limits.max_entries}", path=path)
    declared = 0
    for info in infos:
        name = info.filename
        parts = re.split(r"[\\/]", name)
        if not name or "\x00" in name or _ABSOLUTE.match(name) or ".." in parts:
            raise UnsafeFileError(f"压缩包条目名「{_shown(name)}」是绝对路径或含「..」, 已拒绝", path=path)
        if info.flag_bits & 0x1:
            raise UnsupportedFileError("工作簿有密码保护 (加密条目), 请先在 Excel 中取消密码", path=path)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise UnsupportedFileError(f"条目「{_shown(name)}」使用了不支持的压缩方式", path=path)
        declared += info.file_size
        if declared > limits.max_uncompressed_bytes:
            raise UnsafeFileError(_too_big(limits), path=path)
        if info.file_size >= limits.ratio_floor_bytes and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            ratio = info.file_size / max(info.compress_size, 1)
            raise UnsafeFileError(
                f"条目「{_shown(name)}」压缩比 {ratio:.0f}:1 超过上限 {limits.max_ratio}:1 (疑似 zip 炸弹)", path=path
            )


def _too_big(limits: Limits) -> str:
    return f"解压后总大小超过 {limits.max_uncompressed_bytes // (1 << 20)} MB 上限 (疑似 zip 炸弹)"


# --------------------------------------------------------------------------- package structure


def _check_content_types(path: Path, archive: zipfile.ZipFile) -> str:
    """The workbook part's name; refuse macro workbooks, .xlsb and other Office documents."""
    names = {info.filename for info in archive.infolist()}
    small_mimetype = "mimetype" in names and archive.getinfo("mimetype").file_size < 200
    if small_mimetype and b"opendocument" in archive.read("mimetype"):
        raise UnsupportedFileError("这是 OpenDocument 文档 (.ods/.odt), 请另存为 .xlsx 后再导入", path=path)
    if "[Content_Types].xml" not in names:
        raise UnsupportedFileError("不是 Excel 工作簿 (zip 中没有 [Content_Types].xml)", path=path)
    if any(name.lower().rsplit("/", 1)[-1] == "vbaproject.bin" for name in names):
        raise UnsupportedFileError("工作簿含宏 (vbaProject.bin), 不接受 .xlsm; 请另存为 .xlsx 后再导入", path=path)
    root = _parse_small(path, archive, "[Content_Types].xml")
    types: list[tuple[str, str]] = []
    for element in root:
        content_type = (element.get("ContentType") or "").lower()
        types.append((element.get("PartName") or "", content_type))
        if "sheet.binary" in content_type:
            raise UnsupportedFileError("不支持 .xlsb 二进制工作簿, 请另存为 .xlsx", path=path)
        if "macroenabled" in content_type or "vbaproject" in content_type:
            raise UnsupportedFileError("工作簿含宏 (macroEnabled), 不接受 .xlsm; 请另存为 .xlsx 后再导入", path=path)
    for part, content_type in types:
        if content_type.endswith(("spreadsheetml.sheet.main+xml", "spreadsheetml.template.main+xml")):
            return part.lstrip("/")
    for needle, kind in _TYPE_HINTS:
        if any(needle in content_type for _, content_type in types):
            raise UnsupportedFileError(f"这是 {kind}, 不是 Excel 工作簿", path=path)
    if "xl/workbook.xml" in names:
        return "xl/workbook.xml"
    raise UnsupportedFileError("不是 Excel 工作簿 (没有 workbook 部件)", path=path)


def _parse_small(path: Path, archive: zipfile.ZipFile, name: str) -> ElementTree.Element:
    """Parse a small package part (content types, workbook, relationships) after the DTD check."""
    info = archive.getinfo(name)
    if info.file_size > _SMALL_PART:
        raise UnsafeFileError(f"部件「{_shown(name)}」过大 ({info.file_size} 字节)", path=path)
    data = archive.read(info)
    scanner = _PartScanner(path, name, sheet=None, limits=None)
    scanner.feed(data)
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise CorruptFileError(f"部件「{_shown(name)}」不是有效的 XML ({error})", path=path) from None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _read_workbook(path: Path, archive: zipfile.ZipFile, part: str) -> tuple[WorkbookFacts, dict[str, str]]:
    """The date system, the sheet names and ``{worksheet part: sheet name}`` from the workbook part."""
    try:
        root = _parse_small(path, archive, part)
    except KeyError:
        raise CorruptFileError(f"缺少工作簿部件「{_shown(part)}」", path=path) from None
    date1904 = False
    sheets: list[tuple[str, str]] = []
    for element in root.iter():
        tag = _local(element.tag)
        if tag == "workbookPr":
            date1904 = (element.get("date1904") or "").strip().lower() in {"1", "true"}
        elif tag == "sheet":
            sheets.append((element.get("name") or "", element.get(f"{_REL_NS}id") or ""))
    folder, base = posixpath.split(part)
    targets: dict[str, str] = {}
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    if rels_name in {info.filename for info in archive.infolist()}:
        for element in _parse_small(path, archive, rels_name):
            target = element.get("Target") or ""
            resolved = (
                target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            )
            targets[element.get("Id") or ""] = resolved
    parts = {targets[rel]: name for name, rel in sheets if rel in targets}
    return WorkbookFacts(date1904=date1904, sheets=tuple(name for name, _ in sheets)), parts


# --------------------------------------------------------------------------- inflating every member


def _scan_members(
    path: Path, archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], sheet_parts: dict[str, str], limits: Limits
) -> None:
    total = 0
    for info in infos:
        name = info.filename
        lowered = name.lower()
        xmlish = lowered.endswith(_XMLISH)
        is_sheet = name in sheet_parts or (lowered.startswith("xl/worksheets/") and lowered.endswith(".xml"))
        scanner = None
        if xmlish:
            sheet = sheet_parts.get(name, name) if is_sheet else None
            scanner = _PartScanner(path, name, sheet=sheet, limits=limits if is_sheet else None)
        with archive.open(info) as stream:
            total = _drain(path, stream, scanner, total, limits)


def _drain(path: Path, stream: IO[bytes], scanner: _PartScanner | None, total: int, limits: Limits) -> int:
    while chunk := stream.read(CHUNK):
        total += len(chunk)
        if total > limits.max_uncompressed_bytes:
            raise UnsafeFileError(_too_big(limits), path=path)
        if scanner is not None:
            scanner.feed(chunk)
    if scanner is not None:
        scanner.close()
    return total


class _PartScanner:
    """Scans one XML part chunk by chunk (UTF-16 parts are transcoded to UTF-8 first)."""

    def __init__(self, path: Path, name: str, *, sheet: str | None, limits: Limits | None) -> None:
        self.path = path
        self.name = name
        self.sheet = sheet
        self.limits = limits
        self.tail = b""
        self.rows = 0
        self.decoder: codecs.IncrementalDecoder | None = None
        self.started = False

    def feed(self, chunk: bytes) -> None:
        if not self.started:
            self.started = True
            encoding = _utf16_encoding(chunk)
            if encoding:
                self.decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        data = self.decoder.decode(chunk).encode("utf-8") if self.decoder else chunk
        window = self.tail + data
        if _DTD.search(window):
            raise UnsafeFileError(
                f"部件「{_shown(self.name)}」含 DTD/实体声明 (<!DOCTYPE>/<!ENTITY>), 疑似 XML 炸弹, 已拒绝",
                path=self.path,
            )
        if self.limits is not None:
            self._count(window)
        self.tail = window[-_OVERLAP:]

    def close(self) -> None:
        if self.decoder is not None:
            self.feed(b"")

    def _count(self, window: bytes) -> None:
        assert self.limits is not None
        self.rows += _row_tags(window) - _row_tags(self.tail)
        if self.rows > self.limits.max_rows + 1:
            raise TableTooLargeError(f"超过 {self.limits.max_rows} 行上限", path=self.path, sheet=self.sheet)
        found = _violations(self.limits.max_rows, self.limits.max_columns).search(window)
        if found:
            letters = (found.group(1) or found.group(3) or b"").decode()
            digits = (found.group(2) or found.group(4) or b"0").decode()
            ref = f"{letters.upper()}{int(digits)}"
            if _column_number(letters) > self.limits.max_columns:
                reason = f"单元格 {ref} 在第 {_column_number(letters)} 列, 超过 {self.limits.max_columns} 列上限"
            else:
                reason = f"单元格 {ref} 在第 {int(digits)} 行, 超过 {self.limits.max_rows} 行上限"
            raise TableTooLargeError(reason, path=self.path, sheet=self.sheet)


def _utf16_encoding(head: bytes) -> str | None:
    if head.startswith((b"\xff\xfe", b"<\x00")):
        return "utf-16-le"
    if head.startswith((b"\xfe\xff", b"\x00<")):
        return "utf-16-be"
    return None


def _row_tags(data: bytes) -> int:
    count = data.count(b"<row")
    if b":row" in data:
        count += len(_PREFIXED_ROW.findall(data))
    return count


def _column_number(letters: str) -> int:
    number = 0
    for char in letters.upper():
        number = number * 26 + ord(char) - 64
    return number


def _greater(limit: str, alphabet: str) -> list[str]:
    """Regex alternatives for strings of ``limit``'s length over ``alphabet`` that sort above it."""
    alternatives = []
    for at, char in enumerate(limit):
        position = alphabet.index(char)
        if position + 1 < len(alphabet):
            prefix = "".join(f"[{c}{c.lower()}]" if c.isalpha() else c for c in limit[:at])
            higher = f"{alphabet[position + 1]}-{alphabet[-1]}"
            char_class = f"[{higher}{higher.lower()}]" if char.isalpha() else f"[{higher}]"
            rest = "[A-Za-z]" if char.isalpha() else r"\d"
            alternatives.append(f"{prefix}{char_class}{rest}{{{len(limit) - at - 1}}}")
    return alternatives


@functools.lru_cache(maxsize=8)
def _violations(max_rows: int, max_columns: int) -> re.Pattern[bytes]:
    """A cell or row reference (``r="GS5"``, ``r='A100002'``, ``r = "5"``) beyond the limits.

    Matches only offending references, so a normal sheet costs one regex scan and no Python loop.
    Group 1/2 are the letters/digits of a column offence, 3/4 of a row offence.
    """
    letters = column_letter(max_columns - 1)
    columns = "|".join([f"[A-Za-z]{{{len(letters) + 1},}}", *_greater(letters, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")])
    digits = str(max_rows + 1)
    rows = "|".join([rf"[1-9]\d{{{len(digits)},}}", *_greater(digits, "0123456789")])
    pattern = rf"""r\s*=\s*["'](?:((?:{columns}))(\d+)|([A-Za-z]*)(0*(?:{rows})))(?!\d)"""
    return re.compile(pattern.encode())
