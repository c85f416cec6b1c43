"""``gridcore reset --yes``: 数据初始, clearing every business record after a verified safety backup.

The operator's password is asked again (``--password-file`` for scripts, or typed), a safety backup is
written and verified, and only then are the records cleared. Dictionaries, operators, permission
groups, the audit log, keys and branding are kept.
"""

from __future__ import annotations

from pathlib import Path

import click

from gridcore.cli import service_runner
from gridcore.cli.backup_cmd import confirm, unit_key
from gridcore.cli.context import CliContext, pass_context
from gridcore.cli.keys_cmd import key_file_option
from gridcore.cli.output import emit, format_option
from gridcore.cli.password_input import read_password_file
from gridcore.cli.permissions import requires
from gridcore.cli.service_runner import print_warnings
from gridcore.errors import ConfigError


def _password(path: Path | None) -> str:
    if path is not None:
        return read_password_file(path)
    if not service_runner.has_terminal():
        raise ConfigError("数据初始需要再次输入密码: 请用 --password-file 提供 (no terminal to ask on)")
    value: str = click.prompt("请再次输入您的密码以确认数据初始", hide_input=True)
    return value


@requires("system.reset")
@click.command()
@click.option("--yes", "-y", is_flag=True, help="不询问 (仍需再次输入密码)")
@click.option("--password-file", type=click.Path(dir_okay=False, path_type=Path), help="从文件读取当前操作员的密码")
@click.option("--login", help="核对哪个操作员的密码 (未登录的系统操作时; 默认 admin)")
@click.option(
    "--backup-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="安全备份写到哪个目录 (默认: 数据库文件所在目录, 或当前目录)",
)
@key_file_option
@format_option
@pass_context
def reset(
    context: CliContext,
    yes: bool,
    password_file: Path | None,
    login: str | None,
    backup_dir: Path | None,
    key_file: Path | None,
    fmt: str,
) -> None:
    """数据初始: 先写出并核验安全备份, 再清除全部业务数据 (辖区、住户、居民及各插件的记录)。"""
    from gridcore.services.backups import reset as run_reset
    from gridcore.services.unit import read_unit

    app = context.data_app()
    confirm("数据初始", yes=yes)
    password = _password(password_file)
    key = unit_key(context, key_file)
    assert key is not None
    database = app.db.sqlite_path
    folder = backup_dir or (database.resolve().parent if database is not None else Path.cwd())
    with read_unit(app, context.actor) as uow:
        outcome = run_reset(uow, password=password, backup_dir=folder, key=key, login=login)
    if fmt != "table":
        emit(
            {
                "backup": str(outcome.backup.path),
                "rows": outcome.rows,
                "tables": outcome.cleared,
                "disabled_operators": outcome.disabled_operators,
            },
            fmt=fmt,
        )
    else:
        click.echo(f"安全备份: {outcome.backup.path} (已核验)")
        click.echo(f"数据初始完成: 清除了 {outcome.rows} 条业务记录; 词典、操作员、权限组与密钥均已保留")
    print_warnings(uow.warnings)
