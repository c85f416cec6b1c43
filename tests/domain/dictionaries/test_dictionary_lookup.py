"""A cell value matches a dictionary entry by label, code or alias, as import needs (domain.md §4.0)."""

from __future__ import annotations

import attrs
import pytest

from gridcore.contributions import Dictionary, DictionaryEntry
from gridcore.domain.dictionaries import (
    allowed_values_message,
    default_dictionary,
    match_entry,
    normalize,
)


def code_of(dictionary_id: str, text: str) -> str | None:
    return code_of_entry(match_entry(default_dictionary(dictionary_id), text))


def code_of_entry(entry: DictionaryEntry | None) -> str | None:
    return None if entry is None else entry.code


@pytest.mark.parametrize(
    ("dictionary_id", "text", "code"),
    [
        ("political_status", "党员", "01"),
        ("political_status", "中共党员", "01"),
        ("political_status", "中国共产党党员", "01"),
        ("political_status", "入党积极分子", "L01"),
        ("political_status", "L01", "L01"),
        ("ethnicity", "毛难族", "36"),
        ("ethnicity", "崩龙族", "46"),
        ("ethnicity", "汉", "01"),
        ("ethnicity", "01", "01"),
        ("ethnicity", "HA", "01"),
        ("sex", "男性", "1"),
        ("sex", "2", "2"),
        ("marital_status", "1", "10"),
        ("marital_status", "已婚", "20"),
        ("hukou_type", "非农业家庭户口", "1"),
        ("hukou_type", "农业集体户口", "2"),
        ("education", "大专", "30"),
        ("education", "文盲", "L90"),
        ("religion", "藏传佛教", "20"),
        ("relation_to_head", "妻子", "12"),
        ("housing_nature", "廉租房", "05"),
    ],
)
def test_value_matches_label_code_or_alias(dictionary_id, text, code):
    assert code_of(dictionary_id, text) == code


@pytest.mark.parametrize(
    "text",
    ["  中共党员  ", "\u3000党员\u3000", "党员\n", "\ufeff党员", "０１", "\t01 "],
)
def test_full_width_and_surrounding_whitespace_are_normalised(text):
    assert code_of("political_status", text) == "01"


def test_letters_match_whatever_their_case_or_width():
    assert code_of("political_status", "l01") == "L01"
    assert code_of("political_status", "Ｌ０１") == "L01"
    assert code_of("ethnicity", "han") == "01"
    assert code_of("industry", "ｃ") == "C"


def test_brackets_match_in_full_width_and_half_width():
    assert code_of("grid_staff_role", "信息员（暗眼）") == "14"
    assert code_of("grid_staff_role", "信息员(暗眼)") == "14"


def test_manual_ordinal_prefix_is_accepted():
    assert code_of("relation_to_head", "1户主") == "02"
    assert code_of("hukou_type", "2农村") == "2"
    assert code_of("ethnicity", "01.汉族") == "01"


@pytest.mark.parametrize("text", ["", "   ", "党", "共产党", "1234", "中共党员党员"])
def test_unknown_values_do_not_match(text):
    assert code_of("political_status", text) is None


def test_label_wins_over_code_and_code_over_alias():
    dictionary = Dictionary(
        id="demo",
        title="演示",
        entries=(
            DictionaryEntry(code="1", label="甲", aliases=("乙",), sort=1),
            DictionaryEntry(code="乙", label="1", sort=2),
        ),
    )
    # Hand-built (not validated) on purpose: label beats code, code beats alias.
    by_label = match_entry(dictionary, "1")
    by_code = match_entry(dictionary, "乙")
    assert by_label is not None
    assert by_label.label == "1"
    assert by_code is not None
    assert by_code.code == "乙"


def test_disabled_entries_are_not_matched_by_label_code_or_alias():
    religion = default_dictionary("religion")
    disabled = attrs.evolve(
        religion,
        entries=tuple(
            attrs.evolve(entry, enabled=False) if entry.code == "20" else entry for entry in religion.entries
        ),
    )
    assert match_entry(religion, "喇嘛教") is not None
    for text in ("喇嘛教", "20", "藏传佛教"):
        assert match_entry(disabled, text) is None
    assert code_of_entry(match_entry(disabled, "佛教")) == "10"


def test_normalize_is_nfkc_trimmed_and_casefolded():
    assert normalize("\u3000ＡＢｃ１２（）\u200b ") == "abc12()"
    assert normalize("汉族") == "汉族"


def test_allowed_values_message_lists_every_label_of_a_short_dictionary():
    assert allowed_values_message(default_dictionary("sex")) == "性别可选值：未知、男、女、未说明"


def test_allowed_values_message_follows_display_order_and_skips_disabled():
    hukou = default_dictionary("hukou_type")
    assert allowed_values_message(hukou) == "户口类型可选值：城市、农村"
    relation = default_dictionary("relation_to_head")
    assert allowed_values_message(relation, limit=3) == "与户主关系可选值：户主、配偶、子 等 84 项"
    only_rural = attrs.evolve(hukou, entries=tuple(attrs.evolve(e, enabled=e.code == "2") for e in hukou.entries))
    assert allowed_values_message(only_rural) == "户口类型可选值：农村"


def test_allowed_values_message_truncates_long_lists_after_20():
    message = allowed_values_message(default_dictionary("ethnicity"))
    assert message.startswith("民族可选值：汉族、蒙古族、回族、")
    assert message.endswith("、傈僳族 等 58 项")
    assert message.count("、") == 19
    assert "佤族" not in message


def test_allowed_values_message_when_nothing_is_enabled():
    sex = default_dictionary("sex")
    none_enabled = attrs.evolve(sex, entries=tuple(attrs.evolve(e, enabled=False) for e in sex.entries))
    assert allowed_values_message(none_enabled).startswith("性别没有可选值")
