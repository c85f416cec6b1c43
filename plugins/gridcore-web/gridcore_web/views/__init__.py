"""The web's own pages, contributed through the same :class:`~gridcore_web.pages.Page` as plugins' pages."""

from __future__ import annotations

from gridcore_web.pages import Page


def builtin_pages() -> list[Page]:
    from gridcore_web.views import (
        assets,
        auth_views,
        data,
        dictionaries,
        entities,
        home,
        households,
        idcard,
        imports,
        info,
        regions,
        stats,
        system,
    )

    return [
        Page(id="web.static", title="静态文件", blueprint=assets.blueprint),
        Page(id="web.auth", title="登录", blueprint=auth_views.blueprint),
        Page(
            id="web.password",
            title="修改密码",
            blueprint=auth_views.blueprint,
            menu="web.password",
            endpoint="auth.password",
        ),
        Page(id="web.home", title="首页", blueprint=home.blueprint),
        Page(id="web.entities", title="信息浏览", blueprint=entities.blueprint),
        Page(id="web.idcard", title="身份证号读取", blueprint=idcard.blueprint),
        Page(id="web.regions", title="辖区信息采集", blueprint=regions.blueprint, menu="collect.region"),
        Page(id="web.households", title="住户居民信息采集", blueprint=households.blueprint, menu="collect.household"),
        Page(id="web.import", title="数据导入", blueprint=imports.blueprint, menu="web.import"),
        Page(id="web.stats", title="综合查询及报表", blueprint=stats.blueprint, menu="browse.stats"),
        Page(id="web.dictionaries", title="词典设置", blueprint=dictionaries.blueprint, menu="words.dict"),
        Page(
            id="web.operators",
            title="权限管理",
            blueprint=system.blueprint,
            menu="web.operators",
            endpoint="system.operators",
        ),
        Page(
            id="web.groups", title="权限组设置", blueprint=system.blueprint, menu="web.groups", endpoint="system.groups"
        ),
        Page(id="web.audit", title="审计日志", blueprint=system.blueprint, menu="web.audit", endpoint="system.audit"),
        Page(id="web.backup", title="数据备份", blueprint=data.blueprint, menu="web.backup", endpoint="data.backup"),
        Page(id="web.restore", title="数据恢复", blueprint=data.blueprint, menu="web.restore", endpoint="data.restore"),
        Page(id="web.reset", title="数据初始", blueprint=data.blueprint, menu="web.reset", endpoint="data.reset"),
        Page(id="web.report", title="数据上报", blueprint=data.blueprint, menu="web.report", endpoint="data.report"),
        Page(id="web.receive", title="数据接收", blueprint=data.blueprint, menu="web.receive", endpoint="data.receive"),
        Page(
            id="web.branding", title="软件信息", blueprint=info.blueprint, menu="web.branding", endpoint="info.branding"
        ),
        Page(id="web.about", title="关于", blueprint=info.blueprint, menu="web.about", endpoint="info.about"),
        Page(
            id="web.plugins", title="插件管理", blueprint=info.blueprint, menu="system.plugins", endpoint="info.plugins"
        ),
    ]
