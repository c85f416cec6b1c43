"""The photo pages of the web face: upload, refusals, permissions, CSRF, R-F04, the picture's masking."""

from __future__ import annotations

import io
import re

import pytest

pytest.importorskip("gridcore_web")

from gridcore_camera.models import CameraPhoto
from gridcore_web.guard import routes
from PIL import Image
from sqlalchemy import select

from gridcore.security.groups import VIEWER_GROUP
from gridcore.services import residents
from gridcore.testing import TEST_OPERATOR_PASSWORD, add_operator, pii_admin, run_service

ZHANG_ID = "11010519491231002X"  # as in conftest.py
STORED = f"resident/赵一{ZHANG_ID}.jpg"
PAGE = "/photos/resident/HQDY00101/"
UPLOAD = "/photos/resident/HQDY00101/upload"
FIELD_ERROR = re.compile(r'<span class="field-error" role="alert" id="err-photo">([^<]+)</span>')


def photo_rows(app):
    with app.db.read_session() as session:
        return [
            (p.entity, p.owner_key, p.path, p.width, p.height, p.source) for p in session.scalars(select(CameraPhoto))
        ]


def store_files(store):
    return sorted(str(p.relative_to(store)) for p in store.rglob("*") if p.is_file()) if store.exists() else []


def upload(client, data: bytes, name: str = "portrait.png", path: str = UPLOAD, **kwargs):
    return client.post(path, {"photo": (io.BytesIO(data), name)}, content_type="multipart/form-data", **kwargs)


def test_an_uploaded_photo_is_stored_as_a_one_inch_photo_and_shown(web_people, photo_web, store, portrait_bytes):
    pii_admin(web_people)
    client = photo_web(web_people)
    answer = upload(client, portrait_bytes)
    assert answer.status_code == 303, answer.text
    assert answer.headers["Location"].endswith(PAGE)
    assert photo_rows(web_people) == [("resident", "HQDY00101", STORED, 295, 413, "file")]
    assert store_files(store) == [STORED]
    assert run_service(web_people, residents.get, "HQDY00101").photo_path == STORED
    with Image.open(store / STORED) as stored:
        assert (stored.format, stored.size, stored.info["dpi"]) == ("JPEG", (295, 413), (300, 300))
    page = client.get(PAGE)
    assert page.status_code == 200
    assert "照片已保存" in page.text
    assert ZHANG_ID not in page.text
    assert STORED not in page.text
    assert str(store) not in page.text
    source = re.search(r'<img id="photo-\d+" src="([^"]+)"', page.text)
    assert source is not None
    picture = client.get(source.group(1).replace("&amp;", "&"))
    assert (picture.status_code, picture.mimetype) == (200, "image/jpeg")
    assert picture.data == (store / STORED).read_bytes()
    assert picture.headers["Cache-Control"] == "no-store"


def test_the_picture_is_hidden_from_an_operator_who_sees_the_path_masked(web_people, photo_web, portrait_bytes):
    client = photo_web(web_people)  # the test administrator has no pii.view
    assert upload(client, portrait_bytes).status_code == 303
    page = client.get(PAGE)
    assert "照片已屏蔽" in page.text
    assert "<img id=" not in page.text
    assert client.get(f"{PAGE}image").status_code == 404


def test_a_file_that_is_not_a_picture_is_refused_next_to_the_field(web_people, photo_web, store):
    client = photo_web(web_people)
    answer = upload(client, b"%PDF-1.4 not a picture", name="scan.png")
    assert answer.status_code == 400
    found = FIELD_ERROR.search(answer.text)
    assert found is not None
    assert found.group(1) == "scan.png: 不是可识别的图片; 请使用 JPG、PNG、BMP、GIF、TIFF、WEBP 格式的图片文件"
    assert photo_rows(web_people) == []
    assert store_files(store) == []
    assert run_service(web_people, residents.get, "HQDY00101").photo_path is None


def test_an_upload_without_a_file_is_refused_next_to_the_field(web_people, photo_web):
    client = photo_web(web_people)
    answer = client.post(UPLOAD, {}, content_type="multipart/form-data")
    assert answer.status_code == 400
    found = FIELD_ERROR.search(answer.text)
    assert found is not None
    assert found.group(1) == "请选择要上传的照片文件"


def test_a_photo_is_refused_while_the_id_number_is_empty_as_in_the_cli(
    web_people, photo_web, cli, store, portrait_bytes, tmp_path
):
    client = photo_web(web_people)
    page = client.get("/photos/resident/HQDY00102/")
    assert page.status_code == 200
    blocked = re.search(r'id="blocked">([^<]+)<', page.text)
    assert blocked is not None
    assert 'id="upload-form"' not in page.text
    assert 'id="camera-capture"' not in page.text
    answer = upload(client, portrait_bytes, path="/photos/resident/HQDY00102/upload")
    assert answer.status_code == 400
    found = re.search(r'id="blocked">([^<]+)<', answer.text)  # the form gives way to the refusal
    assert found is not None
    shown = found.group(1)
    assert shown == "居民 HQDY00102 的「身份证号」为空: 请先填写, 再拍照或添加照片 (照片以这些字段命名)"
    assert blocked.group(1) == shown
    capture = client.post(
        "/photos/resident/HQDY00102/capture",
        {"photo": (io.BytesIO(portrait_bytes), "capture.jpg")},
        content_type="multipart/form-data",
    )
    assert (capture.status_code, capture.json) == (400, {"message": shown})
    (tmp_path / "p.png").write_bytes(portrait_bytes)
    by_cli = cli(web_people, "photo", "attach", "resident", "HQDY00102", str(tmp_path / "p.png"))
    assert by_cli.exit_code != 0
    assert shown in by_cli.output
    assert photo_rows(web_people) == []
    assert store_files(store) == []


