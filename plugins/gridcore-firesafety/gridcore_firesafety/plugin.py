"""The plugin module named by the ``gridcore.plugins`` entry point: ``PLUGIN`` and the hook implementations.

Light on purpose: models, services and commands are imported inside the hooks that need them.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gridcore import (
    Command,
    Dictionary,
    Entity,
    EventType,
    Menu,
    Migrations,
    Permission,
    PluginInfo,
    Setting,
    Statistic,
    Workflow,
    hookimpl,
)
from gridcore_firesafety import names

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from gridcore import GridApp

PLUGIN = PluginInfo(
    name=names.PLUGIN_NAME,  # = entry point name = table prefix = alembic branch label
    title="消防安全网格化管理",
    version="0.1.0",
    requires=("premises",),
    core_api=">=1,<2",
    description="大网格与单元格、一户一档、小商铺检查、隐患整改、两警一停、月度汇报与简报",
)
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
CATEGORY = "消防安全网格"


@hookimpl
def register_settings() -> Sequence[Setting]:
    return (
        Setting(name="report_day", type="int", default=26, description="每月向社区安全办汇报检查情况的日子 (1-28)"),
        Setting(
            name="report_weekend",
            type="str",
            default="keep",
            description="汇报日逢周末: keep 照旧 (默认), before 提前到周五, after 顺延到周一",
        ),
        Setting(name="rectification_days", type="int", default=7, description="未指定整改期限时, 发现后几天内整改"),
        Setting(name="warnings_before_stop", type="int", default=2, description="两警一停: 几次警告无效后必须停工"),
        Setting(name="briefing_months", type="int", default=2, description="简报周期 (月), 每期从一月起算"),
        Setting(name="safety_office", type="str", default="社区安全办", description="消防监督员所在单位"),
        Setting(name="timezone", type="str", default="Asia/Shanghai", description="判断今天是几号所用的时区"),
        Setting(name="inspection_items", type="list", default=[], description="检查项目 (空则用默认清单)"),
    )


@hookimpl
def register_entities() -> Sequence[Entity]:
    from gridcore_firesafety.entities import declared

    return declared()


@hookimpl
def register_migrations() -> Sequence[Migrations]:
    return (Migrations(path=str(MIGRATIONS), models=("gridcore_firesafety.models",)),)


@hookimpl
def register_dictionaries(app: GridApp) -> Sequence[Dictionary]:
    from gridcore_firesafety.dictionaries import declared

    return declared(app.setting(names.PLUGIN_NAME, "inspection_items"))


@hookimpl
def register_permissions() -> Sequence[Permission]:
    return (
        Permission(id=names.VIEW, title="查看消防安全网格", category=CATEGORY),
        Permission(id=names.GRID_EDIT, title="维护大网格、单元格及人员", category=CATEGORY),
        Permission(
            id=names.PATROL,
            title="建档、检查登记、隐患登记与整改、月度汇报",
            category=CATEGORY,
            description="消防安全监管员、消防巡查员的日常工作",
        ),
        Permission(
            id=names.OFFICE,
            title="安全办: 停水停电、报镇整治办、查封、抽查、两警一停、简报、奖惩",
            category=CATEGORY,
        ),
    )


@hookimpl
def register_menus() -> Sequence[Menu]:
    return (
        Menu(id="firesafety", title="消防安全网格", permission=names.VIEW, order=60),
        Menu(
            id="firesafety.grid",
            title="大网格",
            parent="firesafety",
            permission=names.VIEW,
            entity=names.GRID,
            order=10,
        ),
        Menu(
            id="firesafety.cell",
            title="单元格",
            parent="firesafety",
            permission=names.VIEW,
            entity=names.CELL,
            order=20,
        ),
        Menu(
            id="firesafety.archive",
            title="一户一档",
            parent="firesafety",
            permission=names.VIEW,
            entity=names.ARCHIVE,
            order=30,
        ),
        Menu(
            id="firesafety.inspection",
            title="小商铺检查登记",
            parent="firesafety",
            permission=names.VIEW,
            entity=names.INSPECTION,
            order=40,
        ),
        Menu(
            id="firesafety.hazard",
            title="火灾隐患整改",
            parent="firesafety",
            permission=names.VIEW,
            entity=names.HAZARD,
            order=50,
        ),
        Menu(
            id="firesafety.case",
            title="两警一停",
            parent="firesafety",
            permission=names.VIEW,
            entity=names.CASE,
            order=60,
        ),
        Menu(
            id="firesafety.report",
            title="月度检查汇报",
            parent="firesafety",
            permission=names.VIEW,
            entity=names.REPORT,
            order=70,
        ),
        Menu(
            id="firesafety.briefing",
            title="隐患整治简报",
            parent="firesafety",
            permission=names.VIEW,
            entity=names.BRIEFING,
            order=80,
        ),
    )


@hookimpl
def register_statistics() -> Sequence[Statistic]:
    from gridcore_firesafety.stats import declared

    return declared()


@hookimpl
def register_commands() -> Sequence[Command]:
    return (
        Command(
            name="fire",
            help="消防安全网格: grid|cell|archive|inspect|hazard|case|report|briefing|overdue ...",
            target="gridcore_firesafety.cli:fire",
            permission=names.VIEW,
        ),
    )


@hookimpl
def register_event_types() -> Sequence[EventType]:
    return (
        EventType(id=names.HAZARD_MOVED, title="火灾隐患状态变更"),
        EventType(id=names.CASE_OPENED, title="两警一停立案"),
    )


@hookimpl
def register_workflows() -> Sequence[Workflow]:
    from gridcore_firesafety.workflows import CASE, HAZARD

    return (HAZARD, CASE)


@hookimpl(wrapper=True)
def entity_write(app: GridApp, session: Session, entity: str, action: str, record: Any) -> Generator[None, Any, Any]:
    """Keep archives in step with their premises: refuse deleting an archived premises, follow renames."""
    if entity == "premises":
        from gridcore_firesafety.services.premises_link import guard_premises_write

        follow = guard_premises_write(app, session, action, record)
        result = yield
        follow()
        return result
    return (yield)


@hookimpl
def populate_demo(app: GridApp, folder: Path, seed: int) -> None:
    from gridcore_firesafety.demo import populate

    populate(app, folder, seed)
