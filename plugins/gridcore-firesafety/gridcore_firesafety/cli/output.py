"""Showing the fire-safety views: a record with its nested lists as tables, or JSON/CSV for scripts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import click

from gridcore.cli.output import emit
from gridcore.cli.service_runner import emit_record

KEY = "key"


def show_detail(view: Mapping[str, Any], *, fmt: str) -> None:
    """A record view whose list and mapping values (history, posts ...) are shown as tables of their own."""
    if fmt != "table":
        emit(view, fmt=fmt)
        return
    flat = {label: value for label, value in view.items() if not isinstance(value, (list, dict))}
    emit_record(flat, fmt=fmt)
    for label, value in view.items():
        if isinstance(value, dict):
            rows = [{"类别": key, "人员": "、".join(map(str, people)) or "未指定"} for key, people in value.items()]
            emit(rows, fmt=fmt, columns=["类别", "人员"], title=label)
        elif isinstance(value, list) and value and isinstance(value[0], Mapping):
            emit(value, fmt=fmt, title=label)
        elif isinstance(value, list):
            click.echo(f"{label}: {'、'.join(map(str, value)) or '无'}")


def show_rows(
    rows: Sequence[Mapping[str, Any]],
    *,
    fmt: str,
    title: str,
    empty: str,
    columns: Sequence[str] | None = None,
) -> None:
    """A list of rows, or one line saying there is none (JSON gets ``[]``).

    A table for people shows ``columns`` (default: every column but ``key``) with 是/否 for flags;
    JSON and CSV get every column as it is.
    """
    if fmt != "table":
        emit(list(rows), fmt=fmt, columns=columns if fmt == "csv" else None, title=title)
        return
    if not rows:
        click.echo(empty)
        return
    shown = list(columns) if columns else [name for name in rows[0] if name != KEY]
    plain = [{name: _plain(row.get(name)) for name in shown} for row in rows]
    emit(plain, fmt=fmt, columns=shown, title=title)


def _plain(value: Any) -> Any:
    if isinstance(value, bool):
        return "是" if value else "否"
    return value
