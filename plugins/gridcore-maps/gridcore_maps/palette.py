"""Colours and marker shapes shared by the PNG and HTML renderings, so the two always agree."""

from __future__ import annotations

from collections.abc import Sequence

RGB = tuple[int, int, int]

#: Marker colour and shape per kind; kinds not listed take the next of :data:`SPARE` in order.
KIND_STYLES: dict[str, tuple[str, str]] = {
    "region": ("#c62828", "rect"),
    "household": ("#e53935", "star"),
    "premises": ("#1e63b5", "square"),
}
SPARE: tuple[tuple[str, str], ...] = (
    ("#2e7d32", "circle"),
    ("#6a1b9a", "diamond"),
    ("#ef6c00", "circle"),
    ("#00838f", "diamond"),
)

#: House-state (房屋状态) colours by dictionary code; entries users add take :data:`STATE_SPARE` in order.
STATE_COLOURS: dict[str, str] = {
    "1": "#66bb6a",  # 自住
    "2": "#ffa726",  # 出租
    "3": "#90a4ae",  # 空置
    "4": "#fff176",  # 部分出租
    "9": "#ba68c8",  # 其他
}
STATE_SPARE: tuple[str, ...] = ("#4dd0e1", "#f06292", "#a1887f", "#aed581", "#7986cb")
#: A household whose 房屋状态 is blank.
STATE_BLANK = "#ffe0b2"
#: A flat with no household record.
NO_RECORD = "#ffffff"
#: A household the query did not select.
NOT_SELECTED = "#e0e0e0"
GRID_LINE = "#757575"
TEXT = "#212121"
MUTED = "#9e9e9e"
PANEL = "#fafafa"


def kind_styles(kind_ids: Sequence[str]) -> dict[str, tuple[str, str]]:
    """``{kind: (colour, shape)}`` for the kinds of one map."""
    styles: dict[str, tuple[str, str]] = {}
    spare = iter(SPARE)
    for kind_id in kind_ids:
        styles[kind_id] = KIND_STYLES.get(kind_id) or next(spare, SPARE[0])
    return styles


def state_colours(codes: Sequence[str]) -> dict[str, str]:
    """``{house-state code: colour}`` for the dictionary's entries, in order."""
    colours: dict[str, str] = {}
    spare = iter(STATE_SPARE)
    for code in codes:
        colours[code] = STATE_COLOURS.get(code) or next(spare, STATE_SPARE[0])
    return colours


def rgb(colour: str) -> RGB:
    """``#rrggbb`` as an (r, g, b) tuple."""
    text = colour.lstrip("#")
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)
