"""Property tests: generated codes are always ``[A-Z0-9]``, suggestions are never taken."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from gridcore.domain.coding import (
    candidate_initials,
    household_number,
    initials,
    is_prefix_ambiguous,
    normalize_code,
    numeric_suffix,
    resident_number,
    sort_key,
    suggest_alternative,
)
from gridcore.domain.coding.significant import significant_chars

CODE = re.compile(r"[A-Z0-9]*")
COMMON_HAN = "红旗第一小区社锦厦长兴重庆路朝阳门安东方风桥园光号院中山银行乐清六单曾解大"

han = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
names = st.text(
    alphabet=st.one_of(
        han,
        st.sampled_from(COMMON_HAN),
        st.characters(codec="ascii"),
        st.sampled_from("１２ＡＢ·（）-#　ⅡⅣ①é"),
    ),
    max_size=8,
)
codes = st.from_regex(r"[A-Za-z0-9]{1,6}", fullmatch=True)

fast = settings(max_examples=150, deadline=None)


@fast
@given(names, st.integers(min_value=1, max_value=4))
def test_initials_are_codes(name: str, n: int) -> None:
    letters = initials(name, n)
    assert CODE.fullmatch(letters)
    assert len(letters) <= n
    assert len(letters) <= len(significant_chars(name))
    candidates = candidate_initials(name, n)
    assert candidates[:1] == ([letters] if letters else [])
    assert all(CODE.fullmatch(code) and len(code) == len(letters) for code in candidates)


@fast
@given(st.text(alphabet=han, min_size=1, max_size=6))
def test_chinese_never_gives_i_u_or_v(name: str) -> None:
    for code in candidate_initials(name, 6):
        assert not set(code) & set("IUV")


@fast
@given(st.text(alphabet=st.sampled_from(COMMON_HAN), min_size=1, max_size=5), st.sets(codes, max_size=8))
def test_suggestion_is_never_taken(name: str, others: set[str]) -> None:
    taken = others | {initials(name), initials(name, 3)}
    taken_upper = {code.upper() for code in taken}
    for avoid in (False, True):
        code = suggest_alternative(name, taken, avoid_prefix_ambiguity=avoid)
        assert code not in taken_upper
        assert normalize_code(code) == code
        if avoid:
            assert not is_prefix_ambiguous(code, taken)


@fast
@given(codes, st.integers(min_value=1, max_value=20000))
def test_household_numbers_round_trip(prefix: str, seq: int) -> None:
    prefix = prefix.upper()
    number = household_number(prefix, seq)
    assert numeric_suffix(number, prefix) == seq
    assert numeric_suffix(resident_number(number, 7), number) == 7


@fast
@given(st.from_regex(r"[A-Z]{1,6}", fullmatch=True), st.lists(st.integers(1, 5000), unique=True))
def test_sort_key_orders_by_number(prefix: str, seqs: list[int]) -> None:
    numbers = [household_number(prefix, seq) for seq in seqs]
    assert sorted(numbers, key=sort_key) == [household_number(prefix, seq) for seq in sorted(seqs)]
