"""Fresh copies of the database, and swapping one in for the live one in a single atomic step (B2, B5).

SQLite: the copy is a new file next to the live one. To swap, the live file is taken out of WAL mode
(which works only when no other connection has it open), locked exclusively, kept under another name
by a hard link, and replaced with ``os.replace``: a crash at any moment leaves the old file or the new
one under the live name, never a mix, and no stray ``-wal`` file that could be applied to the wrong
database.

PostgreSQL: the copy is a new schema. The swap is one transaction that locks the live tables, renames
the live schema away and the new one into its place (extensions living in the schema move back), so
every connection sees the old data or the new.

In both, the caller's ``finish`` runs inside the swap on the new copy (for the audit record of the
restore), and the audit records appended to the live log while the copy was being built are carried
over first, so the log never loses a record.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from gridcore.db.engine import BUSY_TIMEOUT_MS
from gridcore.errors import ConflictError, DatabaseError
from gridcore.packages.database import AUDIT_TABLE, model_tables, retarget
from gridcore.packages.writer import fsync_dir

if TYPE_CHECKING:
    from gridcore.app import GridApp

Finish = Callable[[Session], None]
#: How long a PostgreSQL restore waits for other clients' transactions before giving up.
LOCK_TIMEOUT_S = 30


@attrs.frozen(kw_only=True)
class Target:
    """A fresh, empty database at the current schema version: a file (SQLite) or a schema (PostgreSQL)."""

    app: GridApp
    path: Path | None = None
    schema: str | None = None
    live_schema: str | None = None


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def with_search_path(url: str, schema: str) -> str:
    """``url`` whose connections use ``schema`` (any earlier ``search_path`` option replaced)."""
    parsed = make_url(url)
    raw = parsed.query.get("options", "")
    tokens = (" ".join(raw) if isinstance(raw, tuple) else raw).split()
    kept: list[str] = []
    skip_next = False
    for index, token in enumerate(tokens):
        if skip_next:
            skip_next = False
            continue
        if token.startswith("-csearch_path="):
            continue
        if token == "-c" and index + 1 < len(tokens) and tokens[index + 1].startswith("search_path="):
            skip_next = True
            continue
        kept.append(token)
    kept.append(f"-csearch_path={schema}")
    return parsed.update_query_dict({"options": " ".join(kept)}).render_as_string(hide_password=False)


def current_schema(app: GridApp) -> str:
    with app.db.engine.connect() as connection:
        name = connection.execute(text("SELECT current_schema()")).scalar()
    if not name:
        raise DatabaseError(f"数据库 {app.db.display} 没有可用的 schema (check search_path)")
    return str(name)


def create_fresh(app: GridApp, *, purpose: str, directory: Path | None = None) -> Target:
    """An empty copy of the schema, upgraded to this software's heads."""
    token = uuid.uuid4().hex[:10]
    if app.db.is_sqlite:
        live = app.db.sqlite_path
        if live is None:
            raise DatabaseError("内存数据库不能备份恢复 (use a database file)")
        folder = directory or live.resolve().parent
        path = folder / f"{live.name}.{purpose}-{token}.tmp"
        target = Target(app=retarget(app, f"sqlite:///{path}"), path=path)
    else:
        live_schema = current_schema(app)
        schema = f"{live_schema[:40]}_{purpose}_{token}"
        with app.db.engine.begin() as connection:
            connection.execute(text(f"CREATE SCHEMA {_quote(schema)}"))
        url = with_search_path(app.database_url, schema)
        target = Target(app=retarget(app, url), schema=schema, live_schema=live_schema)
    try:
        target.app.migrations.upgrade()
    except BaseException:
        discard(app, target)
        raise
    return target


def discard(app: GridApp, target: Target) -> None:
    """Drop a copy that was not swapped in (a failed restore, a finished drill)."""
    target.app.db.dispose()
    if target.path is not None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{target.path}{suffix}").unlink(missing_ok=True)
    if target.schema is not None:
        with app.db.engine.begin() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {_quote(target.schema)} CASCADE"))


# ---------------------------------------------------------------------------------------------- SQLite


def _raw_sqlite(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)


def _in_use(what: str) -> ConflictError:
    return ConflictError(f"{what}正被其他程序使用, 无法替换: 请先关闭其他 gridcore 窗口或服务后重试 (database in use)")


def _leave_wal(connection: sqlite3.Connection, what: str) -> None:
    """Switch to a rollback journal: only possible when no other connection has the file open."""
    try:
        mode = str(connection.execute("PRAGMA journal_mode=DELETE").fetchone()[0]).lower()
    except sqlite3.OperationalError:
        raise _in_use(what) from None
    if mode != "delete":
        raise _in_use(what)


