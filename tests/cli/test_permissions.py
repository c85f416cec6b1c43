"""C1 and C2: every command and service operation declares a permission; the role x command matrix.

The allow-list (commands that run without a login) is :data:`gridcore.cli.permissions.ALLOW_LIST`:
``version``, ``init``, ``login``, ``logout`` and ``passwd``. Groups only hold subcommands (``--help``).
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import types

import click
import pytest

import gridcore.services
from gridcore import Command
from gridcore.cli.context import CliContext
from gridcore.cli.main import cli as root
from gridcore.cli.permissions import ALLOW_LIST, PUBLIC, leaves
from gridcore.errors import AuthenticationError, PermissionDeniedError
from gridcore.services import households, regions, residents
from gridcore.services.unit import OPERATIONS
from gridcore.testing import add_operator, make_plugin, run_service


def registered(app, permission: str) -> bool:
    if "{entity}" in permission:
        return all(permission.format(entity=e) in app.registry.permissions for e in app.registry.entities)
    return permission in app.registry.permissions


def command_tree(app):
    """Every runnable command of every registered command (subcommands included) and its permission."""
    ctx = click.Context(root, obj=CliContext(app=app))
    for name in root.list_commands(ctx):
        command = root.get_command(ctx, name)
        assert command is not None, name
        yield from leaves(command, (name,), app.registry.commands[name].permission)


def test_every_command_declares_a_registered_permission(make_app):
    app = make_app(None)  # every installed plugin
    seen = []
    for path, _command, permission in command_tree(app):
        seen.append(" ".join(path))
        assert permission is not None, f"gridcore {' '.join(path)} declares no permission"
        if permission == PUBLIC:
            assert path[0] in ALLOW_LIST, f"gridcore {' '.join(path)} is public but not on the allow-list"
        else:
            assert registered(app, permission), f"gridcore {' '.join(path)}: {permission} is not registered"
    assert {"household add", "resident show", "user add", "audit verify", "query", "login"} <= set(seen)
    for name, spec in app.registry.commands.items():
        assert spec.permission is not None or name in ALLOW_LIST, name


def test_every_service_operation_declares_a_registered_permission(make_app):
    for module in pkgutil.walk_packages(gridcore.services.__path__, "gridcore.services."):
        importlib.import_module(module.name)
    app = make_app(None)
    assert len(OPERATIONS) > 30
    for name, permission in OPERATIONS.items():
        assert permission, name
        assert registered(app, permission), f"{name}: {permission} is not registered"


def test_a_command_without_a_permission_is_refused(make_app, cli, monkeypatch):
    @click.command()
    def sneak() -> None:
        click.echo("ran")

    module = types.ModuleType("gridcore_test_sneak")
    module.sneak = sneak  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "gridcore_test_sneak", module)
    plugin = make_plugin(
        "sneak", register_commands=lambda: [Command(name="sneak", help="?", target="gridcore_test_sneak:sneak")]
    )
    app = make_app(extra=[plugin])
    result = cli(app, "sneak")
    assert result.exit_code == PermissionDeniedError.exit_code
    assert "默认拒绝" in result.output
    assert "ran" not in result.output


def test_data_commands_need_a_login(gridcore_app, cli):
    result = cli(gridcore_app, "region", "list", actor=False)
    assert result.exit_code == AuthenticationError.exit_code
    assert result.stderr.strip() == "错误: 请先登录: gridcore login (or set GRIDCORE_USER/GRIDCORE_PASSWORD)"
    assert cli(gridcore_app, "version", actor=False).exit_code == 0
    assert cli(gridcore_app, "region", "--help", actor=False).exit_code == 0


# --------------------------------------------------------------------------- C2: the matrix

GROUPS = ("系统管理员", "安全管理员", "审计管理员", "信息采集员", "查询员")
ID = "11010519491231002X"
#: command -> allowed for (系统管理员, 安全管理员, 审计管理员, 信息采集员, 查询员)
MATRIX: dict[tuple[str, ...], tuple[int, int, int, int, int]] = {
    ("household", "add", "--compound", "HQDY", "--head", "新户"): (1, 0, 0, 1, 0),
    ("household", "show", "HQDY001"): (1, 0, 0, 1, 1),
    ("resident", "edit", "HQDY00101", "--field", "职业=教师"): (1, 0, 0, 1, 0),
    ("region", "add", "--level", "小区", "--name", "新小区", "--parent", "HQ"): (1, 0, 0, 1, 0),
    ("region", "list"): (1, 0, 0, 1, 1),
    ("query", "resident"): (1, 0, 0, 1, 1),
    ("export", "resident", "{tmp}/r.csv"): (1, 0, 0, 1, 1),
    ("stats", "--format", "json"): (1, 0, 0, 1, 1),
    ("idcard", ID): (1, 0, 0, 1, 1),
    ("dict", "add", "民族", "新族"): (1, 0, 0, 0, 0),
    ("dict", "list"): (1, 0, 0, 1, 1),
    ("user", "list"): (1, 0, 0, 0, 0),
    ("group", "grant", "查询员", "dict.view"): (1, 0, 0, 0, 0),
    ("audit", "list"): (0, 0, 1, 0, 0),
    ("audit", "verify"): (0, 0, 1, 0, 0),
    ("check", "--deploy"): (1, 1, 0, 0, 0),
    ("db", "current"): (1, 0, 0, 0, 0),
    ("plugins", "list"): (1, 0, 0, 0, 0),
}


@pytest.fixture
def office(gridcore_app):
    app = gridcore_app
    run_service(app, regions.add, level="街道", name="东城街道")
    run_service(app, regions.add, level="社区", name="红旗社区", parent_code="DC")
    run_service(app, regions.add, level="小区", name="第一小区", parent_code="HQ")
    run_service(app, households.add, head_name="甲", compound_code="HQDY")
    run_service(app, residents.add, name=None, household_key="HQDY001", relation="户主")
    return app


@pytest.mark.parametrize("group", GROUPS)
def test_role_by_command_matrix(office, cli, tmp_path, group):
    actor = add_operator(office, "operator", group=group)
    index = GROUPS.index(group)
    for command, allowed in MATRIX.items():
        args = [arg.format(tmp=tmp_path) for arg in command]
        result = cli(office, *args, actor=actor)
        if allowed[index]:
            assert result.exit_code != PermissionDeniedError.exit_code, (group, command, result.output)
            assert "没有权限" not in result.output, (group, command)
        else:
            assert result.exit_code == PermissionDeniedError.exit_code, (group, command, result.output)
            assert "没有权限" in result.output
