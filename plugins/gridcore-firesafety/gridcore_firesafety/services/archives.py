"""One archive per shop (一户一档, R-X04): open, find, edit, list, and the premises still without one.

A premises gets exactly one archive: a second one is refused (the 场所编号 is unique). Its cell is
given, or is the cell that covers the premises' compound; a premises in a cell's compound filed in
another cell is refused. The archive starts from the premises' name, person in charge, phone, address
and area, which people may then correct.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from gridcore.errors import ConflictError, ValidationError
from gridcore.services import fields
from gridcore.services.unit import UnitOfWork, operation
from gridcore_firesafety.models import FireCell, ShopArchive
from gridcore_firesafety.names import ARCHIVE, CELL, PATROL, VIEW
from gridcore_firesafety.services import cells, common, premises_link, visibility


def get(uow: UnitOfWork, key: str) -> ShopArchive:
    """An archive by its 场所编号."""
    wanted = key.strip().upper()
    record = uow.session.execute(select(ShopArchive).where(ShopArchive.premises_no == wanted)).scalar_one_or_none()
    found: ShopArchive = visibility.require(
        uow, ARCHIVE, record, f"场所 {wanted} 没有消防档案 (gridcore fire archive open)"
    )
    return found


def _cell_of_compound(uow: UnitOfWork, compound_id: int | None) -> FireCell | None:
    if compound_id is None:
        return None
    return uow.session.execute(select(FireCell).where(FireCell.compound_id == compound_id)).scalar_one_or_none()


@operation(PATROL)
def open_archive(
    uow: UnitOfWork,
    premises_no: str,
    *,
    cell_key: str | None = None,
    given: Mapping[str, Any] | None = None,
    opened: object = None,
) -> ShopArchive:
    """Open the archive of a premises (once) in its cell."""
    premises = premises_link.find(uow, premises_no)
    existing = uow.session.execute(
        select(ShopArchive.cell_name).where(ShopArchive.premises_no == premises.key)
    ).scalar_one_or_none()
    if existing is not None:
        raise ConflictError(f"{premises.name} ({premises.key}) 已有消防档案 (一户一档), 在单元格 {existing}")
    covering = _cell_of_compound(uow, premises.compound_id)
    cell = cells.get(uow, cell_key) if cell_key else covering
    if cell is None:
        raise ValidationError(
            f"{premises.name} 所在小区不属于任何单元格: 请用 --cell 指定单元格", field="所属单元格", value=premises.key
        )
    if covering is not None and covering.id != cell.id:
        raise ValidationError(
            f"{premises.name} 所在小区属于单元格 {covering.name} ({covering.cell_no}), 不能在 {cell.name} 建档",
            field="所属单元格",
            value=cell_key,
        )
    archive = ShopArchive(
        premises_no=premises.key,
        shop_name=premises.name,
        cell_id=cell.id,
        cell_name=cell.name,
        community_id=cell.community_id,
        owner=premises.owner,
        phone=premises.phone,
        address=premises.address,
        area=premises.area,
        opened_date=common.given_date(uow, opened, "建档日期"),
    )
    if given:
        fields.assign(uow, uow.app.registry.entities[ARCHIVE], archive, given)
    uow.write(ARCHIVE, "create", archive, key=archive.premises_no)
    return archive


@operation(PATROL)
def edit(uow: UnitOfWork, key: str, given: Mapping[str, Any]) -> ShopArchive:
    """Change an archive's fields (owner, facilities ...) by label: ``{"灭火器数量": 2}``."""
    archive = get(uow, key)
    if fields.assign(uow, uow.app.registry.entities[ARCHIVE], archive, given):
        uow.write(ARCHIVE, "update", archive, key=archive.premises_no)
    return archive


@operation(VIEW)
def listing(uow: UnitOfWork, *, cell_key: str | None = None) -> list[ShopArchive]:
    query = select(ShopArchive).where(visibility.where(uow, ARCHIVE)).order_by(ShopArchive.premises_no)
    if cell_key:
        query = query.where(ShopArchive.cell_id == cells.get(uow, cell_key).id)
    return list(uow.session.execute(query).scalars())


@operation(VIEW)
def missing(uow: UnitOfWork) -> list[tuple[FireCell, premises_link.PremisesFacts]]:
    """Premises in a cell's compound that have no archive yet (一户一档 not complete)."""
    covering = {
        cell.compound_id: cell
        for cell in uow.session.execute(
            select(FireCell).where(FireCell.compound_id.is_not(None), visibility.where(uow, CELL))
        ).scalars()
    }
    archived = set(uow.session.execute(select(ShopArchive.premises_no)).scalars())
    found = premises_link.in_compounds(uow, [cid for cid in covering if cid is not None])
    return [(covering[p.compound_id], p) for p in found if p.key not in archived and p.compound_id in covering]
