"""住户居民分布图 / 营业场所分布图 (R-M01–M05): what a region's map shows, gathered in one read.

The result is plain data (labels, masked views, member lists), built inside the unit of work, so the
PNG (:mod:`.render_map`) and the HTML page (:mod:`.html_page`) can be drawn after it ends. Both are
view-only. Records without a position are listed and counted as 未标注, never drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from gridcore.services import audit, regions
from gridcore.services.unit import UnitOfWork, operation
from gridcore_maps import record_views
from gridcore_maps.kinds import Kind, kinds_on_map
from gridcore_maps.map_info import map_info, require_image
from gridcore_maps.markers import items_on_map
from gridcore_maps.palette import kind_styles
from gridcore_maps.plugin import VIEW

#: The manual's names of the two distribution maps; other kinds are called "<title>分布图".
TITLES = {"household": "住户居民分布图", "premises": "营业场所分布图"}
RESIDENT_VIEW = "resident.view"


@attrs.frozen(kw_only=True)
class Marker:
    """One placed record: where, what it is called, what hovering shows, who clicking lists."""

    kind: str
    key: str
    label: str
    left: int
    top: int
    info: dict[str, Any]
    members: tuple[dict[str, Any], ...] | None


@attrs.frozen(kw_only=True)
class LegendEntry:
    kind: str
    title: str
    colour: str
    shape: str
    placed: int
    unplaced: int


@attrs.frozen(kw_only=True)
class Unplaced:
    kind: str
    key: str
    label: str


@attrs.frozen(kw_only=True)
class DistributionMap:
    """Everything a distribution map shows, ready to be drawn."""

    title: str
    region_code: str
    region_name: str
    image: str
    width: int
    height: int
    marker_width: int
    marker_height: int
    markers: tuple[Marker, ...]
    unplaced: tuple[Unplaced, ...]
    legend: tuple[LegendEntry, ...]
    member_columns: tuple[str, ...]
    members_note: str


def title_for(region_name: str, kinds: Sequence[Kind]) -> str:
    names = [TITLES.get(kind.id, f"{kind.title}分布图") for kind in kinds]
    return f"{region_name} {'、'.join(dict.fromkeys(names))}"


@operation(VIEW)
def distribution(
    uow: UnitOfWork, region_code: str, kinds: Sequence[str] = (), *, label: str | None = None
) -> DistributionMap:
    """The distribution map of a region: its map image with every placed record of ``kinds``.

    ``kinds`` defaults to what the map positions (a community's compounds; a compound's households and
    premises). ``label`` names the field markers are labelled with.
    """
    region = regions.get(uow, region_code)
    info = map_info(uow, region)
    width, height = require_image(info)
    chosen = kinds_on_map(uow, region, kinds)
    styles = kind_styles([kind.id for kind in chosen])
    items = items_on_map(uow, region, chosen)
    show_members = uow.actor.can(RESIDENT_VIEW)
    markers: list[Marker] = []
    unplaced: list[Unplaced] = []
    legend: list[LegendEntry] = []
    for kind in chosen:
        mine = [item for item in items if item.kind is kind]
        field = record_views.label_field(kind, label if label and not kind.is_region else None)
        member_field = record_views.member_field(uow, kind) if show_members else None
        placed_keys = [item.key for item in mine if item.placed]
        found = record_views.members(uow, member_field, placed_keys) if member_field is not None else None
        for item in mine:
            text, shown = record_views.present(uow, kind, item.record, field, item.key)
            if not item.placed or item.marker is None:
                unplaced.append(Unplaced(kind=kind.title, key=item.key, label=text))
                continue
            markers.append(
                Marker(
                    kind=kind.id,
                    key=item.key,
                    label=text,
                    left=int(item.marker.left or 0),
                    top=int(item.marker.top or 0),
                    info=shown,
                    members=tuple(found[item.key]) if found is not None else None,
                )
            )
        colour, shape = styles[kind.id]
        placed = len(placed_keys)
        legend.append(
            LegendEntry(
                kind=kind.id, title=kind.title, colour=colour, shape=shape, placed=placed, unplaced=len(mine) - placed
            )
        )
    audit.record(
        uow,
        "maps.view",
        entity="region",
        object_key=region.code,
        detail={"kinds": [kind.id for kind in chosen], "markers": len(markers)},
    )
    return DistributionMap(
        title=title_for(region.name, chosen),
        region_code=region.code,
        region_name=region.name,
        image=str(info.image),
        width=width,
        height=height,
        marker_width=info.marker_width,
        marker_height=info.marker_height,
        markers=tuple(markers),
        unplaced=tuple(unplaced),
        legend=tuple(legend),
        member_columns=tuple(record_views.member_columns(uow)) if show_members else (),
        members_note="" if show_members else "无「查看居民」权限, 不列出居民与从业人员",
    )
