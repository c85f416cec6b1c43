"""社区编码 and 小区编码: defaults, validation, duplicates and prefix ambiguity."""

from __future__ import annotations

import pytest

from gridcore.domain.coding import (
    community_code,
    compound_code,
    is_prefix_ambiguous,
    normalize_code,
    prefix_conflicts,
    suggest_alternative,
)
from gridcore.errors import ValidationError


def test_community_and_compound_codes_from_the_manual() -> None:
    assert community_code("红旗社区") == "HQ"
    assert compound_code("HQ", "第一小区") == "HQDY"


def test_compound_code_normalises_the_community_code() -> None:
    assert compound_code(" hq ", "第1小区") == "HQD1"


def test_short_names_are_not_padded() -> None:
    assert community_code("园") == "Y"
    assert compound_code("HQ", "园") == "HQY"


@pytest.mark.parametrize("name", ["", "  ", "（·）", "——"])
def test_a_name_without_significant_characters_needs_a_manual_code(name: str) -> None:
    with pytest.raises(ValidationError, match="手工输入社区编码") as caught:
        community_code(name)
    assert caught.value.field == "社区名称"
    assert caught.value.value == name
    with pytest.raises(ValidationError, match="手工输入小区编码"):
        compound_code("HQ", name)


def test_compound_code_longer_than_twelve_is_rejected() -> None:
    with pytest.raises(ValidationError, match="超过 12 位") as caught:
        compound_code("ABCDEFGHIJK", "红旗")
    assert caught.value.field == "小区编码"


@pytest.mark.parametrize(
    ("text", "code"),
    [("hq", "HQ"), (" HQDY ", "HQDY"), ("ＨＱ１", "HQ1"), ("IUV", "IUV"), ("a" * 12, "A" * 12)],
)
def test_normalize_code_accepts(text: str, code: str) -> None:
    assert normalize_code(text) == code


@pytest.mark.parametrize("text", ["", "   ", "H-Q", "H Q", "红旗", "A" * 13, "HQ_1", "é"])
def test_normalize_code_rejects(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        normalize_code(text, field="社区编码")
    assert caught.value.field == "社区编码"
    assert caught.value.value == text
    assert "社区编码" in str(caught.value)


def test_default_code_is_suggested_when_free() -> None:
    assert suggest_alternative("红桥社区", set()) == "HQ"


def test_duplicate_gets_the_third_character() -> None:
    # 红旗社区 took HQ; 红旗渠社区 gets the initial of its 3rd character.
    assert suggest_alternative("红旗渠社区", {"HQ"}) == "HQQ"
    assert suggest_alternative("红桥社区", {"HQ"}) == "HQS"


def test_numeric_suffix_when_there_is_no_third_character_or_it_is_taken() -> None:
    assert suggest_alternative("红桥", {"HQ"}) == "HQ2"
    assert suggest_alternative("红桥", {"HQ", "HQ2"}) == "HQ3"
    assert suggest_alternative("红旗渠社区", {"HQ", "HQQ"}) == "HQ2"


def test_comparison_is_case_insensitive() -> None:
    assert suggest_alternative("红桥", ["hq", " hq2 "]) == "HQ3"


def test_compound_suggestion_uses_the_community_prefix() -> None:
    assert suggest_alternative("第一小区", {"HQDY"}, prefix="hq") == "HQDYX"


def test_suggestion_can_avoid_prefix_ambiguity() -> None:
    assert suggest_alternative("红桥", {"HQ"}, avoid_prefix_ambiguity=True) == "HQA"
    assert suggest_alternative("红桥", {"HQ", "HQA1"}, avoid_prefix_ambiguity=True) == "HQB"
    assert suggest_alternative("红桥社区", {"HQS1"}, avoid_prefix_ambiguity=True) == "HQ"
    assert suggest_alternative("红桥", {"HQ1"}, avoid_prefix_ambiguity=True) == "HQA"


def test_suggestion_gives_up_with_a_clear_error() -> None:
    with pytest.raises(ValidationError, match="手工输入") as caught:
        suggest_alternative("红桥", {"ABCDEFGHIJHQ"}, prefix="ABCDEFGHIJ", field="小区编码")
    assert caught.value.field == "小区编码"
    with pytest.raises(ValidationError, match="手工输入"):
        suggest_alternative("（）", set())


@pytest.mark.parametrize(
    ("new", "existing", "ambiguous"),
    [
        ("HQD1", ["HQD"], True),  # HQD's 1001st household = HQD1's first
        ("HQD", ["HQD1"], True),
        ("hqd12", ["HQD"], True),
        ("HQ2", ["HQ"], True),
        ("HQ2DY", ["HQ"], False),
        ("HQDA", ["HQD"], False),
        ("HQD", ["HQD"], False),  # a plain duplicate, caught elsewhere
        ("HQD", [], False),
        ("AB1", ["XY", "AB"], True),
    ],
)
def test_prefix_ambiguity(new: str, existing: list[str], ambiguous: bool) -> None:
    assert is_prefix_ambiguous(new, existing) is ambiguous


def test_prefix_conflicts_names_the_other_codes() -> None:
    assert prefix_conflicts("HQD", ["hqd1", "HQDY", "HQD22", "HQ"]) == ["hqd1", "HQD22"]
