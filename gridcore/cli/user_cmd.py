"""``gridcore user``: operators (操作员, R-Q03): add, list, disable, enable, reset-password.

Needs ``operator.manage`` (the 系统管理员 group). Passwords come from a file, never the command line;
an issued password must be changed at the operator's first login, within 72 hours.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from gridcore.cli.context import CliContext, pass_context
from gridcore.cli.output import emit, format_option
from gridcore.cli.password_input import new_password
from gridcore.cli.permissions import requires
from gridcore.cli.service_runner import read_in_unit, run_in_unit

if TYPE_CHECKING:
    from gridcore.services.unit import UnitOfWork

MANAGE = "operator.manage"
LIST_COLUMNS = ("login", "name", "group", "scope", "enabled", "locked", "must_change_password", "last_login_at")
PASSWORD_FILE = click.option(
    "--password-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="从文件读取初始密码 (不给则输入两次); 操作员首次登录时必须修改",
)


@click.group()
def user() -> None:
    """操作员: 新增、列表、停用、启用、重置密码。"""


@requires(MANAGE)
@user.command()
@click.argument("login")
@click.option("--group", "group", required=True, help="权限组名, 例如 信息采集员")
@click.option("--scope", "scope_code", metavar="CODE", help="绑定辖区 (编码): 只能查看与处理该辖区及其下级的数据")
@click.option("--name", "display_name", help="操作员姓名 (默认同登录名)")
@PASSWORD_FILE
@pass_context
def add(
    context: CliContext,
    login: str,
    group: str,
    scope_code: str | None,
    display_name: str | None,
    password_file: Path | None,
) -> None:
    """新增操作员 (登录名不区分大小写与全半角)。"""
    from gridcore.services import operators

    password = new_password(password_file, "初始密码")

    def body(uow: UnitOfWork) -> str:
        added = operators.add_operator(
            uow, login, group=group, password=password, name=display_name, scope_code=scope_code
        )
        return added.login

    created = run_in_unit(context, body)
    where = f", 辖区 {scope_code}" if scope_code else ""
    click.echo(f"已新增操作员 {created} ({group}{where}); 首次登录时须修改密码")


@requires(MANAGE)
@user.command("list")
@format_option
@pass_context
def list_users(context: CliContext, fmt: str) -> None:
    """列出操作员: 权限组、辖区、是否启用、是否锁定。"""
    from gridcore.services import operators

    rows: list[dict[str, Any]] = read_in_unit(context, operators.list_operators)
    emit(rows, fmt=fmt, columns=LIST_COLUMNS, title="操作员")


@requires(MANAGE)
@user.command()
@click.argument("login")
@pass_context
def disable(context: CliContext, login: str) -> None:
    """停用操作员: 其会话立即结束。"""
    from gridcore.services import operators

    run_in_unit(context, lambda uow: operators.set_enabled(uow, login, False))
    click.echo(f"已停用操作员 {login}")


@requires(MANAGE)
@user.command()
@click.argument("login")
@pass_context
def enable(context: CliContext, login: str) -> None:
    """启用操作员 (并解除锁定)。"""
    from gridcore.services import operators

    run_in_unit(context, lambda uow: operators.set_enabled(uow, login, True))
    click.echo(f"已启用操作员 {login}")


@requires(MANAGE)
@user.command("reset-password")
@click.argument("login")
@PASSWORD_FILE
@pass_context
def reset_password(context: CliContext, login: str, password_file: Path | None) -> None:
    """重置密码 (并解除锁定): 操作员下次登录时须修改。"""
    from gridcore.services import operators

    password = new_password(password_file, "新的初始密码")
    run_in_unit(context, lambda uow: operators.reset_password(uow, login, password))
    click.echo(f"已重置 {login} 的密码; 下次登录时须修改")
