"""Synthetic numbers: make_id, division picking, random_id."""

from __future__ import annotations

import random
from datetime import date

import pytest

from gridcore.domain.idcard import (
    check_id,
    division_codes_in_use,
    likely_issue_year,
    make_id,
    parse_id,
    pick_division_code,
    random_id,
)

TODAY = date(2025, 6, 1)


def test_make_id_reproduces_the_standard_example():
    assert make_id("110105", date(1949, 12, 31), 1, "女") == "11010519491231002X"
    assert make_id("440524", date(1880, 1, 1), 0, "男") == "440524188001010014"
    assert make_id("440524", date(1880, 1, 1), 0, "1") == "440524188001010014"


@pytest.mark.parametrize(("seq", "sex", "order"), [(0, "女", "000"), (0, "男", "001"), (499, "男", "999")])
def test_make_id_order_code(seq, sex, order):
    assert make_id("110105", date(1990, 1, 1), seq, sex)[14:17] == order


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("11010", date(1990, 1, 1), 0, "男"), "6 digits"),
        (("11010a", date(1990, 1, 1), 0, "男"), "6 digits"),
        (("110105", date(1990, 1, 1), 500, "男"), "seq"),
        (("110105", date(1990, 1, 1), -1, "男"), "seq"),
        (("110105", date(1990, 1, 1), 0, "M"), "sex"),
        (("110105", date(999, 1, 1), 0, "男"), "four digits"),
    ],
)
def test_make_id_rejects_bad_arguments(args, message):
    with pytest.raises(ValueError, match=message):
        make_id(*args)


def test_pick_division_code_is_in_use_and_reproducible():
    code = pick_division_code(random.Random(7), 1990)
    assert code in division_codes_in_use(1990)
    assert pick_division_code(random.Random(7), 1990) == code
    with pytest.raises(ValueError, match="no county-level"):
        pick_division_code(random.Random(7), 1900)


def test_random_id_is_valid_and_matches_the_person():
    rng = random.Random(2024)
    for birth in (date(1930, 1, 1), date(1988, 8, 8), date(2016, 2, 29)):
        number = random_id(rng, birth=birth, sex="女")
        info = parse_id(number, today=TODAY)
        assert info.birth_date == birth
        assert info.sex == "女"
        assert info.division.covers(likely_issue_year(birth))
    assert check_id(random_id(rng, birth=date(1970, 1, 1)), today=TODAY).valid
