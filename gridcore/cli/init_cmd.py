"""``gridcore init``: create or upgrade the schema, seed each plugin's data, set the administrator."""

from __future__ import annotations

import sys

import click

from gridcore.cli.context import CliContext, pass_context
from gridcore.cli.password_input import read_password_file
from gridcore.cli.permissions import public
from gridcore.errors import ConfigError


@public
@click.command()
@click.option("--admin-password-file", type=click.Path(dir_okay=False), help="从文件读取管理员密码 (无默认密码)")
@click.option("--admin-login", default="admin", show_default=True, help="管理员登录名")
@pass_context
def init(context: CliContext, admin_password_file: str | None, admin_login: str) -> None:
    """创建或升级数据库, 写入各插件的初始数据; 可重复运行。"""
    from gridcore.services.setup import initialize

    app = context.app

    def ask_password() -> str:
        if admin_password_file:
            return read_password_file(admin_password_file)
        if not sys.stdin.isatty():
            raise ConfigError("请用 --admin-password-file 提供管理员密码 (no terminal to ask on)")
        value: str = click.prompt("请设置管理员密码", hide_input=True, confirmation_prompt="请再次输入")
        return value

    report = initialize(app, admin_login=admin_login, ask_password=ask_password)
    click.echo(f"数据库: {app.db.display}")
    click.echo("已升级: " + ("、".join(report.upgraded) if report.upgraded else "无 (已是最新)"))
    for line in report.seeded:
        click.echo(f"初始数据: {line}")
    if report.admin_created:
        click.echo(f"已创建管理员 {admin_login}")
    click.echo("初始化完成")
