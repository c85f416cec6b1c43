"""Alembic revisions of the core branch."""
