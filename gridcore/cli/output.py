"""Showing data: a table for people, JSON or CSV for scripts (``--format``)."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

import click

FORMATS = ("table", "json", "csv")
F = TypeVar("F", bound=Callable[..., Any])


def format_option(func: F) -> F:
    """Add ``--format table|json|csv`` to a command."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="输出格式: table 供人阅读, json/csv 供脚本使用",
    )(func)


def _plain(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    return "" if value is None else value


def emit(
    data: Sequence[Mapping[str, Any]] | Mapping[str, Any],
    *,
    fmt: str,
    columns: Sequence[str] | None = None,
    title: str | None = None,
) -> None:
    """Print records (a list of mappings) or one record (a mapping) in the chosen format."""
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        return
    rows: list[Mapping[str, Any]] = [data] if isinstance(data, Mapping) else list(data)
    cols = list(columns) if columns else list(rows[0].keys()) if rows else []
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(cols)
        for row in rows:
            writer.writerow([_plain(row.get(c)) for c in cols])
        click.echo(buffer.getvalue(), nl=False)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for col in cols:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*[str(_plain(row.get(c))) for c in cols])
    console = Console(width=None if sys.stdout.isatty() else 160, soft_wrap=False)
    console.print(table)
