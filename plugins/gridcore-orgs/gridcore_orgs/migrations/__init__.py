"""Alembic revisions of the orgs branch."""
