"""The database side of packages: which tables, a consistent snapshot, schema versions, content hashes.

A snapshot is one read transaction: on SQLite a deferred ``BEGIN`` under WAL (the first read fixes the
snapshot, writers go on meanwhile), on PostgreSQL ``REPEATABLE READ``, read only. Every table of a
backup is read inside it, so the package is consistent even while others write.
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Table, inspect

from gridcore.db.metadata import metadata
from gridcore.packages.codec import content_hash

if TYPE_CHECKING:
    from gridcore.app import GridApp
    from gridcore.db.engine import Database

#: Login sessions are never backed up nor restored: a restore logs everyone out.
NOT_BACKED_UP = frozenset({"core_session"})
#: The audit log only grows: a restore keeps the live one (see :mod:`gridcore.packages.restore`).
AUDIT_TABLE = "core_audit"
#: Tables whose content legitimately differs after a restore (left out of "identical content" checks).
VOLATILE = NOT_BACKED_UP | {AUDIT_TABLE}


def model_tables(app: GridApp) -> list[Table]:
    """Every table of every loaded plugin, parents before children."""
    app.migrations.import_models()
    return list(metadata.sorted_tables)


def present_tables(app: GridApp, connection: Connection) -> list[Table]:
    """The model tables that exist in the database behind ``connection``, parents first."""
    names = set(inspect(connection).get_table_names())
    return [table for table in model_tables(app) if table.name in names]


def backed_up_tables(app: GridApp, connection: Connection) -> list[Table]:
    return [table for table in present_tables(app, connection) if table.name not in NOT_BACKED_UP]


@contextlib.contextmanager
def snapshot(db: Database) -> Iterator[Connection]:
    """One consistent, read-only view of the whole database while writers go on."""
    if db.is_sqlite:
        with db.engine.connect() as connection, connection.begin():
            yield connection  # deferred BEGIN: the first SELECT fixes the WAL snapshot
        return
    with (
        db.engine.connect().execution_options(
            isolation_level="REPEATABLE READ", postgresql_readonly=True
        ) as connection,
        connection.begin(),
    ):
        yield connection


def applied_heads(app: GridApp) -> dict[str, str]:
    """The revision each loaded plugin's branch stands at in the database."""
    return {state.plugin: state.current for state in app.migrations.states() if state.current is not None}


def code_heads(app: GridApp) -> dict[str, str]:
    """The newest revision of each loaded plugin's branch (what a fresh database is upgraded to)."""
    return {state.plugin: state.head for state in app.migrations.states() if state.head is not None}


def plugin_versions(app: GridApp) -> dict[str, str]:
    loaded = set(app.plugins.loaded)
    return {status.name: status.version for status in app.plugins.statuses if status.name in loaded}


def content_hashes(app: GridApp, *, exclude: frozenset[str] = VOLATILE) -> dict[str, tuple[int, str]]:
    """Row count and SHA-256 of the canonical content of every table (read in one snapshot)."""
    with snapshot(app.db) as connection:
        return {
            table.name: content_hash(connection, table)
            for table in present_tables(app, connection)
            if table.name not in exclude
        }


def schema_mismatch(package_heads: Mapping[str, Any], ours: Mapping[str, str]) -> str | None:
    """Why a package's schema versions differ from this software's (``None`` when equal)."""
    if dict(package_heads) == dict(ours):
        return None
    differences = []
    for plugin in sorted(set(package_heads) | set(ours)):
        theirs, mine = package_heads.get(plugin), ours.get(plugin)
        if theirs != mine:
            differences.append(f"{plugin}: 数据包 {theirs or '无'} / 本软件 {mine or '无'}")
    return "; ".join(differences)


def retarget(app: GridApp, url: str) -> GridApp:
    """The same app (edition, plugins, registries) on another database: a fresh copy or a scratch one."""
    clone = copy.copy(app)
    for cached in ("db", "migrations", "sequences"):
        clone.__dict__.pop(cached, None)
    clone.database_url = url
    return clone
