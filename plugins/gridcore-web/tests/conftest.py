"""Fixtures of the web tests: the web application on the test database, a logged-in test client, a live
server (waitress in a thread) and one Chromium for the whole session (Debian's, nothing downloaded).
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from gridcore_web.factory import create_app
from gridcore_web.testing import WebClient

from gridcore.testing import TEST_ADMIN_PASSWORD, launch_chromium

ARTIFACTS = Path(os.environ.get("GRIDCORE_WEB_ARTIFACTS") or Path(__file__).resolve().parent.parent / "artifacts")


@pytest.fixture
def web_app(make_app: Any) -> Any:
    """gridcore with the web plugin, initialised on this test's database (SQLite or PostgreSQL)."""
    return make_app(["core", "web"])


@pytest.fixture
def web(web_app: Any) -> Any:
    return create_app(web_app)


@pytest.fixture
def client(web: Any) -> WebClient:
    return WebClient(web)


@pytest.fixture
def web_client() -> Any:
    """``web_client(web)``: another test client of a web application (a second browser, say)."""
    return WebClient


@pytest.fixture
def admin(client: WebClient) -> WebClient:
    """A test client logged in as the test administrator."""
    assert client.login().status_code == 302
    return client


@contextlib.contextmanager
def serving(web: Any) -> Iterator[str]:
    """Serve ``web`` with waitress on a free port of 127.0.0.1 until the block ends."""
    from waitress.server import create_server

    server: Any = create_server(web, host="127.0.0.1", port=0, threads=4, ident="gridcore-test")
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.close()
        server.task_dispatcher.shutdown()
        thread.join(timeout=5)


@pytest.fixture
def live(web: Any) -> Iterator[str]:
    with serving(web) as url:
        yield url


@pytest.fixture
def serve() -> Any:
    """``with serve(web) as url``: serve another web application for the block."""
    return serving


@pytest.fixture(scope="session")
def browser(playwright_driver: Any) -> Iterator[Any]:
    """One headless Chromium (Debian's package) for the whole test session."""
    launched = launch_chromium(playwright_driver)
    yield launched
    launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser context at 1024x768 (the manual's minimum); any request off 127.0.0.1 fails the test."""
    context = browser.new_context(viewport={"width": 1024, "height": 768}, locale="zh-CN", accept_downloads=True)
    outside: list[str] = []

    def guard(route: Any) -> None:
        host = urlparse(route.request.url).hostname
        if host not in {"127.0.0.1", "localhost"} and not route.request.url.startswith(("data:", "blob:")):
            outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", guard)
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    opened.on("dialog", lambda dialog: dialog.accept())
    yield opened
    context.close()
    assert not outside, f"pages asked for addresses outside the server: {outside}"


def save_screenshot(page: Any, name: str) -> Path:
    """Save a screenshot of ``page`` as a test artefact (``artifacts/`` of the plugin, git-ignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


def log_in(page: Any, base: str, login: str = "admin", password: str = TEST_ADMIN_PASSWORD) -> None:
    page.goto(f"{base}/login")
    if page.locator("select#login").count():
        page.select_option("select#login", login)
    else:
        page.fill("#login", login)
    page.fill("#password", password)
    page.click("#login-submit")
    page.wait_for_load_state()


@pytest.fixture
def district(web_app: Any) -> Any:
    """东城街道 > 红旗社区 (HQ) > 第一小区 (HQDY), 第二小区 (HQDE)."""
    from gridcore.services import regions
    from gridcore.testing import run_service

    run_service(web_app, regions.add, level="街道", name="东城街道")
    run_service(web_app, regions.add, level="社区", name="红旗社区", parent_code="DC")
    run_service(web_app, regions.add, level="小区", name="第一小区", parent_code="HQ")
    run_service(web_app, regions.add, level="小区", name="第二小区", parent_code="HQ")
    return web_app


#: Synthetic people of :func:`people`: (name, sex, birth date, ID number, phone); none is a real person.
PEOPLE = (
    ("甲一", "男", "1949-12-31", "110105194912310038", "13800001111"),
    ("乙二", "女", "1949-12-31", "11010519491231002X", "13800002222"),
    ("丙三", "女", "1985-06-15", "110105198506150049", "13900003333"),
)


@pytest.fixture
def people(district: Any) -> Any:
    """Household HQDY001 (甲一 户主, 乙二 配偶) and HQDE001 (丙三 户主)."""
    from gridcore.services import households, residents
    from gridcore.testing import run_service

    run_service(district, households.add, head_name="甲一", compound_code="HQDY")
    run_service(district, households.add, head_name="丙三", compound_code="HQDE")
    for (name, _sex, _born, number, phone), household, relation in zip(
        PEOPLE, ("HQDY001", "HQDY001", "HQDE001"), ("户主", "配偶", "户主"), strict=True
    ):
        run_service(
            district,
            residents.add,
            name=name,
            household_key=household,
            relation=relation,
            id_number=number,
            given={"联系电话": phone},
        )
    return district


@pytest.fixture
def screenshot() -> Any:
    """``screenshot(page, name)`` saves a screenshot as a test artefact."""
    return save_screenshot


@pytest.fixture
def browser_login() -> Any:
    """``browser_login(page, base, login="admin", password=...)`` logs in through the login page."""
    return log_in
