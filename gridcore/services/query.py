"""Running queries over any entity: the three query methods of the manual, facets, paging, regions.

``--region`` limits a query to a region's subtree through ``Entity.region``; the same mechanism holds
an operator to their scope (:mod:`gridcore.services.scope`): :func:`conditions` is the one place where
every query, search and export is built, so none of them reaches a record outside the scope.
"""

from __future__ import annotations

from typing import Any

import attrs
from sqlalchemy import ColumnElement, Select, func, literal, select

from gridcore.contributions import Entity
from gridcore.domain.dictionaries import normalize
from gridcore.entities import EntityField, entity_fields, resolve_field
from gridcore.errors import NotFoundError, ValidationError
from gridcore.query.build import condition_sql, filter_sql, order_sql, region_sql
from gridcore.query.spec import Condition, Filter, QuerySpec
from gridcore.search.index import matching_ids, matching_rows
from gridcore.security.groups import PII_VIEW
from gridcore.security.masking import should_mask
from gridcore.services import dictionaries, fields, regions, scope
from gridcore.services.unit import UnitOfWork, operation

MAX_PAGE = 10_000


@attrs.frozen(kw_only=True)
class QueryResult:
    """One page of records, the total that matched, and per-dictionary-field counts when asked."""

    entity: Entity
    records: list[Any]
    total: int
    facets: dict[str, dict[str, int]]
    #: False when the count stopped at ``count_limit``: more than ``total`` records matched.
    exact: bool = True


class _Resolver:
    def __init__(self, uow: UnitOfWork) -> None:
        self.uow = uow

    def coerce(self, field: EntityField, raw: str) -> Any:
        return fields.coerce(self.uow, attrs.evolve(field, info=attrs.evolve(field.info, required=False)), raw)

    def codes_matching(self, field: EntityField, op: str, raw: str) -> list[str]:
        assert field.info.dictionary is not None
        wanted = normalize(raw)
        entries = dictionaries.current(self.uow, field.info.dictionary).entries
        test = (lambda label: wanted in label) if op == "contains" else (lambda label: label.startswith(wanted))
        return [entry.code for entry in entries if test(normalize(entry.label))]


def entity(uow: UnitOfWork, entity_id: str) -> Entity:
    try:
        return uow.app.registry.entities[entity_id]
    except KeyError:
        known = "、".join(f"{e.id}({e.title})" for e in uow.app.registry.entities.values())
        raise NotFoundError(f"没有实体 {entity_id!r};可用: {known}") from None


def subtree_ids(uow: UnitOfWork, code: str) -> set[int]:
    """The ids of a region and everything below it."""
    return scope.subtree(uow.session, regions.get(uow, code).id)


def masked_for(uow: UnitOfWork, field: EntityField) -> bool:
    """Whether ``field`` is shown masked to the operator (a sensitive field, without ``pii.view``)."""
    return should_mask(field.info, uow.app.policy) and not uow.actor.can(PII_VIEW)


def _named_fields(spec: QuerySpec) -> list[str]:
    """Every field a query's conditions and order name."""
    names = [condition.field for condition in spec.where] + [item.field for item in spec.sort]
    pending: list[Filter] = [spec.filter] if spec.filter is not None else []
    while pending:
        part = pending.pop()
        if isinstance(part, Condition):
            names.append(part.field)
        else:
            pending.extend(part.parts)
    return names


def refuse_masked(uow: UnitOfWork, target: Entity, spec: QuerySpec) -> None:
    """Refuse conditions or an order on a field masked for the operator: they would reveal its values."""
    for name in _named_fields(spec):
        field = resolve_field(target.model, name, entity_title=target.title)
        if masked_for(uow, field):
            raise ValidationError(
                f"「{field.label}」对您是遮盖显示的敏感信息, 不能按它查询或排序 (需要「查看完整的敏感个人信息」权限)",
                field=field.label,
            )


def conditions(uow: UnitOfWork, target: Entity, spec: QuerySpec) -> list[ColumnElement[bool]]:
    """The SQL conditions of a query (without order and page); a masked field may not be a condition."""
    refuse_masked(uow, target, spec)
    resolver = _Resolver(uow)
    where = [condition_sql(target, condition, resolver) for condition in spec.where]
    if spec.filter is not None:
        where.append(filter_sql(target, spec.filter, resolver))
    if spec.contains and spec.contains.strip():
        where.append(matching_ids(uow.session, target, spec.contains))
    if spec.region:
        where.append(region_sql(target, subtree_ids(uow, spec.region)))
    allowed = scope.region_ids(uow)
    if allowed is not None and target.region is not None:
        where.append(region_sql(target, allowed))
    return where


