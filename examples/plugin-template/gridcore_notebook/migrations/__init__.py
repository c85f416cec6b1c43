"""Alembic revisions of the ``notebook`` branch (the folder ``register_migrations`` names)."""
