"""One-inch and ID-card photos (R-R01): size, dpi, crop around the face or the centre, no EXIF."""

from __future__ import annotations

import pytest
from gridcore_camera.faces import FaceBox, default_face_finder, opencv
from gridcore_camera.samples import synthetic_portrait
from gridcore_camera.standardize import PRESETS, crop_box, standardize, standardize_file
from PIL import Image

from gridcore.errors import ValidationError

GREEN, RED, BLUE = (0, 160, 0), (220, 0, 0), (0, 0, 220)


def close(pixel, colour, tolerance=40):
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=True))


def test_presets_are_the_one_inch_and_id_card_sizes():
    one, card = PRESETS["one-inch"], PRESETS["id-card"]
    assert (one.width, one.height, one.dpi) == (295, 413, 300)
    assert (card.width, card.height, card.dpi) == (358, 441, 350)


def test_centre_crop_keeps_the_middle_and_drops_the_sides():
    image = Image.new("RGB", (600, 600), GREEN)
    image.paste(RED, (0, 0, 80, 600))
    image.paste(RED, (520, 0, 600, 600))
    assert crop_box(image.size, (295, 413), None) == (86, 0, 514, 600)
    done = standardize(image, PRESETS["one-inch"])
    assert done.image.size == (295, 413)
    assert done.face is None
    colours = {done.image.getpixel((x, y)) for x in range(0, 295, 7) for y in range(0, 413, 7)}
    assert all(close(c, GREEN) for c in colours)  # not one red pixel from the sides


def test_face_centred_crop_puts_the_face_in_the_upper_middle():
    portrait = synthetic_portrait(3, size=(600, 800), centre=(0.3, 0.35), face_height=0.2)
    face = portrait.face
    box = crop_box(portrait.image.size, (295, 413), face)
    left, top, right, bottom = box
    assert bottom - top == round(face.height / 0.5)  # the face fills half the height
    assert abs((left + right) / 2 - face.centre[0]) <= 1  # centred across
    assert abs(top + (bottom - top) * 0.45 - face.centre[1]) <= 1  # at 45 % from the top
    done = standardize(portrait.image, PRESETS["one-inch"], faces=lambda _image: face)
    assert done.face == face
    assert done.image.size == (295, 413)
    skin = portrait.image.getpixel(
        (round(face.centre[0] + face.width * 0.3), round(face.centre[1] + face.height * 0.1))
    )
    scale = 413 / (bottom - top)
    cheek = (
        round(147 + face.width * 0.3 * scale),
        round(413 * 0.45 + face.height * 0.1 * scale),
    )
    assert close(done.image.getpixel(cheek), skin, tolerance=12)
    centred = standardize(portrait.image, PRESETS["one-inch"])  # without a finder: the face is off-centre
    assert not close(centred.image.getpixel(cheek), skin, tolerance=12)


def test_a_face_near_the_edge_keeps_the_box_inside_the_picture():
    box = crop_box((400, 500), (295, 413), FaceBox(0, 0, 60, 80))
    left, top, right, bottom = box
    assert left == 0
    assert top == 0
    assert right <= 400
    assert bottom <= 500


@pytest.mark.skipif(opencv() is None, reason="OpenCV (the opencv extra) is not installed")
def test_the_opencv_face_finder_centres_the_crop_on_a_drawn_face():
    finder = default_face_finder()
    assert finder is not None
    portrait = synthetic_portrait(0, size=(600, 800), centre=(0.3, 0.35), face_height=0.25)  # off-centre
    found = finder(portrait.image)
    assert found is not None  # OpenCV 4.14's Haar cascade finds this drawn face (checked)
    assert abs(found.centre[0] - portrait.face.centre[0]) <= 15
    assert abs(found.centre[1] - portrait.face.centre[1]) <= 25
    done = standardize(portrait.image, PRESETS["one-inch"], faces=finder)
    assert done.face == found
    assert done.image.size == (295, 413)
    left, _top, right, _bottom = done.box
    assert abs((left + right) / 2 - found.centre[0]) <= 1  # centred on the face, not on the picture
    assert (left + right) / 2 < 300 - 50


def test_without_opencv_there_is_no_face_finder():
    if opencv() is not None:
        pytest.skip("OpenCV is installed")
    assert default_face_finder() is None


def test_standardize_file_writes_size_and_dpi_without_exif(portrait_file, tmp_path, exif_of):
    out = tmp_path / "out" / "一寸照.jpg"
    standardize_file(portrait_file, out, PRESETS["id-card"])
    with Image.open(out) as written:
        assert written.format == "JPEG"
        assert written.size == (358, 441)
        assert written.info["dpi"] == (350, 350)
    assert not exif_of(out)


def test_the_source_is_never_overwritten(portrait_file):
    before = portrait_file.read_bytes()
    with pytest.raises(ValidationError, match="原图不会被覆盖"):
        standardize_file(portrait_file, portrait_file, PRESETS["one-inch"], overwrite=True)
    assert portrait_file.read_bytes() == before


def test_the_command(app, cli, portrait_file, tmp_path, exif_of):
    out = tmp_path / "one.jpg"
    done = cli(app, "photo", "standardize", str(portrait_file), str(out))
    assert done.exit_code == 0, done.output
    assert f"已生成一寸照 {out}: 295×413 像素, 300 dpi" in done.output
    with Image.open(out) as written:
        assert (written.size, written.info["dpi"]) == ((295, 413), (300, 300))
    assert not exif_of(out)
    again = cli(app, "photo", "standardize", str(portrait_file), str(out))
    assert again.exit_code == ValidationError.exit_code
    assert "文件已存在" in again.output
    forced = cli(app, "photo", "standardize", str(portrait_file), str(out), "--preset", "id-card", "--force")
    assert forced.exit_code == 0, forced.output
    with Image.open(out) as written:
        assert written.size == (358, 441)
    wrong = cli(app, "photo", "standardize", str(portrait_file), str(tmp_path / "one.gif"))
    assert wrong.exit_code == ValidationError.exit_code
    assert "扩展名应为 .jpg 或 .png" in wrong.output
    same = cli(app, "photo", "standardize", str(portrait_file), str(portrait_file), "--force")
    assert same.exit_code == ValidationError.exit_code
    assert "Traceback" not in same.output


def test_a_non_image_is_refused_by_the_command(app, cli, tmp_path):
    fake = tmp_path / "notes.jpg"
    fake.write_text("hello", encoding="utf-8")
    result = cli(app, "photo", "standardize", str(fake), str(tmp_path / "out.jpg"))
    assert result.exit_code == ValidationError.exit_code
    assert result.output.strip().splitlines() == [
        "错误: notes.jpg: 不是可识别的图片; 请使用 JPG、PNG、BMP、GIF、TIFF、WEBP 格式的图片文件"
    ]
