"""住户居民分布图 and 营业场所分布图 in gridcore-web (Flask test client): the menus open them, permissions,
the markers' data, masking on the server, members, 未标注, drill-down from a community, the PNG."""

from __future__ import annotations

import html
import json
import re
from typing import Any

import pytest

pytest.importorskip("gridcore_web")
pytest.importorskip("gridcore_premises")

from gridcore_maps import markers

from gridcore.security.groups import ADMIN_GROUP, PII_VIEW
from gridcore.services import households, records, regions
from gridcore.services.operators import add_group
from gridcore.services.unit import unit_of_work
from gridcore.testing import TEST_ADMIN_PASSWORD, TEST_OPERATOR_PASSWORD, add_operator, grant, run_service

PAGES = (
    "/maps/households/",
    "/maps/premises/",
    "/maps/HQDY/households",
    "/maps/HQDY/premises",
    "/maps/HQDY/households.png",
    "/maps/HQDY/premises.png",
)


@pytest.fixture
def maps_web_app(make_app, image_root):
    """Core, maps, web and the premises plugin (营业场所分布图 needs premises registered)."""
    return make_app(["core", "maps", "web", "premises"], settings={"maps": {"image_root": str(image_root)}})


@pytest.fixture
def mapped(maps_web_app, build_jurisdiction, draw_map) -> dict[str, str]:
    """The maps tests' jurisdiction: 红旗社区 (HQ) with a map and 第一小区 on it; 第一小区's map with 甲一's
    household (联系电话 set) and a shop (联系电话 set, 乙二 employed) placed; the other four households not."""
    app = maps_web_app
    keys = build_jurisdiction(app)
    run_service(app, markers.set_image, "HQ", draw_map("community.png", (500, 400)))
    run_service(app, markers.set_image, "HQDY", draw_map("compound.png", (400, 300)))
    run_service(app, markers.place, "compound", "HQDY", 100, 100)
    run_service(app, markers.place, "household", keys["甲一"], 40, 30)
    with unit_of_work(app) as uow:
        households.edit(uow, keys["甲一"], {"联系电话": "13812345678"})
        shop = records.add(uow, "premises", {"场所名称": "好邻居便利店", "小区编码": "HQDY", "联系电话": "13987654321"})
        keys["shop"] = str(shop.premises_no)
    run_service(app, markers.place, "premises", keys["shop"], 200, 120)
    from gridcore_premises.employees import link

    with unit_of_work(app) as uow:
        link(uow, keys["shop"], _resident_key(uow, "乙二"))
    return keys


def _resident_key(uow: Any, name: str) -> str:
    from sqlalchemy import select

    from gridcore.domain.residents import Resident

    found = uow.session.execute(select(Resident).where(Resident.name == name)).scalar_one()
    return str(found.resident_no)


def page_data(text: str) -> dict[str, Any]:
    found = re.search(r'data-map="([^"]*)"', text)
    assert found is not None, "the page carries no data-map"
    data: dict[str, Any] = json.loads(html.unescape(found.group(1)))
    return data


@pytest.fixture
def admin(web_login):
    return web_login("admin", TEST_ADMIN_PASSWORD)


def test_the_menus_open_the_pages_and_they_need_maps_view(maps_web_app, mapped, web_login, admin):
    run_service(maps_web_app, add_group, "空组")
    run_service(maps_web_app, add_group, "看图组")
    grant(maps_web_app, "看图组", "maps.view", "household.view", "premises.view", "region.view")
    add_operator(maps_web_app, "nobody", group="空组")
    add_operator(maps_web_app, "viewer", group="看图组")

    home = admin.get("/", follow_redirects=True).text
    assert 'href="/maps/households/"' in home  # the menus 住户居民分布图 / 营业场所分布图 open a page
    assert 'href="/maps/premises/"' in home

    nobody = web_login("nobody", TEST_OPERATOR_PASSWORD)
    for path in PAGES:
        assert nobody.get(path).status_code == 403, path
    assert "/maps/households/" not in nobody.get("/", follow_redirects=True).text

    viewer = web_login("viewer", TEST_OPERATOR_PASSWORD)
    for path in PAGES[:4]:
        assert viewer.get(path).status_code == 200, path
    index = viewer.get("/maps/households/").text
    assert "/maps/HQDY/households" in index
    assert "/maps/HQ/households" in index
    page = viewer.get("/maps/HQDY/households").text
    assert "第一小区 住户居民分布图" in page
    [marker] = page_data(page)["markers"]
    assert marker["members"] is None  # no resident.view: no members, and the page says why
    assert "无「查看居民」权限" in page_data(page)["membersNote"]


