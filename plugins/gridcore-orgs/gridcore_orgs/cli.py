"""``gridcore orgs``: organizations (org), their members (member), the org chart (chart), regulations.

``org``, ``member`` and ``regulation`` are the kernel's generic ``list/show/add/edit/delete`` commands
(``--field 标签=值``); the plugin adds the roster of one organization, the chart, and a text search
with excerpts. Imported only when one of these commands runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from gridcore.cli.context import CliContext, pass_context
from gridcore.cli.entity_commands import entity_group
from gridcore.cli.output import emit, format_option
from gridcore.cli.permissions import requires
from gridcore.cli.service_runner import read_in_unit
from gridcore_orgs.plugin import MEMBER, ORGANIZATION, REGULATION

if TYPE_CHECKING:
    from gridcore.services.unit import UnitOfWork


@click.group()
def orgs() -> None:
    """组织机构与规章制度: 组织机构 (org)、成员 (member)、组织机构图 (chart)、规章制度 (regulation)。"""


org = entity_group(ORGANIZATION, name="org", help="组织机构: 新增、查看、修改、删除、列表; members 按层级列出成员。")
member = entity_group(
    MEMBER,
    name="member",
    help="组织机构成员: --field 机构名称=… --field 层级=最高层|最低层 --field 职务=… --field 姓名=…",
)
regulation = entity_group(
    REGULATION, name="regulation", help="规章制度: 新增、查看、修改、删除、列表 (--where 类别=制度); search 全文检索。"
)
for subgroup in (org, member, regulation):
    orgs.add_command(subgroup)


@requires(f"{MEMBER}.view")
@org.command("members")
@click.argument("organization")
@format_option
@pass_context
def members_command(context: CliContext, organization: str, fmt: str) -> None:
    """按层级列出一个组织机构的成员 (最高层在前, 同层按排序)。"""

    def body(uow: UnitOfWork) -> list[dict[str, Any]]:
        from gridcore.services.presentation import record_view
        from gridcore_orgs.organizations import roster

        _, members = roster(uow, organization)
        return [record_view(uow, MEMBER, m) for m in members]

    rows = read_in_unit(context, body)
    emit(rows, fmt=fmt, columns=["key", "层级", "职务", "姓名", "排序"], title=organization)


@requires(f"{ORGANIZATION}.view")
@orgs.command("chart")
@click.argument("organizations", nargs=-1)
@click.option("--out", "folder", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="输出目录")  # fmt: skip
@pass_context
def chart_command(context: CliContext, organizations: tuple[str, ...], folder: Path) -> None:
    """生成组织机构图 (SVG 与 PNG); 不指定机构时为每个组织机构各生成一张。"""

    def body(uow: UnitOfWork) -> list[tuple[Path, Path]]:
        from gridcore_orgs.org_chart import draw_organization_chart
        from gridcore_orgs.organizations import list_organizations

        names = list(organizations) or [o.name for o in list_organizations(uow)]
        return [draw_organization_chart(uow, name, folder) for name in names]

    written = read_in_unit(context, body)
    if not written:
        click.echo("没有组织机构: 请先用 gridcore orgs org add --field 机构名称=… 新增")
    for svg, png in written:
        click.echo(f"已生成组织机构图 {svg} {png}")


@requires(f"{REGULATION}.view")
@regulation.command("search")
@click.argument("keyword")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="最多列出条数")
@format_option
@pass_context
def search_command(context: CliContext, keyword: str, limit: int, fmt: str) -> None:
    """在名称、发布单位和内容中检索规章制度, 显示内容中关键字前后的文字。"""

    def body(uow: UnitOfWork) -> list[dict[str, Any]]:
        from gridcore.services.presentation import record_key
        from gridcore_orgs.regulations import search

        return [
            {"key": record_key(uow, REGULATION, f.regulation), "名称": f.regulation.title, "摘录": f.excerpt}
            for f in search(uow, keyword, limit=limit)
        ]

    rows = read_in_unit(context, body)
    emit(rows, fmt=fmt, columns=["key", "名称", "摘录"], title=f"检索「{keyword}」: {len(rows)} 条")
