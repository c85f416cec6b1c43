"""Writing backups (every table) and reports (数据上报: the records of a region's subtree)."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, select

from gridcore.packages import manifest
from gridcore.packages.codec import TableCodec
from gridcore.packages.database import applied_heads, backed_up_tables, plugin_versions, present_tables, snapshot
from gridcore.packages.merge import natural_key, self_parent
from gridcore.packages.writer import PackageWriter
from gridcore.query.build import region_sql

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from gridcore.app import GridApp
    from gridcore.contributions import Entity
    from gridcore.packages.keys import PublicUnitKey, UnitKey


def header(app: GridApp, *, kind: str, key: UnitKey, sequence: int, scope: str | None) -> dict[str, Any]:
    """The manifest's fields besides the tables."""
    now = app.clock()
    return {
        "format": manifest.FORMAT,
        "format_version": manifest.FORMAT_VERSION,
        "kind": kind,
        "package_id": uuid.uuid4().hex,
        "created_at": now.isoformat(timespec="seconds"),
        "sender": {"code": key.code, "name": key.name, "fingerprint": key.public.fingerprint},
        "sequence": sequence,
        "scope": scope,
        "source": {"backend": app.db.parsed.get_backend_name(), "gridcore": plugin_versions(app).get("core", "")},
        "schema": {"heads": applied_heads(app), "plugins": plugin_versions(app)},
    }


def write_backup(app: GridApp, out: Path, *, key: UnitKey, recipient: PublicUnitKey | None = None) -> dict[str, Any]:
    """Every table (but login sessions), read in one snapshot, into a signed package at ``out``."""
    head = header(app, kind="backup", key=key, sequence=0, scope=None)
    with PackageWriter(out, key=key, recipient=recipient) as writer:
        with snapshot(app.db) as connection:
            for table in backed_up_tables(app, connection):
                codec = TableCodec(table)
                writer.add_table(codec, codec.dump(connection))
        return writer.finish(head)


def _with_ancestors(connection: Connection, table: Table, region_ids: Collection[int] | None) -> set[int] | None:
    """The region ids of a report: the subtree and the ancestors of its root (so parents resolve)."""
    if region_ids is None:
        return None
    parent_column = self_parent(table)
    wanted = set(region_ids)
    if parent_column is None:
        return wanted
    parents = dict(connection.execute(select(table.c.id, table.c[parent_column])).tuples().all())
    for region in list(wanted):
        parent = parents.get(region)
        while parent is not None and parent not in wanted:
            wanted.add(parent)
            parent = parents.get(parent)
    return wanted


def reported_entities(app: GridApp) -> list[Entity]:
    """The entities a report carries: every one divided by region, parents first."""
    by_table = {
        entity.model.__table__.name: entity  # type: ignore[attr-defined]
        for entity in app.registry.entities.values()
        if entity.region is not None and entity.key
    }
    with app.db.engine.connect() as connection:
        tables = present_tables(app, connection)
    return [by_table[table.name] for table in tables if table.name in by_table]


def _report_query(connection: Connection, entity: Entity, codec: TableCodec, region_ids: set[int] | None) -> Any:
    query = codec.ordered_select()
    if region_ids is None:
        return query
    if entity.region == "id":  # the jurisdiction itself: the subtree and its root's ancestors
        regions = _with_ancestors(connection, codec.table, region_ids) or set()
        return query.where(codec.table.c.id.in_(sorted(regions)))
    return query.where(region_sql(entity, region_ids))


def write_report(
    app: GridApp,
    out: Path,
    *,
    key: UnitKey,
    sequence: int,
    region_ids: Collection[int] | None,
    scope: str | None,
    recipient: PublicUnitKey | None = None,
) -> dict[str, Any]:
    """The records of ``region_ids``' subtree (everything when ``None``) into a signed report package."""
    head = header(app, kind="report", key=key, sequence=sequence, scope=scope)
    entities = reported_entities(app)
    subtree = set(region_ids) if region_ids is not None else None
    with PackageWriter(out, key=key, recipient=recipient) as writer:
        with snapshot(app.db) as connection:
            for entity in entities:
                codec = TableCodec(entity.model.__table__)  # type: ignore[attr-defined]
                query = _report_query(connection, entity, codec, subtree)
                writer.add_table(codec, codec.dump(connection, query), entity=entity.id, key=natural_key(entity))
        return writer.finish(head)
