"""Initials: pinned converter output for the fixture names (pypinyin's choices can change)."""

from __future__ import annotations

import pytest
from pypinyin.constants import PINYIN_DICT

from gridcore.domain.coding import _pinyin, candidate_initials, initials, spell
from gridcore.domain.coding.significant import is_han

FIXTURES = [
    ("红旗社区", "HQ"),
    ("第一小区", "DY"),
    ("锦厦社区", "JX"),  # 厦门 reading, from the place-name table
    ("长兴", "CX"),
    ("重庆路", "CQ"),
    ("朝阳", "CY"),
    ("厦门", "XM"),
    ("长安", "CA"),
    ("第1小区", "D1"),
    ("A区", "AQ"),
    ("阳光100", "YG"),
    ("1号院", "1H"),
    ("园", "Y"),
    ("第１小区", "D1"),
    ("中山路", "ZS"),  # 首字母: zh → Z, not the initial consonant ZH
    ("深圳", "SZ"),
    ("银行宿舍", "YH"),  # phrase-aware: 银行 reads háng
    ("行政小区", "XZ"),
]


@pytest.mark.parametrize(("name", "code"), FIXTURES)
def test_pinned_initials(name: str, code: str) -> None:
    assert initials(name) == code


def test_more_characters_and_fewer() -> None:
    assert initials("红旗社区", 3) == "HQS"
    assert initials("园", 3) == "Y"
    assert initials("") == ""
    assert initials("（·）") == ""


def test_n_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        initials("红旗", 0)
    with pytest.raises(ValueError, match="at least 1"):
        candidate_initials("红旗", 0)


def test_unreadable_ideograph_is_dropped() -> None:
    rare = "\u3402"
    assert not _pinyin.has_reading(rare)
    assert initials(rare + "红旗") == "HQ"
    assert initials("红" + rare + "旗") == "HQ"


@pytest.mark.parametrize(
    ("name", "readings"),
    [
        ("锦厦社区", {"JX", "JS"}),
        ("长兴", {"CX", "ZX"}),
        ("重庆路", {"CQ", "ZQ"}),
        ("朝阳", {"CY", "ZY"}),
        ("厦门", {"XM", "SM"}),
        ("长安", {"CA", "ZA"}),
    ],
)
def test_candidates_include_every_reading(name: str, readings: set[str]) -> None:
    candidates = candidate_initials(name)
    assert candidates[0] == initials(name)
    assert readings <= set(candidates)
    assert len(candidates) == len(set(candidates))


def test_candidates_order_is_stable() -> None:
    assert candidate_initials("锦厦社区") == ["JX", "JS"]
    assert candidate_initials("朝阳") == ["CY", "ZY"]
    assert candidate_initials("第1小区") == ["D1"]
    assert candidate_initials("") == []


def test_spell_exposes_letters_and_options() -> None:
    spelled = spell("朝阳1")
    assert [(char.char, char.letter) for char in spelled] == [("朝", "C"), ("阳", "Y"), ("1", "1")]
    assert spelled[0].options == ("C", "Z")


def test_accented_readings_become_plain_letters() -> None:
    assert "E" in _pinyin.letter_readings("欸")  # pypinyin's first letter of ê is "ê"


def test_no_ideograph_ever_gives_i_u_or_v() -> None:
    allowed = set("ABCDEFGHJKLMNOPQRSTWXYZ")
    letters: set[str] = set()
    for point in PINYIN_DICT:
        char = chr(point)
        if is_han(char):
            letters.update(_pinyin.letter_readings(char))
    assert letters <= allowed
