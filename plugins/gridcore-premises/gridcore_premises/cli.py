"""``gridcore premises``: the generic ``list/show/add/edit/delete`` plus the employee commands.

KEY is the 场所编号 (HQDY001) or ``#id``; RESIDENT is a 常住编号 or ``#id``. ``add`` takes the compound
as ``--field 小区编码=HQDY`` and numbers the premises; the rules live in :mod:`.rules` and
:mod:`.employees`, imported when a command runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from gridcore.cli.context import CliContext, pass_context
from gridcore.cli.entity_commands import entity_group
from gridcore.cli.output import emit, format_option
from gridcore.cli.permissions import requires
from gridcore.cli.service_runner import read_in_unit, run_in_unit, show_record
from gridcore_premises.employees import EMPLOYEE_COLUMNS, employee_row
from gridcore_premises.plugin import EMPLOYEES, ENTITY, VIEW

if TYPE_CHECKING:
    from gridcore.services.unit import UnitOfWork

premises = entity_group(
    ENTITY, name="premises", help="营业场所: 新增、查看、修改、删除、列表; 从业人员关联 (link) 与解除 (unlink)"
)


@requires(EMPLOYEES)
@premises.command()
@click.argument("key")
@click.argument("resident")
@click.option("--move", is_flag=True, help="居民已在其他场所时确认改到本场所")
@format_option
@pass_context
def link(context: CliContext, key: str, resident: str, move: bool, fmt: str) -> None:
    """关联从业人员: 把居民 RESIDENT 关联到场所 KEY (每人最多一个场所, 不删除居民)。"""
    from gridcore_premises import employees

    run_in_unit(
        context,
        lambda uow: employee_row(uow, employees.link(uow, key, resident, move=move)),
        show=show_record(fmt),
    )


@requires(EMPLOYEES)
@premises.command()
@click.argument("key")
@click.argument("resident")
@format_option
@pass_context
def unlink(context: CliContext, key: str, resident: str, fmt: str) -> None:
    """解除从业人员: 把居民 RESIDENT 从场所 KEY 移出 (居民记录保留, 场所编号清空)。"""
    from gridcore_premises import employees

    run_in_unit(context, lambda uow: employee_row(uow, employees.unlink(uow, key, resident)), show=show_record(fmt))


@requires(VIEW)
@premises.command("employees")
@click.argument("key")
@format_option
@pass_context
def employees_command(context: CliContext, key: str, fmt: str) -> None:
    """列出场所 KEY 的从业人员 (需要同时有查看居民的权限)。"""
    from gridcore_premises import employees

    def body(uow: UnitOfWork) -> tuple[str, list[dict[str, Any]]]:
        place, people = employees.employees(uow, key)
        return f"{place.premises_no} {place.name}: 从业人员 {len(people)} 人", [employee_row(uow, p) for p in people]

    title, rows = read_in_unit(context, body)
    emit(rows, fmt=fmt, columns=EMPLOYEE_COLUMNS, title=title)


@requires("resident.view")
@premises.command()
@click.option("--region", metavar="CODE", help="只列该辖区及其下级的居民")
@click.option("--contains", metavar="关键字", help="按姓名等模糊查找")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="每页条数")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="跳过的条数")
@format_option
@pass_context
def unlinked(context: CliContext, region: str | None, contains: str | None, limit: int, offset: int, fmt: str) -> None:
    """未关联人员: 列出还没有关联任何场所的居民, 供 link 选择。"""
    from gridcore_premises import employees

    def body(uow: UnitOfWork) -> tuple[int, list[dict[str, Any]]]:
        found = employees.unlinked(uow, region=region, contains=contains, limit=limit, offset=offset)
        return found.total, [employee_row(uow, person) for person in found.records]

    total, rows = read_in_unit(context, body)
    emit(rows, fmt=fmt, columns=EMPLOYEE_COLUMNS, title=f"未关联场所的居民: 共 {total} 人, 显示 {len(rows)} 人")
