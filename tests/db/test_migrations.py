"""One alembic branch per plugin: upgrade all heads, downgrade one plugin, keep the rest."""

from __future__ import annotations

import textwrap

import pytest
from sqlalchemy import inspect

from gridcore import Migrations
from gridcore.errors import ConfigError, NotInitializedError
from gridcore.testing import make_plugin

REVISION = '''
"""{name}: its first table."""
import sqlalchemy as sa
from alembic import op

revision = "{name}_0001"
down_revision = None
branch_labels = ("{name}",)
depends_on = None


def upgrade():
    op.create_table(
        "{name}_thing",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("label", sa.String(20)),
        {fk}
    )


def downgrade():
    op.drop_table("{name}_thing")
'''


def plugin_with_table(tmp_path, name, requires=(), fk=""):
    folder = tmp_path / f"{name}_migrations"
    folder.mkdir()
    (folder / f"{name}_0001.py").write_text(textwrap.dedent(REVISION.format(name=name, fk=fk)), encoding="utf-8")
    return make_plugin(name, requires=requires, register_migrations=lambda: [Migrations(path=str(folder))])


def tables(app):
    with app.db.engine.connect() as connection:
        return set(inspect(connection).get_table_names())


def test_upgrade_all_heads_then_downgrade_one_plugin(make_app, tmp_path):
    apple = plugin_with_table(tmp_path, "apple")
    pear = plugin_with_table(tmp_path, "pear")
    app = make_app(["core", "apple", "pear"], extra=[apple, pear])
    before = tables(app)
    assert {"core_sequence", "core_operator", "apple_thing", "pear_thing"} <= before
    states = {s.plugin: s for s in app.migrations.states()}
    assert all(s.up_to_date for s in states.values()), (states, app.migrations.applied())

    app.migrations.downgrade("apple")
    assert tables(app) == before - {"apple_thing"}
    assert {s.plugin: s.current for s in app.migrations.states()}["apple"] is None

    moved = app.migrations.upgrade()
    assert moved == ["apple"]
    assert tables(app) == before


def test_upgrade_is_idempotent(make_app, tmp_path):
    app = make_app(["core", "apple"], extra=[plugin_with_table(tmp_path, "apple")])
    assert app.migrations.upgrade() == []


def test_dependent_branch_follows_its_requirement(make_app, tmp_path):
    base = plugin_with_table(tmp_path, "orgsx")
    child = plugin_with_table(
        tmp_path, "partyx", requires=("orgsx",), fk='sa.Column("org_id", sa.Integer, sa.ForeignKey("orgsx_thing.id")),'
    )
    app = make_app(["core", "orgsx", "partyx"], extra=[base, child])
    assert {"orgsx_thing", "partyx_thing"} <= tables(app)
    with pytest.raises(ConfigError, match="gridcore db downgrade partyx"):
        app.migrations.downgrade("orgsx")
    app.migrations.downgrade("partyx")
    assert "partyx_thing" not in tables(app)
    assert "orgsx_thing" in tables(app)


def test_disabled_plugin_keeps_its_tables_and_the_database_still_opens(make_app, tmp_path, database_url):
    from gridcore.app import GridApp
    from gridcore.edition import Edition

    apple = plugin_with_table(tmp_path, "apple")
    make_app(["core", "apple"], extra=[apple])
    # the plugin is no longer loaded (disabled or uninstalled): its rows stay, the rest still migrates
    other = GridApp(Edition(enabled_plugins=("core",)), database_url=database_url)
    assert [s.plugin for s in other.migrations.states()] == ["core"]
    assert other.migrations.upgrade() == []
    assert "apple_thing" in tables(other)
    assert "apple_0001" in other.migrations.applied()
    other.close()


def test_core_cannot_be_downgraded(gridcore_app):
    with pytest.raises(ConfigError, match="core"):
        gridcore_app.migrations.downgrade("core")


def test_unknown_branch_names_the_known_ones(gridcore_app):
    with pytest.raises(ConfigError, match="可选: core"):
        gridcore_app.migrations.downgrade("nosuch")


def test_downgrade_before_init_says_run_init_first(make_app):
    app = make_app(init=False)
    with pytest.raises(NotInitializedError, match="gridcore init"):
        app.migrations.downgrade("anything")
