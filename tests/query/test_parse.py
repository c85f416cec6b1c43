"""The combined-query language (组合查询): English and Chinese operators and joins, one-line mistakes."""

from __future__ import annotations

import pytest

from gridcore.errors import ValidationError
from gridcore.query import And, Condition, Or, parse_filter


def test_chinese_operators_and_joins_read_as_the_english_ones():
    chinese = parse_filter(
        "性别 等于 女 并且 (姓名 开头是 张 或者 联系电话 为空) 且 出生日期 介于 1950-01-01,1959-12-31"
    )
    english = parse_filter(
        "性别 = 女 AND (姓名 startswith 张 OR 联系电话 empty) AND 出生日期 between 1950-01-01,1959-12-31"
    )
    assert chinese == english
    assert parse_filter("姓名 包含 张 或 姓名 属于 甲某,乙某") == Or(
        parts=(Condition(field="姓名", op="contains", value="张"), Condition(field="姓名", op="in", value="甲某,乙某"))
    )
    assert parse_filter("年龄 大于等于 60 且 年龄 小于 80 且 民族 不等于 汉族 且 电话 不为空") == And(
        parts=(
            Condition(field="年龄", op=">=", value="60"),
            Condition(field="年龄", op="<", value="80"),
            Condition(field="民族", op="!=", value="汉族"),
            Condition(field="电话", op="notempty"),
        )
    )


def test_a_join_word_as_a_value_is_a_value():
    assert parse_filter("备注 = 或者") == Condition(field="备注", op="=", value="或者")
    assert parse_filter('备注 = "并且" 并且 姓名 = 张三') == And(
        parts=(Condition(field="备注", op="=", value="并且"), Condition(field="姓名", op="=", value="张三"))
    )


def test_an_unknown_operator_lists_both_spellings():
    with pytest.raises(ValidationError) as raised:
        parse_filter("姓名 像 张")
    message = str(raised.value)
    assert "「像」不是运算符" in message
    assert "contains" in message
    assert "包含" in message
