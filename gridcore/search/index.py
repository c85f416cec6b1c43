"""Keeping the search index in step with writes, and turning a keyword into a record-id condition.

A search row holds the record's search text (:func:`record_text`) and its 2-character pieces
(:func:`gram_text`). A keyword of three characters or more is looked up by trigrams (FTS5 on SQLite,
pg_trgm on PostgreSQL), one of two letters or digits by its piece (the ``grams`` index), and anything
shorter or odder (one character, a piece with punctuation) by a scan of the search texts: the
documented short-keyword fallback.
"""

from __future__ import annotations

import functools
import operator
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Text, any_, cast, delete, func, literal, literal_column, select, text
from sqlalchemy.dialects import postgresql

from gridcore.domain.search_text import normalise_keyword, search_text
from gridcore.entities import entity_fields
from gridcore.search.models import SearchRow, gram_array

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from gridcore.contributions import Entity

TRIGRAM = 3
GRAM = 2


@functools.cache
def searchable_fields(model: type) -> tuple[str, ...]:
    return tuple(f.name for f in entity_fields(model) if f.info.searchable)


#: Entries of the small caches below: common names repeat within an import; a larger cache keeps more
#: objects alive across the import and makes its memory grow with the file (measured: benchmarks/).
TEXT_CACHE = 4096


@functools.lru_cache(maxsize=TEXT_CACHE)
def _text_of(values: tuple[Any, ...]) -> str:
    """The search text of a record's searchable values (cached: names repeat a lot in an import)."""
    return search_text(values)


def record_text(model: type, record: Any) -> str:
    return _text_of(tuple(getattr(record, name) for name in searchable_fields(model)))


def gram_text(search: str) -> str:
    """The distinct 2-character pieces of letters and digits of each word of ``search``, space-separated.

    ``张伟 zhangwei zw`` gives ``张伟 zh ha an ng gw we ei zw``: every 2-character keyword that the text
    contains is one of its pieces (the migration that added them keeps its own copy of this rule).
    """
    pieces: dict[str, None] = {}
    for word in search.split():
        if word.isalnum():
            pieces.update(dict.fromkeys(map(operator.add, word, word[1:])))
        else:
            pieces.update(dict.fromkeys(p for p in map(operator.add, word, word[1:]) if p.isalnum()))
    return " ".join(pieces)


def index_record(session: Session, entity: Entity, record: Any, action: str) -> None:
    """Insert, refresh or drop the record's search row (call after the write is flushed)."""
    if not searchable_fields(entity.model):
        return
    record_id = record.id
    if action == "delete":
        session.execute(delete(SearchRow).where(SearchRow.entity == entity.id, SearchRow.record_id == record_id))
        return
    found = record_text(entity.model, record)
    row = session.execute(
        select(SearchRow).where(SearchRow.entity == entity.id, SearchRow.record_id == record_id)
    ).scalar_one_or_none()
    if row is None:
        session.add(SearchRow(entity=entity.id, record_id=record_id, text=found, grams=gram_text(found)))
    elif row.text != found or row.grams is None:
        row.text = found
        row.grams = gram_text(found)


def index_rows(entity: Entity, records: list[tuple[int, Any]]) -> list[dict[str, Any]]:
    """Rows for a bulk insert into ``core_search``: ``records`` is ``[(record_id, record_like), ...]``."""
    rows = []
    for record_id, record in records:
        found = record_text(entity.model, record)
        rows.append({"entity": entity.id, "record_id": record_id, "text": found, "grams": _grams_of(found)})
    return rows


@functools.lru_cache(maxsize=TEXT_CACHE)
def _grams_of(search: str) -> str:
    return gram_text(search)


def _is_gram(word: str) -> bool:
    return len(word) == GRAM and word.isalnum()


def matching_ids(session: Session, entity: Entity, keyword: str) -> ColumnElement[bool]:
    """A condition ``model.id IN (ids whose search text contains keyword)``, through the search indexes."""
    model: Any = entity.model
    word = normalise_keyword(keyword)
    dialect = session.get_bind().dialect.name
    # `entity || ''` keeps the planner off the (entity, record_id) index: on SQLite without statistics
    # it would otherwise walk that whole index instead of looking up the few text matches
    base = select(SearchRow.record_id).where((SearchRow.entity + "") == entity.id)
    if dialect == "sqlite" and (len(word) >= TRIGRAM or _is_gram(word)):
        table = "fts_core_search" if len(word) >= TRIGRAM else "fts_core_search_grams"
        fts: Any = (
            select(literal_column("rowid"))
            .select_from(text(table))
            .where(text(f"{table} MATCH :fts_query").bindparams(fts_query=_phrase(word)))
        )
        return model.id.in_(base.where(SearchRow.id.in_(fts)))  # type: ignore[no-any-return]
    if dialect == "postgresql":
        if _is_gram(word):
            # the GIN index on the pieces (gram_array writes the expression as the index does)
            wanted = postgresql.array([cast(literal(word), Text)])
            subquery = base.where(gram_array(SearchRow.grams).op("@>")(wanted))
        else:
            subquery = base.where(SearchRow.text.like(_pattern(word), escape="\\"))
        # `id = ANY(ARRAY(...))`: the matching ids are found first (once, as an init plan) and the
        # records fetched by id, whatever the planner guesses of how many there are
        return model.id == any_(func.array(subquery.scalar_subquery()))  # type: ignore[no-any-return]
    return model.id.in_(base.where(SearchRow.text.like(_pattern(word), escape="\\")))  # type: ignore[no-any-return]


def _pattern(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _phrase(word: str) -> str:
    """An FTS5 query: ``word`` as one phrase."""
    return '"' + word.replace('"', '""') + '"'
