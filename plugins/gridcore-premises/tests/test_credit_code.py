"""统一社会信用代码 (GB 32100-2015) and the organisation code inside it (GB 11714-1997)."""

from __future__ import annotations

import pytest
from gridcore_premises.credit_code import (
    CHARSET,
    CreditCodeError,
    check_character,
    is_valid,
    make_credit_code,
    org_check_character,
    validate,
)
from hypothesis import given
from hypothesis import strategies as st

chars = st.sampled_from(CHARSET)
digits = st.text(alphabet="0123456789", min_size=6, max_size=6)
codes = st.builds(
    make_credit_code,
    st.text(alphabet=CHARSET, min_size=2, max_size=2),
    digits,
    st.text(alphabet=CHARSET, min_size=8, max_size=8),
)


def test_published_examples():
    assert validate("91350100M000100Y43") == "91350100M000100Y43"
    assert org_check_character("D2143569") == "X"  # GB 11714 worked example D2143569-X
    assert check_character("91350100M000100Y4") == "3"


def test_check_character_zero_and_org_check_zero_and_x():
    # 31 - (sum mod 31) == 31 is written 0; 11 - (sum mod 11) == 11 is written 0 and 10 is written X
    assert check_character("0" * 17) == "0"
    assert org_check_character("00000000") == "0"


@given(codes)
def test_every_made_code_is_valid(code):
    assert validate(code) == code
    assert validate(code.lower()) == code  # people type lower case
    assert validate(f" {code[:6]} {code[6:]} ") == code  # and spaces


@given(codes, st.integers(min_value=0, max_value=17), chars)
def test_every_single_substitution_is_detected(code, position, char):
    if code[position] == char:
        return
    assert not is_valid(code[:position] + char + code[position + 1 :])


@given(codes, st.integers(min_value=0, max_value=16))
def test_every_adjacent_transposition_is_detected(code, position):
    a, b = code[position], code[position + 1]
    if a == b:
        return
    assert not is_valid(code[:position] + b + a + code[position + 2 :])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("91350100M000100Y4", "应为 18 位, 实际 17 位"),
        ("91350100M000100Y433", "应为 18 位, 实际 19 位"),
        ("91350100M00O100Y43", "第 12 位「O」不是允许的字符 (不使用 I、O、Z、S、V)"),
        ("9135010AM000100Y43", "第 3-8 位应为行政区划代码"),
        ("91350100M000100Y53", "组织机构代码校验码应为 4, 实际为 5"),
        ("91350100M000100Y44", "校验码 (第 18 位) 应为 3, 实际为 4"),
    ],
)
def test_errors_name_the_rule(text, message):
    with pytest.raises(CreditCodeError, match=message.replace("(", r"\(").replace(")", r"\)")):
        validate(text)
