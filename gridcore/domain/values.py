"""Turning what people type (or what a spreadsheet cell holds) into typed values.

Pure functions: each returns the value or raises :class:`ValueError` with a short Chinese reason; the
caller adds the field name and the row. Text is NFKC-normalised (full-width digits become ASCII) and
trimmed first.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation

_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-./](\d{1,2})[-./](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
_TRUE = frozenset({"是", "1", "true", "yes", "y", "t", "√", "✓", "有"})
_FALSE = frozenset({"否", "0", "false", "no", "n", "f", "×", "无", ""})


def clean_text(value: object) -> str:
    """NFKC, trimmed; ``None`` becomes the empty string."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return text.strip()


def parse_date(value: object) -> dt.date:
    """A date from a date/datetime, or text such as ``1980-05-03``, ``1980.5.3``, ``1980年5月3日``, ``19800503``."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = clean_text(value)
    text = text.split(" ")[0] if re.match(r"^\d{4}-\d{2}-\d{2} \d", text) else text
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            year, month, day = (int(part) for part in match.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                raise ValueError(f"「{text}」不是有效日期") from None
    raise ValueError(f"「{text}」不是日期,请写成 1980-05-03、1980.5.3 或 1980年5月3日")


def parse_bool(value: object) -> bool:
    """是/否 (and 1/0, true/false, Y/N)."""
    if isinstance(value, bool):
        return value
    text = clean_text(value).casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"「{value}」应为 是 或 否")


def parse_int(value: object) -> int:
    if isinstance(value, bool):
        raise ValueError("应为整数")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = clean_text(value)
    if re.fullmatch(r"[-+]?\d+", text):
        return int(text)
    raise ValueError(f"「{text}」不是整数")


def parse_decimal(value: object) -> Decimal:
    if isinstance(value, bool):
        raise ValueError("应为数字")
    try:
        return Decimal(clean_text(value)) if not isinstance(value, (int, float)) else Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"「{value}」不是数字") from None


def parse_float(value: object) -> float:
    return float(parse_decimal(value))
