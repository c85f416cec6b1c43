"""A small jurisdiction with the premises plugin: 东城街道 > 红旗社区 (HQ) > 第一小区 (HQDY), 第二小区 (HQDE),
and 桂花社区 (GH) > 金桂苑 (GHJG); every person is synthetic."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

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


def _add_regions(app) -> None:
    run_service(app, regions.add, level="街道", name="东城街道")
    run_service(app, regions.add, level="社区", name="红旗社区", parent_code="DC")
    run_service(app, regions.add, level="小区", name="第一小区", parent_code="HQ")
    run_service(app, regions.add, level="小区", name="第二小区", parent_code="HQ")
    run_service(app, regions.add, level="社区", name="桂花社区", parent_code="DC")
    run_service(app, regions.add, level="小区", name="金桂苑", parent_code="GH")


@pytest.fixture
def district(make_app):
    app = make_app(["premises"])
    _add_regions(app)
    return app


# --------------------------------------------------------------------------- the web face (gridcore-web)


@pytest.fixture
def make_premises_web_app(make_app):
    """The core, premises and web plugins on the district of :func:`district`."""
    pytest.importorskip("gridcore_web")
    app = make_app(["core", "premises", "web"])
    _add_regions(app)
    return app


@pytest.fixture
def premises_web_login(make_premises_web_app) -> Callable[[str, str], Any]:
    """``premises_web_login(login, password)``: a logged-in test client of ``make_premises_web_app``."""
    from gridcore_web.factory import create_app
    from gridcore_web.testing import logged_in

    return functools.partial(logged_in, create_app(make_premises_web_app))
