"""地图标注设置: a region's map image and marker size, placing records on it, 坐标复原, 未标注 (R-L, R-B02/03).

Every face calls these. A region's map positions its child regions (a community map its compounds)
and the records that belong to it (a compound map its households and premises, :mod:`.kinds`).
Positions are checked against the map and the marker size; replacing a map image with one of another
size moves every marker on it proportionally (domain.md §1.2.8) and says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
from sqlalchemy import select

from gridcore.domain.regions import Region
from gridcore.errors import ValidationError
from gridcore.query.build import order_sql, region_sql
from gridcore.query.spec import QuerySpec
from gridcore.services import query, regions
from gridcore.services.unit import UnitOfWork, operation
from gridcore_maps import images, marker_store
from gridcore_maps.kinds import (
    Kind,
    find_record,
    kind_of_entity,
    kinds_on_map,
    map_region_of,
    record_key,
    resolve_kind,
)
from gridcore_maps.map_info import (
    MapInfo,
    check_coordinates,
    check_marker_size,
    check_position,
    map_info,
    require_image,
    scaled,
)
from gridcore_maps.models import MapMarker
from gridcore_maps.plugin import EDIT, VIEW

REGION_ENTITY = "region"


@attrs.frozen(kw_only=True)
class Placement:
    """Where one record now sits: on which map, at which pixels, and where on the earth if known."""

    kind: str
    key: str
    map_code: str
    map_name: str
    left: int | None
    top: int | None
    longitude: float | None
    latitude: float | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "对象类型": self.kind,
            "编号": self.key,
            "地图": f"{self.map_name} ({self.map_code})",
            "左起点": self.left,
            "上起点": self.top,
            "经度": self.longitude,
            "纬度": self.latitude,
        }


@attrs.frozen(kw_only=True)
class MapItem:
    """A record a map positions, and its marker on that map (``None``: not placed there)."""

    kind: Kind
    record: Any
    key: str
    marker: MapMarker | None

    @property
    def placed(self) -> bool:
        return self.marker is not None and self.marker.left is not None and self.marker.top is not None


def _region(uow: UnitOfWork, code: str) -> Region:
    return regions.get(uow, code)


@operation(VIEW)
def show_map(uow: UnitOfWork, region_code: str) -> MapInfo:
    """The map of a region: image, size and marker size."""
    return map_info(uow, _region(uow, region_code))


@operation(EDIT)
def set_image(uow: UnitOfWork, region_code: str, source: Path) -> MapInfo:
    """Give a region its map image (R-B02, R-B03): any image, 800×600 recommended; the size is recorded."""
    region = _region(uow, region_code)
    return _use_image(uow, region, images.store(uow.app, source, region_code=region.code))


@operation(EDIT)
def set_image_data(uow: UnitOfWork, region_code: str, data: bytes, *, file_name: str) -> MapInfo:
    """:func:`set_image` for a file's content (an upload); ``file_name`` names the file in messages."""
    region = _region(uow, region_code)
    return _use_image(uow, region, images.store_data(uow.app, data, source=file_name, region_code=region.code))


def _use_image(uow: UnitOfWork, region: Region, stored: images.StoredImage) -> MapInfo:
    """Record ``stored`` as the region's map; a new size moves the markers on it proportionally."""
    old = (region.map_width, region.map_height)
    region.map_image, region.map_width, region.map_height = stored.name, stored.width, stored.height
    uow.write(REGION_ENTITY, "update", region, key=region.code)
    if not stored.recommended:
        width, height = images.RECOMMENDED_SIZE
        uow.warn(f"地图图片为 {stored.width}×{stored.height} 像素, 建议使用 {width}×{height}; 已按实际尺寸保存")
    if old[0] and old[1] and old != (stored.width, stored.height):
        moved = _rescale(uow, region, (old[0], old[1]))
        if moved:
            uow.warn(f"地图尺寸由 {old[0]}×{old[1]} 改为 {stored.width}×{stored.height}, 已按比例移动 {moved} 个标注")
    return map_info(uow, region)


def _rescale(uow: UnitOfWork, region: Region, old: tuple[int, int]) -> int:
    info = map_info(uow, region)
    width, height = require_image(info)
    markers = uow.session.execute(
        select(MapMarker).where(MapMarker.map_region_id == region.id, MapMarker.left.is_not(None))
    ).scalars()
    moved = 0
    for marker in list(markers):
        marker.left = scaled(marker.left or 0, old[0], width, width - info.marker_width)
        marker.top = scaled(marker.top or 0, old[1], height, height - info.marker_height)
        moved += 1
        kind = kind_of_entity(uow, marker.entity) if marker.entity in uow.app.registry.entities else None
        record = uow.session.get(kind.entity.model, marker.record_id) if kind is not None else None
        key = record_key(uow, kind, record) if kind is not None and record is not None else f"#{marker.record_id}"
        uow.write(marker_store.MARKER_ENTITY, "update", marker, key=f"{marker.entity}:{key}")
        if kind is not None and record is not None:
            marker_store.mirror(uow, kind, record, marker, key)
    return moved


