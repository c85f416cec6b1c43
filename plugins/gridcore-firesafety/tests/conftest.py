"""A small community with the premises and fire-safety plugins, on a frozen clock; every person is synthetic.

东城街道 (DC) > 红旗社区 (HQ) > 第一小区 (HQDY), 第二小区 (HQDE); 桂花社区 (GH) > 金桂苑 (GHJG).
Premises: three shops in 第一小区 (HQDY001-003), one in 第二小区 (HQDE001), one in 金桂苑 (GHJG001).
The clock stands at 2026-09-20 10:00 in Shanghai (a Sunday; the 26th of September 2026 is a Saturday).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from gridcore.services import records, regions
from gridcore.services.unit import UnitOfWork, unit_of_work
from gridcore.testing import FrozenClock

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 9, 20, 10, 0, tzinfo=SHANGHAI)
SHOPS = (
    ("惠民便利店", "HQDY", "赵店主"),
    ("好邻居面馆", "HQDY", "钱店主"),
    ("同心理发店", "HQDY", "孙店主"),
    ("安和五金店", "HQDE", "李店主"),
    ("金桂小吃店", "GHJG", "周店主"),
)


def build_district(uow: UnitOfWork) -> None:
    regions.add(uow, level="街道", name="东城街道")
    regions.add(uow, level="社区", name="红旗社区", parent_code="DC")
    regions.add(uow, level="小区", name="第一小区", parent_code="HQ")
    regions.add(uow, level="小区", name="第二小区", parent_code="HQ")
    regions.add(uow, level="社区", name="桂花社区", parent_code="DC")
    regions.add(uow, level="小区", name="金桂苑", parent_code="GH")
    for name, compound, owner in SHOPS:
        given = {"场所名称": name, "小区编码": compound, "负责人": owner, "联系电话": "13900001111", "经营面积": "35"}
        records.add(uow, "premises", given)


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(NOW.astimezone(dt.UTC))


@pytest.fixture
def make_fire_app(make_app: Callable[..., Any], clock: FrozenClock) -> Callable[..., Any]:
    """``make_fire_app(settings=None)``: the district above with the premises and fire-safety plugins."""

    def build(settings: dict[str, dict[str, Any]] | None = None) -> Any:
        app = make_app(["premises", "firesafety"], settings=settings)
        app.clock = clock
        with unit_of_work(app) as uow:
            build_district(uow)
        return app

    return build


@pytest.fixture
def fire_app(make_fire_app: Callable[..., Any]) -> Any:
    return make_fire_app()


def staff_grid(uow: UnitOfWork) -> None:
    """一坊 (赵网格) with the cell 一坊旧村片 over 第一小区, fully staffed, and the archive of HQDY001."""
    from gridcore_firesafety.services import archives, cells, grids

    grids.add(uow, community_code="HQ", name="一坊", supervisor="赵网格", since="2026-01-01")
    cells.add(uow, grid_key="一坊", name="一坊旧村片", compound_code="HQDY")
    cells.assign(uow, "一坊旧村片", post="监管员", person="赵网格", since="2026-01-01")
    cells.assign(uow, "一坊旧村片", post="巡查员", person="钱巡查", since="2026-01-01")
    cells.assign(uow, "一坊旧村片", post="巡查员", person="孙巡查", since="2026-01-01")
    archives.open_archive(uow, "HQDY001", opened="2026-02-01")


@pytest.fixture
def staffed(fire_app: Any) -> Any:
    """:func:`fire_app` with :func:`staff_grid` done."""
    with unit_of_work(fire_app) as uow:
        staff_grid(uow)
    return fire_app


@pytest.fixture
def stage_grid() -> Callable[[UnitOfWork], None]:
    """:func:`staff_grid`, for an app built with other settings (``make_fire_app(settings=...)``)."""
    return staff_grid
