"""The 地图标注 page in Debian's Chromium (Playwright): a drag with 坐标移动 off does nothing; on, it saves."""

from __future__ import annotations

import pytest

pytest.importorskip("gridcore_web")
sync_api = pytest.importorskip("playwright.sync_api")

from gridcore_maps import markers  # noqa: E402
from sqlalchemy import select  # noqa: E402

from gridcore.domain.households import Household  # noqa: E402
from gridcore.testing import TEST_ADMIN_PASSWORD, run_service  # noqa: E402


def position(app, key: str) -> tuple[int | None, int | None]:
    with app.db.read_session() as session:
        found = session.execute(select(Household).where(Household.household_no == key)).scalar_one()
        return found.map_left, found.map_top


def drag(page, selector: str, dx: int, dy: int) -> None:
    box = page.locator(selector).bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx / 2, y + dy / 2, steps=5)
    page.mouse.move(x + dx, y + dy, steps=5)
    page.mouse.up()


def test_dragging_a_marker_needs_the_switch_and_then_persists(
    maps_web_app, maps_live, maps_page, build_jurisdiction, draw_map
):
    expect = sync_api.expect
    keys = build_jurisdiction(maps_web_app)
    run_service(maps_web_app, markers.set_image, "HQDY", draw_map("compound.png", (400, 300)))
    key = keys["甲一"]
    run_service(maps_web_app, markers.place, "household", key, 40, 30)
    page = maps_page
    page.goto(f"{maps_live}/login")
    page.select_option("select#login", "admin")
    page.fill("#password", TEST_ADMIN_PASSWORD)
    page.click("#login-submit")
    page.wait_for_load_state()
    page.goto(f"{maps_live}/maps/HQDY/")
    marker = f'.maps-marker[data-key="{key}"]'
    expect(page.locator(marker)).to_be_visible()

    page.hover(marker)  # hover: the household's information, from the server
    expect(page.locator(".leaflet-tooltip")).to_contain_text("甲一")

    switch = page.locator("#move-switch")
    expect(switch).not_to_be_checked()
    drag(page, marker, 100, 50)
    page.wait_for_timeout(500)
    assert position(maps_web_app, key) == (40, 30)  # switch off: it does not move

    switch.check()
    drag(page, marker, 100, 50)
    expect(page.locator("#map-status")).to_contain_text("已保存")
    left, top = position(maps_web_app, key)
    assert left is not None
    assert top is not None
    assert abs(left - 140) <= 1  # the map is shown at 1:1
    assert abs(top - 80) <= 1
    row = page.locator(f'#marker-list tr[data-key="{key}"] .position')
    expect(row).to_have_text(f"{left}, {top}")

    page.reload()  # it persists
    expect(page.locator(f'#marker-list tr[data-key="{key}"] .position')).to_have_text(f"{left}, {top}")

    page.click(f'#marker-list tr[data-key="{key}"] .reset-button')  # 坐标复原
    expect(page.locator("#map-status")).to_contain_text("坐标已复原")
    assert position(maps_web_app, key) == (0, 0)

    page.fill("#locate-keyword", "甲一")  # search-to-focus
    page.click("#locate-submit")
    expect(page.locator("#map-status")).to_have_text(f"已定位: {key}")
    expect(page.locator(f"{marker}.focused")).to_be_visible()


def test_the_households_distribution_page_of_the_demo_shows_markers(maps_web_app, maps_live, maps_page, tmp_path):
    from gridcore_maps.models import MapMarker

    from gridcore.demo.district import build_district
    from gridcore.domain.regions import Region

    expect = sync_api.expect
    build_district(maps_web_app, households=20, seed=7)
    maps_web_app.plugins.populate_demo(maps_web_app, tmp_path, 7)
    with maps_web_app.db.read_session() as session:
        placed = select(MapMarker.map_region_id).where(MapMarker.entity == "household").limit(1).scalar_subquery()
        code = session.execute(select(Region.code).where(Region.id == placed)).scalar_one()
    page = maps_page
    page.goto(f"{maps_live}/login")
    page.select_option("select#login", "admin")
    page.fill("#password", TEST_ADMIN_PASSWORD)
    page.click("#login-submit")
    page.wait_for_load_state()
    page.goto(f"{maps_live}/maps/households/")  # the menu's page: the maps to choose from
    page.click(f'#maps-list a[href="/maps/{code}/households"]')
    points = page.locator('.maps-point[data-kind="household"]')
    expect(points.first).to_be_visible()
    assert points.count() >= 1

    first = points.first
    key = first.get_attribute("data-key")
    first.hover()  # hover: the household's information, masked by the server
    expect(page.locator(".leaflet-tooltip")).to_contain_text("户主姓名")
    first.click()  # click: its residents
    expect(page.locator("#details")).to_contain_text("居民 / 从业人员")
    expect(page.locator("#member-list tbody tr").first).to_be_visible()

    page.fill("#find-keyword", str(key))  # search-to-focus
    page.click("#find-submit")
    expect(page.locator("#map-status")).to_contain_text("已定位")
    expect(page.locator(f'.maps-point.focused[data-key="{key}"]')).to_be_visible()
