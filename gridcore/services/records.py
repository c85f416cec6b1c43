"""Generic use cases over any registered entity: find by key, add, edit, delete, and references.

A register declared with :class:`~gridcore.contributions.Entity` gets these for free; the core's own
households and residents keep their services because they have rules of their own (关联, 户主). Every
write goes through :meth:`UnitOfWork.write` (the ``entity_write`` wrappers, the search index, the region
scope and the audit log). The order on add and edit is always: assign the given values (typed,
dictionary-checked), number the record (``Entity.numbering``), check required fields, then the
entity's own rules (``Entity.check``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from gridcore.contributions import Entity
from gridcore.errors import NotFoundError, ValidationError
from gridcore.services import fields, scope
from gridcore.services.numbers import allocate_number
from gridcore.services.presentation import record_key
from gridcore.services.query import entity as find_entity
from gridcore.services.unit import UnitOfWork, operation


def key_of(uow: UnitOfWork, entity_id: str, record: Any) -> str:
    """The key people type to name ``record`` (its natural key, or ``#id`` while that is blank)."""
    return record_key(uow, entity_id, record)


def find(uow: UnitOfWork, entity_id: str, key: str) -> Any:
    """The record of ``entity_id`` named by ``key`` (natural key or ``#id``), inside the actor's scope.

    No permission check: for services that have checked their own (a reference, a link). A record
    outside the actor's region scope is reported as absent.
    """
    entity = find_entity(uow, entity_id)
    model: Any = entity.model
    text = str(key).strip()
    missing = f"{entity.title} {text} 不存在"
    record: Any = None
    if text.startswith("#") and text[1:].isdigit():
        record = uow.session.get(model, int(text[1:]))
    elif entity.key and text:
        column = getattr(model, entity.key)
        for spelling in dict.fromkeys((text, text.upper())):
            found = uow.session.execute(select(model).where(column == spelling).limit(2)).scalars().all()
            if len(found) > 1:
                raise ValidationError(
                    f"{entity.title} {text} 不唯一 (有多条记录): 请用 #id 指明, 例如 #{found[0].id}",
                    value=text,
                )
            if found:
                record = found[0]
                break
    elif text:
        missing += f" ({entity.title}没有编号, 请用 #id 指明, 例如 #1)"
    if record is None:
        raise NotFoundError(missing)
    scope.require_visible(uow, entity_id, record, missing)
    return record


@operation("{entity}.view")
def get(uow: UnitOfWork, entity_id: str, key: str) -> Any:
    """The record named by ``key``; one outside the actor's scope is "not found"."""
    return find(uow, entity_id, key)


@operation("{entity}.edit")
def add(uow: UnitOfWork, entity_id: str, given: Mapping[str, Any]) -> Any:
    """Create a record from ``{label or attribute: raw value}``; return it, flushed (it has its id)."""
    entity = find_entity(uow, entity_id)
    record = entity.model()
    fields.assign(uow, entity, record, given)
    _settle(uow, entity, record)
    uow.write(entity.id, "create", record, key=_natural_key(entity, record))
    uow.session.flush()
    return record


@operation("{entity}.edit")
def edit(uow: UnitOfWork, entity_id: str, key: str, given: Mapping[str, Any]) -> Any:
    """Change fields of the record named by ``key``; generated fields (the number) cannot be set."""
    entity = find_entity(uow, entity_id)
    record = find(uow, entity_id, key)
    changed = fields.assign(uow, entity, record, given)
    if changed:
        _settle(uow, entity, record)
        uow.write(entity.id, "update", record, key=key_of(uow, entity_id, record))
        uow.session.flush()
    return record


@operation("{entity}.edit")
def delete(uow: UnitOfWork, entity_id: str, key: str) -> str:
    """Delete the record named by ``key``; return its key. Its number is never handed out again."""
    record = find(uow, entity_id, key)
    found = key_of(uow, entity_id, record)
    uow.write(entity_id, "delete", record, key=found)  # refused when still referenced
    return found


def _natural_key(entity: Entity, record: Any) -> str:
    value = getattr(record, entity.key, None) if entity.key else None
    return "" if value in (None, "") else str(value)


def _settle(uow: UnitOfWork, entity: Entity, record: Any) -> None:
    """Number the record when it can be, then check required fields and the entity's own rules."""
    number(uow, entity, record)
    fields.check_required(entity, record)
    if entity.check is not None:
        entity.check(uow, record)


def number(uow: UnitOfWork, entity: Entity, record: Any) -> None:
    """Give ``record`` its number (``Entity.numbering``) if it has none and its region is known."""
    rule = entity.numbering
    if rule is None or not entity.key or getattr(record, entity.key, None):
        return
    parent_id = getattr(record, rule.parent, None)
    if parent_id is None:
        return
    from gridcore.domain.regions import Region

    parent = uow.session.get(Region, parent_id)
    if parent is None:
        return
    column = getattr(entity.model, entity.key)
    setattr(
        record,
        entity.key,
        allocate_number(uow, kind=entity.id, prefix=parent.code, column=column, width=rule.width),
    )


# --------------------------------------------------------------------------- references (FieldInfo.ref)


def reference_id(uow: UnitOfWork, entity_id: str, key: str, *, label: str) -> int:
    """The id of the ``entity_id`` record people name by ``key`` (a 小区编码, a 常住编号) in field ``label``."""
    try:
        record = find(uow, entity_id, key)
    except NotFoundError as error:
        raise ValidationError(f"「{label}」{error}: 请填写已有的编号", field=label, value=key) from None
    return int(record.id)


def reference_key(uow: UnitOfWork, entity_id: str, record_id: int) -> str:
    """The key of the ``entity_id`` record with id ``record_id``, cached in the unit of work."""
    cache: dict[tuple[str, int], str] = uow.cache.setdefault("records.reference_key", {})
    found = cache.get((entity_id, record_id))
    if found is None:
        entity = find_entity(uow, entity_id)
        record = uow.session.get(entity.model, record_id)
        found = key_of(uow, entity_id, record) if record is not None else f"#{record_id}"
        cache[(entity_id, record_id)] = found
    return found
