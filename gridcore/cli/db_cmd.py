"""``gridcore db``: upgrade, inspect and downgrade the schema, branch by branch."""

from __future__ import annotations

import click

from gridcore.cli.context import CliContext, pass_context
from gridcore.cli.output import emit, format_option
from gridcore.cli.permissions import requires


@click.group()
def db() -> None:
    """数据库迁移 (alembic, 每个插件一个分支)。"""


@requires("system.database")
@db.command()
@pass_context
def upgrade(context: CliContext) -> None:
    """把所有已启用插件的数据库结构升级到最新。"""
    moved = context.app.migrations.upgrade()
    click.echo("已升级: " + ("、".join(moved) if moved else "无 (已是最新)"))


@requires("system.database")
@db.command()
@format_option
@pass_context
def current(context: CliContext, fmt: str) -> None:
    """显示每个插件分支的当前版本与最新版本。"""
    states = context.app.migrations.states()
    rows = [
        {"plugin": s.plugin, "current": s.current or "", "head": s.head or "", "up_to_date": s.up_to_date}
        for s in states
    ]
    emit(rows, fmt=fmt, columns=["plugin", "current", "head", "up_to_date"])


@requires("system.database")
@db.command()
@click.argument("plugin")
@click.option("--yes", is_flag=True, help="确认删除该插件的全部表和数据")
@pass_context
def downgrade(context: CliContext, plugin: str, yes: bool) -> None:
    """删除一个插件的数据表 (其分支降到 base)。"""
    if not yes:
        click.confirm(f"将删除插件 {plugin} 的所有表和数据, 确定吗?", abort=True)
    context.app.migrations.downgrade(plugin)
    click.echo(f"已移除插件 {plugin} 的数据表")
