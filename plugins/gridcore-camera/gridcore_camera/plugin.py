"""The plugin module named by the ``gridcore.plugins`` entry point: ``PLUGIN`` and the hook implementations.

Every installed plugin module is imported when gridcore starts, so this module imports nothing heavy
(no Pillow, no models): they are imported inside the hooks that need them, and the commands are named
by ``"module:attribute"``.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gridcore import Command, Menu, Migrations, Permission, PluginInfo, Setting, hookimpl
from gridcore.errors import ConfigError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from gridcore import GridApp
    from gridcore_camera.naming import PhotoNaming

PLUGIN = PluginInfo(
    name="camera",
    title="照片与拍照",
    version="0.1.0",
    core_api=">=1,<2",
    description="照片存储与命名、一寸照、批量照片处理、拍照 (gridcore photo)",
)

TOOLS = "photo.tools"
PHOTOS_MENU = "camera.photos"
UPLOAD_LIMIT_MB = 10
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


@hookimpl
def register_settings() -> Sequence[Setting]:
    return (
        Setting(
            name="photo_root",
            type="str",
            default="",
            description="照片根目录; 为空时 SQLite 版用数据库文件旁的 photos 文件夹, 网络版必须设置",
        ),
        Setting(name="jpeg_quality", type="int", default=90, description="存入照片库的 JPG 质量 (1-100)"),
        Setting(
            name="upload_limit_mb",
            type="int",
            default=UPLOAD_LIMIT_MB,
            description="网页版上传或拍照的照片文件大小上限 (MB; 不超过网页版的 upload_limit_mb)",
        ),
    )


@hookimpl
def add_hookspecs() -> object:
    from gridcore_camera.naming import NamingHooks

    return NamingHooks


@hookimpl
def register_photo_naming() -> Sequence[PhotoNaming]:
    from gridcore_camera.naming import CORE_RULES

    return CORE_RULES


@hookimpl
def register_migrations() -> Sequence[Migrations]:
    return (Migrations(path=str(MIGRATIONS), models=("gridcore_camera.models",)),)


@hookimpl
def register_permissions() -> Sequence[Permission]:
    # Attaching or showing a record's photos needs that record's own <entity>.edit / <entity>.view.
    return (
        Permission(
            id=TOOLS,
            title="照片处理工具 (单张照片处理、批量照片处理)",
            category="系统实用工具",
            description="一寸照与批量转换只处理文件, 不读写业务数据",
        ),
    )


@hookimpl
def register_menus() -> Sequence[Menu]:
    return (
        Menu(id="camera.tools", title="照片处理", parent="system", permission=TOOLS, order=70),
        # Opened by the web face's photo page (gridcore_camera.web); the CLI has `gridcore photo`.
        Menu(id=PHOTOS_MENU, title="照片采集", parent="collect", permission="resident.view", order=60),
    )


@hookimpl(optionalhook=True)
def register_pages() -> Sequence[Any]:
    """The photo pages of the web face (gridcore-web's hook; this plugin loads without gridcore-web)."""
    from gridcore_web.pages import Page

    from gridcore_camera.web import blueprint

    return (Page(id="camera.photos", title="照片采集", blueprint=blueprint, menu=PHOTOS_MENU),)


@hookimpl
def register_commands() -> Sequence[Command]:
    return (
        Command(
            name="photo",
            help="照片: attach 添加 / show 查看 / detach 移除 / capture 拍照 / standardize 一寸照 / batch 批量",
            target="gridcore_camera.cli:photo",
            permission=TOOLS,  # every subcommand declares its own; this is what a new one would inherit
        ),
    )


@hookimpl
def startup(app: GridApp) -> None:
    quality = app.setting(PLUGIN.name, "jpeg_quality")
    if not 1 <= int(quality) <= 100:
        raise ConfigError(f"{app.edition.where}: [settings.camera] jpeg_quality = {quality} 应在 1 到 100 之间")
    limit = app.setting(PLUGIN.name, "upload_limit_mb")
    if int(limit) < 1:
        raise ConfigError(f"{app.edition.where}: [settings.camera] upload_limit_mb = {limit} 应至少为 1")


@hookimpl(wrapper=True)
def entity_write(app: GridApp, session: Session, entity: str, action: str, record: Any) -> Generator[None, Any, Any]:
    """A record that has photos takes its photo records along when it is deleted (files after the commit)."""
    if action == "delete" and isinstance(getattr(record, "id", None), int):
        from gridcore_camera.naming import naming_rules

        if entity in naming_rules(app):
            from gridcore_camera.photos import forget_owner
            from gridcore_camera.store import photo_root

            try:
                root: Path | None = photo_root(app)
            except ConfigError:
                root = None  # no store configured: there are no files to remove
            forget_owner(session, root, entity, record.id)
    result = yield
    return result


@hookimpl
def populate_demo(app: GridApp, folder: Path, seed: int) -> None:
    from gridcore_camera.demo import populate

    populate(app, folder, seed)
