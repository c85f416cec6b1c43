"""The plugin is found, contributes what it declares, and its migration gives exactly its models."""

from __future__ import annotations

import click
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from gridcore_firesafety.models import ShopArchive

from gridcore import Base
from gridcore.cli.context import CliContext
from gridcore.cli.main import cli as root
from gridcore.cli.permissions import leaves
from gridcore.errors import ConfigError
from gridcore.services import dictionaries
from gridcore.services.unit import read_unit


def test_plugin_is_found_and_contributes(make_app):
    app = make_app(["premises", "firesafety"], init=False).start()
    status = {s.name: s for s in app.plugins.statuses}["firesafety"]
    assert (status.status, status.info.requires) == ("ok", ("premises",))
    assert app.registry.entities["firesafety_archive"].model is ShopArchive
    assert app.registry.entities["firesafety_archive"].key == "premises_no"
    assert app.registry.commands["fire"].plugin == "firesafety"
    assert set(app.registry.workflows) >= {"firesafety.hazard", "firesafety.case"}
    assert app.registry.workflows["firesafety.hazard"].states == (
        "待整改",
        "已整改",
        "关闭",
        "已报安全办",
        "停水停电",
        "已报镇整治办",
        "查封",
    )
    assert {p.id for p in app.registry.permissions.by_plugin("firesafety")} >= {
        "firesafety.view",
        "firesafety.grid",
        "firesafety.patrol",
        "firesafety.office",
    }
    assert {s for s in app.registry.statistics if s.startswith("firesafety.")} == {
        "firesafety.hazards_by_state",
        "firesafety.hazards_by_grid",
        "firesafety.hazards_by_type",
        "firesafety.rectification_rate",
        "firesafety.inspections_per_patroller",
        "firesafety.cell_staffing",
    }


def only_firesafety(item, name, type_, reflected, compare_to):
    table = name if type_ == "table" else getattr(getattr(item, "table", None), "name", "")
    return (table or "").startswith("firesafety_")


def test_migration_gives_exactly_the_models_and_downgrade_removes_them(make_app):
    app = make_app(["premises", "firesafety"])
    with app.db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": only_firesafety, "compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    app.migrations.downgrade("firesafety")
    assert not app.db.has_table("firesafety_archive")
    assert not app.db.has_table("firesafety_step")
    assert app.db.has_table("premises_premises")


def test_every_fire_command_declares_a_registered_permission(make_app):
    app = make_app(["premises", "firesafety"], init=False).start()
    ctx = click.Context(root, obj=CliContext(app=app))
    fire = root.get_command(ctx, "fire")
    found = list(leaves(fire, ("fire",), app.registry.commands["fire"].permission))
    paths = {" ".join(path) for path, _command, _permission in found}
    assert {
        "fire grid list",
        "fire cell assign",
        "fire archive open",
        "fire inspect form",
        "fire hazard move",
        "fire case spot-check",
        "fire report submit",
        "fire briefing make",
        "fire overdue",
    } <= paths
    for path, command, permission in found:
        declared = getattr(command, "gridcore_permission", None) or getattr(
            command.callback, "gridcore_permission", None
        )
        assert declared is not None, f"{' '.join(path)} declares no permission of its own"
        assert permission in app.registry.permissions, f"{' '.join(path)}: {permission}"


def test_dictionaries_are_seeded(make_app):
    app = make_app(["premises", "firesafety"])
    with read_unit(app) as uow:
        items = [e.label for e in dictionaries.current(uow, "firesafety_check_item").entries]
        posts = [e.label for e in dictionaries.current(uow, "fire_safety_post").entries]
    assert items[:2] == ["灭火器配置及有效期", "安全出口、疏散通道畅通"]
    assert len(items) == 10
    assert posts == ["消防安全监管员", "消防巡查员", "消防监督员", "企业巡查员"]


def test_the_edition_replaces_the_checklist(make_app):
    app = make_app(["premises", "firesafety"], settings={"firesafety": {"inspection_items": ["灭火器", "燃气管道"]}})
    with read_unit(app) as uow:
        entries = dictionaries.current(uow, "firesafety_check_item").entries
    assert [(e.code, e.label) for e in entries] == [("01", "灭火器"), ("02", "燃气管道")]


def test_a_bad_checklist_setting_is_one_clear_line(make_app):
    app = make_app(
        ["premises", "firesafety"], settings={"firesafety": {"inspection_items": ["灭火器", ""]}}, init=False
    )
    with pytest.raises(ConfigError, match="inspection_items"):
        app.start()
