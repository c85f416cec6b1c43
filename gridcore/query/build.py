"""Compiling a checked query into SQLAlchemy: every field from the entity's metadata, every value bound."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, Protocol, cast

from sqlalchemy import ColumnElement, and_, false, or_, select, true
from sqlalchemy.sql import Select

from gridcore.contributions import Entity
from gridcore.entities import EntityField, resolve_field
from gridcore.errors import ValidationError
from gridcore.query.spec import NO_VALUE, OPERATORS, And, Condition, Filter, Sort


class ValueResolver(Protocol):
    """Turns people's values into stored ones (dictionary labels into codes, text into dates)."""

    def coerce(self, field: EntityField, raw: str) -> Any: ...

    def codes_matching(self, field: EntityField, op: str, raw: str) -> list[str]: ...


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def condition_sql(entity: Entity, condition: Condition, resolver: ValueResolver) -> ColumnElement[bool]:
    """One ``field op value`` as SQL; an unknown field or operator lists what is allowed."""
    if condition.op not in OPERATORS:
        raise ValidationError(f"「{condition.op}」不是运算符;可用: {' '.join(OPERATORS)}", value=condition.op)
    field = resolve_field(entity.model, condition.field, entity_title=entity.title)
    column: Any = getattr(entity.model, field.name)
    return cast("ColumnElement[bool]", _condition(field, column, condition.op, condition.value, resolver))


def _condition(field: EntityField, column: Any, op: str, raw: str, resolver: ValueResolver) -> Any:
    if op in NO_VALUE:
        blank = column.is_(None) if field.python_type is not str else or_(column.is_(None), column == "")
        return blank if op == "empty" else ~blank
    if field.info.dictionary and op in {"contains", "startswith"}:
        return column.in_(resolver.codes_matching(field, op, raw))
    if op == "contains":
        return column.like(f"%{_escape_like(raw)}%", escape="\\")
    if op == "startswith":
        return column.like(f"{_escape_like(raw)}%", escape="\\")
    if op == "in":
        items = [item for item in (part.strip() for part in raw.replace("，", ",").split(",")) if item]
        return column.in_([resolver.coerce(field, item) for item in items])
    if op == "between":
        low, sep, high = raw.replace("，", ",").partition(",")
        if not sep:
            raise ValidationError(f"「{field.label} between」需要两个值,例如 1950-01-01,1959-12-31", field=field.label)
        return column.between(resolver.coerce(field, low.strip()), resolver.coerce(field, high.strip()))
    value = resolver.coerce(field, raw)
    comparisons = {
        "=": column == value,
        "!=": or_(column != value, column.is_(None)),
        ">": column > value,
        ">=": column >= value,
        "<": column < value,
        "<=": column <= value,
    }
    return comparisons[op]


def filter_sql(entity: Entity, node: Filter, resolver: ValueResolver) -> ColumnElement[bool]:
    if isinstance(node, Condition):
        return condition_sql(entity, node, resolver)
    parts = [filter_sql(entity, part, resolver) for part in node.parts]
    return and_(*parts) if isinstance(node, And) else or_(*parts)


def region_sql(entity: Entity, region_ids: Collection[int]) -> ColumnElement[bool]:
    """Records whose region (``Entity.region``, a path such as ``household.compound_id``) is in the set."""
    if entity.region is None:
        raise ValidationError(f"{entity.title}不按辖区划分,不能用 --region 查询")
    if not region_ids:
        return false()
    return _path_in(entity.model, entity.region.split("."), sorted(region_ids))


def _path_in(model: Any, path: list[str], ids: list[int]) -> ColumnElement[bool]:
    """``path`` (relationships, then the region column) leads to one of ``ids``: nested IN subqueries.

    ``household.compound_id`` is ``household_id IN (SELECT id FROM household WHERE compound_id IN ...)``:
    an IN over the parents' ids, not a correlated EXISTS checked on every row; any number of hops.
    """
    if len(path) == 1:
        return getattr(model, path[0]).in_(ids)  # type: ignore[no-any-return]
    prop = getattr(model, path[0]).property
    target = prop.mapper.class_
    (local,) = prop.local_columns
    (remote,) = prop.remote_side
    parents = select(getattr(target, remote.key)).where(_path_in(target, path[1:], ids))
    return local.in_(parents)  # type: ignore[no-any-return]


def order_sql(entity: Entity, sort: tuple[Sort, ...]) -> list[Any]:
    model: Any = entity.model
    clauses = []
    for item in sort:
        field = resolve_field(entity.model, item.field, entity_title=entity.title)
        column = getattr(model, field.name)
        clauses.append(column.desc() if item.descending else column.asc())
    if entity.key:
        clauses.append(getattr(model, entity.key).asc())
    clauses.append(model.id.asc())
    return clauses


def base_select(entity: Entity, conditions: list[ColumnElement[bool]]) -> Select[Any]:
    return select(entity.model).where(and_(true(), *conditions))
