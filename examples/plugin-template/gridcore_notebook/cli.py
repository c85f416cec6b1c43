"""``gridcore notebook add|list``: imported only when one of these commands runs."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click
from gridcore.cli.context import CliContext, pass_context
from gridcore.cli.output import emit, format_option
from gridcore.cli.permissions import requires
from gridcore.entities import entity_fields

from gridcore_notebook.entries import add_entry, list_entries
from gridcore_notebook.models import NotebookEntry
from gridcore_notebook.plugin import EDIT, VIEW


@click.group()
def notebook() -> None:
    """民情日记: 记录走访见闻。"""


@requires(EDIT)
@notebook.command()
@click.option("--title", "-t", required=True, help="标题")
@click.option("--content", "-c", default="", help="内容")
@click.option("--author", "-a", default=None, help="记录人 (默认为设置 notebook.default_author)")
@click.option(
    "--date", "day", type=click.DateTime(["%Y-%m-%d"]), default=None, help="日期 YYYY-MM-DD, 默认今天"
)
@pass_context
def add(context: CliContext, title: str, content: str, author: str | None, day: dt.datetime | None) -> None:
    """记录一篇民情日记。"""
    app = context.data_app()
    entry_date = day.date() if day else None
    entry = add_entry(
        app, title=title, content=content, author=author, entry_date=entry_date, actor=context.actor
    )
    click.echo(f"已记录民情日记 {entry.id}: {entry.entry_date} {entry.title}")


@requires(VIEW)
@notebook.command("list")
@click.option("--month", default=None, metavar="YYYY-MM", help="只列出这个月的日记")
@format_option
@pass_context
def list_command(context: CliContext, month: str | None, fmt: str) -> None:
    """列出民情日记, 最新的在前。"""
    fields = entity_fields(NotebookEntry)
    entries = list_entries(context.data_app(), month=month)
    rows: list[dict[str, Any]] = [{f.label: getattr(entry, f.name) for f in fields} for entry in entries]
    emit(rows, fmt=fmt, columns=[f.label for f in fields], title="民情日记")
