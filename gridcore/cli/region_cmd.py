"""``gridcore region``: the jurisdiction (辖区信息采集): add, list, show, rename, move, recode, edit, delete.

The rules (codes, duplicates, what may be deleted) live in :mod:`gridcore.services.regions`; this module
only parses options and shows results.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from gridcore.cli.context import CliContext, pass_context
from gridcore.cli.output import emit, format_option
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
    from gridcore.domain.regions import Region
    from gridcore.services.regions import TreeNode
    from gridcore.services.unit import UnitOfWork

TREE_COLUMNS = ("名称", "编码", "层级", "住户", "居民")
FLAT_COLUMNS = ("code", "name", "level", "parent", "households", "residents")


@click.group()
def region() -> None:
    """辖区 (街道 > 社区 > 小区): 新增、列表、查看、改名、移动、改编码、修改字段、删除。"""


def region_view(uow: UnitOfWork, record: Region) -> dict[str, Any]:
    """The region's fields by Chinese label, its level by name, its parent's code and its counts."""
    from gridcore.services import regions
    from gridcore.services.presentation import record_view

    view = record_view(uow, regions.ENTITY, record)
    names = regions.levels(uow)
    view["层级"] = names[record.level] if record.level < len(names) else str(record.level)
    view["上级编码"] = record.parent.code if record.parent is not None else None
    node = regions.tree(uow, record.code)[0]
    view["住户数"] = node.households
    view["居民数"] = node.residents
    return view


@requires("region.edit")
@region.command()
@click.option("--level", required=True, help="层级名称 (街道、社区、小区) 或序号 (0 起)")
@click.option("--name", required=True, help="名称, 例如 红旗社区")
@click.option("--parent", "parent_code", metavar="CODE", help="上级辖区的编码 (最高层级不需要)")
@click.option("--code", metavar="X", help="编码; 不给时按编码规则生成 (红旗社区 → HQ)")
@field_option
@format_option
@pass_context
def add(
    context: CliContext,
    level: str,
    name: str,
    parent_code: str | None,
    code: str | None,
    field_pairs: tuple[str, ...],
    fmt: str,
) -> None:
    """新增辖区; 编码重复时给出建议, 不会自动改动。"""
    from gridcore.services import regions

    extra = assignments(field_pairs)

    def body(uow: UnitOfWork) -> dict[str, Any]:
        record = regions.add(uow, level=level, name=name, parent_code=parent_code, code=code, extra=extra)
        return region_view(uow, record)

    run_in_unit(context, body, show=show_record(fmt))


def _tree_rows(nodes: tuple[TreeNode, ...] | list[TreeNode], depth: int = 0) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for node in nodes:
        rows.append(
            {
                "名称": "  " * depth + node.name,
                "编码": node.code,
                "层级": node.level,
                "住户": node.households,
                "居民": node.residents,
            }
        )
        rows.extend(_tree_rows(node.children, depth + 1))
    return rows


def _flat_rows(nodes: tuple[TreeNode, ...] | list[TreeNode], parent: str | None = None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for node in nodes:
        rows.append(
            {
                "code": node.code,
                "name": node.name,
                "level": node.level,
                "parent": parent,
                "households": node.households,
                "residents": node.residents,
            }
        )
        rows.extend(_flat_rows(node.children, node.code))
    return rows


@requires("region.view")
@region.command("list")
@click.argument("code", required=False)
@format_option
@pass_context
def list_regions(context: CliContext, code: str | None, fmt: str) -> None:
    """辖区树及各级住户数、居民数 (含下级合计); 给出 CODE 时只列该辖区及其下级。

    table 以缩进表示层级, json 为嵌套结构 (children), csv 每个辖区一行 (parent 为上级编码)。
    """
    from gridcore.services import regions

    nodes = read_in_unit(context, lambda uow: regions.tree(uow, code))
    if fmt == "json":
        emit([node.as_dict() for node in nodes], fmt=fmt)
    elif fmt == "csv":
        emit(_flat_rows(nodes), fmt=fmt, columns=FLAT_COLUMNS)
    elif not nodes:
        click.echo("还没有辖区: 请用 gridcore region add 新增")
    else:
        emit(_tree_rows(nodes), fmt=fmt, columns=TREE_COLUMNS)


@requires("region.view")
@region.command()
@click.argument("code")
@format_option
@pass_context
def show(context: CliContext, code: str, fmt: str) -> None:
    """显示一个辖区的各字段 (中文标签)。"""
    from gridcore.services import regions

    emit_record(read_in_unit(context, lambda uow: region_view(uow, regions.get(uow, code))), fmt=fmt)


@requires("region.edit")
@region.command()
@click.argument("code")
@click.argument("new_name")
@format_option
@pass_context
def rename(context: CliContext, code: str, new_name: str, fmt: str) -> None:
    """改名; 编码和已有编号不变, 住户与居民中的名称副本随之更新。"""
    from gridcore.services import regions

    run_in_unit(context, lambda uow: region_view(uow, regions.rename(uow, code, new_name)), show=show_record(fmt))


@requires("region.edit")
@region.command()
@click.argument("code")
@click.argument("new_parent")
@format_option
@pass_context
def move(context: CliContext, code: str, new_parent: str, fmt: str) -> None:
    """把辖区移到另一个上级 NEW_PARENT (编码) 之下; 编码和编号不变。"""
    from gridcore.services import regions

    run_in_unit(context, lambda uow: region_view(uow, regions.move(uow, code, new_parent)), show=show_record(fmt))


@requires("region.edit")
@region.command()
@click.argument("code")
@click.argument("new_code")
@format_option
@pass_context
def recode(context: CliContext, code: str, new_code: str, fmt: str) -> None:
    """手工修改编码; 已发出的户籍编号、常住编号保持原前缀。"""
    from gridcore.services import regions

    run_in_unit(context, lambda uow: region_view(uow, regions.recode(uow, code, new_code)), show=show_record(fmt))


@requires("region.edit")
@region.command()
@click.argument("code")
@field_option
@format_option
@pass_context
def edit(context: CliContext, code: str, field_pairs: tuple[str, ...], fmt: str) -> None:
    """修改字段: --field 标签=值 (名称用 rename, 编码用 recode)。"""
    from gridcore.services import regions

    given = assignments(field_pairs)
    run_in_unit(context, lambda uow: region_view(uow, regions.edit(uow, code, given)), show=show_record(fmt))


@requires("region.edit")
@region.command()
@click.argument("code")
@yes_option
@format_option
@pass_context
def delete(context: CliContext, code: str, yes: bool, fmt: str) -> None:
    """删除没有下级辖区和住户的辖区 (先询问, --yes 不询问)。"""
    from gridcore.services import regions

    found, name = read_in_unit(context, lambda uow: _code_and_name(uow, code))
    confirm_delete(f"辖区 {found} ({name})", yes=yes)
    run_in_unit(
        context,
        lambda uow: regions.delete(uow, found),
        show=lambda _: emit_done(f"已删除辖区 {found} ({name})", {"deleted": found, "name": name}, fmt=fmt),
    )


def _code_and_name(uow: UnitOfWork, code: str) -> tuple[str, str]:
    from gridcore.services import regions

    record = regions.get(uow, code)
    return record.code, record.name
