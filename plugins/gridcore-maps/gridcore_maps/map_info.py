"""A region's map as the maps plugin sees it: image, size and marker size, and the rule for positions.

These live on the region's own columns (图片, 图片宽度, 图片高度, 标注宽度, 标注高度). A position is the
top-left corner of the marker in pixels and must keep the whole marker on the map (domain.md §1.2.8):
``0 <= left <= width - marker width`` and ``0 <= top <= height - marker height``.
"""

from __future__ import annotations

from typing import Any

import attrs

from gridcore.domain.regions import Region
from gridcore.errors import ValidationError
from gridcore.services import regions
from gridcore.services.unit import UnitOfWork

MARKER_MIN = 8
MARKER_MAX = 200


@attrs.frozen(kw_only=True)
class MapInfo:
    """One region's map: who it is, its image (``None`` until set) and the size of its markers."""

    code: str
    name: str
    level: str
    image: str | None
    width: int | None
    height: int | None
    marker_width: int
    marker_height: int

    @property
    def has_image(self) -> bool:
        return self.image is not None and self.width is not None and self.height is not None

    def as_dict(self) -> dict[str, Any]:
        return {
            "编码": self.code,
            "名称": self.name,
            "层级": self.level,
            "图片": self.image,
            "图片宽度": self.width,
            "图片高度": self.height,
            "标注宽度": self.marker_width,
            "标注高度": self.marker_height,
        }


def map_info(uow: UnitOfWork, region: Region) -> MapInfo:
    names = regions.levels(uow)
    return MapInfo(
        code=region.code,
        name=region.name,
        level=names[region.level] if region.level < len(names) else str(region.level),
        image=region.map_image,
        width=region.map_width,
        height=region.map_height,
        marker_width=region.marker_width or int(uow.app.setting("maps", "marker_width")),
        marker_height=region.marker_height or int(uow.app.setting("maps", "marker_height")),
    )


def require_image(info: MapInfo) -> tuple[int, int]:
    """The map's size; a map without an image is one line saying how to set it."""
    if not info.has_image or info.width is None or info.height is None:
        command = f"gridcore map set-image {info.code} 图片文件"
        raise ValidationError(
            f"{info.level}{info.name} ({info.code}) 还没有地图图片: 请先运行 {command}",
            field="图片",
            value=info.code,
        )
    return info.width, info.height


def check_marker_size(width: int, height: int, info: MapInfo) -> None:
    for label, value in (("标注宽度", width), ("标注高度", height)):
        if not MARKER_MIN <= value <= MARKER_MAX:
            raise ValidationError(f"{label} {value} 应在 {MARKER_MIN}–{MARKER_MAX} 像素之间", field=label, value=value)
    if info.width is not None and info.height is not None and (width > info.width or height > info.height):
        raise ValidationError(
            f"标注 {width}×{height} 比地图 {info.width}×{info.height} 还大", field="标注宽度", value=width
        )


def check_position(info: MapInfo, left: int, top: int) -> None:
    """Refuse a position that would put any part of the marker off the map."""
    width, height = require_image(info)
    for label, value, room, size in (
        ("左起点", left, width - info.marker_width, f"地图宽 {width}, 标注宽 {info.marker_width}"),
        ("上起点", top, height - info.marker_height, f"地图高 {height}, 标注高 {info.marker_height}"),
    ):
        if not 0 <= value <= room:
            raise ValidationError(
                f"{label} {value} 超出{info.name}地图范围: 应在 0–{room} 之间 ({size})", field=label, value=value
            )


def check_coordinates(longitude: float | None, latitude: float | None) -> None:
    if longitude is not None and not -180 <= longitude <= 180:
        raise ValidationError(f"经度 {longitude} 应在 -180 与 180 之间", field="经度", value=longitude)
    if latitude is not None and not -90 <= latitude <= 90:
        raise ValidationError(f"纬度 {latitude} 应在 -90 与 90 之间", field="纬度", value=latitude)


def scaled(value: int, old: int, new: int, room: int) -> int:
    """A coordinate moved proportionally to a map of another size, kept on the map."""
    return max(0, min(room, round(value * new / old))) if old else 0