def test_the_households_page_has_the_markers_members_and_the_unplaced(maps_web_app, mapped, admin):
    page = admin.get("/maps/HQDY/households")
    assert page.status_code == 200
    data = page_data(page.text)
    assert (data["width"], data["height"]) == (400, 300)
    [marker] = data["markers"]  # households only: the shop is on the other page
    assert (marker["kind"], marker["key"], marker["left"], marker["top"]) == ("household", mapped["甲一"], 40, 30)
    assert marker["label"] == "101"  # 门牌号
    assert marker["info"]["户主姓名"] == "甲一"
    assert sorted(m["姓名"] for m in marker["members"]) == ["甲一", "甲小"]  # click lists the residents
    assert data["styles"]["household"]["shape"] == "star"
    assert '未标注 (<span id="unplaced-count">4</span>)' in page.text
    for name in ("乙二", "丙三", "丁四"):
        assert mapped[name] in page.text  # listed as 未标注
    assert "/maps/HQDY/households.png" in page.text
    assert "/maps/HQ/households" in page.text  # 上级地图
    assert "http://" not in page.text
    assert "https://" not in page.text
    assert "<script>" not in page.text  # CSP: no inline script


def test_hover_information_is_masked_on_the_server(maps_web_app, mapped, admin, web_login):
    households_page = admin.get("/maps/HQDY/households").text
    [household] = page_data(households_page)["markers"]
    assert household["info"]["联系电话"] == "138****5678"  # the administrator's group lacks pii.view
    assert "13812345678" not in households_page
    premises_page = admin.get("/maps/HQDY/premises").text
    [shop] = page_data(premises_page)["markers"]
    assert shop["info"]["联系电话"] == "139****4321"
    assert "13987654321" not in premises_page

    grant(maps_web_app, ADMIN_GROUP, PII_VIEW)  # with pii.view (from the next login) the value is shown
    unmasked = web_login("admin", TEST_ADMIN_PASSWORD).get("/maps/HQDY/households").text
    assert page_data(unmasked)["markers"][0]["info"]["联系电话"] == "13812345678"


def test_the_premises_page_lists_the_employees(maps_web_app, mapped, admin):
    data = page_data(admin.get("/maps/HQDY/premises").text)
    [shop] = data["markers"]
    assert (shop["kind"], shop["key"], shop["label"]) == ("premises", mapped["shop"], "好邻居便利店")
    assert [m["姓名"] for m in shop["members"]] == ["乙二"]
    assert data["styles"]["premises"]["shape"] == "square"


def test_the_community_map_links_its_compounds_maps(maps_web_app, mapped, admin):
    page = admin.get("/maps/HQ/households")
    assert page.status_code == 200
    assert "红旗社区 住户居民分布图" in page.text
    data = page_data(page.text)
    [compound] = data["markers"]
    assert (compound["kind"], compound["key"], compound["link"]) == ("region", "HQDY", "/maps/HQDY/households")
    assert "第二小区" in page.text  # 未标注
    shops = page_data(admin.get("/maps/HQ/premises").text)
    assert shops["markers"][0]["link"] == "/maps/HQDY/premises"


def test_the_png_download(maps_web_app, mapped, admin):
    picture = admin.get("/maps/HQDY/households.png")
    assert (picture.status_code, picture.mimetype, picture.data[:4]) == (200, "image/png", b"\x89PNG")
    assert "attachment" in picture.headers["Content-Disposition"]
    assert admin.get("/maps/HQDY/premises.png").status_code == 200


def test_a_map_without_an_image_or_an_unknown_region_is_one_line(maps_web_app, mapped, admin):
    run_service(maps_web_app, regions.add, level=2, name="第三小区", parent_code="HQ", code="HQDS")
    answer = admin.get("/maps/HQDS/households")
    assert answer.status_code == 400
    assert "还没有地图图片: 请先运行 gridcore map set-image HQDS 图片文件" in answer.text
    assert admin.get("/maps/NOPE/households").status_code == 404
