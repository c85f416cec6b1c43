"""What a KIND names (小区, 住户, 营业场所 ...), found through the registry, and which map a record sits on.

A kind is a registered entity with a region path (``Entity.region``), or a region level: ``compound``
(the level households belong to), ``community`` (the level above it), ``region`` (any level), or a
level's name from the edition (小区, 社区, 街道). A region is placed on its parent's map; any other
record on the map of the region it belongs to. Nothing here names another plugin: a kind that no
installed plugin registers is simply unknown.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from gridcore.contributions import Entity
from gridcore.domain.regions import Region
from gridcore.errors import NotFoundError, ValidationError
from gridcore.services import records, regions
from gridcore.services.scope import record_region
from gridcore.services.unit import UnitOfWork

REGION = "region"


@attrs.frozen(kw_only=True)
class Kind:
    """A registered entity that can be placed; for regions, optionally one level of the hierarchy."""

    entity: Entity
    level: int | None = None
    title: str

    @property
    def id(self) -> str:
        return self.entity.id

    @property
    def is_region(self) -> bool:
        return self.entity.id == REGION


def _region_aliases(uow: UnitOfWork) -> dict[str, int | None]:
    names = regions.levels(uow)
    bottom = regions.household_level(uow)
    aliases: dict[str, int | None] = {REGION: None, "compound": bottom}
    if bottom >= 1:
        aliases["community"] = bottom - 1
    if bottom >= 2:
        aliases["street"] = 0
    for index, name in enumerate(names):
        aliases[name] = index
    return aliases


def resolve_kind(uow: UnitOfWork, text: str) -> Kind:
    """The kind people name: an entity id or title (household, 住户), or a region level (compound, 小区)."""
    wanted = text.strip()
    entities = uow.app.registry.entities
    aliases = _region_aliases(uow)
    if wanted in aliases and REGION in entities:
        level = aliases[wanted]
        title = regions.levels(uow)[level] if level is not None else entities[REGION].title
        return Kind(entity=entities[REGION], level=level, title=title)
    for entity in entities.values():
        if wanted in (entity.id, entity.title):
            if entity.region is None:
                raise ValidationError(f"{entity.title}不按辖区划分, 不能在地图上标注", field="KIND", value=text)
            return Kind(entity=entity, title=entity.title)
    placeable = [e.id for e in entities.values() if e.region is not None and e.id != REGION]
    known = "、".join([*aliases, *placeable])
    raise NotFoundError(f"没有可标注的对象类型「{text}」;可用: {known}")


def kind_of_entity(uow: UnitOfWork, entity_id: str) -> Kind:
    """The kind of every record of ``entity_id`` (regions of any level)."""
    entity = uow.app.registry.entities[entity_id]
    return Kind(entity=entity, title=entity.title)


def find_record(uow: UnitOfWork, kind: Kind, key: str) -> Any:
    """The record ``key`` names (its natural key, or ``#id``), inside the operator's scope."""
    record = records.find(uow, kind.id, key)
    if kind.level is not None and record.level != kind.level:
        level_name = regions.levels(uow)[record.level]
        raise ValidationError(f"{record.name} ({record.code}) 是{level_name}, 不是{kind.title}", value=key)
    return record


def record_key(uow: UnitOfWork, kind: Kind, record: Any) -> str:
    return records.key_of(uow, kind.id, record)


def map_region_of(uow: UnitOfWork, kind: Kind, record: Any) -> Region:
    """The region whose map positions ``record``: a region's parent, or the region the record belongs to."""
    if kind.is_region:
        parent: Region | None = record.parent
        if parent is None:
            raise ValidationError(f"{record.name} 是最高层级, 没有可以标注它的上级地图", value=record.code)
        return parent
    region_id = record_region(kind.entity, record)
    region = uow.session.get(Region, region_id) if region_id is not None else None
    if region is None:
        key = record_key(uow, kind, record)
        raise ValidationError(f"{kind.title} {key} 尚未关联到辖区, 不能在地图上标注", value=key)
    return region


def kinds_on_map(uow: UnitOfWork, region: Region, wanted: Sequence[str] = ()) -> list[Kind]:
    """What a region's map positions: a community's map its compounds (the regions one level down); a
    compound's map the kinds of the setting ``map_kinds`` (household, premises), skipping those no
    installed plugin registers. ``wanted`` chooses other kinds (as people name them).
    """
    if wanted:
        return [resolve_kind(uow, text) for text in wanted]
    entities = uow.app.registry.entities
    if region.level < regions.household_level(uow):
        if REGION not in entities:
            return []
        level = region.level + 1
        return [Kind(entity=entities[REGION], level=level, title=regions.levels(uow)[level])]
    found: list[Kind] = []
    for entity_id in uow.app.setting("maps", "map_kinds"):
        entity = entities.get(str(entity_id))
        if entity is not None and entity.region is not None and entity.id != REGION:
            found.append(Kind(entity=entity, title=entity.title))
    return found
