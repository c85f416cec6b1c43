"""``gridcore import ENTITY FILE``: a spreadsheet into a register, all or nothing, with a row-level report."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from gridcore.cli.context import CliContext, pass_context
from gridcore.cli.output import emit, format_option
from gridcore.cli.permissions import requires


def _write_errors(report: Any, path: Path) -> int:
    from gridcore.exchange import write_error_workbook

    problems = sorted([*report.rejected, *report.skipped], key=lambda outcome: outcome.row)
    return write_error_workbook(
        path,
        sheet=report.sheet or "错误",
        header=report.header,
        rows=((o.row, o.cells, o.reason) for o in problems),
    )


@requires("{entity}.edit")
@click.command("import")
@click.argument("entity")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--compound", metavar="CODE", help="导入的住户关联到该小区 (生成户籍编号); 不给则等待关联")
@click.option("--dry-run", is_flag=True, help="只检查, 不写入")
@click.option("--valid-rows-only", is_flag=True, help="只导入正确的行 (仍在一个事务中)")
@click.option(
    "--errors",
    "errors_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="写出错误工作簿: 原始行加「错误原因」列",
)
@format_option
@pass_context
def import_(
    context: CliContext,
    entity: str,
    file: Path,
    compound: str | None,
    dry_run: bool,
    valid_rows_only: bool,
    errors_path: Path | None,
    fmt: str,
) -> None:
    """导入 Excel (.xlsx/.xls) 或 CSV: 默认全部成功才写入; 重复的行跳过并计数。"""
    from gridcore.services.imports import ImportAbandoned, import_file
    from gridcore.services.unit import unit_of_work

    app = context.data_app()
    show_progress = sys.stderr.isatty() and fmt == "table"
    progress_bar: Any = None
    if show_progress:
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        progress_bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), transient=True)
    task: Any = None

    def tick(rows: int) -> None:
        if progress_bar is not None:
            progress_bar.update(task, description=f"已读取 {rows} 行")

    try:
        if progress_bar is not None:
            progress_bar.start()
            task = progress_bar.add_task("正在读取", total=None)
        with unit_of_work(app, context.actor) as uow:
            report = import_file(
                uow, entity, file, compound=compound, valid_rows_only=valid_rows_only, dry_run=dry_run, progress=tick
            )
    except ImportAbandoned as abandoned:
        report = abandoned.report
    finally:
        if progress_bar is not None:
            progress_bar.stop()
    if errors_path is not None and (report.rejected or report.skipped):
        written = _write_errors(report, errors_path)
        click.echo(f"错误工作簿: {errors_path} ({written} 行)", err=True)
    if fmt == "json":
        emit(report.as_dict(), fmt="json")
    else:
        click.echo(report.summary)
        for outcome in report.rejected[:20]:
            click.echo(f"  第 {outcome.row} 行: {outcome.reason}")
        if len(report.rejected) > 20:
            click.echo(f"  … 另有 {len(report.rejected) - 20} 行被拒绝 (用 --errors 写出全部)")
        for warning in report.warnings[:20]:
            click.echo(f"提示: {warning}", err=True)
    if report.rejected and not report.committed:
        raise SystemExit(5)
