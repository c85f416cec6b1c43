"""Edit forms of any entity, derived from its fields: inputs, drop-downs, required marks, inline errors.

One :class:`FormField` per labelled field. Dictionary fields are drop-downs of the dictionary's enabled
entries (R-D05); generated and derived fields (record numbers, names copied on 关联) are shown but not
editable; a field masked for the operator is left blank with the masked value as a hint, and a blank
submission keeps the stored value, so a mask is never written back over the real value. A refused
save shows the error next to its field, with every entered value kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs
from sqlalchemy import String, Text, inspect

from gridcore import Entity
from gridcore.entities import EntityField, entity_fields, resolve_field
from gridcore.errors import GridcoreError, ValidationError
from gridcore.query import QuerySpec
from gridcore.services import dictionaries, records
from gridcore.services.presentation import present_value
from gridcore.services.query import run_query
from gridcore.services.unit import UnitOfWork
from gridcore_web.listing import masked_for

PREFIX = "f."


@attrs.frozen(kw_only=True)
class FormField:
    name: str
    label: str
    kind: str  # text, textarea, select, date, bool, number, idnumber
    value: str = ""
    required: bool = False
    readonly: bool = False
    masked: str = ""
    options: tuple[tuple[str, str], ...] = ()  # (value, text) of a drop-down
    maxlength: int | None = None
    error: str = ""
    advanced: bool = False  # usually set another way (a map position): shown apart, folded

    @property
    def input_name(self) -> str:
        return PREFIX + self.name


def _column_type(entity: Entity, field: EntityField) -> Any:
    return inspect(entity.model).columns[field.name].type


def _kind(entity: Entity, field: EntityField) -> str:
    if field.info.dictionary:
        return "select"
    if field.info.mask == "id_number":
        return "idnumber"
    if field.python_type is bool:
        return "bool"
    if field.python_type is dt.date:
        return "date"
    if field.python_type in (int, float, Decimal):
        return "number"
    column = _column_type(entity, field)
    if isinstance(column, Text) or (isinstance(column, String) and (column.length or 0) > 120):
        return "textarea"
    return "text"


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def editable(field: EntityField) -> bool:
    return not (field.info.generated or field.info.derived)


def build_form(
    uow: UnitOfWork,
    entity: Entity,
    record: Any | None,
    *,
    submitted: Mapping[str, str] | None = None,
    errors: Mapping[str, str] | None = None,
    skip: Iterable[str] = (),
    locked: Iterable[str] = (),
) -> list[FormField]:
    """The form of ``record`` (``None``: a new one); ``submitted`` values win over stored ones.

    ``skip`` leaves fields out; ``locked`` shows them without letting them be changed here.
    """
    errors = errors or {}
    skipped = set(skip)
    fixed = set(locked)
    fields: list[FormField] = []
    for field in entity_fields(entity.model):
        if field.name in skipped:
            continue
        kind = _kind(entity, field)
        stored = getattr(record, field.name) if record is not None else None
        masked = ""
        if record is not None and stored not in (None, "") and masked_for(uow.actor, uow.app.policy, field):
            masked = _shown(present_value(uow, field, stored))
            value = ""
        else:
            value = _shown(present_value(uow, field, stored)) if stored is not None else ""
        if submitted is not None and PREFIX + field.name in submitted:
            value = submitted[PREFIX + field.name]
        options: tuple[tuple[str, str], ...] = ()  # (value, text) of a drop-down
        if kind == "select":
            entries = dictionaries.current(uow, str(field.info.dictionary)).entries
            options = tuple((entry.label, entry.label) for entry in entries if entry.enabled)
        elif field.info.ref:
            options = reference_options(uow, field.info.ref)
            kind = "select" if options else kind
        if options and value and value not in {option for option, _ in options}:
            options = ((value, value), *options)
        column = _column_type(entity, field)
        fields.append(
            FormField(
                name=field.name,
                label=field.label,
                kind=kind,
                value=value,
                required=field.info.required,
                readonly=not editable(field) or field.name in fixed,
                masked=masked,
                options=options,
                maxlength=column.length if isinstance(column, String) and not isinstance(column, Text) else None,
                error=errors.get(field.name, ""),
                advanced=field.info.advanced,
            )
        )
    return fields


#: A reference is a drop-down when the referenced register has at most this many records.
MAX_CHOICES = 300


def reference_options(uow: UnitOfWork, entity_id: str) -> tuple[tuple[str, str], ...]:
    """(key, "key name") of every record of a small register the operator may see; ``()`` otherwise."""
    if not uow.actor.can(f"{entity_id}.view"):
        return ()
    entity = uow.app.registry.entities[entity_id]
    result = run_query(uow, entity_id, QuerySpec(limit=MAX_CHOICES + 1))
    if result.total > MAX_CHOICES:
        return ()
    named = next(
        (f for f in entity_fields(entity.model) if f.info.searchable and f.python_type is str and not f.info.mask),
        None,
    )
    options = []
    for record in result.records:
        key = records.key_of(uow, entity_id, record)
        name = getattr(record, named.name) if named is not None else ""
        options.append((key, key if not name or name == key else f"{key} {name}"))  # a name that is the key: once
    return tuple(options)


def submitted_values(
    entity: Entity, form: Mapping[str, str], *, masked: Iterable[str] = (), locked: Iterable[str] = ()
) -> dict[str, str]:
    """``{attribute: raw text}`` of the editable fields in a submitted form.

    A blank field that was shown masked is left out (the stored value stays), and so are ``locked`` ones.
    """
    hidden = set(masked)
    fixed = set(locked)
    given: dict[str, str] = {}
    for field in entity_fields(entity.model):
        key = PREFIX + field.name
        if key not in form or not editable(field) or field.name in fixed:
            continue
        raw = form[key]
        if field.name in hidden and not raw.strip():
            continue
        given[field.name] = raw
    return given


def masked_names(uow: UnitOfWork, entity: Entity, record: Any | None) -> list[str]:
    """The fields of ``record`` that hold a value the operator sees masked."""
    if record is None:
        return []
    return [
        field.name
        for field in entity_fields(entity.model)
        if getattr(record, field.name) not in (None, "") and masked_for(uow.actor, uow.app.policy, field)
    ]


def error_place(entity: Entity, error: GridcoreError) -> str | None:
    """The attribute a validation error names, when it names one of the entity's fields."""
    if not isinstance(error, ValidationError) or not error.field:
        return None
    try:
        return resolve_field(entity.model, error.field).name
    except ValidationError:
        return None


def changed_only(uow: UnitOfWork, entity: Entity, record: Any, given: Mapping[str, str]) -> dict[str, str]:
    """The submitted values that differ from what the form showed (unchanged fields are not re-validated)."""
    shown = {
        field.name: _shown(present_value(uow, field, getattr(record, field.name)))
        for field in entity_fields(entity.model)
        if field.name in given
    }
    return {name: raw for name, raw in given.items() if raw.strip() != shown.get(name, "")}
