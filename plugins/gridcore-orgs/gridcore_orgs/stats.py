"""Statistics of the orgs plugin: regulations by category, members by organization and level.

Neither register is divided by region, so the scope of a statistics run does not narrow them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func, select

from gridcore import StatTable
from gridcore.services import dictionaries
from gridcore_orgs.models import Organization, OrgMember, Regulation
from gridcore_orgs.organizations import level_order
from gridcore_orgs.plugin import CATEGORIES, LEVELS

if TYPE_CHECKING:
    from gridcore.services.unit import UnitOfWork
    from gridcore.stats.scope import Scope


def regulations_by_category(uow: UnitOfWork, scope: Scope) -> StatTable:
    """规章制度分类统计: every category in display order, with how many regulations it holds."""
    counts = dict(
        uow.session.execute(select(Regulation.category, func.count()).group_by(Regulation.category)).tuples().all()
    )
    rows = [(entry.label, int(counts.pop(entry.code, 0))) for entry in dictionaries.current(uow, CATEGORIES).entries]
    rows += [(code, int(n)) for code, n in sorted(counts.items())]  # entries removed from the dictionary
    return StatTable(columns=("类别", "件数"), rows=tuple(rows))


def members_by_organization(uow: UnitOfWork, scope: Scope) -> StatTable:
    """组织机构成员统计: members of each organization on each level (最高层 first)."""
    query = (
        select(Organization.sort_order, Organization.id, Organization.name, OrgMember.level, func.count())
        .join(OrgMember, OrgMember.organization_id == Organization.id)
        .group_by(Organization.sort_order, Organization.id, Organization.name, OrgMember.level)
    )
    order = level_order(uow)
    found = sorted(
        uow.session.execute(query).tuples().all(), key=lambda r: (r[0] or 0, r[1], order.get(r[3], len(order)))
    )
    rows = tuple((name, dictionaries.label_of(uow, LEVELS, level), int(n)) for _, _, name, level, n in found)
    return StatTable(columns=("组织机构", "层级", "人数"), rows=rows)
