"""IdInfo.age and Division display names."""

from __future__ import annotations

from datetime import date

import pytest

from gridcore.domain.idcard import Division, make_id, parse_id

TODAY = date(2025, 6, 1)


def test_age_changes_on_the_birthday():
    info = parse_id("11010519491231002X", today=TODAY)
    assert info.age(date(2024, 12, 30)) == 74
    assert info.age(date(2024, 12, 31)) == 75
    assert info.age(date(2025, 1, 1)) == 75


def test_age_zero_on_birth_day_and_error_before():
    info = parse_id(make_id("110105", date(2020, 3, 15), 0, "男"), today=TODAY)
    assert info.age(date(2020, 3, 15)) == 0
    assert info.age(date(2021, 3, 14)) == 0
    assert info.age(date(2021, 3, 15)) == 1
    with pytest.raises(ValueError, match="before the birth date"):
        info.age(date(2020, 3, 14))


def test_age_of_a_leap_day_birth():
    info = parse_id(make_id("110105", date(2000, 2, 29), 1, "女"), today=TODAY)
    assert info.age(date(2018, 2, 28)) == 17
    assert info.age(date(2018, 3, 1)) == 18
    assert info.age(date(2020, 2, 29)) == 20


def test_full_name_skips_missing_levels():
    county = Division(
        code="440524",
        name="潮阳县",
        level="县级",
        province="广东省",
        prefecture="汕头市",
        county="潮阳县",
        start_year=1983,
        end_year=1993,
    )
    assert county.full_name == "广东省汕头市潮阳县"
    assert county.covers(1983)
    assert county.covers(1992)
    assert not county.covers(1993)
    assert not county.covers(1982)
    province = Division(
        code="110000",
        name="北京市",
        level="省级",
        province="北京市",
        prefecture=None,
        county=None,
        start_year=1981,
        end_year=None,
    )
    assert province.full_name == "北京市"
    assert province.in_use
