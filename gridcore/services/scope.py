"""Row scope (C3): an operator bound to a region sees and changes only that region's subtree.

The scope is part of the actor (:attr:`~gridcore.services.unit.Actor.scope`, the root region's id). It
is applied where queries are built (:func:`gridcore.services.query.conditions`, so searches and exports
too, and :func:`gridcore.services.stats.scope_for`), where a record is looked up by its key (a record
outside the scope is "not found", never "forbidden", so its existence does not leak), and on every
write (:meth:`~gridcore.services.unit.UnitOfWork.write`: the record must be inside the scope before a
delete and after a create or update; every row of an import, :func:`require_inserted`). Entities
without ``Entity.region`` are not divided by region.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gridcore.contributions import Entity
from gridcore.domain.regions import Region
from gridcore.errors import NotFoundError, PermissionDeniedError
from gridcore.query.build import region_sql
from gridcore.services.unit import UnitOfWork

_CACHE = "scope.region_ids"


def subtree(session: Session, root_id: int) -> set[int]:
    """The ids of a region and everything below it."""
    pairs = session.execute(select(Region.id, Region.parent_id)).all()
    children: dict[int | None, list[int]] = {}
    for rid, parent in pairs:
        children.setdefault(parent, []).append(rid)
    found, frontier = {root_id}, [root_id]
    while frontier:
        for child in children.get(frontier.pop(), []):
            found.add(child)
            frontier.append(child)
    return found


def region_ids(uow: UnitOfWork, *, refresh: bool = False) -> frozenset[int] | None:
    """The regions the actor may see (``None``: no limit), computed once per unit of work."""
    root = uow.scope
    if root is None:
        return None
    found: frozenset[int] | None = None if refresh else uow.cache.get(_CACHE)
    if found is None:
        found = frozenset(subtree(uow.session, root))
        uow.cache[_CACHE] = found
    return found


def record_region(entity: Entity, record: Any) -> int | None:
    """The id of the region ``record`` belongs to, following ``Entity.region`` (``household.compound_id``)."""
    if entity.region is None:
        return None
    value: Any = record
    for part in entity.region.split("."):
        value = getattr(value, part, None)
        if value is None:
            return None
    return int(value)


def contains(uow: UnitOfWork, entity: Entity, record: Any) -> bool:
    """Whether ``record`` is inside the actor's scope (always, without a scope or for unregioned entities)."""
    ids = region_ids(uow)
    if ids is None or entity.region is None:
        return True
    region = record_region(entity, record)
    if region is not None and region not in ids and entity.region == "id":
        ids = region_ids(uow, refresh=True)  # a region created in this unit
    return region is not None and ids is not None and region in ids


def require_visible(uow: UnitOfWork, entity_id: str, record: Any, message: str) -> None:
    """Raise ``NotFoundError(message)`` when ``record`` lies outside the actor's scope (as if absent)."""
    entity = uow.app.registry.entities.get(entity_id)
    if entity is not None and not contains(uow, entity, record):
        raise NotFoundError(message)


def require_inserted(uow: UnitOfWork, entity: Entity, ids: Sequence[int]) -> None:
    """Refuse a bulk insert (an import) of which any new row lies outside the actor's scope."""
    allowed = region_ids(uow)
    if allowed is None or entity.region is None or not ids:
        return
    model: Any = entity.model
    inside = uow.session.execute(
        select(func.count()).select_from(model).where(model.id.in_(list(ids)), region_sql(entity, allowed))
    ).scalar_one()
    if inside != len(ids):
        raise PermissionDeniedError(
            f"操作员 {uow.actor.login} 只能导入本辖区范围内的{entity.title}: "
            f"有 {len(ids) - inside} 条记录不在您的辖区范围 "
            "(住户请用 --compound 指定本辖区的小区, 居民请填写本辖区住户的户籍编号)"
        )


def require_record(uow: UnitOfWork, entity: Entity, record: Any) -> None:
    """Refuse a write whose record is (or would end up) outside the actor's scope."""
    if not contains(uow, entity, record):
        raise PermissionDeniedError(
            f"操作员 {uow.actor.login} 只能处理本辖区范围内的{entity.title}: 该记录不在 (或将移出) 您的辖区范围"
        )
