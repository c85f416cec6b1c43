"""The map image form of 地图标注设置 (Flask test client): maps.edit, CSRF, upload, replace, refusals."""

from __future__ import annotations

import io
import re

import pytest

pytest.importorskip("gridcore_web")

from gridcore_maps import markers
from PIL import Image
from sqlalchemy import select

from gridcore.domain.regions import Region
from gridcore.services.operators import add_group
from gridcore.testing import TEST_ADMIN_PASSWORD, TEST_OPERATOR_PASSWORD, add_operator, grant, run_service


def png(size: tuple[int, int], colour: tuple[int, int, int] = (200, 220, 240)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def upload(code: str, data: bytes, name: str = "地图.png") -> dict[str, object]:
    return {"region": code, "image": (io.BytesIO(data), name)}


def stored_image(app, code: str) -> tuple[str | None, int | None, int | None]:
    with app.db.read_session() as session:
        region = session.execute(select(Region).where(Region.code == code)).scalar_one()
        return region.map_image, region.map_width, region.map_height


def stored_files(root) -> list[str]:
    return sorted(p.name for p in root.iterdir()) if root.exists() else []


def error_line(page: str) -> str:
    found = re.search(r'id="err-map-image">([^<]*)<', page)
    assert found is not None, page
    return found.group(1)


@pytest.fixture
def district(maps_web_app, build_jurisdiction):
    return build_jurisdiction(maps_web_app)


@pytest.fixture
def admin(web_login):
    return web_login("admin", TEST_ADMIN_PASSWORD)


def test_the_form_needs_maps_edit(maps_web_app, district, web_login, image_root):
    run_service(maps_web_app, add_group, "看图组")
    grant(maps_web_app, "看图组", "maps.view", "region.view")
    add_operator(maps_web_app, "viewer", group="看图组")
    viewer = web_login("viewer", TEST_OPERATOR_PASSWORD)

    page = viewer.get("/maps/")
    assert page.status_code == 200
    assert 'id="map-image-form"' not in page.text
    assert "「地图标注设置」页上传地图图片" in page.text
    answer = viewer.post("/maps/set-image", upload("HQDY", png((800, 600))))
    assert answer.status_code == 403
    assert stored_image(maps_web_app, "HQDY") == (None, None, None)
    assert stored_files(image_root) == []


def test_the_form_lists_the_regions_and_points_to_the_cli_as_an_alternative(maps_web_app, district, admin):
    page = admin.get("/maps/")
    assert page.status_code == 200
    assert 'id="map-image-form"' in page.text
    assert 'enctype="multipart/form-data"' in page.text
    assert re.search(r'name="csrf_token" value="[^"]+"', page.text)
    options = re.findall(r'<option value="([A-Z]+)"', page.text)
    assert options == ["JP", "HQ", "HQDE", "HQDY"]
    assert "请先运行" not in page.text
    assert "「设置地图图片」中选择辖区并上传图片" in page.text
    assert "gridcore map set-image 辖区编码 图片文件" in page.text
    assert "selected>小区 第一小区" in admin.get("/maps/?region=HQDY").text


def test_an_uploaded_png_is_stored_and_the_annotate_page_serves_it(maps_web_app, district, admin, image_root):
    answer = admin.post("/maps/set-image", upload("HQDY", png((800, 600))))
    assert answer.status_code == 303
    assert answer.headers["Location"].endswith("/maps/HQDY/")

    name, width, height = stored_image(maps_web_app, "HQDY")
    assert (width, height) == (800, 600)
    assert name is not None
    assert name.startswith("HQDY-")
    assert stored_files(image_root) == [name]

    page = admin.get("/maps/HQDY/")
    assert page.status_code == 200
    assert "已设置小区第一小区 (HQDY) 的地图图片 地图.png: 800×600 像素" in page.text
    assert 'data-image="/maps/HQDY/image"' in page.text
    picture = admin.get("/maps/HQDY/image")
    assert picture.status_code == 200
    assert picture.mimetype == "image/png"
    with Image.open(io.BytesIO(picture.data)) as served:
        assert served.size == (800, 600)
    assert "HQDY" in admin.get("/maps/").text.split('id="maps-list"')[1]


def test_the_csrf_token_may_come_in_the_form_field_and_is_required(maps_web_app, district, admin, image_root):
    refused = admin.post("/maps/set-image", upload("HQ", png((800, 600))), csrf=False)
    assert refused.status_code == 403
    assert stored_image(maps_web_app, "HQ") == (None, None, None)
    assert stored_files(image_root) == []

    form = {**upload("HQ", png((800, 600))), "csrf_token": admin.csrf}
    assert admin.client.post("/maps/set-image", data=form).status_code == 303
    assert stored_image(maps_web_app, "HQ")[1:] == (800, 600)


def test_replacing_a_map_moves_its_markers_and_serves_the_new_image(
    maps_web_app, district, admin, draw_map, image_root
):
    run_service(maps_web_app, markers.set_image, "HQDY", draw_map("small.png", (400, 300)))
    run_service(maps_web_app, markers.place, "household", district["甲一"], 40, 30)
    old_name = stored_image(maps_web_app, "HQDY")[0]

    page = admin.get("/maps/")
    assert 'href="/maps/?region=HQDY#map-image"' in page.text
    assert "已有 400×300 地图" in page.text
    assert 'id="replace-image-link"' in admin.get("/maps/HQDY/").text

    answer = admin.post("/maps/set-image", upload("HQDY", png((800, 600), (10, 20, 30)), "新地图.jpg.png"))
    assert answer.status_code == 303
    name, width, height = stored_image(maps_web_app, "HQDY")
    assert name != old_name
    assert (width, height) == (800, 600)
    shown = admin.get("/maps/HQDY/")
    assert "地图尺寸由 400×300 改为 800×600, 已按比例移动 1 个标注" in shown.text
    assert "80, 60" in shown.text
    with Image.open(io.BytesIO(admin.get("/maps/HQDY/image").data)) as served:
        assert served.size == (800, 600)
        assert served.convert("RGB").getpixel((5, 5)) == (10, 20, 30)


def test_a_file_that_is_not_an_image_is_refused_and_nothing_is_stored(maps_web_app, district, admin, image_root):
    answer = admin.post("/maps/set-image", upload("HQDY", "这不是图片".encode(), "map.png"))
    assert answer.status_code == 400
    line = error_line(answer.text)
    assert line.startswith("文件 map.png 不是可识别的图片")
    assert "\n" not in line
    assert 'value="HQDY" selected' in answer.text  # the choice is kept for the next try
    assert stored_image(maps_web_app, "HQDY") == (None, None, None)
    assert stored_files(image_root) == []


def test_an_unknown_region_is_refused_and_nothing_is_stored(maps_web_app, district, admin, image_root):
    answer = admin.post("/maps/set-image", upload("ZZ99", png((800, 600))))
    assert answer.status_code == 400
    assert error_line(answer.text).startswith("没有编码为 ZZ99 的辖区")
    assert stored_files(image_root) == []
    for code in ("JP", "HQ", "HQDY", "HQDE"):
        assert stored_image(maps_web_app, code) == (None, None, None)


def test_a_missing_region_or_file_and_a_file_too_large_are_one_line_each(maps_web_app, district, admin, image_root):
    no_region = admin.post("/maps/set-image", upload("", png((80, 60))))
    assert error_line(no_region.text) == "辖区: 请选择要设置地图图片的辖区"
    no_file = admin.post("/maps/set-image", {"region": "HQDY"})
    assert error_line(no_file.text) == "图片: 请选择要上传的地图图片文件"
    big = png((80, 60)) + b"\0" * (10 * 1024 * 1024)  # a valid PNG padded past the limit
    too_large = admin.post("/maps/set-image", upload("HQDY", big, "大图.png"))
    assert too_large.status_code == 400
    assert error_line(too_large.text) == "图片文件 大图.png 超过 10 MB: 请先缩小图片"
    assert stored_image(maps_web_app, "HQDY") == (None, None, None)
    assert stored_files(image_root) == []


def test_a_scoped_operator_sees_and_sets_only_the_regions_of_their_scope(maps_web_app, district, web_login, image_root):
    run_service(maps_web_app, add_group, "标注组")
    grant(maps_web_app, "标注组", "maps.view", "maps.edit", "region.view", "household.view")
    add_operator(maps_web_app, "worker", group="标注组", scope="HQDE")
    worker = web_login("worker", TEST_OPERATOR_PASSWORD)

    assert re.findall(r'<option value="([A-Z]+)"', worker.get("/maps/").text) == ["HQDE"]
    refused = worker.post("/maps/set-image", upload("HQDY", png((800, 600))))
    assert refused.status_code == 400
    assert error_line(refused.text).startswith("没有编码为 HQDY 的辖区")
    assert stored_files(image_root) == []
    assert worker.post("/maps/set-image", upload("HQDE", png((800, 600)))).status_code == 303
    assert stored_image(maps_web_app, "HQDE")[1:] == (800, 600)
