"""What an uploaded file really is, judged by its bytes, and whether it is safe to parse.

:func:`inspect_upload` runs before any parser: size limit, magic bytes (a renamed program or picture
is refused whatever its name), then the per-kind checks: .xlsx through :mod:`gridcore.exchange.ooxml`
(zip bomb, DTD, macros, row and column limits), .xls (OLE2) for macros, encryption and the presence
of a workbook stream, CSV for its text encoding (UTF-8, UTF-8 with BOM, UTF-16 with BOM, GB18030).
"""

from __future__ import annotations

import codecs
import enum
import os
from pathlib import Path

import attrs

from gridcore.exchange.errors import CorruptFileError, UnsafeFileError, UnsupportedFileError
from gridcore.exchange.limits import DEFAULT_LIMITS, Limits
from gridcore.exchange.ooxml import CHUNK, check_xlsx

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
TEXT_SUFFIXES = (".csv", ".txt")
_LOOKS_LIKE = (
    (b"MZ", "Windows 程序 (exe/dll)"),
    (b"\x7fELF", "Linux 程序"),
    (b"%PDF", "PDF 文档"),
    (b"\x89PNG", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"GIF8", "GIF 图片"),
    (b"Rar!", "RAR 压缩包"),
    (b"7z\xbc\xaf", "7z 压缩包"),
    (b"\x1f\x8b", "gzip 压缩包"),
    (b"PK\x05\x06", "空的 zip 压缩包"),
)


class FileKind(enum.StrEnum):
    """The kinds of file import accepts."""

    XLSX = "xlsx"
    XLS = "xls"
    CSV = "csv"


@attrs.frozen(kw_only=True)
class Upload:
    """An upload that passed the checks: its kind and what the checks learnt about it.

    ``date1904`` is the workbook's date system (.xlsx; calamine converts date cells itself, but plain
    serial numbers in a date column need it); ``sheets`` the sheet names in order (.xlsx);
    ``encoding`` the text encoding (CSV).
    """

    path: Path
    kind: FileKind
    size: int
    date1904: bool = False
    sheets: tuple[str, ...] = ()
    encoding: str | None = None


def inspect_upload(path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS) -> FileKind:
    """The kind of ``path`` by content; raise an ``ExchangeError`` if it is unsafe or not accepted."""
    return examine_upload(path, limits=limits).kind


def examine_upload(path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS) -> Upload:
    """Like :func:`inspect_upload`, also returning the date system, sheet names or text encoding."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as error:
        raise CorruptFileError(f"无法读取文件 ({error.strerror or error})", path=path) from None
    if size > limits.max_upload_bytes:
        raise UnsafeFileError(
            f"文件大小 {size / (1 << 20):.1f} MB, 超过 {limits.max_upload_bytes // (1 << 20)} MB 上限", path=path
        )
    if size == 0:
        raise UnsupportedFileError("文件是空的", path=path)
    if head.startswith(ZIP_MAGIC):
        facts = check_xlsx(path, size=size, limits=limits)
        return Upload(path=path, kind=FileKind.XLSX, size=size, date1904=facts.date1904, sheets=facts.sheets)
    if head.startswith(OLE2_MAGIC):
        _check_ole2(path)
        return Upload(path=path, kind=FileKind.XLS, size=size)
    for magic, kind in _LOOKS_LIKE:
        if head.startswith(magic):
            raise UnsupportedFileError(f"文件内容是 {kind}, 不是 Excel 工作簿或 CSV", path=path)
    if path.suffix.lower() not in TEXT_SUFFIXES:
        raise UnsupportedFileError(_not_a_workbook(path), path=path)
    return Upload(path=path, kind=FileKind.CSV, size=size, encoding=text_encoding(path))


def _not_a_workbook(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<html", b"<!doctype html", b"<table", b"<?xml", b"<meta")):
        return "文件内容是网页 (HTML/XML), 只是扩展名为 Excel; 请用 Excel 打开后另存为 .xlsx 再导入"
    return "文件内容不是 Excel 工作簿 (.xlsx/.xls) 或 CSV"


# --------------------------------------------------------------------------- .xls (OLE2 compound file)


def _utf16_name(name: str) -> bytes:
    return name.encode("utf-16-le") + b"\x00\x00"


def _check_ole2(path: Path) -> None:
    """Stream names in the compound file's directory (UTF-16LE): macros, encryption, a workbook."""
    data = path.read_bytes()
    if _utf16_name("EncryptedPackage") in data:
        raise UnsupportedFileError("工作簿有密码保护, 请先在 Excel 中取消密码后另存为 .xlsx", path=path)
    if _utf16_name("_VBA_PROJECT_CUR") in data:
        raise UnsupportedFileError("工作簿含宏 (VBA), 不接受; 请另存为不含宏的 .xlsx 后再导入", path=path)
    if _utf16_name("WordDocument") in data:
        raise UnsupportedFileError("这是 Word 文档, 不是 Excel 工作簿", path=path)
    if _utf16_name("Workbook") not in data and _utf16_name("Book") not in data:
        raise UnsupportedFileError("文件内容不是 Excel 工作簿 (OLE2 文件中没有 Workbook 流)", path=path)


# --------------------------------------------------------------------------- CSV text


def text_encoding(path: Path) -> str:
    """``utf-8-sig``, ``utf-16`` (with a BOM), ``utf-8`` or ``gb18030``: the first that decodes all of it."""
    with path.open("rb") as handle:
        head = handle.read(4)
    if head.startswith(codecs.BOM_UTF8):
        candidates: tuple[str, ...] = ("utf-8-sig",)
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ("utf-16",)
    else:
        candidates = ("utf-8", "gb18030")
    for encoding in candidates:
        if _decodes(path, encoding):
            return encoding
    raise UnsupportedFileError("无法识别 CSV 的文字编码 (应为 UTF-8 或 GB18030/GBK), 或文件不是文本", path=path)


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                if "\x00" in decoder.decode(chunk):
                    return False
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True
