"""The plugin's part of ``make demo``: map images, markers, a distribution map and a house-state chart.

Runs after the core's demo street is built. Each community gets a generated map with its compounds
placed on it (with synthetic longitude and latitude), each compound a generated map with a block per
building and every household placed on its own building by unit, door and floor; records of other
kinds on the compound map (premises, when a plugin registers them) go along the gate road. Everything
is deterministic from the seed, added only where missing (a second run changes nothing), and written
through the services as the system. The rendered maps go to ``FOLDER/maps``, drawn for an operator
without ``pii.view`` (masked as most operators see them).
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import attrs
from sqlalchemy import func, select

from gridcore.domain.households import Household
from gridcore.domain.regions import Region
from gridcore.errors import ConfigError, ValidationError
from gridcore.security.groups import PII_VIEW
from gridcore.services import regions
from gridcore.services.unit import UnitOfWork, read_unit, unit_of_work
from gridcore_maps import demo_images, fonts, house_grid, marker_store, markers, outputs
from gridcore_maps.demo_images import BuildingShape
from gridcore_maps.kinds import Kind, kinds_on_map, record_key
from gridcore_maps.map_info import check_position, map_info
from gridcore_maps.query_conditions import reset_conditions
from gridcore_maps.render_map import marker_id

COMPOUND_MARKER = 24
STEPS = (24, 22, 20, 18, 16, 14, 12, 11, 10)
#: The synthetic earth frame of the demo maps: a made-up box, not a real place's survey.
WEST, NORTH, SPAN_LON, SPAN_LAT = 117.80, 30.95, 0.03, 0.02


def _levels(uow: UnitOfWork) -> tuple[list[Region], list[Region]]:
    """The communities and the compounds, in code order."""
    bottom = regions.household_level(uow)
    ordered = select(Region).order_by(Region.code)
    communities = list(uow.session.execute(ordered.where(Region.level == bottom - 1)).scalars())
    compounds = list(uow.session.execute(ordered.where(Region.level == bottom)).scalars())
    return communities, compounds


def _codes(app: Any) -> tuple[list[str], list[str]]:
    with read_unit(app) as uow:
        communities, compounds = _levels(uow)
        return [c.code for c in communities], [c.code for c in compounds]


def _save_source(picture: Any, folder: Path, code: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{code}.png"
    picture.save(path)
    return path


def _community(uow: UnitOfWork, community: Region, seed: int, index: int, sources: Path) -> None:
    picture, slots = demo_images.community_map(seed + index)
    if not community.map_image:
        markers.set_image(uow, community.code, _save_source(picture, sources, community.code))
        markers.set_marker_size(uow, community.code, COMPOUND_MARKER, COMPOUND_MARKER)
    kind = kinds_on_map(uow, community)[0]
    items = markers.items_on_map(uow, community, [kind])
    for item, (x, y) in zip(items, slots, strict=False):
        if item.placed:
            continue
        left, top = x - COMPOUND_MARKER // 2, y - COMPOUND_MARKER // 2
        longitude = round(WEST + index * SPAN_LON + x / demo_images.SIZE[0] * SPAN_LON, 6)
        latitude = round(NORTH - y / demo_images.SIZE[1] * SPAN_LAT, 6)
        if _fits(uow, community, left, top):
            marker_store.save(
                uow, kind, item.record, item.key, community, left=left, top=top, longitude=longitude, latitude=latitude
            )


def _shapes(plan: house_grid.Plan[Household]) -> list[BuildingShape]:
    return [
        BuildingShape(building=b.building, columns=sum(u.doors for u in b.units), rows=b.floors) for b in plan.buildings
    ]


def _flat_positions(
    plan: house_grid.Plan[Household], origins: dict[str, tuple[int, int]], step: int
) -> dict[int, tuple[int, int]]:
    """Household id → the pixel position of its flat on its building's block."""
    found: dict[int, tuple[int, int]] = {}
    for building in plan.buildings:
        ox, oy = origins[building.building]
        offset = 0
        for unit in building.units:
            for position, household in unit.flats.items():
                column = offset + position.door - 1
                found[household.id] = (ox + column * step, oy + (building.floors - position.floor) * step)
            offset += unit.doors
    return found