def swap_sqlite(app: GridApp, target: Target, *, audit_after: int | None, keep: Path | None, finish: Finish) -> None:
    """Replace the live SQLite file with the copy; ``keep`` gets the old file (a hard link)."""
    live = app.db.sqlite_path
    assert live is not None
    assert target.path is not None
    app.db.dispose()
    lock: sqlite3.Connection | None = None
    if live.exists():
        lock = _raw_sqlite(live)
    try:
        if lock is not None:
            _leave_wal(lock, "数据库")
            try:
                lock.execute("BEGIN EXCLUSIVE")  # nobody reads or writes the live file from here on
            except sqlite3.OperationalError:
                raise _in_use("数据库") from None
            if audit_after is not None:
                _carry_audit(lock, target.path, audit_after)
        with target.app.db.session() as session:
            finish(session)
        target.app.db.dispose()
        with contextlib.closing(_raw_sqlite(target.path)) as fresh:
            _leave_wal(fresh, "恢复的数据库副本")
        for suffix in ("-wal", "-shm"):
            stray = Path(f"{live}{suffix}")
            if stray.exists():
                if suffix == "-wal" and stray.stat().st_size > 0:
                    raise DatabaseError(f"{stray} 仍有未写入的数据: 未替换 (database still in use)")
                stray.unlink()
        if keep is not None and lock is not None:
            _keep_copy(lock, live, keep)
        os.replace(target.path, live)
        fsync_dir(live.parent)
    finally:
        if lock is not None:
            lock.close()


def _carry_audit(lock: sqlite3.Connection, fresh: Path, after: int) -> None:
    tables = {row[0] for row in lock.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if AUDIT_TABLE not in tables:
        return
    cursor = lock.execute(f"SELECT * FROM {AUDIT_TABLE} WHERE id > ? ORDER BY id", (after,))
    columns = [item[0] for item in cursor.description]
    rows = cursor.fetchall()
    if not rows:
        return
    names = ", ".join(_quote(name) for name in columns)
    marks = ", ".join("?" for _ in columns)
    with contextlib.closing(_raw_sqlite(fresh)) as copy:
        copy.execute("BEGIN IMMEDIATE")
        copy.executemany(f"INSERT INTO {AUDIT_TABLE} ({names}) VALUES ({marks})", rows)
        copy.execute("COMMIT")


def _keep_copy(lock: sqlite3.Connection, live: Path, keep: Path) -> None:
    try:
        os.link(live, keep)
    except OSError:
        with contextlib.closing(sqlite3.connect(keep)) as copy:
            lock.backup(copy)  # the online backup API, never a file copy (B1)


# ---------------------------------------------------------------------------------------------- PostgreSQL


def swap_postgres(
    app: GridApp, target: Target, *, audit_after: int | None, keep_schema: str | None, finish: Finish
) -> None:
    """In one transaction: lock the live tables, carry the new audit records over, swap the schemas."""
    assert target.schema is not None
    assert target.live_schema is not None
    live, fresh = target.live_schema, target.schema
    target.app.db.dispose()
    app.db.dispose()  # new connections: no statement prepared against the old tables
    names = {table.name for table in model_tables(app)} | {"alembic_version"}
    old = keep_schema or f"{live[:40]}_old_{uuid.uuid4().hex[:10]}"
    with app.db.engine.connect() as connection, connection.begin():
        present = sorted(names & set(inspect(connection).get_table_names(schema=live)))
        if present:
            listed = ", ".join(f"{_quote(live)}.{_quote(name)}" for name in present)
            connection.execute(text(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT_S}s'"))
            try:
                connection.execute(text(f"LOCK TABLE {listed} IN ACCESS EXCLUSIVE MODE"))
            except OperationalError:
                raise _in_use("数据库") from None
        if audit_after is not None and AUDIT_TABLE in present:
            connection.execute(
                text(
                    f"INSERT INTO {_quote(fresh)}.{AUDIT_TABLE} "
                    f"SELECT * FROM {_quote(live)}.{AUDIT_TABLE} WHERE id > :after ORDER BY id"
                ),
                {"after": audit_after},
            )
        extensions = connection.execute(
            text(
                "SELECT e.extname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
                "WHERE n.nspname = :schema"
            ),
            {"schema": live},
        ).scalars()
        moved = list(extensions)
        connection.execute(text(f"ALTER SCHEMA {_quote(live)} RENAME TO {_quote(old)}"))
        connection.execute(text(f"ALTER SCHEMA {_quote(fresh)} RENAME TO {_quote(live)}"))
        for extension in moved:
            connection.execute(text(f"ALTER EXTENSION {_quote(extension)} SET SCHEMA {_quote(live)}"))
        if audit_after is not None:
            connection.execute(
                text(
                    "SELECT setval(pg_get_serial_sequence(:table, 'id'), "
                    f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {AUDIT_TABLE}), false)"
                ),
                {"table": AUDIT_TABLE},
            )
        with Session(bind=connection) as session:
            finish(session)
            session.flush()
        if keep_schema is None:
            connection.execute(text(f"DROP SCHEMA {_quote(old)} CASCADE"))
    app.db.dispose()
