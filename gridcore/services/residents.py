"""Residents (居民): add, edit, delete, link to a household (关联人员) and unlink.

Rules kept here, for every face alike:
- an ID number is validated (GB 11643) and fills a blank 出生日期, 性别, 籍贯 and 出生地; a given value
  that contradicts it is flagged (a warning: the fields stay editable, R-E02);
- 户主: at most one per household; choosing 户主 with a blank name takes the household's 户主姓名
  (R-D07); the 户主's name and the household's 户主姓名 stay equal both ways (R-D08);
- linking copies 户籍编号, 社区名称, 小区, 楼号, 门牌号 and 户主姓名 and gives a 常住编号 if missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from gridcore.domain.coding import RESIDENT_WIDTH
from gridcore.domain.households import Household
from gridcore.domain.idcard import parse_id
from gridcore.domain.resident_rules import check_birth_date, fill_from_id
from gridcore.domain.residents import Resident
from gridcore.errors import ConflictError, NotFoundError, ValidationError
from gridcore.services import dictionaries, fields, households, scope
from gridcore.services.numbers import allocate_number
from gridcore.services.unit import UnitOfWork, operation

ENTITY = "resident"


def key_of(resident: Resident) -> str:
    return resident.resident_no or f"#{resident.id}"


def get(uow: UnitOfWork, key: str) -> Resident:
    """A resident by 常住编号, or ``#id`` for one not linked to a household."""
    key = key.strip()
    if key.startswith("#") and key[1:].isdigit():
        resident = uow.session.get(Resident, int(key[1:]))
    else:
        resident = uow.session.execute(select(Resident).where(Resident.resident_no == key.upper())).scalar_one_or_none()
    missing = f"常住编号 {key} 不存在"
    if resident is None:
        raise NotFoundError(missing)
    scope.require_visible(uow, ENTITY, resident, missing)
    return resident


def _entity(uow: UnitOfWork) -> Any:
    return uow.app.registry.entities[ENTITY]


def head_code(uow: UnitOfWork) -> str:
    return dictionaries.code_of(uow, "relation_to_head", "HEAD")


def head_of(uow: UnitOfWork, household: Household, *, besides: Resident | None = None) -> Resident | None:
    """The household's 户主 resident, if any (other than ``besides``)."""
    query = select(Resident).where(Resident.household_id == household.id, Resident.relation_to_head == head_code(uow))
    for resident in uow.session.execute(query).scalars():
        if besides is None or resident.id != besides.id:
            return resident
    return None


def _apply_id_number(uow: UnitOfWork, resident: Resident, today: dt.date) -> None:
    if not resident.id_number:
        return
    info = parse_id(resident.id_number, today=today)
    clash = uow.session.execute(
        select(Resident.id, Resident.resident_no).where(Resident.id_number == info.number18)
    ).first()
    if clash is not None and clash.id != resident.id:
        raise ConflictError(
            f"身份证号 {info.number18[:6]}********{info.number18[-4:]} 已登记 (常住编号 {clash.resident_no or '#'})",
        )
    sex_code = dictionaries.code_of(uow, "sex", "MALE" if info.sex == "男" else "FEMALE")
    recorded = dictionaries.label_of(uow, "sex", resident.sex) if resident.sex else None
    for warning in fill_from_id(resident, info, sex_code=sex_code, sex_label=recorded):
        uow.warn(warning)


def _validate(uow: UnitOfWork, resident: Resident) -> None:
    today = dt.date.today()
    _apply_id_number(uow, resident, today)
    check_birth_date(resident, today)
    fields.check_required(_entity(uow), resident)


def _check_head(uow: UnitOfWork, resident: Resident, household: Household) -> None:
    if resident.relation_to_head != head_code(uow):
        return
    other = head_of(uow, household, besides=resident)
    if other is not None:
        raise ConflictError(
            f"住户 {households.key_of(household)} 已有户主 {other.name};"
            f"请先把 {other.name} 改为其他关系 (每户只能有一名户主)"
        )


def _sync_head_name(uow: UnitOfWork, resident: Resident, household: Household) -> None:
    """R-D07 and R-D08: the 户主 resident's name and the household's 户主姓名 stay equal."""
    if resident.relation_to_head != head_code(uow):
        return
    if not resident.name:
        resident.name = household.head_name
    elif resident.name != household.head_name:
        household.head_name = resident.name
        uow.session.flush()
        households.copy_to_residents(uow, household)


