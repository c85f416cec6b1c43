"""The plugin module named by the ``gridcore.plugins`` entry point: ``PLUGIN`` and the hook implementations.

Imported by every ``gridcore`` command, so it imports only ``gridcore`` and the standard library;
models, services and commands are imported inside the hooks that need them.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gridcore import (
    Command,
    Dictionary,
    DictionaryEntry,
    Entity,
    Menu,
    Migrations,
    Permission,
    PluginInfo,
    Statistic,
    hookimpl,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from gridcore import GridApp

PLUGIN = PluginInfo(
    name="orgs",
    title="组织机构与规章制度",
    version="0.1.0",
    core_api=">=1,<2",
    description="组织机构 (最高层、最低层成员) 与自动生成的组织机构图 (SVG、PNG); 规章制度的分类管理与全文检索",
)

ORGANIZATION = "organization"
MEMBER = "org_member"
REGULATION = "regulation"
LEVELS = "org_member_level"
CATEGORIES = "regulation_category"
STATS = "orgs.stats"
CHART_MENU = "browse.org_chart"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


@hookimpl
def register_entities() -> Sequence[Entity]:
    from gridcore_orgs.models import Organization, OrgMember, Regulation
    from gridcore_orgs.regulations import check_regulation

    return (
        Entity(
            id=ORGANIZATION,
            title="组织机构",
            model=Organization,
            key="name",
            sheet="组织机构",
            columns=("name", "chart_title", "sort_order"),
        ),
        Entity(
            id=MEMBER,
            title="组织机构成员",
            model=OrgMember,
            sheet="组织机构成员",
            columns=("organization_id", "level", "post", "name", "sort_order"),
        ),
        Entity(
            id=REGULATION,
            title="规章制度",
            model=Regulation,
            key="regulation_no",
            sheet="规章制度",
            columns=("regulation_no", "title", "category", "issuer", "issued_date", "effective_date"),
            check=check_regulation,
        ),
    )


@hookimpl
def register_migrations() -> Sequence[Migrations]:
    return (Migrations(path=str(MIGRATIONS)),)


@hookimpl
def register_dictionaries() -> Sequence[Dictionary]:
    from gridcore.domain.dictionaries import default_dictionary

    levels = Dictionary(
        id=LEVELS,
        title="组织机构层级",
        standard="local",
        entries=(
            DictionaryEntry(code="1", label="最高层", sort=1, aliases=("上层", "领导层", "top")),
            DictionaryEntry(code="2", label="最低层", sort=2, aliases=("下层", "成员层", "bottom")),
        ),
    )
    return (levels, default_dictionary(CATEGORIES))


@hookimpl
def register_permissions() -> Sequence[Permission]:
    return (Permission(id=STATS, title="查看组织机构与规章制度统计", category="组织机构"),)


@hookimpl
def register_menus() -> Sequence[Menu]:
    return (
        Menu(id="collect.organization", title="组织机构信息采集", parent="collect", permission=f"{ORGANIZATION}.edit",
             order=50, entity=ORGANIZATION),
        Menu(id="collect.org_member", title="组织机构成员维护", parent="collect.organization",
             permission=f"{MEMBER}.edit", order=10, entity=MEMBER),
        Menu(id=CHART_MENU, title="组织机构图", parent="browse", permission=f"{ORGANIZATION}.view",
             order=50, entity=ORGANIZATION),
        Menu(id="collect.regulation", title="规章制度信息采集", parent="collect", permission=f"{REGULATION}.edit",
             order=55, entity=REGULATION),
        Menu(id="browse.regulation", title="规章制度查询", parent="browse", permission=f"{REGULATION}.view",
             order=55, entity=REGULATION),
    )  # fmt: skip


@hookimpl(optionalhook=True)
def register_pages() -> Sequence[Any]:
    """查询浏览 › 组织机构图 in gridcore-web (its hook; this plugin loads without gridcore-web)."""
    from gridcore_web.pages import Page

    from gridcore_orgs.web import blueprint

    return (Page(id="orgs.chart", title="组织机构图", blueprint=blueprint, menu=CHART_MENU),)


@hookimpl
def register_statistics() -> Sequence[Statistic]:
    from gridcore_orgs.stats import members_by_organization, regulations_by_category

    return (
        Statistic(id="orgs.regulations_by_category", title="规章制度分类统计", compute=regulations_by_category,
                  charts=("bar", "pie"), permission=STATS),
        Statistic(id="orgs.members_by_organization", title="组织机构成员统计", compute=members_by_organization,
                  charts=("bar",), permission=STATS),
    )  # fmt: skip


@hookimpl
def register_commands() -> Sequence[Command]:
    return (
        Command(
            name="orgs",
            help="组织机构与规章制度: org / member / chart / regulation",
            target="gridcore_orgs.cli:orgs",
            permission=f"{ORGANIZATION}.view",
        ),
    )


@hookimpl(wrapper=True)
def entity_write(session: Session, entity: str, action: str, record: Any) -> Generator[None, Any, Any]:
    """Refuse deleting an organization that still has members, on every write path."""
    if entity == ORGANIZATION and action == "delete":
        from gridcore_orgs.organizations import refuse_deleting_staffed

        refuse_deleting_staffed(session, record)
    return (yield)


@hookimpl
def populate_demo(app: GridApp, folder: Path, seed: int) -> None:
    from gridcore_orgs.demo import populate

    populate(app, folder, seed)
