"""Writing what the services gathered: the PNG and HTML of a distribution map or a house-state chart,
and GeoJSON. Files are written under a temporary name and moved into place, so a failure never leaves
half a file; the services have already checked permissions and recorded the view in the audit log."""

from __future__ import annotations

import json
import os
import re
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from gridcore.errors import ConfigError
from gridcore_maps import fonts, images

if TYPE_CHECKING:
    from PIL import Image

    from gridcore import GridApp
    from gridcore_maps.distribution import DistributionMap
    from gridcore_maps.house_state import HouseStateChart
    from gridcore_maps.render_grid import GridLayout
    from gridcore_maps.render_map import MapLayout


@attrs.frozen(kw_only=True)
class Written:
    """The files one rendering wrote, and where it drew things in the PNG."""

    png: Path
    html: Path
    layout: MapLayout | GridLayout


def safe_stem(text: str) -> str:
    """A file name stem from a title: no path separators, no characters file systems refuse."""
    return re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("._") or "map"


def write_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError as error:
        raise ConfigError(f"无法写入 {path}: {error.strerror}") from None
    return path


def _png(picture: Image.Image) -> bytes:
    import io

    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def write_distribution(
    app: GridApp, dm: DistributionMap, folder: Path, *, stem: str | None = None, links: Mapping[str, str] | None = None
) -> Written:
    """``<stem>.png`` and ``<stem>.html`` of a distribution map in ``folder``."""
    from gridcore_maps import html_map, render_map

    base = images.open_stored(app, dm.image)
    picture, layout = render_map.render(dm, base, fonts.font_path(app), int(app.setting("maps", "font_size")))
    name = stem or distribution_stem(dm)
    png = write_bytes(folder / f"{name}.png", _png(picture))
    page = html_map.distribution_page(dm, images.as_png(base), links)
    html = write_bytes(folder / f"{name}.html", page.encode("utf-8"))
    return Written(png=png, html=html, layout=layout)


def distribution_stem(dm: DistributionMap) -> str:
    return safe_stem(f"{dm.region_code}-{dm.title.split(' ', 1)[-1]}")


def write_house_state(app: GridApp, chart: HouseStateChart, folder: Path, *, stem: str | None = None) -> Written:
    """``<stem>.png`` and ``<stem>.html`` of a house-state chart in ``folder``."""
    from gridcore_maps import html_grid, render_grid

    picture, layout = render_grid.render(chart, fonts.font_path(app), int(app.setting("maps", "font_size")))
    building = f"-{chart.building}号楼" if chart.building else ""
    name = stem or safe_stem(f"{chart.region_code}{building}-居民房态图")
    png = write_bytes(folder / f"{name}.png", _png(picture))
    html = write_bytes(folder / f"{name}.html", html_grid.house_state_page(chart).encode("utf-8"))
    return Written(png=png, html=html, layout=layout)


def write_geojson(collection: Mapping[str, Any], path: Path) -> Path:
    return write_bytes(path, json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8"))
