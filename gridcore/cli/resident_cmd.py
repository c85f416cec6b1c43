"""``gridcore resident``: residents (居民): add, show, edit, delete, link to a household, unlink.

KEY is the 常住编号 (HQDY00101), or ``#id`` for a resident not linked to a household. The rules (ID
number checks and derivation, one 户主 per household, copies from the household) live in
:mod:`gridcore.services.residents`.
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
    from gridcore.domain.residents import Resident
    from gridcore.services.unit import UnitOfWork


@click.group()
def resident() -> None:
    """居民: 新增、查看、修改、删除、关联到住户 (link)、解除关联 (unlink)。KEY 为常住编号或 #id。"""


def resident_view(uow: UnitOfWork, record: Resident) -> dict[str, Any]:
    from gridcore.services import residents
    from gridcore.services.presentation import record_view

    return record_view(uow, residents.ENTITY, record)


@requires("resident.edit")
@resident.command()
@click.option("--household", "household_key", metavar="NO", help="户籍编号 (或 #id); 不给时居民待关联")
@click.option("--name", metavar="NAME", help="姓名; 与户主关系为户主且不给时取住户的户主姓名")
@click.option("--relation", metavar="关系", help="与户主关系, 例如 户主、配偶、子")
@click.option("--id", "id_number", metavar="ID", help="身份证号: 校验并填写出生日期、性别、籍贯、出生地")
@field_option
@format_option
@pass_context
def add(
    context: CliContext,
    household_key: str | None,
    name: str | None,
    relation: str | None,
    id_number: str | None,
    field_pairs: tuple[str, ...],
    fmt: str,
) -> None:
    """新增居民; 有 --household 时立即关联并生成常住编号 (户籍编号 + 两位序号)。"""
    from gridcore.services import residents

    given = assignments(field_pairs)

    def body(uow: UnitOfWork) -> dict[str, Any]:
        record = residents.add(
            uow, name=name, household_key=household_key, relation=relation, id_number=id_number, given=given
        )
        return resident_view(uow, record)

    run_in_unit(context, body, show=show_record(fmt))


@requires("resident.view")
@resident.command()
@click.argument("key")
@format_option
@pass_context
def show(context: CliContext, key: str, fmt: str) -> None:
    """显示一名居民的各字段 (中文标签, 词典值显示名称)。"""
    from gridcore.services import residents

    emit_record(read_in_unit(context, lambda uow: resident_view(uow, residents.get(uow, key))), fmt=fmt)


@requires("resident.edit")
@resident.command()
@click.argument("key")
@field_option
@format_option
@pass_context
def edit(context: CliContext, key: str, field_pairs: tuple[str, ...], fmt: str) -> None:
    """修改字段: --field 标签=值 (身份证号会重新校验)。"""
    from gridcore.services import residents

    given = assignments(field_pairs)
    run_in_unit(context, lambda uow: resident_view(uow, residents.edit(uow, key, given)), show=show_record(fmt))


@requires("resident.edit")
@resident.command()
@click.argument("key")
@yes_option
@format_option
@pass_context
def delete(context: CliContext, key: str, yes: bool, fmt: str) -> None:
    """删除居民 (先询问, --yes 不询问); 常住编号不再重用。"""
    from gridcore.services import residents

    found, name = read_in_unit(context, lambda uow: _key_and_name(uow, key))
    confirm_delete(f"居民 {found} ({name})", yes=yes)
    run_in_unit(
        context,
        lambda uow: residents.delete(uow, found),
        show=lambda _: emit_done(f"已删除居民 {found}", {"deleted": found}, fmt=fmt),
    )


def _key_and_name(uow: UnitOfWork, key: str) -> tuple[str, str]:
    from gridcore.services import residents

    record = residents.get(uow, key)
    return residents.key_of(record), record.name


@requires("resident.edit")
@resident.command()
@click.argument("key")
@click.argument("household_key", metavar="HOUSEHOLD")
@click.option("--move", is_flag=True, help="已关联到其他住户时确认移动 (常住编号不变)")
@format_option
@pass_context
def link(context: CliContext, key: str, household_key: str, move: bool, fmt: str) -> None:
    """关联人员: 把居民关联到住户 HOUSEHOLD (户籍编号), 复制住户信息, 没有常住编号时生成。"""
    from gridcore.services import residents

    run_in_unit(
        context,
        lambda uow: resident_view(uow, residents.link(uow, key, household_key, move=move)),
        show=show_record(fmt),
    )


@requires("resident.edit")
@resident.command()
@click.argument("key")
@format_option
@pass_context
def unlink(context: CliContext, key: str, fmt: str) -> None:
    """解除关联: 把居民从所在住户移出, 不删除记录, 常住编号保留。"""
    from gridcore.services import residents

    run_in_unit(context, lambda uow: resident_view(uow, residents.unlink(uow, key)), show=show_record(fmt))
