"""Organizations (组织机构) and their members: the rules beyond the generic register (R-K01).

Adding, editing and deleting organizations and members is the kernel's generic CRUD
(:mod:`gridcore.services.records`); what is specific lives here: an organization with members cannot be
deleted, and members are read level by level (层级, a dictionary: 最高层 主任/书记, 最低层 委员, and
any level users add) for the roster and the chart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func, select

from gridcore.errors import ConflictError
from gridcore.services import records
from gridcore.services.unit import UnitOfWork, operation
from gridcore_orgs.models import Organization, OrgMember
from gridcore_orgs.plugin import LEVELS, MEMBER, ORGANIZATION

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def member_count(session: Session, organization_id: int) -> int:
    query = select(func.count()).select_from(OrgMember).where(OrgMember.organization_id == organization_id)
    return int(session.execute(query).scalar_one())


def refuse_deleting_staffed(session: Session, organization: Organization) -> None:
    """An organization that still has members is not deleted (its members would lose their place)."""
    count = member_count(session, organization.id)
    if count:
        raise ConflictError(f"组织机构「{organization.name}」还有 {count} 名成员, 不能删除: 请先删除成员")


def level_order(uow: UnitOfWork) -> dict[str, int]:
    """Each level code's place (最高层 first), in the dictionary's display order."""
    from gridcore.services import dictionaries

    entries = dictionaries.current(uow, LEVELS).entries
    return {entry.code: index for index, entry in enumerate(entries)}


@operation(f"{ORGANIZATION}.view")
def list_organizations(uow: UnitOfWork) -> list[Organization]:
    order = (func.coalesce(Organization.sort_order, 0), Organization.id)
    return list(uow.session.execute(select(Organization).order_by(*order)).scalars())


@operation(f"{MEMBER}.view")
def roster(uow: UnitOfWork, organization_key: str) -> tuple[Organization, list[OrgMember]]:
    """The organization and its members: level by level (最高层 first), then by 排序."""
    organization: Organization = records.find(uow, ORGANIZATION, organization_key)
    members = uow.session.execute(select(OrgMember).where(OrgMember.organization_id == organization.id)).scalars()
    order = level_order(uow)
    ranked = sorted(members, key=lambda m: (order.get(m.level, len(order)), m.sort_order or 0, m.id))
    return organization, ranked
