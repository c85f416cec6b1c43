"""A backup taken on SQLite restores into PostgreSQL and back, with identical content (§7.10)."""

from __future__ import annotations

import pytest

from gridcore.app import GridApp
from gridcore.edition import Edition
from gridcore.services import backups, households, regions
from gridcore.services.setup import initialize
from gridcore.testing import TEST_ADMIN_PASSWORD, run_service

from .conftest import build_town, hashes


def sqlite_app(path):
    app = GridApp(Edition(name="test", enabled_plugins=("core",)), database_url=f"sqlite:///{path}")
    app.start()
    initialize(app, admin_login="admin", ask_password=lambda: TEST_ADMIN_PASSWORD)
    return app


@pytest.mark.postgres_only
def test_sqlite_to_postgresql_and_back(gridcore_app, unit_key, tmp_path):
    source = sqlite_app(tmp_path / "source.db")
    back = sqlite_app(tmp_path / "back.db")
    try:
        build_town(source, families=5)
        run_service(source, regions.edit, "HQ", {"联系电话": "010-12345678"})
        first = tmp_path / "from-sqlite.gcpkg"
        run_service(source, backups.backup, first, key=unit_key)
        run_service(gridcore_app, backups.restore, first, key=unit_key)
        assert hashes(gridcore_app) == hashes(source)
        # the restored PostgreSQL database goes on working: new ids and numbers do not collide
        added = run_service(gridcore_app, households.add, head_name="迁移后新户", compound_code="HQDY")
        assert added.household_no == "HQDY006"
        second = tmp_path / "from-postgresql.gcpkg"
        run_service(gridcore_app, backups.backup, second, key=unit_key)
        run_service(back, backups.restore, second, key=unit_key)
        assert hashes(back) == hashes(gridcore_app)
        assert hashes(back)["core_household"][0] == 6
    finally:
        source.close()
        back.close()
