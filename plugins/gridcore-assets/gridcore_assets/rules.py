"""The asset's rules beyond required fields and dictionaries, run on every add, edit and import row.

- the owner's 姓名 is copied from the resident (and follows a rename, :func:`refresh_owner_name`);
- 车牌号 of a motor vehicle (小型汽车, 大中型客货车, 摩托车) is a GA 36 plate, stored normalised, and
  registered once; other types (电动自行车, 农机 ...) carry locally issued plates, kept as typed;
- 车架号 is a VIN; 数量 is at least 1; 价值 is not negative; 购置日期 is not in the future.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, update

from gridcore.domain.residents import Resident
from gridcore.errors import ConflictError, ValidationError
from gridcore_assets import vehicles
from gridcore_assets.models import Asset

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from gridcore.services.unit import UnitOfWork

#: 财产类型 codes whose plates are GA 36 motor-vehicle plates (domain.md §4.14).
MOTOR_VEHICLES = frozenset({"01", "02", "03"})


def _refuse(label: str, value: Any, reason: str) -> ValidationError:
    return ValidationError(f"「{label}」{value} 无效: {reason}", field=label, value=value)


def check_asset(uow: UnitOfWork, record: Any) -> None:
    """Check one asset (a model instance, or an import row with the same attributes)."""
    owner = uow.session.get(Resident, record.owner_id)
    record.owner_name = owner.name if owner is not None else None
    if owner is not None and isinstance(record, Asset) and record.owner is not owner:
        record.owner = owner  # keep the relationship (and the region read through it) in step with the number
    if record.plate_no:
        record.plate_no = _plate(uow, record)
    if record.vin:
        try:
            record.vin = vehicles.validate_vin(record.vin)
        except vehicles.PlateError as error:
            raise _refuse("车架号", record.vin, str(error)) from None
    if record.quantity is not None and int(record.quantity) < 1:
        raise _refuse("数量", record.quantity, "至少为 1")
    if record.value is not None and Decimal(record.value) < 0:
        raise _refuse("价值(元)", record.value, "不能为负数")
    if record.acquired_date is not None and record.acquired_date > dt.date.today():
        raise _refuse("购置日期", record.acquired_date, "不能晚于今天")


def _plate(uow: UnitOfWork, record: Any) -> str:
    if record.asset_type not in MOTOR_VEHICLES:
        return vehicles.normalize(record.plate_no)
    try:
        plate = vehicles.validate(record.plate_no)
    except vehicles.PlateError as error:
        raise _refuse("车牌号", record.plate_no, str(error)) from None
    query = select(func.count()).select_from(Asset).where(Asset.plate_no == plate)
    if getattr(record, "id", None) is not None:
        query = query.where(Asset.id != record.id)
    seen: dict[str, int] = uow.cache.setdefault("assets.plates", {})  # rows of one import, not yet written
    if seen.get(plate, id(record)) != id(record) or uow.session.execute(query).scalar_one():
        raise ConflictError(f"车牌号 {plate} 已登记在其他财产记录中 (一个号牌只对应一辆车)")
    seen[plate] = id(record)
    return plate


def refresh_owner_name(session: Session, resident: Resident) -> None:
    """After a resident is renamed, their assets show the new 姓名."""
    session.execute(
        update(Asset)
        .where(Asset.owner_id == resident.id, Asset.owner_name.is_distinct_from(resident.name))
        .values(owner_name=resident.name)
    )


def refuse_delete_with_assets(session: Session, resident: Resident) -> None:
    """A resident who still owns assets is not deleted: their assets are removed first, each one audited."""
    count = session.execute(select(func.count()).select_from(Asset).where(Asset.owner_id == resident.id)).scalar_one()
    if count:
        key = resident.resident_no or f"#{resident.id}"
        raise ConflictError(
            f"居民 {key} 还登记有 {count} 项大宗财产, 不能删除; 请先删除这些财产 (gridcore assets of {key})"
        )
