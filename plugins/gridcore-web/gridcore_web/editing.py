"""Which service saves a record of an entity: the generic ones, or the core registers' own.

Households, residents and regions have rules beyond fields (关联, 户主, codes and renames), kept in their
own services; every other entity (plugins' too) goes through :mod:`gridcore.services.records`. The web
holds no rule of its own here: it only picks the service.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from sqlalchemy import UniqueConstraint, inspect

from gridcore.services import households, records, regions, residents
from gridcore.services.unit import UnitOfWork


def get(uow: UnitOfWork, entity_id: str, key: str) -> Any:
    return records.get(uow, entity_id, key)


def key_of(uow: UnitOfWork, entity_id: str, record: Any) -> str:
    """The key that names ``record`` in a URL: its natural key when that is unique, else ``#id``.

    (楼栋's 楼号 repeats from compound to compound, so ``1`` would name several buildings.)
    """
    entity = uow.app.registry.entities[entity_id]
    if entity.key and not unique_key(entity.model, entity.key):
        return f"#{record.id}"
    return records.key_of(uow, entity_id, record)


@functools.cache
def unique_key(model: type, key: str) -> bool:
    """Whether the ``key`` column of ``model`` is unique on its own (or the primary key)."""
    column: Any = inspect(model).columns[key]
    if column.unique or column.primary_key:
        return True
    table: Any = model.__table__  # type: ignore[attr-defined]
    return any(
        isinstance(constraint, UniqueConstraint) and [c.name for c in constraint.columns] == [column.name]
        for constraint in table.constraints
    ) or any(index.unique and [c.name for c in index.columns] == [column.name] for index in table.indexes)


def add(uow: UnitOfWork, entity_id: str, given: Mapping[str, Any], *, parent: str | None = None) -> Any:
    """A new record; ``parent`` is the compound of a household, the household of a resident."""
    values = dict(given)
    if entity_id == "household":
        return households.add(uow, head_name=values.pop("head_name", ""), compound_code=parent, given=values)
    if entity_id == "resident":
        return residents.add(uow, name=values.pop("name", None), household_key=parent, given=values)
    return records.add(uow, entity_id, values)


def edit(uow: UnitOfWork, entity_id: str, key: str, given: Mapping[str, Any]) -> Any:
    values = dict(given)
    if entity_id == "household":
        return households.edit(uow, key, values)
    if entity_id == "resident":
        return residents.edit(uow, key, values)
    if entity_id == "region":
        region = regions.get(uow, key)
        if "name" in values:
            regions.rename(uow, region.code, values.pop("name"))
        if "code" in values:
            regions.recode(uow, region.code, values.pop("code"))
        values.pop("level", None)
        return regions.edit(uow, region.code, values) if values else region
    return records.edit(uow, entity_id, key, values)


def delete(uow: UnitOfWork, entity_id: str, key: str) -> None:
    if entity_id == "household":
        households.delete(uow, key)
    elif entity_id == "resident":
        residents.delete(uow, key)
    elif entity_id == "region":
        regions.delete(uow, key)
    else:
        records.delete(uow, entity_id, key)
