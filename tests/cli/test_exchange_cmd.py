"""``gridcore report OUT`` and ``gridcore receive IN``: signed reports, merged once, conflicts in a file."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pytest

from gridcore.app import GridApp
from gridcore.edition import Edition
from gridcore.packages.database import content_hashes
from gridcore.packages.keys import UnitKey
from gridcore.services import households, regions, residents
from gridcore.services.setup import initialize
from gridcore.testing import TEST_ADMIN_PASSWORD, run_service
from gridcore.testing.security import add_operator


@pytest.fixture
def keys_cli(cli):
    """``keys`` commands are the security administrator's (三权分立): run them as one."""
    officers = {}

    def run(app, *args, **options):
        if id(app) not in officers:
            officers[id(app)] = add_operator(app, f"sec{len(officers)}", group="安全管理员")
        return cli(app, *args, actor=officers[id(app)], **options)

    return run


@pytest.fixture
def community(tmp_path):
    """A community's own SQLite database (the sender), with its key file."""
    app = GridApp(Edition(name="test", enabled_plugins=("core",)), database_url=f"sqlite:///{tmp_path / 'hq.db'}")
    app.start()
    initialize(app, admin_login="admin", ask_password=lambda: TEST_ADMIN_PASSWORD)
    run_service(app, regions.add, level="街道", name="东城街道")
    run_service(app, regions.add, level="社区", name="红旗社区", parent_code="DC")
    run_service(app, regions.add, level="小区", name="第一小区", parent_code="HQ")
    for name in ("甲某", "乙某"):
        household = run_service(app, households.add, head_name=name, compound_code="HQDY")
        run_service(app, residents.add, name=None, household_key=household.household_no, relation="户主")
    key = tmp_path / "hq.key"
    UnitKey.generate("HQ", "红旗社区", now=dt.datetime.now(dt.UTC)).write(key)
    yield app, key
    app.close()


def test_report_then_receive_once(gridcore_app, community, cli, keys_cli, tmp_path, monkeypatch):
    app, key = community
    out = tmp_path / "hq-1.gcpkg"
    made = cli(app, "report", str(out), "--region", "HQ", "--key-file", str(key))
    assert made.exit_code == 0, made.output
    assert "第 1 号" in made.output
    assert "未加密" in made.output
    line = keys_cli(app, "keys", "show", "--key-file", str(key)).output.strip()
    assert keys_cli(gridcore_app, "keys", "trust", "红旗社区", line).exit_code == 0
    monkeypatch.chdir(tmp_path)
    received = cli(gridcore_app, "receive", str(out), "--format", "json")
    assert received.exit_code == 0, received.output
    data = json.loads(received.output)
    assert data["added"]["household"] == 2
    assert data["added"]["resident"] == 2
    assert data["conflicts"] == 0
    before = content_hashes(gridcore_app)
    again = cli(gridcore_app, "receive", str(out))
    assert again.exit_code == 0
    assert "已接收过" in again.output
    assert content_hashes(gridcore_app) == before


def test_conflicts_are_written_to_a_report(gridcore_app, community, cli, keys_cli, tmp_path):
    app, key = community
    line = keys_cli(app, "keys", "show", "--key-file", str(key)).output.strip()
    assert keys_cli(gridcore_app, "keys", "trust", "红旗社区", line).exit_code == 0
    first = tmp_path / "1.gcpkg"
    assert cli(app, "report", str(first), "--key-file", str(key)).exit_code == 0
    assert cli(gridcore_app, "receive", str(first)).exit_code == 0
    run_service(app, households.edit, "HQDY001", {"联系电话": "13800001234"})
    second = tmp_path / "2.gcpkg"
    assert cli(app, "report", str(second), "--key-file", str(key)).exit_code == 0
    conflicts = tmp_path / "冲突.csv"
    result = cli(gridcore_app, "receive", str(second), "--conflicts", str(conflicts))
    assert result.exit_code == 0, result.output
    assert "冲突报告" in result.output
    with conflicts.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["实体"], r["编号"], r["字段"]) for r in rows] == [("住户", "HQDY001", "联系电话")]
    assert rows[0]["接收值"] != "13800001234"  # masked: the administrator has no pii.view


def test_untrusted_package_is_refused_in_one_line(gridcore_app, community, cli, keys_cli, tmp_path):
    app, key = community
    out = tmp_path / "hq.gcpkg"
    assert cli(app, "report", str(out), "--key-file", str(key)).exit_code == 0
    assert cli(gridcore_app, "stats", "--only", "population_by_sex").exit_code == 0  # the administrator logs in
    before = content_hashes(gridcore_app)
    result = cli(gridcore_app, "receive", str(out))
    assert result.exit_code != 0
    assert result.output.startswith("错误:")
    assert "keys trust" in result.output
    assert content_hashes(gridcore_app) == before


def test_encrypted_report_for_the_street(gridcore_app, community, cli, keys_cli, tmp_path):
    app, key = community
    street_key = tmp_path / "street.key"
    assert keys_cli(gridcore_app, "keys", "init", "--code", "DC", "--key-file", str(street_key)).exit_code == 0
    street_line = keys_cli(gridcore_app, "keys", "show", "--key-file", str(street_key)).output.strip()
    assert keys_cli(app, "keys", "trust", "东城街道", street_line).exit_code == 0
    out = tmp_path / "hq.gcpkg"
    made = cli(app, "report", str(out), "--to", "DC", "--key-file", str(key))
    assert made.exit_code == 0
    assert "已加密给单位 DC" in made.output
    line = keys_cli(app, "keys", "show", "--key-file", str(key)).output.strip()
    assert keys_cli(gridcore_app, "keys", "trust", "红旗社区", line).exit_code == 0
    received = cli(gridcore_app, "receive", str(out), "--key-file", str(street_key))
    assert received.exit_code == 0, received.output
    assert "新增" in received.output
