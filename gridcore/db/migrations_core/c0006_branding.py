"""core: software and user information set by an administrator (gridcore brand set).

Revision ID: c0006_branding
Revises: c0005_exchange
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "c0006_branding"
down_revision = "c0005_exchange"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "core_branding",
        sa.Column("key", sa.String(length=30), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("changed_by", sa.String(length=60), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_core_branding")),
    )


def downgrade() -> None:
    op.drop_table("core_branding")
