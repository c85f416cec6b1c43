"""The place-name reading table: it wins over pypinyin, longest match first, editions extend it."""

from __future__ import annotations

import pytest
from pypinyin import Style, lazy_pinyin

from gridcore.domain.coding import DEFAULT_READINGS, ReadingTable, candidate_initials, initials


@pytest.mark.parametrize(
    ("phrase", "letters"),
    [
        ("重庆", "CQ"),
        ("长安", "CA"),
        ("厦门", "XM"),
        ("朝阳", "CY"),
        ("长沙", "CS"),
        ("六安", "LA"),
        ("蚌埠", "BB"),
        ("番禺", "PY"),
        ("乐清", "YQ"),
        ("丽水", "LS"),
        ("大厦", "DS"),
        ("锦厦", "JX"),
        ("长治", "CZ"),
        ("单县", "SX"),
    ],
)
def test_default_entries(phrase: str, letters: str) -> None:
    assert DEFAULT_READINGS[phrase] == letters
    assert initials(phrase) == letters


def test_table_wins_over_pypinyin() -> None:
    assert "".join(lazy_pinyin("朝阳", style=Style.FIRST_LETTER)).upper() == "ZY"
    assert initials("朝阳社区") == "CY"
    assert initials("朝阳社区", readings=ReadingTable()) == "ZY"


def test_longest_match_first() -> None:
    table = ReadingTable({"长": "Z", "长安": "CA"})
    assert initials("长安", readings=table) == "CA"
    assert initials("长兴", readings=table) == "ZX"
    assert table.longest_match("新长安", 1) == ("长安", "CA")
    assert table.longest_match("新长安", 0) is None


def test_edition_extends_and_overrides_without_changing_the_default() -> None:
    edition = DEFAULT_READINGS.extended({"锦厦": "js", "厦岗": "XG"})
    assert initials("锦厦社区", readings=edition) == "JS"
    assert initials("厦岗社区", readings=edition) == "XG"
    assert candidate_initials("锦厦社区", readings=edition) == ["JS", "JX"]
    assert initials("锦厦社区") == "JX"
    assert "厦岗" not in DEFAULT_READINGS
    assert len(edition) == len(DEFAULT_READINGS) + 1


def test_extending_with_a_compatibility_form_replaces_the_entry() -> None:
    table = ReadingTable({"豈": "Q"}).extended({"\uf900": "K"})  # U+F900 is 豈 under NFKC
    assert dict(table) == {"豈": "K"}


def test_table_can_read_a_character_pypinyin_cannot() -> None:
    table = ReadingTable({"\u3402": "X"})
    assert initials("\u3402区", readings=table) == "XQ"
    assert initials("\u3402区") == "Q"


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ({"AB": "AB"}, "只能由汉字组成"),
        ({"": ""}, "只能由汉字组成"),
        ({"重庆1": "CQY"}, "只能由汉字组成"),
        ({"重庆": "CQX"}, "one letter per character"),
        ({"重庆": "C"}, "one letter per character"),
        ({"重庆": "C1"}, "pinyin first letters"),
        ({"重庆": "重庆"}, "pinyin first letters"),
        ({"安义": "AI"}, "I, U or V"),
        ({"\uf900": "Q", "豈": "K"}, "twice"),  # a compatibility ideograph and its NFKC form
    ],
)
def test_bad_entries_are_rejected_clearly(entries: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        DEFAULT_READINGS.extended(entries)


def test_non_string_values_are_rejected() -> None:
    with pytest.raises(ValueError, match="pinyin first letters"):
        ReadingTable({"重庆": 12})  # type: ignore[dict-item]


def test_table_is_an_immutable_mapping() -> None:
    table = ReadingTable({"重庆": "cq"})
    assert dict(table) == {"重庆": "CQ"}
    assert table == ReadingTable({"重庆": "CQ"})
    assert hash(table) == hash(ReadingTable({"重庆": "CQ"}))
    assert "ReadingTable" in repr(table)
    with pytest.raises(AttributeError):
        table._entries = {}
    with pytest.raises(TypeError):
        table["长安"] = "CA"  # type: ignore[index]
