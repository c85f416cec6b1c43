"""Small Pillow drawing helpers shared by the distribution map and the house-state chart."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from PIL.ImageDraw import ImageDraw
    from PIL.ImageFont import FreeTypeFont

STAR_POINTS = 5
STAR_INNER = 0.45


@attrs.frozen
class Box:
    """A rectangle in pixels; ``right`` and ``bottom`` are inclusive, as Pillow draws them."""

    left: int
    top: int
    right: int
    bottom: int

    @property
    def centre(self) -> tuple[int, int]:
        return (self.left + self.right) // 2, (self.top + self.bottom) // 2

    def as_list(self) -> list[int]:
        return [self.left, self.top, self.right, self.bottom]


def box_at(left: int, top: int, width: int, height: int) -> Box:
    return Box(left, top, left + width - 1, top + height - 1)


def star(box: Box) -> list[tuple[float, float]]:
    """The corners of a five-pointed star filling ``box``."""
    cx, cy = (box.left + box.right) / 2, (box.top + box.bottom) / 2
    rx, ry = (box.right - box.left) / 2, (box.bottom - box.top) / 2
    corners = []
    for index in range(STAR_POINTS * 2):
        angle = math.pi / STAR_POINTS * index - math.pi / 2
        scale = 1.0 if index % 2 == 0 else STAR_INNER
        corners.append((cx + rx * scale * math.cos(angle), cy + ry * scale * math.sin(angle)))
    return corners


def shape(draw: ImageDraw, kind: str, box: Box, fill: str, outline: str = "#ffffff") -> None:
    """Draw a marker of shape ``kind`` (rect, square, star, circle, diamond) filling ``box``."""
    if kind == "star":
        draw.polygon(star(box), fill=fill, outline=outline)
    elif kind == "circle":
        draw.ellipse(box.as_list(), fill=fill, outline=outline)
    elif kind == "diamond":
        cx, cy = box.centre
        draw.polygon([(cx, box.top), (box.right, cy), (cx, box.bottom), (box.left, cy)], fill=fill, outline=outline)
    else:
        draw.rectangle(box.as_list(), fill=fill, outline=outline if kind == "square" else "#37474f")


def wrap(text: str, font: FreeTypeFont, width: int) -> list[str]:
    """``text`` broken into lines no wider than ``width`` pixels (Chinese breaks anywhere)."""
    lines: list[str] = []
    current = ""
    for char in text:
        if char == "\n" or (current and font.getlength(current + char) > width):
            lines.append(current)
            current = "" if char == "\n" else char
        else:
            current += char
    if current:
        lines.append(current)
    return lines


def text_block(
    draw: ImageDraw, origin: tuple[int, int], text: str, font: FreeTypeFont, width: int, fill: str, gap: int = 4
) -> int:
    """Draw wrapped ``text`` from ``origin``; return the y below it."""
    x, y = origin
    height = int(font.size) + gap
    for line in wrap(text, font, width):
        draw.text((x, y), line, font=font, fill=fill)
        y += height
    return y


def overlaps(a: Box, b: Box) -> bool:
    return a.left <= b.right and b.left <= a.right and a.top <= b.bottom and b.top <= a.bottom


def label_boxes(
    markers: Sequence[Box], labels: Sequence[str], measure: Callable[[str], tuple[int, int]], height: int
) -> list[Box | None]:
    """Where each marker's label goes, centred beneath it (above it at the map's bottom edge), or
    ``None`` where it would cover another marker or an earlier label: a crowded map stays readable.
    ``measure`` gives a text's width and height in pixels; ``height`` is the map's."""
    taken: list[Box] = []
    chosen: list[Box | None] = []
    for own, text in zip(markers, labels, strict=True):
        width, tall = measure(text)
        centre = (own.left + own.right) // 2
        top = own.bottom + 2 if own.bottom + 2 + tall < height else own.top - 2 - tall
        area = Box(centre - width // 2, top, centre - width // 2 + width, top + tall)
        clash = any(overlaps(area, other) for other in taken) or any(
            other is not own and overlaps(area, other) for other in markers
        )
        chosen.append(None if clash else area)
        if not clash:
            taken.append(area)
    return chosen
