"""Fixtures for package tests: a unit key, a small synthetic town, content hashes, PG scratch cleanup."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from gridcore.domain.idcard import make_id
from gridcore.packages.database import content_hashes
from gridcore.packages.keys import UnitKey
from gridcore.services import households, regions, residents
from gridcore.testing import run_service

NOW = dt.datetime(2026, 11, 29, 8, 0, tzinfo=dt.UTC)


def make_key(tmp_path, code="DC", name="东城街道", file="unit.key"):
    key = UnitKey.generate(code, name, now=NOW)
    key.write(tmp_path / file)
    return key


@pytest.fixture
def unit_key(tmp_path):
    return make_key(tmp_path)


def add_family(app, compound, head, members=(), *, sex="男", born=dt.date(1960, 1, 1), serial=1):
    """A household with its head and members (synthetic names and ID numbers)."""
    household = run_service(app, households.add, head_name=head, compound_code=compound)
    number = household.household_no
    head_id = make_id("110105", born, serial, sex)
    run_service(app, residents.add, name=None, household_key=number, relation="户主", id_number=head_id)
    for index, (name, relation, member_sex) in enumerate(members, start=1):
        born_member = born.replace(year=born.year + 25)
        member_id = make_id("110105", born_member, serial * 10 + index, member_sex)
        run_service(app, residents.add, name=name, household_key=number, relation=relation, id_number=member_id)
    return number


def build_town(app, *, community="红旗社区", street="东城街道", families=3, serial_base=1):
    """东城街道 > community > 第一小区, with a few synthetic families."""
    street_code = ensure_region(app, "街道", street, None)
    community_code = ensure_region(app, "社区", community, street_code)
    compound = ensure_region(app, "小区", "第一小区", community_code)
    numbers = []
    for index in range(families):
        sex = "男" if index % 2 == 0 else "女"
        members = (("测试配偶", "配偶", "女" if sex == "男" else "男"), ("测试子女", "子", "男"))
        numbers.append(
            add_family(app, compound, f"测户{index}", members[: index % 3], sex=sex, serial=serial_base + index)
        )
    return community_code, compound, numbers


def ensure_region(app, level, name, parent):
    from gridcore.services.unit import unit_of_work

    with unit_of_work(app) as uow:
        found = [node for node in regions.tree(uow) if node.name == name] if parent is None else []
    if found:
        return found[0].code
    return run_service(app, regions.add, level=level, name=name, parent_code=parent).code


@pytest.fixture
def town(gridcore_app):
    build_town(gridcore_app)
    return gridcore_app


def hashes(app):
    """Row count and content hash of every table but login sessions and the audit log."""
    return content_hashes(app)


@pytest.fixture(autouse=True)
def _drop_scratch_schemas(database):
    """Restores on PostgreSQL keep the old schema (``<schema>_pre_...``): drop what this test made."""
    yield
    if database.backend != "postgresql":
        return
    options = make_url(database.url).query.get("options", "")
    schema = str(options).split("search_path=", 1)[-1].split()[0]
    base = os.environ["GRIDCORE_TEST_DATABASE_URL"]
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            names = connection.execute(
                text("SELECT nspname FROM pg_namespace WHERE nspname LIKE :prefix"), {"prefix": f"{schema}\\_%"}
            ).scalars()
            for name in list(names):
                connection.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
    finally:
        admin.dispose()


@pytest.fixture
def other_app(tmp_path):
    """``other_app("name")``: another initialised app on a database of its own (a second unit)."""
    import contextlib

    from gridcore.app import GridApp
    from gridcore.edition import Edition
    from gridcore.services.setup import initialize
    from gridcore.testing import TEST_ADMIN_PASSWORD, test_database

    stack = contextlib.ExitStack()
    apps = []

    def make(name):
        folder = tmp_path / name
        folder.mkdir()
        db = stack.enter_context(test_database(folder))
        app = GridApp(Edition(name="test", enabled_plugins=("core",)), database_url=db.url)
        app.start()
        initialize(app, admin_login="admin", ask_password=lambda: TEST_ADMIN_PASSWORD)
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.close()
    stack.close()
