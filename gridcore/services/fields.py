"""Setting an entity's fields from what people give: by Chinese label or attribute name, typed, checked.

One mechanism for every entity (core and plugins): the CLI's ``--field 标签=值``, the web forms and the
Excel import all come through :func:`assign`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from gridcore.contributions import Entity
from gridcore.domain import values
from gridcore.entities import EntityField, entity_fields, resolve_field
from gridcore.errors import ValidationError
from gridcore.services import dictionaries
from gridcore.services.unit import UnitOfWork

_PARSERS: dict[type, Any] = {
    dt.date: values.parse_date,
    bool: values.parse_bool,
    int: values.parse_int,
    Decimal: values.parse_decimal,
    float: values.parse_float,
}


def coerce(uow: UnitOfWork, field: EntityField, raw: Any) -> Any:
    """The stored value of ``raw`` for ``field``; blank becomes ``None``; a bad value names the field."""
    if raw is None or (isinstance(raw, str) and not values.clean_text(raw)):
        if field.info.required:
            raise ValidationError(f"「{field.label}」不能为空", field=field.label, value=raw)
        return None
    if field.info.ref:
        from gridcore.services.records import reference_id

        return reference_id(uow, field.info.ref, values.clean_text(str(raw)), label=field.label)
    if field.info.dictionary:
        return dictionaries.to_code(uow, field.info.dictionary, values.clean_text(raw), field=field.label)
    parser = _PARSERS.get(field.python_type) if field.python_type else None
    if parser is None:
        return values.clean_text(raw)
    try:
        return parser(raw)
    except ValueError as error:
        raise ValidationError(f"「{field.label}」{error}", field=field.label, value=raw) from None


def parse_assignments(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``["标签=值", ...]`` as a mapping; a pair without ``=`` is a one-line error."""
    result: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ValidationError(f"字段参数「{pair}」应写成 标签=值,例如 --field 联系电话=13800000000", value=pair)
        result[key.strip()] = value
    return result


def assign(
    uow: UnitOfWork, entity: Entity, record: Any, given: Mapping[str, Any], *, system: bool = False
) -> dict[str, Any]:
    """Set fields on ``record``; return ``{attribute: new value}`` of what changed.

    Generated and derived fields (record numbers, names copied on 关联) are refused unless ``system``
    is true (the services themselves).
    """
    changed: dict[str, Any] = {}
    for key, raw in given.items():
        field = resolve_field(entity.model, key, entity_title=entity.title)
        if (field.info.generated or field.info.derived) and not system:
            raise ValidationError(
                f"「{field.label}」由系统生成或在关联时填写,不能手工设置", field=field.label, value=raw
            )
        value = coerce(uow, field, raw)
        if getattr(record, field.name) != value:
            setattr(record, field.name, value)
            changed[field.name] = value
    return changed


def check_required(entity: Entity, record: Any) -> None:
    for field in entity_fields(entity.model):
        if field.info.required and getattr(record, field.name) in (None, ""):
            raise ValidationError(f"「{field.label}」不能为空", field=field.label)
