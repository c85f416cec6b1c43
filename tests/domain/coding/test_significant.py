"""Significant characters (domain.md §2.6 C): what counts toward a code and what is dropped."""

from __future__ import annotations

import pytest

from gridcore.domain.coding import CharKind, significant_chars
from gridcore.domain.coding.significant import is_han


def chars(name: str) -> str:
    return "".join(char.char for char in significant_chars(name))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("红旗社区", "红旗社区"),
        ("第1小区", "第1小区"),
        ("第１小区", "第1小区"),  # full-width digit, NFKC
        ("ａ区", "A区"),  # full-width letter, upper-cased
        ("阳光100", "阳光100"),
        ("红旗 · 社区（一）#-", "红旗社区一"),  # whitespace and punctuation dropped
        ("Ⅱ区", "II区"),  # Roman numeral maps through NFKC
        ("Ωé区", "区"),  # other scripts dropped
        ("〇一", "〇一"),  # the ideographic zero is an ideograph
        ("", ""),
        ("（·）", ""),
    ],
)
def test_significant_characters(name: str, expected: str) -> None:
    assert chars(name) == expected


def test_kinds_and_offsets() -> None:
    found = significant_chars("第1 小区")
    assert [char.kind for char in found] == [CharKind.HAN, CharKind.DIGIT, CharKind.HAN, CharKind.HAN]
    assert [char.offset for char in found] == [0, 1, 3, 4]


def test_the_rule_deviates_from_the_literal_manual_text() -> None:
    # The manual's "前两个汉字" would skip the digit and give 第1小区 and 第2小区 the same code.
    import gridcore.domain.coding.significant as module

    assert "前两个汉字" in (module.__doc__ or "")
    assert chars("第1小区")[:2] == "第1"
    assert chars("第2小区")[:2] == "第2"


@pytest.mark.parametrize("char", ["红", "\u3400", "\U00020000", "\u3007"])
def test_is_han(char: str) -> None:
    assert is_han(char)


@pytest.mark.parametrize("char", ["A", "1", "·", "。", "ー", "가"])
def test_is_not_han(char: str) -> None:
    assert not is_han(char)
