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
from gridcore.entities import EntityField, entity_fields, resolve_field
from gridcore.errors import NotFoundError, ValidationError
from gridcore.query.build import condition_sql, filter_sql, order_sql, region_sql
from gridcore.query.spec import Condition, Filter, QuerySpec
from gridcore.search.index import matching_ids
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
    """分类过滤: for each dictionary field the operator sees unmasked, how many matching records hold each entry."""
    model: Any = target.model
    result: dict[str, dict[str, int]] = {}
    for field in entity_fields(model):
        if not field.info.dictionary or masked_for(uow, field):
            continue  # a masked field's counts would reveal its values
        column = getattr(model, field.name)
        rows = uow.session.execute(select(column, func.count()).where(*where).group_by(column)).all()
        counts = {
            dictionaries.label_of(uow, field.info.dictionary, code) if code is not None else "(空)": count
            for code, count in rows
        }
        result[field.label] = dict(sorted(counts.items(), key=lambda item: -item[1]))
    return result
