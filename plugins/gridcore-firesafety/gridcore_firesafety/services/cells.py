"""Cells (单元格): add, find, staff (R-X02, R-X03) and list the shared responsibility (R-X11).

A cell has exactly one 消防安全监管员 and two 消防巡查员 [P4 三(一)2]: a post beyond that is refused
(end one first with ``release``), a cell with fewer is shown as incomplete. In an enterprise or public
place the 消防监督员 comes from 社区安全办 and the 企业巡查员 is the enterprise's own fire-safety person.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import or_, select

from gridcore.errors import ConflictError, NotFoundError, ValidationError
from gridcore.services import dictionaries
from gridcore.services.unit import UnitOfWork, operation
from gridcore_firesafety.domain.staffing import Staffing, staffing_of
from gridcore_firesafety.models import CellBundle, CellPost, FireCell, ShopArchive
from gridcore_firesafety.names import (
    BUNDLE,
    BUNDLE_ROLE_DICTIONARY,
    CELL,
    CELL_STAFFING,
    ENTERPRISE_PATROLLER,
    GRID_EDIT,
    OVERSEER,
    POST,
    POST_DICTIONARY,
)
from gridcore_firesafety.services import common, grids, premises_link, visibility
from gridcore_firesafety.services.numbers import next_number


def get(uow: UnitOfWork, key: str) -> FireCell:
    """A cell by 单元格编号 or by name."""
    wanted = key.strip()
    found = list(
        uow.session.execute(
            select(FireCell)
            .where(or_(FireCell.cell_no == wanted.upper(), FireCell.name == wanted), visibility.where(uow, CELL))
            .order_by(FireCell.cell_no)
        ).scalars()
    )
    if not found:
        raise NotFoundError(f"没有消防单元格「{wanted}」(gridcore fire cell list)")
    if len(found) > 1:
        numbers = "、".join(cell.cell_no for cell in found)
        raise ValidationError(f"有多个名为「{wanted}」的单元格, 请用单元格编号: {numbers}", field="单元格", value=key)
    return found[0]


@operation(GRID_EDIT)
def add(
    uow: UnitOfWork, *, grid_key: str, name: str, compound_code: str | None = None, note: str | None = None
) -> FireCell:
    """A new cell of a big grid; ``compound_code`` names the property (小区) it covers, if it is one."""
    grid = grids.get(uow, grid_key)
    name = common.required_text(name, "单元格名称", limit=50)
    taken = uow.session.execute(
        select(FireCell.cell_no).where(FireCell.community_id == grid.community_id, FireCell.name == name)
    ).scalar_one_or_none()
    if taken is not None:
        raise ConflictError(f"{grid.community_name or '本社区'}已有单元格「{name}」({taken})")
    cell = FireCell(
        cell_no=next_number(uow, kind="cell", prefix=grid.grid_no, column=FireCell.cell_no, width=2),
        name=name,
        grid_id=grid.id,
        grid_name=grid.name,
        community_id=grid.community_id,
        note=common.optional_text(note),
    )
    if compound_code:
        from gridcore.domain.regions import Region

        community = uow.session.get(Region, grid.community_id)
        assert community is not None
        compound = common.compound(uow, compound_code, community)
        covered = uow.session.execute(select(FireCell.cell_no).where(FireCell.compound_id == compound.id)).scalar()
        if covered is not None:
            raise ConflictError(f"{compound.name} 已属于单元格 {covered}")
        cell.compound_id = compound.id
        cell.compound_name = compound.name
    uow.write(CELL, "create", cell, key=cell.cell_no)
    return cell


def active_posts(uow: UnitOfWork, cell: FireCell, *, on: dt.date | None = None) -> list[CellPost]:
    """The posts held in the cell now (or on a given day), by post then start date."""
    query = select(CellPost).where(CellPost.cell_id == cell.id)
    if on is None:
        query = query.where(CellPost.end_date.is_(None))
    else:
        query = query.where(CellPost.start_date <= on, or_(CellPost.end_date.is_(None), CellPost.end_date > on))
    return list(uow.session.execute(query.order_by(CellPost.post, CellPost.start_date, CellPost.id)).scalars())


def staffing(uow: UnitOfWork, cell: FireCell) -> Staffing:
    return staffing_of(post.post for post in active_posts(uow, cell))


@operation(GRID_EDIT)
def assign(
    uow: UnitOfWork,
    cell_key: str,
    *,
    post: str,
    person: str,
    phone: str | None = None,
    premises_no: str | None = None,
    affiliation: str | None = None,
    since: object = None,
) -> CellPost:
    """Give a person a post in a cell; the cell's staffing rule and the enterprise rules are checked."""
    cell = get(uow, cell_key)
    code = dictionaries.to_code(uow, POST_DICTIONARY, common.required_text(post, "岗位"), field="岗位")
    title = dictionaries.label_of(uow, POST_DICTIONARY, code)
    person = common.required_text(person, "姓名", limit=30)
    enterprise = code in (OVERSEER, ENTERPRISE_PATROLLER)
    if premises_no and not enterprise:
        raise ValidationError(f"{title}负责整个单元格, 不指定企业场所", field="企业场所编号", value=premises_no)
    active = active_posts(uow, cell)
    if any(p.post == code and p.person == person for p in active):
        raise ConflictError(f"{person} 已是{cell.name}的{title}")
    limit = CELL_STAFFING.get(code)
    if limit is not None and sum(p.post == code for p in active) >= limit:
        raise ConflictError(
            f"{cell.name}已有 {limit} 名{title} (每个单元格{title} {limit} 名): "
            f"请先用 gridcore fire cell release 撤下一名"
        )
    record = CellPost(
        cell_id=cell.id,
        cell_name=cell.name,
        post=code,
        person=person,
        phone=common.optional_text(phone),
        start_date=common.given_date(uow, since, "任职日期"),
        community_id=cell.community_id,
    )
    if enterprise:
        _enterprise_post(uow, cell, record, title, premises_no, affiliation, active)
    else:
        record.affiliation = common.optional_text(affiliation)
    uow.write(POST, "create", record)
    return record