def _attach(uow: UnitOfWork, resident: Resident, household: Household) -> None:
    if not household.household_no:
        raise ConflictError(f"住户 {households.key_of(household)} 还没有户籍编号: 请先把它关联到小区")
    first = households.resident_count(uow, household) == 0 and resident.household_id != household.id
    resident.household_id = household.id
    resident.household = household
    _check_head(uow, resident, household)
    _sync_head_name(uow, resident, household)
    if first and resident.relation_to_head != head_code(uow):
        uow.warn(f"住户 {household.household_no} 的第一名居民不是户主;建议先录入户主 (R-D06)")
    resident.household_no = household.household_no
    resident.community_name = household.community_name
    resident.compound_name = household.compound_name
    resident.building_no = household.building_no
    resident.door_no = household.door_no
    resident.head_name = household.head_name
    if resident.hukou_type is None:
        resident.hukou_type = household.hukou_type
    if not resident.resident_no:
        resident.resident_no = allocate_number(
            uow, kind="resident", prefix=household.household_no, column=Resident.resident_no, width=RESIDENT_WIDTH
        )


@operation("resident.edit")
def add(
    uow: UnitOfWork,
    *,
    name: str | None,
    household_key: str | None = None,
    relation: str | None = None,
    id_number: str | None = None,
    given: Mapping[str, Any] | None = None,
) -> Resident:
    """A new resident; with a household it is linked at once and numbered (R-C07)."""
    household = households.get(uow, household_key) if household_key else None
    resident = Resident(is_disabled=False, is_dibao=False, lives_alone=False)
    values: dict[str, Any] = dict(given or {})
    if relation is not None:
        values["与户主关系"] = relation
    if id_number is not None:
        values["身份证号"] = id_number
    fields.assign(uow, _entity(uow), resident, values)
    resident.name = (name or "").strip() or resident.name
    if resident.population_type is None:
        resident.population_type = dictionaries.code_of(uow, "population_type", "PERMANENT")
    if household is not None:
        _attach(uow, resident, household)
    elif resident.relation_to_head == head_code(uow) and not resident.name:
        raise ValidationError("「姓名」不能为空 (未关联住户时无法取户主姓名)", field="姓名")
    _validate(uow, resident)
    uow.write(ENTITY, "create", resident, key=resident.resident_no or "")
    return resident


@operation("resident.edit")
def edit(uow: UnitOfWork, key: str, given: Mapping[str, Any]) -> Resident:
    resident = get(uow, key)
    changed = fields.assign(uow, _entity(uow), resident, given)
    if resident.household is not None:
        _check_head(uow, resident, resident.household)
        _sync_head_name(uow, resident, resident.household)
    _validate(uow, resident)
    if changed:
        uow.write(ENTITY, "update", resident, key=key_of(resident))
    return resident


@operation("resident.edit")
def delete(uow: UnitOfWork, key: str) -> None:
    resident = get(uow, key)
    uow.write(ENTITY, "delete", resident, key=key_of(resident))


@operation("resident.edit")
def link(uow: UnitOfWork, key: str, household_key: str, *, move: bool = False) -> Resident:
    """关联人员: link to a household; one linked elsewhere moves only with ``move`` (R-G13)."""
    resident = get(uow, key)
    household = households.get(uow, household_key)
    if resident.household_id is not None and resident.household_id != household.id and not move:
        raise ConflictError(f"居民 {resident.name} 已关联到住户 {resident.household_no};确认移动请加 --move (编号不变)")
    _attach(uow, resident, household)
    uow.write(ENTITY, "update", resident, key=key_of(resident))
    return resident


@operation("resident.edit")
def unlink(uow: UnitOfWork, key: str) -> Resident:
    """解除关联: remove from the household without deleting; the 常住编号 is kept."""
    resident = get(uow, key)
    resident.household_id = None
    resident.household = None
    for name in ("household_no", "community_name", "compound_name", "building_no", "door_no", "head_name"):
        setattr(resident, name, None)
    uow.write(ENTITY, "update", resident, key=key_of(resident))
    return resident
