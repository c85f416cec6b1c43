"""``gridcore fire archive``: one archive per shop (一户一档): open, list, show, edit, missing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from gridcore.cli.context import CliContext, pass_context
from gridcore.cli.output import format_option
from gridcore.cli.permissions import requires
from gridcore.cli.service_runner import assignments, field_option, read_in_unit, run_in_unit
from gridcore_firesafety.cli.output import show_detail, show_rows
from gridcore_firesafety.names import PATROL, VIEW

if TYPE_CHECKING:
    from gridcore.services.unit import UnitOfWork


@click.group()
def archive() -> None:
    """一户一档: 建档 (open)、列表 (list)、查看 (show)、修改 (edit)、未建档的场所 (missing)。"""


@requires(PATROL)
@archive.command("open")
@click.argument("premises_no")
@click.option("--cell", "cell_key", default=None, metavar="CELL", help="所属单元格 (场所所在小区已属某单元格时可省略)")
@click.option("--date", "opened", default=None, metavar="YYYY-MM-DD", help="建档日期, 默认今天")
@field_option
@format_option
@pass_context
def open_command(
    context: CliContext,
    /,
    premises_no: str,
    cell_key: str | None,
    opened: str | None,
    field_pairs: tuple[str, ...],
    fmt: str,
) -> None:
    """为场所 PREMISES_NO 建立消防档案 (每个场所一份), 例如 --field 灭火器数量=2。"""
    from gridcore_firesafety.services import archives, views

    given = assignments(field_pairs)

    def body(uow: UnitOfWork) -> dict[str, Any]:
        record = archives.open_archive(uow, premises_no, cell_key=cell_key, given=given, opened=opened)
        return views.archive_detail(uow, record.premises_no)

    run_in_unit(context, body, show=lambda view: show_detail(view, fmt=fmt))


@requires(VIEW)
@archive.command("list")
@click.option("--cell", "cell_key", default=None, metavar="CELL", help="只列这个单元格的档案")
@format_option
@pass_context
def list_command(context: CliContext, /, cell_key: str | None, fmt: str) -> None:
    """消防档案列表。"""
    from gridcore_firesafety.services import views

    rows = read_in_unit(context, lambda uow: views.archive_rows(uow, cell_key=cell_key))
    columns = ["场所编号", "商铺名称", "所属单元格", "店主", "联系电话", "经营类别", "建档日期"]
    show_rows(rows, fmt=fmt, title="小商铺消防档案", empty="没有消防档案", columns=columns)


@requires(VIEW)
@archive.command()
@click.argument("key")
@format_option
@pass_context
def show(context: CliContext, /, key: str, fmt: str) -> None:
    """查看档案 (KEY 为场所编号): 商铺、消防设施、检查记录、火灾隐患。"""
    from gridcore_firesafety.services import views

    show_detail(read_in_unit(context, lambda uow: views.archive_detail(uow, key)), fmt=fmt)


@requires(PATROL)
@archive.command()
@click.argument("key")
@field_option
@format_option
@pass_context
def edit(context: CliContext, /, key: str, field_pairs: tuple[str, ...], fmt: str) -> None:
    """修改档案: --field 标签=值, 例如 --field 安全出口畅通=否。"""
    from gridcore_firesafety.services import archives, views

    given = assignments(field_pairs)

    def body(uow: UnitOfWork) -> dict[str, Any]:
        return views.archive_detail(uow, archives.edit(uow, key, given).premises_no)

    run_in_unit(context, body, show=lambda view: show_detail(view, fmt=fmt))


@requires(VIEW)
@archive.command()
@format_option
@pass_context
def missing(context: CliContext, /, fmt: str) -> None:
    """单元格所辖小区中还没有消防档案的场所 (一户一档未完成)。"""
    from gridcore_firesafety.services import archives

    def body(uow: UnitOfWork) -> list[dict[str, Any]]:
        return [
            {"单元格编号": cell.cell_no, "单元格": cell.name, "场所编号": facts.key, "场所名称": facts.name}
            for cell, facts in archives.missing(uow)
        ]

    show_rows(read_in_unit(context, body), fmt=fmt, title="未建档场所", empty="单元格内的场所都已建档")
