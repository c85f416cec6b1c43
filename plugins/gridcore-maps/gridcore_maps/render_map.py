"""The distribution map as a PNG: the map image unmoved at the top-left, each placed record's marker
at its pixel position, its label beneath, and a panel on the right with the title and the legend.

The map keeps its own pixel frame (a marker placed at 120, 80 is drawn with its top-left corner at
120, 80 of the PNG), and :class:`MapLayout` says where each marker and legend swatch was drawn.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from gridcore_maps import palette
from gridcore_maps.drawing import Box, box_at, label_boxes, shape, text_block
from gridcore_maps.fonts import load_font

if TYPE_CHECKING:
    from PIL import Image, ImageDraw
    from PIL.ImageFont import FreeTypeFont

    from gridcore_maps.distribution import DistributionMap

PANEL_WIDTH = 260
MARGIN = 14
SWATCH = 18
LINE_GAP = 8


@attrs.frozen(kw_only=True)
class MapLayout:
    """Where things were drawn: markers by ``kind:key``, legend swatches by kind, the panel; ``labels``
    counts the markers whose label was drawn (crowded ones are left out)."""

    markers: dict[str, Box]
    legend: dict[str, Box]
    panel: Box
    size: tuple[int, int]
    labels: int


def marker_id(kind: str, key: str) -> str:
    return f"{kind}:{key}"


def render(dm: DistributionMap, base: Image.Image, font: Path, font_size: int) -> tuple[Image.Image, MapLayout]:
    """Draw ``dm`` over its map image ``base``; return the picture and its layout."""
    from PIL import Image, ImageDraw

    small = load_font(font, font_size)
    title_font = load_font(font, font_size + 5)
    panel_height = MARGIN * 4 + (font_size + 5) * 3 + (SWATCH + LINE_GAP) * (len(dm.legend) + 1) + font_size * 6
    canvas = Image.new("RGB", (dm.width + PANEL_WIDTH, max(dm.height, panel_height)), palette.PANEL)
    canvas.paste(base.convert("RGB").resize((dm.width, dm.height)) if base.size != (dm.width, dm.height) else base)
    draw = ImageDraw.Draw(canvas)
    styles = {entry.kind: (entry.colour, entry.shape) for entry in dm.legend}
    drawn: dict[str, Box] = {}
    for marker in sorted(dm.markers, key=lambda m: styles[m.kind][1] != "rect"):  # areas first, points on top
        colour, form = styles[marker.kind]
        box = box_at(marker.left, marker.top, dm.marker_width, dm.marker_height)
        shape(draw, form, box, colour)
        drawn[marker_id(marker.kind, marker.key)] = box
    labels = _labels(draw, dm, drawn, small)
    panel = Box(dm.width, 0, canvas.width - 1, canvas.height - 1)
    draw.rectangle(panel.as_list(), fill=palette.PANEL)
    draw.line([(dm.width, 0), (dm.width, canvas.height)], fill=palette.GRID_LINE, width=1)
    legend = _legend(draw, dm, panel, small, title_font)
    return canvas, MapLayout(markers=drawn, legend=legend, panel=panel, size=canvas.size, labels=labels)


def _labels(draw: ImageDraw.ImageDraw, dm: DistributionMap, drawn: dict[str, Box], font: FreeTypeFont) -> int:
    """Draw the labels that fit (:func:`.drawing.label_boxes`); return how many."""

    def measure(text: str) -> tuple[int, int]:
        left, top, right, bottom = font.getbbox(text, stroke_width=2)
        return int(right - left), int(bottom - top)

    boxes = [drawn[marker_id(marker.kind, marker.key)] for marker in dm.markers]
    places = label_boxes(boxes, [marker.label for marker in dm.markers], measure, dm.height)
    for marker, place in zip(dm.markers, places, strict=True):
        if place is not None:
            draw.text(
                ((place.left + place.right) // 2, place.top),
                marker.label,
                font=font,
                anchor="mt",
                fill=palette.TEXT,
                stroke_width=2,
                stroke_fill="#ffffff",
            )
    return sum(1 for place in places if place is not None)


def _legend(
    draw: ImageDraw.ImageDraw, dm: DistributionMap, panel: Box, small: FreeTypeFont, title_font: FreeTypeFont
) -> dict[str, Box]:
    x = panel.left + MARGIN
    width = PANEL_WIDTH - 2 * MARGIN
    y = text_block(draw, (x, MARGIN), dm.title, title_font, width, palette.TEXT)
    y += LINE_GAP
    draw.text((x, y), "图例", font=title_font, fill=palette.TEXT)
    y += int(title_font.size) + LINE_GAP
    swatches: dict[str, Box] = {}
    for entry in dm.legend:
        box = box_at(x, y, SWATCH, SWATCH)
        shape(draw, entry.shape, box, entry.colour)
        swatches[entry.kind] = box
        text = f"{entry.title}  已标注 {entry.placed}  未标注 {entry.unplaced}"
        text_block(draw, (x + SWATCH + 8, y + 1), text, small, width - SWATCH - 8, palette.TEXT)
        y += SWATCH + LINE_GAP
    unplaced = sum(entry.unplaced for entry in dm.legend)
    y += LINE_GAP
    note = f"未标注 {unplaced} 个, 不在图上显示。" if unplaced else "全部已标注。"
    y = text_block(draw, (x, y), note, small, width, palette.MUTED)
    text_block(draw, (x, y), f"地图 {dm.width}×{dm.height} 像素, 仅供查看", small, width, palette.MUTED)
    return swatches
