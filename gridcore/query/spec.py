"""What a query asks for, before it is checked against an entity and compiled to SQL."""

from __future__ import annotations

import attrs

OPERATORS: tuple[str, ...] = (
    "=",
    "!=",
    ">",
    ">=",
    "<",
    "<=",
    "contains",
    "startswith",
    "in",
    "between",
    "empty",
    "notempty",
)
NO_VALUE = frozenset({"empty", "notempty"})
#: The operators as community workers write them (组合查询 in Chinese), and their names.
CHINESE_OPERATORS: dict[str, str] = {
    "等于": "=",
    "不等于": "!=",
    "大于": ">",
    "大于等于": ">=",
    "小于": "<",
    "小于等于": "<=",
    "包含": "contains",
    "开头是": "startswith",
    "属于": "in",
    "介于": "between",
    "为空": "empty",
    "不为空": "notempty",
}
#: 并且 / 或者 (and 且 / 或) join conditions as AND / OR do.
CHINESE_JOINS: dict[str, str] = {"并且": "AND", "且": "AND", "或者": "OR", "或": "OR"}


@attrs.frozen(kw_only=True)
class Condition:
    """``field op value`` as people wrote it: the field by label or name, the value as text."""

    field: str
    op: str
    value: str = ""


@attrs.frozen(kw_only=True)
class And:
    parts: tuple[Condition | And | Or, ...]


@attrs.frozen(kw_only=True)
class Or:
    parts: tuple[Condition | And | Or, ...]


Filter = Condition | And | Or


@attrs.frozen(kw_only=True)
class Sort:
    field: str
    descending: bool = False

    @classmethod
    def parse(cls, text: str) -> Sort:
        """``出生日期`` ascending, ``-出生日期`` descending."""
        text = text.strip()
        return cls(field=text[1:], descending=True) if text.startswith("-") else cls(field=text)


@attrs.frozen(kw_only=True)
class QuerySpec:
    """A whole query: exact conditions, a keyword, a combined filter, a region, order and a page."""

    where: tuple[Condition, ...] = ()
    contains: str | None = None
    filter: Filter | None = None
    region: str | None = None
    sort: tuple[Sort, ...] = ()
    limit: int | None = None
    offset: int = 0
