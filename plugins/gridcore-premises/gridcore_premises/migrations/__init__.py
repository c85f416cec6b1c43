"""Alembic revisions of the ``premises`` branch (the folder ``register_migrations`` names)."""
