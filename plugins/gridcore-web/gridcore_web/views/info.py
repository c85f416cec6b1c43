"""软件信息, 用户信息 and 关于 (R-Q11, R-Q12): what the edition and its branding plugin say; 插件管理.

The software information belongs to the reseller: it comes from a branding plugin or the edition's
``[branding]`` table, never from a form, so ordinary users can read it but not change it.
"""

from __future__ import annotations

from flask import Blueprint

import gridcore
from gridcore_web.context import current_actor, grid_app, render_page
from gridcore_web.pages import LOGGED_IN, requires
from gridcore_web.plugin import PLUGIN

blueprint = Blueprint("info", __name__, url_prefix="/info")


@requires(LOGGED_IN)
@blueprint.get("/branding")
def branding() -> str:
    app = grid_app()
    return render_page(
        "web/branding.html",
        title="软件信息",
        edition=app.edition,
        can_manage=current_actor().can("system.plugins"),
    )


def _plugins() -> list[dict[str, str]]:
    return [
        {
            "name": status.name,
            "title": status.title,
            "version": status.version,
            "status": status.status,
            "reason": status.reason,
        }
        for status in grid_app().plugins.statuses
    ]


@requires(LOGGED_IN)
@blueprint.get("/about")
def about() -> str:
    return render_page(
        "web/about.html",
        title="关于",
        core_version=gridcore.__version__,
        web_version=PLUGIN.version,
        plugins=[p for p in _plugins() if p["status"] == "ok"],
    )


@requires("system.plugins")
@blueprint.get("/plugins")
def plugins() -> str:
    app = grid_app()
    summaries = {p["name"]: app.registry.summary(p["name"]) for p in _plugins() if p["status"] == "ok"}
    return render_page("web/plugins.html", title="插件管理", plugins=_plugins(), summaries=summaries)
