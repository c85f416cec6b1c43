"""``gridcore fire case``: 安全办 spot checks and 两警一停 cases: spot-check, list, show, move, checks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from gridcore.cli.context import CliContext, pass_context
from gridcore.cli.output import format_option
from gridcore.cli.permissions import requires
from gridcore.cli.service_runner import emit_done, read_in_unit, run_in_unit
from gridcore_firesafety.cli.options import step_options
from gridcore_firesafety.cli.output import show_detail, show_rows
from gridcore_firesafety.names import CASE, OFFICE, SPOT_CHECK, VIEW

if TYPE_CHECKING:
    from gridcore.services.unit import UnitOfWork


@click.group()
def case() -> None:
    """两警一停: 抽查 (spot-check)、案件列表 (list)、查看 (show)、办理 (move)、抽查记录 (checks)。"""


@requires(OFFICE)
@case.command("spot-check")
@click.argument("cell_key")
@click.option("--finding", required=True, help="发现: 未发现问题、漏查、不查、瞒报")
@click.option("--checker", required=True, metavar="NAME", help="抽查人 (安全办)")
@click.option("--person", default=None, metavar="NAME", help="责任人 (有发现时必填)")
@click.option("--unit", default=None, help="责任单位")
@click.option("--date", "day", default=None, metavar="YYYY-MM-DD", help="抽查日期, 默认今天")
@click.option("--note", default=None, help="处理说明")
@format_option
@pass_context
def spot_check(context: CliContext, /, cell_key: str, fmt: str, **options: Any) -> None:
    """安全办抽查单元格 CELL_KEY; 发现漏查、不查或瞒报时立案 (两警一停)。"""
    from gridcore_firesafety.services import cases, views

    def body(uow: UnitOfWork) -> dict[str, Any]:
        _check, opened = cases.spot_check(uow, cell_key, **options)
        return views.case_detail(uow, opened.case_no) if opened is not None else {}

    def show_result(view: dict[str, Any]) -> None:
        if view:
            show_detail(view, fmt=fmt)
        else:
            emit_done("已记录抽查: 未发现问题, 不立案", {"case": None}, fmt=fmt)

    run_in_unit(context, body, show=show_result)


@requires(VIEW)
@case.command("list")
@click.option("--state", default=None, help="只列这个状态的案件")
@click.option("--person", default=None, metavar="NAME", help="只列这个人的案件")
@format_option
@pass_context
def list_command(context: CliContext, /, state: str | None, person: str | None, fmt: str) -> None:
    """两警一停案件列表。"""
    from gridcore.services.presentation import record_view
    from gridcore_firesafety.services import cases

    def body(uow: UnitOfWork) -> list[dict[str, Any]]:
        return [record_view(uow, CASE, found) for found in cases.listing(uow, state=state, person=person)]

    columns = ["案件编号", "对象", "对象单位", "发现", "立案日期", "状态", "状态日期", "处分"]
    show_rows(read_in_unit(context, body), fmt=fmt, title="两警一停", empty="没有两警一停案件", columns=columns)


@requires(VIEW)
@case.command()
@click.argument("key")
@format_option
@pass_context
def show(context: CliContext, /, key: str, fmt: str) -> None:
    """查看案件 KEY: 各步办理记录、按两警一停应给的处分、允许的下一步。"""
    from gridcore_firesafety.services import views

    show_detail(read_in_unit(context, lambda uow: views.case_detail(uow, key)), fmt=fmt)


@requires(OFFICE)
@case.command()
@click.argument("key")
@click.argument("state")
@click.option("--sanction", default=None, help="处分: 警告 或 停工 (表决时; 默认按两警一停)")
@click.option("--for", "votes_for", type=int, default=None, help="赞成票 (表决时)")
@click.option("--against", "votes_against", type=int, default=None, help="反对票 (表决时)")
@click.option("--abstain", "votes_abstain", type=int, default=None, help="弃权票")
@click.option("--document", "document_no", default=None, help="警告或停工意见书的文书编号 (签发时)")
@click.option("--to", "delivered_to", default=None, help="送达对象: 相关领导及个人 (送达时)")
@click.option("--leader", default=None, metavar="NAME", help="签名确认的领导 (确认时)")
@step_options
@format_option
@pass_context
def move(
    context: CliContext,
    /,
    key: str,
    state: str,
    day: str | None,
    actor: str | None,
    note: str | None,
    fmt: str,
    **details: Any,
) -> None:
    """办理: 把案件 KEY 转到 STATE (已报两委、已表决、表决未通过、已签发、已盖章、已送达、已签名确认)。"""
    from gridcore_firesafety.services import cases, views
    from gridcore_firesafety.services.steps import StepInput

    def body(uow: UnitOfWork) -> dict[str, Any]:
        cases.move(
            uow, key, state, given=StepInput(day=day, actor=actor, note=note), details=cases.CaseDetails(**details)
        )
        return views.case_detail(uow, key)

    run_in_unit(context, body, show=lambda view: show_detail(view, fmt=fmt))


@requires(VIEW)
@case.command()
@format_option
@pass_context
def checks(context: CliContext, /, fmt: str) -> None:
    """安全办抽查记录。"""
    from gridcore.services.presentation import record_view
    from gridcore_firesafety.services import cases

    def body(uow: UnitOfWork) -> list[dict[str, Any]]:
        return [record_view(uow, SPOT_CHECK, check) for check in cases.spot_checks(uow)]

    show_rows(read_in_unit(context, body), fmt=fmt, title="安全办抽查", empty="没有抽查记录")
