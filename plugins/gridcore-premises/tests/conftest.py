"""A small jurisdiction with the premises plugin: 东城街道 > 红旗社区 (HQ) > 第一小区 (HQDY), 第二小区 (HQDE),
and 桂花社区 (GH) > 金桂苑 (GHJG); every person is synthetic."""

from __future__ import annotations

import pytest

from gridcore.services import households, regions, residents
from gridcore.testing import run_service


def _add_resident(app, name: str, compound: str = "HQDY") -> str:
    household = run_service(app, households.add, head_name=name, compound_code=compound)
    person = run_service(app, residents.add, name=name, household_key=household.household_no, relation="户主")
    return str(person.resident_no)


@pytest.fixture
def add_resident():
    """``add_resident(app, name, compound="HQDY")``: a household with one resident (its 户主); the 常住编号."""
    return _add_resident


@pytest.fixture
def district(make_app):
    app = make_app(["premises"])
    run_service(app, regions.add, level="街道", name="东城街道")
    run_service(app, regions.add, level="社区", name="红旗社区", parent_code="DC")
    run_service(app, regions.add, level="小区", name="第一小区", parent_code="HQ")
    run_service(app, regions.add, level="小区", name="第二小区", parent_code="HQ")
    run_service(app, regions.add, level="社区", name="桂花社区", parent_code="DC")
    run_service(app, regions.add, level="小区", name="金桂苑", parent_code="GH")
    return app
