"""The plugin loads, contributes what it says, and its migration gives exactly its models."""

from __future__ import annotations

import click

from gridcore.cli.context import CliContext
from gridcore.cli.main import cli as root
from gridcore.cli.permissions import leaves
from gridcore.testing.schema import assert_migrations_match_models, plugin_tables_in_database


def test_plugin_is_found_and_contributes(make_app):
    app = make_app(["core", "maps"], init=False).start()
    status = {s.name: s for s in app.plugins.statuses}["maps"]
    assert (status.status, status.title) == ("ok", "地图标注")
    assert app.registry.permissions["maps.view"].plugin == "maps"
    assert app.registry.permissions["maps.edit"].plugin == "maps"
    assert app.registry.commands["map"].plugin == "maps"
    assert {m.id for m in app.registry.menus.by_plugin("maps")} == {
        "maps.annotate",
        "maps.households",
        "maps.premises",
        "maps.house_state",
    }
    assert app.setting("maps", "map_kinds") == ["household", "premises"]
    assert app.setting("maps", "image_root") == ""


def test_migration_gives_exactly_the_models_and_downgrade_removes_them(make_app):
    app = make_app(["core", "maps"])
    assert plugin_tables_in_database(app, "maps") == {"maps_marker", "maps_house_query"}
    assert_migrations_match_models(app, "maps")
    app.migrations.downgrade("maps")
    assert plugin_tables_in_database(app, "maps") == set()
    assert app.db.has_table("core_region")


def test_every_map_command_declares_a_registered_permission(make_app):
    app = make_app(["core", "maps"], init=False).start()
    ctx = click.Context(root, obj=CliContext(app=app))
    command = root.get_command(ctx, "map")
    assert command is not None
    found = {" ".join(path): permission for path, _, permission in leaves(command, ("map",), "maps.view")}
    assert found == {
        "map show": "maps.view",
        "map set-image": "maps.edit",
        "map marker-size": "maps.edit",
        "map place": "maps.edit",
        "map reset": "maps.edit",
        "map unplaced": "maps.view",
        "map locate": "maps.view",
        "map geojson": "maps.view",
        "map distribution": "maps.view",
        "map house-state": "maps.view",
        "map conditions": "maps.view",
    }
    assert all(permission in app.registry.permissions for permission in found.values())
