"""The plugin as gridcore sees it: contributions, migration, settings, commands, the demo."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from gridcore_camera.demo import DEMO_RESIDENTS
from gridcore_camera.models import CameraPhoto
from PIL import Image
from sqlalchemy import func, select

from gridcore import Base
from gridcore.cli.permissions import leaves
from gridcore.demo.district import build_district
from gridcore.errors import ConfigError


def test_plugin_is_found_and_contributes(make_app):
    app = make_app(["camera"], init=False).start()
    status = {s.name: s for s in app.plugins.statuses}["camera"]
    assert (status.status, status.title) == ("ok", "照片与拍照")
    assert app.registry.permissions["photo.tools"].plugin == "camera"
    assert app.registry.menus["camera.tools"].permission == "photo.tools"
    assert app.registry.commands["photo"].plugin == "camera"
    assert (app.setting("camera", "photo_root"), app.setting("camera", "jpeg_quality")) == ("", 90)
    assert "camera_photo" not in app.registry.entities  # no generic import of paths


def only_camera(item, name, type_, reflected, compare_to):
    table = name if type_ == "table" else getattr(getattr(item, "table", None), "name", "")
    return table.startswith("camera_")


def test_migration_gives_exactly_the_models_and_downgrade_removes_them(make_app):
    app = make_app(["camera"])
    with app.db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": only_camera, "compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    app.migrations.downgrade("camera")
    assert not app.db.has_table("camera_photo")
    assert app.db.has_table("core_resident")


def test_every_photo_command_declares_its_permission():
    from gridcore_camera.cli import photo

    declared = {path[-1]: permission for path, _command, permission in leaves(photo, ("photo",), None)}
    assert declared == {
        "attach": "{entity}.edit",
        "show": "{entity}.view",
        "detach": "{entity}.edit",
        "capture": "{entity}.edit",
        "standardize": "photo.tools",
        "batch": "photo.tools",
        "kinds": "photo.tools",
    }


def test_a_bad_jpeg_quality_stops_start_up(make_app):
    with pytest.raises(ConfigError, match="jpeg_quality = 0 应在 1 到 100 之间"):
        make_app(["camera"], settings={"camera": {"jpeg_quality": 0}}, init=False).start()


def test_the_demo_standardises_a_sample_and_photographs_a_few_residents(make_app, store, tmp_path):
    app = make_app(["camera"], settings={"camera": {"photo_root": str(store)}})
    build_district(app, households=12, seed=3)
    folder = tmp_path / "demo"
    assert app.plugins.populate_demo(app, folder, 3) == ["camera"]
    with Image.open(folder / "photos" / "sample-one-inch.jpg") as one:
        assert (one.size, one.info["dpi"]) == ((295, 413), (300, 300))
    with Image.open(folder / "photos" / "sample-id-card.jpg") as card:
        assert (card.size, card.info["dpi"]) == ((358, 441), (350, 350))
    with Image.open(folder / "photos" / "sample-portrait.jpg") as original:
        assert original.size == (900, 1200)
    resident_photos = sorted(p.name for p in (store / "resident").iterdir())
    assert len(resident_photos) == DEMO_RESIDENTS
    assert all(name.endswith(".jpg") and len(name) > 20 for name in resident_photos)  # 姓名 + 18-digit ID
    app.plugins.populate_demo(app, folder, 3)  # again: nothing added
    with app.db.read_session() as session:
        assert session.scalar(select(func.count()).select_from(CameraPhoto)) == DEMO_RESIDENTS
    assert len(list((store / "resident").iterdir())) == DEMO_RESIDENTS
