"""``gridcore household``: households (住户): add, show, edit, delete, link to a compound, unlink.

KEY is the 户籍编号 (HQDY001), or ``#id`` for a household not yet linked (no number yet). The rules
(numbering, 户主姓名 copies, what may be deleted) live in :mod:`gridcore.services.households`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from gridcore.cli.context import CliContext, pass_context
from gridcore.cli.output import format_option
from gridcore.cli.permissions import requires
from gridcore.cli.service_runner import (
    assignments,
    confirm_delete,
    emit_done,
    emit_record,
    field_option,
    read_in_unit,
    run_in_unit,
    show_record,
    yes_option,
)

if TYPE_CHECKING:
    from gridcore.domain.households import Household
    from gridcore.services.unit import UnitOfWork


@click.group()
def household() -> None:
    """住户: 新增、查看、修改、删除、关联到小区 (link)、解除关联 (unlink)。KEY 为户籍编号或 #id。"""


def household_view(uow: UnitOfWork, record: Household) -> dict[str, Any]:
    from gridcore.services import households
    from gridcore.services.presentation import record_view

    return record_view(uow, households.ENTITY, record)


@requires("household.edit")
@household.command()
@click.option("--compound", "compound_code", metavar="CODE", help="小区编码: 给出时立即关联并生成户籍编号")
@click.option("--head", "head_name", required=True, metavar="NAME", help="户主姓名")
@field_option
@format_option
@pass_context
def add(context: CliContext, compound_code: str | None, head_name: str, field_pairs: tuple[str, ...], fmt: str) -> None:
    """新增住户; 有 --compound 时户籍编号为 小区编码 + 三位序号 (HQDY001)。"""
    from gridcore.services import households

    given = assignments(field_pairs)

    def body(uow: UnitOfWork) -> dict[str, Any]:
        record = households.add(uow, head_name=head_name, compound_code=compound_code, given=given)
        return household_view(uow, record)

    run_in_unit(context, body, show=show_record(fmt))


@requires("household.view")
@household.command()
@click.argument("key")
@format_option
@pass_context
def show(context: CliContext, key: str, fmt: str) -> None:
    """显示一户的各字段 (中文标签, 词典值显示名称)。"""
    from gridcore.services import households

    emit_record(read_in_unit(context, lambda uow: household_view(uow, households.get(uow, key))), fmt=fmt)


@requires("household.edit")
@household.command()
@click.argument("key")
@field_option
@format_option
@pass_context
def edit(context: CliContext, key: str, field_pairs: tuple[str, ...], fmt: str) -> None:
    """修改字段: --field 标签=值; 改户主姓名时户主居民的姓名随之更新。"""
    from gridcore.services import households

    given = assignments(field_pairs)
    run_in_unit(context, lambda uow: household_view(uow, households.edit(uow, key, given)), show=show_record(fmt))


@requires("household.edit")
@household.command()
@click.argument("key")
@yes_option
@format_option
@pass_context
def delete(context: CliContext, key: str, yes: bool, fmt: str) -> None:
    """删除没有居民的住户 (先询问, --yes 不询问); 户籍编号不再重用。"""
    from gridcore.services import households

    found, head = read_in_unit(context, lambda uow: _key_and_head(uow, key))
    confirm_delete(f"住户 {found} (户主 {head})", yes=yes)
    run_in_unit(
        context,
        lambda uow: households.delete(uow, found),
        show=lambda _: emit_done(f"已删除住户 {found}", {"deleted": found}, fmt=fmt),
    )


def _key_and_head(uow: UnitOfWork, key: str) -> tuple[str, str]:
    from gridcore.services import households

    record = households.get(uow, key)
    return households.key_of(record), record.head_name


@requires("household.edit")
@household.command()
@click.argument("key")
@click.argument("compound")
@click.option("--move", is_flag=True, help="已关联到其他小区时确认移动 (户籍编号不变)")
@format_option
@pass_context
def link(context: CliContext, key: str, compound: str, move: bool, fmt: str) -> None:
    """关联房屋: 把住户关联到小区 COMPOUND (编码), 没有户籍编号时生成。"""
    from gridcore.services import households

    run_in_unit(
        context,
        lambda uow: household_view(uow, households.link(uow, key, compound, move=move)),
        show=show_record(fmt),
    )


@requires("household.edit")
@household.command()
@click.argument("key")
@format_option
@pass_context
def unlink(context: CliContext, key: str, fmt: str) -> None:
    """解除关联: 把住户从所在小区移出, 不删除记录, 户籍编号保留。"""
    from gridcore.services import households

    run_in_unit(context, lambda uow: household_view(uow, households.unlink(uow, key)), show=show_record(fmt))
