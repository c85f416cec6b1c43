"""``gridcore fire cell``: cells (单元格): add, list, show, assign and release posts, shared duties."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from gridcore.cli.context import CliContext, pass_context
from gridcore.cli.output import format_option
from gridcore.cli.permissions import requires
from gridcore.cli.service_runner import read_in_unit, run_in_unit
from gridcore_firesafety.cli.output import show_detail, show_rows
from gridcore_firesafety.names import GRID_EDIT, VIEW

if TYPE_CHECKING:
    from gridcore.services.unit import UnitOfWork


@click.group()
def cell() -> None:
    """单元格: 新增 (add)、列表 (list)、查看 (show)、任命 (assign)、离任 (release)、捆绑责任 (duty)。"""


def _detail(context: CliContext, /, fmt: str, change: Any) -> None:
    """Run ``change(uow)`` (which returns the cell's key) and show the cell afterwards."""
    from gridcore_firesafety.services import views

    run_in_unit(context, lambda uow: views.cell_detail(uow, change(uow)), show=lambda view: show_detail(view, fmt=fmt))


@requires(GRID_EDIT)
@cell.command()
@click.option("--grid", "grid_key", required=True, metavar="GRID", help="所属大网格 (编号或名称)")
@click.option("--name", required=True, help="单元格名称/片区")
@click.option("--compound", "compound_code", default=None, metavar="CODE", help="所覆盖的物业小区编码 (可选)")
@click.option("--note", default=None, help="备注")
@format_option
@pass_context
def add(context: CliContext, /, fmt: str, **options: Any) -> None:
    """新增单元格; 编号为 网格编号+两位序号。"""
    from gridcore_firesafety.services import cells

    _detail(context, fmt, lambda uow: cells.add(uow, **options).cell_no)


@requires(VIEW)
@cell.command("list")
@click.option("--grid", "grid_key", default=None, metavar="GRID", help="只列这个大网格的单元格")
@click.option("--incomplete", is_flag=True, help="只列人员配备不全的单元格")
@format_option
@pass_context
def list_command(context: CliContext, /, grid_key: str | None, incomplete: bool, fmt: str) -> None:
    """单元格列表, 含人员配备情况 (每格监管员 1 名、巡查员 2 名)。"""
    from gridcore_firesafety.services import views

    rows = read_in_unit(context, lambda uow: views.cell_rows(uow, grid_key=grid_key, incomplete=incomplete))
    show_rows(rows, fmt=fmt, title="消防单元格", empty="没有符合条件的单元格")


@requires(VIEW)
@cell.command()
@click.argument("key")
@format_option
@pass_context
def show(context: CliContext, /, key: str, fmt: str) -> None:
    """查看单元格: 人员配备、在任岗位、捆绑式管理的全部责任人。"""
    from gridcore_firesafety.services import views

    show_detail(read_in_unit(context, lambda uow: views.cell_detail(uow, key)), fmt=fmt)


@requires(GRID_EDIT)
@cell.command()
@click.argument("key")
@click.argument("post")
@click.argument("person")
@click.option("--phone", default=None, help="联系电话")
@click.option("--premises", "premises_no", default=None, metavar="场所编号", help="监督员、企业巡查员所负责的企业")
@click.option("--affiliation", default=None, help="所在单位")
@click.option("--since", default=None, metavar="YYYY-MM-DD", help="任职日期, 默认今天")
@format_option
@pass_context
def assign(context: CliContext, /, key: str, post: str, person: str, fmt: str, **options: Any) -> None:
    """任命: PERSON 担任单元格 KEY 的 POST (监管员、巡查员、监督员、企业巡查员)。"""
    from gridcore_firesafety.services import cells

    def change(uow: UnitOfWork) -> str:
        cells.assign(uow, key, post=post, person=person, **options)
        return cells.get(uow, key).cell_no

    _detail(context, fmt, change)


@requires(GRID_EDIT)
@cell.command()
@click.argument("key")
@click.argument("person")
@click.option("--post", default=None, help="岗位 (此人在本格有多个岗位时)")
@click.option("--date", "day", default=None, metavar="YYYY-MM-DD", help="离任日期, 默认今天")
@format_option
@pass_context
def release(context: CliContext, /, key: str, person: str, post: str | None, day: str | None, fmt: str) -> None:
    """离任: PERSON 不再担任单元格 KEY 的岗位 (保留在任职历史中)。"""
    from gridcore_firesafety.services import cells

    def change(uow: UnitOfWork) -> str:
        cells.release(uow, key, person=person, post=post, day=day)
        return cells.get(uow, key).cell_no

    _detail(context, fmt, change)


@requires(GRID_EDIT)
@cell.command()
@click.argument("key")
@click.argument("role")
@click.argument("person")
@click.option("--note", default=None, help="备注")
@format_option
@pass_context
def duty(context: CliContext, /, key: str, role: str, person: str, note: str | None, fmt: str) -> None:
    """捆绑式管理: 记录单元格 KEY 的责任人 (ROLE: 分管领导、部门主管、社区全体员工、企业经营者)。"""
    from gridcore_firesafety.services import cells

    def change(uow: UnitOfWork) -> str:
        cells.add_duty(uow, key, role=role, person=person, note=note)
        return cells.get(uow, key).cell_no

    _detail(context, fmt, change)
