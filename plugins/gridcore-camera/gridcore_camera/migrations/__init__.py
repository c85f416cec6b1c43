"""Alembic revisions of the ``camera`` branch (the folder ``register_migrations`` names)."""
