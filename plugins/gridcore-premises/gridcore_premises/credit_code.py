"""统一社会信用代码 (GB 32100-2015) and the 组织机构代码 inside it (GB 11714-1997): pure checks.

A credit code has 18 characters from the 31-character set ``0-9`` and ``A-Z`` without I, O, Z, S and V:

- 1: 登记管理部门码, 2: 机构类别码;
- 3-8: the registering office's administrative division code (six digits, GB/T 2260);
- 9-17: 主体标识码, the organisation code of GB 11714: eight characters and its check character
  (weights 3 7 9 10 5 8 4 2, ``11 - sum mod 11``, 10 written ``X``, 11 written ``0``);
- 18: the check character: weights ``3**i mod 31`` for positions 1-17, ``31 - sum mod 31`` (31 is ``0``).

The registering-department and category codes are not checked against their lists (they grow).
"""

from __future__ import annotations

import unicodedata

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
LENGTH = 18
WEIGHTS = tuple(pow(3, i, 31) for i in range(LENGTH - 1))
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_VALUES = {char: value for value, char in enumerate(CHARSET)}
_FORBIDDEN = "IOZSV"


class CreditCodeError(ValueError):
    """A credit code that breaks GB 32100; the message says what is wrong, in Chinese."""


def normalize(text: str) -> str:
    """Upper case, full-width folded, spaces and hyphens removed."""
    folded = unicodedata.normalize("NFKC", text).upper()
    return "".join(char for char in folded if not char.isspace() and char != "-")


def check_character(first17: str) -> str:
    """The 18th character of a credit code whose first 17 characters are ``first17``."""
    total = sum(_VALUES[char] * weight for char, weight in zip(first17, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def _org_value(char: str) -> int:
    return int(char) if char.isdigit() else ord(char) - ord("A") + 10


def org_check_character(body8: str) -> str:
    """The 9th character of a GB 11714 organisation code whose first eight characters are ``body8``."""
    total = sum(_org_value(char) * weight for char, weight in zip(body8, ORG_WEIGHTS, strict=True))
    rest = 11 - total % 11
    return {10: "X", 11: "0"}.get(rest, str(rest))


def validate(text: str) -> str:
    """The normalised credit code; :class:`CreditCodeError` names the first rule it breaks."""
    code = normalize(text)
    if len(code) != LENGTH:
        raise CreditCodeError(f"应为 18 位, 实际 {len(code)} 位")
    for position, char in enumerate(code, start=1):
        if char not in _VALUES:
            hint = " (不使用 I、O、Z、S、V)" if char in _FORBIDDEN else ""
            raise CreditCodeError(f"第 {position} 位「{char}」不是允许的字符{hint}")
    if not code[2:8].isdigit():
        raise CreditCodeError(f"第 3-8 位应为行政区划代码 (6 位数字), 实际为 {code[2:8]}")
    org_expected = org_check_character(code[8:16])
    if code[16] != org_expected:
        raise CreditCodeError(f"第 9-17 位的组织机构代码校验码应为 {org_expected}, 实际为 {code[16]}")
    expected = check_character(code[:17])
    if code[17] != expected:
        raise CreditCodeError(f"校验码 (第 18 位) 应为 {expected}, 实际为 {code[17]}")
    return code


def is_valid(text: str) -> bool:
    try:
        validate(text)
    except CreditCodeError:
        return False
    return True


def make_credit_code(prefix2: str, division: str, org_body8: str) -> str:
    """A valid code from its parts (demo data and tests): both check characters are computed."""
    first17 = f"{prefix2}{division}{org_body8}{org_check_character(org_body8)}"
    return first17 + check_character(first17)
