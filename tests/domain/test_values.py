"""Parsing what people type: dates in the forms spreadsheets hold, booleans, numbers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gridcore.domain import values


@pytest.mark.parametrize(
    "text",
    [
        "1980-05-03",
        "1980.5.3",
        "1980/05/03",
        "1980年5月3日",
        "1980年05月03",
        "19800503",
        "１９８０-０５-０３",
        " 1980-05-03 ",
        "1980-05-03 00:00:00",
    ],
)
def test_dates(text):
    assert values.parse_date(text) == dt.date(1980, 5, 3)


def test_date_objects_pass_through():
    assert values.parse_date(dt.datetime(1980, 5, 3, 12, 0)) == dt.date(1980, 5, 3)
    assert values.parse_date(dt.date(1980, 5, 3)) == dt.date(1980, 5, 3)


@pytest.mark.parametrize(
    ("text", "reason"), [("1980-02-30", "不是有效日期"), ("五月三日", "不是日期"), ("", "不是日期")]
)
def test_bad_dates(text, reason):
    with pytest.raises(ValueError, match=reason):
        values.parse_date(text)


@pytest.mark.parametrize(("text", "expected"), [("是", True), ("否", False), ("1", True), ("Y", True), ("no", False)])
def test_bools(text, expected):
    assert values.parse_bool(text) is expected


def test_bad_bool():
    with pytest.raises(ValueError, match="是 或 否"):
        values.parse_bool("也许")


def test_numbers():
    assert values.parse_int("１２") == 12
    assert values.parse_int(3.0) == 3
    assert values.parse_decimal("85.5") == Decimal("85.5")
    with pytest.raises(ValueError, match="不是整数"):
        values.parse_int("12a")
    with pytest.raises(ValueError, match="不是数字"):
        values.parse_decimal("八十")
