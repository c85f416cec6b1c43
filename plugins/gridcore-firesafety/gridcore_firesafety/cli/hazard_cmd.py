"""``gridcore fire hazard``: fire hazards: add, list, show, move (整改 or escalate), overdue."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from gridcore.cli.context import CliContext, pass_context
from gridcore.cli.output import format_option
from gridcore.cli.permissions import requires
from gridcore.cli.service_runner import read_in_unit, run_in_unit
from gridcore_firesafety.cli.options import step_options
from gridcore_firesafety.cli.output import show_detail, show_rows
from gridcore_firesafety.names import PATROL, VIEW

if TYPE_CHECKING:
    from gridcore.services.unit import UnitOfWork


@click.group()
def hazard() -> None:
    """火灾隐患: 登记 (add)、列表 (list)、查看 (show)、处置 (move)。"""


@requires(PATROL)
@hazard.command()
@click.argument("archive_key")
@click.option("--type", "hazard_type", required=True, help="隐患类型, 例如 消防器材缺失或过期")
@click.option("--description", required=True, help="隐患描述")
@click.option("--found", default=None, metavar="YYYY-MM-DD", help="发现日期, 默认今天")
@click.option("--deadline", default=None, metavar="YYYY-MM-DD", help="整改期限, 默认发现后 rectification_days 天")
@click.option("--inspection", "inspection_no", default=None, metavar="检查编号", help="发现它的检查")
@click.option("--measures", default=None, help="处置措施")
@click.option("--actor", default=None, metavar="NAME", help="发现人 (默认为当前操作员)")
@click.option("--note", default=None, help="说明")
@format_option
@pass_context
def add(
    context: CliContext, /, archive_key: str, actor: str | None, note: str | None, fmt: str, **options: Any
) -> None:
    """登记商铺 ARCHIVE_KEY (场所编号) 的火灾隐患: 状态为待整改, 有整改期限。"""
    from gridcore_firesafety.services import hazards, views
    from gridcore_firesafety.services.steps import StepInput

    def body(uow: UnitOfWork) -> dict[str, Any]:
        record = hazards.register(uow, archive_key, given=StepInput(actor=actor, note=note), **options)
        return views.hazard_detail(uow, record.hazard_no)

    run_in_unit(context, body, show=lambda view: show_detail(view, fmt=fmt))


@requires(VIEW)
@hazard.command("list")
@click.option("--state", default=None, help="只列这个状态的隐患, 例如 待整改")
@click.option("--grid", "grid_key", default=None, metavar="GRID", help="只列这个大网格的隐患")
@click.option("--archive", "archive_key", default=None, metavar="场所编号", help="只列这个商铺的隐患")
@click.option("--overdue", is_flag=True, help="只列逾期未整改的隐患")
@format_option
@pass_context
def list_command(context: CliContext, /, fmt: str, **filters: Any) -> None:
    """火灾隐患列表 (逾期: 过了整改期限仍未整改)。"""
    from gridcore_firesafety.services import hazards, views

    def body(uow: UnitOfWork) -> list[dict[str, Any]]:
        return [views.hazard_row(uow, record) for record in hazards.listing(uow, **filters)]

    columns = ["隐患编号", "商铺名称", "隐患类型", "发现日期", "整改期限", "状态", "状态日期", "逾期"]
    rows = read_in_unit(context, body)
    show_rows(rows, fmt=fmt, title="火灾隐患", empty="没有符合条件的火灾隐患", columns=columns)


@requires(VIEW)
@hazard.command()
@click.argument("key")
@format_option
@pass_context
def show(context: CliContext, /, key: str, fmt: str) -> None:
    """查看隐患 KEY: 各步处置记录 (日期、经办人、说明) 和允许的下一步。"""
    from gridcore_firesafety.services import views

    show_detail(read_in_unit(context, lambda uow: views.hazard_detail(uow, key)), fmt=fmt)


@requires(VIEW)
@hazard.command()
@click.argument("key")
@click.argument("state")
@step_options
@format_option
@pass_context
def move(
    context: CliContext, key: str, state: str, day: str | None, actor: str | None, note: str | None, fmt: str
) -> None:
    """处置: 把隐患 KEY 转到 STATE (已整改、关闭、已报安全办、停水停电、已报镇整治办、查封)。

    停水停电、已报镇整治办、查封 需要安全办权限 (firesafety.office), 其余需要 firesafety.patrol。
    """
    from gridcore_firesafety.services import hazards, views
    from gridcore_firesafety.services.steps import StepInput

    def body(uow: UnitOfWork) -> dict[str, Any]:
        hazards.move(uow, key, state, given=StepInput(day=day, actor=actor, note=note))
        return views.hazard_detail(uow, key)

    run_in_unit(context, body, show=lambda view: show_detail(view, fmt=fmt))
