"""Keeping the search index in step with writes, and turning a keyword into a record-id condition."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, delete, select

from gridcore.domain.search_text import normalise_keyword, search_text
from gridcore.entities import entity_fields
from gridcore.search.models import SearchRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from gridcore.contributions import Entity

TRIGRAM = 3


@functools.cache
def searchable_fields(model: type) -> tuple[str, ...]:
    return tuple(f.name for f in entity_fields(model) if f.info.searchable)


def record_text(model: type, record: Any) -> str:
    return search_text(getattr(record, name) for name in searchable_fields(model))


def index_record(session: Session, entity: Entity, record: Any, action: str) -> None:
    """Insert, refresh or drop the record's search row (call after the write is flushed)."""
    if not searchable_fields(entity.model):
        return
    record_id = record.id
    if action == "delete":
        session.execute(delete(SearchRow).where(SearchRow.entity == entity.id, SearchRow.record_id == record_id))
        return
    text = record_text(entity.model, record)
    row = session.execute(
        select(SearchRow).where(SearchRow.entity == entity.id, SearchRow.record_id == record_id)
    ).scalar_one_or_none()
    if row is None:
        session.add(SearchRow(entity=entity.id, record_id=record_id, text=text))
    elif row.text != text:
        row.text = text


def index_rows(entity: Entity, records: list[tuple[int, Any]]) -> list[dict[str, Any]]:
    """Rows for a bulk insert into ``core_search``: ``records`` is ``[(record_id, record_like), ...]``."""
    return [{"entity": entity.id, "record_id": rid, "text": record_text(entity.model, rec)} for rid, rec in records]


def matching_ids(session: Session, entity: Entity, keyword: str) -> ColumnElement[bool]:
    """A condition ``model.id IN (ids whose search text contains keyword)``, using the trigram index."""
    model: Any = entity.model
    word = normalise_keyword(keyword)
    dialect = session.get_bind().dialect.name
    pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    # `entity || ''` keeps the planner off the (entity, record_id) index: on SQLite without statistics
    # it would otherwise walk that whole index instead of looking up the few text matches
    base = select(SearchRow.record_id).where((SearchRow.entity + "") == entity.id)
    if dialect == "sqlite" and len(word) >= TRIGRAM:
        from sqlalchemy import literal_column, text

        fts: Any = (
            select(literal_column("rowid"))
            .select_from(text("fts_core_search"))
            .where(text("fts_core_search MATCH :fts_query").bindparams(fts_query='"' + word.replace('"', '""') + '"'))
        )
        subquery = base.where(SearchRow.id.in_(fts))
    else:
        subquery = base.where(SearchRow.text.like(pattern, escape="\\"))
    return model.id.in_(subquery)  # type: ignore[no-any-return]
