"""An app with a frozen clock, and a street with two communities to scope operators to."""

from __future__ import annotations

import pytest

from gridcore.services import households, regions, residents
from gridcore.testing import FrozenClock, run_service

from .helpers import START


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(START)


@pytest.fixture
def app(gridcore_app, clock):
    gridcore_app.clock = clock
    return gridcore_app


@pytest.fixture
def district(app):
    """东城街道 (DC) > 红旗社区 (HQ) > 第一小区 (HQDY); 东城街道 > 光明社区 (GM) > 第一小区 (GMDY).

    One household with one resident in each compound.
    """
    run_service(app, regions.add, level="街道", name="东城街道")
    run_service(app, regions.add, level="社区", name="红旗社区", parent_code="DC")
    run_service(app, regions.add, level="社区", name="光明社区", parent_code="DC")
    run_service(app, regions.add, level="小区", name="第一小区", parent_code="HQ")
    run_service(app, regions.add, level="小区", name="第一小区", parent_code="GM", code="GMDY")
    for compound, head in (("HQDY", "红甲"), ("GMDY", "光乙")):
        household = run_service(app, households.add, head_name=head, compound_code=compound)
        run_service(app, residents.add, name=None, household_key=household.household_no, relation="户主")
    return app
