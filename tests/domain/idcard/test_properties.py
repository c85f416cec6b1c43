"""Property tests: synthetic numbers across all divisions and birth years round-trip."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from gridcore.domain.idcard import (
    MIN_BIRTH_DATE,
    check_id,
    division_codes_in_use,
    downgrade_18,
    likely_issue_year,
    make_id,
    parse_id,
    upgrade_15,
)

TODAY = date(2025, 6, 1)


@st.composite
def people(draw: st.DrawFn) -> tuple[str, date, int, str]:
    birth = draw(st.dates(min_value=MIN_BIRTH_DATE, max_value=TODAY))
    code = draw(st.sampled_from(division_codes_in_use(likely_issue_year(birth))))
    seq = draw(st.integers(min_value=0, max_value=499))
    sex = draw(st.sampled_from(["男", "女"]))
    return code, birth, seq, sex


@settings(max_examples=300, deadline=None)
@given(people())
def test_synthetic_numbers_round_trip(person):
    code, birth, seq, sex = person
    number = make_id(code, birth, seq, sex)
    info = parse_id(number, today=TODAY)
    assert info.number18 == number
    assert info.birth_date == birth
    assert info.sex == sex
    assert info.sex_code == ("1" if sex == "男" else "2")
    assert info.division_code == code
    assert info.division.covers(info.issue_year)
    assert parse_id(info.number18, today=TODAY).number18 == number
    assert parse_id(number.lower(), today=TODAY) == info
    if 1900 <= birth.year <= 1999:
        legacy = downgrade_18(number)
        assert upgrade_15(legacy) == number
        upgraded = parse_id(legacy, today=TODAY)
        assert upgraded.number18 == number
        assert upgraded.legacy15 == legacy


@settings(max_examples=200, deadline=None)
@given(people(), st.integers(min_value=0, max_value=16), st.integers(min_value=1, max_value=9))
def test_any_single_digit_change_is_caught_by_the_check_digit(person, position, shift):
    number = make_id(*person)
    digit = str((int(number[position]) + shift) % 10)
    changed = number[:position] + digit + number[position + 1 :]
    result = check_id(changed, today=TODAY)
    assert not result.valid
    assert result.failed_check == "校验码"
    assert changed not in result.reason
