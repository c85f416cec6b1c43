"""Reading and writing markers, and mirroring them into the record's own position columns.

The marker table is the truth. Models that declare position columns of their own (``map_left`` /
``map_top``, as 房屋左起点 / 房屋上起点 of households, 左起点 / 上起点 of regions, 场所左起点 of premises,
and ``longitude`` / ``latitude``) get the same values, so their registers, exports and imports agree
with the map. Every change goes through ``uow.write`` (audit, ``entity_write`` wrappers, scope).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect, select

from gridcore.domain.regions import Region
from gridcore.services.unit import UnitOfWork
from gridcore_maps.kinds import Kind
from gridcore_maps.models import MapMarker

#: The id marker writes are recorded under in the audit log.
MARKER_ENTITY = "maps_marker"
#: Position columns a model may declare itself, and the marker attribute each mirrors.
MIRRORED = (("map_left", "left"), ("map_top", "top"), ("longitude", "longitude"), ("latitude", "latitude"))
GEO = frozenset({"longitude", "latitude"})


def marker_of(uow: UnitOfWork, entity_id: str, record_id: int) -> MapMarker | None:
    return uow.session.execute(
        select(MapMarker).where(MapMarker.entity == entity_id, MapMarker.record_id == record_id)
    ).scalar_one_or_none()


def own_columns(model: type) -> set[str]:
    """The position columns ``model`` declares itself (of :data:`MIRRORED`)."""
    names: set[str] = set(inspect(model).column_attrs.keys())
    return {column for column, _ in MIRRORED if column in names}


def save(
    uow: UnitOfWork,
    kind: Kind,
    record: Any,
    key: str,
    region: Region,
    *,
    left: int | None,
    top: int | None,
    longitude: float | None = None,
    latitude: float | None = None,
) -> MapMarker:
    """Put ``record`` at ``left``, ``top`` on ``region``'s map; given coordinates replace the old ones."""
    marker = marker_of(uow, kind.id, record.id)
    action = "update"
    if marker is None:
        action = "create"
        marker = MapMarker(entity=kind.id, record_id=record.id, map_region_id=region.id)
        columns = own_columns(type(record))
        marker.longitude = getattr(record, "longitude", None) if "longitude" in columns else None
        marker.latitude = getattr(record, "latitude", None) if "latitude" in columns else None
    marker.map_region_id = region.id
    marker.left, marker.top = left, top
    if longitude is not None:
        marker.longitude = longitude
    if latitude is not None:
        marker.latitude = latitude
    uow.write(MARKER_ENTITY, action, marker, key=f"{kind.id}:{key}")
    mirror(uow, kind, record, marker, key)
    return marker


def mirror(uow: UnitOfWork, kind: Kind, record: Any, marker: MapMarker, key: str) -> None:
    """Copy the marker into the record's own position columns, when it has any and they differ."""
    changed = False
    for column in own_columns(type(record)):
        value = getattr(marker, dict(MIRRORED)[column])
        if column in GEO and value is None:
            continue  # a marker without coordinates never clears the record's own
        if getattr(record, column) != value:
            setattr(record, column, value)
            changed = True
    if changed:
        uow.write(kind.id, "update", record, key=key)
