"""The individual checks of an ID number, each with the sentence that explains a failure.

:func:`~gridcore.domain.idcard.check_id` stops at the first failure; the temporary-resident
verification (:mod:`~gridcore.domain.idcard.verify`) runs them all. Messages show the number masked
(digits 7-14, the birth date, hidden) because they end up in logs and error reports (security.md
L2, C5, P4); the unmasked input stays on ``ValidationError.value``.
"""

from __future__ import annotations

import unicodedata
from datetime import date

from gridcore.domain.idcard.checksum import check_char, upgrade_15
from gridcore.domain.idcard.divisions import likely_issue_year, resolve_division
from gridcore.domain.idcard.model import Division

FIELD = "身份证号"
CHECK_FORMAT = "号码格式"
CHECK_DIGIT = "校验码"
CHECK_BIRTH = "出生日期"
CHECK_DIVISION = "地址码"
#: Earliest birth date accepted: nobody alive was born earlier.
MIN_BIRTH_DATE = date(1850, 1, 1)


def normalise_id(text: str) -> str:
    """NFKC-fold (full-width digits and letters), drop all whitespace, upper-case (``x`` -> ``X``)."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in folded if not ch.isspace()).upper()


def masked(number: str) -> str:
    """The number as messages show it: the birth-date digits (7-14, or 7-12 of 15) replaced by ``*``."""
    shown = "".join(ch if ch.isprintable() else "?" for ch in number)
    if len(shown) == 15:
        return shown[:6] + "*" * 6 + shown[12:]
    return shown[:6] + "*" * (min(len(shown), 14) - 6) + shown[14:]


def format_problem(number: str) -> str | None:
    """Why ``number`` (normalised) is not 18 or 15 characters of the right kind, or None."""
    if not number:
        return "身份证号为空 (empty ID number)"
    if len(number) not in (15, 18):
        return f"身份证号 {masked(number)} 长度为 {len(number)} 位,应为 18 位或 15 位 (wrong length)"
    body = number[:17] if len(number) == 18 else number
    if not (body.isascii() and body.isdigit()):
        if len(number) == 18:
            return f"身份证号 {masked(number)} 前 17 位应全为数字 (non-digit characters)"
        return f"身份证号 {masked(number)} 为 15 位旧号码,应全为数字 (non-digit characters)"
    return None


def to_number18(number: str) -> str:
    """The 18-character form of a well-formed number (a 15-digit one is upgraded)."""
    return upgrade_15(number) if len(number) == 15 else number


def check_digit_problem(number: str) -> str | None:
    """Why the check character of a well-formed 18-character number is wrong, or None (15 digits: None)."""
    if len(number) != 18:
        return None
    expected = check_char(number[:17])
    if number[17] == expected:
        return None
    return f"身份证号 {masked(number)} 校验码错误:应为 {expected} (check digit wrong)"


def birth_date_of(number18: str) -> date | None:
    """Digits 7-14 as a date, or None when they are not a calendar date."""
    digits = number18[6:14]
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None


def birth_problem(number: str, today: date) -> str | None:
    """Why the birth date of a well-formed number is impossible, or None."""
    born = birth_date_of(to_number18(number))
    shown = masked(number)
    if born is None:
        return f"身份证号 {shown} 的出生日期(第 7-14 位)不是有效日期 (invalid birth date)"
    if born > today:
        return f"身份证号 {shown} 的出生日期晚于今天 (birth date in the future)"
    if born < MIN_BIRTH_DATE:
        return f"身份证号 {shown} 的出生日期早于 {MIN_BIRTH_DATE.year} 年 (birth date too early)"
    return None


def division_of(number18: str, born: date) -> Division | None:
    """The division record of the address code at the number's likely issue year, or None."""
    return resolve_division(number18[:6], likely_issue_year(born))


def division_problem(number18: str) -> str:
    """The sentence for an address code that is in no edition of GB/T 2260."""
    return f"身份证号 {masked(number18)} 的地址码 {number18[:6]} 不存在 (unknown division code)"


def sex_code_of(number18: str) -> str:
    """GB/T 2261.1 sex code from digit 17: odd ``1`` (男), even ``2`` (女)."""
    return "1" if int(number18[16]) % 2 else "2"
