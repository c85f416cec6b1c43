"""Loading a verified backup into an empty database, and checking the result against the manifest.

Rows are inserted with their ids, parents before children (a self-referencing table such as the
jurisdiction tree in tree order), in one transaction; PostgreSQL's id sequences are moved past the
loaded ids. The loaded database is then checked: SQLite's ``integrity_check`` and
``foreign_key_check``, and every table's row count and content hash against the manifest.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Integer, Table, insert, inspect, select, text

from gridcore.errors import DatabaseError
from gridcore.packages.codec import PackageError, TableCodec, content_hash
from gridcore.packages.database import model_tables, snapshot
from gridcore.packages.merge import ordered_rows

if TYPE_CHECKING:
    from gridcore.app import GridApp
    from gridcore.packages.reader import OpenedPackage


def _tables_for(app: GridApp, connection: Connection, package: OpenedPackage) -> list[tuple[Table, dict[str, Any]]]:
    present = set(inspect(connection).get_table_names())
    known = {table.name: table for table in model_tables(app)}
    for entry in package.tables:
        if entry["name"] not in known or entry["name"] not in present:
            raise PackageError(f"数据包中的表 {entry['name']} 在本数据库中不存在 (plugin not enabled?)")
        codec = TableCodec(known[entry["name"]])
        if entry["fields"] != codec.fields:
            raise PackageError(f"数据包中表 {entry['name']} 的字段与本数据库不一致 (schema differs)")
    entries = {entry["name"]: entry for entry in package.tables}
    return [(table, entries[table.name]) for table in model_tables(app) if table.name in entries]


def load_package(app: GridApp, package: OpenedPackage, *, skip: Collection[str] = ()) -> dict[str, int]:
    """Insert every table of ``package`` (but ``skip``) into ``app``'s empty database; rows per table."""
    counts: dict[str, int] = {}
    engine = app.db.engine.execution_options(gridcore_write=True)
    with engine.connect() as connection, connection.begin():
        plan = _tables_for(app, connection, package)
        for table, entry in plan:
            if table.name in skip:
                continue
            codec = TableCodec(table)
            count = 0
            for batch in ordered_rows(table, (codec.decode(line) for line in package.lines(entry))):
                connection.execute(insert(table), batch)
                count += len(batch)
            counts[table.name] = count
        if connection.dialect.name == "postgresql":
            advance_sequences(connection, [table for table, _ in plan])
    return counts


def advance_sequences(connection: Connection, tables: Collection[Table]) -> None:
    """Move each id sequence (PostgreSQL) past the largest id, so that new records get fresh ids."""
    quote = connection.dialect.identifier_preparer.quote
    for table in tables:
        columns = list(table.primary_key.columns)
        if len(columns) != 1 or not isinstance(columns[0].type, Integer):
            continue
        column = columns[0]
        sequence = connection.execute(
            text("SELECT pg_get_serial_sequence(:table, :column)"), {"table": table.name, "column": column.name}
        ).scalar()
        if sequence:
            largest = f"SELECT COALESCE(MAX({quote(column.name)}), 0) + 1 FROM {quote(table.name)}"
            connection.execute(text(f"SELECT setval(:sequence, ({largest}), false)"), {"sequence": sequence})


def copy_table(source: GridApp, target: GridApp, table: Table) -> int | None:
    """Copy every row of ``table`` from ``source`` into ``target`` (same backend); the largest id copied."""
    pk = list(table.primary_key.columns)
    largest: int | None = None
    engine = target.db.engine.execution_options(gridcore_write=True)
    with snapshot(source.db) as reading, engine.connect() as writing, writing.begin():
        batch: list[dict[str, Any]] = []
        for row in reading.execution_options(stream_results=True, yield_per=1000).execute(select(table).order_by(*pk)):
            values = dict(row._mapping)
            batch.append(values)
            if len(pk) == 1 and values[pk[0].name] is not None:
                largest = max(largest or 0, int(values[pk[0].name]))
            if len(batch) >= 1000:
                writing.execute(insert(table), batch)
                batch = []
        if batch:
            writing.execute(insert(table), batch)
        if writing.dialect.name == "postgresql":
            advance_sequences(writing, [table])
    return largest


def integrity_problems(app: GridApp) -> list[str]:
    """What SQLite's ``integrity_check`` and ``foreign_key_check`` find wrong (nothing on PostgreSQL)."""
    if not app.db.is_sqlite:
        return []
    with app.db.engine.connect() as connection:
        integrity = [str(row[0]) for row in connection.exec_driver_sql("PRAGMA integrity_check")]
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    problems = [] if integrity == ["ok"] else [f"integrity_check: {'; '.join(integrity[:3])}"]
    if broken:
        problems.append(f"foreign_key_check: {len(broken)} 处外键不一致 {broken[:3]}")
    return problems


def check_loaded(app: GridApp, package: OpenedPackage, *, skip: Collection[str] = ()) -> None:
    """The loaded copy must be intact and hold exactly the package's content (B2: checked before the swap)."""
    problems = integrity_problems(app)
    if problems:
        raise DatabaseError(f"恢复的数据库副本未通过完整性检查: {problems[0]}")
    known = {table.name: table for table in model_tables(app)}
    with snapshot(app.db) as connection:
        for entry in package.tables:
            if entry["name"] in skip:
                continue
            rows, digest = content_hash(connection, known[entry["name"]])
            if rows != entry["rows"] or digest != entry["sha256"]:
                raise DatabaseError(
                    f"恢复的表 {entry['name']} 与备份不一致 ({rows} 行, 备份 {entry['rows']} 行): 未替换现有数据"
                )
