"""``gridcore fire inspect``: inspections (小商铺检查登记表): add, list, show, form (xlsx), items."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from gridcore.cli.context import CliContext, pass_context
from gridcore.cli.output import emit, format_option
from gridcore.cli.permissions import requires
from gridcore.cli.service_runner import assignments, emit_done, read_in_unit, run_in_unit
from gridcore_firesafety.cli.output import show_detail, show_rows
from gridcore_firesafety.names import PATROL, VIEW

if TYPE_CHECKING:
    from gridcore.services.unit import UnitOfWork


@click.group()
def inspect() -> None:
    """小商铺检查登记: 登记 (add)、列表 (list)、查看 (show)、登记表 (form)、检查项目 (items)。"""


@requires(PATROL)
@inspect.command()
@click.argument("archive_key")
@click.option("--inspector", required=True, metavar="NAME", help="检查人 (本单元格的监管员或巡查员)")
@click.option("--item", "items", multiple=True, metavar="项目=结果", help="检查项目=合格|不合格|不适用, 可重复")
@click.option("--date", "day", default=None, metavar="YYYY-MM-DD", help="检查日期, 默认今天")
@click.option("--findings", default=None, help="发现的隐患")
@click.option("--requirement", default=None, help="整改要求")
@click.option("--signature", default=None, metavar="NAME", help="店主签字")
@format_option
@pass_context
def add(context: CliContext, /, archive_key: str, items: tuple[str, ...], fmt: str, **options: Any) -> None:
    """登记一次检查 (ARCHIVE_KEY 为场所编号), 例如 --item 灭火器配置及有效期=合格。"""
    from gridcore_firesafety.services import inspections, views

    results = assignments(items)

    def body(uow: UnitOfWork) -> dict[str, Any]:
        record = inspections.record(uow, archive_key, results=results, **options)
        return views.inspection_detail(uow, record.inspection_no)

    run_in_unit(context, body, show=lambda view: show_detail(view, fmt=fmt))


@requires(VIEW)
@inspect.command("list")
@click.option("--archive", "archive_key", default=None, metavar="场所编号", help="只列这个商铺的检查")
@click.option("--month", default=None, metavar="YYYY-MM", help="只列这个月的检查")
@format_option
@pass_context
def list_command(context: CliContext, /, archive_key: str | None, month: str | None, fmt: str) -> None:
    """检查登记列表, 最新的在前。"""
    from gridcore.services.presentation import record_view
    from gridcore_firesafety.names import INSPECTION
    from gridcore_firesafety.services import inspections

    def body(uow: UnitOfWork) -> list[dict[str, Any]]:
        found = inspections.listing(uow, archive_key=archive_key, month=month)
        return [record_view(uow, INSPECTION, inspection) for inspection in found]

    columns = ["检查编号", "检查日期", "场所编号", "商铺名称", "检查人", "检查结论", "发现隐患"]
    show_rows(read_in_unit(context, body), fmt=fmt, title="小商铺检查登记", empty="没有检查登记", columns=columns)


@requires(VIEW)
@inspect.command()
@click.argument("key")
@format_option
@pass_context
def show(context: CliContext, /, key: str, fmt: str) -> None:
    """查看一次检查 (KEY 为检查编号) 及各检查项目的结果。"""
    from gridcore_firesafety.services import views

    show_detail(read_in_unit(context, lambda uow: views.inspection_detail(uow, key)), fmt=fmt)


@requires(VIEW)
@inspect.command()
@click.argument("key")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@format_option
@pass_context
def form(context: CliContext, /, key: str, out: Path, fmt: str) -> None:
    """按纸质《小商铺检查登记表》的版式导出检查 KEY 到 OUT (.xlsx)。"""
    from gridcore_firesafety.exports.inspection_form import write_form
    from gridcore_firesafety.services import views

    if out.suffix.lower() != ".xlsx":
        raise click.BadParameter(f"{out} 应以 .xlsx 结尾", param_hint="OUT")
    written = write_form(out, read_in_unit(context, lambda uow: views.inspection_form(uow, key)))
    emit_done(f"已导出检查登记表: {written}", {"file": str(written)}, fmt=fmt)


@requires(VIEW)
@inspect.command()
@format_option
@pass_context
def items(context: CliContext, /, fmt: str) -> None:
    """当前的检查项目清单 (词典 firesafety_check_item, 可用 gridcore dict 修改)。"""
    from gridcore.services import dictionaries
    from gridcore_firesafety.names import CHECK_ITEM_DICTIONARY

    def body(uow: UnitOfWork) -> list[dict[str, Any]]:
        entries = dictionaries.current(uow, CHECK_ITEM_DICTIONARY).entries
        return [{"代码": e.code, "检查项目": e.label} for e in entries if e.enabled]

    emit(read_in_unit(context, body), fmt=fmt, title="检查项目")
