"""Fixtures of the camera tests: an app with the plugin and a photo store, a few people, sample pictures."""

from __future__ import annotations

import contextlib
import io
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from gridcore_camera.samples import synthetic_portrait
from PIL import ExifTags, Image

from gridcore.services import households, regions, residents
from gridcore.testing import launch_chromium, run_service

#: Synthetic people only; the ID numbers carry valid GB 11643 check digits.
ZHANG_ID = "11010519491231002X"
WANG_ID = "440524188001010014"
GPS_LATITUDE = (30.0, 15.0, 0.0)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def app(make_app, store):
    """Core + camera, initialised, with the photo store in the test's folder."""
    return make_app(["camera"], settings={"camera": {"photo_root": str(store)}})


@pytest.fixture
def people(app):
    """东城街道 > 红旗社区 > 第一小区 (HQDY): HQDY001 户主 张三 (with ID) and 张小 (no ID);
    HQDY002 户主 李四; HQDY003 户主 李四 (a second household of the same name); HQDY004 户主 王五 (with ID)."""
    run_service(app, regions.add, level="街道", name="东城街道")
    run_service(app, regions.add, level="社区", name="红旗社区", parent_code="DC")
    run_service(app, regions.add, level="小区", name="第一小区", parent_code="HQ")
    for head in ("张三", "李四", "李四", "王五"):
        run_service(app, households.add, head_name=head, compound_code="HQDY")
    run_service(app, residents.add, name=None, household_key="HQDY001", relation="户主", id_number=ZHANG_ID)
    run_service(app, residents.add, name="张小", household_key="HQDY001", relation="子")
    run_service(app, residents.add, name=None, household_key="HQDY004", relation="户主", id_number=WANG_ID)
    return app


def jpeg_with_gps(image: Image.Image) -> bytes:
    """``image`` as a JPEG carrying EXIF: camera make, date taken and a GPS position."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "TestCam"
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = "2025:06:01 09:30:00"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = GPS_LATITUDE
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, quality=92)
    return buffer.getvalue()


@pytest.fixture
def portrait_file(tmp_path: Path) -> Path:
    """A 600×800 synthetic portrait saved as JPEG with EXIF and GPS."""
    path = tmp_path / "in" / "portrait.jpg"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(jpeg_with_gps(synthetic_portrait(7).image))
    return path


def has_exif(path: Path) -> bool:
    with Image.open(path) as image:
        return bool(image.getexif()) or "exif" in image.info


@pytest.fixture
def exif_of():
    return has_exif


# --------------------------------------------------------------------------- the web face (gridcore-web)

CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')
CSRF_META = re.compile(r'name="csrf-token" content="([^"]+)"')


class PhotoWebClient:
    """Flask's test client of the web face: logs in through the login page and sends the CSRF token."""

    def __init__(self, web: Any) -> None:
        self.client = web.test_client()
        self.csrf = ""

    def login(self, login: str, password: str) -> None:
        page = self.client.get("/login")
        token = CSRF_FIELD.search(page.text)
        assert token is not None
        answer = self.client.post("/login", data={"login": login, "password": password, "csrf_token": token.group(1)})
        assert answer.status_code == 302, answer.text
        found = CSRF_META.search(self.client.get("/photos/").text)
        assert found is not None
        self.csrf = found.group(1)

    def get(self, path: str, **kwargs: Any) -> Any:
        return self.client.get(path, **kwargs)

    def post(self, path: str, data: dict[str, Any] | None = None, *, csrf: bool = True, **kwargs: Any) -> Any:
        body = {"csrf_token": self.csrf, **(data or {})} if csrf else dict(data or {})
        return self.client.post(path, data=body, **kwargs)


@pytest.fixture
def make_web_people(make_app, store):
    """``make_web_people(**camera_settings)``: core + camera + web, HQDY001 户主 赵一 (name and ID:
    HQDY00101) and 赵二 (no ID: HQDY00102)."""
    pytest.importorskip("gridcore_web")

    def build(**camera: Any) -> Any:
        grid = make_app(["camera", "web"], settings={"camera": {"photo_root": str(store), **camera}})
        run_service(grid, regions.add, level="街道", name="东城街道")
        run_service(grid, regions.add, level="社区", name="红旗社区", parent_code="DC")
        run_service(grid, regions.add, level="小区", name="第一小区", parent_code="HQ")
        run_service(grid, households.add, head_name="赵一", compound_code="HQDY")
        run_service(grid, residents.add, name="赵一", household_key="HQDY001", relation="户主", id_number=ZHANG_ID)
        run_service(grid, residents.add, name="赵二", household_key="HQDY001", relation="子")
        return grid

    return build


@pytest.fixture
def web_people(make_web_people):
    """The people of :func:`make_web_people` with the default settings."""
    return make_web_people()


@pytest.fixture
def photo_web():
    """``photo_web(app, login="admin", password=...)``: the web face of ``app`` and a logged-in client."""
    from gridcore_web.factory import create_app

    from gridcore.testing import TEST_ADMIN_PASSWORD

    def open_web(grid: Any, login: str = "admin", password: str = TEST_ADMIN_PASSWORD) -> PhotoWebClient:
        client = PhotoWebClient(create_app(grid))
        client.login(login, password)
        return client

    return open_web


@pytest.fixture
def portrait_bytes() -> bytes:
    """A 600×800 synthetic portrait as PNG bytes."""
    buffer = io.BytesIO()
    synthetic_portrait(3).image.save(buffer, "PNG")
    return buffer.getvalue()


#: getUserMedia without a person to click "allow", fed by Chromium's own test pattern
FAKE_CAMERA_ARGS = ("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream")


@pytest.fixture(scope="session")
def camera_browser(playwright_driver):
    """One headless Debian Chromium (nothing downloaded) with a fake camera, for the session."""
    launched = launch_chromium(playwright_driver, *FAKE_CAMERA_ARGS)
    yield launched
    launched.close()


@pytest.fixture
def live_photo_web():
    """``with live_photo_web(app) as url``: the web face of ``app`` served by waitress on 127.0.0.1."""
    from gridcore_web.factory import create_app
    from waitress.server import create_server

    @contextlib.contextmanager
    def serving(grid: Any) -> Iterator[str]:
        server: Any = create_server(create_app(grid), host="127.0.0.1", port=0, threads=4, ident="gridcore-test")
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.effective_port}"
        finally:
            server.close()
            server.task_dispatcher.shutdown()
            thread.join(timeout=5)

    return serving
