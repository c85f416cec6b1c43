"""住户居民分布图 and 营业场所分布图 in the browser: view-only maps over the region's image.

- ``/maps/households/``, ``/maps/premises/`` (the two menus): the maps the operator may open;
- ``/maps/<code>/households``, ``/maps/<code>/premises``: the map in Leaflet (``L.CRS.Simple``), hover
  information (masked on the server by :mod:`.distribution`), members on click, search-to-focus,
  未标注; on a street's or community's map the regions one level down, linked to their own page;
- ``/maps/<code>/households.png``, ``/maps/<code>/premises.png``: the same map as the CLI's PNG.

The views attach to :data:`.views.blueprint`; the data goes to ``distribution.js`` in ``data-map``.
"""

from __future__ import annotations

import io
from typing import Any

from flask import send_file, url_for
from gridcore_web.context import grid_app, reading, render_page
from gridcore_web.pages import requires

from gridcore_maps import annotation, fonts, images
from gridcore_maps.distribution import TITLES
from gridcore_maps.kind_distribution import KindDistribution, kind_distribution, require_kind
from gridcore_maps.kinds import REGION
from gridcore_maps.outputs import distribution_stem
from gridcore_maps.plugin import VIEW
from gridcore_maps.web.views import blueprint

#: The page (its endpoint's name) → the entity id whose records it shows.
KINDS = {"households": "household", "premises": "premises"}


def page_data(shown: KindDistribution, page: str) -> dict[str, Any]:
    """What ``distribution.js`` draws: the map's size, each marker with its style, info, members, link."""
    dm = shown.map
    styles = {entry.kind: {"colour": entry.colour, "shape": entry.shape, "title": entry.title} for entry in dm.legend}
    markers = [
        {
            "kind": m.kind,
            "key": m.key,
            "label": m.label,
            "left": m.left,
            "top": m.top,
            "info": m.info,
            "members": None if m.members is None else list(m.members),
            "link": url_for(f"maps_web.{page}", code=m.key) if m.kind == REGION and m.key in shown.linked else None,
        }
        for m in dm.markers
    ]
    return {
        "code": dm.region_code,
        "width": dm.width,
        "height": dm.height,
        "markerWidth": dm.marker_width,
        "markerHeight": dm.marker_height,
        "styles": styles,
        "markers": markers,
        "memberColumns": list(dm.member_columns),
        "membersNote": dm.members_note,
        "linkText": f"打开{TITLES[KINDS[page]]}",
    }


def _index(page: str) -> str:
    with reading() as uow:
        require_kind(uow, KINDS[page])
        found = annotation.maps_with_images(uow)
    title = TITLES[KINDS[page]]
    return render_page("maps/index.html", title=title, maps=found, link_endpoint=f"maps_web.{page}", link_text=title)


def _page(code: str, page: str) -> str:
    with reading() as uow:
        shown = kind_distribution(uow, code, KINDS[page])
    title = f"{shown.map.region_name} {TITLES[KINDS[page]]}"
    data = page_data(shown, page)
    return render_page("maps/distribution.html", title=title, shown=shown, dm=shown.map, page=page, data=data)


def _png(code: str, page: str) -> Any:
    from gridcore_maps import render_map

    app = grid_app()
    with reading() as uow:
        dm = kind_distribution(uow, code, KINDS[page]).map
    base = images.open_stored(app, dm.image)
    picture, _layout = render_map.render(dm, base, fonts.font_path(app), int(app.setting("maps", "font_size")))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    buffer.seek(0)
    name = f"{distribution_stem(dm)}.png"
    return send_file(buffer, mimetype="image/png", max_age=0, as_attachment=True, download_name=name)


@requires(VIEW)
@blueprint.get("/households/")
def households_index() -> str:
    return _index("households")


@requires(VIEW)
@blueprint.get("/premises/")
def premises_index() -> str:
    return _index("premises")


@requires(VIEW)
@blueprint.get("/<code>/households")
def households(code: str) -> str:
    return _page(code, "households")


@requires(VIEW)
@blueprint.get("/<code>/premises")
def premises(code: str) -> str:
    return _page(code, "premises")


@requires(VIEW)
@blueprint.get("/<code>/households.png")
def households_png(code: str) -> Any:
    return _png(code, "households")


@requires(VIEW)
@blueprint.get("/<code>/premises.png")
def premises_png(code: str) -> Any:
    return _png(code, "premises")