def _enterprise_post(
    uow: UnitOfWork,
    cell: FireCell,
    record: CellPost,
    title: str,
    premises_no: str | None,
    affiliation: str | None,
    active: list[CellPost],
) -> None:
    """R-X03: the 消防监督员 is from 社区安全办; the 企业巡查员 is the enterprise's own person."""
    if not premises_no:
        raise ValidationError(f"{title}须指定所负责的企业或公共场所 (--premises 场所编号)", field="企业场所编号")
    premises = premises_link.find(uow, premises_no)
    archived_in = uow.session.execute(
        select(ShopArchive.cell_id).where(ShopArchive.premises_no == premises.key)
    ).scalar_one_or_none()
    if archived_in is not None and archived_in != cell.id:
        raise ValidationError(f"{premises.name} ({premises.key}) 的档案不在{cell.name}", field="企业场所编号")
    office = str(common.setting(uow, "safety_office"))
    expected = office if record.post == OVERSEER else premises.name
    given = common.optional_text(affiliation)
    if given is not None and given != expected:
        rule = f"消防监督员由{office}人员担任" if record.post == OVERSEER else "企业巡查员由企业专管消防安全人员担任"
        raise ValidationError(f"{rule}: 所在单位应为「{expected}」, 不是「{given}」", field="所在单位", value=given)
    if any(p.post == record.post and p.premises_no == premises.key for p in active):
        raise ConflictError(f"{premises.name} 已有{title}, 请先撤下")
    record.premises_no = premises.key
    record.affiliation = expected


@operation(GRID_EDIT)
def release(uow: UnitOfWork, cell_key: str, *, person: str, post: str | None = None, day: object = None) -> CellPost:
    """End a person's post in a cell (离任); the post stays in the history."""
    cell = get(uow, cell_key)
    person = common.required_text(person, "姓名")
    held = [p for p in active_posts(uow, cell) if p.person == person]
    if post:
        code = dictionaries.to_code(uow, POST_DICTIONARY, post, field="岗位")
        held = [p for p in held if p.post == code]
    if not held:
        raise NotFoundError(f"{person} 在{cell.name}没有在任的岗位")
    if len(held) > 1:
        raise ValidationError(f"{person} 在{cell.name}有多个岗位, 请用 --post 指明", field="岗位")
    record = held[0]
    end = common.given_date(uow, day, "离任日期")
    if end < record.start_date:
        raise ValidationError(f"离任日期 {end} 早于任职日期 {record.start_date}", field="离任日期", value=str(end))
    record.end_date = end
    uow.write(POST, "update", record)
    return record


@operation(GRID_EDIT)
def add_duty(uow: UnitOfWork, cell_key: str, *, role: str, person: str, note: str | None = None) -> CellBundle:
    """Record one party of the cell's shared responsibility (分管领导, 部门主管, 社区全体员工, 企业经营者)."""
    cell = get(uow, cell_key)
    code = dictionaries.to_code(uow, BUNDLE_ROLE_DICTIONARY, common.required_text(role, "责任类别"), field="责任类别")
    person = common.required_text(person, "责任人", limit=50)
    exists = uow.session.execute(
        select(CellBundle.id).where(CellBundle.cell_id == cell.id, CellBundle.role == code, CellBundle.person == person)
    ).first()
    if exists is not None:
        raise ConflictError(f"{cell.name}已记录{person}的这项责任")
    duty = CellBundle(
        cell_id=cell.id,
        cell_name=cell.name,
        role=code,
        person=person,
        note=common.optional_text(note),
        community_id=cell.community_id,
    )
    uow.write(BUNDLE, "create", duty)
    return duty


def shared_responsibility(uow: UnitOfWork, cell: FireCell) -> dict[str, list[str]]:
    """捆绑式管理: every role with its people; 企业经营者 includes the owners in the cell's archives,
    社区全体员工 is always there."""
    roles = dictionaries.current(uow, BUNDLE_ROLE_DICTIONARY).entries
    listing: dict[str, list[str]] = {entry.label: [] for entry in roles if entry.enabled}
    duties = uow.session.execute(
        select(CellBundle).where(CellBundle.cell_id == cell.id).order_by(CellBundle.role, CellBundle.id)
    ).scalars()
    for duty in duties:
        listing.setdefault(dictionaries.label_of(uow, BUNDLE_ROLE_DICTIONARY, duty.role), []).append(duty.person)
    owners = uow.session.execute(
        select(ShopArchive.owner).where(ShopArchive.cell_id == cell.id, ShopArchive.owner.is_not(None))
    ).scalars()
    operators = listing.setdefault("企业经营者", [])
    operators.extend(owner for owner in owners if owner and owner not in operators)
    staff = listing.setdefault("社区全体员工", [])
    if not staff:
        staff.append("社区全体员工")
    return listing


def cells_of(uow: UnitOfWork, grid_key: str | None = None) -> list[FireCell]:
    query = select(FireCell).where(visibility.where(uow, CELL)).order_by(FireCell.cell_no)
    if grid_key:
        query = query.where(FireCell.grid_id == grids.get(uow, grid_key).id)
    return list(uow.session.execute(query).scalars())
