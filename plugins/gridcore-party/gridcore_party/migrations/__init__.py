"""Alembic revisions of the party branch."""
