"""One cell's value as its field wants it: dates, ID numbers, numbers that Excel has damaged.

:func:`normalise_cell` is pure: it returns the typed value (``None`` for a blank cell) or raises
:class:`ValueError` with a short Chinese reason, and the caller adds the file, row and column. Text is
NFKC-folded and trimmed (full-width digits and letters become ASCII); dictionary columns stay text
(the import service maps labels to codes); validation across fields (birth date against the ID,
check digits) is the import service's job, through :func:`gridcore.domain.idcard.parse_id`.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any
from unicodedata import is_normalized, normalize

from gridcore.domain import values
from gridcore.domain.idcard import normalise_id, upgrade_15
from gridcore.domain.idcard.rules import masked
from gridcore.entities import EntityField

#: Excel keeps 15 significant digits of a number; anything longer has lost its tail.
EXCEL_DIGITS = 15
ID_LENGTH = 18
ID_LABELS = frozenset({"身份证号", "公民身份号码", "身份证号码"})
_MAX_SERIAL = 2_958_465  # 9999-12-31
_EPOCH_1900 = dt.datetime(1899, 12, 30)
_EPOCH_1904 = dt.datetime(1904, 1, 1)
_SCIENTIFIC = re.compile(r"^[+-]?\d+(?:\.\d+)?[eE][+-]?\d+$")
_TIME_OF_DAY = re.compile(r"(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")


def is_id_field(field: EntityField) -> bool:
    """Whether ``field`` holds a resident ID number (masked as one, or labelled 身份证号)."""
    return field.info.mask == "id_number" or field.label in ID_LABELS


def is_blank(value: object) -> bool:
    """``None``, or text that is empty after NFKC and trimming."""
    return value is None or (isinstance(value, str) and not values.clean_text(value))


def normalise_cell(value: object, field: EntityField, *, date1904: bool = False) -> Any:
    """The value of a cell for ``field``; ``date1904`` is the workbook's date system."""
    if value is None:
        return None
    if isinstance(value, str):
        value = values.clean_text(value)
        if not value:
            return None
        if field.python_type is str and not is_id_field(field):
            return value  # the common case: text for a text field, already folded and trimmed
    if is_id_field(field):
        return normalise_id_cell(value)
    kind = field.python_type
    if kind is dt.datetime:
        return to_datetime(value, date1904=date1904)
    if kind is dt.date:
        return to_date(value, date1904=date1904)
    if kind is bool:
        return to_bool(value)
    if kind is int:
        return values.parse_int(_integral(value))
    if kind is Decimal:
        return values.parse_decimal(_integral(value))
    if kind is float:
        return values.parse_float(_integral(value))
    return to_text(value)


def cell_normaliser(field: EntityField, *, date1904: bool = False) -> Callable[[object], Any]:
    """:func:`normalise_cell` for one column, with what depends only on the field decided once."""
    if is_id_field(field):
        return normalise_id_cell_or_blank
    if field.python_type is not str:
        return functools.partial(normalise_cell, field=field, date1904=date1904)

    def text_cell(value: object) -> Any:
        if type(value) is str:  # the common case: text for a text field, folded and trimmed (values.clean_text)
            if not is_normalized("NFKC", value):
                value = normalize("NFKC", value)
            return value.strip() or None
        return normalise_cell(value, field, date1904=date1904)

    return text_cell


def normalise_id_cell_or_blank(value: object) -> str | None:
    """:func:`normalise_id_cell`, with a blank cell (``None`` or empty text) as ``None``."""
    if type(value) is str:
        if len(value) == ID_LENGTH and value.isascii() and value.isalnum() and "E" not in value.upper()[:-1]:
            return value.upper()  # already 18 letters and digits: nothing to fold, drop or upgrade
        value = values.clean_text(value)
        if not value:
            return None
    elif value is None:
        return None
    return normalise_id_cell(value)


# --------------------------------------------------------------------------- text and numbers


