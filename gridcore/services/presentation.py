"""Presenting records to people: Chinese labels as keys, dictionary labels as values, ISO dates.

One presenter for every entity (core and plugins) and every face (``show`` commands, later the web and
exports). :func:`present_value` is the single place a stored value becomes what people see, so the
masking of sensitive fields (``FieldInfo.sensitivity`` / ``mask``) lives there and nowhere else: an
operator without ``pii.view`` sees SPI fields (and the phone number) masked in every face and export,
and every unmasked value an operator does see is counted for the audit log (C5).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from gridcore.entities import EntityField, entity_fields
from gridcore.security.groups import PII_VIEW
from gridcore.security.masking import mask_value, should_mask
from gridcore.services import dictionaries
from gridcore.services.unit import UnitOfWork

#: The key of the record's own key in a :func:`record_view` (no field label is ``key``).
KEY = "key"


def present_value(uow: UnitOfWork, field: EntityField, value: Any) -> Any:
    """What people see of ``value`` stored in ``field``: a dictionary label, an ISO date, a plain value.

    The result is JSON-ready (``None``, ``str``, ``int``, ``float`` or ``bool``). A sensitive value is
    masked unless the operator (``uow.actor``) holds ``pii.view``; one they see unmasked is audited.
    """
    if value is None:
        return None
    if should_mask(field.info, uow.app.policy):
        if not uow.actor.can(PII_VIEW):
            return mask_value(field.info.mask, value, id_keep=uow.app.policy.id_mask_keep)
        uow.unmasked[field.label] = uow.unmasked.get(field.label, 0) + 1
    if field.info.ref:
        from gridcore.services.records import reference_key

        return reference_key(uow, field.info.ref, int(value))
    if field.info.dictionary:
        return dictionaries.label_of(uow, field.info.dictionary, str(value))
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")  # 85.50 and 85.5 alike show as 85.5, 100 as 100
    return value


def record_key(uow: UnitOfWork, entity_id: str, record: Any) -> str:
    """The key people type to name ``record``: its entity's key field, or ``#id`` while that is blank."""
    entity = uow.app.registry.entities[entity_id]
    value = getattr(record, entity.key, None) if entity.key else None
    return str(value) if value not in (None, "") else f"#{record.id}"


def record_view(uow: UnitOfWork, entity_id: str, record: Any) -> dict[str, Any]:
    """``{"key": ..., label: shown value, ...}`` for every labelled field of ``record``, in declaration order."""
    entity = uow.app.registry.entities[entity_id]
    view: dict[str, Any] = {KEY: record_key(uow, entity_id, record)}
    for field in entity_fields(entity.model):
        view[field.label] = present_value(uow, field, getattr(record, field.name))
    return view
