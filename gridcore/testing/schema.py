"""Checking a plugin's migrations against its models: the check every plugin runs in its tests."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from gridcore.db.metadata import metadata

if TYPE_CHECKING:
    from gridcore.app import GridApp


def plugin_tables_in_database(app: GridApp, plugin: str) -> set[str]:
    with app.db.engine.connect() as connection:
        return {name for name in inspect(connection).get_table_names() if name.startswith(f"{plugin}_")}


def plugin_tables_in_models(app: GridApp, plugin: str) -> set[str]:
    app.migrations.import_models()
    return {name for name in metadata.tables if name.startswith(f"{plugin}_")}


def schema_differences(app: GridApp, plugin: str) -> list[Any]:
    """What alembic's autogenerate would change for the plugin's tables (empty when they match)."""
    plugin_tables_in_models(app, plugin)
    unmanaged = {name for source in app.registry.migrations.values() for name in source.unmanaged}

    def include(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
        if name in unmanaged:
            return False
        table = obj if type_ == "table" else getattr(obj, "table", None)
        table_name = name if type_ == "table" else getattr(table, "name", "")
        return bool(table_name and str(table_name).startswith(f"{plugin}_"))

    with app.db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_object": include, "compare_type": True, "target_metadata": metadata}
        )
        return list(compare_metadata(context, metadata))


def assert_migrations_match_models(app: GridApp, plugin: str) -> None:
    """Upgraded from empty, the database has exactly the plugin's model tables, with no difference."""
    in_db = plugin_tables_in_database(app, plugin)
    in_models = plugin_tables_in_models(app, plugin)
    assert in_db == in_models, f"tables: database {sorted(in_db)} != models {sorted(in_models)}"
    differences = schema_differences(app, plugin)
    assert not differences, f"migrations of {plugin} differ from its models: {differences}"
