"""Map images (R-B02, R-B03): checked by content, any size with a warning off 800×600, stored under the root."""

from __future__ import annotations

import io

import pytest
from gridcore_maps import markers
from gridcore_maps.kinds import kinds_on_map
from PIL import Image
from sqlalchemy import select

from gridcore.domain.regions import Region
from gridcore.errors import ConfigError, NotFoundError, ValidationError
from gridcore.services import regions
from gridcore.services.unit import unit_of_work
from gridcore.testing import in_unit, run_service


def region(app, code: str) -> Region:
    with app.db.read_session() as session:
        found = session.execute(select(Region).where(Region.code == code)).scalar_one()
        session.expunge_all()
    return found


def test_an_800_by_600_image_is_stored_under_the_root_and_its_size_recorded(
    maps_app, district, tmp_path, image_root, draw_map
):
    info, warnings = in_unit(maps_app, lambda uow: markers.set_image(uow, "HQDY", draw_map("m.png")))
    assert warnings == []
    stored = region(maps_app, "HQDY")
    assert (stored.map_width, stored.map_height) == (800, 600)
    assert stored.map_image == info.image
    assert stored.map_image.startswith("HQDY-")
    assert stored.map_image.endswith(".png")
    assert (image_root / stored.map_image).is_file()
    with Image.open(image_root / stored.map_image) as saved:
        assert saved.format == "PNG"
        assert saved.size == (800, 600)


def test_any_size_is_accepted_with_a_warning(maps_app, district, tmp_path, draw_map):
    source = draw_map("wide.png", (1024, 500))
    info, warnings = in_unit(maps_app, lambda uow: markers.set_image(uow, "HQ", source))
    assert (info.width, info.height) == (1024, 500)
    assert warnings == ["地图图片为 1024×500 像素, 建议使用 800×600; 已按实际尺寸保存"]


def test_the_content_decides_not_the_name(maps_app, district, tmp_path, image_root):
    fake = tmp_path / "map.png"
    fake.write_text("这不是图片", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"文件 map\.png 不是可识别的图片"):
        run_service(maps_app, markers.set_image, "HQDY", fake)
    assert region(maps_app, "HQDY").map_image is None
    assert not image_root.exists() or list(image_root.iterdir()) == []
    # a JPEG named .bmp is an image all the same, stored as PNG without its EXIF data
    jpeg = tmp_path / "photo.bmp"
    exif = Image.Exif()
    exif[0x010F] = "某相机"  # Make
    Image.new("RGB", (800, 600), (10, 120, 200)).save(jpeg, format="JPEG", exif=exif)
    info = run_service(maps_app, markers.set_image, "HQDY", jpeg)
    with Image.open(image_root / str(info.image)) as saved:
        assert saved.format == "PNG"
        assert not saved.getexif()
        assert saved.getpixel((400, 300)) == pytest.approx((10, 120, 200), abs=3)


def test_a_missing_file_and_a_truncated_image_are_one_clear_line(maps_app, district, tmp_path):
    with pytest.raises(NotFoundError, match="图片文件不存在"):
        run_service(maps_app, markers.set_image, "HQDY", tmp_path / "nowhere.png")
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), "white").save(buffer, format="PNG")
    broken = tmp_path / "broken.png"
    broken.write_bytes(buffer.getvalue()[:200])
    with pytest.raises(ValidationError, match=r"broken\.png"):
        run_service(maps_app, markers.set_image, "HQDY", broken)


def test_a_new_image_of_another_size_moves_the_markers_proportionally(maps_app, district, tmp_path, draw_map):
    run_service(maps_app, markers.set_image, "HQDY", draw_map("a.png"))
    run_service(maps_app, markers.place, "household", district["甲一"], 400, 300)
    run_service(maps_app, markers.place, "household", district["乙二"], 784, 584)  # the last spot that fits
    bigger = draw_map("b.png", (1600, 1200))
    _, warnings = in_unit(maps_app, lambda uow: markers.set_image(uow, "HQDY", bigger))
    assert "已按比例移动 2 个标注" in warnings[-1]
    with unit_of_work(maps_app) as uow:
        compound = regions.get(uow, "HQDY")
        found = {
            item.key: (item.marker.left, item.marker.top)
            for item in markers.items_on_map(uow, compound, kinds_on_map(uow, compound))
            if item.placed and item.marker is not None
        }
    assert found == {district["甲一"]: (800, 600), district["乙二"]: (1568, 1168)}


@pytest.mark.sqlite_only
def test_the_default_root_is_beside_the_sqlite_file(make_app, database_url, tmp_path, draw_map, build_jurisdiction):
    app = make_app(["core", "maps"])
    build_jurisdiction(app)
    info = run_service(app, markers.set_image, "HQDY", draw_map("m.png"))
    database = app.db.sqlite_path
    assert (database.resolve().parent / "map-images" / str(info.image)).is_file()


@pytest.mark.postgres_only
def test_the_network_edition_must_name_a_shared_root(make_app, tmp_path, draw_map, build_jurisdiction):
    app = make_app(["core", "maps"])
    build_jurisdiction(app)
    with pytest.raises(ConfigError, match=r"\[settings\.maps\] image_root"):
        run_service(app, markers.set_image, "HQDY", draw_map("m.png"))
