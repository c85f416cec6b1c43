"""``gridcore plugins``: which plugins are installed, loaded, broken or disabled, and what they add."""

from __future__ import annotations

from typing import Any

import click

from gridcore.cli.context import CliContext, pass_context
from gridcore.cli.output import emit, format_option
from gridcore.cli.permissions import requires


@click.group()
def plugins() -> None:
    """插件管理。"""


@requires("system.plugins")
@plugins.command("list")
@format_option
@pass_context
def list_plugins(context: CliContext, fmt: str) -> None:
    """列出插件: 名称、版本、状态 (ok / broken 及原因 / disabled) 及其贡献。"""
    app = context.app
    rows: list[dict[str, Any]] = []
    for status in app.plugins.statuses:
        row: dict[str, Any] = {
            "name": status.name,
            "title": status.title,
            "version": status.version,
            "status": status.status,
            "reason": status.reason,
        }
        summary = app.registry.summary(status.name) if status.status == "ok" else {}
        for kind in ("entities", "menus", "permissions", "commands"):
            row[kind] = list(summary.get(kind, []))
        rows.append(row)
    emit(rows, fmt=fmt, columns=["name", "title", "version", "status", "reason", "entities", "menus", "permissions"])
