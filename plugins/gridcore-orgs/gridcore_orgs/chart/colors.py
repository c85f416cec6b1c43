"""The chart's colours, shared by the SVG and the PNG renderer so that both look the same."""

from __future__ import annotations

BACKGROUND = "#ffffff"
LINE = "#8c1c13"
TITLE_FILL = "#b71c1c"
TITLE_TEXT = "#ffffff"
BOX_FILL = "#fff4f2"
BOX_BORDER = "#b71c1c"
MAIN_TEXT = "#1f1f1f"
OTHER_TEXT = "#555555"
LINE_WIDTH = 2
CORNER = 6
FONT_FAMILY = "WenQuanYi Micro Hei, Noto Sans CJK SC, Microsoft YaHei, PingFang SC, SimHei, sans-serif"


def text_colour(style: str, line_index: int) -> str:
    if style == "title":
        return TITLE_TEXT
    return MAIN_TEXT if line_index == 0 else OTHER_TEXT


def fill_and_border(style: str) -> tuple[str, str]:
    return (TITLE_FILL, TITLE_FILL) if style == "title" else (BOX_FILL, BOX_BORDER)
