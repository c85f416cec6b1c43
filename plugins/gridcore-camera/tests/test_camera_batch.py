"""Batch conversion (R-R02): 110×140 at quality 50 by default, sources never overwritten, failures reported."""

from __future__ import annotations

import io
import json

import pytest
from gridcore_camera.batch import CONVERTED, FAILED, SKIPPED, BatchOptions, convert_folder
from gridcore_camera.samples import synthetic_portrait
from PIL import Image

from gridcore.errors import ValidationError


@pytest.fixture
def source(tmp_path):
    """Mixed sizes and formats, a text file posing as a JPEG, a hidden file and a sub-folder."""
    folder = tmp_path / "src"
    folder.mkdir()
    synthetic_portrait(1, size=(600, 800)).image.save(folder / "a.jpg", quality=95)
    synthetic_portrait(2, size=(1000, 700)).image.save(folder / "a.png")  # same stem as a.jpg
    Image.new("RGB", (50, 50), (0, 0, 255)).save(folder / "small.bmp")
    (folder / "readme.jpg").write_text("not a picture", encoding="utf-8")
    (folder / ".hidden.jpg").write_bytes(b"")
    (folder / "sub").mkdir()
    Image.new("RGB", (10, 10)).save(folder / "sub" / "inner.jpg")
    return folder


def contents(folder):
    return {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def jpeg_quality_tables(data):
    with Image.open(io.BytesIO(data)) as image:
        return image.quantization


def test_defaults_are_the_manuals():
    options = BatchOptions()
    assert (options.width, options.height, options.quality) == (110, 140, 50)


def test_every_picture_is_converted_and_each_failure_named(source, tmp_path):
    before = contents(source)
    target = tmp_path / "dst"
    report = convert_folder(source, target)
    by_file = {o.source: o for o in report.outcomes}
    assert sorted(by_file) == ["a.jpg", "a.png", "readme.jpg", "small.bmp"]  # not hidden, not the sub-folder
    assert (by_file["a.jpg"].status, by_file["a.jpg"].target) == (CONVERTED, "a.jpg")
    assert (by_file["a.png"].status, by_file["a.png"].target) == (CONVERTED, "a-2.jpg")
    assert by_file["readme.jpg"].status == FAILED
    assert by_file["readme.jpg"].reason.startswith("不是可识别的图片")
    assert report.summary == "共 4 个文件: 已转换 3, 已跳过 0, 失败 1"
    for name in ("a.jpg", "a-2.jpg", "small.jpg"):
        with Image.open(target / name) as out:
            assert (out.format, out.size) == ("JPEG", (110, 140))
    assert contents(source) == before  # the sources are untouched


def test_quality_50_gives_coarser_quantisation_than_95(source, tmp_path):
    convert_folder(source, tmp_path / "q50")
    convert_folder(source, tmp_path / "q95", BatchOptions(quality=95))
    coarse = jpeg_quality_tables((tmp_path / "q50" / "a.jpg").read_bytes())
    fine = jpeg_quality_tables((tmp_path / "q95" / "a.jpg").read_bytes())
    assert sum(coarse[0]) > 3 * sum(fine[0])


def test_stretch_resizes_without_cropping(tmp_path):
    folder = tmp_path / "src"
    folder.mkdir()
    image = Image.new("RGB", (400, 200), (0, 160, 0))
    image.paste((220, 0, 0), (0, 0, 40, 200))  # a red stripe on the left edge
    image.save(folder / "wide.png")
    convert_folder(folder, tmp_path / "crop")
    convert_folder(folder, tmp_path / "stretch", BatchOptions(fit="stretch"))
    with (
        Image.open(tmp_path / "crop" / "wide.jpg") as cropped,
        Image.open(tmp_path / "stretch" / "wide.jpg") as stretched,
    ):
        assert cropped.getpixel((2, 70))[0] < 100  # the stripe was cut away
        assert stretched.getpixel((2, 70))[0] > 180  # the stripe is kept


def test_destination_may_not_be_the_source_or_inside_it(source):
    for destination in (source, source / "out", source / "sub"):
        with pytest.raises(ValidationError, match="目标文件夹不能是源文件夹或其子文件夹"):
            convert_folder(source, destination)


def test_existing_targets_are_skipped_unless_forced(source, tmp_path):
    target = tmp_path / "dst"
    convert_folder(source, target)
    (target / "small.jpg").write_bytes(b"kept")
    again = convert_folder(source, target)
    assert again.count(SKIPPED) == 3
    assert (target / "small.jpg").read_bytes() == b"kept"
    forced = convert_folder(source, target, BatchOptions(overwrite=True))
    assert forced.count(CONVERTED) == 3
    with Image.open(target / "small.jpg") as out:
        assert out.size == (110, 140)


def test_bad_options_are_refused(source, tmp_path):
    with pytest.raises(ValidationError, match="质量 0 超出范围"):
        convert_folder(source, tmp_path / "dst", BatchOptions(quality=0))


def test_the_command_reports_failures_and_exits_1(app, cli, source, tmp_path):
    target = tmp_path / "dst"
    result = cli(app, "photo", "batch", str(source), str(target))
    assert result.exit_code == 1
    assert "失败: readme.jpg: 不是可识别的图片" in result.output
    assert "共 4 个文件: 已转换 3, 已跳过 0, 失败 1" in result.output
    listed = cli(app, "photo", "batch", str(source), str(tmp_path / "json"), "--width", "60", "--format", "json")
    rows = {row["文件"]: row for row in json.loads(listed.output)}
    assert rows["small.bmp"] == {"文件": "small.bmp", "结果": "已转换", "输出": "small.jpg", "原因": ""}
    with Image.open(tmp_path / "json" / "small.jpg") as out:
        assert out.size == (60, 140)
    inside = cli(app, "photo", "batch", str(source), str(source / "out"))
    assert inside.exit_code == ValidationError.exit_code
    assert not (source / "out").exists()


def test_a_clean_run_exits_0(app, cli, tmp_path):
    folder = tmp_path / "src"
    folder.mkdir()
    Image.new("RGB", (300, 300), (9, 9, 9)).save(folder / "one.jpg")
    result = cli(app, "photo", "batch", str(folder), str(tmp_path / "dst"), "--quality", "80")
    assert result.exit_code == 0, result.output
    assert "共 1 个文件: 已转换 1, 已跳过 0, 失败 0" in result.output
