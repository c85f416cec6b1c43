"""Fixtures of the maps tests: an app with the plugin, a small jurisdiction, map images drawn on the spot.

The jurisdiction: 江畔街道 (JP) > 红旗社区 (HQ) > 第一小区 (HQDY) and 第二小区 (HQDE); households with
synthetic heads in 第一小区, building 1, units 1 and 2. Map images are plain colours, so a test can
tell a marker's pixels from the map's. Tests reach these through fixtures (``draw_map``,
``build_jurisdiction``), never by importing this module, so the suite runs in any import mode.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from PIL import Image

from gridcore.services import households, regions, residents
from gridcore.services.unit import unit_of_work
from gridcore.testing import launch_chromium

MAP_COLOUR = (250, 250, 240)


@pytest.fixture
def draw_map(tmp_path: Path) -> Callable[..., Path]:
    """``draw_map("m.png", (800, 600), colour)``: a plain map image in this test's folder."""

    def draw(name: str, size: tuple[int, int] = (800, 600), colour: tuple[int, int, int] = MAP_COLOUR) -> Path:
        path = tmp_path / name
        Image.new("RGB", size, colour).save(path)
        return path

    return draw


@pytest.fixture
def image_root(tmp_path: Path) -> Path:
    return tmp_path / "map-images"


@pytest.fixture
def maps_app(make_app, image_root):
    """The core and maps, initialised, with map images stored under ``image_root``."""
    return make_app(["core", "maps"], settings={"maps": {"image_root": str(image_root)}})


HOUSEHOLDS = (
    # head, 楼号, 单元, 门牌号, 房屋状态
    ("甲一", "1", "1", "101", "自住"),
    ("乙二", "1", "1", "102", "出租"),
    ("丙三", "1", "1", "301", "空置"),
    ("丁四", "1", "2", "201", "自住"),
    ("戊五", "1", "2", "X-A", "自住"),
)


def build_jurisdiction(app) -> dict[str, str]:
    """The regions and households above; returns head name → 户籍编号."""
    with unit_of_work(app) as uow:
        regions.add(uow, level=0, name="江畔街道", code="JP")
        regions.add(uow, level=1, name="红旗社区", parent_code="JP", code="HQ")
        regions.add(uow, level=2, name="第一小区", parent_code="HQ", code="HQDY")
        regions.add(uow, level=2, name="第二小区", parent_code="HQ", code="HQDE")
        keys = {}
        for head, building, unit, door, state in HOUSEHOLDS:
            given = {"楼号": building, "单元": unit, "门牌号": door, "房屋状态": state}
            household = households.add(uow, head_name=head, compound_code="HQDY", given=given)
            keys[head] = household.household_no
        residents.add(uow, name="甲一", household_key=keys["甲一"], relation="户主")
        residents.add(uow, name="甲小", household_key=keys["甲一"], relation="子", given={"人口类型": "流动人口"})
        residents.add(uow, name="乙二", household_key=keys["乙二"], relation="户主", given={"残疾人": "是"})
    return keys


@pytest.fixture
def district(maps_app) -> dict[str, str]:
    return build_jurisdiction(maps_app)


@pytest.fixture(name="build_jurisdiction")
def build_jurisdiction_fixture() -> Callable[[Any], dict[str, str]]:
    """:func:`build_jurisdiction` for tests that make their own app."""
    return build_jurisdiction


# --------------------------------------------------------------------------- the web pages (gridcore-web)


@pytest.fixture
def maps_web_app(make_app, image_root):
    """The core, maps and web plugins (the test is skipped when gridcore-web is not installed)."""
    pytest.importorskip("gridcore_web")
    return make_app(["core", "maps", "web"], settings={"maps": {"image_root": str(image_root)}})


@pytest.fixture
def maps_web(maps_web_app):
    """The Flask application of ``maps_web_app``."""
    from gridcore_web.factory import create_app

    return create_app(maps_web_app)


@pytest.fixture
def web_login(maps_web) -> Callable[[str, str], Any]:
    """``web_login(login, password)``: a test client logged in as that operator."""
    from gridcore_web.testing import logged_in

    return functools.partial(logged_in, maps_web)


@pytest.fixture
def maps_live(maps_web) -> Iterator[str]:
    """``maps_web`` served by waitress on a free port of 127.0.0.1."""
    from waitress.server import create_server

    server: Any = create_server(maps_web, host="127.0.0.1", port=0, threads=4, ident="gridcore-maps-test")
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.close()
        server.task_dispatcher.shutdown()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def maps_browser(playwright_driver: Any) -> Iterator[Any]:
    """Debian's headless Chromium (nothing downloaded); skipped where Playwright or the browser is missing."""
    launched = launch_chromium(playwright_driver)
    yield launched
    launched.close()


@pytest.fixture
def maps_page(maps_browser) -> Iterator[Any]:
    """A page at 1024×768; any request off 127.0.0.1 fails the test."""
    context = maps_browser.new_context(viewport={"width": 1024, "height": 768}, locale="zh-CN")
    outside: list[str] = []

    def guard(route: Any) -> None:
        url = route.request.url
        if urlparse(url).hostname not in {"127.0.0.1", "localhost"} and not url.startswith(("data:", "blob:")):
            outside.append(url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", guard)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
    assert not outside, f"the page asked for addresses outside the server: {outside}"
