"""Party organizations (组织机构管理, R-P01): a tree 党委 > 党总支 > 党支部 > 党小组.

A sub-organization ranks below its parent (a 党小组 cannot hold a 党支部), the tree has no cycles,
and an organization that still has sub-organizations, members or activities is not deleted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs
from sqlalchemy import func, select

from gridcore.errors import ConflictError, ValidationError
from gridcore.services import dictionaries, records
from gridcore.services.unit import UnitOfWork, operation
from gridcore_party.models import ActivityPhoto, PartyActivity, PartyMember, PartyOrg
from gridcore_party.plugin import ACTIVITY, ORG, ORG_TYPES

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

#: Rank of each default 党组织类型 code: 社区党组织 and 党委 1, 党总支 2, 党支部 3, 党小组 4.
#: Entries users add have no rank and are not checked.
RANKS = {"01": 1, "02": 1, "03": 2, "04": 3, "05": 4}


def _type_label(uow: UnitOfWork, code: str | None) -> str:
    return dictionaries.label_of(uow, ORG_TYPES, code)


def check_org(uow: UnitOfWork, org: PartyOrg) -> None:
    """No cycle through 上级党组织, and each level ranks below the one above it."""
    parent = uow.session.get(PartyOrg, org.parent_id) if org.parent_id is not None else None
    seen = {org.id}
    ancestor = parent
    while ancestor is not None:
        if ancestor.id in seen:
            raise ValidationError(
                f"「上级党组织」{parent.name if parent else ''} 是「{org.name}」自己或其下级: 党组织树不能成环",
                field="上级党组织",
            )
        seen.add(ancestor.id)
        ancestor = uow.session.get(PartyOrg, ancestor.parent_id) if ancestor.parent_id is not None else None
    pairs = [(parent, org)] if parent is not None else []
    if org.id is not None:
        children = uow.session.execute(select(PartyOrg).where(PartyOrg.parent_id == org.id)).scalars()
        pairs += [(org, child) for child in children]
    for upper, lower in pairs:
        high, low = RANKS.get(upper.org_type), RANKS.get(lower.org_type)
        if high is not None and low is not None and low <= high:
            raise ValidationError(
                f"{_type_label(uow, lower.org_type)}「{lower.name}」不能隶属于"
                f"{_type_label(uow, upper.org_type)}「{upper.name}」: 层级应为 党委 > 党总支 > 党支部 > 党小组",
                field="上级党组织",
            )


def _count(session: Session, model: Any, column: Any, value: int) -> int:
    return int(session.execute(select(func.count()).select_from(model).where(column == value)).scalar_one())


def refuse_deleting_used(session: Session, entity: str, record: Any) -> None:
    """An organization with sub-organizations, members or activities, or an activity with photos, stays."""
    if entity == ORG:
        used = {
            "下级党组织": _count(session, PartyOrg, PartyOrg.parent_id, record.id),
            "党员": _count(session, PartyMember, PartyMember.party_org_id, record.id),
            "组织活动": _count(session, PartyActivity, PartyActivity.party_org_id, record.id),
        }
        holding = "、".join(f"{n} 个{what}" for what, n in used.items() if n)
        if holding:
            raise ConflictError(f"党组织「{record.name}」还有 {holding}, 不能删除: 请先移走或删除它们")
    elif entity == ACTIVITY:
        photos = _count(session, ActivityPhoto, ActivityPhoto.activity_id, record.id)
        if photos:
            raise ConflictError(f"组织活动 {record.activity_no} 还有 {photos} 张照片, 不能删除: 请先删除照片")


@attrs.frozen(kw_only=True)
class TreeRow:
    org: PartyOrg
    depth: int
    members: int
    children: tuple[TreeRow, ...]


def _order(org: PartyOrg) -> tuple[int, int]:
    return (org.sort_order or 0, org.id)


@operation(f"{ORG}.view")
def org_tree(uow: UnitOfWork, root_key: str | None = None) -> list[TreeRow]:
    """The party organizations as a tree (roots first, children by 排序), with each one's member count."""
    orgs = list(uow.session.execute(select(PartyOrg)).scalars())
    counts = dict(
        uow.session.execute(select(PartyMember.party_org_id, func.count()).group_by(PartyMember.party_org_id))
        .tuples()
        .all()
    )
    children: dict[int | None, list[PartyOrg]] = {}
    for org in orgs:
        children.setdefault(org.parent_id, []).append(org)

    def build(org: PartyOrg, depth: int) -> TreeRow:
        below = tuple(build(child, depth + 1) for child in sorted(children.get(org.id, []), key=_order))
        return TreeRow(org=org, depth=depth, members=int(counts.get(org.id, 0)), children=below)

    if root_key is not None:
        return [build(records.find(uow, ORG, root_key), 0)]
    return [build(root, 0) for root in sorted(children.get(None, []), key=_order)]


def flatten(rows: list[TreeRow]) -> list[TreeRow]:
    """Depth first, parents before their children."""
    out: list[TreeRow] = []
    for row in rows:
        out.append(row)
        out.extend(flatten(list(row.children)))
    return out
