"""Laying out an org chart (组织机构图): boxes and connector lines for a tree of any size and depth.

A small tidy-tree layout: each subtree gets a horizontal slot as wide as its widest row, a parent sits
centred over its children, and all boxes of one depth share a row. A parent with many leaf children
(more than ``max_per_row``) wraps them into a grid of rows fed by a trunk on the grid's left, so a
committee of thirty stays readable. A *hub* is an invisible node that only carries lines: the
organization chart uses it to hang the lower level under the whole upper row. Connectors run only in
the gaps between boxes, so no line crosses a box (the tests check it).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterator

import attrs

TITLE = "title"
BOX = "box"
HUB = "hub"


@attrs.frozen(kw_only=True)
class ChartNode:
    """One node of the chart: its text lines (first line main), its children, and how it is drawn.

    ``style`` is ``title`` (the chart's big title box), ``box`` (a member or a unit) or ``hub`` (no
    box: a junction the lines pass through).
    """

    lines: tuple[str, ...] = ()
    children: tuple[ChartNode, ...] = ()
    style: str = BOX

    @classmethod
    def hub(cls, children: tuple[ChartNode, ...]) -> ChartNode:
        return cls(lines=(), children=children, style=HUB)

    def walk(self) -> Iterator[ChartNode]:
        yield self
        for child in self.children:
            yield from child.walk()


@attrs.frozen(kw_only=True)
class ChartStyle:
    """Sizes (in SVG user units, which are PNG pixels at scale 1) and the grid wrap limit."""

    font_size: int = 16
    title_font_size: int = 22
    padding_x: int = 14
    padding_y: int = 10
    line_gap: int = 6
    h_gap: int = 24
    v_gap: int = 40
    margin: int = 30
    min_box_width: int = 72
    max_per_row: int = 6


DEFAULT_STYLE = ChartStyle()


@attrs.frozen(kw_only=True)
class Box:
    """A drawn node: top-left corner, size, text lines, style and font size."""

    x: float
    y: float
    width: float
    height: float
    lines: tuple[str, ...]
    style: str
    font_size: int

    @property
    def center_x(self) -> float:
        return self.x + self.width / 2

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def line_centers(self, style: ChartStyle) -> list[float]:
        """The vertical centre of each text line."""
        step = self.font_size + style.line_gap
        used = len(self.lines) * self.font_size + (len(self.lines) - 1) * style.line_gap
        top = self.y + (self.height - used) / 2
        return [top + i * step + self.font_size / 2 for i in range(len(self.lines))]


@attrs.frozen(kw_only=True)
class Segment:
    """A straight connector line (always horizontal or vertical)."""

    x1: float
    y1: float
    x2: float
    y2: float


@attrs.frozen(kw_only=True)
class ChartLayout:
    width: float
    height: float
    boxes: tuple[Box, ...]
    segments: tuple[Segment, ...]
    style: ChartStyle


def text_width(text: str, size: float) -> float:
    """Width of ``text`` at ``size``: a full em for Chinese (wide) characters, 0.6 em otherwise."""
    return sum(size if unicodedata.east_asian_width(ch) in "WF" else 0.6 * size for ch in text)


@attrs.define
class _Item:
    node: ChartNode
    depth: int
    children: list[_Item]
    width: float = 0.0
    height: float = 0.0
    rel: float = 0.0  # centre relative to the parent's centre
    wrapped: bool = False
    cell: float = 0.0
    x: float = 0.0  # centre
    y: float = 0.0  # top

    @property
    def is_hub(self) -> bool:
        return self.node.style == HUB

    @property
    def is_leaf(self) -> bool:
        return not self.children and not self.is_hub


Contour = dict[int, tuple[float, float]]


def _merge(base: Contour, other: Contour, offset: float) -> Contour:
    """``base`` widened by ``other`` shifted right by ``offset``, depth by depth."""
    merged = dict(base)
    for depth, (lo, hi) in other.items():
        if depth in merged:
            merged[depth] = (min(merged[depth][0], lo + offset), max(merged[depth][1], hi + offset))
        else:
            merged[depth] = (lo + offset, hi + offset)
    return merged


class _Layout:
    def __init__(self, root: ChartNode, style: ChartStyle) -> None:
        self.style = style
        self.root = self._build(root, 0)
        self.items = list(self._items(self.root))
        self._size_boxes()
        contour = self._shape(self.root)
        self.left = min(lo for lo, _ in contour.values())
        self.extent = max(hi for _, hi in contour.values()) - self.left
        self.bands = self._bands()
        self.tops = self._row_tops()
        self._place(self.root, style.margin - self.left)
        self.segments: list[Segment] = []
        for item in self.items:
            self._connect(item)

    def _build(self, node: ChartNode, depth: int) -> _Item:
        return _Item(node=node, depth=depth, children=[self._build(child, depth + 1) for child in node.children])

    def _items(self, item: _Item) -> Iterator[_Item]:
        yield item
        for child in item.children:
            yield from self._items(child)

    def font(self, item: _Item) -> int:
        return self.style.title_font_size if item.node.style == TITLE else self.style.font_size

    def _size_boxes(self) -> None:
        """Widths from the text; one height for every ordinary box (tidy rows), its own for titles."""
        s = self.style

        def natural_height(item: _Item) -> float:
            lines = max(len(item.node.lines), 1)
            size = self.font(item)
            return lines * size + (lines - 1) * s.line_gap + 2 * s.padding_y

        ordinary = [natural_height(i) for i in self.items if i.node.style == BOX]
        box_height = max(ordinary, default=0.0)
        for item in self.items:
            if item.is_hub:
                continue
            size = self.font(item)
            widest = max((text_width(line, size) for line in item.node.lines), default=0.0)
            item.width = max(float(s.min_box_width), widest + 2 * s.padding_x)
            item.height = box_height if item.node.style == BOX else natural_height(item)

    def _shape(self, item: _Item) -> Contour:
        """Place the children relative to ``item`` and return its contour (extent per depth).

        Siblings are pushed together until their contours keep ``h_gap`` apart at every depth they
        share (a tidy tree), so a leaf may sit above a wide subtree of its neighbour.
        """
        s = self.style
        own: Contour = {item.depth: (-item.width / 2, item.width / 2)}
        if not item.children:
            return own
        leaves = all(child.is_leaf for child in item.children)
        if leaves and len(item.children) > s.max_per_row:
            item.wrapped = True
            item.cell = max(child.width for child in item.children)
            block = s.max_per_row * (item.cell + s.h_gap)
            first = -block / 2 + s.h_gap + item.cell / 2
            for index, child in enumerate(item.children):
                child.width = item.cell
                child.rel = first + (index % s.max_per_row) * (item.cell + s.h_gap)
            return _merge(own, {item.depth + 1: (-block / 2, block / 2)}, 0.0)
        shapes = [self._shape(child) for child in item.children]
        placed: Contour = dict(shapes[0])
        offsets = [0.0]
        for shape in shapes[1:]:
            shared = [d for d in shape if d in placed]
            offset = max(placed[d][1] - shape[d][0] + s.h_gap for d in shared)
            offsets.append(offset)
            placed = _merge(placed, shape, offset)
        middle = (offsets[0] + offsets[-1]) / 2
        for child, offset in zip(item.children, offsets, strict=True):
            child.rel = offset - middle
        return _merge(own, placed, -middle)

    def _grid_rows(self, item: _Item) -> int:
        return math.ceil(len(item.children) / self.style.max_per_row)

    def _bands(self) -> dict[int, float]:
        """The height of each depth's row: its tallest box, or its tallest wrapped grid."""
        bands: dict[int, float] = {}
        for item in self.items:
            bands[item.depth] = max(bands.get(item.depth, 0.0), item.height)
            if item.wrapped:
                rows = self._grid_rows(item)
                child_height = item.children[0].height
                grid = rows * child_height + (rows - 1) * self.style.v_gap
                bands[item.depth + 1] = max(bands.get(item.depth + 1, 0.0), grid)
        return bands

    def _row_tops(self) -> dict[int, float]:
        tops: dict[int, float] = {}
        y = float(self.style.margin)
        for depth in sorted(self.bands):
            tops[depth] = y
            y += self.bands[depth] + self.style.v_gap
        return tops

    def _place(self, item: _Item, x: float) -> None:
        """Absolute positions from the relative ones: ``x`` is the item's centre."""
        item.x = x
        item.y = self.tops[item.depth]
        if item.is_hub:
            item.height = self.bands[item.depth]
        for index, child in enumerate(item.children):
            if item.wrapped:
                row = index // self.style.max_per_row
                child.x = x + child.rel
                child.y = self.tops[child.depth] + row * (child.height + self.style.v_gap)
            else:
                self._place(child, x + child.rel)

    def _bus(self, depth: int) -> float:
        return self.tops[depth] - self.style.v_gap / 2

    def _add(self, x1: float, y1: float, x2: float, y2: float) -> None:
        if (x1, y1) != (x2, y2):
            self.segments.append(Segment(x1=x1, y1=y1, x2=x2, y2=y2))

    def _connect(self, item: _Item) -> None:
        if item.is_hub:
            self._add(item.x, item.y, item.x, item.y + item.height)
        if not item.children:
            return
        bottom = item.y + item.height
        if item.wrapped:
            self._connect_grid(item, bottom)
            return
        bus = self._bus(item.depth + 1)
        self._add(item.x, bottom, item.x, bus)
        xs = [item.x, *(child.x for child in item.children)]
        self._add(min(xs), bus, max(xs), bus)
        for child in item.children:
            self._add(child.x, bus, child.x, child.y)

    def _connect_grid(self, item: _Item, bottom: float) -> None:
        s = self.style
        per_row = s.max_per_row
        trunk = item.children[0].x - item.cell / 2 - s.h_gap / 2
        rows = [item.children[i : i + per_row] for i in range(0, len(item.children), per_row)]
        buses = [row[0].y - s.v_gap / 2 for row in rows]
        self._add(item.x, bottom, item.x, buses[0])
        self._add(trunk, buses[0], trunk, buses[-1])
        for row, bus in zip(rows, buses, strict=True):
            xs = [trunk, *(child.x for child in row)]
            if bus == buses[0]:
                xs.append(item.x)
            self._add(min(xs), bus, max(xs), bus)
            for child in row:
                self._add(child.x, bus, child.x, child.y)

    def result(self) -> ChartLayout:
        boxes = tuple(
            Box(
                x=item.x - item.width / 2,
                y=item.y,
                width=item.width,
                height=item.height,
                lines=item.node.lines,
                style=item.node.style,
                font_size=self.font(item),
            )
            for item in self.items
            if not item.is_hub
        )
        depth = max(self.bands)
        height = self.tops[depth] + self.bands[depth] + self.style.margin
        return ChartLayout(
            width=self.extent + 2 * self.style.margin,
            height=height,
            boxes=boxes,
            segments=tuple(self.segments),
            style=self.style,
        )


def layout_chart(root: ChartNode, style: ChartStyle = DEFAULT_STYLE) -> ChartLayout:
    """Place every box of the tree under ``root`` and route the connectors between them."""
    return _Layout(root, style).result()
