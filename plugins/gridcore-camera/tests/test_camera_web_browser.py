"""Capture in a real browser: Chromium's fake camera, getUserMedia, a frame drawn to a canvas and posted."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

pytest.importorskip("gridcore_web")
pytest.importorskip("playwright")

from gridcore_camera.models import CameraPhoto
from sqlalchemy import select

from gridcore.services import residents
from gridcore.testing import TEST_ADMIN_PASSWORD, run_service

ZHANG_ID = "11010519491231002X"  # as in conftest.py
STORED = f"resident/赵一{ZHANG_ID}.jpg"


def test_a_frame_captured_in_the_browser_is_stored_as_the_residents_photo(
    web_people, live_photo_web, camera_browser, store
):
    with live_photo_web(web_people) as base:
        context = camera_browser.new_context(viewport={"width": 1024, "height": 768}, locale="zh-CN")
        outside: list[str] = []

        def guard(route):
            if urlparse(route.request.url).hostname != "127.0.0.1":
                outside.append(route.request.url)
                route.abort()
            else:
                route.continue_()

        context.route("**/*", guard)
        page = context.new_page()
        page.set_default_timeout(15_000)
        errors: list[str] = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        try:
            page.goto(f"{base}/login")
            if page.locator("select#login").count():
                page.select_option("select#login", "admin")
            else:
                page.fill("#login", "admin")
            page.fill("#password", TEST_ADMIN_PASSWORD)
            page.click("#login-submit")
            page.wait_for_load_state()
            page.goto(f"{base}/photos/resident/HQDY00101/")
            assert page.locator("#no-photo").inner_text() == "HQDY00101 还没有照片"
            page.click("#camera-start")
            page.wait_for_selector("#camera-shoot:not([disabled])")
            with page.expect_navigation():
                page.click("#camera-shoot")
            assert "拍照已保存" in page.locator("#messages").inner_text()
            assert page.locator("#no-photo").count() == 0
        finally:
            context.close()
    with web_people.db.read_session() as session:
        stored = [(p.owner_key, p.path, p.width, p.height, p.source) for p in session.scalars(select(CameraPhoto))]
    assert stored == [("HQDY00101", STORED, 295, 413, "camera")]
    assert (store / STORED).is_file()
    assert run_service(web_people, residents.get, "HQDY00101").photo_path == STORED
    assert not outside
    assert errors == []
