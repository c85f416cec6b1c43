"""``gridcore fire grid``: big grids (大网格): add, list (the dashboard), show, hand over."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from gridcore.cli.context import CliContext, pass_context
from gridcore.cli.output import format_option
from gridcore.cli.permissions import requires
from gridcore.cli.service_runner import emit_done, read_in_unit, run_in_unit
from gridcore_firesafety.cli.output import show_detail, show_rows
from gridcore_firesafety.names import GRID_EDIT, VIEW

if TYPE_CHECKING:
    from gridcore.services.unit import UnitOfWork


@click.group()
def grid() -> None:
    """大网格: 新增 (add)、一览 (list)、查看 (show)、人员调整 (handover)。"""


@requires(GRID_EDIT)
@grid.command()
@click.option("--community", "community_code", required=True, metavar="CODE", help="社区编码")
@click.option("--name", required=True, help="网格名称, 例如 一坊")
@click.option("--supervisor", required=True, metavar="NAME", help="消防监管员 (网格负责人)")
@click.option("--phone", default=None, help="联系电话")
@click.option("--coverage", default=None, help="负责范围, 例如 旧村及出租物业")
@click.option("--department", default=None, help="所属部门/居民小组")
@click.option("--since", default=None, metavar="YYYY-MM-DD", help="任职日期, 默认今天")
@format_option
@pass_context
def add(context: CliContext, /, fmt: str, **options: Any) -> None:
    """新增大网格; 网格编号为 社区编码+XF+两位序号。"""
    from gridcore_firesafety.services import grids, views

    def body(uow: UnitOfWork) -> dict[str, Any]:
        return views.grid_detail(uow, grids.add(uow, **options).grid_no)

    run_in_unit(context, body, show=lambda view: show_detail(view, fmt=fmt))


@requires(VIEW)
@grid.command("list")
@format_option
@pass_context
def list_command(context: CliContext, /, fmt: str) -> None:
    """大网格一览: 单元格数、配备不全的单元格、档案、未整改和逾期的隐患。"""
    from gridcore_firesafety.services import views

    rows = read_in_unit(context, views.grid_rows)
    show_rows(rows, fmt=fmt, title="消防大网格", empty="还没有消防大网格 (gridcore fire grid add)")


@requires(VIEW)
@grid.command()
@click.argument("key")
@format_option
@pass_context
def show(context: CliContext, /, key: str, fmt: str) -> None:
    """查看大网格 (KEY 为网格编号或名称): 负责人任职记录和单元格。"""
    from gridcore_firesafety.services import views

    show_detail(read_in_unit(context, lambda uow: views.grid_detail(uow, key)), fmt=fmt)


@requires(GRID_EDIT)
@grid.command()
@click.argument("key")
@click.argument("successor")
@click.option("--phone", default=None, help="接任人联系电话")
@click.option("--date", "day", default=None, metavar="YYYY-MM-DD", help="交接日期, 默认今天")
@click.option("--note", default=None, help="说明, 例如 人员调整")
@format_option
@pass_context
def handover(
    context: CliContext, key: str, successor: str, phone: str | None, day: str | None, note: str | None, fmt: str
) -> None:
    """人员调整: SUCCESSOR 接任 KEY 的消防监管员, 接过其在本网格的全部岗位和责任, 保留任职记录。"""
    from gridcore_firesafety.services import grids

    def body(uow: UnitOfWork) -> dict[str, Any]:
        done = grids.hand_over(uow, key, successor=successor, phone=phone, day=day, note=note)
        return {
            "网格编号": done.grid.grid_no,
            "原任": done.predecessor,
            "接任": done.successor,
            "移交岗位": done.posts,
            "移交责任": done.duties,
        }

    def show_result(result: dict[str, Any]) -> None:
        message = (
            f"{result['网格编号']}: {result['接任']} 接任 {result['原任']},"
            f" 移交岗位 {result['移交岗位']} 个、捆绑责任 {result['移交责任']} 项"
        )
        emit_done(message, result, fmt=fmt)

    run_in_unit(context, body, show=show_result)