def _compound(uow: UnitOfWork, compound: Region, seed: int, sources: Path) -> None:
    homes = uow.session.execute(
        select(Household).where(Household.compound_id == compound.id).order_by(Household.id)
    ).scalars()
    flats = [
        house_grid.Flat(building=h.building_no or "", unit=h.unit_no or "", door_no=h.door_no or "", item=h)
        for h in homes
    ]
    plan = house_grid.plan(flats)
    shapes = _shapes(plan)
    step = next((s for s in STEPS if demo_images.fits(shapes, s)), None)
    if step is None:
        return  # too many buildings to draw on one 800×600 map; the compound keeps no map
    picture, origins = demo_images.compound_map(seed + compound.id, shapes, step, _font(uow))
    if not compound.map_image:
        markers.set_image(uow, compound.code, _save_source(picture, sources, compound.code))
        markers.set_marker_size(uow, compound.code, step - 2, step - 2)
    positions = _flat_positions(plan, origins, step)
    road = itertools.count()
    for kind in kinds_on_map(uow, compound):
        for item in markers.items_on_map(uow, compound, [kind]):
            if item.placed:
                continue
            spot = positions.get(item.record.id) if kind.id == "household" else None
            if spot is None and kind.id != "household":
                spot = (16 + next(road) * step * 2, demo_images.SIZE[1] - 44)
            if spot is not None and spot[0] < demo_images.SIZE[0] - step:
                _place(uow, kind, item.record, compound, spot)


def _font(uow: UnitOfWork) -> Path | None:
    try:
        return fonts.font_path(uow.app)
    except ConfigError:
        return None


def _fits(uow: UnitOfWork, region: Region, left: int, top: int) -> bool:
    """Whether a generated spot is on the region's map as it is now (a map replaced since may differ)."""
    try:
        check_position(map_info(uow, region), left, top)
    except ValidationError:
        return False
    return True


def _place(uow: UnitOfWork, kind: Kind, record: Any, region: Region, spot: tuple[int, int]) -> None:
    if _fits(uow, region, *spot):
        marker_store.save(uow, kind, record, record_key(uow, kind, record), region, left=spot[0], top=spot[1])


@attrs.frozen
class DemoViewer:
    """Who the demo's pictures are drawn for: an operator who may see everything but full personal
    data, so the pages show masking as most operators meet it."""

    login: str = "demo-viewer"
    terminal: str = "demo"

    def can(self, permission: str) -> bool:
        return permission != PII_VIEW


def _render(app: Any, folder: Path) -> list[Path]:
    """The first community's distribution map (with its compounds' maps) and the smallest compound's chart."""
    from gridcore_maps.distribution import distribution
    from gridcore_maps.house_state import house_state_chart

    with unit_of_work(app, DemoViewer()) as uow:
        communities, compounds = _levels(uow)
        mapped = [c for c in communities if c.map_image]
        if not mapped:
            return []
        community = mapped[0]
        top = distribution(uow, community.code)
        below = [distribution(uow, c.code) for c in compounds if c.parent_id == community.id and c.map_image]
        counts = {
            c.code: uow.session.execute(
                select(func.count()).select_from(Household).where(Household.compound_id == c.id)
            ).scalar_one()
            for c in compounds
            if c.parent_id == community.id
        }
        smallest = min((code for code, count in counts.items() if count), key=lambda code: counts[code], default=None)
        reset_conditions(uow)
        chart = house_state_chart(uow, smallest) if smallest else None
    written: list[Path] = []
    links = {}
    for child in below:
        done = outputs.write_distribution(app, child, folder)
        links[marker_id("region", child.region_code)] = done.html.name
        written += [done.png, done.html]
    done = outputs.write_distribution(app, top, folder, links=links)
    written += [done.png, done.html]
    if chart is not None:
        done = outputs.write_house_state(app, chart, folder)
        written += [done.png, done.html]
    return written


def populate(app: Any, folder: Path, seed: int) -> None:
    """Add the demo maps and markers where missing, then draw the maps into ``folder/maps``."""
    target = folder / "maps"
    sources = target / "generated"
    communities, compounds = _codes(app)
    for index, code in enumerate(communities):
        with unit_of_work(app) as uow:
            _community(uow, regions.get(uow, code), seed, index, sources)
    for code in compounds:
        with unit_of_work(app) as uow:
            _compound(uow, regions.get(uow, code), seed, sources)
    sources.mkdir(parents=True, exist_ok=True)
    (sources / "LICENCE.txt").write_text(demo_images.LICENCE, encoding="utf-8")
    try:
        written = _render(app, target)
    except ConfigError as error:  # no CJK font on this machine: the markers are in, the pictures are not
        print(f"地图: 未绘制分布图与房态图: {error}")
        return
    print(f"地图: 已写出 {len(written)} 个文件到 {target}")
