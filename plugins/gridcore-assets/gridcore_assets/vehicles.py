"""Vehicle identifiers: Chinese plates (GA 36-2018 号牌) and vehicle identification numbers (车架号).

Plates: ordinary 7-character and new-energy 8-character ones.

- ordinary: province, issuing-office letter, five letters or digits (粤B12345), or four and a class
  character (挂 学 警 港 澳 领 试 超: 京A1234警);
- new-energy small cars: province, office letter, an energy letter (D, A, B, C, E pure electric;
  F, G, H, J, K the others), a letter or digit, four digits (粤BD12345);
- new-energy large vehicles: province, office letter, five digits, D or F (粤B12345D);
- embassies: 使 and six digits.

Letters never include I or O (they read as 1 and 0). Plates of electric bicycles and farm machines are
issued locally in other formats and are not checked here.

A VIN (ISO 3779, GB 16735) has 17 characters, digits and capital letters without I, O and Q.
"""

from __future__ import annotations

import re
import unicodedata

PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_LETTER = "A-HJ-NP-Z"
_SERIAL = f"[{_LETTER}0-9]"
_START = f"[{PROVINCES}][{_LETTER}]"
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("普通号牌", re.compile(f"{_START}{_SERIAL}{{5}}")),
    ("专用号牌", re.compile(f"{_START}{_SERIAL}{{4}}[挂学警港澳领试超]")),
    ("小型新能源汽车号牌", re.compile(f"{_START}[A-HJK]{_SERIAL}[0-9]{{4}}")),
    ("大型新能源汽车号牌", re.compile(f"{_START}[0-9]{{5}}[DF]")),
    ("使馆号牌", re.compile("使[0-9]{6}")),
)


VIN = re.compile("[A-HJ-NPR-Z0-9]{17}")


class PlateError(ValueError):
    """A plate (or VIN) that breaks its format; the message says why, in Chinese."""


def normalize(text: str) -> str:
    """Upper case, full-width folded, and without the spaces, dots and hyphens people type."""
    folded = unicodedata.normalize("NFKC", text).upper()
    return "".join(char for char in folded if not char.isspace() and char not in "·.-")


def plate_kind(text: str) -> str:
    """The kind of the (normalised) plate, e.g. ``小型新能源汽车号牌``; :class:`PlateError` if none fits."""
    plate = normalize(text)
    for kind, pattern in PATTERNS:
        if pattern.fullmatch(plate):
            return kind
    if not plate or (plate[0] not in PROVINCES and plate[0] != "使"):
        raise PlateError("应以省份简称开头, 例如 粤B12345")
    if len(plate) not in (7, 8):
        raise PlateError(f"应为 7 位 (新能源汽车 8 位), 实际 {len(plate)} 位")
    if set(plate) & {"I", "O"}:
        raise PlateError("号牌不使用字母 I 和 O (请改为数字 1 和 0)")
    raise PlateError("不符合号牌格式 (普通 粤B12345, 新能源 粤BD12345 或 粤B12345D)")


def validate(text: str) -> str:
    """The normalised plate, if it is a GA 36 plate (see :func:`plate_kind`)."""
    plate_kind(text)
    return normalize(text)


def validate_vin(text: str) -> str:
    """The normalised VIN; :class:`PlateError` if it is not 17 characters without I, O and Q."""
    vin = normalize(text)
    if len(vin) != 17:
        raise PlateError(f"应为 17 位, 实际 {len(vin)} 位")
    if not VIN.fullmatch(vin):
        raise PlateError("只能由数字和大写字母组成, 且不使用字母 I、O、Q")
    return vin
