"""The plugin module named by the ``gridcore.plugins`` entry point: ``PLUGIN`` and the hook implementations.

The register is a declaration: the kernel gives it its commands (``entity_group``), import, export,
templates, query, facets, masking, permissions and audit. What is the plugin's own: the model
(:mod:`.models`), its rules (:mod:`.rules`, :mod:`.vehicles`), a statistic (:mod:`.stats`) and the demo.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gridcore import Command, Dictionary, Entity, Menu, Migrations, PluginInfo, Statistic, hookimpl

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from gridcore import GridApp

PLUGIN = PluginInfo(
    name="assets",
    title="大宗财产",
    version="0.1.0",
    core_api=">=1,<2",
    description="居民的大宗财产 (车辆、电脑等): 车牌号校验、按居民列出、按类型统计",
)

ENTITY = "asset"
VIEW = f"{ENTITY}.view"  # derived by gridcore for the entity, like EDIT
EDIT = f"{ENTITY}.edit"
SHEET = "大宗财产信息表"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


@hookimpl
def register_entities() -> Sequence[Entity]:
    from gridcore_assets.models import Asset
    from gridcore_assets.rules import check_asset

    return (
        Entity(
            id=ENTITY,
            title="大宗财产",
            model=Asset,
            sheet=SHEET,
            region="compound_id",
            check=check_asset,
            columns=("owner_id", "owner_name", "name", "asset_type", "brand_model", "plate_no", "value"),
        ),
    )


@hookimpl
def register_migrations() -> Sequence[Migrations]:
    return (Migrations(path=str(MIGRATIONS)),)


@hookimpl
def register_dictionaries() -> Sequence[Dictionary]:
    from gridcore.domain.dictionaries import default_dictionary

    return (default_dictionary("asset_type"),)


@hookimpl
def register_menus() -> Sequence[Menu]:
    return (
        Menu(id="collect.asset", title="大宗财产信息采集", parent="collect", permission=EDIT, entity=ENTITY, order=40),
        Menu(id="browse.asset", title="大宗财产信息浏览", parent="browse", permission=VIEW, entity=ENTITY, order=95),
    )


@hookimpl
def register_statistics() -> Sequence[Statistic]:
    from gridcore_assets.stats import by_type

    return (Statistic(id="assets.by_type", title="大宗财产类型", compute=by_type, permission=VIEW),)


@hookimpl
def register_commands() -> Sequence[Command]:
    return (
        Command(
            name="assets",
            help="大宗财产: 新增、查看、修改、删除、列表; of 列出一位居民的财产",
            target="gridcore_assets.cli:assets",
            permission=VIEW,
        ),
    )


@hookimpl(wrapper=True)
def entity_write(session: Session, entity: str, action: str, record: Any) -> Generator[None, Any, Any]:
    """A resident who owns assets is not deleted; a renamed owner's assets show the new name."""
    from gridcore_assets import rules

    if entity == "resident" and action == "delete":
        rules.refuse_delete_with_assets(session, record)
    result = yield
    if entity == "resident" and action == "update":
        rules.refresh_owner_name(session, record)
    return result


@hookimpl
def populate_demo(app: GridApp, folder: Path, seed: int) -> None:
    from gridcore_assets.demo import populate

    populate(app, folder, seed)
