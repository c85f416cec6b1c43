"""查询浏览 › 组织机构图 in the web face (gridcore-web's ``register_pages`` hook).

Imported only when gridcore-web builds its application. The page picks an organization and shows its
chart as ``<img src>`` of an SVG route (no inline script or markup, so the page keeps the web's CSP);
the SVG and the PNG are drawn by the plugin's renderer (:mod:`gridcore_orgs.chart`) from the same
chart tree as ``gridcore orgs chart``, member names masked as the operator must see them.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, request, send_file
from gridcore_web.context import grid_app, reading, render_page
from gridcore_web.pages import requires

from gridcore.errors import NotFoundError
from gridcore_orgs.chart import chart_file_stem, chart_font, render_png, render_svg
from gridcore_orgs.org_chart import organization_chart
from gridcore_orgs.organizations import list_organizations
from gridcore_orgs.plugin import ORGANIZATION

blueprint = Blueprint(
    "orgs",
    __name__,
    url_prefix="/orgs/chart",
    template_folder="templates",
    static_folder="static",
    static_url_path="/static",
)

VIEW = f"{ORGANIZATION}.view"
SVG = "image/svg+xml"


def _download_name(name: str, suffix: str) -> str:
    return f"组织机构图-{chart_file_stem(name)}.{suffix}"


@requires(VIEW)
@blueprint.get("/")
def index() -> Any:
    """Choose an organization (``?name=``); its chart is shown below, with SVG and PNG downloads."""
    chosen = request.args.get("name", "").strip()
    error = ""
    with reading() as uow:
        names = [o.name for o in list_organizations(uow)]
        if chosen:
            try:
                organization_chart(uow, chosen)  # the image route draws it; here a missing name is told
            except NotFoundError as failure:
                error = str(failure)
    page = render_page(
        "orgs/chart.html", title="组织机构图", names=names, chosen=chosen, error=error, shown=bool(chosen and not error)
    )
    return (page, 404) if error else page


@requires(VIEW)
@blueprint.get("/svg")
def svg() -> Response:
    """The chart of ``?name=`` as SVG (``&download=1``: as a file)."""
    name = request.args.get("name", "")
    with reading() as uow:
        organization, layout = organization_chart(uow, name)
    data = io.BytesIO(render_svg(layout, description=organization.name).encode("utf-8"))
    attached = request.args.get("download") == "1"
    return send_file(
        data, mimetype=SVG, as_attachment=attached, download_name=_download_name(organization.name, "svg"), max_age=0
    )


@requires(VIEW)
@blueprint.get("/png")
def png() -> Response:
    """The chart of ``?name=`` as a PNG file, drawn in the CJK font the kernel finds."""
    name = request.args.get("name", "")
    font = chart_font(grid_app())
    with reading() as uow:
        organization, layout = organization_chart(uow, name)
    with tempfile.TemporaryDirectory(prefix="gridcore-orgs-") as folder:
        drawn = render_png(layout, Path(folder) / "chart.png", font=font)
        data = io.BytesIO(drawn.read_bytes())
    return send_file(
        data,
        mimetype="image/png",
        as_attachment=True,
        download_name=_download_name(organization.name, "png"),
        max_age=0,
    )
