"""党建管理 › 党建统计 in the web face (gridcore-web's ``register_pages`` hook).

Imported only when gridcore-web builds its application. The party plugin's registered statistics
(``register_statistics``), computed by the kernel's :func:`gridcore.services.stats.run_statistics` as
``gridcore stats --only party.…`` does, shown as tables; nothing is computed until 统计 is pressed
(R-N02). The page needs ``party.stats``; computing keeps the kernel's rules (``stats.view``, and what
each statistic reads, e.g. ``party_org.view``), and a missing one is told in one line on the page. An
operator who may open 综合查询及报表 gets its charts and workbook of the same statistics.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, request
from gridcore_web.context import current_actor, grid_app, reading, render_page
from gridcore_web.pages import requires

from gridcore.errors import NotFoundError, PermissionDeniedError
from gridcore.services import regions
from gridcore.services.stats import StatResult, run_statistics
from gridcore_party.plugin import PLUGIN, STATS

blueprint = Blueprint("party_stats", __name__, url_prefix="/party/stats", template_folder="templates")

#: Seeing the jurisdiction tree (the 统计范围 choice) and the web's charts and workbook.
REGION_VIEW = "region.view"
WEB_STATS = "stats.view"


def party_statistic_ids() -> list[str]:
    """The ids of the statistics this plugin registers, in registration order."""
    return [s.id for s in grid_app().registry.statistics.by_plugin(PLUGIN.name)]


def _region_options() -> list[tuple[str, str]]:
    """The jurisdiction as (code, indented name), for an operator who may see it."""
    if not current_actor().can(REGION_VIEW):
        return []
    options: list[tuple[str, str]] = []

    def walk(nodes: Any, depth: int) -> None:
        for node in nodes:
            options.append((node.code, f"{'　' * depth}{node.name}"))
            walk(node.children, depth + 1)

    with reading() as uow:
        walk(regions.tree(uow), 0)
    return options


@requires(STATS)
@blueprint.get("/")
def index() -> Any:
    """The party statistics of ``?region=`` (everything without it), computed when 统计 is pressed."""
    options = _region_options()
    region = request.args.get("region", "").strip() if options else ""
    computed = request.args.get("run") == "1"
    results: list[StatResult] = []
    error, status = "", 200
    if computed:
        try:
            with reading() as uow:
                results = run_statistics(uow, region=region or None, only=party_statistic_ids())
        except NotFoundError as failure:
            error, status = str(failure), 404
        except PermissionDeniedError as failure:
            error, status = f"{failure}, 无法计算党建统计; 如需使用, 请联系系统管理员", 403
    page = render_page(
        "party/stats.html",
        title="党建统计",
        regions=options,
        region=region,
        computed=computed,
        results=results,
        error=error,
        web_stats=current_actor().can(WEB_STATS),
        statistic_ids=party_statistic_ids(),
    )
    return page, status
