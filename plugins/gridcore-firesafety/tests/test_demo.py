"""``make demo``: the seed's own shape (16 big grids, 40 cells), patrols, hazards in every state, one case."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from gridcore_firesafety.models import (
    CellPost,
    DisciplineCase,
    FireBigGrid,
    FireCell,
    Hazard,
    Inspection,
    ShopArchive,
    WorkflowStep,
)
from gridcore_firesafety.services import reports, views
from openpyxl import load_workbook
from sqlalchemy import func, select

from gridcore.demo.district import build_district
from gridcore.demo.people import is_real_name
from gridcore.services.unit import read_unit

GRIDS = ("一坊", "二坊", "三坊", "四坊", "陆家洲", "五坊", "沙埔头", "外经办", "房地产", "股份公司", "商业办", "步行街",
         "五金饰品市场", "环境办", "新村", "其他")  # fmt: skip


def counts(app):
    with read_unit(app) as uow:
        return {
            model.__tablename__: uow.session.execute(select(func.count()).select_from(model)).scalar_one()
            for model in (
                FireBigGrid,
                FireCell,
                CellPost,
                ShopArchive,
                Inspection,
                Hazard,
                DisciplineCase,
                WorkflowStep,
            )
        }


def test_the_demo_has_the_seeds_shape_and_runs_again_without_adding(make_app, clock, tmp_path):
    app = make_app(["premises", "firesafety"])
    app.clock = clock
    build_district(app, households=60, seed=7, today=dt.date(2026, 9, 20))
    answered = app.plugins.populate_demo(app, tmp_path, 7)
    assert answered == ["premises", "firesafety"]
    first = counts(app)
    assert (first["firesafety_grid"], first["firesafety_cell"]) == (16, 40)
    with read_unit(app) as uow:
        dashboard = views.grid_rows(uow)
        states = Counter(uow.session.execute(select(Hazard.state)).scalars())
        case = uow.session.execute(select(DisciplineCase)).scalar_one()
        people = set(uow.session.execute(select(CellPost.person)).scalars())
        archived = uow.session.execute(select(func.count(func.distinct(ShopArchive.cell_id)))).scalar_one()
        overdue = reports.overdue(uow)
        inspectors = set(uow.session.execute(select(Inspection.inspector)).scalars())
    assert [row["网格名称"] for row in dashboard] == list(GRIDS)
    assert sum(row["配备不全"] for row in dashboard) == 3
    assert sum(row["逾期隐患"] for row in dashboard) >= 1
    assert set(states) == {"待整改", "已整改", "关闭", "已报安全办", "停水停电", "已报镇整治办", "查封"}
    assert (case.state, case.sanction, case.finding) == ("已签名确认", "警告", "01")
    assert archived >= 4  # shops in several cells
    assert len(overdue.cells) == 3
    assert inspectors <= people
    assert not [name for name in people if is_real_name(name)]
    folder = tmp_path / "消防安全网格"
    briefing = folder / "消防安全简报2026年第4期.xlsx"
    assert load_workbook(briefing).active["A1"].value.endswith("消防安全隐患整治简报")
    assert (folder / "消防安全简报2026年第4期.txt").read_text(encoding="utf-8").count("\n  ") == 16
    assert len(list(folder.glob("小商铺检查登记表JC*.xlsx"))) == 1
    app.plugins.populate_demo(app, tmp_path, 7)
    assert counts(app) == first
