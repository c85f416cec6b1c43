"""The chart's SVG (escaped Chinese text) and PNG (checked by its pixels, in a real CJK font)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from gridcore_orgs.chart import (
    TITLE,
    ChartNode,
    chart_file_stem,
    colors,
    layout_chart,
    render_png,
    render_svg,
    write_chart,
)
from PIL import Image, ImageColor

from gridcore.stats.fonts import find_cjk_font

SVG = "{http://www.w3.org/2000/svg}"


def chart() -> ChartNode:
    bottom = tuple(ChartNode(lines=("委员", name)) for name in ("王某", "赵某", "钱某"))
    top = (ChartNode(lines=("主任", "张某")), ChartNode.hub(bottom), ChartNode(lines=("书记", "李某")))
    return ChartNode(lines=("江畔社区居民委员会",), style=TITLE, children=top)


@pytest.fixture(scope="module")
def font():
    return find_cjk_font()


def test_svg_holds_every_box_and_escaped_text():
    root = ChartNode(lines=("A&B <委员会>",), style=TITLE, children=(ChartNode(lines=('"主任"', "张某")),))
    layout = layout_chart(root)
    tree = ET.fromstring(render_svg(layout, description="A&B <委员会>").encode("utf-8"))
    texts = [t.text for t in tree.iter(f"{SVG}text")]
    assert texts == ["A&B <委员会>", '"主任"', "张某"]
    assert tree.find(f"{SVG}title").text == "A&B <委员会>"
    rects = list(tree.iter(f"{SVG}rect"))
    assert len(rects) == 1 + len(layout.boxes)  # the background, then one per box
    assert len(list(tree.iter(f"{SVG}line"))) == len(layout.segments)
    assert float(tree.get("width")) == pytest.approx(layout.width, abs=0.1)


def test_svg_rows_follow_the_levels():
    tree = ET.fromstring(render_svg(layout_chart(chart())).encode("utf-8"))
    y = {t.text: float(t.get("y")) for t in tree.iter(f"{SVG}text")}
    assert y["江畔社区居民委员会"] < y["主任"] == y["书记"] < y["委员"]


def pixel(image, x: float, y: float, scale: int):
    return image.getpixel((round(x * scale), round(y * scale)))


def ink(image, box, scale: int, colour: str) -> int:
    """How many pixels inside ``box`` have ``colour`` (text drawn in it)."""
    wanted = ImageColor.getrgb(colour)
    crop = image.crop((round(box.x * scale) + 4, round(box.y * scale) + 4, round(box.right * scale) - 4,
                       round(box.bottom * scale) - 4))  # fmt: skip
    counts = {colour: n for n, colour in crop.getcolors(crop.width * crop.height)}
    return counts.get(wanted, 0)


def test_png_is_drawn_as_the_layout_says(tmp_path, font):
    scale = 2
    layout = layout_chart(chart())
    path = render_png(layout, tmp_path / "chart.png", font=font, scale=scale)
    image = Image.open(path).convert("RGB")
    assert image.size == (round(layout.width * scale), round(layout.height * scale))
    assert image.getpixel((1, 1)) == ImageColor.getrgb(colors.BACKGROUND)
    for segment in layout.segments:
        middle = ((segment.x1 + segment.x2) / 2, (segment.y1 + segment.y2) / 2)
        assert pixel(image, *middle, scale) == ImageColor.getrgb(colors.LINE)
    for box in layout.boxes:
        fill, border = colors.fill_and_border(box.style)
        assert pixel(image, box.x + 3, box.y + box.height / 2, scale) == ImageColor.getrgb(fill)
        assert pixel(image, box.center_x, box.y, scale) == ImageColor.getrgb(border)
        text = colors.TITLE_TEXT if box.style == TITLE else colors.MAIN_TEXT
        assert ink(image, box, scale, text) > 50  # the first line's glyphs are drawn


def test_png_draws_chinese_glyphs_not_one_placeholder(tmp_path, font):
    """Different characters give different pixels (a missing glyph would draw the same box for all)."""
    scale = 2
    root = ChartNode(
        lines=("标题",),
        style=TITLE,
        children=(ChartNode(lines=("主任",)), ChartNode(lines=("委员",)), ChartNode(lines=("主任",))),
    )
    layout = layout_chart(root)
    image = Image.open(render_png(layout, tmp_path / "glyphs.png", font=font, scale=scale)).convert("RGB")

    def crop(box):
        return image.crop((round(box.x * scale), round(box.y * scale), round(box.x * scale) + round(box.width * scale),
                           round(box.y * scale) + round(box.height * scale))).tobytes()  # fmt: skip

    _, first, second, third = layout.boxes
    assert crop(first) == crop(third)  # same text, same pixels
    assert crop(first) != crop(second)  # other characters, other pixels


def test_write_chart_writes_both_files_with_a_safe_name(tmp_path, font):
    svg, png = write_chart(chart(), tmp_path / "out", "江畔/社区 居委会", font=font)
    assert (svg.name, png.name) == ("江畔_社区_居委会.svg", "江畔_社区_居委会.png")
    assert "江畔社区居民委员会" in svg.read_text(encoding="utf-8")
    assert Image.open(png).format == "PNG"
    assert chart_file_stem("../..") == "chart"
