"""The chart of one organization (组织机构图, R-K02): its title, then each level's row, generated.

The title box heads the chart; the top level (主任, 书记) hangs under it, and each lower level hangs
under the whole row above through an invisible hub placed in the middle of that row. Members keep
their 排序 within a row; a long row wraps (see :mod:`gridcore_orgs.chart.layout`).
"""

from __future__ import annotations

from itertools import groupby
from pathlib import Path

from gridcore.entities import resolve_field
from gridcore.services.presentation import present_value
from gridcore.services.unit import UnitOfWork, operation
from gridcore_orgs.chart import TITLE, ChartLayout, ChartNode, chart_font, layout_chart, write_chart
from gridcore_orgs.models import Organization, OrgMember
from gridcore_orgs.organizations import level_order, roster
from gridcore_orgs.plugin import ORGANIZATION


def member_node(uow: UnitOfWork, member: OrgMember) -> ChartNode:
    """A member's box: 职务 on the first line, 姓名 (masked as the operator must see it) below."""
    name = present_value(uow, resolve_field(OrgMember, "name"), member.name)
    return ChartNode(lines=(member.post, str(name)))


def levels_tree(rows: list[list[ChartNode]]) -> tuple[ChartNode, ...]:
    """The children of the title: the first row, with every lower row hung from a hub in its middle."""
    below: tuple[ChartNode, ...] = ()
    for row in reversed(rows):
        nodes = list(row)
        if below:
            nodes.insert(len(nodes) // 2, ChartNode.hub(below))
        below = tuple(nodes)
    return below


@operation(f"{ORGANIZATION}.view")
def organization_tree(uow: UnitOfWork, key: str) -> ChartNode:
    """The chart tree of an organization: its title box over its members, level by level."""
    organization, members = roster(uow, key)
    order = level_order(uow)
    rows = [
        [member_node(uow, m) for m in group]
        for _, group in groupby(members, key=lambda m: order.get(m.level, len(order)))
    ]
    title = organization.chart_title or organization.name
    return ChartNode(lines=(title,), style=TITLE, children=levels_tree(rows))


@operation(f"{ORGANIZATION}.view")
def draw_organization_chart(uow: UnitOfWork, key: str, folder: Path) -> tuple[Path, Path]:
    """Write ``<机构名称>.svg`` and ``<机构名称>.png`` into ``folder``; return both paths."""
    tree = organization_tree(uow, key)
    organization, _ = roster(uow, key)
    return write_chart(tree, folder, organization.name, font=chart_font(uow.app))


@operation(f"{ORGANIZATION}.view")
def organization_chart(uow: UnitOfWork, key: str) -> tuple[Organization, ChartLayout]:
    """An organization and its laid-out chart, for rendering in memory (the web face's SVG and PNG)."""
    tree = organization_tree(uow, key)
    organization, _ = roster(uow, key)
    return organization, layout_chart(tree)
