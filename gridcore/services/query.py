"""Running queries over any entity: the three query methods of the manual, facets, paging, regions.

``--region`` limits a query to a region's subtree through ``Entity.region``; the same mechanism holds
an operator to their scope (:mod:`gridcore.services.scope`): :func:`conditions` is the one place where
every query, search and export is built, so none of them reaches a record outside the scope.
"""

from __future__ import annotations

from typing import Any

import attrs
from sqlalchemy import ColumnElement, func, select

from gridcore.contributions import Entity
from gridcore.domain.dictionaries import normalize
from gridcore.entities import EntityField, entity_fields
from gridcore.errors import NotFoundError
from gridcore.query.build import condition_sql, filter_sql, order_sql, region_sql
from gridcore.query.spec import QuerySpec
from gridcore.search.index import matching_ids
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


def conditions(uow: UnitOfWork, target: Entity, spec: QuerySpec) -> list[ColumnElement[bool]]:
    """The SQL conditions of a query (without order and page)."""
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
def run_query(uow: UnitOfWork, entity_id: str, spec: QuerySpec, *, facets: bool = False) -> QueryResult:
    """One page of the entity's records matching ``spec``, with the total (and facets on request)."""
    target = entity(uow, entity_id)
    where = conditions(uow, target, spec)
    model: Any = target.model
    total = uow.session.execute(select(func.count()).select_from(model).where(*where)).scalar_one()
    query = select(model).where(*where).order_by(*order_sql(target, spec.sort)).offset(max(spec.offset, 0))
    query = query.limit(min(spec.limit, MAX_PAGE) if spec.limit is not None else MAX_PAGE)
    records = list(uow.session.execute(query).scalars())
    counted = facet_counts(uow, target, where) if facets else {}
    return QueryResult(entity=target, records=records, total=total, facets=counted)


def facet_counts(uow: UnitOfWork, target: Entity, where: list[ColumnElement[bool]]) -> dict[str, dict[str, int]]:
    """分类过滤: for each dictionary field, how many matching records hold each entry (labels)."""
    model: Any = target.model
    result: dict[str, dict[str, int]] = {}
    for field in entity_fields(model):
        if not field.info.dictionary:
            continue
        column = getattr(model, field.name)
        rows = uow.session.execute(select(column, func.count()).where(*where).group_by(column)).all()
        counts = {
            dictionaries.label_of(uow, field.info.dictionary, code) if code is not None else "(空)": count
            for code, count in rows
        }
        result[field.label] = dict(sorted(counts.items(), key=lambda item: -item[1]))
    return result
