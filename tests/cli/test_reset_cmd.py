"""``gridcore reset --yes``: the password again, a safety backup, then the business records are gone."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from gridcore.cli import service_runner
from gridcore.packages.database import content_hashes
from gridcore.packages.keys import UnitKey
from gridcore.services import households, regions
from gridcore.testing import TEST_ADMIN_PASSWORD, run_service


@pytest.fixture(autouse=True)
def _drop_kept_schemas(database):
    """A restore on PostgreSQL keeps the old schema (``<schema>_pre_...``): drop what this test made."""
    yield
    if database.backend != "postgresql":
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    schema = str(make_url(database.url).query.get("options", "")).split("search_path=", 1)[-1].split()[0]
    admin = create_engine(os.environ["GRIDCORE_TEST_DATABASE_URL"], isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            found = connection.execute(
                text("SELECT nspname FROM pg_namespace WHERE nspname LIKE :prefix"), {"prefix": f"{schema}\\_%"}
            ).scalars()
            for name in list(found):
                connection.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
    finally:
        admin.dispose()


@pytest.fixture
def town(gridcore_app, tmp_path, monkeypatch):
    run_service(gridcore_app, regions.add, level="街道", name="东城街道")
    run_service(gridcore_app, regions.add, level="社区", name="红旗社区", parent_code="DC")
    run_service(gridcore_app, regions.add, level="小区", name="第一小区", parent_code="HQ")
    run_service(gridcore_app, households.add, head_name="甲某", compound_code="HQDY")
    key = tmp_path / "unit.key"
    UnitKey.generate("DC", "东城街道", now=dt.datetime.now(dt.UTC)).write(key)
    monkeypatch.setenv("GRIDCORE_KEY_FILE", str(key))
    return gridcore_app


def password_file(tmp_path, text=TEST_ADMIN_PASSWORD):
    path = tmp_path / "pw"
    path.write_text(text + "\n", encoding="utf-8")
    return str(path)


def test_reset_then_restore_the_safety_backup(town, cli, tmp_path):
    assert cli(town, "stats", "--only", "population_by_sex").exit_code == 0  # the admin logs in (last login time)
    before = content_hashes(town)
    folder = tmp_path / "safety"
    result = cli(town, "reset", "--yes", "--password-file", password_file(tmp_path), "--backup-dir", str(folder))
    assert result.exit_code == 0, result.output
    assert "数据初始完成" in result.output
    [safety] = list(folder.glob("gridcore-before-reset-*.gcpkg"))
    assert content_hashes(town)["core_household"][0] == 0
    restored = cli(town, "restore", str(safety), "--yes")
    assert restored.exit_code == 0, restored.output
    assert content_hashes(town) == before


def test_wrong_password_is_refused(town, cli, tmp_path):
    assert cli(town, "stats", "--only", "population_by_sex").exit_code == 0  # the admin logs in (last login time)
    before = content_hashes(town)
    result = cli(town, "reset", "--yes", "--password-file", password_file(tmp_path, "Wrong-Passw0rd"))
    assert result.exit_code != 0
    assert "密码不正确" in result.output
    assert content_hashes(town) == before


def test_reset_asks_for_confirmation_and_password(town, cli, tmp_path, monkeypatch):
    refused = cli(town, "reset")
    assert refused.exit_code != 0
    assert "--yes" in refused.output
    no_password = cli(town, "reset", "--yes")
    assert no_password.exit_code != 0
    assert "--password-file" in no_password.output
    monkeypatch.setattr(service_runner, "has_terminal", lambda: True)
    result = cli(town, "reset", "--backup-dir", str(tmp_path), input=f"y\n{TEST_ADMIN_PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert content_hashes(town)["core_region"][0] == 0


def test_reset_needs_its_permission(town, cli, tmp_path):
    from gridcore.testing.security import add_operator

    clerk = add_operator(town, "clerk", group="信息采集员")
    result = cli(town, "reset", "--yes", "--password-file", password_file(tmp_path), actor=clerk)
    assert result.exit_code != 0
    assert "system.reset" in result.output
