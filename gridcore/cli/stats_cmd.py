"""``gridcore stats``: the statistics of a region (or everything) as tables, JSON, a workbook and charts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from gridcore.cli.context import CliContext, pass_context
from gridcore.cli.output import emit, format_option
from gridcore.cli.permissions import requires


@requires("stats.view")
@click.command()
@click.option("--region", metavar="CODE", help="只统计该辖区及其下级 (编码)")
@click.option("--only", multiple=True, metavar="ID", help="只运行这些统计项 (可重复)")
@click.option("--xlsx", "xlsx", type=click.Path(dir_okay=False, path_type=Path), help="写出统计工作簿 (每项一个工作表)")
@click.option("--charts", type=click.Path(file_okay=False, path_type=Path), help="在该目录写出柱状图与饼图 (PNG)")
@format_option
@pass_context
def stats(
    context: CliContext, region: str | None, only: tuple[str, ...], xlsx: Path | None, charts: Path | None, fmt: str
) -> None:
    """统计分析: 人口、户数、性别、年龄段、户口类型、政治面貌、民族、特殊人群、老年人。"""
    from gridcore.services.stats import run_statistics
    from gridcore.services.unit import unit_of_work

    app = context.data_app()
    with unit_of_work(app, context.actor) as uow:
        results = run_statistics(uow, region=region, only=only)
    if fmt == "json":
        payload: list[dict[str, Any]] = [
            {
                "id": r.statistic.id,
                "title": r.statistic.title,
                "columns": list(r.table.columns),
                "rows": [list(row) for row in r.table.rows],
            }
            for r in results
        ]
        emit(payload, fmt="json")
    else:
        for result in results:
            rows = [dict(zip(result.table.columns, row, strict=True)) for row in result.table.rows]
            emit(rows, fmt=fmt, columns=result.table.columns, title=result.statistic.title)
    if xlsx is not None:
        from gridcore.stats.workbook import write_statistics

        write_statistics(xlsx, results)
        click.echo(f"已写出统计工作簿 {xlsx}", err=True)
    if charts is not None:
        from gridcore.stats.charts import draw_charts
        from gridcore.stats.fonts import find_cjk_font

        font = find_cjk_font(str(app.setting("core", "cjk_font")))
        charts.mkdir(parents=True, exist_ok=True)
        written = [path for r in results for path in draw_charts(r.statistic, r.table, charts, font)]
        click.echo(f"已写出 {len(written)} 张图表到 {charts}", err=True)
