"""Images are recognised by their content, re-encoded, and lose EXIF and GPS."""

from __future__ import annotations

import io

import pytest
from gridcore_camera.images import MAX_PIXELS, encode_jpeg, load_image, read_image
from PIL import ExifTags, Image

from gridcore.errors import ValidationError


def test_a_text_file_named_jpg_is_refused_in_one_line_naming_it(tmp_path):
    fake = tmp_path / "照片.jpg"
    fake.write_text("这不是图片", encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        load_image(fake)
    message = str(caught.value)
    assert message.startswith("照片.jpg: 不是可识别的图片")
    assert "\n" not in message


def test_a_truncated_jpeg_is_refused(tmp_path, portrait_file):
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(portrait_file.read_bytes()[:400])
    with pytest.raises(ValidationError, match=r"^broken\.jpg: 不是可识别的图片"):
        load_image(broken)


def test_an_eps_file_is_never_decoded():
    eps = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\nshowpage\n"
    with pytest.raises(ValidationError, match="不是可识别的图片"):
        read_image(eps, "drawing.eps")


def test_a_png_named_jpg_is_accepted_by_its_content(tmp_path):
    path = tmp_path / "really-a-png.jpg"
    Image.new("RGB", (20, 30), (10, 200, 30)).save(path, "PNG")
    loaded = load_image(path)
    assert loaded.source_format == "PNG"
    assert loaded.image.size == (20, 30)
    assert loaded.image.getpixel((5, 5)) == (10, 200, 30)


def test_exif_and_gps_are_gone_after_re_encoding(portrait_file, exif_of, tmp_path):
    with Image.open(portrait_file) as original:
        assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the input does carry a position
    loaded = load_image(portrait_file)
    assert loaded.taken_at is not None
    assert (loaded.taken_at.year, loaded.taken_at.month, loaded.taken_at.hour) == (2025, 6, 9)
    out = tmp_path / "clean.jpg"
    out.write_bytes(encode_jpeg(loaded.image, quality=90))
    assert not exif_of(out)
    with Image.open(out) as cleaned:
        assert cleaned.getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}
        assert "icc_profile" not in cleaned.info
        assert "xmp" not in cleaned.info


def test_exif_orientation_is_applied_before_it_is_dropped():
    image = Image.new("RGB", (40, 20), (255, 0, 0))
    image.paste((0, 0, 255), (0, 0, 20, 20))  # left half blue
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # "rotate 90° clockwise to view"
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, quality=95)
    loaded = read_image(buffer.getvalue(), "rotated.jpg")
    assert loaded.image.size == (20, 40)
    top = loaded.image.getpixel((10, 5))
    bottom = loaded.image.getpixel((10, 35))
    assert top[2] > 200 > top[0]  # the blue half is now on top
    assert bottom[0] > 200 > bottom[2]


def test_transparency_is_flattened_on_white(tmp_path):
    path = tmp_path / "alpha.png"
    image = Image.new("RGBA", (10, 10), (0, 0, 0, 0))
    image.paste((200, 0, 0, 255), (0, 0, 5, 10))
    image.save(path)
    loaded = load_image(path)
    assert loaded.image.mode == "RGB"
    assert loaded.image.getpixel((8, 5)) == (255, 255, 255)
    assert loaded.image.getpixel((2, 5)) == (200, 0, 0)


def test_a_picture_too_large_is_refused_before_it_is_decoded(tmp_path):
    side = int(MAX_PIXELS**0.5) + 10
    path = tmp_path / "huge.png"
    Image.new("1", (side, side)).save(path)  # 1-bit: small on disk, huge when decoded
    with pytest.raises(ValidationError, match=r"^huge\.png: 图片 .* 像素过大"):
        load_image(path)


def test_a_missing_file_names_it(tmp_path):
    with pytest.raises(ValidationError, match=r"nothing\.jpg: 文件不存在"):
        load_image(tmp_path / "nothing.jpg")
