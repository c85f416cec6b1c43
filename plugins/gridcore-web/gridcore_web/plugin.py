"""The plugin module named by the ``gridcore.plugins`` entry point: ``PLUGIN`` and the hook implementations.

Light on purpose: Flask is imported only by the ``serve`` command and the application factory
(:func:`gridcore_web.factory.create_app`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from gridcore import Command, Menu, Permission, PluginInfo, Setting, hookimpl

if TYPE_CHECKING:
    from gridcore import GridApp

PLUGIN = PluginInfo(
    name="web",
    title="网页版",
    version="0.1.0",
    core_api=">=1,<2",
    description="浏览器界面: 登录、菜单、通用列表与表单、住户居民信息采集、导入、统计、系统功能",
)

SERVE = "web.serve"


@hookimpl
def add_hookspecs() -> object:
    from gridcore_web.hookspecs import WebHooks

    return WebHooks


@hookimpl
def register_settings() -> Sequence[Setting]:
    return (
        Setting(
            name="login_picker",
            type="bool",
            default=True,
            description="登录页列出操作员供选择 (手册的登录方式); 网络版可关闭, 改为输入登录名",
        ),
        Setting(name="page_size", type="int", default=50, description="列表每页行数"),
        Setting(
            name="count_limit",
            type="int",
            default=10_000,
            description="列表最多数到多少条: 更多时显示「超过 N 条」, 可点「精确计数」; 0 表示总是精确计数",
        ),
        Setting(name="upload_limit_mb", type="int", default=20, description="上传文件的大小上限 (MB)"),
        Setting(name="time_zone", type="str", default="Asia/Shanghai", description="页面显示时间所用的时区"),
    )


@hookimpl
def register_permissions() -> Sequence[Permission]:
    return (
        Permission(
            id=SERVE,
            title="启动网页服务 (gridcore serve)",
            category="系统功能设置",
            description="启动网页版的操作员须先登录; 网页中的每个页面再按各自的权限检查",
        ),
    )


@hookimpl
def register_menus() -> Sequence[Menu]:
    system = "system"
    return (
        Menu(id="web.import", title="数据导入", parent="collect", order=80),
        Menu(id="web.password", title="修改密码", parent=system, order=5),
        Menu(id="web.operators", title="权限管理 (操作员)", parent=system, permission="operator.manage", order=10),
        Menu(id="web.groups", title="权限组设置", parent=system, permission="group.manage", order=15),
        Menu(id="web.backup", title="数据备份", parent=system, permission="system.backup", order=20),
        Menu(id="web.restore", title="数据恢复", parent=system, permission="system.restore", order=25),
        Menu(id="web.reset", title="数据初始", parent=system, permission="system.reset", order=27),
        Menu(id="web.report", title="数据上报", parent=system, permission="exchange.report", order=30),
        Menu(id="web.receive", title="数据接收", parent=system, permission="exchange.receive", order=35),
        Menu(id="web.audit", title="审计日志", parent=system, permission="audit.view", order=40),
        Menu(id="web.branding", title="软件信息", parent=system, order=85),
        Menu(id="web.about", title="关于", parent=system, order=95),
    )


@hookimpl
def register_commands() -> Sequence[Command]:
    return (
        Command(
            name="serve",
            help="网页版: serve [--host 127.0.0.1] [--port 8000], 在浏览器中使用",
            target="gridcore_web.cli:serve",
            permission=SERVE,
        ),
    )


@hookimpl
def populate_demo(app: GridApp, folder: Path) -> None:
    """The unit's signing key (for 数据备份 and 数据上报 in the browser) and a note on serving the demo."""
    from gridcore_web.demo import populate

    populate(app, folder)
