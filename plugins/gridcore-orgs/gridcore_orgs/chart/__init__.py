"""The org chart renderer (组织机构图): the public API other plugins draw charts with.

Build a tree of :class:`ChartNode` (the root usually ``style="title"``), then::

    from gridcore_orgs.chart import ChartNode, chart_font, write_chart

    root = ChartNode(lines=("社区党委",), style="title", children=(ChartNode(lines=("第一党支部", "书记 王某")),))
    svg, png = write_chart(root, folder, "社区党委", font=chart_font(app))

The layout is automatic for any number of nodes and levels (:func:`layout_chart`); the SVG is written
by hand with escaped text, the PNG drawn with Pillow in the CJK font the kernel finds.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from gridcore_orgs.chart.layout import (
    BOX,
    DEFAULT_STYLE,
    HUB,
    TITLE,
    Box,
    ChartLayout,
    ChartNode,
    ChartStyle,
    Segment,
    layout_chart,
    text_width,
)
from gridcore_orgs.chart.png import render_png
from gridcore_orgs.chart.svg import render_svg

if TYPE_CHECKING:
    from gridcore import GridApp

__all__ = [
    "BOX",
    "DEFAULT_STYLE",
    "HUB",
    "TITLE",
    "Box",
    "ChartLayout",
    "ChartNode",
    "ChartStyle",
    "Segment",
    "chart_file_stem",
    "chart_font",
    "layout_chart",
    "render_png",
    "render_svg",
    "text_width",
    "write_chart",
]

_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def chart_file_stem(name: str) -> str:
    """A file name (without suffix) for a chart of ``name``: Chinese kept, path characters replaced."""
    return _UNSAFE.sub("_", name).strip("._") or "chart"


def chart_font(app: GridApp) -> Path:
    """The CJK font file for PNG charts: ``[settings.core] cjk_font``, else the one the kernel finds."""
    from gridcore.stats.fonts import find_cjk_font

    return find_cjk_font(str(app.setting("core", "cjk_font")))


def write_chart(
    root: ChartNode, folder: Path, name: str, *, font: Path, style: ChartStyle = DEFAULT_STYLE
) -> tuple[Path, Path]:
    """Lay out ``root`` and write ``<name>.svg`` and ``<name>.png`` into ``folder``; return both paths."""
    layout = layout_chart(root, style)
    folder.mkdir(parents=True, exist_ok=True)
    stem = chart_file_stem(name)
    svg = folder / f"{stem}.svg"
    svg.write_text(render_svg(layout, description=name), encoding="utf-8")
    png = render_png(layout, folder / f"{stem}.png", font=font)
    return svg, png
