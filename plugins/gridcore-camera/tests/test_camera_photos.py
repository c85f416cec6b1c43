"""The photo store (R-F01, R-F03, R-F04, R-D10): names, paths in the database, replace, detach, rollback."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from gridcore_camera import photos
from gridcore_camera.models import CameraPhoto
from gridcore_camera.samples import synthetic_portrait
from gridcore_camera.store import photo_root
from PIL import Image
from sqlalchemy import select, update

from gridcore import hookimpl
from gridcore.errors import ConfigError, NotFoundError, PermissionDeniedError, ValidationError
from gridcore.services import households, regions, residents
from gridcore.services.unit import unit_of_work
from gridcore.testing import add_operator, make_plugin, pii_admin, run_service

ZHANG_ID = "11010519491231002X"  # as in conftest.py
WANG_ID = "440524188001010014"


def rows(app):
    with app.db.read_session() as session:
        return [
            (p.entity, p.owner_key, p.path, p.width, p.height, p.source) for p in session.scalars(select(CameraPhoto))
        ]


def store_files(store):
    return sorted(str(p.relative_to(store)) for p in store.rglob("*") if p.is_file()) if store.exists() else []


def resident_photo_path(app, key):
    return run_service(app, residents.get, key).photo_path


def test_a_resident_photo_is_named_name_plus_id_and_only_its_path_is_stored(people, cli, store, portrait_file, exif_of):
    given = ("--preset", "none", "--format", "json")
    result = cli(people, "photo", "attach", "resident", "HQDY00101", str(portrait_file), *given)
    assert result.exit_code == 0, result.output
    relative = f"resident/张三{ZHANG_ID}.jpg"
    assert rows(people) == [("resident", "HQDY00101", relative, 600, 800, "file")]
    assert store_files(store) == [relative]
    assert resident_photo_path(people, "HQDY00101") == relative  # the core's 照片 field follows
    stored = store / relative
    assert not exif_of(stored)  # EXIF and GPS stripped
    with Image.open(stored) as image:
        assert (image.format, image.size) == ("JPEG", (600, 800))
    with people.db.read_session() as session:
        photo = session.scalars(select(CameraPhoto)).one()
        assert photo.sha256 == hashlib.sha256(stored.read_bytes()).hexdigest()
        assert photo.taken_at is not None
        assert photo.taken_at.year == 2025
        assert photo.created_by == "admin"


def test_a_resident_photo_becomes_a_one_inch_photo_by_default(people, cli, store, portrait_file):
    result = cli(people, "photo", "attach", "居民", "HQDY00101", str(portrait_file))  # by title
    assert result.exit_code == 0, result.output
    with Image.open(store / f"resident/张三{ZHANG_ID}.jpg") as image:
        assert (image.size, image.info["dpi"]) == ((295, 413), (300, 300))
    card = cli(people, "photo", "attach", "resident", "HQDY00101", str(portrait_file), "--preset", "id-card")
    assert card.exit_code == 0, card.output
    with Image.open(store / f"resident/张三{ZHANG_ID}.jpg") as image:
        assert (image.size, image.info["dpi"]) == ((358, 441), (350, 350))


def test_a_household_photo_keeps_its_size_by_default(people, cli, store, portrait_file):
    assert cli(people, "photo", "attach", "household", "HQDY002", str(portrait_file)).exit_code == 0
    with Image.open(store / "household" / "李四.jpg") as image:
        assert image.size == (600, 800)
        assert "dpi" not in image.info


def test_a_new_photo_replaces_the_old_one(people, cli, store, portrait_file, tmp_path):
    other = tmp_path / "second.png"
    synthetic_portrait(99, size=(300, 400)).image.save(other)
    keep = ("--preset", "none")
    assert cli(people, "photo", "attach", "resident", "HQDY00101", str(portrait_file), *keep).exit_code == 0
    assert cli(people, "photo", "attach", "resident", "HQDY00101", str(other), *keep).exit_code == 0
    relative = f"resident/张三{ZHANG_ID}.jpg"
    assert rows(people) == [("resident", "HQDY00101", relative, 300, 400, "file")]
    assert store_files(store) == [relative]
    with Image.open(store / relative) as image:
        assert image.size == (300, 400)


def test_households_are_named_after_the_head_and_a_collision_adds_a_suffix(people, cli, store, portrait_file):
    for key in ("HQDY002", "HQDY003"):
        assert cli(people, "photo", "attach", "household", key, str(portrait_file)).exit_code == 0
    assert [(r[1], r[2]) for r in rows(people)] == [
        ("HQDY002", "household/李四.jpg"),
        ("HQDY003", "household/李四-2.jpg"),
    ]
    assert store_files(store) == ["household/李四-2.jpg", "household/李四.jpg"]


def test_a_file_already_in_the_store_is_not_overwritten(people, cli, store, portrait_file):
    (store / "household").mkdir(parents=True)
    (store / "household" / "李四.jpg").write_bytes(b"someone else's file")
    assert cli(people, "photo", "attach", "household", "HQDY002", str(portrait_file)).exit_code == 0
    assert (store / "household" / "李四.jpg").read_bytes() == b"someone else's file"
    assert rows(people)[0][2] == "household/李四-2.jpg"


def test_a_name_with_path_separators_stays_inside_the_store(people, cli, store, portrait_file):
    run_service(people, households.edit, "HQDY002", {"户主姓名": "../../李/四"})
    assert cli(people, "photo", "attach", "household", "HQDY002", str(portrait_file)).exit_code == 0
    assert store_files(store) == ["household/_.._李_四.jpg"]


def test_capture_is_refused_while_the_id_number_is_empty(people, cli, store, portrait_file):
    result = cli(people, "photo", "capture", "--resident", "HQDY00102", "--source", str(portrait_file))
    assert result.exit_code == ValidationError.exit_code
    assert result.output.strip() == (
        "错误: 居民 HQDY00102 的「身份证号」为空: 请先填写, 再拍照或添加照片 (照片以这些字段命名)"
    )
    assert rows(people) == []
    assert store_files(store) == []


def test_household_capture_is_refused_while_the_head_name_is_empty(people, cli, portrait_file):
    model = people.registry.entities["household"].model
    with people.db.session() as session:  # legacy data: the core itself never saves a blank 户主姓名
        session.execute(update(model).where(model.household_no == "HQDY003").values(head_name=""))
    result = cli(people, "photo", "capture", "--household", "HQDY003", "--source", str(portrait_file))
    assert result.exit_code == ValidationError.exit_code
    assert "住户 HQDY003 的「户主姓名」为空" in result.output
    assert rows(people) == []


def test_capture_is_refused_before_any_camera_is_opened(people, cli):
    # no --source means the camera; the blank ID number is reported, not the missing OpenCV or camera
    result = cli(people, "photo", "capture", "--resident", "HQDY00102")
    assert result.exit_code == ValidationError.exit_code
    assert "「身份证号」为空" in result.output


def test_capture_from_a_file_stores_a_one_inch_photo(people, cli, store, portrait_file):
    result = cli(people, "photo", "capture", "--resident", "HQDY00401", "--source", str(portrait_file))
    assert result.exit_code == 0, result.output
    relative = f"resident/王五{WANG_ID}.jpg"
    assert rows(people) == [("resident", "HQDY00401", relative, 295, 413, "file")]
    with Image.open(store / relative) as image:
        assert image.info["dpi"] == (300, 300)


def test_capture_from_a_folder_takes_the_newest_picture(people, cli, store, tmp_path):
    folder = tmp_path / "drop"
    folder.mkdir()
    Image.new("RGB", (200, 100), (255, 0, 0)).save(folder / "old.jpg")
    Image.new("RGB", (100, 200), (0, 0, 255)).save(folder / "new.jpg")
    (folder / "notes.txt").write_text("x", encoding="utf-8")
    os.utime(folder / "old.jpg", (1_000_000, 1_000_000))
    os.utime(folder / "new.jpg", (2_000_000, 2_000_000))
    os.utime(folder / "notes.txt", (3_000_000, 3_000_000))  # newest, but not a picture
    result = cli(people, "photo", "capture", "--household", "HQDY004", "--source", str(folder), "--preset", "none")
    assert result.exit_code == 0, result.output
    assert rows(people) == [("household", "HQDY004", "household/王五.jpg", 100, 200, "folder")]


def test_capture_needs_exactly_one_owner(people, cli, portrait_file):
    none = cli(people, "photo", "capture", "--source", str(portrait_file))
    assert none.exit_code == 2
    assert "--resident NO 或 --household NO" in none.output
    both = cli(people, "photo", "capture", "--resident", "HQDY00101", "--household", "HQDY001")
    assert both.exit_code == 2


def test_an_unknown_kind_lists_the_known_ones(people, cli, portrait_file):
    result = cli(people, "photo", "attach", "region", "HQ", str(portrait_file))
    assert result.exit_code == ValidationError.exit_code
    assert "「region」没有照片命名规则" in result.output
    assert "resident (居民)、household (住户)" in result.output


def test_an_unknown_key_is_not_found(people, cli, portrait_file):
    result = cli(people, "photo", "attach", "resident", "HQDY09999", str(portrait_file))
    assert result.exit_code == NotFoundError.exit_code
    assert "居民 HQDY09999 不存在" in result.output


def test_a_non_image_is_refused_and_nothing_is_stored(people, cli, store, tmp_path):
    fake = tmp_path / "证件照.jpg"
    fake.write_bytes(b"\x00" * 100)
    result = cli(people, "photo", "attach", "resident", "HQDY00101", str(fake))
    assert result.exit_code == ValidationError.exit_code
    assert result.output.startswith("错误: 证件照.jpg: 不是可识别的图片")
    assert rows(people) == []
    assert store_files(store) == []


def test_show_lists_the_photos_and_masks_the_path_without_pii_view(people, cli, store, portrait_file):
    cli(people, "photo", "attach", "resident", "HQDY00101", str(portrait_file))
    masked = json.loads(cli(people, "photo", "show", "resident", "HQDY00101", "--format", "json").output)
    assert len(masked) == 1
    assert masked[0]["照片路径"] == "***"
    assert masked[0]["文件"] == "***"
    assert (masked[0]["宽"], masked[0]["高"], masked[0]["来源"]) == (295, 413, "文件")
    shown = json.loads(
        cli(people, "photo", "show", "resident", "HQDY00101", "--format", "json", actor=pii_admin(people)).output
    )
    assert shown[0]["照片路径"] == f"resident/张三{ZHANG_ID}.jpg"
    assert shown[0]["文件"] == str(store.resolve() / "resident" / f"张三{ZHANG_ID}.jpg")
    empty = cli(people, "photo", "show", "household", "HQDY002")
    assert empty.output.strip() == "HQDY002 还没有照片"


def test_detach_removes_the_record_the_field_and_the_file(people, cli, store, portrait_file):
    cli(people, "photo", "attach", "resident", "HQDY00101", str(portrait_file))
    result = cli(people, "photo", "detach", "resident", "HQDY00101", "--yes")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "已移除 HQDY00101 的 1 张照片"
    assert rows(people) == []
    assert store_files(store) == []
    assert resident_photo_path(people, "HQDY00101") is None


def test_deleting_a_resident_takes_the_photo_along(people, cli, store, portrait_file):
    cli(people, "photo", "attach", "resident", "HQDY00401", str(portrait_file))
    run_service(people, residents.delete, "HQDY00401")
    assert rows(people) == []
    assert store_files(store) == []


def test_a_write_refused_by_another_plugin_leaves_no_file(make_app, store, portrait_file, tmp_path):
    def refuse(entity, action):
        if entity == "camera_photo":
            raise ValidationError("测试插件拒绝了照片")
        return (yield)

    guard = make_plugin("guard")
    guard.entity_write = hookimpl(wrapper=True)(refuse)
    app = make_app(["camera", "guard"], extra=[guard], settings={"camera": {"photo_root": str(store)}})
    run_service(app, households.add, head_name="赵六")
    image = synthetic_portrait(5).image
    with pytest.raises(ValidationError, match="测试插件拒绝了照片"), unit_of_work(app) as uow:
        photos.attach(uow, "household", "#1", image)
    assert rows(app) == []
    assert store_files(store) == []  # the temporary file went with the rollback


def test_operators_need_the_records_own_permissions(people, cli, store, portrait_file):
    viewer = add_operator(people, "cha", group="查询员")
    refused = cli(people, "photo", "attach", "resident", "HQDY00101", str(portrait_file), actor=viewer)
    assert refused.exit_code == PermissionDeniedError.exit_code
    assert "resident.edit" in refused.output
    assert store_files(store) == []
    collector = add_operator(people, "cai", group="信息采集员")
    assert cli(people, "photo", "attach", "resident", "HQDY00101", str(portrait_file), actor=collector).exit_code == 0
    assert cli(people, "photo", "show", "resident", "HQDY00101", actor=viewer).exit_code == 0
    assert cli(people, "photo", "detach", "resident", "HQDY00101", "--yes", actor=viewer).exit_code == (
        PermissionDeniedError.exit_code
    )
    with pytest.raises(PermissionDeniedError), unit_of_work(people, viewer) as uow:
        photos.attach(uow, "resident", "HQDY00101", synthetic_portrait(1).image)


def test_capture_checks_the_permission_of_the_entity_it_names(people, cli, store, portrait_file):
    viewer = add_operator(people, "cha", group="查询员")
    for flag, permission in (("--household", "household.edit"), ("--resident", "resident.edit")):
        key = "HQDY004" if flag == "--household" else "HQDY00401"
        refused = cli(people, "photo", "capture", flag, key, "--source", str(portrait_file), actor=viewer)
        assert refused.exit_code == PermissionDeniedError.exit_code
        assert f"没有权限「{permission}」" in refused.output
    assert store_files(store) == []


def test_a_record_outside_the_operators_region_is_not_found(people, cli, portrait_file):
    run_service(people, regions.add, level="社区", name="长江社区", parent_code="DC")
    outsider = add_operator(people, "wai", group="信息采集员", scope="CJ")
    result = cli(people, "photo", "attach", "resident", "HQDY00101", str(portrait_file), actor=outsider)
    assert result.exit_code == NotFoundError.exit_code


@pytest.mark.sqlite_only
def test_the_store_defaults_to_photos_next_to_the_sqlite_database(make_app, database_url, portrait_file):
    app = make_app(["camera"])
    database = Path(database_url.removeprefix("sqlite:///"))
    assert photo_root(app) == (database.parent / "photos").resolve()


@pytest.mark.postgres_only
def test_a_network_edition_must_name_its_store(make_app):
    app = make_app(["camera"])
    with pytest.raises(ConfigError, match=r"\[settings.camera\] 中设置 photo_root"):
        photo_root(app)


def test_kinds_lists_the_naming_rules(app, cli):
    listed = json.loads(cli(app, "photo", "kinds", "--format", "json").output)
    assert listed == [
        {
            "对象类型": "resident",
            "名称": "居民",
            "命名规则": "{姓名}{身份证号}.jpg",
            "每条记录": "一张 (新照片替换旧照片)",
        },
        {"对象类型": "household", "名称": "住户", "命名规则": "{户主姓名}.jpg", "每条记录": "一张 (新照片替换旧照片)"},
    ]
