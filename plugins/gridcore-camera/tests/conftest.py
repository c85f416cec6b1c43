"""Fixtures of the camera tests: an app with the plugin and a photo store, a few people, sample pictures."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from gridcore_camera.samples import synthetic_portrait
from PIL import ExifTags, Image

from gridcore.services import households, regions, residents
from gridcore.testing import run_service

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
