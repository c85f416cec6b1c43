"""The search index table (``core_search``)."""

from __future__ import annotations

from sqlalchemy import ColumnElement, Index, Integer, String, Text, UniqueConstraint, func, literal_column
from sqlalchemy.orm import Mapped, mapped_column

from gridcore.db.metadata import Base


class SearchRow(Base):
    """The search text of one record of one entity, and its 2-character pieces (``grams``).

    ``text`` is indexed by trigrams (FTS5 ``fts_core_search`` on SQLite, pg_trgm on PostgreSQL);
    ``grams`` by whole pieces (FTS5 ``fts_core_search_grams`` on SQLite, which indexes ``entity`` too,
    the GIN index below on PostgreSQL), for keywords of two characters. The FTS5 tables are made by
    migrations c0003 and c0007, not from this model.
    """

    __tablename__ = "core_search"
    __table_args__ = (UniqueConstraint("entity", "record_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity: Mapped[str] = mapped_column(String(40), nullable=False)
    record_id: Mapped[int] = mapped_column(Integer, nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    grams: Mapped[str | None] = mapped_column(Text)


def gram_array(grams: ColumnElement[str | None] | Mapped[str | None]) -> ColumnElement[list[str]]:
    """``string_to_array(grams, ' ')``: PostgreSQL's indexed form of the pieces (the separator inline, as
    in the index, so that the planner matches the two)."""
    return func.string_to_array(grams, literal_column("' '"))


Index("ix_core_search_grams", gram_array(SearchRow.grams), postgresql_using="gin").ddl_if(dialect="postgresql")
