"""notebook: the 民情日记 table.

Revision ID: notebook_0001
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "notebook_0001"
down_revision = None
branch_labels = ("notebook",)  # the first revision of a plugin labels its branch with the plugin name
depends_on = None  # say "c0001_kernel" here only if a table refers to a core table


def upgrade() -> None:
    op.create_table(
        "notebook_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_date", sa.Date(), nullable=False),
        sa.Column("title", sa.String(100), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("author", sa.String(30), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notebook_entry")),
    )
    op.create_index(op.f("ix_notebook_entry_entry_date"), "notebook_entry", ["entry_date"])


def downgrade() -> None:
    op.drop_index(op.f("ix_notebook_entry_entry_date"), table_name="notebook_entry")
    op.drop_table("notebook_entry")
