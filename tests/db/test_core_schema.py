"""The core's migrations create exactly the core models' tables."""

from __future__ import annotations

from gridcore.testing.schema import assert_migrations_match_models, plugin_tables_in_database


def test_core_migrations_match_models(gridcore_app):
    assert_migrations_match_models(gridcore_app, "core")
    assert {"core_region", "core_household", "core_resident", "core_dictionary_entry"} <= plugin_tables_in_database(
        gridcore_app, "core"
    )
