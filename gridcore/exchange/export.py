"""Exporting an entity's rows under the template's headers, so that an export imports back unchanged.

The export service chooses the rows (after filters, R-G14), masks what the operator may not see and
turns dictionary codes into labels; this module only writes: streaming, injection-safe, text columns
as text, yes/no as 是/否.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from gridcore.contributions import Entity
from gridcore.entities import EntityField, entity_fields
from gridcore.exchange.cells import is_id_field
from gridcore.exchange.template import is_text_field
from gridcore.exchange.writer import write_table


def export_fields(entity: Entity, names: Sequence[str] | None = None) -> list[EntityField]:
    """The entity's labelled fields in template order, or those named in ``names``, in that order."""
    fields = entity_fields(entity.model)
    if names is None:
        return fields
    by_name = {field.name: field for field in fields}
    unknown = [name for name in names if name not in by_name]
    if unknown:
        raise KeyError(f"{entity.title} has no field {', '.join(unknown)}")
    return [by_name[name] for name in names]


def _value(record: Any, field: EntityField) -> Any:
    value = record.get(field.name) if isinstance(record, Mapping) else getattr(record, field.name, None)
    if isinstance(value, bool):
        return "是" if value else "否"
    return value


def write_records(
    path: str | os.PathLike[str],
    entity: Entity,
    records: Iterable[Mapping[str, Any] | object],
    *,
    fields: Sequence[str] | None = None,
) -> int:
    """Write ``records`` (mappings by attribute name, or model objects) to ``path``; return the row count."""
    chosen = export_fields(entity, fields)

    def rows() -> Iterator[list[Any]]:
        for record in records:
            yield [_value(record, field) for field in chosen]

    return write_rows(path, entity, rows(), fields=fields)


def write_rows(
    path: str | os.PathLike[str],
    entity: Entity,
    rows: Iterable[Sequence[Any]],
    *,
    fields: Sequence[str] | None = None,
) -> int:
    """Write ``rows`` (values in the order of :func:`export_fields`, yes/no already 是/否); the row count."""
    chosen = export_fields(entity, fields)
    return write_table(
        path,
        sheet=entity.sheet or entity.title,
        headers=[field.label for field in chosen],
        rows=rows,
        text_columns=[index for index, field in enumerate(chosen) if is_id_field(field)],
        string_columns=[index for index, field in enumerate(chosen) if is_text_field(field)],
    )
