"""``gridcore keys``: the unit's signing key (init, show) and the keys of trusted units (trust, list, untrust)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from gridcore.cli.context import CliContext, pass_context
from gridcore.cli.output import emit, format_option
from gridcore.cli.permissions import requires
from gridcore.cli.service_runner import read_in_unit, run_in_unit

F = TypeVar("F", bound=Callable[..., Any])
KEY_FILE_HELP = "本单位密钥文件 (默认: GRIDCORE_KEY_FILE, 或数据库文件旁的 .unit-key)"


def key_file_option(func: F) -> F:
    return click.option(
        "--key-file", type=click.Path(dir_okay=False, path_type=Path), default=None, help=KEY_FILE_HELP
    )(func)


@requires("keys.manage")
@click.group()
def keys() -> None:
    """单位密钥: 数据包用本单位的密钥签名, 上级单位只接收已登记公钥的下级单位的数据包。"""


@keys.command("init")
@click.option("--code", help="本单位代码, 例如 HQ (默认: 版本配置 [branding] unit_code)")
@click.option("--name", help="本单位名称 (默认: 版本配置 [branding] unit_name 或用户名称)")
@key_file_option
@pass_context
def init_key(context: CliContext, code: str | None, name: str | None, key_file: Path | None) -> None:
    """生成本单位的签名密钥 (文件权限 0600, 不存入数据库; 已有则不覆盖)。"""
    from gridcore.services import keys as service

    path = service.key_path(context.data_app(), key_file)
    key = run_in_unit(context, lambda uow: service.init_key(uow, path=path, code=code, name=name))
    click.echo(f"已生成本单位密钥: {path} (仅本人可读, 请妥善备份)")
    click.echo(f"单位: {key.code} {key.name}")
    click.echo(f"指纹: {key.public.fingerprint}")
    click.echo("公钥 (交给上级单位用 gridcore keys trust 登记):")
    click.echo(key.public.line())


@keys.command("show")
@key_file_option
@format_option
@pass_context
def show_key(context: CliContext, key_file: Path | None, fmt: str) -> None:
    """显示本单位的公钥 (一行, 交给上级单位登记)。"""
    from gridcore.services import keys as service

    path = service.key_path(context.data_app(), key_file)
    key = read_in_unit(context, lambda uow: service.show_key(uow, path=path))
    if fmt == "table":
        click.echo(key.public.line())
        return
    emit(
        {"code": key.code, "name": key.name, "fingerprint": key.public.fingerprint, "public_key": key.public.line()},
        fmt=fmt,
    )


@keys.command("trust")
@click.argument("name")
@click.argument("pubkey")
@click.option("--replace", is_flag=True, help="该单位已登记另一个公钥时, 确认更换")
@pass_context
def trust(context: CliContext, name: str, pubkey: str, replace: bool) -> None:
    """登记下级单位的公钥: keys trust 红旗社区 gcunit1:HQ:...。"""
    from gridcore.services import keys as service

    public = run_in_unit(context, lambda uow: service.trust(uow, name, pubkey, replace=replace))
    click.echo(f"已登记单位 {public.code} ({name}) 的公钥, 指纹 {public.fingerprint}")


@keys.command("list")
@format_option
@pass_context
def list_trusted(context: CliContext, fmt: str) -> None:
    """列出已登记公钥的单位。"""
    from gridcore.services import keys as service

    rows = read_in_unit(context, service.list_trusted)
    if not rows and fmt == "table":
        click.echo("尚未登记任何单位的公钥")
        return
    emit(rows, fmt=fmt, columns=("代码", "名称", "指纹", "登记时间"), title="已登记的单位")


@keys.command("untrust")
@click.argument("code")
@pass_context
def untrust(context: CliContext, code: str) -> None:
    """撤销对某单位公钥的登记 (此后不再接收它的数据包)。"""
    from gridcore.services import keys as service

    run_in_unit(context, lambda uow: service.untrust(uow, code))
    click.echo(f"已撤销单位 {code} 的公钥登记")
