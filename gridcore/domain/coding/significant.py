"""Which characters of a name count for its code (有效字符), per domain.md §2.6 C.

The manual says a code takes "前两个汉字的首字母", the first letters of the first two **Chinese**
characters. Read literally, 第1小区 and 第2小区 both give ``DX``. gridcore instead takes the first two
**significant** characters (domain.md §7 decision 2), defined as follows:

1. The name is normalised with NFKC, so full-width ``１`` becomes ``1`` and ``Ⅱ`` becomes ``II``.
2. A CJK ideograph (and 〇, the ideographic zero) is significant; it is later spelled by the first
   letter of its pinyin (:mod:`gridcore.domain.coding.initials`). An ideograph that neither pypinyin
   nor the place-name reading table can read is dropped at that point.
3. An ASCII letter is significant and upper-cased.
4. An ASCII digit is significant and kept.
5. Everything else (whitespace, punctuation such as ``·`` ``-`` ``（`` ``#``, other scripts) is dropped.

Examples: 第1小区 → 第 1; A区 → A 区; 阳光100 → 阳 光 1 0 0; １号院 → 1 号 院.
"""

from __future__ import annotations

import enum
import unicodedata

import attrs

_IDEOGRAPH_NAMES = ("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH")
_IDEOGRAPHIC_ZERO = "\u3007"


class CharKind(enum.Enum):
    """What a significant character is."""

    HAN = "han"
    LETTER = "letter"
    DIGIT = "digit"


@attrs.frozen(kw_only=True)
class SignificantChar:
    """One significant character of a name.

    ``offset`` is its index in the NFKC-normalised name; two ideographs with consecutive offsets are
    adjacent in the name and are read together as one phrase.
    """

    char: str
    kind: CharKind
    offset: int


def normalize_name(name: str) -> str:
    """The NFKC form of ``name``, which is what every other rule here looks at."""
    return unicodedata.normalize("NFKC", name)


def is_han(char: str) -> bool:
    """Whether ``char`` is a CJK ideograph (any extension block) or the ideographic zero 〇."""
    return char == _IDEOGRAPHIC_ZERO or unicodedata.name(char, "").startswith(_IDEOGRAPH_NAMES)


def classify(char: str) -> CharKind | None:
    """The kind of an already normalised character, or ``None`` when it is not significant."""
    if char.isascii():
        if char.isdigit():
            return CharKind.DIGIT
        if char.isalpha():
            return CharKind.LETTER
        return None
    return CharKind.HAN if is_han(char) else None


def significant_chars(name: str) -> tuple[SignificantChar, ...]:
    """The significant characters of ``name`` in order, ASCII letters upper-cased."""
    found: list[SignificantChar] = []
    for offset, char in enumerate(normalize_name(name)):
        kind = classify(char)
        if kind is not None:
            found.append(SignificantChar(char=char.upper(), kind=kind, offset=offset))
    return tuple(found)
