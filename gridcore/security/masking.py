"""Masks for sensitive values (GB/T 35273 §7.2 展示限制): what people without ``pii.view`` see.

``id_number`` never shows the birth date (positions 7-14 of an 18-digit number, 7-12 of a 15-digit one):
``110105********002X``; ``phone`` keeps the first 3 and last 4 digits: ``138****5678``; ``name`` keeps the
surname: ``张*``, ``欧阳**``; anything else (``full``) is ``***``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gridcore.entities import Sensitivity
from gridcore.security.policy import MAX_ID_KEEP

if TYPE_CHECKING:
    from gridcore.entities import FieldInfo
    from gridcore.security.policy import SecurityPolicy

FULL = "***"

#: Two-character surnames (复姓) kept whole by the ``name`` mask.
COMPOUND_SURNAMES = frozenset(
    [
        "欧阳",
        "司马",
        "上官",
        "诸葛",
        "东方",
        "皇甫",
        "尉迟",
        "公孙",
        "慕容",
        "长孙",
        "宇文",
        "司徒",
        "司空",
        "夏侯",
        "轩辕",
        "令狐",
        "端木",
        "独孤",
        "南宫",
        "西门",
        "申屠",
        "百里",
        "呼延",
        "万俟",
        "闻人",
        "赫连",
        "澹台",
        "公冶",
        "宗政",
        "濮阳",
        "太史",
        "仲孙",
        "钟离",
        "宇文",
        "拓跋",
        "完颜",
        "钟离",
    ]
)


def mask_id_number(value: str, keep: tuple[int, int] = MAX_ID_KEEP) -> str:
    """Hide at least the birth-date digits; ``keep`` = (first, last) digits shown, at most (6, 4)."""
    text = value.strip()
    size = len(text)
    if size not in (15, 18):
        return "*" * max(size, 1)
    birth_end = 14 if size == 18 else 12
    first = min(keep[0], MAX_ID_KEEP[0])
    last = min(keep[1], size - birth_end)
    return text[:first] + "*" * (size - first - last) + (text[size - last :] if last else "")


def mask_phone(value: str) -> str:
    text = value.strip()
    if len(text) < 8:
        return "*" * max(len(text), 1)
    return text[:3] + "*" * (len(text) - 7) + text[-4:]


def mask_name(value: str) -> str:
    text = value.strip()
    if len(text) <= 1:
        return "*"
    kept = 2 if text[:2] in COMPOUND_SURNAMES and len(text) > 2 else 1
    return text[:kept] + "*" * (len(text) - kept)


def mask_value(mask: str | None, value: Any, *, id_keep: tuple[int, int] = MAX_ID_KEEP) -> str:
    """``value`` (never ``None``) under the named mask; an unknown or missing mask hides it all."""
    if isinstance(value, str):
        if mask == "id_number":
            return mask_id_number(value, id_keep)
        if mask == "phone":
            return mask_phone(value)
        if mask == "name":
            return mask_name(value)
    return FULL


def should_mask(info: FieldInfo, policy: SecurityPolicy) -> bool:
    """Whether a field is masked for people without ``pii.view``: every SPI field, and PI fields whose
    mask the policy names (``[policies] masked_pi``, by default ``phone``: C5 names the phone number)."""
    return info.sensitivity is Sensitivity.SPI or (info.mask is not None and info.mask in policy.masked_pi)
