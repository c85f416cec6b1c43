"""数据初始: which tables hold business records, and clearing them in one transaction (§7.9, R-Q08).

Cleared: every entity's table (the jurisdiction included, and every plugin's), every table that refers
to one of them, the search index and the ledger of received packages. Kept: dictionaries, operators,
permission groups, login sessions, the audit log, record-number sequences (numbers are never reused:
old packages and backups may still hold them, §2.6 J), trusted keys, and the schema version.
Operators bound to a region lose the binding and are disabled, so that none is left with an
unlimited scope. On SQLite the freed pages are overwritten (``secure_delete``) and the file is
vacuumed afterwards, so that no trial record can be read back from it (P5).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Table, delete, func, inspect, select, update

from gridcore.errors import ConflictError
from gridcore.packages.database import model_tables
from gridcore.packages.merge import self_parent

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from gridcore.app import GridApp

KEPT = frozenset(
    {
        "alembic_version",
        "core_dictionary_entry",
        "core_operator",
        "core_permission_group",
        "core_group_permission",
        "core_session",
        "core_audit",
        "core_sequence",
        "core_trusted_unit",
        "core_branding",
    }
)
ALWAYS_CLEARED = frozenset({"core_search", "core_exchange_ledger"})
OPERATORS = "core_operator"


def business_tables(app: GridApp) -> list[Table]:
    """The tables a reset clears, parents first."""
    tables = model_tables(app)
    cleared = {entity.model.__table__.name for entity in app.registry.entities.values()}  # type: ignore[attr-defined]
    cleared |= ALWAYS_CLEARED
    grown = True
    while grown:
        grown = False
        for table in tables:
            if table.name in cleared or table.name in KEPT:
                continue
            if any(fk.column.table.name in cleared for fk in table.foreign_keys):
                cleared.add(table.name)
                grown = True
    return [table for table in tables if table.name in cleared]


def unbind_kept(session: Session, app: GridApp, cleared: set[str], present: set[str]) -> list[int]:
    """Clear references from kept tables into cleared ones; the ids of the operators disabled."""
    disabled: list[int] = []
    for table in model_tables(app):
        if table.name in cleared or table.name not in present:
            continue
        for fk in table.foreign_keys:
            if fk.column.table.name not in cleared:
                continue
            column = fk.parent
            if not column.nullable:
                raise ConflictError(f"表 {table.name} 的 {column.name} 引用了业务数据且不能为空: 无法数据初始")
            if table.name == OPERATORS:
                ids = list(session.execute(select(table.c.id).where(column.is_not(None))).scalars())
                if ids:
                    session.execute(
                        update(table).where(table.c.id.in_(ids)).values({column.name: None, "enabled": False})
                    )
                    disabled.extend(ids)
            else:
                session.execute(update(table).where(column.is_not(None)).values({column.name: None}))
    return disabled


def clear_business(session: Session, app: GridApp) -> tuple[dict[str, int], list[int]]:
    """Delete every business record (children first); rows deleted per table and the operators disabled."""
    present = set(inspect(session.connection()).get_table_names())
    tables = [table for table in business_tables(app) if table.name in present]
    names = {table.name for table in tables}
    if session.get_bind().dialect.name == "sqlite":
        session.connection().exec_driver_sql("PRAGMA secure_delete=ON")
    disabled = unbind_kept(session, app, names, present)
    counts: dict[str, int] = {}
    for table in reversed(tables):
        counts[table.name] = int(session.execute(select(func.count()).select_from(table)).scalar_one())
        parent = self_parent(table)
        if parent is not None:
            session.execute(update(table).where(table.c[parent].is_not(None)).values({parent: None}))
        session.execute(delete(table))
    return counts, disabled


def scrub_sqlite(app: GridApp) -> None:
    """After a reset on SQLite: rebuild the full-text index, vacuum and truncate the WAL (P5)."""
    if not app.db.is_sqlite:
        return
    app.db.dispose()
    raw = app.db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        names = {row[0] for row in cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        cursor.execute("PRAGMA secure_delete=ON")
        if "fts_core_search" in names:
            cursor.execute("INSERT INTO fts_core_search(fts_core_search) VALUES ('rebuild')")
        cursor.execute("VACUUM")
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.close()
    finally:
        raw.close()
