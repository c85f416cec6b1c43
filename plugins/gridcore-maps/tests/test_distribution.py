"""住户居民分布图 (R-M01–M05): the PNG checked by its pixels, the standalone page by its content."""

from __future__ import annotations

import json
import re

import pytest
from gridcore_maps import markers, outputs, palette
from gridcore_maps.distribution import distribution
from gridcore_maps.render_map import PANEL_WIDTH, marker_id
from PIL import Image

from gridcore.services import households
from gridcore.services.unit import read_unit, unit_of_work
from gridcore.testing import add_operator, grant, login_actor, run_service

HOUSEHOLD_RED = palette.rgb(palette.KIND_STYLES["household"][0])
COMPOUND_RED = palette.rgb(palette.KIND_STYLES["region"][0])
MAP_COLOUR = (250, 250, 240)


@pytest.fixture
def placed(maps_app, district, tmp_path, draw_map):
    """第一小区's map with 甲一 at (100, 120) and 乙二 at (400, 300); the others unplaced."""
    run_service(maps_app, markers.set_image, "HQDY", draw_map("compound.png", colour=MAP_COLOUR))
    run_service(maps_app, markers.place, "household", district["甲一"], 100, 120)
    run_service(maps_app, markers.place, "household", district["乙二"], 400, 300)
    with unit_of_work(maps_app) as uow:
        households.edit(uow, district["乙二"], {"联系电话": "13812345678"})
    return district


def render(app, tmp_path, actor=None, code="HQDY"):
    with read_unit(app, actor or login_actor(app)) as uow:
        dm = distribution(uow, code)
    return dm, outputs.write_distribution(app, dm, tmp_path / "out")


def test_markers_are_drawn_where_they_were_placed(maps_app, placed, tmp_path):
    _, written = render(maps_app, tmp_path)
    assert written.png.name == "HQDY-住户居民分布图.png"
    with Image.open(written.png) as picture:
        image = picture.convert("RGB")
    assert image.size == (800 + PANEL_WIDTH, 600)
    # a 16×16 star at (100, 120): its centre is the household colour, the map around it is untouched
    assert image.getpixel((108, 128)) == HOUSEHOLD_RED
    assert image.getpixel((408, 308)) == HOUSEHOLD_RED
    assert image.getpixel((100 - 3, 120 - 3)) == MAP_COLOUR
    assert image.getpixel((250, 250)) == MAP_COLOUR
    # the label (门牌号) is written under the star: dark pixels in the band below it
    band = [image.getpixel((x, y)) for x in range(90, 127) for y in range(137, 152)]
    assert any(sum(pixel) < 200 for pixel in band)
    assert written.layout.markers[marker_id("household", placed["甲一"])].as_list() == [100, 120, 115, 135]


def test_the_legend_counts_placed_and_unplaced(maps_app, placed, tmp_path):
    dm, written = render(maps_app, tmp_path)
    [entry] = dm.legend
    assert (entry.title, entry.placed, entry.unplaced) == ("住户", 2, 3)
    assert [u.key for u in dm.unplaced] == [placed[h] for h in ("丙三", "丁四", "戊五")]  # R-M05: listed, not drawn
    with Image.open(written.png) as picture:
        image = picture.convert("RGB")
    swatch = written.layout.legend["household"]
    assert swatch.left > 800  # in the panel, right of the map
    assert image.getpixel(swatch.centre) == HOUSEHOLD_RED
    panel_text = [
        image.getpixel((x, y))
        for x in range(swatch.right + 8, swatch.right + 120)
        for y in range(swatch.top, swatch.bottom)
    ]
    assert any(sum(pixel) < 200 for pixel in panel_text)  # the legend's words


