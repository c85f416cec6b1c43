"""Alembic revisions of the firesafety branch."""
