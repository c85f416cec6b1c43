"""综合查询及报表 / 统计分析: the registered statistics of a region, as tables, charts and a workbook.

Nothing is computed when the page opens, only when 统计 is pressed (R-N02). Charts are the kernel's
matplotlib images (:mod:`gridcore.stats.charts`), drawn on demand, one at a time (pyplot is not
thread-safe).
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import threading
from pathlib import Path
from typing import Any

from flask import Blueprint, abort, request, send_file
from werkzeug.wrappers import Response

from gridcore.errors import GridcoreError
from gridcore.services import regions
from gridcore.services.stats import StatResult, run_statistics
from gridcore_web.context import current_actor, grid_app, reading, render_page
from gridcore_web.pages import requires

blueprint = Blueprint("stats", __name__, url_prefix="/stats")

STATS = "stats.view"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_DRAWING = threading.Lock()


def region_options() -> list[tuple[str, str]]:
    with reading() as uow:
        options: list[tuple[str, str]] = []

        def walk(nodes: Any, depth: int) -> None:
            for node in nodes:
                options.append((node.code, f"{'　' * depth}{node.name}"))
                walk(node.children, depth + 1)

        walk(regions.tree(uow), 0)
    return options


def _available() -> list[Any]:
    actor = current_actor()
    return [s for s in grid_app().registry.statistics.values() if s.permission is None or actor.can(s.permission)]


def _run(region: str | None, only: list[str]) -> list[StatResult]:
    with reading() as uow:
        return run_statistics(uow, region=region, only=only)


@requires(STATS)
@blueprint.route("/", methods=["GET", "POST"])
def index() -> Any:
    region = request.form.get("region") or None
    chosen = request.form.getlist("only")
    results: list[StatResult] = []
    error = ""
    if request.method == "POST":
        try:
            results = _run(region, chosen or [s.id for s in _available()])
        except GridcoreError as failure:
            error = str(failure)
    page = render_page(
        "web/stats.html",
        title="综合查询及报表",
        regions=region_options(),
        statistics=_available(),
        region=region or "",
        chosen=set(chosen),
        results=results,
        error=error,
        computed=request.method == "POST",
    )
    return (page, 422) if error else page


@requires(STATS)
@blueprint.get("/chart/<statistic>/<kind>.png")
def chart(statistic: str, kind: str) -> Response:
    """One chart of one statistic over ``?region=CODE`` (everything without it)."""
    found = grid_app().registry.statistics.get(statistic)
    if found is None or kind not in found.charts:
        abort(404)
    (result,) = _run(request.args.get("region") or None, [statistic])
    from gridcore.stats.charts import draw_charts
    from gridcore.stats.fonts import find_cjk_font

    font = find_cjk_font(str(grid_app().setting("core", "cjk_font")))
    with tempfile.TemporaryDirectory(prefix="gridcore-web-") as folder, _DRAWING:
        drawn = draw_charts(result.statistic, result.table, Path(folder), font)
        wanted = next(path for path in drawn if path.stem.endswith(f"-{kind}"))
        data = io.BytesIO(wanted.read_bytes())
    return send_file(data, mimetype="image/png", max_age=0)


@requires(STATS)
@blueprint.post("/workbook")
def workbook() -> Response:
    """统计工作簿: one sheet per statistic."""
    from gridcore.stats.workbook import write_statistics

    region = request.form.get("region") or None
    results = _run(region, request.form.getlist("only") or [s.id for s in _available()])
    with tempfile.TemporaryDirectory(prefix="gridcore-web-") as folder:
        path = Path(folder) / "stats.xlsx"
        write_statistics(path, results, heading=f"{region} " if region else "")
        data = io.BytesIO(path.read_bytes())
    name = f"统计报表-{region or '全部'}-{dt.date.today():%Y%m%d}.xlsx"
    return send_file(data, as_attachment=True, download_name=name, mimetype=XLSX)
