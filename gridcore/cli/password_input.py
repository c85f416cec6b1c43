"""Reading passwords for commands: from a file (scripts) or typed twice without echo (people).

Passwords never come from the command line itself, where ``ps`` and the shell history would keep them.
"""

from __future__ import annotations

from pathlib import Path

import click

from gridcore.errors import ConfigError


def read_password_file(path: str | Path) -> str:
    """The first line of ``path`` (without its line end); an unreadable or empty file is one line."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"无法读取密码文件 {path}: {error.strerror}") from None
    password = text.splitlines()[0] if text.strip("\r\n") else ""
    if not password:
        raise ConfigError(f"密码文件 {path} 是空的: 请在第一行写入密码")
    return password


def new_password(path: str | Path | None, prompt: str = "新密码") -> str:
    """A new password from ``path``, or asked twice (the two must match, R-Q02)."""
    if path is not None:
        return read_password_file(path)
    value: str = click.prompt(prompt, hide_input=True, confirmation_prompt="请再次输入")
    return value