def _integral(value: object) -> object:
    """An integer-valued float as an int (Excel stores every number as a float)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _lost_digits(number: int) -> bool:
    return len(str(abs(number))) > EXCEL_DIGITS


def to_text(value: object) -> str:
    """Text of a cell: NFKC and trimmed; a number keeps every digit it has, or is refused if it lost some."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("不是有效数字")
        value = _integral(value)
        if isinstance(value, float):
            return format(Decimal(repr(value)).normalize(), "f")
    if isinstance(value, int):
        if _lost_digits(value):
            raise ValueError(
                f"数字 {value} 超过 {EXCEL_DIGITS} 位, Excel 只保留 {EXCEL_DIGITS} 位有效数字, 末尾已丢失;"
                " 请把该列设为文本格式后重新输入"
            )
        return str(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return values.clean_text(value)


# --------------------------------------------------------------------------- ID numbers


def normalise_id_cell(value: object) -> str:
    """An ID number as text: full-width folded, spaces dropped, ``x`` -> ``X``, 15 digits upgraded to 18.

    A number cell with more than 15 digits (or text in scientific notation) has lost its last digits
    in Excel and cannot be repaired: it is refused with a message that says so.
    """
    if isinstance(value, bool):
        raise ValueError("身份证号不能是逻辑值")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(f"身份证号不能是小数 {value!r}")
        value = int(value)
    if isinstance(value, int):
        digits = str(value)
        if _lost_digits(value):
            raise ValueError(_precision_message(digits))
        text = digits
    elif isinstance(value, str):
        text = normalise_id(value).lstrip("'")
        if _SCIENTIFIC.match(text):
            raise ValueError(
                f"身份证号显示为科学计数法 {text}, 原号码的末几位已丢失; 请把该列设为文本格式后重新输入完整的 18 位号码"
            )
    else:
        raise ValueError(f"身份证号应为文本, 不能是 {type(value).__name__}")
    if len(text) == 15 and text.isascii() and text.isdigit():
        return upgrade_15(text)
    return text


def _precision_message(digits: str) -> str:
    return (
        f"身份证号以数字形式存储 ({masked(digits)}), Excel 只保留 {EXCEL_DIGITS} 位有效数字,"
        f" 后 {len(digits) - EXCEL_DIGITS} 位已丢失 (lost precision); 请把该列设为文本格式后重新输入完整号码"
    )


# --------------------------------------------------------------------------- dates


def from_serial(serial: float, *, date1904: bool = False) -> dt.datetime:
    """The moment an Excel serial number stands for, in the 1900 (with Lotus' leap-year bug) or 1904 system."""
    whole = math.floor(serial)
    if not date1904 and whole == 60:
        raise ValueError("Excel 日期序号 60 是不存在的 1900-02-29 (Excel 1900 闰年错误)")
    if whole < (0 if date1904 else 1) or whole > _MAX_SERIAL:
        raise ValueError(f"「{serial:g}」不是有效的 Excel 日期序号")
    base = _EPOCH_1904 if date1904 else _EPOCH_1900 if whole > 60 else _EPOCH_1900 + dt.timedelta(days=1)
    return base + dt.timedelta(seconds=round(serial * 86_400))


def _is_yyyymmdd(number: int) -> bool:
    return 10_000_101 <= number <= 99_991_231


def to_date(value: object, *, date1904: bool = False) -> dt.date:
    """A date from a date cell, an Excel serial number, ``19800503``, or text such as ``1980.5.3``."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, dt.time) and date1904:
        # a date cell holding serial 0 (1904-01-01) comes back from both engines as a time of day
        return _EPOCH_1904.date()
    if isinstance(value, bool | dt.time | dt.timedelta):
        raise ValueError(f"「{value}」不是日期")
    if isinstance(value, int | float):
        number = _integral(value)
        if isinstance(number, int) and _is_yyyymmdd(number):
            return values.parse_date(str(number))
        return from_serial(float(value), date1904=date1904).date()
    text = _TIME_OF_DAY.sub("", values.clean_text(value))
    return values.parse_date(text)


def to_datetime(value: object, *, date1904: bool = False) -> dt.datetime:
    """A moment from a date-time cell, a serial number, or text (a date alone means midnight)."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = _integral(value)
        if not (isinstance(number, int) and _is_yyyymmdd(number)):
            return from_serial(float(value), date1904=date1904)
    if isinstance(value, str):
        text = values.clean_text(value).replace("T", " ")
        try:
            return dt.datetime.fromisoformat(text)
        except ValueError:
            pass
    day = to_date(value, date1904=date1904)
    return dt.datetime(day.year, day.month, day.day)


# --------------------------------------------------------------------------- booleans


def to_bool(value: object) -> bool:
    """是/否, TRUE/FALSE cells, 1/0."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        number = _integral(value)
        if number in (0, 1):
            return bool(number)
        raise ValueError(f"「{value}」应为 是 或 否")
    return values.parse_bool(value)
