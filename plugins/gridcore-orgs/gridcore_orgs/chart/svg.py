"""The org chart as SVG text, written by hand: every text escaped, Chinese kept as UTF-8."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from gridcore_orgs.chart import colors
from gridcore_orgs.chart.layout import ChartLayout


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def render_svg(layout: ChartLayout, *, description: str = "") -> str:
    """The whole chart as a standalone SVG document."""
    w, h = _number(layout.width), _number(layout.height)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">',
    ]
    if description:
        out.append(f"<title>{escape(description)}</title>")
    out.append(f'<rect width="100%" height="100%" fill="{colors.BACKGROUND}"/>')
    out.append(f'<g stroke="{colors.LINE}" stroke-width="{colors.LINE_WIDTH}" stroke-linecap="square" fill="none">')
    for seg in layout.segments:
        x1, y1, x2, y2 = (_number(v) for v in (seg.x1, seg.y1, seg.x2, seg.y2))
        out.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"/>')
    out.append("</g>")
    out.append(f'<g font-family={quoteattr(colors.FONT_FAMILY)} text-anchor="middle" dominant-baseline="central">')
    for box in layout.boxes:
        fill, border = colors.fill_and_border(box.style)
        x, y, bw, bh = (_number(v) for v in (box.x, box.y, box.width, box.height))
        out.append(
            f'<rect x="{x}" y="{y}" width="{bw}" height="{bh}" rx="{colors.CORNER}" '
            f'fill="{fill}" stroke="{border}" stroke-width="{colors.LINE_WIDTH}"/>'
        )
        for index, (line, centre) in enumerate(zip(box.lines, box.line_centers(layout.style), strict=True)):
            weight = ' font-weight="bold"' if index == 0 else ""
            out.append(
                f'<text x="{_number(box.center_x)}" y="{_number(centre)}" font-size="{box.font_size}"'
                f'{weight} fill="{colors.text_colour(box.style, index)}">{escape(line)}</text>'
            )
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"
