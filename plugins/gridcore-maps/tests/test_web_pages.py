"""The map pages in gridcore-web (Flask test client): permissions, CSRF, placing, 坐标复原, search, 房态图."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("gridcore_web")

from gridcore_maps import markers
from sqlalchemy import select

from gridcore.domain.households import Household
from gridcore.services.operators import add_group
from gridcore.testing import TEST_ADMIN_PASSWORD, TEST_OPERATOR_PASSWORD, add_operator, grant, run_service


@pytest.fixture
def mapped(maps_web_app, build_jurisdiction, draw_map):
    """The maps tests' jurisdiction with a 400×300 map of 第一小区; 甲一's household at 40, 30."""
    keys = build_jurisdiction(maps_web_app)
    run_service(maps_web_app, markers.set_image, "HQDY", draw_map("compound.png", (400, 300)))
    run_service(maps_web_app, markers.place, "household", keys["甲一"], 40, 30)
    return keys


def position(app, key: str) -> tuple[int | None, int | None]:
    with app.db.read_session() as session:
        found = session.execute(select(Household).where(Household.household_no == key)).scalar_one()
        return found.map_left, found.map_top


@pytest.fixture
def admin(web_login):
    return web_login("admin", TEST_ADMIN_PASSWORD)


def test_the_pages_need_maps_view_and_placing_needs_maps_edit(maps_web_app, mapped, web_login):
    run_service(maps_web_app, add_group, "空组")
    run_service(maps_web_app, add_group, "看图组")
    grant(maps_web_app, "看图组", "maps.view", "household.view", "region.view")
    add_operator(maps_web_app, "nobody", group="空组")
    add_operator(maps_web_app, "viewer", group="看图组")
    key = mapped["甲一"]
    place = {"kind": "household", "key": key, "左起点": "100", "上起点": "100"}

    nobody = web_login("nobody", TEST_OPERATOR_PASSWORD)
    for path in ("/maps/", "/maps/HQDY/", "/maps/HQDY/image", "/maps/HQDY/locate?q=甲", "/maps/HQDY/house-state"):
        assert nobody.get(path).status_code == 403, path
    assert nobody.post("/maps/HQDY/place", place).status_code == 403

    viewer = web_login("viewer", TEST_OPERATOR_PASSWORD)
    page = viewer.get("/maps/HQDY/")
    assert page.status_code == 200
    assert "坐标移动" not in page.text  # no switch for who may not move
    assert "坐标复原" not in page.text
    assert viewer.post("/maps/HQDY/place", place).status_code == 403
    assert viewer.post("/maps/HQDY/reset", {"kind": "household", "key": key}).status_code == 403
    assert position(maps_web_app, key) == (40, 30)


def test_a_post_moves_the_marker_and_it_persists(maps_web_app, mapped, admin):
    key = mapped["甲一"]
    page = admin.get("/maps/HQDY/")
    assert page.status_code == 200
    assert 'id="move-switch"' in page.text
    assert "40, 30" in page.text

    answer = admin.post("/maps/HQDY/place", {"kind": "household", "key": key, "左起点": "120", "上起点": "80"})
    assert answer.status_code == 200
    assert answer.json == {"key": key, "left": 120, "top": 80, "map": "HQDY"}
    assert position(maps_web_app, key) == (120, 80)
    assert "120, 80" in admin.get("/maps/HQDY/").text


def test_placing_without_the_csrf_token_is_refused(maps_web_app, mapped, admin):
    key = mapped["甲一"]
    answer = admin.post("/maps/HQDY/place", {"kind": "household", "key": key, "左起点": "9", "上起点": "9"}, csrf=False)
    assert answer.status_code == 403
    assert position(maps_web_app, key) == (40, 30)


def test_a_position_off_the_map_is_one_line_and_nothing_moves(maps_web_app, mapped, admin):
    key = mapped["甲一"]
    answer = admin.post("/maps/HQDY/place", {"kind": "household", "key": key, "左起点": "390", "上起点": "10"})
    assert answer.status_code == 400
    assert answer.json == {"error": "左起点 390 超出第一小区地图范围: 应在 0–384 之间 (地图宽 400, 标注宽 16)"}
    answer = admin.post("/maps/HQDY/place", {"kind": "household", "key": key, "左起点": "左", "上起点": "10"})
    assert answer.status_code == 400
    assert answer.json == {"error": "左起点 应为整数像素, 收到「左」"}
    assert position(maps_web_app, key) == (40, 30)


def test_reset_puts_the_marker_at_the_corner_and_an_unplaced_one_on_the_map(maps_web_app, mapped, admin):
    placed, unplaced = mapped["甲一"], mapped["乙二"]
    assert admin.post("/maps/HQDY/reset", {"kind": "household", "key": placed}).json["left"] == 0
    assert position(maps_web_app, placed) == (0, 0)
    assert position(maps_web_app, unplaced) == (None, None)
    answer = admin.post("/maps/HQDY/reset", {"kind": "household", "key": unplaced})
    assert answer.json == {"key": unplaced, "left": 0, "top": 0, "map": "HQDY"}
    assert position(maps_web_app, unplaced) == (0, 0)


def test_locate_finds_the_household_by_its_heads_name(maps_web_app, mapped, admin):
    assert admin.get("/maps/HQDY/locate?q=丙三").json == {"kind": "household", "key": mapped["丙三"], "placed": False}
    assert admin.get("/maps/HQDY/locate?q=甲一").json == {"kind": "household", "key": mapped["甲一"], "placed": True}
    missing = admin.get("/maps/HQDY/locate?q=无此人")
    assert (missing.status_code, missing.json) == (404, {"error": "没有找到包含「无此人」的记录"})


def test_the_map_image_the_index_and_the_house_state_chart(maps_web_app, mapped, admin):
    image = admin.get("/maps/HQDY/image")
    assert (image.status_code, image.mimetype) == (200, "image/png")
    index = admin.get("/maps/")
    assert index.status_code == 200
    assert "/maps/HQDY/" in index.text
    chart = admin.get("/maps/HQDY/house-state")
    assert chart.status_code == 200
    assert "第一小区 居民房态图" in chart.text
    assert "/maps/HQDY/house-state.png" in chart.text
    picture = admin.get("/maps/HQDY/house-state.png")
    assert (picture.status_code, picture.mimetype, picture.data[:4]) == (200, "image/png", b"\x89PNG")
    assert "第一小区" in admin.get("/maps/house-state/").text
    everyone = re.search(r"共 (\d+) 户, 查询选中 (\d+) 户", chart.text)
    assert everyone is not None
    assert everyone.group(1) == everyone.group(2)
    found = admin.get("/maps/HQDY/house-state", query_string={"q": "甲一"}).text
    picked = re.search(r"共 (\d+) 户, 查询选中 (\d+) 户", found)
    assert picked is not None
    assert (picked.group(1), picked.group(2)) == (everyone.group(1), "1")
    assert 'value="甲一"' in found
    assert "house-state.png?q=" in found


def test_no_map_page_names_an_address_outside_the_server(maps_web_app, mapped, admin):
    for path in ("/maps/", "/maps/HQDY/", "/maps/HQDY/house-state", "/maps/house-state/"):
        text = admin.get(path).text
        assert "http://" not in text, path
        assert "https://" not in text, path


def test_hover_information_is_masked_on_the_server(maps_web_app, mapped, admin):
    import html
    import json
    import re

    from gridcore.services import households
    from gridcore.services.unit import unit_of_work

    with unit_of_work(maps_web_app) as uow:
        households.edit(uow, mapped["甲一"], {"联系电话": "13812345678"})
    page = admin.get("/maps/HQDY/").text
    data = json.loads(html.unescape(re.search(r'data-map="([^"]*)"', page).group(1)))
    [marker] = data["markers"]
    assert marker["info"]["联系电话"] == "138****5678"  # the administrator's group lacks pii.view
    assert "13812345678" not in page


def test_without_the_premises_plugin_its_page_says_so_in_one_line(maps_web_app, mapped, admin):
    answer = admin.get("/maps/premises/")
    assert answer.status_code == 404
    assert "营业场所分布图: 没有安装登记「premises」的插件" in answer.text
    assert admin.get("/maps/HQDY/premises").status_code == 404
    assert admin.get("/maps/HQDY/households").status_code == 200
