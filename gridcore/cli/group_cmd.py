"""``gridcore group``: permission groups (权限组, 权限设置): add, grant, revoke, list.

Needs ``group.manage`` (the 系统管理员 group). Changes apply at each operator's next login (R-Q04).
A group never holds operator or group management together with the audit log (三权分立).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from gridcore.cli.context import CliContext, pass_context
from gridcore.cli.output import emit, format_option
from gridcore.cli.permissions import requires
from gridcore.cli.service_runner import read_in_unit, run_in_unit

if TYPE_CHECKING:
    from gridcore.services.unit import UnitOfWork

MANAGE = "group.manage"


@click.group()
def group() -> None:
    """权限组: 新增、授权、收回、列表。"""


@requires(MANAGE)
@group.command()
@click.argument("name")
@click.option("--description", default="", help="说明")
@pass_context
def add(context: CliContext, name: str, description: str) -> None:
    """新增权限组 (默认没有任何权限)。"""
    from gridcore.services import operators

    run_in_unit(context, lambda uow: operators.add_group(uow, name, description=description).name)
    click.echo(f"已新增权限组 {name}; 用 gridcore group grant {name} 权限... 授权")


@requires(MANAGE)
@group.command()
@click.argument("name")
@click.argument("permissions", nargs=-1, required=True)
@pass_context
def grant(context: CliContext, name: str, permissions: tuple[str, ...]) -> None:
    """授予权限 (操作员下次登录时生效)。"""
    from gridcore.services import operators

    added = run_in_unit(context, lambda uow: operators.grant(uow, name, permissions))
    click.echo(f"权限组 {name} 新增权限: {'、'.join(added) if added else '无 (已拥有)'}; 下次登录时生效")


@requires(MANAGE)
@group.command()
@click.argument("name")
@click.argument("permissions", nargs=-1, required=True)
@pass_context
def revoke(context: CliContext, name: str, permissions: tuple[str, ...]) -> None:
    """收回权限 (操作员下次登录时生效)。"""
    from gridcore.services import operators

    removed = run_in_unit(context, lambda uow: operators.revoke(uow, name, permissions))
    click.echo(f"权限组 {name} 收回权限: {'、'.join(removed) if removed else '无 (本来没有)'}; 下次登录时生效")


@requires(MANAGE)
@group.command("list")
@click.option("--permissions", "all_permissions", is_flag=True, help="列出所有已注册的权限 (含插件的)")
@format_option
@pass_context
def list_groups(context: CliContext, all_permissions: bool, fmt: str) -> None:
    """列出权限组及其权限、操作员人数。"""
    from gridcore.services import operators

    if all_permissions:

        def registered(uow: UnitOfWork) -> list[dict[str, Any]]:
            return [
                {"id": p.id, "title": p.title, "category": p.category, "plugin": p.plugin}
                for p in uow.app.registry.permissions.values()
            ]

        emit(read_in_unit(context, registered), fmt=fmt, columns=["id", "title", "category", "plugin"], title="权限")
        return
    rows: list[dict[str, Any]] = read_in_unit(context, operators.list_groups)
    emit(rows, fmt=fmt, columns=["name", "description", "operators", "permissions"], title="权限组")