def test_the_page_is_standalone_and_shows_masked_information(maps_app, placed, tmp_path):
    viewer = add_operator(maps_app, "cha", group="查询员")  # may view, without pii.view
    _, written = render(maps_app, tmp_path, actor=viewer)
    page = written.html.read_text(encoding="utf-8")
    assert "http:" not in page
    assert "https:" not in page
    assert re.findall(r'(?:src|href)="([^"]*)"', page) == [page.split('src="', 1)[1].split('"', 1)[0]]
    assert 'src="data:image/png;base64,' in page
    data = json.loads(re.search(r'<script type="application/json" id="map-data">(.*?)</script>', page, re.S).group(1))
    first, second = data["items"]
    assert first["title"] == "住户 101"
    assert second["info"]["联系电话"] == "138****5678"  # masked for an operator without pii.view
    assert [m["姓名"] for m in first["members"]] == ["甲一", "甲小"]  # clicking lists the residents
    assert second["members"][0]["姓名"] == "乙二"
    assert 'data-i="0"' in page
    assert 'data-i="1"' in page
    assert "未标注 (3)" in page


def test_an_operator_with_pii_view_sees_the_phone(maps_app, placed, tmp_path):
    from gridcore.testing import pii_admin

    _, written = render(maps_app, tmp_path, actor=pii_admin(maps_app))
    page = written.html.read_text(encoding="utf-8")
    assert "13812345678" in page


def test_without_resident_view_no_one_is_listed(maps_app, placed, tmp_path):
    from gridcore.services.operators import add_group

    with unit_of_work(maps_app) as uow:
        add_group(uow, "看图员", description="只看地图")
    grant(maps_app, "看图员", "maps.view", "household.view")
    mapper = add_operator(maps_app, "kan", group="看图员")
    dm, written = render(maps_app, tmp_path, actor=mapper)
    assert all(marker.members is None for marker in dm.markers)
    assert dm.members_note == "无「查看居民」权限, 不列出居民与从业人员"
    assert "甲小" not in written.html.read_text(encoding="utf-8")


def test_a_community_map_shows_its_compounds(maps_app, placed, tmp_path, draw_map):
    run_service(maps_app, markers.set_image, "HQ", draw_map("community.png", colour=MAP_COLOUR))
    run_service(maps_app, markers.set_marker_size, "HQ", 30, 20)
    run_service(maps_app, markers.place, "compound", "HQDY", 200, 150)
    dm, written = render(maps_app, tmp_path, code="HQ")
    assert dm.title == "红旗社区 小区分布图"
    assert [(m.key, m.label) for m in dm.markers] == [("HQDY", "第一小区")]
    with Image.open(written.png) as picture:
        image = picture.convert("RGB")
    assert image.getpixel((215, 160)) == COMPOUND_RED
    assert image.getpixel((228, 168)) == COMPOUND_RED  # the whole 30×20 rectangle
    assert image.getpixel((232, 160)) == MAP_COLOUR


def test_viewing_needs_maps_view(maps_app, placed):
    from gridcore.errors import PermissionDeniedError
    from gridcore.services.operators import add_group

    with unit_of_work(maps_app) as uow:
        add_group(uow, "无图", description="")
    grant(maps_app, "无图", "household.view")
    nobody = add_operator(maps_app, "wu", group="无图")
    with read_unit(maps_app, nobody) as uow, pytest.raises(PermissionDeniedError, match=r"maps\.view"):
        distribution(uow, "HQDY")


def test_hovering_shows_information_and_clicking_lists_residents_in_a_browser(maps_app, placed, tmp_path, maps_browser):
    _, written = render(maps_app, tmp_path, actor=add_operator(maps_app, "cha", group="查询员"))
    page = maps_browser.new_page()
    try:
        asked: list[str] = []
        page.on("request", lambda request: asked.append(request.url))
        page.goto(written.html.as_uri())
        star = page.locator('[data-i="1"]')
        star.hover()
        tip = page.locator("#tip").inner_text()
        assert "住户 102" in tip
        assert "138****5678" in tip
        star.click()
        details = page.locator("#details").inner_text()
        assert "居民 / 从业人员 (1)" in details
        assert "乙二" in details
    finally:
        page.close()
    assert asked == [written.html.as_uri()]  # nothing else was fetched
