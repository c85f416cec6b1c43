"""A small jurisdiction with the assets plugin: 东城街道 > 红旗社区 (HQ) > 第一小区 (HQDY), and
桂花社区 (GH) > 金桂苑 (GHJG), with one synthetic resident in each compound."""

from __future__ import annotations

import pytest

from gridcore.services import households, regions, residents
from gridcore.testing import run_service


@pytest.fixture
def district(make_app):
    app = make_app(["assets"])
    run_service(app, regions.add, level="街道", name="东城街道")
    run_service(app, regions.add, level="社区", name="红旗社区", parent_code="DC")
    run_service(app, regions.add, level="小区", name="第一小区", parent_code="HQ")
    run_service(app, regions.add, level="社区", name="桂花社区", parent_code="DC")
    run_service(app, regions.add, level="小区", name="金桂苑", parent_code="GH")
    for name, compound in (("甲某", "HQDY"), ("乙某", "GHJG")):
        household = run_service(app, households.add, head_name=name, compound_code=compound)
        run_service(app, residents.add, name=name, household_key=household.household_no, relation="户主")
    return app  # residents HQDY00101 (甲某) and GHJG00101 (乙某)
