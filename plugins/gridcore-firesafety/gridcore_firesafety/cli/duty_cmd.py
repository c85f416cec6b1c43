"""``gridcore fire publicity|letter|reward``: publicity days, responsibility letters, rewards and penalties."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from gridcore.cli.context import CliContext, pass_context
from gridcore.cli.output import emit, format_option
from gridcore.cli.permissions import requires
from gridcore.cli.service_runner import read_in_unit, run_in_unit, show_record
from gridcore_firesafety.cli.output import show_rows
from gridcore_firesafety.names import LETTER, OFFICE, PUBLICITY, REWARD, VIEW

if TYPE_CHECKING:
    from gridcore.services.unit import UnitOfWork

community_option = click.option(
    "--community", "community_code", default=None, metavar="CODE", help="社区编码 (有多个社区时)"
)


def _view(entity_id: str, record: Any, uow: UnitOfWork) -> dict[str, Any]:
    from gridcore.services.presentation import record_view

    return record_view(uow, entity_id, record)


@click.group()
def publicity() -> None:
    """消防安全宣传日: 每月一个工作日。登记 (add)、列表 (list)、缺少宣传日的月份 (missing)。"""


@requires(OFFICE)
@publicity.command()
@click.argument("day", metavar="YYYY-MM-DD")
@click.option("--form", "forms", multiple=True, required=True, help="宣传形式 (可重复): 标语、一封信、消防车广播")
@click.option("--audience", default=None, help="宣传对象, 例如 居民、企业、三小场所")
@click.option("--note", default=None, help="备注")
@community_option
@format_option
@pass_context
def add(context: CliContext, /, day: str, forms: tuple[str, ...], fmt: str, **options: Any) -> None:
    """登记本月的消防安全宣传日 DAY。"""
    from gridcore_firesafety.services import duties

    def body(uow: UnitOfWork) -> dict[str, Any]:
        return _view(PUBLICITY, duties.add_publicity(uow, day=day, forms=forms, **options), uow)

    run_in_unit(context, body, show=show_record(fmt))


@requires(VIEW)
@publicity.command()
@click.option("--year", type=int, required=True, help="年度")
@community_option
@format_option
@pass_context
def missing(context: CliContext, /, year: int, community_code: str | None, fmt: str) -> None:
    """该年度到本月为止还没有宣传日的月份。"""
    from gridcore_firesafety.services import duties

    months = read_in_unit(
        context, lambda uow: duties.months_without_publicity(uow, year=year, community_code=community_code)
    )
    if fmt == "table":
        click.echo("缺少宣传日的月份: " + ("、".join(months) if months else "无"))
    else:
        emit([{"月份": month} for month in months], fmt=fmt)


@requires(VIEW)
@publicity.command("list")
@format_option
@pass_context
def publicity_list(context: CliContext, /, fmt: str) -> None:
    """消防安全宣传日列表。"""
    from sqlalchemy import select

    from gridcore_firesafety.models import Publicity
    from gridcore_firesafety.services import visibility

    def body(uow: UnitOfWork) -> list[dict[str, Any]]:
        query = select(Publicity).where(visibility.where(uow, PUBLICITY)).order_by(Publicity.month)
        return [_view(PUBLICITY, found, uow) for found in uow.session.execute(query).scalars()]

    show_rows(read_in_unit(context, body), fmt=fmt, title="消防安全宣传日", empty="没有宣传日记录")


@click.group()
def letter() -> None:
    """消防工作责任书 (层层签订): 登记 (add)、列表 (list)。"""


@requires(OFFICE)
@letter.command("add")
@click.option("--year", type=int, required=True, help="年度")
@click.option("--level", required=True, help="层级: 社区、大网格、单元格、商铺企业")
@click.option("--signer", required=True, help="签订单位")
@click.option("--counterpart", required=True, help="上级单位 (与之签订)")
@click.option("--date", "day", default=None, metavar="YYYY-MM-DD", help="签订日期, 默认今天")
@community_option
@format_option
@pass_context
def letter_add(context: CliContext, /, fmt: str, **options: Any) -> None:
    """登记一份责任书; 下级签订前, 上级单位须已签订上一层级的责任书。"""
    from gridcore_firesafety.services import duties

    run_in_unit(context, lambda uow: _view(LETTER, duties.add_letter(uow, **options), uow), show=show_record(fmt))


@requires(VIEW)
@letter.command("list")
@click.option("--year", type=int, default=None, help="年度")
@format_option
@pass_context
def letter_list(context: CliContext, /, year: int | None, fmt: str) -> None:
    """责任书列表。"""
    from gridcore_firesafety.services import duties

    rows = read_in_unit(context, lambda uow: [_view(LETTER, found, uow) for found in duties.letters(uow, year=year)])
    show_rows(rows, fmt=fmt, title="消防工作责任书", empty="没有责任书")


@click.group()
def reward() -> None:
    """奖惩记录 (个人或单位): 登记 (add)、列表 (list)。"""


@requires(OFFICE)
@reward.command("add")
@click.argument("subject")
@click.option("--kind", required=True, help="奖惩类别: 通报表彰、评先评奖、取消评先并扣发奖金、停工并追责")
@click.option("--subject-kind", type=click.Choice(["个人", "单位"]), default="个人", show_default=True, help="对象类别")
@click.option("--reason", required=True, help="事由")
@click.option("--date", "day", default=None, metavar="YYYY-MM-DD", help="日期, 默认今天")
@community_option
@format_option
@pass_context
def reward_add(context: CliContext, /, subject: str, fmt: str, **options: Any) -> None:
    """登记 SUBJECT (人员或单位) 的奖惩。"""
    from gridcore_firesafety.services import duties

    run_in_unit(
        context,
        lambda uow: _view(REWARD, duties.add_reward(uow, subject=subject, **options), uow),
        show=show_record(fmt),
    )


@requires(VIEW)
@reward.command("list")
@click.option("--subject", default=None, help="只列这个人员或单位")
@click.option("--year", type=int, default=None, help="年度")
@format_option
@pass_context
def reward_list(context: CliContext, /, subject: str | None, year: int | None, fmt: str) -> None:
    """奖惩记录列表。"""
    from gridcore_firesafety.services import duties

    def body(uow: UnitOfWork) -> list[dict[str, Any]]:
        return [_view(REWARD, found, uow) for found in duties.rewards(uow, subject=subject, year=year)]

    show_rows(read_in_unit(context, body), fmt=fmt, title="消防奖惩", empty="没有奖惩记录")
