"""``entity_group(entity_id, ...)``: the ``list/show/add/edit/delete`` commands of any registered entity.

A plugin's register gets its CLI by declaration::

    premises = entity_group("premises", name="premises", help="营业场所: 新增、查看、修改、删除、列表")

    @requires("premises.edit")
    @premises.command()
    def employ(...): ...  # the register's own commands go on the same group

The commands call :mod:`gridcore.services.records` (one unit of work each) and show records through the
kernel's presenter, so labels, dictionary names and masking are the same as everywhere else. KEY is the
record's natural key (场所编号) or ``#id``; fields are given as ``--field 标签=值``.
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
    from gridcore.services.unit import UnitOfWork


def entity_group(entity_id: str, *, name: str | None = None, help: str | None = None) -> click.Group:
    """A click group ``name`` with ``list``, ``show``, ``add``, ``edit`` and ``delete`` for ``entity_id``."""
    group = click.Group(name=name or entity_id, help=help or f"{entity_id}: list/show/add/edit/delete")
    view, edit = f"{entity_id}.view", f"{entity_id}.edit"

    def present(uow: UnitOfWork, record: Any) -> dict[str, Any]:
        from gridcore.services.presentation import record_view

        return record_view(uow, entity_id, record)

    @requires(view)
    @group.command("list")
    @click.option("--where", multiple=True, metavar="标签=值", help="精确查询 (可重复, 同时满足)")
    @click.option("--contains", metavar="关键字", help="模糊查询: 在文本字段中查找")
    @click.option("--filter", "filters", multiple=True, metavar="条件", help="组合查询, 如 '类型 = 餐饮'")
    @click.option("--region", metavar="CODE", help="只列该辖区及其下级的记录")
    @click.option("--sort", multiple=True, metavar="字段", help="排序字段, 前加 - 为降序")
    @click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="每页条数")
    @click.option("--offset", type=click.IntRange(min=0), default=0, help="跳过的条数")
    @format_option
    @click.pass_context
    def list_records(click_context: click.Context, /, **options: Any) -> None:
        """列出记录 (与 gridcore query 相同的条件)。"""
        from gridcore.cli.query_cmd import query

        click_context.invoke(query, entity=entity_id, facets=False, columns=None, **options)

    @requires(view)
    @group.command()
    @click.argument("key")
    @format_option
    @pass_context
    def show(context: CliContext, key: str, fmt: str) -> None:
        """显示一条记录的各字段 (KEY 为编号或 #id)。"""
        from gridcore.services import records

        emit_record(read_in_unit(context, lambda uow: present(uow, records.get(uow, entity_id, key))), fmt=fmt)

    @requires(edit)
    @group.command()
    @field_option
    @format_option
    @pass_context
    def add(context: CliContext, field_pairs: tuple[str, ...], fmt: str) -> None:
        """新增一条记录: --field 标签=值 (可重复); 编号由系统生成。"""
        from gridcore.services import records

        given = assignments(field_pairs)
        run_in_unit(context, lambda uow: present(uow, records.add(uow, entity_id, given)), show=show_record(fmt))

    @requires(edit)
    @group.command("edit")
    @click.argument("key")
    @field_option
    @format_option
    @pass_context
    def edit_record(context: CliContext, key: str, field_pairs: tuple[str, ...], fmt: str) -> None:
        """修改字段: --field 标签=值 (可重复)。"""
        from gridcore.services import records

        given = assignments(field_pairs)
        run_in_unit(context, lambda uow: present(uow, records.edit(uow, entity_id, key, given)), show=show_record(fmt))

    @requires(edit)
    @group.command()
    @click.argument("key")
    @yes_option
    @format_option
    @pass_context
    def delete(context: CliContext, key: str, yes: bool, fmt: str) -> None:
        """删除一条记录 (先询问, --yes 不询问); 编号不再重用。"""
        from gridcore.services import records

        found = read_in_unit(context, lambda uow: records.key_of(uow, entity_id, records.get(uow, entity_id, key)))
        confirm_delete(f" {found}", yes=yes)
        run_in_unit(
            context,
            lambda uow: records.delete(uow, entity_id, found),
            show=lambda _: emit_done(f"已删除 {found}", {"deleted": found}, fmt=fmt),
        )

    return group
