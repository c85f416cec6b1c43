"""``gridcore login`` / ``logout`` / ``passwd``: sessions and one's own password (R-Q01, R-Q02).

``login`` keeps the session token in a file only you can read (:mod:`gridcore.cli.session_file`);
scripts set ``GRIDCORE_USER`` and ``GRIDCORE_PASSWORD`` instead. These three commands are on the
allow-list: they authenticate by themselves.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

import gridcore
from gridcore.cli.context import CliContext, pass_context
from gridcore.cli.password_input import new_password, read_password_file
from gridcore.cli.permissions import public
from gridcore.errors import AuthenticationError


def _password(path: Path | None, prompt: str) -> str:
    if path is not None:
        return read_password_file(path)
    value: str = click.prompt(prompt, hide_input=True)
    return value


@public
@click.command()
@click.argument("login", required=False)
@click.option("--password-file", type=click.Path(dir_okay=False, path_type=Path), help="从文件读取密码 (供脚本使用)")
@pass_context
def login(context: CliContext, login: str | None, password_file: Path | None) -> None:
    """登录 (重新登录): 会话在 30 分钟无操作或 12 小时后失效。"""
    from gridcore.cli.session_file import read_token, save_token
    from gridcore.security.actors import cli_terminal
    from gridcore.services import sessions

    app = context.data_app()
    name = login or click.prompt("登录名")
    password = _password(password_file, "密码")
    terminal = cli_terminal()
    outcome = sessions.login(app, name, password, terminal=terminal)
    assert outcome.token is not None
    previous = read_token(app)
    if previous is not None:
        sessions.logout(app, previous, terminal=terminal)  # re-login replaces the session (R-Q01)
    save_token(app, outcome.token)
    policy = app.policy
    from gridcore.services.branding import current

    click.echo(current(app).banner(gridcore.__version__))
    click.echo(
        f"已登录: {outcome.actor.login} ({outcome.actor.group}); 会话在 {policy.idle_timeout_minutes} 分钟无操作"
        f"或 {policy.session_hours} 小时后失效"
    )
    if outcome.restricted is not None:
        click.echo(f"{outcome.restricted}: {sessions.RESTRICTED_MESSAGES[outcome.restricted]}", err=True)


@public
@click.command()
@pass_context
def logout(context: CliContext) -> None:
    """退出登录: 结束本数据库的会话。"""
    from gridcore.cli.session_file import remove_token
    from gridcore.security.actors import cli_terminal
    from gridcore.services import sessions

    app = context.data_app()
    token = remove_token(app)
    who = sessions.logout(app, token, terminal=cli_terminal()) if token is not None else None
    click.echo(f"已退出登录: {who}" if who else "当前没有登录")


@public
@click.command()
@click.option("--password-file", type=click.Path(dir_okay=False, path_type=Path), help="从文件读取新密码 (供脚本使用)")
@pass_context
def passwd(context: CliContext, password_file: Path | None) -> None:
    """修改自己的密码: 先输入当前密码, 新密码输入两次; 其他会话随之结束。"""
    from gridcore.cli.session_file import read_token
    from gridcore.security.actors import cli_terminal
    from gridcore.services import sessions

    app = context.data_app()
    terminal = cli_terminal()
    user = os.environ.get("GRIDCORE_USER", "").strip()
    session_id: int | None = None
    current: str | None = None
    if user:
        current = os.environ.get("GRIDCORE_PASSWORD") or None
    else:
        token = read_token(app)
        if token is None:
            raise AuthenticationError("请先登录: gridcore login (or set GRIDCORE_USER/GRIDCORE_PASSWORD)")
        resolved = sessions.resolve(app, token, terminal=terminal)
        user, session_id = resolved.actor.login, resolved.actor.session_id
    if current is None:
        current = _password(None, "当前密码")
    new = new_password(password_file)
    sessions.change_password(app, user, current, new, terminal=terminal, session_id=session_id)
    click.echo(f"已修改 {user} 的密码; 其他会话已结束")
    if os.environ.get("GRIDCORE_PASSWORD"):
        click.echo("提示: 请同时更新 GRIDCORE_PASSWORD", err=True)
