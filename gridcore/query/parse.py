"""Parsing the combined-query language (组合查询): ``FIELD OP VALUE`` joined by AND / OR, with parentheses.

Examples::

    性别 = 女 AND 出生日期 < 1966-01-01
    (民族 != 汉族 OR 政治面貌 = 中共党员) AND 小区 startswith 第一
    姓名 in 甲某,乙某
    出生日期 between 1950-01-01,1959-12-31
    联系电话 empty
    性别 等于 女 并且 姓名 开头是 张 或者 联系电话 为空

The operators and the joins may be written in Chinese (:data:`~gridcore.query.spec.CHINESE_OPERATORS`:
等于 不等于 大于 … 包含 开头是 属于 介于 为空 不为空; 并且/且 for AND, 或者/或 for OR). Values may be
quoted with "..." or '...' to include spaces or those words.
"""

from __future__ import annotations

import re

from gridcore.errors import ValidationError
from gridcore.query.spec import CHINESE_JOINS, CHINESE_OPERATORS, NO_VALUE, OPERATORS, And, Condition, Filter, Or

_TOKEN = re.compile(
    r"""\s*(?:(?P<lp>\()|(?P<rp>\))|(?P<quoted>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(?P<op>>=|<=|!=|=|>|<)|(?P<word>[^\s()"'<>=!]+))"""
)
#: What the error message offers.
_OFFERED = " ".join((*OPERATORS, *CHINESE_OPERATORS))


def _tokens(text: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    position = 0
    text = text.strip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise ValidationError(f"组合查询「{text}」在第 {position + 1} 个字符处无法识别", value=text)
        kind = match.lastgroup or ""
        value = match.group(kind)
        if kind == "quoted":
            value = value[1:-1].replace('\\"', '"').replace("\\'", "'")
        tokens.append((kind, value))
        position = match.end()
        while position < len(text) and text[position].isspace():
            position += 1
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokens(text)
        self.position = 0

    def error(self, message: str) -> ValidationError:
        return ValidationError(f"组合查询「{self.text}」: {message}", value=self.text)

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise self.error("条件不完整")
        self.position += 1
        return token

    def keyword(self, word: str) -> bool:
        token = self.peek()
        if token is not None and token[0] == "word" and CHINESE_JOINS.get(token[1], token[1].upper()) == word:
            self.position += 1
            return True
        return False

    def expression(self) -> Filter:
        parts = [self.term()]
        while self.keyword("OR"):
            parts.append(self.term())
        return parts[0] if len(parts) == 1 else Or(parts=tuple(parts))

    def term(self) -> Filter:
        parts = [self.atom()]
        while self.keyword("AND"):
            parts.append(self.atom())
        return parts[0] if len(parts) == 1 else And(parts=tuple(parts))

    def atom(self) -> Filter:
        kind, value = self.take()
        if kind == "lp":
            inner = self.expression()
            closing = self.peek()
            if closing is None or closing[0] != "rp":
                raise self.error("缺少右括号")
            self.position += 1
            return inner
        if kind not in {"word", "quoted"}:
            raise self.error(f"「{value}」处应为字段名")
        field = value
        op_kind, op = self.take()
        op = CHINESE_OPERATORS.get(op, op.lower()) if op_kind == "word" else op
        if op_kind not in {"op", "word"} or (op_kind == "word" and op not in OPERATORS):
            raise self.error(f"「{op}」不是运算符;可用: {_OFFERED}")
        if op in NO_VALUE:
            return Condition(field=field, op=op)
        if self.peek() is None:
            raise self.error(f"「{field} {op}」后面缺少值")
        value_kind, raw = self.take()
        if value_kind not in {"word", "quoted"}:
            raise self.error(f"「{field} {op}」后面缺少值")
        return Condition(field=field, op=op, value=raw)


def parse_filter(text: str) -> Filter:
    """Parse a combined-query expression; a mistake is one line naming the expression and the place."""
    parser = _Parser(text)
    if not parser.tokens:
        raise parser.error("条件为空")
    result = parser.expression()
    if parser.peek() is not None:
        raise parser.error(f"多余的「{parser.peek()[1]}」")  # type: ignore[index]
    return result
