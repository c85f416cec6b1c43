"""The template plugin in ``examples/plugin-template`` installs with pip and works end to end.

It is installed for real (``pip install --target``) and driven through the ``gridcore`` command in
subprocesses, exactly as a third-party author's user would; then its own test suite runs against
the installed copy. The end-to-end run is on SQLite only (it exercises packaging and discovery, once);
the template's own tests run on the suite's database, so on PostgreSQL too.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

TEMPLATE = Path(__file__).resolve().parents[2] / "examples" / "plugin-template"
PASSWORD = "Template-Passw0rd"
ON_POSTGRES = bool(os.environ.get("GRIDCORE_TEST_DATABASE_URL", "").strip())

# The sqlite_only marker acts through the database fixture, which these tests do not use: skip here.
once_on_sqlite = pytest.mark.skipif(ON_POSTGRES, reason="SQLite only: packaging and discovery are tested once")


def run(args: list[str], *, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, env=env, cwd=cwd, timeout=120, check=False)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A copy of the template installed into its own folder; the environment that puts it on the path."""
    root = tmp_path_factory.mktemp("template")
    source = root / "gridcore-notebook"
    # Build from a copy, so that setuptools leaves no build/ or *.egg-info in the repository.
    shutil.copytree(TEMPLATE, source, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__", ".*"))
    site = root / "site"
    env = {key: value for key, value in os.environ.items() if not key.startswith("GRIDCORE_")}
    env.update(PYTHONPATH=str(site), GRIDCORE_STRICT_PLUGINS="1", PYTHONIOENCODING="utf-8")
    pip = [sys.executable, "-m", "pip", "install", "--no-deps", "--no-build-isolation", "--no-index", "--quiet"]
    result = run([*pip, "--disable-pip-version-check", "--target", str(site), str(source)], env=env, cwd=root)
    hint = " (the venv needs setuptools>=70.1 or wheel, as make installs)" if "bdist_wheel" in result.stderr else ""
    assert result.returncode == 0, result.stderr + hint
    assert (site / "gridcore_notebook" / "py.typed").is_file()
    assert (site / "gridcore_notebook" / "migrations" / "notebook_0001_entry.py").is_file()
    return root, env


@pytest.mark.sqlite_only
@once_on_sqlite
def test_template_installs_and_runs_end_to_end(installed):
    root, env = installed
    work = root / "e2e"
    work.mkdir()
    db_file = work / "x.db"
    (work / "admin.txt").write_text(PASSWORD + "\n", encoding="utf-8")
    # Only the template is enabled, so other plugins installed in this environment do not interfere.
    (work / "edition.toml").write_text('[plugins]\nenabled = ["notebook"]\n', encoding="utf-8")
    base = [sys.executable, "-m", "gridcore.cli", "--db", f"sqlite:///{db_file}", "--edition", "edition.toml"]

    def gridcore(*args: str) -> subprocess.CompletedProcess[str]:
        return run([*base, *args], env=env, cwd=work)

    def as_admin(*args: str) -> subprocess.CompletedProcess[str]:
        return run([*base, *args], env={**env, "GRIDCORE_USER": "admin", "GRIDCORE_PASSWORD": PASSWORD}, cwd=work)

    def tables() -> set[str]:
        with sqlite3.connect(db_file) as connection:
            return {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    helped = gridcore("--help")
    assert helped.returncode == 0, helped.stderr
    assert "民情日记: add 记录一篇 / list 列出" in helped.stdout

    init = gridcore("init", "--admin-password-file", "admin.txt")
    assert init.returncode == 0, init.stderr
    assert "notebook" in init.stdout
    assert "notebook_entry" in tables()

    listed = as_admin("plugins", "list", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    notebook = next(row for row in json.loads(listed.stdout) if row["name"] == "notebook")
    assert notebook["status"] == "ok", notebook["reason"]
    assert (notebook["title"], notebook["version"]) == ("民情日记", "0.1.0")
    assert notebook["entities"] == ["notebook_entry"]
    assert notebook["menus"] == ["notebook"]
    # its own permission, and the view and edit permissions gridcore derives from its entity
    assert set(notebook["permissions"]) == {"notebook.stats", "notebook_entry.view", "notebook_entry.edit"}

    added = as_admin("notebook", "add", "--title", "走访王大爷", "--content", "楼道灯坏了", "--date", "2026-11-02")
    assert added.returncode == 0, added.stderr
    refused = as_admin("notebook", "add", "--title", " ")
    assert refused.returncode == 5
    assert refused.stderr.strip() == "错误: 标题不能为空: 请用 --title 写明这篇日记的标题"

    entries = as_admin("notebook", "list", "--format", "json")
    assert entries.returncode == 0, entries.stderr
    assert json.loads(entries.stdout) == [
        {"编号": 1, "日期": "2026-11-02", "标题": "走访王大爷", "内容": "楼道灯坏了", "记录人": None}
    ]

    removed = as_admin("db", "downgrade", "notebook", "--yes")
    assert removed.returncode == 0, removed.stderr
    left = tables()
    assert "notebook_entry" not in left
    assert {"core_operator", "alembic_version"} <= left


def test_template_own_tests_pass_against_the_installed_copy(installed):
    root, env = installed
    tests = root / "gridcore-notebook" / "tests"
    database = {"GRIDCORE_TEST_DATABASE_URL": os.environ["GRIDCORE_TEST_DATABASE_URL"]} if ON_POSTGRES else {}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tests)]
    result = run(command, env={**env, **database}, cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " passed" in result.stdout
