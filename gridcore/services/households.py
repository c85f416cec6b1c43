"""Households (住户): add, edit, delete, link to a compound (关联房屋) and unlink (解除关联).

Linking copies 社区名称 and 小区 into the household and its residents, makes the building (楼号) on
first use, and gives the household its 户籍编号 (compound code + three digits) if it has none. The
number is kept for life: moving or unlinking never renumbers (§2.6 I).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select, update

from gridcore.domain.households import Building, Household
from gridcore.domain.regions import Region
from gridcore.domain.residents import Resident
from gridcore.errors import ConflictError, NotFoundError, ValidationError
from gridcore.services import fields, regions, scope
from gridcore.services.numbers import allocate_number
from gridcore.services.unit import UnitOfWork, operation

ENTITY = "household"
COPIED_TO_RESIDENTS = ("building_no", "door_no", "head_name")


def key_of(household: Household) -> str:
    return household.household_no or f"#{household.id}"


def get(uow: UnitOfWork, key: str) -> Household:
    """A household by 户籍编号, or ``#id`` for one not yet linked (no number yet)."""
    key = key.strip()
    if key.startswith("#") and key[1:].isdigit():
        household = uow.session.get(Household, int(key[1:]))
    else:
        household = uow.session.execute(
            select(Household).where(Household.household_no == key.upper())
        ).scalar_one_or_none()
    missing = f"户籍编号 {key} 不存在"
    if household is None:
        raise NotFoundError(missing)
    scope.require_visible(uow, ENTITY, household, missing)
    return household


def _entity(uow: UnitOfWork) -> Any:
    return uow.app.registry.entities[ENTITY]


def compound_for(uow: UnitOfWork, code: str) -> Region:
    compound = regions.get(uow, code)
    bottom = regions.household_level(uow)
    if compound.level != bottom:
        level_names = regions.levels(uow)
        raise ValidationError(
            f"{compound.name} 是{level_names[compound.level]},住户只能关联到{level_names[bottom]}",
            field="小区",
            value=code,
        )
    return compound


def _ensure_building(uow: UnitOfWork, household: Household) -> None:
    if household.compound_id is None or not household.building_no:
        return
    exists = uow.session.execute(
        select(Building.id).where(
            Building.compound_id == household.compound_id, Building.building_no == household.building_no
        )
    ).first()
    if exists is None:
        uow.session.add(Building(compound_id=household.compound_id, building_no=household.building_no))


def copy_to_residents(uow: UnitOfWork, household: Household) -> None:
    uow.session.execute(
        update(Resident)
        .where(Resident.household_id == household.id)
        .values(
            household_no=household.household_no,
            community_name=household.community_name,
            compound_name=household.compound_name,
            building_no=household.building_no,
            door_no=household.door_no,
            head_name=household.head_name,
        )
    )


def _attach(uow: UnitOfWork, household: Household, compound: Region) -> None:
    household.compound = compound
    household.compound_id = compound.id
    household.community_name = compound.parent.name if compound.parent is not None else None
    household.compound_name = compound.name
    if not household.household_no:
        household.household_no = allocate_number(
            uow,
            kind="household",
            prefix=compound.code,
            column=Household.household_no,
            width=int(uow.app.setting("core", "record_number_width")),
        )


@operation("household.edit")
def add(
    uow: UnitOfWork, *, head_name: str, compound_code: str | None = None, given: Mapping[str, Any] | None = None
) -> Household:
    """A new household; with a compound it is linked at once and numbered (R-C05)."""
    household = Household()
    fields.assign(uow, _entity(uow), household, {"户主姓名": head_name, **dict(given or {})})
    fields.check_required(_entity(uow), household)
    if compound_code:
        _attach(uow, household, compound_for(uow, compound_code))
    uow.write(ENTITY, "create", household, key=household.household_no or "")
    _ensure_building(uow, household)
    return household


@operation("household.edit")
def edit(uow: UnitOfWork, key: str, given: Mapping[str, Any]) -> Household:
    """Change fields; a new 户主姓名 also renames the 户主 resident and every copy (R-D08)."""
    household = get(uow, key)
    changed = fields.assign(uow, _entity(uow), household, given)
    if "head_name" in changed:
        from gridcore.services.residents import head_of

        head = head_of(uow, household)
        if head is not None:
            head.name = household.head_name
    if changed:
        uow.write(ENTITY, "update", household, key=key_of(household))
        _ensure_building(uow, household)
        if set(changed) & set(COPIED_TO_RESIDENTS):
            uow.session.flush()
            copy_to_residents(uow, household)
    return household


def resident_count(uow: UnitOfWork, household: Household) -> int:
    return uow.session.execute(
        select(func.count()).select_from(Resident).where(Resident.household_id == household.id)
    ).scalar_one()


@operation("household.edit")
def delete(uow: UnitOfWork, key: str) -> None:
    """Delete a household with no residents (R-D09); its number is never given out again."""
    household = get(uow, key)
    count = resident_count(uow, household)
    if count:
        raise ConflictError(f"住户 {key_of(household)} 还有 {count} 名居民,不能删除;请先删除居民或解除关联")
    uow.write(ENTITY, "delete", household, key=key_of(household))


@operation("household.edit")
def link(uow: UnitOfWork, key: str, compound_code: str, *, move: bool = False) -> Household:
    """关联房屋: link to a compound; one linked elsewhere moves only with ``move`` (R-G13)."""
    household = get(uow, key)
    compound = compound_for(uow, compound_code)
    if household.compound_id is not None and household.compound_id != compound.id and not move:
        raise ConflictError(
            f"住户 {key_of(household)} 已关联到 {household.compound_name};确认移动请加 --move (编号不变)"
        )
    _attach(uow, household, compound)
    uow.write(ENTITY, "update", household, key=key_of(household))
    uow.session.flush()
    _ensure_building(uow, household)
    copy_to_residents(uow, household)
    return household


@operation("household.edit")
def unlink(uow: UnitOfWork, key: str) -> Household:
    """解除关联: remove from its compound without deleting; the number is kept."""
    household = get(uow, key)
    household.compound_id = None
    household.compound = None
    household.community_name = None
    household.compound_name = None
    uow.write(ENTITY, "update", household, key=key_of(household))
    uow.session.flush()
    copy_to_residents(uow, household)
    return household
