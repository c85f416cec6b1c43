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
import re
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    Text,
    any_,
    cast,
    delete,
    func,
    literal,
    literal_column,
    select,
    text,
)
from sqlalchemy.dialects import postgresql

from gridcore.domain.search_text import normalise_keyword, search_text
from gridcore.entities import entity_fields
from gridcore.search.models import SearchRow, gram_array

if TYPE_CHECKING:
    from collections.abc import Sequence

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
    ids, likes = [pair[0] for pair in records], [pair[1] for pair in records]
    columns = index_columns(entity, ids, likes)
    return [dict(zip(INDEX_COLUMNS, row, strict=True)) for row in zip(*columns, strict=True)]


#: The columns of :func:`index_columns`, in order.
INDEX_COLUMNS = ("entity", "record_id", "text", "grams")


def index_columns(entity: Entity, ids: Sequence[int], records: Sequence[Any]) -> list[Sequence[Any]]:
    """The values of each of :data:`INDEX_COLUMNS` for a bulk insert into ``core_search``, column by column.

    ``ids[i]`` is the id of ``records[i]``.
    """
    names = searchable_fields(entity.model)
    if len(names) == 1:
        texts = [_text_of((value,)) for value in map(operator.attrgetter(names[0]), records)]
    else:
        texts = [_text_of(tuple(getattr(record, name) for name in names)) for record in records]
    return [[entity.id] * len(texts), list(ids), texts, list(map(_grams_of, texts))]


def last_search_id(session: Session) -> int:
    """The highest id of ``core_search`` (0 when empty): rows inserted after it have higher ids."""
    found = session.connection().exec_driver_sql("SELECT max(id) FROM core_search").scalar()
    return int(found or 0)


def index_inserted(session: Session, after_id: int) -> None:
    """Fill both FTS5 indexes (SQLite) with the search rows of ids above ``after_id``, one statement each.

    For a bulk insert made under :func:`gridcore.stats.summary.deferred_upkeep`, whose triggers left
    the indexes alone; every row above ``after_id`` must be one of that insert's.
    """
    connection = session.connection()
    bounds = (after_id,)
    connection.exec_driver_sql(
        "INSERT INTO fts_core_search(rowid, text) SELECT id, text FROM core_search WHERE id > ?", bounds
    )
    connection.exec_driver_sql(
        "INSERT INTO fts_core_search_grams(rowid, grams, entity) SELECT id, grams, entity FROM core_search "
        "WHERE id > ?",
        bounds,
    )


@functools.lru_cache(maxsize=TEXT_CACHE)
def _grams_of(search: str) -> str:
    return gram_text(search)


def _is_gram(word: str) -> bool:
    return len(word) == GRAM and word.isalnum()


def matching_ids(session: Session, entity: Entity, keyword: str) -> ColumnElement[bool]:
    """A condition ``model.id IN (ids whose search text contains keyword)``, through the search indexes."""
    model: Any = entity.model
    subquery = _matching(session, entity, keyword, SearchRow.record_id)
    if session.get_bind().dialect.name == "postgresql":
        # `id = ANY(ARRAY(...))`: the matching ids are found first (once, as an init plan) and the
        # records fetched by id, whatever the planner guesses of how many there are
        return model.id == any_(func.array(subquery.scalar_subquery()))  # type: ignore[no-any-return]
    return model.id.in_(subquery)  # type: ignore[no-any-return]


def matching_rows(session: Session, entity: Entity, keyword: str) -> Select[tuple[int]]:
    """The ids of the search rows of ``entity`` whose text contains ``keyword``: one per matching record.

    A search row is written and deleted with its record, in the same transaction, so counting these
    counts the records that :func:`matching_ids` selects, without reading them: over a million
    residents, a look-up of each matching record is most of the cost of a count (``benchmarks/``).
    On SQLite a 2-character keyword of most entities is answered by the pieces index alone
    (``"zs" AND "resident"``): a fixed cost (a walk of the entity's list in that index, ~7 ms for a
    million residents) instead of one search row read per match (~1.5 µs each: 9,073 for ``zs``).
    """
    word = normalise_keyword(keyword)
    if session.get_bind().dialect.name == "sqlite" and _is_gram(word) and _entity_token(entity.id):
        return _pieces_rowids(word, entity.id)
    return _matching(session, entity, keyword, SearchRow.id)


def _matching(session: Session, entity: Entity, keyword: str, column: Any) -> Select[tuple[int]]:
    """``column`` of the search rows of ``entity`` whose text contains ``keyword``, through the indexes."""
    word = normalise_keyword(keyword)
    dialect = session.get_bind().dialect.name
    # `entity || ''` keeps the planner off the (entity, record_id) index: on SQLite without statistics
    # it would otherwise walk that whole index instead of looking up the few text matches
    base = select(column).where((SearchRow.entity + "") == entity.id)
    if dialect == "sqlite" and len(word) >= TRIGRAM:
        return base.where(SearchRow.id.in_(_fts_rowids("fts_core_search", _phrase(word))))
    if dialect == "sqlite" and _is_gram(word):
        # the entity is checked on the search row, read anyway for the record id: `AND "entity"` would
        # walk the entity's whole list in the pieces index (~7 ms over a million residents)
        return base.where(SearchRow.id.in_(_pieces_rowids(word)))
    if dialect == "postgresql" and _is_gram(word):
        # the GIN index on the pieces (gram_array writes the expression as the index does)
        wanted = postgresql.array([cast(literal(word), Text)])
        return base.where(gram_array(SearchRow.grams).op("@>")(wanted))
    return base.where(SearchRow.text.like(_pattern(word), escape="\\"))


def _pieces_rowids(word: str, entity_id: str | None = None) -> Select[tuple[int]]:
    """The ids of the search rows whose pieces hold ``word``, of ``entity_id`` only when given (it must
    be an :func:`_entity_token`)."""
    query = _phrase(word) + (f" AND {_phrase(entity_id)}" if entity_id is not None else "")
    return _fts_rowids("fts_core_search_grams", query)


def _fts_rowids(table: str, query: str) -> Select[tuple[int]]:
    match = text(f"{table} MATCH :fts_query").bindparams(fts_query=query)
    return select(literal_column("rowid", Integer)).select_from(text(table)).where(match)


def _entity_token(entity_id: str) -> bool:
    """Whether the pieces index (``tokenchars '_'``) holds ``entity_id`` as one token that is no piece and
    no other entity's: lower-case ASCII letters, digits and ``_``, and not two letters or digits."""
    return _ENTITY_TOKEN.fullmatch(entity_id) is not None and not _is_gram(entity_id)


_ENTITY_TOKEN = re.compile(r"[a-z0-9_]+")


def _pattern(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _phrase(word: str) -> str:
    """An FTS5 query: ``word`` as one phrase."""
    return '"' + word.replace('"', '""') + '"'