def test_changes_need_the_records_edit_permission(web_people, photo_web, store, portrait_bytes):
    add_operator(web_people, "viewer", group=VIEWER_GROUP)
    client = photo_web(web_people, "viewer", TEST_OPERATOR_PASSWORD)
    page = client.get(PAGE)
    assert page.status_code == 200  # resident.view
    assert 'id="upload-form"' not in page.text
    assert upload(client, portrait_bytes).status_code == 403
    capture = client.post(
        "/photos/resident/HQDY00101/capture",
        {"photo": (io.BytesIO(portrait_bytes), "c.jpg")},
        content_type="multipart/form-data",
    )
    assert capture.status_code == 403
    assert client.post("/photos/resident/HQDY00101/detach").status_code == 403
    assert photo_rows(web_people) == []
    assert store_files(store) == []


def test_a_change_without_the_csrf_token_is_refused(web_people, photo_web, store, portrait_bytes):
    client = photo_web(web_people)
    assert upload(client, portrait_bytes, csrf=False).status_code == 403
    assert photo_rows(web_people) == []
    assert store_files(store) == []
    assert upload(client, portrait_bytes).status_code == 303
    assert client.post("/photos/resident/HQDY00101/detach", csrf=False).status_code == 403
    assert store_files(store) == [STORED]


def test_detach_removes_the_photo_and_its_file(web_people, photo_web, store, portrait_bytes):
    client = photo_web(web_people)
    assert upload(client, portrait_bytes).status_code == 303
    answer = client.post("/photos/resident/HQDY00101/detach")
    assert answer.status_code == 303
    assert photo_rows(web_people) == []
    assert store_files(store) == []
    assert run_service(web_people, residents.get, "HQDY00101").photo_path is None
    assert "已移除 HQDY00101 的 1 张照片" in client.get(PAGE).text


def test_only_kinds_with_a_naming_rule_have_photo_pages(web_people, photo_web):
    client = photo_web(web_people)
    assert client.get("/photos/region/DC/").status_code == 404
    found = client.get("/photos/?kind=resident&key=HQDY00101")
    assert (found.status_code, found.headers["Location"]) == (302, PAGE)
    assert client.get("/photos/resident/HQDY09999/").status_code == 404


def test_a_photo_page_is_found_by_name_too(web_people, photo_web):
    """照片采集 takes a name: one match opens its page, several are listed, none is one line."""
    client = photo_web(web_people)
    one = client.get("/photos/", query_string={"kind": "resident", "key": "赵二"})
    assert (one.status_code, one.headers["Location"]) == (302, "/photos/resident/HQDY00102/")
    several = client.get("/photos/", query_string={"kind": "resident", "key": "赵"})
    assert several.status_code == 200
    assert 'href="/photos/resident/HQDY00101/"' in several.text
    assert 'href="/photos/resident/HQDY00102/"' in several.text
    none = client.get("/photos/", query_string={"kind": "resident", "key": "没有这个人"})
    assert none.status_code == 200
    assert "没有找到编号或内容包含「没有这个人」的居民" in none.text


def test_every_photo_route_declares_its_permission(web_people):
    from gridcore_web.factory import create_app

    declared = {
        info.endpoint: info.permission for info in routes(create_app(web_people)) if info.endpoint.startswith("camera.")
    }
    assert declared == {
        "camera.index": "(login)",
        "camera.record": "{entity}.view",
        "camera.image": "{entity}.view",
        "camera.upload": "{entity}.edit",
        "camera.capture": "{entity}.edit",
        "camera.detach": "{entity}.edit",
        "camera.static": "(public)",
    }


def test_the_capture_script_is_served_from_the_package(web_people, photo_web):
    client = photo_web(web_people)
    script = client.get("/photos/static/capture.js")
    assert script.status_code == 200
    assert "getUserMedia" in script.text
    assert "http" not in script.text.replace("https 或", "")
    script.close()


def test_a_file_over_the_photo_limit_is_refused_next_to_the_field(make_web_people, photo_web, store):
    grid = make_web_people(upload_limit_mb=1)
    client = photo_web(grid)
    answer = upload(client, b"\\xff" * (1024 * 1024 + 10), path="/photos/resident/HQDY00101/upload")
    assert answer.status_code == 400  # refused before the picture is read
    found = FIELD_ERROR.search(answer.text)
    assert found is not None
    assert found.group(1) == "照片文件超过 1 MB, 请先缩小图片"
    assert store_files(store) == []


def test_a_household_photo_is_uploaded_at_its_own_size(web_people, photo_web, store, portrait_bytes):
    client = photo_web(web_people)
    answer = upload(client, portrait_bytes, path="/photos/household/HQDY001/upload")
    assert answer.status_code == 303, answer.text
    assert photo_rows(web_people) == [("household", "HQDY001", "household/赵一.jpg", 600, 800, "file")]
    assert store_files(store) == ["household/赵一.jpg"]
