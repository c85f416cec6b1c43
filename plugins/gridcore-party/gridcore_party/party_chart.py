"""The party organization chart (党组织机构图), drawn by the orgs plugin's public renderer.

Each organization is a box: its name, its type, and its 书记 (masked as the operator must see it) and
member count; the root is the chart's title. Several roots give one chart each.
"""

from __future__ import annotations

from pathlib import Path

from gridcore_orgs.chart import TITLE, ChartNode, chart_font, write_chart

from gridcore.entities import resolve_field
from gridcore.services import dictionaries
from gridcore.services.presentation import present_value
from gridcore.services.unit import UnitOfWork, operation
from gridcore_party.models import PartyOrg
from gridcore_party.organizations import TreeRow, org_tree
from gridcore_party.plugin import ORG, ORG_TYPES

CHART_SUFFIX = "党组织机构图"


def org_node(uow: UnitOfWork, row: TreeRow) -> ChartNode:
    org = row.org
    details = [dictionaries.label_of(uow, ORG_TYPES, org.org_type), f"党员 {row.members} 名"]
    lines = [org.name, " · ".join(details)]
    if org.secretary:
        lines.append(f"书记 {present_value(uow, resolve_field(PartyOrg, 'secretary'), org.secretary)}")
    children = tuple(org_node(uow, child) for child in row.children)
    return ChartNode(lines=tuple(lines), children=children, style=TITLE if row.depth == 0 else "box")


@operation(f"{ORG}.view")
def party_trees(uow: UnitOfWork, root_key: str | None = None) -> list[tuple[str, ChartNode]]:
    """One chart tree per root organization (or for the subtree of ``root_key``), with its name."""
    return [(row.org.name, org_node(uow, row)) for row in org_tree(uow, root_key)]


@operation(f"{ORG}.view")
def draw_party_charts(uow: UnitOfWork, folder: Path, root_key: str | None = None) -> list[tuple[Path, Path]]:
    """Write ``<党组织>党组织机构图.svg`` and ``.png`` for each root (or ``root_key``) into ``folder``."""
    font = chart_font(uow.app)
    return [write_chart(tree, folder, f"{name}{CHART_SUFFIX}", font=font) for name, tree in party_trees(uow, root_key)]
