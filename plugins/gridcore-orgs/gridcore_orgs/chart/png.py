"""The org chart as a PNG image (Pillow), drawn with a font that has Chinese glyphs."""

from __future__ import annotations

from pathlib import Path

from gridcore_orgs.chart import colors
from gridcore_orgs.chart.layout import ChartLayout


def render_png(layout: ChartLayout, path: Path, *, font: Path, scale: int = 2) -> Path:
    """Draw the chart into ``path`` at ``scale`` pixels per unit; ``font`` must cover Chinese."""
    from PIL import Image, ImageDraw, ImageFont

    size = (round(layout.width * scale), round(layout.height * scale))
    image = Image.new("RGB", size, colors.BACKGROUND)
    draw = ImageDraw.Draw(image)
    width = colors.LINE_WIDTH * scale
    for seg in layout.segments:
        draw.line([(seg.x1 * scale, seg.y1 * scale), (seg.x2 * scale, seg.y2 * scale)], fill=colors.LINE, width=width)
    fonts: dict[int, ImageFont.FreeTypeFont] = {}
    for box in layout.boxes:
        fill, border = colors.fill_and_border(box.style)
        corners = (box.x * scale, box.y * scale, box.right * scale, box.bottom * scale)
        draw.rounded_rectangle(corners, radius=colors.CORNER * scale, fill=fill, outline=border, width=width)
        if box.font_size not in fonts:
            fonts[box.font_size] = ImageFont.truetype(str(font), box.font_size * scale)
        typeface = fonts[box.font_size]
        for index, (line, centre) in enumerate(zip(box.lines, box.line_centers(layout.style), strict=True)):
            draw.text(
                (box.center_x * scale, centre * scale),
                line,
                font=typeface,
                fill=colors.text_colour(box.style, index),
                anchor="mm",
            )
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, format="PNG", optimize=True)
    return path
