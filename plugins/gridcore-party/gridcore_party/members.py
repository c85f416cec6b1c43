"""Party members (党员管理, R-P02 to R-P04): chosen only from eligible residents, whose data they carry.

Adding a member picks a resident by 常住编号; the resident's 姓名, 性别, 出生日期 and 政治面貌 (as
党员类别) are copied in, and the party fields (所属党组织, 入党日期, 转正日期, 党内职务 ...) are
completed by the operator. The copies follow the resident afterwards (the plugin's write wrapper),
and a resident who is a member can neither be deleted nor lose an eligible 政治面貌.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import inspect, select

from gridcore.domain.residents import Resident
from gridcore.errors import ConflictError, NotFoundError, ValidationError
from gridcore.query import QuerySpec
from gridcore.services import records
from gridcore.services.query import conditions
from gridcore.services.unit import UnitOfWork, operation
from gridcore_party.eligibility import eligible_codes, full_member_code, status_label
from gridcore_party.models import PartyMember
from gridcore_party.plugin import MEMBER

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from gridcore import GridApp

ADULT_AGE = 18
COPIED = ("name", "sex", "birth_date")


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def require_eligible(app: GridApp, resident: Resident) -> None:
    """R-P03: only a resident whose 政治面貌 is 党员, 预备党员 or 积极分子 may be a member."""
    if resident.political_status not in eligible_codes(app):
        raise ValidationError(
            f"居民 {resident.resident_no or '#' + str(resident.id)} {resident.name} 的政治面貌为"
            f"「{status_label(app, resident.political_status)}」: 只有党员、预备党员、积极分子可以加入党员名册;"
            "请先在居民信息中修改政治面貌",
            field="常住编号",
            value=resident.resident_no,
        )


def copy_from_resident(app: GridApp, member: PartyMember, resident: Resident) -> bool:
    """Copy the resident's data into the member (R-P04); return whether anything changed."""
    values = {name: getattr(resident, name) for name in COPIED}
    values["category"] = resident.political_status if resident.political_status in eligible_codes(app) else None
    changed = False
    for name, value in values.items():
        if getattr(member, name) != value:
            setattr(member, name, value)
            changed = True
    return changed


def check_dates(app: GridApp, member: PartyMember) -> None:
    """入党 at 18 or older and not in the future; 转正 after 入党, and only for a full member."""
    join, full = member.join_date, member.full_member_date
    if join is not None:
        if join > dt.date.today():
            raise ValidationError(f"「入党日期」{join} 晚于今天", field="入党日期", value=str(join))
        if member.birth_date is not None and join < _years_after(member.birth_date, ADULT_AGE):
            raise ValidationError(
                f"「入党日期」{join} 时未满 {ADULT_AGE} 周岁 (出生日期 {member.birth_date})",
                field="入党日期",
                value=str(join),
            )
    if full is not None:
        if join is None:
            raise ValidationError("填写「转正日期」前请先填写「入党日期」", field="转正日期", value=str(full))
        if full < join:
            raise ValidationError(f"「转正日期」{full} 早于「入党日期」{join}", field="转正日期", value=str(full))
        if member.category != full_member_code(app):
            label = status_label(app, member.category)
            raise ValidationError(f"{label}尚未转正, 不能填写「转正日期」", field="转正日期", value=str(full))


def check_member(uow: UnitOfWork, member: PartyMember) -> None:
    """The rules of every add, edit and import: eligibility, the resident's data, the dates."""
    resident = uow.session.get(Resident, member.resident_id)
    if resident is None:
        raise ValidationError(f"「常住编号」居民 #{member.resident_id} 不存在", field="常住编号")
    require_eligible(uow.app, resident)
    taken = uow.session.execute(
        select(PartyMember.id).where(PartyMember.resident_id == resident.id, PartyMember.id != (member.id or 0))
    ).first()
    if taken is not None:
        who = f"居民 {resident.resident_no} {resident.name}"
        raise ConflictError(f"{who} 已在党员名册中 (#{taken[0]}): 每人只属于一个党组织")
    copy_from_resident(uow.app, member, resident)
    check_dates(uow.app, member)


def member_of(session: Session, resident_id: int) -> PartyMember | None:
    return session.execute(select(PartyMember).where(PartyMember.resident_id == resident_id)).scalar_one_or_none()


def roster_exists(session: Session) -> bool:
    """Whether the party tables are there (not after ``gridcore db downgrade party``), once per session."""
    key = "gridcore_party.roster"
    if key not in session.info:
        session.info[key] = inspect(session.connection()).has_table(PartyMember.__tablename__)
    return bool(session.info[key])


def guard_resident(app: GridApp, session: Session, action: str, resident: Resident) -> PartyMember | None:
    """Before a resident is written: refuse what would break the roster; the member to refresh after."""
    if action == "create" or resident.id is None or not roster_exists(session):
        return None
    member = member_of(session, resident.id)
    if member is None:
        return None
    if action == "delete":
        raise ConflictError(
            f"居民 {resident.resident_no} {resident.name} 在党员名册中, 不能删除: "
            f"请先移出党员名册 (gridcore party member delete #{member.id} --yes)"
        )
    require_eligible(app, resident)
    return member


def refresh_from_resident(app: GridApp, session: Session, member: PartyMember, resident: Resident) -> None:
    """After a resident changed: carry 姓名, 性别, 出生日期 and 党员类别 over, and re-index the member."""
    if copy_from_resident(app, member, resident):
        from gridcore.search.index import index_record

        session.flush()
        index_record(session, app.registry.entities[MEMBER], member, "update")


def member_by_key(uow: UnitOfWork, key: str) -> PartyMember:
    """A member by ``#id`` or by the resident's 常住编号."""
    text = key.strip()
    if text.startswith("#"):
        found: PartyMember = records.find(uow, MEMBER, text)
        return found
    resident = records.find(uow, "resident", text)
    member = member_of(uow.session, resident.id)
    if member is None:
        raise NotFoundError(f"居民 {resident.resident_no} {resident.name} 不在党员名册中")
    return member


@operation(f"{MEMBER}.edit")
def candidates(uow: UnitOfWork, *, contains: str | None = None, limit: int = 50) -> list[Resident]:
    """添加党员: residents whose 政治面貌 is 党员, 预备党员 or 积极分子 and who are not members yet (R-P03)."""
    uow.require("resident.view")
    target = uow.app.registry.entities["resident"]
    where: list[Any] = conditions(uow, target, QuerySpec(contains=contains))
    where.append(Resident.political_status.in_(list(eligible_codes(uow.app))))
    where.append(Resident.id.not_in(select(PartyMember.resident_id)))
    query = select(Resident).where(*where).order_by(Resident.resident_no, Resident.id).limit(limit)
    return list(uow.session.execute(query).scalars())
