"""core: the residents' statistics summary (kept by triggers) and the 2-character search index.

- ``stats_core_resident`` and ``stats_core_resident_age``: residents per compound and per statistic
  key (the birth month ``YYYYMM`` for ages), kept exact by triggers on ``core_resident`` and
  ``core_household`` (row triggers on SQLite, statement triggers with transition tables on
  PostgreSQL), and filled from the present residents.
  See :mod:`gridcore.stats.summary`.
- ``ix_core_resident_birth_household``: residents by birth date, with their household and 独居, so that
  the statistics count the residents born in part of a month without reading their rows.
- ``core_search.grams``: the 2-character pieces of every word of the search text, indexed by an FTS5
  table (``fts_core_search_grams``, with the row's entity, kept by triggers as ``fts_core_search`` is)
  on SQLite and a GIN index on PostgreSQL, so that a 2-character keyword (``张伟``, ``zs``) no longer
  scans; filled for the present rows.
- ``deferred_upkeep`` (SQLite): a flag table, empty but while an import inserts a chunk. The insert
  triggers of the summary and of both FTS5 indexes (``fts_core_search_ai`` of c0003 is made again with
  it) do nothing while it holds a row: the import then fills them once per chunk, with one aggregated
  upsert and one ``INSERT ... SELECT`` each (as the PostgreSQL statement triggers do), and empties it
  in the same transaction. See :mod:`gridcore.stats.summary`.

The trigger SQL is written out here, as it stood at this revision.

Revision ID: c0007_stats_search
Revises: c0006_branding
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "c0007_stats_search"
down_revision = "c0006_branding"
branch_labels = None
depends_on = None

CODES = ("sex", "hukou_type", "political_status", "ethnicity", "population_type", "special_group")
FLAGS = ("is_disabled", "is_dibao")
PROFILE_KEY = ", ".join(("compound_id", *CODES, *FLAGS))
AGE_KEY = "compound_id, birth_month, lives_alone"
PROFILE_COLUMNS = ("household_id", *CODES, *FLAGS)
AGE_COLUMNS = ("household_id", "birth_date", "lives_alone")
BACKFILL_BATCH = 5000
#: The birth month ``YYYYMM`` of resident ``r`` on PostgreSQL (NULL without a birth date).
PG_MONTH = "(extract(year FROM r.birth_date) * 100 + extract(month FROM r.birth_date))::integer"


def _sqlite_month(row: str) -> str:
    """The birth month ``YYYYMM`` of ``row`` on SQLite (dates are stored as ``YYYY-MM-DD`` text), 0 if none."""
    prefix = f"{row}." if row else ""
    return f"coalesce(CAST(substr({prefix}birth_date, 1, 4) || substr({prefix}birth_date, 6, 2) AS INTEGER), 0)"


# ----------------------------------------------------------------------------------------------- SQLite


def _sqlite_compound(row: str) -> str:
    return f"coalesce((SELECT compound_id FROM core_household WHERE id = {row}.household_id), 0)"


def _sqlite_profile(row: str, sign: int) -> str:
    values = ", ".join(
        (
            _sqlite_compound(row),
            *(f"coalesce({row}.{name}, '')" for name in CODES),
            *(f"coalesce({row}.{name}, 0)" for name in FLAGS),
        )
    )
    return (
        f"INSERT INTO stats_core_resident ({PROFILE_KEY}, residents) VALUES ({values}, {sign}) "
        f"ON CONFLICT ({PROFILE_KEY}) DO UPDATE SET residents = residents + excluded.residents;"
    )


def _sqlite_age(row: str, sign: int) -> str:
    return (
        f"INSERT INTO stats_core_resident_age ({AGE_KEY}, residents) "
        f"VALUES ({_sqlite_compound(row)}, {_sqlite_month(row)}, coalesce({row}.lives_alone, 0), {sign}) "
        f"ON CONFLICT ({AGE_KEY}) DO UPDATE SET residents = residents + excluded.residents;"
    )


SQLITE_ZEROS = (
    "DELETE FROM stats_core_resident WHERE residents = 0; DELETE FROM stats_core_resident_age WHERE residents = 0;"
)


def _sqlite_moved(household: str, sign: int) -> str:
    """The residents of a household counted (+1) in or taken (-1) out of its compound."""
    compound = f"coalesce({household}.compound_id, 0)"
    codes = ", ".join(f"coalesce({name}, '')" for name in CODES)
    flags = ", ".join(f"coalesce({name}, 0)" for name in FLAGS)
    month = _sqlite_month("")
    return (
        f"INSERT INTO stats_core_resident ({PROFILE_KEY}, residents) "
        f"SELECT {compound}, {codes}, {flags}, {sign} * count(*) FROM core_resident "
        f"WHERE household_id = {household}.id GROUP BY {codes}, {flags} "
        f"ON CONFLICT ({PROFILE_KEY}) DO UPDATE SET residents = residents + excluded.residents; "
        f"INSERT INTO stats_core_resident_age ({AGE_KEY}, residents) "
        f"SELECT {compound}, {month}, coalesce(lives_alone, 0), {sign} * count(*) FROM core_resident "
        f"WHERE household_id = {household}.id GROUP BY {month}, coalesce(lives_alone, 0) "
        f"ON CONFLICT ({AGE_KEY}) DO UPDATE SET residents = residents + excluded.residents;"
    )


#: The flag table of SQLite: while it holds a row (inside an import's transaction only), the insert
#: triggers below leave the summary and the FTS5 indexes to the import, which fills them per chunk.
DEFERRED = "deferred_upkeep"
WHEN_NOT_DEFERRED = f"WHEN NOT EXISTS (SELECT 1 FROM {DEFERRED})"

SQLITE_TRIGGERS = (
    f"CREATE TRIGGER stats_core_resident_ai AFTER INSERT ON core_resident {WHEN_NOT_DEFERRED} BEGIN "
    f"{_sqlite_profile('new', 1)} {_sqlite_age('new', 1)} END",
    "CREATE TRIGGER stats_core_resident_ad AFTER DELETE ON core_resident BEGIN "
    f"{_sqlite_profile('old', -1)} {_sqlite_age('old', -1)} {SQLITE_ZEROS} END",
    f"CREATE TRIGGER stats_core_resident_au AFTER UPDATE OF {', '.join(PROFILE_COLUMNS)} ON core_resident BEGIN "
    f"{_sqlite_profile('old', -1)} {_sqlite_profile('new', 1)} {SQLITE_ZEROS} END",
    f"CREATE TRIGGER stats_core_resident_age_au AFTER UPDATE OF {', '.join(AGE_COLUMNS)} ON core_resident BEGIN "
    f"{_sqlite_age('old', -1)} {_sqlite_age('new', 1)} {SQLITE_ZEROS} END",
    "CREATE TRIGGER stats_core_household_au AFTER UPDATE OF compound_id ON core_household "
    "WHEN old.compound_id IS NOT new.compound_id BEGIN "
    f"{_sqlite_moved('old', -1)} {_sqlite_moved('new', 1)} {SQLITE_ZEROS} END",
)
SQLITE_TRIGGER_NAMES = (
    "stats_core_resident_ai",
    "stats_core_resident_ad",
    "stats_core_resident_au",
    "stats_core_resident_age_au",
    "stats_core_household_au",
)

#: The pieces and the entity of each search row: a 2-character keyword of one entity is then one FTS5
#: query (``"zs" AND "resident"``; ``_`` is kept inside a token so that ``party_member`` is one), and
#: the rows of other entities are never read (measured over 1,000,000 residents: ``benchmarks/``).
SQLITE_GRAMS = (
    "CREATE VIRTUAL TABLE fts_core_search_grams USING fts5(grams, entity, content='core_search', "
    "content_rowid='id', tokenize=\"unicode61 tokenchars '_'\", detail='none')",
    f"CREATE TRIGGER fts_core_search_grams_ai AFTER INSERT ON core_search {WHEN_NOT_DEFERRED} BEGIN "
    "INSERT INTO fts_core_search_grams(rowid, grams, entity) VALUES (new.id, new.grams, new.entity); END",
    "CREATE TRIGGER fts_core_search_grams_ad AFTER DELETE ON core_search BEGIN "
    "INSERT INTO fts_core_search_grams(fts_core_search_grams, rowid, grams, entity) "
    "VALUES ('delete', old.id, old.grams, old.entity); END",
    "CREATE TRIGGER fts_core_search_grams_au AFTER UPDATE OF grams, entity ON core_search BEGIN "
    "INSERT INTO fts_core_search_grams(fts_core_search_grams, rowid, grams, entity) "
    "VALUES ('delete', old.id, old.grams, old.entity); "
    "INSERT INTO fts_core_search_grams(rowid, grams, entity) VALUES (new.id, new.grams, new.entity); END",
)

#: c0003's trigram insert trigger, made again with the flag (and back as c0003 made it on downgrade).
SQLITE_TRIGRAM_INSERT = (
    "CREATE TRIGGER fts_core_search_ai AFTER INSERT ON core_search {when}BEGIN "
    "INSERT INTO fts_core_search(rowid, text) VALUES (new.id, new.text); END"
)

# ----------------------------------------------------------------------------------------------- PostgreSQL


def _pg_upserts(source: str) -> str:
    """Both summary tables changed by ``source`` (rows of residents with ``d`` = +1 or -1)."""
    codes = ", ".join(f"coalesce(r.{name}, '')" for name in CODES)
    flags = ", ".join(f"coalesce(r.{name}, false)" for name in FLAGS)
    profile_positions = ", ".join(str(i) for i in range(1, 2 + len(CODES) + len(FLAGS)))
    return (
        f"INSERT INTO stats_core_resident AS s ({PROFILE_KEY}, residents) "
        f"SELECT coalesce(h.compound_id, 0), {codes}, {flags}, sum(r.d)::integer "
        f"FROM ({source}) AS r LEFT JOIN core_household AS h ON h.id = r.household_id "
        f"GROUP BY {profile_positions} HAVING sum(r.d) <> 0 ORDER BY {profile_positions} "
        f"ON CONFLICT ({PROFILE_KEY}) DO UPDATE SET residents = s.residents + excluded.residents; "
        f"INSERT INTO stats_core_resident_age AS s ({AGE_KEY}, residents) "
        f"SELECT coalesce(h.compound_id, 0), coalesce({PG_MONTH}, 0), "
        "coalesce(r.lives_alone, false), sum(r.d)::integer "
        f"FROM ({source}) AS r LEFT JOIN core_household AS h ON h.id = r.household_id "
        "GROUP BY 1, 2, 3 HAVING sum(r.d) <> 0 ORDER BY 1, 2, 3 "
        f"ON CONFLICT ({AGE_KEY}) DO UPDATE SET residents = s.residents + excluded.residents; "
        "DELETE FROM stats_core_resident WHERE residents = 0; "
        "DELETE FROM stats_core_resident_age WHERE residents = 0;"
    )


def _pg_rows(table: str, sign: int) -> str:
    columns = ", ".join(("household_id", *CODES, *FLAGS, "birth_date", "lives_alone"))
    return f"SELECT {columns}, {sign} AS d FROM {table}"


def _pg_moved() -> str:
    """Residents of households whose compound changed: out of the old compound, into the new one."""
    changed = "FROM old_rows AS o JOIN new_rows AS n ON n.id = o.id WHERE o.compound_id IS DISTINCT FROM n.compound_id"
    moves = f"SELECT o.id, o.compound_id, -1 AS d {changed} UNION ALL SELECT n.id, n.compound_id, 1 {changed}"
    codes = ", ".join(f"coalesce(r.{name}, '')" for name in CODES)
    flags = ", ".join(f"coalesce(r.{name}, false)" for name in FLAGS)
    positions = ", ".join(str(i) for i in range(1, 2 + len(CODES) + len(FLAGS)))
    return (
        f"INSERT INTO stats_core_resident AS s ({PROFILE_KEY}, residents) "
        f"SELECT coalesce(m.compound_id, 0), {codes}, {flags}, sum(m.d)::integer "
        f"FROM ({moves}) AS m JOIN core_resident AS r ON r.household_id = m.id "
        f"GROUP BY {positions} HAVING sum(m.d) <> 0 ORDER BY {positions} "
        f"ON CONFLICT ({PROFILE_KEY}) DO UPDATE SET residents = s.residents + excluded.residents; "
        f"INSERT INTO stats_core_resident_age AS s ({AGE_KEY}, residents) "
        f"SELECT coalesce(m.compound_id, 0), coalesce({PG_MONTH}, 0), "
        "coalesce(r.lives_alone, false), sum(m.d)::integer "
        f"FROM ({moves}) AS m JOIN core_resident AS r ON r.household_id = m.id "
        "GROUP BY 1, 2, 3 HAVING sum(m.d) <> 0 ORDER BY 1, 2, 3 "
        f"ON CONFLICT ({AGE_KEY}) DO UPDATE SET residents = s.residents + excluded.residents; "
        "DELETE FROM stats_core_resident WHERE residents = 0; "
        "DELETE FROM stats_core_resident_age WHERE residents = 0;"
    )


def _pg_function(name: str, body: str) -> str:
    return f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {body} RETURN NULL; END $$"


PG_FUNCTIONS = {
    "stats_core_resident_inserted": _pg_upserts(_pg_rows("new_rows", 1)),
    "stats_core_resident_deleted": _pg_upserts(_pg_rows("old_rows", -1)),
    "stats_core_resident_updated": _pg_upserts(f"{_pg_rows('old_rows', -1)} UNION ALL {_pg_rows('new_rows', 1)}"),
    "stats_core_resident_truncated": "DELETE FROM stats_core_resident; DELETE FROM stats_core_resident_age;",
    "stats_core_household_updated": _pg_moved(),
}
PG_TRIGGERS = (
    "CREATE TRIGGER stats_core_resident_ai AFTER INSERT ON core_resident REFERENCING NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION stats_core_resident_inserted()",
    "CREATE TRIGGER stats_core_resident_ad AFTER DELETE ON core_resident REFERENCING OLD TABLE AS old_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION stats_core_resident_deleted()",
    "CREATE TRIGGER stats_core_resident_au AFTER UPDATE ON core_resident "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION stats_core_resident_updated()",
    "CREATE TRIGGER stats_core_resident_at AFTER TRUNCATE ON core_resident "
    "FOR EACH STATEMENT EXECUTE FUNCTION stats_core_resident_truncated()",
    "CREATE TRIGGER stats_core_household_au AFTER UPDATE ON core_household "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION stats_core_household_updated()",
)
PG_TRIGGER_TABLES = (
    ("stats_core_resident_ai", "core_resident"),
    ("stats_core_resident_ad", "core_resident"),
    ("stats_core_resident_au", "core_resident"),
    ("stats_core_resident_at", "core_resident"),
    ("stats_core_household_au", "core_household"),
)

# ----------------------------------------------------------------------------------------------- both


def _backfill_summary(dialect: str) -> None:
    codes = ", ".join(f"coalesce(r.{name}, '')" for name in CODES)
    falsy = "0" if dialect == "sqlite" else "false"
    flags = ", ".join(f"coalesce(r.{name}, {falsy})" for name in FLAGS)
    month = _sqlite_month("r") if dialect == "sqlite" else f"coalesce({PG_MONTH}, 0)"
    joined = "FROM core_resident AS r LEFT JOIN core_household AS h ON h.id = r.household_id"
    op.execute(
        f"INSERT INTO stats_core_resident ({PROFILE_KEY}, residents) "
        f"SELECT coalesce(h.compound_id, 0), {codes}, {flags}, count(*) {joined} "
        f"GROUP BY coalesce(h.compound_id, 0), {codes}, {flags}"
    )
    age = f"coalesce(h.compound_id, 0), {month}, coalesce(r.lives_alone, {falsy})"
    op.execute(
        f"INSERT INTO stats_core_resident_age ({AGE_KEY}, residents) SELECT {age}, count(*) {joined} GROUP BY {age}"
    )


def _grams(text: str) -> str:
    """The distinct 2-character pieces (letters and digits only) of each word, space-separated.

    The same rule as :func:`gridcore.search.index.gram_text`, as it stood at this revision.
    """
    pieces = dict.fromkeys(
        word[i : i + 2] for word in text.split() for i in range(len(word) - 1) if word[i : i + 2].isalnum()
    )
    return " ".join(pieces)


def _backfill_grams() -> None:
    bind = op.get_bind()
    search = sa.table("core_search", sa.column("id", sa.Integer), sa.column("text", sa.Text), sa.column("grams"))
    last = 0
    while True:
        rows = bind.execute(
            sa.select(search.c.id, search.c.text).where(search.c.id > last).order_by(search.c.id).limit(BACKFILL_BATCH)
        ).all()
        if not rows:
            return
        bind.execute(
            sa.update(search).where(search.c.id == sa.bindparam("row_id")).values(grams=sa.bindparam("new_grams")),
            [{"row_id": row_id, "new_grams": _grams(text or "")} for row_id, text in rows],
        )
        last = rows[-1][0]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_table(
        "stats_core_resident",
        sa.Column("compound_id", sa.Integer(), nullable=False),
        *(sa.Column(name, sa.String(length=40), nullable=False) for name in CODES),
        *(sa.Column(name, sa.Boolean(), nullable=False) for name in FLAGS),
        sa.Column("residents", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("compound_id", *CODES, *FLAGS, name="pk_stats_core_resident"),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "stats_core_resident_age",
        sa.Column("compound_id", sa.Integer(), nullable=False),
        sa.Column("birth_month", sa.Integer(), nullable=False),
        sa.Column("lives_alone", sa.Boolean(), nullable=False),
        sa.Column("residents", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("compound_id", "birth_month", "lives_alone", name="pk_stats_core_resident_age"),
        sqlite_with_rowid=False,
    )
    # rows whose count drops to zero are deleted at once: this keeps finding them cheap
    zero = sa.text("residents = 0")
    for table in ("stats_core_resident", "stats_core_resident_age"):
        op.create_index(f"ix_{table}_zero", table, ["compound_id"], sqlite_where=zero, postgresql_where=zero)
    _backfill_summary(dialect)
    # the statistics count the residents born in part of a month, in the compounds of a scope: covering
    op.create_index("ix_core_resident_birth_household", "core_resident", ["birth_date", "household_id", "lives_alone"])
    op.add_column("core_search", sa.Column("grams", sa.Text(), nullable=True))  # ALTER TABLE: triggers stay
    _backfill_grams()
    if dialect == "sqlite":
        op.execute(f"CREATE TABLE {DEFERRED} (active INTEGER NOT NULL)")
        for statement in SQLITE_TRIGGERS + SQLITE_GRAMS:
            op.execute(statement)
        op.execute("DROP TRIGGER fts_core_search_ai")
        op.execute(SQLITE_TRIGRAM_INSERT.format(when=f"{WHEN_NOT_DEFERRED} "))
        op.execute("INSERT INTO fts_core_search_grams(fts_core_search_grams) VALUES ('rebuild')")
    elif dialect == "postgresql":
        for name, body in PG_FUNCTIONS.items():
            op.execute(_pg_function(name, body))
        for statement in PG_TRIGGERS:
            op.execute(statement)
        op.execute("CREATE INDEX ix_core_search_grams ON core_search USING gin (string_to_array(grams, ' '))")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in (*SQLITE_TRIGGER_NAMES, "fts_core_search_grams_ai", "fts_core_search_grams_ad"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TRIGGER IF EXISTS fts_core_search_grams_au")
        op.execute("DROP TABLE IF EXISTS fts_core_search_grams")
        op.execute("DROP TRIGGER IF EXISTS fts_core_search_ai")
        op.execute(SQLITE_TRIGRAM_INSERT.format(when=""))
        op.execute(f"DROP TABLE IF EXISTS {DEFERRED}")
    elif dialect == "postgresql":
        for trigger, table in PG_TRIGGER_TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
        for name in PG_FUNCTIONS:
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
        op.execute("DROP INDEX IF EXISTS ix_core_search_grams")
    op.drop_column("core_search", "grams")  # SQLite 3.35+ drops a column in place
    op.drop_index("ix_core_resident_birth_household", table_name="core_resident")
    op.drop_index("ix_stats_core_resident_age_zero", table_name="stats_core_resident_age")
    op.drop_index("ix_stats_core_resident_zero", table_name="stats_core_resident")
    op.drop_table("stats_core_resident_age")
    op.drop_table("stats_core_resident")
