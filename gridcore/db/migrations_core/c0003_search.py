"""core: the search index (core_search), with FTS5 trigram on SQLite and pg_trgm on PostgreSQL.

Revision ID: c0003_search
Revises: c0002_domain
Create Date: 2026-11-28
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from alembic import op

revision = "c0003_search"
down_revision = "c0002_domain"
branch_labels = None
depends_on = None

log = logging.getLogger("gridcore.migrations")

SQLITE_FTS = [
    "CREATE VIRTUAL TABLE fts_core_search USING fts5(text, content='core_search', content_rowid='id', "
    "tokenize='trigram')",
    "CREATE TRIGGER fts_core_search_ai AFTER INSERT ON core_search BEGIN "
    "INSERT INTO fts_core_search(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER fts_core_search_ad AFTER DELETE ON core_search BEGIN "
    "INSERT INTO fts_core_search(fts_core_search, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER fts_core_search_au AFTER UPDATE ON core_search BEGIN "
    "INSERT INTO fts_core_search(fts_core_search, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO fts_core_search(rowid, text) VALUES (new.id, new.text); END",
]


def upgrade() -> None:
    op.create_table(
        "core_search",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_core_search")),
        sa.UniqueConstraint("entity", "record_id", name=op.f("uq_core_search_entity_record_id")),
    )
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_FTS:
            op.execute(statement)
    elif dialect == "postgresql":
        schema = _trigram_schema()
        if schema is not None:
            op.execute(f'CREATE INDEX ix_core_search_text_trgm ON core_search USING gin (text "{schema}".gin_trgm_ops)')


def _trigram_schema() -> str | None:
    """The schema holding pg_trgm, installing it in ``public`` when allowed; ``None`` without it."""
    bind = op.get_bind()
    query = sa.text(
        "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'"
    )
    found = bind.execute(query).scalar()
    if found is None:
        try:
            with bind.begin_nested():
                bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public"))
        except sa.exc.DBAPIError:
            log.warning("pg_trgm is not available: contains-search will scan (ask the DBA to install it)")
            return None
        found = bind.execute(query).scalar()
    return str(found) if found is not None else None


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in ("fts_core_search_ai", "fts_core_search_ad", "fts_core_search_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS fts_core_search")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_core_search_text_trgm")
    op.drop_table("core_search")
