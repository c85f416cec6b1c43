"""The house-state chart as a PNG: a header with the title, the query and the legend, then one block
per building (units side by side, floors from the top floor down, one cell per door).

A cell's fill is its household's 房屋状态 colour (grey when the query did not pick it, white when no
household lives there); its door number sits at the top and its marks at the bottom, so the corners
show the fill alone. :class:`GridLayout` says where each cell and legend swatch was drawn.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from gridcore_maps import palette
from gridcore_maps.chart_legend import header_lines, legend_items
from gridcore_maps.drawing import Box, box_at, text_block
from gridcore_maps.fonts import load_font
from gridcore_maps.house_grid import BuildingPlan, DoorPosition, door_label
from gridcore_maps.house_state import Cell, HouseStateChart

if TYPE_CHECKING:
    from PIL import Image, ImageDraw
    from PIL.ImageFont import FreeTypeFont

CELL_W = 58
CELL_H = 38
FLOOR_W = 40
UNIT_GAP = 12
BUILDING_GAP = 28
MARGIN = 16
SWATCH = 16
MAX_WIDTH = 1800
MIN_WIDTH = 640


@attrs.frozen(kw_only=True)
class GridLayout:
    """Where things were drawn: cells by household key, legend swatches by state code (or special key)."""

    cells: dict[str, Box]
    legend: dict[str, Box]
    size: tuple[int, int]


def _block_size(building: BuildingPlan[Cell], font_size: int) -> tuple[int, int]:
    width = FLOOR_W + sum(unit.doors * CELL_W for unit in building.units) + UNIT_GAP * (len(building.units) - 1)
    height = (font_size + 10) * 2 + building.floors * CELL_H
    return width, height


def _flow(chart: HouseStateChart, font_size: int, top: int) -> tuple[list[tuple[int, int]], int, int]:
    """Top-left corners of the building blocks, flowing left to right; the canvas width and height."""
    sizes = [_block_size(building, font_size) for building in chart.plan.buildings]
    widest = max((w for w, _ in sizes), default=0)
    limit = max(MAX_WIDTH, widest + 2 * MARGIN)
    corners: list[tuple[int, int]] = []
    x, y, row_height, right = MARGIN, top, 0, MIN_WIDTH
    for width, height in sizes:
        if x > MARGIN and x + width + MARGIN > limit:
            x, y, row_height = MARGIN, y + row_height + BUILDING_GAP, 0
        corners.append((x, y))
        right = max(right, x + width + MARGIN)
        x += width + BUILDING_GAP
        row_height = max(row_height, height)
    return corners, right, y + row_height + MARGIN


def render(chart: HouseStateChart, font: Path, font_size: int) -> tuple[Image.Image, GridLayout]:
    """Draw the chart; return the picture and its layout."""
    from PIL import Image, ImageDraw

    small = load_font(font, font_size)
    title_font = load_font(font, font_size + 6)
    lines = header_lines(chart, picture=True)
    legend = legend_items(chart)
    width = _flow(chart, font_size, 0)[1]
    scratch = ImageDraw.Draw(Image.new("RGB", (width, 1)))  # measure the header before drawing it
    header = _header(scratch, chart.title, lines, legend, (small, title_font), width)
    corners, width, height = _flow(chart, font_size, header + BUILDING_GAP)
    canvas = Image.new("RGB", (width, max(height, header + MARGIN)), "#ffffff")
    draw = ImageDraw.Draw(canvas)
    swatches = _draw_header(draw, chart.title, lines, legend, (small, title_font), width)
    cells: dict[str, Box] = {}
    for building, (x, top) in zip(chart.plan.buildings, corners, strict=True):
        _draw_building(draw, chart, building, (x, top), small, cells)
    return canvas, GridLayout(cells=cells, legend=swatches, size=canvas.size)


def _draw_header(
    draw: ImageDraw.ImageDraw,
    title: str,
    lines: list[str],
    legend: list[tuple[str, str, str]],
    fonts: tuple[FreeTypeFont, FreeTypeFont],
    width: int,
) -> dict[str, Box]:
    small, title_font = fonts
    y = text_block(draw, (MARGIN, MARGIN), title, title_font, width - 2 * MARGIN, palette.TEXT)
    for line in lines:
        y = text_block(draw, (MARGIN, y), line, small, width - 2 * MARGIN, palette.TEXT)
    return _draw_legend(draw, legend, small, (MARGIN, y + 6), width - MARGIN)


def _header(
    draw: ImageDraw.ImageDraw,
    title: str,
    lines: list[str],
    legend: list[tuple[str, str, str]],
    fonts: tuple[FreeTypeFont, FreeTypeFont],
    width: int,
) -> int:
    """The height of the header: drawn once where it is thrown away."""
    swatches = _draw_header(draw, title, lines, legend, fonts, width)
    return max((box.bottom for box in swatches.values()), default=MARGIN) + 1


def _draw_legend(
    draw: ImageDraw.ImageDraw,
    items: list[tuple[str, str, str]],
    font: FreeTypeFont,
    origin: tuple[int, int],
    right: int,
) -> dict[str, Box]:
    x, y = origin
    boxes: dict[str, Box] = {}
    for key, label, colour in items:
        needed = SWATCH + 6 + int(font.getlength(label)) + 18
        if x + needed > right and x > origin[0]:
            x, y = origin[0], y + SWATCH + 8
        box = box_at(x, y, SWATCH, SWATCH)
        draw.rectangle(box.as_list(), fill=colour, outline=palette.GRID_LINE)
        boxes[key] = box
        draw.text((x + SWATCH + 6, y + SWATCH // 2), label, font=font, fill=palette.TEXT, anchor="lm")
        x += needed
    return boxes


def _draw_building(
    draw: ImageDraw.ImageDraw,
    chart: HouseStateChart,
    building: BuildingPlan[Cell],
    corner: tuple[int, int],
    font: FreeTypeFont,
    cells: dict[str, Box],
) -> None:
    x, y = corner
    row = int(font.size) + 10
    name = f"{building.building}号楼" if building.building else "(未填楼号)"
    draw.text((x, y), name, font=font, fill=palette.TEXT)
    grid_top = y + row * 2
    for floor in range(building.floors, 0, -1):
        cy = grid_top + (building.floors - floor) * CELL_H
        draw.text((x + FLOOR_W - 6, cy + CELL_H // 2), f"{floor}层", font=font, fill=palette.MUTED, anchor="rm")
    unit_x = x + FLOOR_W
    for unit in building.units:
        title = f"{unit.unit}单元" if unit.unit else "(未填单元)"
        draw.text((unit_x + unit.doors * CELL_W // 2, y + row), title, font=font, fill=palette.TEXT, anchor="ma")
        for floor in range(building.floors, 0, -1):
            for door in range(1, unit.doors + 1):
                box = box_at(
                    unit_x + (door - 1) * CELL_W, grid_top + (building.floors - floor) * CELL_H, CELL_W, CELL_H
                )
                position = DoorPosition(floor=floor, door=door)
                cell = unit.flats.get(position)
                fill = chart.colour(cell) if cell is not None else palette.NO_RECORD
                draw.rectangle(box.as_list(), fill=fill, outline=palette.GRID_LINE)
                label_colour = palette.TEXT if cell is not None else palette.MUTED
                draw.text((box.centre[0], box.top + 3), door_label(position), font=font, fill=label_colour, anchor="ma")
                if cell is not None:
                    cells[cell.key] = box
                    if cell.marks:
                        draw.text((box.centre[0], box.bottom - 2), cell.marks, font=font, fill="#b71c1c", anchor="md")
        unit_x += unit.doors * CELL_W + UNIT_GAP
