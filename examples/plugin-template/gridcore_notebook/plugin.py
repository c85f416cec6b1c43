"""The plugin module named by the ``gridcore.plugins`` entry point: ``PLUGIN`` and the hook implementations.

Every installed plugin module is imported when gridcore starts, so this module imports nothing heavy:
models, statistics and commands are imported inside the hooks that need them, and commands are
named by ``"module:attribute"`` so that they are imported only when they run.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from gridcore import (
    Command,
    Entity,
    EventType,
    Menu,
    Migrations,
    Permission,
    PluginInfo,
    Setting,
    Statistic,
    hookimpl,
)

PLUGIN = PluginInfo(
    name="notebook",  # = entry point name = table prefix = alembic branch label
    title="民情日记",
    version="0.1.0",
    core_api=">=1,<2",
    description="网格员的民情日记: 记录走访见闻, 按月统计",
)

ENTITY = "notebook_entry"
VIEW = f"{ENTITY}.view"  # derived by gridcore for every entity, like EDIT
EDIT = f"{ENTITY}.edit"
STATS = "notebook.stats"  # a permission the entity does not imply, so the plugin declares it
ENTRY_ADDED = "notebook.entry_added"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


@hookimpl
def register_settings() -> Sequence[Setting]:
    return (
        Setting(
            name="default_author",
            type="str",
            default="",
            description="未指定记录人时使用的记录人 (the author used when none is given)",
        ),
    )


@hookimpl
def register_entities() -> Sequence[Entity]:
    from gridcore_notebook.models import NotebookEntry

    return (Entity(id=ENTITY, title="民情日记", model=NotebookEntry, sheet="民情日记"),)


@hookimpl
def register_migrations() -> Sequence[Migrations]:
    return (Migrations(path=str(MIGRATIONS)),)


@hookimpl
def register_permissions() -> Sequence[Permission]:
    # gridcore derives "<entity>.view" and "<entity>.edit" for each entity; declare only the others.
    return (
        Permission(
            id=STATS, title="查看民情日记统计", category="民情日记", description="按月统计民情日记篇数"
        ),
    )


@hookimpl
def register_menus() -> Sequence[Menu]:
    # "collect" (信息采集) is a menu of the core plugin, which is always loaded.
    return (
        Menu(id="notebook", title="民情日记", parent="collect", permission=VIEW, entity=ENTITY, order=60),
    )


@hookimpl
def register_statistics() -> Sequence[Statistic]:
    from gridcore_notebook.stats import entries_per_month

    return (
        Statistic(
            id="notebook.per_month",
            title="民情日记月度篇数",
            compute=entries_per_month,
            charts=("bar",),
            permission=STATS,
        ),
    )


@hookimpl
def register_commands() -> Sequence[Command]:
    return (
        Command(
            name="notebook",
            help="民情日记: add 记录一篇 / list 列出",
            target="gridcore_notebook.cli:notebook",
            permission=VIEW,
        ),
    )


@hookimpl
def register_event_types() -> Sequence[EventType]:
    return (EventType(id=ENTRY_ADDED, title="新增民情日记"),)