@operation("{entity}.view")
def run_query(
    uow: UnitOfWork, entity_id: str, spec: QuerySpec, *, facets: bool = False, count_limit: int | None = None
) -> QueryResult:
    """One page of the entity's records matching ``spec``, with the total (and facets on request).

    The total is exact unless ``count_limit`` is given and the query has a condition: then counting
    stops past :func:`counting_limit` and, when more matched, ``total`` is that bound and ``exact`` is
    False. Over a million records a condition no index serves (姓名 包含 张) makes an exact count a scan
    of the whole table for a number a page only shows; a count without any condition scans the
    smallest index and stays exact.
    """
    target = entity(uow, entity_id)
    where = conditions(uow, target, spec)
    model: Any = target.model
    size = min(spec.limit, MAX_PAGE) if spec.limit is not None else MAX_PAGE
    offset = max(spec.offset, 0)
    query = select(model).where(*where).order_by(*order_sql(target, spec.sort)).offset(offset).limit(size)
    records = list(uow.session.execute(query).scalars())
    counted = facet_counts(uow, target, where) if facets else {}
    if len(records) < size and (records or offset == 0):
        total, exact = offset + len(records), True  # the last page: nothing more to count
    else:
        limit = counting_limit(offset + size, count_limit) if where else None
        total = count_matching(uow, model, where, limit, rows=keyword_rows(uow, target, spec, where))
        exact = limit is None or total <= limit
        total = min(total, limit) if limit is not None else total
    return QueryResult(entity=target, records=records, total=total, facets=counted, exact=exact)


def counting_limit(end: int, count_limit: int | None) -> int | None:
    """How far to count for a page ending at ``end``: ``None`` (everything) without a positive limit, else
    the first multiple of ``count_limit`` past ``end`` (a later page still learns whether another follows,
    and the number shown moves in round steps)."""
    if count_limit is None or count_limit <= 0:
        return None
    return (end // count_limit + 1) * count_limit


def keyword_rows(
    uow: UnitOfWork, target: Entity, spec: QuerySpec, where: list[ColumnElement[bool]]
) -> Select[Any] | None:
    """When the keyword (模糊查询) is a query's only condition, the search rows of its matches, else ``None``.

    Their number is the number of matching records (:func:`gridcore.search.index.matching_rows`), got
    without reading the records: :func:`count_matching` counts these instead. Any other condition (a
    filter, a region, the operator's scope) is on the records, and the count goes through them.
    """
    if len(where) == 1 and spec.contains and spec.contains.strip() and _deleted_with_search_rows(target.model):
        return matching_rows(uow.session, target, spec.contains)
    return None


def _deleted_with_search_rows(model: Any) -> bool:
    """Whether every record of ``model`` leaves with its search row: no ``ON DELETE CASCADE`` takes a
    record away behind the unit of work (which drops the search row of every record it deletes)."""
    return not any((key.ondelete or "").upper() == "CASCADE" for key in model.__table__.foreign_keys)


def count_statement(
    model: Any, where: list[ColumnElement[bool]], limit: int | None, *, rows: Select[Any] | None = None
) -> Select[tuple[int]]:
    """The ``count(*)`` of :func:`count_matching`."""
    if rows is None and limit is None:
        return select(func.count()).select_from(model).where(*where)
    found = select(literal(1)).select_from(model).where(*where) if rows is None else rows
    if limit is not None:
        found = found.limit(limit + 1)
    return select(func.count()).select_from(found.subquery())


def count_matching(
    uow: UnitOfWork,
    model: Any,
    where: list[ColumnElement[bool]],
    limit: int | None,
    *,
    rows: Select[Any] | None = None,
) -> int:
    """``count(*)`` of the matching rows, stopping after ``limit + 1`` of them when a limit is given.

    ``rows``, when given (:func:`keyword_rows`), stands for the records matching ``where``, one row each.
    """
    return int(uow.session.execute(count_statement(model, where, limit, rows=rows)).scalar_one())


def facet_fields(uow: UnitOfWork, target: Entity) -> list[EntityField]:
    """The fields 分类过滤 offers: the dictionary fields the operator sees unmasked (a masked field's
    entries or counts would reveal its values)."""
    return [f for f in entity_fields(target.model) if f.info.dictionary and not masked_for(uow, f)]


def facet_counts(uow: UnitOfWork, target: Entity, where: list[ColumnElement[bool]]) -> dict[str, dict[str, int]]:
    """分类过滤: for each field of :func:`facet_fields`, how many matching records hold each entry."""
    model: Any = target.model
    result: dict[str, dict[str, int]] = {}
    for field in facet_fields(uow, target):
        column = getattr(model, field.name)
        dictionary = field.info.dictionary or ""
        rows = uow.session.execute(select(column, func.count()).where(*where).group_by(column)).all()
        counts = {
            dictionaries.label_of(uow, dictionary, code) if code is not None else "(空)": count for code, count in rows
        }
        result[field.label] = dict(sorted(counts.items(), key=lambda item: -item[1]))
    return result


def facet_entries(uow: UnitOfWork, target: Entity) -> dict[str, list[str]]:
    """分类过滤 without counts: each field of :func:`facet_fields` with its dictionary's entries, in order,
    and ``(空)``. For a result too large to count cheaply (one ``GROUP BY`` over every matching record per
    field: seconds over a million residents), a face offers these and counts on request."""
    result: dict[str, list[str]] = {}
    for field in facet_fields(uow, target):
        entries = dictionaries.current(uow, field.info.dictionary or "").entries
        result[field.label] = [*dict.fromkeys(entry.label for entry in entries), "(空)"]
    return result
