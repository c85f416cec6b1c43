"""What a map shows of a record: its label, its hover information and its members (residents, employees).

Every value goes through the kernel's presenter (:func:`gridcore.services.presentation.record_view`),
so sensitive fields are masked for operators without ``pii.view`` exactly as in every other face, and
what they do see unmasked is audited. Members are the residents whose field carries the record's key
under the same label: 户籍编号 links residents to a household, 场所编号 employees to a premises.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from gridcore.contributions import Entity
from gridcore.entities import EntityField, entity_fields, list_fields, resolve_field
from gridcore.errors import ValidationError
from gridcore.query.build import order_sql
from gridcore.query.spec import QuerySpec
from gridcore.services import query
from gridcore.services.presentation import KEY, record_view
from gridcore.services.unit import UnitOfWork
from gridcore_maps.kinds import Kind

RESIDENT = "resident"
CHUNK = 500


def list_labels(entity: Entity) -> list[str]:
    """The labels of the entity's list columns (:func:`gridcore.entities.list_fields`)."""
    return [field.label for field in list_fields(entity)]


def label_field(kind: Kind, wanted: str | None = None) -> EntityField | None:
    """The field a marker is labelled with: ``wanted``, else the name of a region, else the first
    searchable field that is not the key (门牌号 of a household, the name of a premises)."""
    model = kind.entity.model
    if wanted:
        return resolve_field(model, wanted, entity_title=kind.title)
    fields = entity_fields(model)
    if kind.is_region:
        return next((f for f in fields if f.name == "name"), None)
    return next((f for f in fields if f.info.searchable and f.name != kind.entity.key), None)


def present(
    uow: UnitOfWork, kind: Kind, record: Any, field: EntityField | None, key: str
) -> tuple[str, dict[str, Any]]:
    """The marker's label and its hover information: the record's list columns as the operator may see
    them (masked where they must be), blanks left out."""
    view = record_view(uow, kind.id, record)
    shown = {label: view[label] for label in list_labels(kind.entity) if view.get(label) not in (None, "")}
    value = view.get(field.label) if field is not None else None
    return (str(value) if value not in (None, "") else key), shown


def member_field(uow: UnitOfWork, kind: Kind) -> EntityField | None:
    """The resident field that holds this kind's key (户籍编号, 场所编号), or ``None``."""
    entities = uow.app.registry.entities
    if kind.is_region or kind.id == RESIDENT or RESIDENT not in entities or not kind.entity.key:
        return None
    own = next((f for f in entity_fields(kind.entity.model) if f.name == kind.entity.key), None)
    if own is None:
        return None
    try:
        return resolve_field(entities[RESIDENT].model, own.label)
    except ValidationError:
        return None


def member_columns(uow: UnitOfWork) -> list[str]:
    return list_labels(uow.app.registry.entities[RESIDENT])


def members(uow: UnitOfWork, field: EntityField, keys: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """``{key: [resident view, ...]}``: the residents whose ``field`` holds each key, inside the scope."""
    resident = uow.app.registry.entities[RESIDENT]
    model: Any = resident.model
    column = getattr(model, field.name)
    columns = [KEY, *member_columns(uow)]
    found: dict[str, list[dict[str, Any]]] = {key: [] for key in keys}
    wanted = [key for key in keys if not key.startswith("#")]
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        where = [*query.conditions(uow, resident, QuerySpec()), column.in_(chunk)]
        rows = uow.session.execute(select(model).where(*where).order_by(*order_sql(resident, ()))).scalars()
        for row in rows:
            view = record_view(uow, RESIDENT, row)
            found[str(getattr(row, field.name))].append({label: view.get(label) for label in columns})
    return found
