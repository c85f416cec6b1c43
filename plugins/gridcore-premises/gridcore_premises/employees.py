"""Employees (从业人员): link residents to a premises and unlink them (R-H03, R-H04).

The link is the resident's 场所编号 (``Resident.premises_no``), as in the manual: one column, so a
resident works at one premises at most. Linking and unlinking change only that field, through the
unit of work (audited, region-scoped); neither deletes a resident, and a premises that still has
employees is not deleted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from gridcore.domain.residents import Resident
from gridcore.errors import ConflictError
from gridcore.query.spec import Condition, QuerySpec
from gridcore.services import records
from gridcore.services.presentation import record_view
from gridcore.services.query import QueryResult, run_query
from gridcore.services.unit import UnitOfWork, operation
from gridcore_premises.models import Premises
from gridcore_premises.plugin import EMPLOYEES, ENTITY, VIEW

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

RESIDENT = "resident"
RESIDENT_VIEW = "resident.view"
PREMISES_NO = "场所编号"
#: The resident fields an employee list shows (CLI and web).
EMPLOYEE_COLUMNS = ("常住编号", "姓名", "性别", "出生日期", "小区", "门牌号", "联系电话", "场所编号")
#: How the CLI tells an operator to move a resident who works elsewhere (the web names its checkbox).
MOVE_HINT = "确认改到本场所请加 --move"


def employee_row(uow: UnitOfWork, resident: Resident) -> dict[str, Any]:
    """A resident as an employee list shows them, masked as the operator must see them."""
    view = record_view(uow, RESIDENT, resident)
    return {label: view.get(label) for label in EMPLOYEE_COLUMNS}


def employee_count(session: Session, premises: Premises) -> int:
    return int(
        session.execute(
            select(func.count()).select_from(Resident).where(Resident.premises_no == premises.premises_no)
        ).scalar_one()
    )


def refuse_delete_with_employees(session: Session, premises: Premises) -> None:
    """A premises is deleted only once its employees are unlinked (they are never deleted with it)."""
    count = employee_count(session, premises) if premises.premises_no else 0
    if count:
        raise ConflictError(
            f"营业场所 {premises.premises_no} ({premises.name}) 还有 {count} 名从业人员, 不能删除;"
            f"请先解除关联: gridcore premises unlink {premises.premises_no} 常住编号"
        )


def _resident_key(resident: Resident) -> str:
    return resident.resident_no or f"#{resident.id}"


def _save(uow: UnitOfWork, resident: Resident, premises_no: str | None) -> Resident:
    resident.premises_no = premises_no
    uow.write(RESIDENT, "update", resident, key=_resident_key(resident))
    return resident


@operation(EMPLOYEES)
def link(
    uow: UnitOfWork, premises_key: str, resident_key: str, *, move: bool = False, move_hint: str = MOVE_HINT
) -> Resident:
    """Make a resident an employee of a premises; one working elsewhere moves only with ``move``.

    ``move_hint`` ends the refusal without ``move``: how this face lets the operator confirm the move.
    """
    premises: Premises = records.find(uow, ENTITY, premises_key)
    resident: Resident = records.find(uow, RESIDENT, resident_key)
    current = resident.premises_no
    if current == premises.premises_no:
        uow.warn(f"{resident.name} 已是 {premises.premises_no} ({premises.name}) 的从业人员")
        return resident
    if current and not move:
        raise ConflictError(
            f"居民 {_resident_key(resident)} 已是场所 {current} 的从业人员 (每人只能关联一个场所);{move_hint}"
        )
    return _save(uow, resident, premises.premises_no)


@operation(EMPLOYEES)
def unlink(uow: UnitOfWork, premises_key: str, resident_key: str) -> Resident:
    """Remove a resident from a premises' employees; the resident stays, without a 场所编号."""
    premises: Premises = records.find(uow, ENTITY, premises_key)
    resident: Resident = records.find(uow, RESIDENT, resident_key)
    if resident.premises_no != premises.premises_no:
        raise ConflictError(
            f"居民 {_resident_key(resident)} 不是场所 {premises.premises_no} ({premises.name}) 的从业人员"
        )
    return _save(uow, resident, None)


@operation(VIEW)
def employees(uow: UnitOfWork, premises_key: str) -> tuple[Premises, list[Resident]]:
    """A premises and its employees (residents), by 常住编号; seeing them needs ``resident.view`` too."""
    uow.require(RESIDENT_VIEW)
    premises: Premises = records.find(uow, ENTITY, premises_key)
    result = run_query(
        uow,
        RESIDENT,
        QuerySpec(where=(Condition(field=PREMISES_NO, op="=", value=premises.premises_no or ""),)),
    )
    return premises, list(result.records)


@operation(RESIDENT_VIEW)
def unlinked(
    uow: UnitOfWork, *, region: str | None = None, contains: str | None = None, limit: int = 50, offset: int = 0
) -> QueryResult:
    """Residents who work at no premises (the manual's 未关联人员 list), optionally in a region or by keyword."""
    spec = QuerySpec(
        where=(),
        filter=Condition(field=PREMISES_NO, op="empty"),
        contains=contains,
        region=region,
        limit=limit,
        offset=offset,
    )
    return run_query(uow, RESIDENT, spec)
