"""``gridcore party``: 党建管理: organizations (org), members (member), activities (activity), photos, chart.

``org``, ``member``, ``activity`` and ``photo`` are the kernel's generic ``list/show/add/edit/delete``
(``--field 标签=值``); the plugin adds the organization tree, the residents who may join (添加党员),
participants, photo attachment and the party organization chart. Imported only when these run.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from gridcore.cli.context import CliContext, pass_context
from gridcore.cli.entity_commands import entity_group
from gridcore.cli.output import emit, format_option
from gridcore.cli.permissions import requires
from gridcore.cli.service_runner import read_in_unit, run_in_unit, show_record
from gridcore_party.plugin import ACTIVITY, MEMBER, ORG, PHOTO

if TYPE_CHECKING:
    from gridcore.services.unit import UnitOfWork


@click.group()
def party() -> None:
    """党建管理: 党组织 (org)、党员 (member)、组织活动 (activity)、活动照片 (photo)、党组织机构图 (chart)。"""


org = entity_group(ORG, name="org", help="党组织: 新增、查看、修改、删除、列表; tree 显示党组织树。")
member = entity_group(
    MEMBER, name="member", help="党员: candidates 列出可添加的居民; add --field 常住编号=… --field 所属党组织=…"
)
activity = entity_group(ACTIVITY, name="activity", help="组织活动: 新增、查看、修改、删除、列表; participants、photo。")
photo = entity_group(PHOTO, name="photo", help="活动照片: 列表、查看、删除 (添加用 party activity photo)。")
for subgroup in (org, member, activity, photo):
    party.add_command(subgroup)


def _view(uow: UnitOfWork, entity: str, record: Any) -> dict[str, Any]:
    from gridcore.services.presentation import record_view

    return record_view(uow, entity, record)


@requires(f"{ORG}.view")
@org.command("tree")
@click.argument("root", required=False)
@format_option
@pass_context
def tree_command(context: CliContext, root: str | None, fmt: str) -> None:
    """显示党组织树 (党委 > 党总支 > 党支部 > 党小组) 及各组织的党员人数。"""

    def body(uow: UnitOfWork) -> list[dict[str, Any]]:
        from gridcore.services import dictionaries
        from gridcore_party.organizations import flatten, org_tree

        return [
            {
                "党组织": ("　" * row.depth if fmt == "table" else "") + row.org.name,
                "层级": row.depth + 1,
                "类型": dictionaries.label_of(uow, "party_org_type", row.org.org_type),
                "党员人数": row.members,
            }
            for row in flatten(org_tree(uow, root))
        ]

    emit(read_in_unit(context, body), fmt=fmt, columns=["党组织", "层级", "类型", "党员人数"], title="党组织树")


@requires(f"{MEMBER}.edit")
@member.command("candidates")
@click.option("--contains", metavar="关键字", help="按姓名等查找 (支持拼音首字母)")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@format_option
@pass_context
def candidates_command(context: CliContext, contains: str | None, limit: int, fmt: str) -> None:
    """添加党员: 只列出政治面貌为党员、预备党员、积极分子且尚未在名册中的居民。"""

    def body(uow: UnitOfWork) -> list[dict[str, Any]]:
        from gridcore_party.members import candidates

        return [_view(uow, "resident", r) for r in candidates(uow, contains=contains, limit=limit)]

    columns = ["key", "姓名", "性别", "出生日期", "政治面貌", "小区", "门牌号"]
    emit(read_in_unit(context, body), fmt=fmt, columns=columns, title="可添加为党员的居民")


@requires(f"{ACTIVITY}.edit")
@activity.command("participants")
@click.argument("key")
@click.argument("members", nargs=-1)
@format_option
@pass_context
def participants_command(context: CliContext, key: str, members: tuple[str, ...], fmt: str) -> None:
    """设定活动的参加人员: MEMBERS 为党员的常住编号或 #id (不给则清空)。"""
    from gridcore_party.activities import set_participants

    run_in_unit(context, lambda uow: _view(uow, ACTIVITY, set_participants(uow, key, members)), show=show_record(fmt))


@requires(f"{PHOTO}.edit")
@activity.command("photo")
@click.argument("key")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--source", "kind", default="文件", show_default=True, help="来源: 文件、截图、拍照")
@click.option("--copy-to", type=click.Path(file_okay=False, path_type=Path), help="把照片复制到该目录 (以活动编号命名)")
@format_option
@pass_context
def photo_command(context: CliContext, key: str, file: Path, kind: str, copy_to: Path | None, fmt: str) -> None:
    """为活动添加照片: 以活动编号命名, 多张时自动加 -2、-3 …"""
    from gridcore_party.activities import attach_photo

    run_in_unit(
        context,
        lambda uow: _view(uow, PHOTO, attach_photo(uow, key, file, kind=kind, copy_to=copy_to)),
        show=show_record(fmt),
    )


@requires(f"{ORG}.view")
@party.command("chart")
@click.argument("root", required=False)
@click.option("--out", "folder", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="输出目录")  # fmt: skip
@pass_context
def chart_command(context: CliContext, root: str | None, folder: Path) -> None:
    """生成党组织机构图 (SVG 与 PNG), 用组织机构插件的绘图; ROOT 只画该党组织及其下级。"""
    from gridcore_party.party_chart import draw_party_charts

    written = read_in_unit(context, lambda uow: draw_party_charts(uow, folder, root))
    if not written:
        click.echo("没有党组织: 请先用 gridcore party org add 新增")
    for svg, png in written:
        click.echo(f"已生成党组织机构图 {svg} {png}")
