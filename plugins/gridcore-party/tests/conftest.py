"""A small jurisdiction with residents of every kind of 政治面貌, and the party tree above them."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import pytest

from gridcore.services import households, records, regions, residents
from gridcore.testing import pii_admin, run_service

#: name -> (政治面貌, 出生日期, 性别): synthetic people.
PEOPLE = {
    "甲党员": ("党员", "1950-01-01", "男"),
    "乙党员": ("党员", "1980-06-15", "女"),
    "丙预备": ("预备党员", "2000-01-01", "女"),
    "丁积极": ("积极分子", "1995-03-03", "男"),
    "戊群众": ("群众", "1970-07-07", "男"),
    "己团员": ("团员", "2003-09-09", "女"),
}
TREE = (
    ("江畔党委", "党委", None),
    ("第一党总支", "党总支", "江畔党委"),
    ("第一党支部", "党支部", "第一党总支"),
    ("第二党支部", "党支部", "第一党总支"),
    ("第一党小组", "党小组", "第一党支部"),
)


def build_people(uow) -> dict[str, str]:
    regions.add(uow, name="江畔街道", level=0, code="JP")
    regions.add(uow, name="东风社区", level=1, parent_code="JP", code="DF")
    regions.add(uow, name="第一小区", level=2, parent_code="DF", code="DFDY")
    numbers: dict[str, str] = {}
    for name, (status, birth, sex) in PEOPLE.items():
        household = households.add(uow, head_name=name, compound_code="DFDY")
        given = {"与户主关系": "户主", "政治面貌": status, "出生日期": birth, "性别": sex}
        resident = residents.add(uow, name=name, household_key=household.household_no, given=given)
        numbers[name] = resident.resident_no
    return numbers


def build_tree(uow) -> None:
    for name, kind, parent in TREE:
        given = {"党组织名称": name, "党组织类型": kind}
        records.add(uow, "party_org", {**given, "上级党组织": parent} if parent else given)


@pytest.fixture
def party_app(make_app):
    """orgs and party; the test administrator's group holds ``pii.view`` (party data is sensitive)."""
    app = make_app(["orgs", "party"])
    pii_admin(app)
    return app


@pytest.fixture
def people(party_app) -> dict[str, str]:
    """常住编号 of each synthetic resident, by name."""
    numbers = run_service(party_app, build_people)
    run_service(party_app, build_tree)
    return numbers


# --------------------------------------------------------------------------- the web face (gridcore-web)


@pytest.fixture
def party_web_app(make_app):
    """core, orgs, party and web; the test administrator holds ``pii.view`` (skipped without gridcore-web)."""
    pytest.importorskip("gridcore_web")
    app = make_app(["core", "orgs", "party", "web"])
    pii_admin(app)
    return app


@pytest.fixture
def party_web_login(party_web_app) -> Callable[[str, str], Any]:
    """``party_web_login(login, password)``: a test client of ``party_web_app`` logged in as that operator."""
    from gridcore_web.factory import create_app
    from gridcore_web.testing import logged_in

    return functools.partial(logged_in, create_app(party_web_app))


@pytest.fixture
def web_people(party_web_app) -> dict[str, str]:
    """The people and the party tree of :func:`people`, on ``party_web_app``."""
    numbers = run_service(party_web_app, build_people)
    run_service(party_web_app, build_tree)
    return numbers
