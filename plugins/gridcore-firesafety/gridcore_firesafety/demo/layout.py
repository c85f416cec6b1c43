"""The demo's grid: the community, 16 big grids, 40 staffed cells, the shops and their archives."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from sqlalchemy import func, select

from gridcore.domain.regions import Region
from gridcore.services import records, regions
from gridcore.services.unit import UnitOfWork
from gridcore_firesafety.demo.people import Names
from gridcore_firesafety.models import FireBigGrid, FireCell
from gridcore_firesafety.services import archives, cells, grids, premises_link

#: The seed's 16 big grids (place and department names, no person) [P4 三(一)1].
GRID_NAMES = (
    "一坊", "二坊", "三坊", "四坊", "陆家洲", "五坊", "沙埔头", "外经办",
    "房地产", "股份公司", "商业办", "步行街", "五金饰品市场", "环境办", "新村", "其他",
)  # fmt: skip
CELL_SUFFIXES = ("旧村片", "出租物业片", "商铺片")
THREE_CELL_GRIDS = 8  # the first 8 grids have three cells, the other 8 two: 40 cells
INCOMPLETE = (4, 17, 33)  # cells left with one 巡查员, to show the dashboard's count
MIN_SHOPS = 14
SHOP_KINDS = ("便利店", "小吃店", "理发店", "五金店", "电动车维修铺", "小旅馆", "棋牌室")


def community(uow: UnitOfWork) -> Region | None:
    """The community with the most premises (or the first community when there are none)."""
    model: Any = premises_link.premises_entity(uow.app).model
    compound = Region.__table__.alias("compound")
    busiest = uow.session.execute(
        select(compound.c.parent_id)
        .select_from(model)
        .join(compound, compound.c.id == model.compound_id)
        .group_by(compound.c.parent_id)
        .order_by(func.count().desc(), compound.c.parent_id)
    ).first()
    if busiest is not None:
        return uow.session.get(Region, busiest[0])
    level = regions.household_level(uow) - 1
    return uow.session.execute(select(Region).where(Region.level == level).order_by(Region.code)).scalars().first()


def build(uow: UnitOfWork, place: Region, names: Names, rng: random.Random, today: dt.date) -> None:
    since = today - dt.timedelta(days=400)
    _grids(uow, place, names, since)
    _cells(uow, place, names, since)
    _shops(uow, place, rng)
    for cell, facts in archives.missing(uow):
        if cell.community_id == place.id:
            archives.open_archive(
                uow,
                facts.key,
                opened=since + dt.timedelta(days=30),
                given={"灭火器数量": 2, "安全出口畅通": "是", "三合一场所": "否", "电动车停放充电": "室外规范停放"},
            )


def _grids(uow: UnitOfWork, place: Region, names: Names, since: dt.date) -> None:
    existing = set(uow.session.execute(select(FireBigGrid.name).where(FireBigGrid.community_id == place.id)).scalars())
    for name in GRID_NAMES:
        if name not in existing:
            village = name.endswith("坊")
            grids.add(
                uow,
                community_code=place.code,
                name=name,
                supervisor=names(),
                phone=names.phone(),
                department=f"{name}居民小组" if village else name,
                coverage="旧村及出租物业" if village else f"{name}所属物业",
                since=since,
            )


def _cells(uow: UnitOfWork, place: Region, names: Names, since: dt.date) -> None:
    ordered = select(FireBigGrid).where(FireBigGrid.community_id == place.id).order_by(FireBigGrid.grid_no)
    plan = [
        (grid, suffix)
        for index, grid in enumerate(uow.session.execute(ordered).scalars())
        for suffix in CELL_SUFFIXES[: 3 if index < THREE_CELL_GRIDS else 2]
    ]
    covered = set(uow.session.execute(select(FireCell.compound_id)).scalars())
    free = [c.code for c in place.children if c.level == regions.household_level(uow) and c.id not in covered]
    # the 出租物业片 of each grid first, then the 商铺片: the shops spread over the grids
    rank = {"出租物业片": 0, "商铺片": 1, "旧村片": 2}
    spread = sorted(range(len(plan)), key=lambda index: (rank[plan[index][1]], index))
    compounds = {index: free[rank] for rank, index in enumerate(spread[: len(free)])}
    for number, (grid, suffix) in enumerate(plan):
        name = f"{grid.name}{suffix}"
        cell = uow.session.execute(
            select(FireCell).where(FireCell.community_id == place.id, FireCell.name == name)
        ).scalar_one_or_none()
        if cell is None:
            cell = cells.add(uow, grid_key=grid.grid_no, name=name, compound_code=compounds.get(number))
        if cells.active_posts(uow, cell):
            continue
        supervisor = grid.supervisor if suffix == CELL_SUFFIXES[0] else names()
        cells.assign(uow, cell.cell_no, post="监管员", person=supervisor, phone=names.phone(), since=since)
        for _ in range(1 if number in INCOMPLETE else 2):
            cells.assign(uow, cell.cell_no, post="巡查员", person=names(), phone=names.phone(), since=since)
        cells.add_duty(uow, cell.cell_no, role="分管领导", person=names())
        cells.add_duty(uow, cell.cell_no, role="部门主管", person=names())


def _shops(uow: UnitOfWork, place: Region, rng: random.Random) -> None:
    """Add synthetic shops to the covered compounds when the premises demo made too few."""
    query = select(Region).join(FireCell, FireCell.compound_id == Region.id).where(FireCell.community_id == place.id)
    covered = list(uow.session.execute(query.order_by(Region.code)).scalars())
    if not covered:
        return
    have = premises_link.in_compounds(uow, [c.id for c in covered])
    for index in range(max(0, MIN_SHOPS - len(have))):
        compound = covered[index % len(covered)]
        given = {
            "场所名称": f"{compound.name}{rng.choice(SHOP_KINDS)}{index + 1}",
            "小区编码": compound.code,
            "地址": f"{compound.name}{rng.randint(1, 20)}号楼底商",
            "经营面积": str(rng.randint(15, 200)),
        }
        records.add(uow, "premises", given)
