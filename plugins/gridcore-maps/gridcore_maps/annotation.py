"""What the 地图标注 page shows: the maps an operator may open, and one map with every record it positions.

Plain data gathered in one read (the web face draws it after the unit ends). Hover information goes
through the kernel's presenter (:func:`.record_views.present`), so it is masked for the operator exactly
as in every other face; records without a position are listed as 未标注.
"""

from __future__ import annotations

from typing import Any

import attrs
from sqlalchemy import select

from gridcore.domain.regions import Region
from gridcore.services import regions, scope
from gridcore.services.unit import UnitOfWork, operation
from gridcore_maps import record_views
from gridcore_maps.kinds import kinds_on_map
from gridcore_maps.map_info import MapInfo, map_info, require_image
from gridcore_maps.markers import items_on_map
from gridcore_maps.plugin import EDIT, VIEW


@attrs.frozen(kw_only=True)
class PageMarker:
    """One record of the map: its kind (as ``place`` takes it), key, label, position and hover info."""

    kind: str
    kind_title: str
    key: str
    label: str
    left: int | None
    top: int | None
    info: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


@attrs.frozen(kw_only=True)
class AnnotationMap:
    """A region's map, its markers, and whether the operator may move them."""

    map: MapInfo
    width: int
    height: int
    markers: tuple[PageMarker, ...]
    editable: bool
    is_compound: bool

    @property
    def placed(self) -> tuple[PageMarker, ...]:
        return tuple(m for m in self.markers if m.left is not None and m.top is not None)

    @property
    def unplaced(self) -> tuple[PageMarker, ...]:
        return tuple(m for m in self.markers if m.left is None or m.top is None)

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.map.code,
            "width": self.width,
            "height": self.height,
            "markerWidth": self.map.marker_width,
            "markerHeight": self.map.marker_height,
            "editable": self.editable,
            "markers": [m.as_dict() for m in self.placed],
        }


def _visible_regions(uow: UnitOfWork, *where: Any) -> list[MapInfo]:
    visible = scope.region_ids(uow)
    found = uow.session.execute(select(Region).where(*where).order_by(Region.level, Region.code)).scalars()
    return [map_info(uow, region) for region in found if visible is None or region.id in visible]


@operation(VIEW)
def maps_with_images(uow: UnitOfWork) -> list[MapInfo]:
    """Every region inside the operator's scope that has a map image, by level and code."""
    return _visible_regions(uow, Region.map_image.is_not(None))


@operation(EDIT)
def image_regions(uow: UnitOfWork) -> list[MapInfo]:
    """Every region inside the operator's scope (street, communities, compounds): whose map image they may set."""
    return _visible_regions(uow)


@operation(VIEW)
def compounds(uow: UnitOfWork) -> list[MapInfo]:
    """Every compound (the level households belong to) inside the operator's scope: 居民房态图 needs no image."""
    return _visible_regions(uow, Region.level == regions.household_level(uow))


@operation(VIEW)
def annotation_map(uow: UnitOfWork, region_code: str) -> AnnotationMap:
    """The map of ``region_code`` with every record it positions (placed or not), hover info masked."""
    region = regions.get(uow, region_code)
    info = map_info(uow, region)
    width, height = require_image(info)
    found: list[PageMarker] = []
    for kind in kinds_on_map(uow, region):
        field = record_views.label_field(kind)
        for item in items_on_map(uow, region, [kind]):
            label, shown = record_views.present(uow, kind, item.record, field, item.key)
            marker = item.marker if item.placed else None
            found.append(
                PageMarker(
                    kind=kind.id,
                    kind_title=kind.title,
                    key=item.key,
                    label=label,
                    left=None if marker is None else int(marker.left or 0),
                    top=None if marker is None else int(marker.top or 0),
                    info=shown,
                )
            )
    return AnnotationMap(
        map=info,
        width=width,
        height=height,
        markers=tuple(found),
        editable=uow.actor.can(EDIT),
        is_compound=region.level == regions.household_level(uow),
    )
