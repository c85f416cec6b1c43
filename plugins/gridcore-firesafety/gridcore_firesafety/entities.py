"""The registers of the fire-safety grid as ``Entity`` declarations (import, export, query, audit, menus).

Every one is scoped by its community (``region="community_id"``), so an operator bound to a community
sees only its grids, archives and hazards. Grid terms, checklist rows and workflow steps are parts of
their owners and not registers of their own.
"""

from __future__ import annotations

import attrs

from gridcore import Entity
from gridcore_firesafety import names


def declared() -> tuple[Entity, ...]:
    from gridcore_firesafety import models as m
    from gridcore_firesafety.checks import made_by_services

    region = "community_id"
    entities = (
        Entity(
            id=names.GRID,
            title="消防大网格",
            model=m.FireBigGrid,
            key="grid_no",
            sheet="消防大网格",
            region=region,
            columns=("grid_no", "name", "coverage", "department", "supervisor", "supervisor_phone"),
        ),
        Entity(
            id=names.CELL,
            title="消防单元格",
            model=m.FireCell,
            key="cell_no",
            sheet="消防单元格",
            region=region,
            columns=("cell_no", "name", "grid_name", "compound_name"),
        ),
        Entity(id=names.POST, title="单元格消防岗位", model=m.CellPost, sheet="消防岗位", region=region),
        Entity(id=names.BUNDLE, title="捆绑式管理责任", model=m.CellBundle, sheet="捆绑责任", region=region),
        Entity(
            id=names.ARCHIVE,
            title="小商铺消防档案",
            model=m.ShopArchive,
            key="premises_no",
            sheet="小商铺档案",
            region=region,
            columns=("premises_no", "shop_name", "cell_name", "owner", "phone", "category", "opened_date"),
        ),
        Entity(
            id=names.INSPECTION,
            title="小商铺检查登记",
            model=m.Inspection,
            key="inspection_no",
            sheet="小商铺检查登记表",
            region=region,
            columns=("inspection_no", "inspect_date", "premises_no", "shop_name", "inspector", "conclusion"),
        ),
        Entity(
            id=names.HAZARD,
            title="火灾隐患",
            model=m.Hazard,
            key="hazard_no",
            sheet="火灾隐患",
            region=region,
            columns=("hazard_no", "shop_name", "hazard_type", "found_date", "deadline", "state"),
        ),
        Entity(id=names.SPOT_CHECK, title="安全办抽查", model=m.SpotCheck, sheet="抽查记录", region=region),
        Entity(
            id=names.CASE,
            title="两警一停",
            model=m.DisciplineCase,
            key="case_no",
            sheet="两警一停",
            region=region,
            columns=("case_no", "person", "unit", "finding", "state", "sanction"),
        ),
        Entity(id=names.REPORT, title="月度检查汇报", model=m.MonthlyReport, sheet="月度检查汇报", region=region),
        Entity(id=names.BRIEFING, title="隐患整治简报", model=m.Briefing, sheet="简报", region=region),
        Entity(id=names.PUBLICITY, title="消防宣传日", model=m.Publicity, sheet="消防宣传日", region=region),
        Entity(id=names.LETTER, title="消防工作责任书", model=m.ResponsibilityLetter, sheet="责任书", region=region),
        Entity(id=names.REWARD, title="消防奖惩", model=m.RewardPenalty, sheet="奖惩记录", region=region),
    )
    return tuple(attrs.evolve(entity, check=made_by_services) for entity in entities)
