"""``gridcore backup OUT``, ``backup verify``, ``backup verify --drill`` and ``gridcore restore IN --yes``."""

from __future__ import annotations

import json
import os

import pytest

from gridcore.cli import service_runner
from gridcore.packages.database import content_hashes
from gridcore.packages.keys import UnitKey
from gridcore.services import households, regions
from gridcore.testing import run_service

NOW = __import__("datetime").datetime(2026, 11, 29, 8, 0)


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
def town(gridcore_app):
    run_service(gridcore_app, regions.add, level="街道", name="东城街道")
    run_service(gridcore_app, regions.add, level="社区", name="红旗社区", parent_code="DC")
    run_service(gridcore_app, regions.add, level="小区", name="第一小区", parent_code="HQ")
    for name in ("甲某", "乙某"):
        run_service(gridcore_app, households.add, head_name=name, compound_code="HQDY")
    return gridcore_app


@pytest.fixture
def key_file(tmp_path, monkeypatch):
    path = tmp_path / "unit.key"
    UnitKey.generate("DC", "东城街道", now=NOW).write(path)
    monkeypatch.setenv("GRIDCORE_KEY_FILE", str(path))
    return path


def test_backup_verify_and_restore(town, cli, key_file, tmp_path):
    out = tmp_path / "20261129.gcpkg"
    made = cli(town, "backup", str(out))
    assert made.exit_code == 0, made.output
    assert "备份成功" in made.output
    assert out.exists()
    checked = cli(town, "backup", "verify", str(out), "--format", "json")
    assert checked.exit_code == 0, checked.output
    assert json.loads(checked.output)["kind"] == "backup"
    before = content_hashes(town)
    run_service(town, households.add, head_name="丙某", compound_code="HQDY")
    restored = cli(town, "restore", str(out), "--yes")
    assert restored.exit_code == 0, restored.output
    assert "恢复成功" in restored.output
    assert content_hashes(town) == before


def test_backup_create_is_the_default_subcommand(town, cli, key_file, tmp_path):
    out = tmp_path / "x.gcpkg"
    result = cli(town, "backup", "create", str(out), "--encrypt", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["encrypted"] is True


def test_drill(town, cli, key_file):
    result = cli(town, "backup", "verify", "--drill")
    assert result.exit_code == 0, result.output
    assert "恢复演练成功" in result.output
    assert "core_household" in result.output


def test_restore_asks_before_overwriting(town, cli, key_file, tmp_path, monkeypatch):
    out = tmp_path / "b.gcpkg"
    assert cli(town, "backup", str(out)).exit_code == 0
    refused = cli(town, "restore", str(out))
    assert refused.exit_code != 0
    assert "--yes" in refused.output
    monkeypatch.setattr(service_runner, "has_terminal", lambda: True)
    cancelled = cli(town, "restore", str(out), input="n\n")
    assert cancelled.exit_code == 1
    assert "已取消" in cancelled.output


def test_tampered_backup_is_refused_in_one_line(town, cli, key_file, tmp_path):
    out = tmp_path / "b.gcpkg"
    assert cli(town, "backup", str(out)).exit_code == 0
    data = bytearray(out.read_bytes())
    data[len(data) // 3] ^= 0xFF
    out.write_bytes(bytes(data))
    before = content_hashes(town)
    result = cli(town, "restore", str(out), "--yes")
    assert result.exit_code != 0
    assert result.output.startswith("错误:")
    assert "Traceback" not in result.output
    assert content_hashes(town) == before
    sql = tmp_path / "dump.sql"
    sql.write_text("DROP TABLE core_household;", encoding="utf-8")
    refused = cli(town, "restore", str(sql), "--yes")
    assert refused.exit_code != 0
    assert "SQL" in refused.output


def test_restore_with_another_units_public_key(town, cli, key_file, tmp_path, monkeypatch):
    out = tmp_path / "b.gcpkg"
    assert cli(town, "backup", str(out)).exit_code == 0
    line = UnitKey.read(key_file).public.line()
    monkeypatch.setenv("GRIDCORE_KEY_FILE", str(tmp_path / "lost.key"))  # the key file is gone
    result = cli(town, "restore", str(out), "--yes", "--signer", line)
    assert result.exit_code == 0, result.output


def test_backup_without_a_key_says_keys_init(town, cli, tmp_path, monkeypatch):
    monkeypatch.setenv("GRIDCORE_KEY_FILE", str(tmp_path / "none.key"))
    result = cli(town, "backup", str(tmp_path / "x.gcpkg"))
    assert result.exit_code != 0
    assert "keys init" in result.output


def test_restore_needs_its_permission(town, cli, key_file, tmp_path):
    from gridcore.testing.security import add_operator

    out = tmp_path / "b.gcpkg"
    assert cli(town, "backup", str(out)).exit_code == 0
    clerk = add_operator(town, "clerk", group="信息采集员")
    result = cli(town, "restore", str(out), "--yes", actor=clerk)
    assert result.exit_code != 0
    assert "system.restore" in result.output


def test_unwritable_destination_is_one_line(town, cli, key_file, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    result = cli(town, "backup", str(blocker / "b.gcpkg"))
    assert result.exit_code != 0
    assert result.output.startswith("错误: 无法写入")
    assert "Traceback" not in result.output
