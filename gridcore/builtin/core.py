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
            models=(
                "gridcore.db.sequences",
                "gridcore.security.models",
                "gridcore.search.models",
                "gridcore.packages.models",
                "gridcore.domain.branding",
            ),
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
            name="import",
            help="导入 Excel/CSV: 全部成功才写入, 重复跳过, 错误逐行报告",
            target="gridcore.cli.import_cmd:import_",
            permission="{entity}.edit",
        ),
        Command(
            name="query",
            help="查询: 精确、模糊 (拼音)、组合条件、辖区、分类计数",
            target="gridcore.cli.query_cmd:query",
            permission="{entity}.view",
        ),
        Command(
            name="export",
            help="导出EXCEL: 按查询条件导出全部记录 (.xlsx 或 .csv), 可再导入",
            target="gridcore.cli.export_cmd:export",
            permission="{entity}.view",
        ),
        Command(
            name="template",
            help="导入模板: template household|resident OUT.xlsx (表头、下拉列表)",
            target="gridcore.cli.template_cmd:template",
            permission="{entity}.view",
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
        # login, logout and passwd authenticate by themselves (the allow-list of gridcore.cli.permissions)
        Command(
            name="brand",
            help="软件信息与用户信息: brand show / brand set KEY=VALUE",
            target="gridcore.cli.brand_cmd:brand",
            permission="system.user_info",
        ),
        Command(name="login", help="登录 (会话 30 分钟无操作或 12 小时后失效)", target="gridcore.cli.login_cmd:login"),
        Command(name="logout", help="退出登录", target="gridcore.cli.login_cmd:logout"),
        Command(name="passwd", help="修改自己的密码", target="gridcore.cli.login_cmd:passwd"),
        Command(
            name="user",
            help="操作员: user add / list / disable / enable / reset-password",
            target="gridcore.cli.user_cmd:user",
            permission="operator.manage",
        ),
        Command(
            name="group",
            help="权限组: group add / grant / revoke / list",
            target="gridcore.cli.group_cmd:group",
            permission="group.manage",
        ),
        Command(
            name="audit",
            help="审计日志: audit list / verify / purge",
            target="gridcore.cli.audit_cmd:audit",
            permission="audit.view",
        ),
        Command(
            name="check",
            help="安全检查: check --deploy 报告不合规的部署设置",
            target="gridcore.cli.check_cmd:check",
            permission="security.check",
        ),
        Command(
            name="backup",
            help="数据备份: backup OUT / backup verify FILE / backup verify --drill",
            target="gridcore.cli.backup_cmd:backup",
            permission="system.backup",
        ),
        Command(
            name="restore",
            help="数据恢复: restore IN --yes (核验后整体替换, 失败则不变)",
            target="gridcore.cli.backup_cmd:restore",
            permission="system.restore",
        ),
        Command(
            name="reset",
            help="数据初始: reset --yes (先做安全备份, 再清除全部业务数据)",
            target="gridcore.cli.reset_cmd:reset",
            permission="system.reset",
        ),
        Command(
            name="report",
            help="数据上报: report OUT [--region CODE] [--to CODE]",
            target="gridcore.cli.exchange_cmd:report",
            permission="exchange.report",
        ),
        Command(
            name="receive",
            help="数据接收: receive IN (只添加不重复的记录, 从不覆盖)",
            target="gridcore.cli.exchange_cmd:receive",
            permission="exchange.receive",
        ),
        Command(
            name="keys",
            help="单位密钥: keys init / show / trust NAME PUBKEY / list / untrust",
            target="gridcore.cli.keys_cmd:keys",
            permission="keys.manage",
        ),
    )


@hookimpl
def register_permissions() -> Sequence[Permission]:
    from gridcore.security.groups import permissions as security_permissions

    return (
        Permission(id="system.init", title="初始化数据库", category="系统功能设置"),
        Permission(id="system.database", title="数据库迁移", category="系统功能设置"),
        Permission(id="system.plugins", title="查看插件", category="系统功能设置"),
        Permission(id="idcard.check", title="身份证号核验", category="系统实用工具"),
        Permission(id="code.suggest", title="编码建议", category="信息采集"),
        *registers.permissions(),
        *security_permissions(),
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