@operation(EDIT)
def set_marker_size(uow: UnitOfWork, region_code: str, width: int, height: int) -> MapInfo:
    """The size of the markers on a region's map (the manual's 小区标注控件 parameters, R-L02)."""
    region = _region(uow, region_code)
    check_marker_size(width, height, map_info(uow, region))
    region.marker_width, region.marker_height = width, height
    uow.write(REGION_ENTITY, "update", region, key=region.code)
    return map_info(uow, region)


def _placement(kind: Kind, key: str, region: Region, marker: MapMarker) -> Placement:
    return Placement(
        kind=kind.title,
        key=key,
        map_code=region.code,
        map_name=region.name,
        left=marker.left,
        top=marker.top,
        longitude=marker.longitude,
        latitude=marker.latitude,
    )


@operation(EDIT)
def place(
    uow: UnitOfWork,
    kind_name: str,
    key: str,
    left: int,
    top: int,
    *,
    longitude: float | None = None,
    latitude: float | None = None,
) -> Placement:
    """Put a compound, household, premises ... at ``left``, ``top`` on its map (R-L01, R-L05, R-L08)."""
    kind = resolve_kind(uow, kind_name)
    record = find_record(uow, kind, key)
    region = map_region_of(uow, kind, record)
    check_position(map_info(uow, region), left, top)
    check_coordinates(longitude, latitude)
    found = record_key(uow, kind, record)
    marker = marker_store.save(
        uow, kind, record, found, region, left=left, top=top, longitude=longitude, latitude=latitude
    )
    return _placement(kind, found, region, marker)


@operation(EDIT)
def reset(uow: UnitOfWork, kind_name: str, key: str) -> Placement:
    """坐标复原: move the marker to the map's top-left corner (0, 0) and save it (R-L06)."""
    kind = resolve_kind(uow, kind_name)
    record = find_record(uow, kind, key)
    region = map_region_of(uow, kind, record)
    found = record_key(uow, kind, record)
    marker = marker_store.save(uow, kind, record, found, region, left=0, top=0)
    return _placement(kind, found, region, marker)


def _records_on(uow: UnitOfWork, kind: Kind, region: Region) -> list[Any]:
    """The records of ``kind`` that ``region``'s map positions, in key order, inside the operator's scope."""
    uow.require(f"{kind.id}.view")
    entity = kind.entity
    model: Any = entity.model
    where = query.conditions(uow, entity, QuerySpec())
    if kind.is_region:
        where.append(model.parent_id == region.id)
        if kind.level is not None:
            where.append(model.level == kind.level)
    else:
        where.append(region_sql(entity, {region.id}))
    statement = select(model).where(*where).order_by(*order_sql(entity, ()))
    return list(uow.session.execute(statement).scalars())


def items_on_map(uow: UnitOfWork, region: Region, kinds: Sequence[Kind]) -> list[MapItem]:
    """Every record the map positions, each with its marker on this map (or none)."""
    items: list[MapItem] = []
    for kind in kinds:
        records = _records_on(uow, kind, region)
        markers = {
            marker.record_id: marker
            for marker in uow.session.execute(
                select(MapMarker).where(MapMarker.entity == kind.id, MapMarker.map_region_id == region.id)
            ).scalars()
        }
        items.extend(
            MapItem(kind=kind, record=record, key=record_key(uow, kind, record), marker=markers.get(record.id))
            for record in records
        )
    return items


@operation(VIEW)
def unplaced(uow: UnitOfWork, region_code: str, kinds: Sequence[str] = ()) -> list[MapItem]:
    """未标注: what the region's map should position but does not yet (R-M05)."""
    region = _region(uow, region_code)
    return [item for item in items_on_map(uow, region, kinds_on_map(uow, region, kinds)) if not item.placed]


@operation(VIEW)
def locate(uow: UnitOfWork, region_code: str, keyword: str, kinds: Sequence[str] = ()) -> MapItem | None:
    """户主姓名定位 / 场所名称 search (R-L07, R-L08): the first record on the map whose text contains
    ``keyword`` (the kernel's 模糊查询: names, door numbers, pinyin initials), in list order."""
    region = _region(uow, region_code)
    wanted = keyword.strip()
    if not wanted:
        raise ValidationError("请输入要查找的关键字 (户主姓名、场所名称 ...)", field="关键字", value=keyword)
    for kind in kinds_on_map(uow, region, kinds):
        matching = query.conditions(uow, kind.entity, QuerySpec(contains=wanted))
        model: Any = kind.entity.model
        found = set(uow.session.execute(select(model.id).where(*matching)).scalars())
        for item in items_on_map(uow, region, [kind]):
            if item.record.id in found:
                return item
    return None
