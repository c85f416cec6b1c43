"""The premises (营业场所) an archive belongs to, reached through the kernel registry only.

gridcore-premises is required (``PluginInfo.requires``) but never imported: its entity ``premises``
gives the model, the key (场所编号) and the region path; its fields are found by their Chinese labels.
An archive stores the 场所编号, so it survives backup, restore and exchange like any natural key.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
from sqlalchemy import inspect, select, update

from gridcore.contributions import Entity
from gridcore.entities import resolve_field
from gridcore.errors import NotFoundError, ValidationError
from gridcore_firesafety.models import ShopArchive

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from gridcore import GridApp
    from gridcore.services.unit import UnitOfWork

PREMISES = "premises"
#: Labels of the premises fields an archive copies when it is opened (domain.md §1.2.1).
NAME_LABEL = "场所名称"
OWNER_LABEL = "负责人"
PHONE_LABEL = "联系电话"
ADDRESS_LABEL = "地址"
AREA_LABEL = "经营面积"


@attrs.frozen(kw_only=True)
class PremisesFacts:
    """What an archive needs of a premises."""

    key: str
    name: str
    compound_id: int | None
    owner: str | None
    phone: str | None
    address: str | None
    area: Decimal | None


def premises_entity(app: GridApp) -> Entity:
    entity = app.registry.entities.get(PREMISES)
    if entity is None:
        raise NotFoundError("没有加载场所插件 (gridcore-premises): 消防档案需要场所信息")
    return entity


def _attribute(entity: Entity, label: str) -> str | None:
    try:
        return resolve_field(entity.model, label).name
    except ValidationError:
        return None


def _value(entity: Entity, record: Any, label: str) -> Any:
    name = _attribute(entity, label)
    return getattr(record, name) if name else None


def _region(entity: Entity, record: Any) -> int | None:
    if entity.region is None:
        return None
    value: Any = record
    for part in entity.region.split("."):
        value = getattr(value, part, None)
        if value is None:
            return None
    return int(value)


def facts_of(entity: Entity, record: Any) -> PremisesFacts:
    key = getattr(record, entity.key) if entity.key else None
    if not key:
        raise ValidationError("该场所还没有场所编号 (未关联小区), 请先关联小区再建档", field="场所编号")
    area = _value(entity, record, AREA_LABEL)
    return PremisesFacts(
        key=str(key),
        name=str(_value(entity, record, NAME_LABEL) or key),
        compound_id=_region(entity, record),
        owner=_value(entity, record, OWNER_LABEL),
        phone=_value(entity, record, PHONE_LABEL),
        address=_value(entity, record, ADDRESS_LABEL),
        area=Decimal(str(area)) if area is not None else None,
    )


def find(uow: UnitOfWork, key: str) -> PremisesFacts:
    """The premises with this 场所编号 (``NotFoundError`` when there is none)."""
    entity = premises_entity(uow.app)
    model: Any = entity.model
    wanted = key.strip().upper()
    record = uow.session.execute(select(model).where(getattr(model, entity.key) == wanted)).scalar_one_or_none()
    if record is None:
        raise NotFoundError(f"场所编号 {wanted} 不存在 (gridcore premises list)")
    return facts_of(entity, record)


def in_compounds(uow: UnitOfWork, compound_ids: Collection[int]) -> list[PremisesFacts]:
    """Every numbered premises of these compounds, by 场所编号."""
    entity = premises_entity(uow.app)
    if not compound_ids or entity.region is None or "." in entity.region:
        return []
    model: Any = entity.model
    key = getattr(model, entity.key)
    rows = uow.session.execute(
        select(model).where(getattr(model, entity.region).in_(sorted(compound_ids)), key.is_not(None)).order_by(key)
    ).scalars()
    return [facts_of(entity, record) for record in rows]


def guard_premises_write(app: GridApp, session: Session, action: str, record: Any) -> Callable[[], None]:
    """Before a premises write: refuse deleting an archived premises. After it: follow a rename or renumber."""
    entity = premises_entity(app)
    state = inspect(record)
    old_key = _before(state, entity.key) if entity.key else None
    current = getattr(record, entity.key, None) if entity.key else None
    key = old_key or current
    if action == "delete" and key:
        archived = session.execute(select(ShopArchive.id).where(ShopArchive.premises_no == key)).first()
        if archived is not None:
            raise ValidationError(f"场所 {key} 有消防档案 (一户一档), 不能删除: 请先在消防档案中处理", value=key)
    name_attribute = _attribute(entity, NAME_LABEL)

    def follow() -> None:
        if action != "update" or not key:
            return
        values: dict[str, Any] = {}
        if current and current != key:
            values["premises_no"] = current
        if name_attribute and getattr(record, name_attribute, None):
            values["shop_name"] = getattr(record, name_attribute)
        if values:
            session.execute(update(ShopArchive).where(ShopArchive.premises_no == key).values(**values))

    return follow


def _before(state: Any, attribute: str) -> Any:
    history = state.attrs[attribute].history
    return history.deleted[0] if history.deleted else None
