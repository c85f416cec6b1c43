"""Alembic revisions of the ``assets`` branch (the folder ``register_migrations`` names)."""
