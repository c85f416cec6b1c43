"""Alembic revisions of the ``maps`` branch (the folder ``register_migrations`` names)."""
