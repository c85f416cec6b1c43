"""The plugin module named by the ``gridcore.plugins`` entry point: ``PLUGIN`` and the hook implementations.

Declarations only: the tables (:mod:`.models`), the use cases (:mod:`.markers`, :mod:`.distribution`,
:mod:`.house_state`), the commands (:mod:`.cli`) and the demo (:mod:`.demo`) are imported when needed.
The plugin knows no other plugin by name: what can be placed on a map is resolved through the
registry's entity declarations (model, key, region path), so premises appear once a plugin registers
them.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gridcore import Command, Menu, Migrations, Permission, PluginInfo, Setting, hookimpl

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from gridcore import GridApp

PLUGIN = PluginInfo(
    name="maps",
    title="地图标注",
    version="0.1.0",
    core_api=">=1,<2",
    description="辖区地图与标注、住户居民分布图、营业场所分布图、居民房态图",
)

VIEW = "maps.view"
EDIT = "maps.edit"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


@hookimpl
def register_settings() -> Sequence[Setting]:
    return (
        Setting(
            name="image_root",
            type="str",
            default="",
            description="地图图片的存放目录; 留空则为 SQLite 数据库旁的 map-images 目录 (网络版须设置为共享目录)",
        ),
        Setting(
            name="map_kinds",
            type="list",
            default=["household", "premises"],
            description="在小区地图上标注的对象 (实体标识); 未安装的跳过",
        ),
        Setting(name="marker_width", type="int", default=16, description="标注宽度 (像素), 地图未设置时使用"),
        Setting(name="marker_height", type="int", default=16, description="标注高度 (像素), 地图未设置时使用"),
        Setting(name="font_size", type="int", default=13, description="分布图与房态图的字号 (像素)"),
    )


@hookimpl
def register_migrations() -> Sequence[Migrations]:
    return (Migrations(path=str(MIGRATIONS), models=("gridcore_maps.models",)),)


@hookimpl
def register_permissions() -> Sequence[Permission]:
    category = "地图标注"
    return (
        Permission(id=VIEW, title="查看分布图与居民房态图", category=category),
        Permission(id=EDIT, title="地图标注设置 (地图图片、标注位置、坐标复原)", category=category),
    )


@hookimpl
def register_menus() -> Sequence[Menu]:
    return (
        Menu(id="maps.annotate", title="地图标注设置", parent="system", permission=EDIT, order=50),
        Menu(id="maps.households", title="住户居民分布图", parent="browse", permission=VIEW, order=40),
        Menu(id="maps.premises", title="营业场所分布图", parent="browse", permission=VIEW, order=45),
        Menu(id="maps.house_state", title="居民房态图", parent="browse", permission=VIEW, order=50),
    )


@hookimpl
def register_commands() -> Sequence[Command]:
    return (
        Command(
            name="map",
            help="地图标注: set-image / place / reset / unplaced / geojson / distribution / house-state",
            target="gridcore_maps.cli:map_group",
            permission=VIEW,
        ),
    )


@hookimpl(wrapper=True)
def entity_write(app: GridApp, session: Session, entity: str, action: str, record: Any) -> Generator[None, Any, Any]:
    """Keep markers in step with writes made elsewhere: a deleted record loses its marker, and a
    position typed into the record's own columns (房屋左起点 ...) moves its marker."""
    from gridcore_maps.marker_sync import changed_position

    moved = changed_position(record) if action == "update" else None
    result = yield
    if action == "delete" or moved is not None:
        from gridcore_maps.marker_sync import follow_write

        follow_write(app, session, entity, action, record, moved)
    return result


@hookimpl(optionalhook=True)
def register_pages(app: GridApp) -> Sequence[Any]:
    """The map pages in gridcore-web (地图标注, 分布图, 居民房态图), when that plugin is installed."""
    from gridcore_maps.web import pages

    return pages()


@hookimpl(trylast=True)  # after every plugin's demo data, so that premises get placed too
def populate_demo(app: GridApp, folder: Path, seed: int) -> None:
    from gridcore_maps.demo import populate

    populate(app, folder, seed)
