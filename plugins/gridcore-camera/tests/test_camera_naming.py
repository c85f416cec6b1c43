"""Naming: safe file names, suffixes on collision, and rules that other plugins register."""

from __future__ import annotations

import json

import pytest
from gridcore_camera.models import CameraPhoto
from gridcore_camera.naming import PhotoNaming, naming_rules, safe_stem, with_suffix_number
from sqlalchemy import select

from gridcore import hookimpl
from gridcore.errors import PluginError
from gridcore.services import regions
from gridcore.testing import make_plugin, run_service


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("张三11010519491231002X", "张三11010519491231002X"),
        ("阿依古丽·买买提", "阿依古丽·买买提"),
        ("a/b\\c", "a_b_c"),
        ("../../etc/passwd", "_.._etc_passwd"),
        ('李:四*?"<>|', "李_四______"),
        ("  王五 \t ", "王五"),
        ("tab\there", "tab here"),
        ("CON", "_CON"),
        ("...", "照片"),
        ("", "照片"),
        ("//", "照片"),
        ("甲" * 80, "甲" * 60),
    ],
)
def test_safe_stem(given, expected):
    assert safe_stem(given) == expected


def test_suffix_numbers_count_from_two():
    taken = {"李四.jpg", "李四-2.jpg"}
    assert with_suffix_number("李四", ".jpg", taken.__contains__) == "李四-3.jpg"
    assert with_suffix_number("王五", ".jpg", taken.__contains__) == "王五.jpg"


def region_photos():
    """A test plugin naming the photos of regions by code, several per region (like activity photos)."""

    @hookimpl(optionalhook=True)
    def register_photo_naming():
        return (PhotoNaming(entity="region", name=lambda region: region.code, pattern="{编码}.jpg", multiple=True),)

    return make_plugin("regionphotos", requires=("camera",), register_photo_naming=register_photo_naming)


def test_another_plugin_adds_a_rule_and_several_photos_get_suffixes(make_app, cli, store, portrait_file):
    plugin = region_photos()
    app = make_app(["camera", "regionphotos"], extra=[plugin], settings={"camera": {"photo_root": str(store)}})
    assert set(naming_rules(app)) == {"resident", "household", "region"}
    run_service(app, regions.add, level="街道", name="东城街道")
    for _ in range(3):
        result = cli(app, "photo", "attach", "辖区", "DC", str(portrait_file))
        assert result.exit_code == 0, result.output
    with app.db.read_session() as session:
        paths = list(session.scalars(select(CameraPhoto.path).order_by(CameraPhoto.id)))
    assert paths == ["region/DC.jpg", "region/DC-2.jpg", "region/DC-3.jpg"]
    shown = json.loads(cli(app, "photo", "show", "region", "DC", "--format", "json").output)
    assert [row["照片编号"] for row in shown] == [1, 2, 3]
    removed = cli(app, "photo", "detach", "region", "DC", "--photo", "2", "--yes")
    assert removed.exit_code == 0, removed.output
    assert sorted(p.name for p in (store / "region").iterdir()) == ["DC-3.jpg", "DC.jpg"]


def test_a_rule_for_an_unknown_entity_is_a_plugin_error(make_app):
    @hookimpl(optionalhook=True)
    def register_photo_naming():
        return (PhotoNaming(entity="party_activity", name=str),)

    plugin = make_plugin("badrule", requires=("camera",), register_photo_naming=register_photo_naming)
    app = make_app(["camera", "badrule"], extra=[plugin], init=False)
    with pytest.raises(PluginError, match="party_activity 未注册"):
        naming_rules(app)


def test_an_optional_implementation_loads_without_the_camera(make_app):
    plugin = region_photos()
    plugin_without_requirement = make_plugin(
        "regionphotos", register_photo_naming=plugin.register_photo_naming
    )  # no camera: the hook is optional, the plugin still loads
    app = make_app(["regionphotos"], extra=[plugin_without_requirement], init=False).start()
    status = {s.name: s.status for s in app.plugins.statuses}
    assert status["regionphotos"] == "ok"
