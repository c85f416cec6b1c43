"""GeoJSON (RFC 7946) of what a region's map positions, for any GIS.

One feature per record that has a position on the map or on the earth: a ``Point`` at its longitude
and latitude, or no geometry (``null``) when only its pixel position is known. The properties carry
the kind, the key, the label, the pixel position and the record's list columns as the operator may
see them (masked like every export). ``deep`` adds the maps of every region below.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from gridcore.domain.regions import Region
from gridcore.services import audit, regions
from gridcore.services.unit import UnitOfWork, operation
from gridcore_maps import record_views
from gridcore_maps.kinds import kinds_on_map
from gridcore_maps.markers import items_on_map
from gridcore_maps.plugin import VIEW


def _subtree(uow: UnitOfWork, root: Region) -> list[Region]:
    found, frontier = [root], [root]
    while frontier:
        children = uow.session.execute(
            select(Region).where(Region.parent_id == frontier.pop(0).id).order_by(Region.code)
        ).scalars()
        for child in children:
            found.append(child)
            frontier.append(child)
    return found


def _features(uow: UnitOfWork, region: Region, kinds: Sequence[str]) -> list[dict[str, Any]]:
    features = []
    chosen = kinds_on_map(uow, region, kinds)
    fields = {kind.id: record_views.label_field(kind) for kind in chosen}
    for item in items_on_map(uow, region, chosen):
        marker = item.marker
        if marker is None or (not item.placed and (marker.longitude is None or marker.latitude is None)):
            continue
        label, shown = record_views.present(uow, item.kind, item.record, fields[item.kind.id], item.key)
        has_point = marker.longitude is not None and marker.latitude is not None
        geometry = {"type": "Point", "coordinates": [marker.longitude, marker.latitude]} if has_point else None
        properties = {
            "类型": item.kind.title,
            "kind": item.kind.id,
            "编号": item.key,
            "名称": label,
            "地图": region.code,
            "左起点": marker.left,
            "上起点": marker.top,
            **{label_: value for label_, value in shown.items() if label_ not in {"编号", "名称"}},
        }
        features.append(
            {"type": "Feature", "id": f"{item.kind.id}:{item.key}", "geometry": geometry, "properties": properties}
        )
    return features


@operation(VIEW)
def geojson(uow: UnitOfWork, region_code: str, kinds: Sequence[str] = (), *, deep: bool = False) -> dict[str, Any]:
    """A ``FeatureCollection`` of the region's map (and with ``deep`` of every map below it)."""
    root = regions.get(uow, region_code)
    maps = _subtree(uow, root) if deep else [root]
    features = [feature for region in maps for feature in _features(uow, region, kinds)]
    audit.record(
        uow, "maps.export", entity="region", object_key=root.code, detail={"features": len(features), "deep": deep}
    )
    return {
        "type": "FeatureCollection",
        "name": f"{root.name} 地图标注",
        "features": features,
    }
