"""The root command: help, one-line errors, init, plugins list, version."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import click
import pytest

from gridcore import Command
from gridcore.testing import make_plugin


def run_gridcore(*args: str, cwd=None, env_extra=None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key not in ("GRIDCORE_USER", "GRIDCORE_PASSWORD")}
    env.update(env_extra or {})
    env.pop("GRIDCORE_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "gridcore.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        input=stdin,
        timeout=120,
        check=False,
    )


def test_help_lists_core_commands(gridcore_app, cli):
    result = cli(gridcore_app, "--help")
    assert result.exit_code == 0
    for name in ("init", "db", "plugins", "version"):
        assert name in result.output


def test_init_is_idempotent_and_plugins_list_json(tmp_path, database_url):
    password = tmp_path / "pw"
    password.write_text("Str0ng-Pass\n", encoding="utf-8")
    first = run_gridcore("--db", database_url, "init", "--admin-password-file", str(password))
    assert first.returncode == 0, first.stderr
    assert "已创建管理员 admin" in first.stdout
    second = run_gridcore("--db", database_url, "init")  # no password needed once an admin exists
    assert second.returncode == 0, second.stderr
    assert "无 (已是最新)" in second.stdout
    refused = run_gridcore("--db", database_url, "plugins", "list")  # nobody is logged in
    assert refused.returncode == 9
    assert refused.stderr.strip() == "错误: 请先登录: gridcore login (or set GRIDCORE_USER/GRIDCORE_PASSWORD)"
    admin = {"GRIDCORE_USER": "admin", "GRIDCORE_PASSWORD": "Str0ng-Pass"}
    listing = run_gridcore("--db", database_url, "plugins", "list", "--format", "json", env_extra=admin)
    assert listing.returncode == 0, listing.stderr
    rows = {row["name"]: row for row in json.loads(listing.stdout)}
    assert rows["core"]["status"] == "ok"
    assert "system.plugins" in rows["core"]["permissions"]


def test_init_without_terminal_or_password_file_is_refused(tmp_path):
    db = tmp_path / "x.db"
    result = run_gridcore("--db", f"sqlite:///{db}", "init", stdin="")
    assert result.returncode != 0
    assert result.stderr.strip().startswith("错误:")
    assert "--admin-password-file" in result.stderr
    assert "Traceback" not in result.stderr
    assert not db.exists() or db.stat().st_size == 0 or "alembic_version" not in db.read_bytes().decode(errors="ignore")


def test_weak_admin_password_writes_nothing(tmp_path):
    db = tmp_path / "x.db"
    password = tmp_path / "pw"
    password.write_text("123", encoding="utf-8")
    result = run_gridcore("--db", f"sqlite:///{db}", "init", "--admin-password-file", str(password))
    assert result.returncode != 0
    assert "密码至少需要 8 个字符" in result.stderr
    probe = run_gridcore("--db", f"sqlite:///{db}", "db", "downgrade", "core", "--yes")
    assert "gridcore init" in probe.stderr


def test_unreachable_database_is_one_line(tmp_path):
    password = tmp_path / "pw"
    password.write_text("Str0ng-Pass", encoding="utf-8")
    result = run_gridcore(
        "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none", "init", "--admin-password-file", str(password)
    )
    assert result.returncode == 4
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "无法连接数据库 postgresql+psycopg://nobody@127.0.0.1:1/none" in lines[0]


def test_missing_sqlite_folder_is_one_line(tmp_path):
    result = run_gridcore("--db", f"sqlite:///{tmp_path}/no/such/dir/x.db", "db", "upgrade")
    assert result.returncode == 4
    assert "目录" in result.stderr
    assert "Traceback" not in result.stderr


def test_data_command_before_init_says_run_init_first(make_app, cli):
    app = make_app(init=False)
    result = cli(app, "db", "downgrade", "core", "--yes")
    assert result.exit_code != 0
    assert "请先运行 gridcore init" in result.output


def test_bad_edition_is_one_line(tmp_path):
    edition = tmp_path / "e.toml"
    edition.write_text("[plugins]\nenabled = ['nosuch']\n", encoding="utf-8")
    result = run_gridcore("--edition", str(edition), "--db", f"sqlite:///{tmp_path}/x.db", "plugins", "list")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "nosuch" in result.stderr
    assert "core" in result.stderr


def test_unexpected_error_is_one_line_without_traceback(make_app, cli):
    @click.command()
    def explode() -> None:
        raise ZeroDivisionError("division by zero")

    sys.modules["gridcore_test_explode"] = type(sys)("gridcore_test_explode")
    sys.modules["gridcore_test_explode"].explode = explode  # type: ignore[attr-defined]
    plugin = make_plugin(
        "explode",
        register_commands=lambda: [
            Command(name="explode", help="boom", target="gridcore_test_explode:explode", permission="system.plugins")
        ],
    )
    app = make_app(extra=[plugin])
    result = cli(app, "explode")
    assert result.exit_code == 70
    assert "内部错误 ZeroDivisionError" in result.output
    assert "Traceback" not in result.output


def test_version_shows_branding_from_the_edition(make_app, cli):
    app = make_app(branding={"name": "某街道网格系统", "company": "某某公司"})
    result = cli(app, "version", "--format", "json")
    info = json.loads(result.output)
    assert info["name"] == "某街道网格系统"
    assert info["company"] == "某某公司"


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_db_current_formats(gridcore_app, cli, fmt):
    result = cli(gridcore_app, "db", "current", "--format", fmt)
    assert result.exit_code == 0
    assert "core" in result.output
    head = gridcore_app.migrations.states()[0].head
    assert head in result.output
