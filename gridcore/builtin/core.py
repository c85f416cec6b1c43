"""The built-in ``core`` plugin: the kernel's own tables, commands, permissions and menus.

It registers through exactly the hooks a third-party plugin uses, so the hook API is exercised by
the core itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gridcore.builtin import registers
from gridcore.contributions import (
    CodeRule,
    Command,
    Dictionary,
    Entity,
    Menu,
    Migrations,
    Permission,
    Setting,
    Statistic,
)
from gridcore.plugins.info import PluginInfo
from gridcore.plugins.markers import hookimpl

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from gridcore.app import GridApp


PLUGIN = PluginInfo(name="core", title="核心", version="0.1.0", description="辖区、住户、居民、词典、编码与系统功能")

MIGRATIONS = Path(__file__).resolve().parent.parent / "db" / "migrations_core"


@hookimpl
def register_settings() -> Sequence[Setting]:
    return (
        Setting(name="record_number_width", type="int", default=3, description="户籍编号、场所编号的数字位数"),
        Setting(name="age_bands", type="list", default=[0, 7, 18, 35, 60, 80], description="年龄段统计的各段起始年龄"),
        Setting(name="cjk_font", type="str", default="", description="统计图使用的中文字体文件 (留空则自动查找)"),
    )


@hookimpl
def register_entities() -> Sequence[Entity]:
    return registers.entities()


@hookimpl
def register_dictionaries() -> Sequence[Dictionary]:
    return registers.dictionaries()


@hookimpl
def register_code_rules(app: GridApp) -> Sequence[CodeRule]:
    return registers.code_rules(app)


@hookimpl
def register_statistics() -> Sequence[Statistic]:
    from gridcore.stats.builtin import statistics

    return statistics()


@hookimpl
def register_migrations() -> Sequence[Migrations]:
    return (
        Migrations(
            path=str(MIGRATIONS),
            models=("gridcore.db.sequences", "gridcore.security.models", "gridcore.search.models"),
            unmanaged=("ix_core_search_text_trgm",),
        ),
    )


@hookimpl
def register_commands() -> Sequence[Command]:
    return (
        Command(
            name="init",
            help="创建或升级数据库并写入初始数据 (create or upgrade the database)",
            target="gridcore.cli.init_cmd:init",
            permission="system.init",
        ),
        Command(
            name="db",
            help="数据库迁移: upgrade / current / downgrade PLUGIN",
            target="gridcore.cli.db_cmd:db",
            permission="system.database",
        ),
        Command(
            name="plugins",
            help="插件: 列出已安装插件及其状态",
            target="gridcore.cli.plugins_cmd:plugins",
            permission="system.plugins",
        ),
        Command(name="version", help="显示版本与软件信息", target="gridcore.cli.version_cmd:version"),
        Command(
            name="query",
            help="查询: 精确、模糊 (拼音)、组合条件、辖区、分类计数",
            target="gridcore.cli.query_cmd:query",
        ),
        Command(
            name="stats",
            help="统计分析: 表格、工作簿与图表",
            target="gridcore.cli.stats_cmd:stats",
            permission="stats.view",
        ),
        Command(
            name="idcard",
            help="身份证号核验: idcard ID... / idcard verify ID --name NAME (暂住人员身份验证)",
            target="gridcore.cli.idcard_cmd:idcard",
            permission="idcard.check",
        ),
        Command(
            name="code",
            help="编码建议: code suggest NAME [--parent-code CODE]",
            target="gridcore.cli.code_cmd:code",
            permission="code.suggest",
        ),
        Command(
            name="region",
            help="辖区: region add / list / show / rename / move / recode / edit / delete",
            target="gridcore.cli.region_cmd:region",
            permission="region.edit",
        ),
        Command(
            name="household",
            help="住户: household add / show / edit / delete / link / unlink",
            target="gridcore.cli.household_cmd:household",
            permission="household.edit",
        ),
        Command(
            name="resident",
            help="居民: resident add / show / edit / delete / link / unlink",
            target="gridcore.cli.resident_cmd:resident",
            permission="resident.edit",
        ),
        Command(
            name="dict",
            help="词典 (智能取词): dict list [DICT] / add / rename / remove",
            target="gridcore.cli.dict_cmd:dictionary",
            permission="dict.edit",
        ),
    )


@hookimpl
def register_permissions() -> Sequence[Permission]:
    return (
        Permission(id="system.init", title="初始化数据库", category="系统功能设置"),
        Permission(id="system.database", title="数据库迁移", category="系统功能设置"),
        Permission(id="system.plugins", title="查看插件", category="系统功能设置"),
        Permission(id="idcard.check", title="身份证号核验", category="系统实用工具"),
        Permission(id="code.suggest", title="编码建议", category="信息采集"),
        *registers.permissions(),
    )


@hookimpl
def register_menus() -> Sequence[Menu]:
    return (
        Menu(id="collect", title="信息采集", order=10),
        Menu(id="browse", title="查询浏览", order=30),
        Menu(id="system", title="系统功能设置", order=90),
        Menu(id="system.plugins", title="插件管理", parent="system", permission="system.plugins", order=80),
        *registers.menus(),
    )


@hookimpl
def entity_write(write: Callable[[], Any], session: Session) -> Any:
    """The innermost write: perform it and flush, so wrappers after ``yield`` see generated keys."""
    result = write()
    session.flush()
    return result


__all__ = ["PLUGIN"]
