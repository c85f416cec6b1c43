"""``gridcore fire report`` (monthly check reports) and ``gridcore fire overdue`` (who has not reported)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from gridcore.cli.context import CliContext, pass_context
from gridcore.cli.output import emit, format_option
from gridcore.cli.permissions import requires
from gridcore.cli.service_runner import read_in_unit, run_in_unit
from gridcore_firesafety.cli.output import show_rows
from gridcore_firesafety.names import PATROL, REPORT, VIEW

if TYPE_CHECKING:
    from gridcore.services.unit import UnitOfWork


@click.group()
def report() -> None:
    """月度检查汇报: 汇报 (submit)、列表 (list)。每月 26 日前汇报, 27 日起未汇报的列入 gridcore fire overdue。"""


@requires(PATROL)
@report.command()
@click.argument("cell_key")
@click.option("--month", required=True, metavar="YYYY-MM", help="汇报的月份")
@click.option("--reporter", required=True, metavar="NAME", help="汇报人")
@click.option("--checks", type=click.IntRange(min=0), default=0, help="本月检查户次")
@click.option("--hazards", "hazards_found", type=click.IntRange(min=0), default=0, help="本月发现隐患数")
@click.option("--summary", default=None, help="检查情况")
@click.option("--date", "day", default=None, metavar="YYYY-MM-DD", help="汇报日期, 默认今天")
@format_option
@pass_context
def submit(context: CliContext, /, cell_key: str, fmt: str, **options: Any) -> None:
    """单元格 CELL_KEY 向社区安全办汇报一个月的检查情况 (晚于应报日期的记为逾期)。"""
    from gridcore.services.presentation import record_view
    from gridcore_firesafety.services import reports

    def body(uow: UnitOfWork) -> dict[str, Any]:
        return record_view(uow, REPORT, reports.submit(uow, cell_key, **options))

    run_in_unit(context, body, show=lambda view: emit(view, fmt=fmt) if fmt != "table" else _done(view))


def _done(view: dict[str, Any]) -> None:
    late = " (逾期)" if view["逾期"] else ""
    click.echo(f"已汇报: {view['汇报单元格']} {view['月份']}, {view['汇报日期']}, 应报日期 {view['应报日期']}{late}")


@requires(VIEW)
@report.command("list")
@click.option("--month", default=None, metavar="YYYY-MM", help="只列这个月的汇报")
@format_option
@pass_context
def list_command(context: CliContext, /, month: str | None, fmt: str) -> None:
    """月度检查汇报列表。"""
    from gridcore.services.presentation import record_view
    from gridcore_firesafety.services import reports

    def body(uow: UnitOfWork) -> list[dict[str, Any]]:
        return [record_view(uow, REPORT, found) for found in reports.listing(uow, month=month)]

    show_rows(read_in_unit(context, body), fmt=fmt, title="月度检查汇报", empty="没有月度检查汇报")


@requires(VIEW)
@click.command()
@click.option("--month", default=None, metavar="YYYY-MM", help="月份 (默认: 已过应报日期的最近一个月)")
@format_option
@pass_context
def overdue(context: CliContext, /, month: str | None, fmt: str) -> None:
    """未按时汇报: 过了应报日期 (每月 26 日) 仍未汇报的单元格。"""
    from gridcore_firesafety.services import reports

    def body(uow: UnitOfWork) -> dict[str, Any]:
        found = reports.overdue(uow, month=month)
        return {
            "月份": found.month,
            "应报日期": found.due.isoformat(),
            "今天": found.today.isoformat(),
            "已过应报日期": found.flagged,
            "未汇报单元格": [
                {"单元格编号": cell.cell_no, "单元格": cell.name, "所属大网格": cell.grid_name} for cell in found.cells
            ],
        }

    result = read_in_unit(context, body)
    if fmt != "table":
        emit(result if fmt == "json" else result["未汇报单元格"], fmt=fmt)
        return
    if not result["已过应报日期"]:
        click.echo(f"{result['月份']} 的汇报应于 {result['应报日期']} 前提交, 尚未逾期")
        return
    title = f"{result['月份']} 未汇报的单元格 (应报日期 {result['应报日期']})"
    show_rows(result["未汇报单元格"], fmt=fmt, title=title, empty=f"{result['月份']} 各单元格均已汇报")
