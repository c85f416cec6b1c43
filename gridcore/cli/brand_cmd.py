"""``gridcore brand show|set``: software information (软件信息) and user information (用户信息).

``set`` takes ``KEY=VALUE`` pairs by attribute or label (``company=某某科技``, ``用户名称=江畔街道``); a blank
value removes the override, so the edition's or the branding plugin's value shows again.
"""

from __future__ import annotations

import click

import gridcore
from gridcore.cli.context import CliContext, pass_context
from gridcore.cli.output import emit, format_option
from gridcore.cli.permissions import requires


@click.group()
def brand() -> None:
    """软件信息与用户信息: brand show / brand set KEY=VALUE。"""


@requires("system.user_info")
@brand.command()
@format_option
@pass_context
def show(context: CliContext, fmt: str) -> None:
    """显示当前的软件信息与用户信息 (插件、版本配置与 brand set 合并后的结果)。"""
    from gridcore.services import branding

    current = branding.current(context.data_app())
    if fmt == "table":
        click.echo(current.banner(gridcore.__version__))
    emit(branding.shown(current), fmt=fmt)


@requires("system.user_info")
@brand.command("set")
@click.argument("pairs", nargs=-1, required=True, metavar="KEY=VALUE...")
@format_option
@pass_context
def set_command(context: CliContext, pairs: tuple[str, ...], fmt: str) -> None:
    """设置软件信息 (需 system.brand) 或用户信息 (用户名称、背景图片); 值为空时恢复默认。"""
    from gridcore.cli.service_runner import run_in_unit
    from gridcore.services import branding
    from gridcore.services.fields import parse_assignments

    given = parse_assignments(list(pairs))
    changed = run_in_unit(context, lambda uow: branding.set_values(uow, given))
    if fmt == "table":
        for key, value in changed.items():
            click.echo(f"{branding.LABELS[key]}: {value or '(已恢复默认)'}")
        return
    emit(changed, fmt=fmt)
