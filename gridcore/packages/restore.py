"""数据恢复: verify, build a fresh copy, check it, then swap it in (B2); and the restore drill (B4).

The package has been verified by the caller (signature, every hash, schema version). Its tables are
loaded into a fresh copy of the database; the copy is checked (integrity, and every table's count and
content hash against the manifest) and only then swapped in for the live data in one atomic step.
Any failure before the swap leaves the live data untouched; the copy is dropped.

Two tables are not taken from the backup: login sessions (a restore logs everyone out) and, when the
live database has one, the audit log, which is kept and carried over so that it never loses a record
(the restore itself is audited in the swapped-in copy). The backup's own audit log is used only when
the live database has none. By default the previous data is kept: the old file under
``<name>.before-restore-<time>`` (SQLite) or the old schema as ``<schema>_pre_<time>`` (PostgreSQL).
"""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
from sqlalchemy import func, inspect, select

from gridcore.db.metadata import metadata
from gridcore.packages.database import AUDIT_TABLE, content_hashes
from gridcore.packages.load import check_loaded, copy_table, integrity_problems, load_package
from gridcore.packages.targets import Finish, Target, create_fresh, discard, swap_postgres, swap_sqlite

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from gridcore.app import GridApp
    from gridcore.packages.reader import OpenedPackage

Stage = Callable[[str], None]


def _no_stage(_stage: str) -> None:
    return None


@attrs.frozen(kw_only=True)
class RestoreOutcome:
    tables: int
    rows: int
    kept: str | None
    audit_from_backup: bool


def _live_audit_rows(app: GridApp) -> int:
    with app.db.engine.connect() as connection:
        if not inspect(connection).has_table(AUDIT_TABLE):
            return 0
        table = metadata.tables[AUDIT_TABLE]
        return int(connection.execute(select(func.count()).select_from(table)).scalar_one())


def restore_package(
    app: GridApp, package: OpenedPackage, *, finish: Finish, keep_original: bool = True, on_stage: Stage = _no_stage
) -> RestoreOutcome:
    """Replace the live data with ``package``'s (already verified), all or nothing."""
    app.migrations.import_models()
    keep_live_audit = _live_audit_rows(app) > 0
    skip = {AUDIT_TABLE} if keep_live_audit else set()
    target = create_fresh(app, purpose="restore")
    swapped = False
    try:
        counts = load_package(target.app, package, skip=skip)
        audit_after: int | None = None
        if keep_live_audit:
            audit_after = copy_table(app, target.app, metadata.tables[AUDIT_TABLE]) or 0
        check_loaded(target.app, package, skip=skip)
        on_stage("loaded")

        def finishing(session: Session) -> None:
            finish(session)
            on_stage("swapping")  # inside the swap: the live data is locked, nothing is committed yet

        kept = _swap(app, target, audit_after=audit_after, keep_original=keep_original, finish=finishing)
        swapped = True
        on_stage("swapped")
    finally:
        if not swapped:
            discard(app, target)
    return RestoreOutcome(
        tables=len(counts), rows=sum(counts.values()), kept=kept, audit_from_backup=not keep_live_audit
    )


def _swap(app: GridApp, target: Target, *, audit_after: int | None, keep_original: bool, finish: Finish) -> str | None:
    stamp = app.clock().astimezone().strftime("%Y%m%d%H%M%S") + "_" + uuid.uuid4().hex[:4]
    if app.db.is_sqlite:
        live = app.db.sqlite_path
        assert live is not None
        keep = live.with_name(f"{live.name}.before-restore-{stamp}") if keep_original and live.exists() else None
        swap_sqlite(app, target, audit_after=audit_after, keep=keep, finish=finish)
        return str(keep) if keep is not None else None
    assert target.live_schema is not None
    keep_schema = f"{target.live_schema[:40]}_pre_{stamp}" if keep_original else None
    swap_postgres(app, target, audit_after=audit_after, keep_schema=keep_schema, finish=finish)
    return keep_schema


@attrs.frozen(kw_only=True)
class DrillRow:
    table: str
    backup_rows: int
    restored_rows: int
    backup_sha256: str
    restored_sha256: str

    @property
    def ok(self) -> bool:
        return self.backup_rows == self.restored_rows and self.backup_sha256 == self.restored_sha256


@attrs.frozen(kw_only=True)
class DrillOutcome:
    rows: tuple[DrillRow, ...]
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems and all(row.ok for row in self.rows)


def drill_package(app: GridApp, package: OpenedPackage) -> DrillOutcome:
    """Load ``package`` into a scratch database and compare every table with the manifest (B4)."""
    with tempfile.TemporaryDirectory(prefix="gridcore-drill-") as folder:
        target = create_fresh(app, purpose="drill", directory=Path(folder))
        try:
            load_package(target.app, package)
            problems = integrity_problems(target.app)
            restored = content_hashes(target.app, exclude=frozenset())
        finally:
            discard(app, target)
    rows = []
    for entry in package.tables:
        count, digest = restored.get(entry["name"], (0, ""))
        rows.append(
            DrillRow(
                table=entry["name"],
                backup_rows=int(entry["rows"]),
                restored_rows=count,
                backup_sha256=str(entry["sha256"]),
                restored_sha256=digest,
            )
        )
    return DrillOutcome(rows=tuple(rows), problems=tuple(problems))
