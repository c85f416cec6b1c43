"""Markers follow writes made elsewhere (the ``entity_write`` wrapper of :mod:`.plugin`).

A record deleted by any service loses its marker; a position typed into the record's own columns
(``gridcore household edit --field 房屋左起点=120``) moves its marker, so the marker table stays the
truth without other plugins knowing it exists. Runs inside the writer's transaction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, inspect, select
from sqlalchemy.exc import NoInspectionAvailable

from gridcore.services.scope import record_region
from gridcore_maps.marker_store import MIRRORED
from gridcore_maps.models import MapMarker

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from gridcore import GridApp

REGION_ENTITY = "region"


def changed_position(record: Any) -> dict[str, Any] | None:
    """Before a write: the record's own position columns that changed, with their new values."""
    try:
        state = inspect(record)
    except NoInspectionAvailable:
        return None
    columns = state.mapper.column_attrs.keys()
    changed = {
        column: getattr(record, column)
        for column, _ in MIRRORED
        if column in columns and state.attrs[column].history.has_changes()
    }
    return changed or None


def _map_region_id(app: GridApp, entity_id: str, record: Any) -> int | None:
    if entity_id == REGION_ENTITY:
        parent: int | None = record.parent_id
        return parent
    entity = app.registry.entities.get(entity_id)
    return record_region(entity, record) if entity is not None else None


def follow_write(
    app: GridApp, session: Session, entity_id: str, action: str, record: Any, moved: dict[str, Any] | None
) -> None:
    """After a write: drop the marker of a deleted record, or move the marker of a moved one."""
    record_id = getattr(record, "id", None)
    if record_id is None:
        return
    if action == "delete":
        session.execute(delete(MapMarker).where(MapMarker.entity == entity_id, MapMarker.record_id == record_id))
        return
    if not moved:
        return
    marker = session.execute(
        select(MapMarker).where(MapMarker.entity == entity_id, MapMarker.record_id == record_id)
    ).scalar_one_or_none()
    if marker is None:
        region_id = _map_region_id(app, entity_id, record)
        if region_id is None or all(value is None for value in moved.values()):
            return
        marker = MapMarker(entity=entity_id, record_id=record_id, map_region_id=region_id)
        session.add(marker)
    attributes = dict(MIRRORED)
    for column, value in moved.items():
        setattr(marker, attributes[column], value)
