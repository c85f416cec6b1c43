"""The distribution map as a standalone HTML page: the map image inline, a marker per placed record."""

from __future__ import annotations

import html
from collections.abc import Mapping

from gridcore_maps.distribution import DistributionMap
from gridcore_maps.drawing import box_at, label_boxes
from gridcore_maps.html_page import data_uri, entry, page, style_attribute
from gridcore_maps.render_map import marker_id

#: Width of a label character in the page (12px text): wide (CJK) and narrow (ASCII) ones.
WIDE, NARROW, LINE = 12, 7, 15


def _measure(text: str) -> tuple[int, int]:
    return sum(NARROW if ord(char) < 0x2E80 else WIDE for char in text) + 4, LINE


def _legend(dm: DistributionMap) -> str:
    rows = []
    for item in dm.legend:
        swatch = f'<span class="swatch marker {html.escape(item.shape)}" style="background:{item.colour}"></span>'
        text = html.escape(f"{item.title}  已标注 {item.placed}  未标注 {item.unplaced}")
        rows.append(f"<div>{swatch}<span>{text}</span></div>")
    return '<section class="legend"><h2>图例</h2>' + "".join(rows) + "</section>"


def _unplaced(dm: DistributionMap) -> str:
    if not dm.unplaced:
        return '<p class="muted">全部已标注。</p>'
    items = "".join(f"<li>{html.escape(f'{u.kind} {u.key} {u.label}')}</li>" for u in dm.unplaced)
    return f'<section><h2>未标注 ({len(dm.unplaced)})</h2><p class="muted">不在图上显示。</p><ul>{items}</ul></section>'


def distribution_page(dm: DistributionMap, map_png: bytes, links: Mapping[str, str] | None = None) -> str:
    """The page of ``dm`` over the map image ``map_png``; ``links`` maps a marker (``kind:key``, see
    :func:`.render_map.marker_id`) to a page beside it."""
    styles = {item.kind: (item.colour, item.shape) for item in dm.legend}
    titles = {item.kind: item.title for item in dm.legend}
    markers: list[str] = []
    labels: list[str] = []
    items = []
    boxes = [box_at(m.left, m.top, dm.marker_width, dm.marker_height) for m in dm.markers]
    places = label_boxes(boxes, [m.label for m in dm.markers], _measure, dm.height)
    for index, (marker, place) in enumerate(zip(dm.markers, places, strict=True)):
        colour, shape = styles[marker.kind]
        position = style_attribute(
            left=marker.left, top=marker.top, width=dm.marker_width, height=dm.marker_height, background=colour
        )
        name = html.escape(f"{titles[marker.kind]} {marker.key} {marker.label}", quote=True)
        markers.append(
            f'<div class="marker {shape}" style="{position}" data-i="{index}" tabindex="0" aria-label="{name}"></div>'
        )
        if place is not None:
            label_at = style_attribute(left=(place.left + place.right) // 2, top=place.top)
            labels.append(f'<span class="label" style="{label_at}">{html.escape(marker.label)}</span>')
        link = (links or {}).get(marker_id(marker.kind, marker.key))
        items.append(entry(f"{titles[marker.kind]} {marker.label}", marker.info, marker.members, link))
    size = style_attribute(width=dm.width, height=dm.height)
    body = (
        f'<div class="map" style="{size}"><img src="{data_uri(map_png)}" width="{dm.width}" height="{dm.height}" '
        f'alt="{html.escape(dm.region_name, quote=True)}地图">' + "".join(markers) + "".join(labels) + "</div>"
        '<p class="muted">仅供查看: 悬停显示信息, 点击列出居民或从业人员。</p>'
    )
    return page(
        title=dm.title,
        body=body,
        side=_legend(dm) + _unplaced(dm),
        items=items,
        member_columns=dm.member_columns,
        members_note=dm.members_note,
    )
