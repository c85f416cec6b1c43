"""The one alembic environment of gridcore: run with the connection the Migrator hands in."""

from __future__ import annotations

from alembic import context

from gridcore.db.metadata import metadata

config = context.config
connection = config.attributes["connection"]
if "migrator" in config.attributes:
    config.attributes["migrator"].import_models()  # complete metadata for autogenerate
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
