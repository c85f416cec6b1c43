"""Tests of the notebook plugin, written with the fixtures gridcore ships (``gridcore.testing``).

They need the plugin installed (``pip install -e .``) so that its entry point is found; each test gets
a fresh database: a SQLite file, or a PostgreSQL schema when GRIDCORE_TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from gridcore import Base, Event, hookimpl
from gridcore.entities import resolve_field
from gridcore.errors import ValidationError
from gridcore.services.stats import run_statistics
from gridcore.services.unit import read_unit
from gridcore.testing import make_plugin

from gridcore_notebook.entries import add_entry, list_entries
from gridcore_notebook.models import NotebookEntry


def test_plugin_is_found_and_contributes(make_app):
    app = make_app(["notebook"], init=False).start()
    status = {s.name: s for s in app.plugins.statuses}["notebook"]
    assert (status.status, status.title) == ("ok", "民情日记")
    assert app.registry.entities["notebook_entry"].model is NotebookEntry
    assert app.registry.menus["notebook"].plugin == "notebook"
    assert app.registry.permissions["notebook.stats"].plugin == "notebook"
    assert app.registry.permissions["notebook_entry.edit"].plugin == "notebook"  # derived from the entity
    assert app.registry.commands["notebook"].plugin == "notebook"
    assert "notebook.per_month" in app.registry.statistics


def test_fields_are_found_by_chinese_label():
    assert resolve_field(NotebookEntry, "日期").name == "entry_date"
    assert resolve_field(NotebookEntry, "记录人").name == "author"
    assert resolve_field(NotebookEntry, "正文").name == "content"  # an import alias


def only_notebook(item, name, type_, reflected, compare_to):
    """Compare only this plugin's tables (and their indexes and constraints), not the core's."""
    table = name if type_ == "table" else getattr(getattr(item, "table", None), "name", "")
    return table.startswith("notebook_")


def test_migration_gives_exactly_the_models_and_downgrade_removes_them(make_app):
    app = make_app(["notebook"])  # runs gridcore init: every branch upgraded to its head
    with app.db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_object": only_notebook, "compare_type": True}
        )
        assert compare_metadata(context, Base.metadata) == []  # the migration matches the models
    app.migrations.downgrade("notebook")
    assert not app.db.has_table("notebook_entry")
    assert app.db.has_table("core_operator")  # the other branches are untouched


def test_add_and_list_from_the_command_line(make_app, cli):
    app = make_app(["notebook"])
    note = ["--title", "走访王大爷", "--content", "楼道灯坏了", "--author", "李网格", "--date", "2026-11-02"]
    added = cli(app, "notebook", "add", *note)
    assert added.exit_code == 0, added.output
    assert "走访王大爷" in added.output
    listed = cli(app, "notebook", "list", "--format", "json")
    assert listed.exit_code == 0, listed.output
    [row] = json.loads(listed.output)
    assert row == {
        "编号": 1,
        "日期": "2026-11-02",
        "标题": "走访王大爷",
        "内容": "楼道灯坏了",
        "记录人": "李网格",
    }


def test_blank_title_is_one_clear_line_and_nothing_is_written(make_app, cli):
    app = make_app(["notebook"])
    result = cli(app, "notebook", "add", "--title", "  ")
    assert result.exit_code == ValidationError.exit_code
    assert "标题不能为空" in result.output
    assert "Traceback" not in result.output
    assert list_entries(app) == []


def test_default_author_comes_from_the_edition(make_app):
    app = make_app(["notebook"], settings={"notebook": {"default_author": "张网格"}})
    entry = add_entry(app, title="巡查", entry_date=dt.date(2026, 11, 3))
    assert entry.author == "张网格"


def test_list_one_month(make_app):
    app = make_app(["notebook"])
    add_entry(app, title="十月", entry_date=dt.date(2026, 10, 31))
    add_entry(app, title="十一月", entry_date=dt.date(2026, 11, 1))
    assert [e.title for e in list_entries(app, month="2026-11")] == ["十一月"]
    with pytest.raises(ValidationError, match="YYYY-MM"):
        list_entries(app, month="11/2026")


def test_entries_per_month(make_app):
    app = make_app(["notebook"])
    for day in (dt.date(2026, 10, 5), dt.date(2026, 11, 1), dt.date(2026, 11, 20), dt.date(2026, 11, 20)):
        add_entry(app, title="走访", entry_date=day)
    with read_unit(app) as uow:
        [result] = run_statistics(uow, only=["notebook.per_month"])  # as `gridcore stats` computes it
    table = result.table
    assert table.columns == ("月份", "篇数")
    assert table.rows == (("2026-10", 1), ("2026-11", 3))


def test_writes_pass_through_entity_write_and_notify_on_event(make_app):
    seen: list[str] = []
    events: list[Event] = []

    @hookimpl(wrapper=True)
    def entity_write(entity, action, record):
        seen.append(f"{entity} {action} {record.title}")
        result = yield
        seen.append(f"id {record.id}")
        return result

    def on_event(event):
        events.append(event)

    watcher = make_plugin("watcher", on_event=on_event)
    watcher.entity_write = entity_write
    app = make_app(["notebook"], extra=[watcher])
    entry = add_entry(app, title="走访")
    assert seen == ["notebook_entry create 走访", f"id {entry.id}"]
    # the kernel's own event of every write through uow.write, then the plugin's
    assert [(e.type, e.key) for e in events] == [
        ("notebook_entry.create", ""),
        ("notebook.entry_added", str(entry.id)),
    ]
