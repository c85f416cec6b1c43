"""``gridcore export ENTITY OUT.xlsx``: every record a query matches, as a workbook that imports back.

The filter options are those of ``gridcore query`` (the same option objects), without paging. The
format follows OUT's suffix (``.xlsx`` or ``.csv``) unless ``--format`` names it. On a terminal a
progress bar is drawn on stderr; the row count is printed on stdout.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from gridcore.cli.context import CliContext, pass_context
from gridcore.cli.permissions import requires
from gridcore.cli.query_cmd import build_spec
from gridcore.cli.query_cmd import query as query_command
from gridcore.cli.service_runner import read_in_unit

if TYPE_CHECKING:
    from gridcore.services.unit import UnitOfWork

#: The options of ``gridcore query`` that choose rows; export takes the very same ones (R-G14).
FILTER_OPTIONS = ("where", "contains", "filters", "region", "sort")


def shows_progress() -> bool:
    """Whether a progress bar can be drawn (stderr is a terminal); tests replace this."""
    return sys.stderr.isatty()


@contextlib.contextmanager
def progress_bar(title: str) -> Iterator[Callable[[int, int], None] | None]:
    """A ``progress(done, total)`` drawing a rich bar on stderr, or ``None`` when stderr is no terminal."""
    if not shows_progress():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(title, total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield advance


@requires("{entity}.view")
@click.command()
@click.argument("entity")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "file_format",
    type=click.Choice(["xlsx", "csv"]),
    default=None,
    help="文件格式 (默认按 OUT 的扩展名: .xlsx 或 .csv; csv 为带 BOM 的 UTF-8)",
)
@pass_context
def export(
    context: CliContext,
    entity: str,
    out: Path,
    where: tuple[str, ...],
    contains: str | None,
    filters: tuple[str, ...],
    region: str | None,
    sort: tuple[str, ...],
    file_format: str | None,
) -> None:
    """导出EXCEL: 把符合条件的全部记录写成可再导入的工作簿 (表头与导入模板相同)。"""
    from gridcore.services.exports import export_entity
    from gridcore.services.query import entity as find_entity

    spec = build_spec(where, contains, filters, region, sort, None, 0)

    def body(uow: UnitOfWork) -> tuple[int, str]:
        title = find_entity(uow, entity).title
        with progress_bar(f"导出{title}") as progress:
            count = export_entity(uow, entity, spec, out, fmt=file_format, progress=progress)
        return count, title

    count, title = read_in_unit(context, body)
    click.echo(f"已导出 {count} 条{title}记录到 {out}")


export.params[2:2] = [param for param in query_command.params if param.name in FILTER_OPTIONS]
