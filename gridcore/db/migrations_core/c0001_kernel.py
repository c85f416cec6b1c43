"""core: the kernel's tables (sequences, operators).

Revision ID: c0001_kernel
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "c0001_kernel"
down_revision = None
branch_labels = ("core",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "core_sequence",
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_core_sequence")),
    )
    op.create_table(
        "core_operator",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(30), nullable=False),
        sa.Column("name", sa.String(30), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("group_name", sa.String(30), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("must_change_password", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_core_operator")),
        sa.UniqueConstraint("login", name=op.f("uq_core_operator_login")),
    )


def downgrade() -> None:
    op.drop_table("core_operator")
    op.drop_table("core_sequence")
