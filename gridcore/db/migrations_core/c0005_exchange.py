"""core: data exchange — trusted units' public keys and the ledger of received packages.

Revision ID: c0005_exchange
Revises: c0004_security
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "c0005_exchange"
down_revision = "c0004_security"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "core_trusted_unit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("signing_key", sa.String(length=64), nullable=False),
        sa.Column("encryption_key", sa.String(length=64), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_core_trusted_unit")),
        sa.UniqueConstraint("code", name=op.f("uq_core_trusted_unit_code")),
    )
    op.create_table(
        "core_exchange_ledger",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("package_id", sa.String(length=64), nullable=False),
        sa.Column("sender_code", sa.String(length=40), nullable=False),
        sa.Column("sender_name", sa.String(length=100), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("added", sa.Integer(), nullable=False),
        sa.Column("unchanged", sa.Integer(), nullable=False),
        sa.Column("conflicts", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_core_exchange_ledger")),
        sa.UniqueConstraint("package_id", name=op.f("uq_core_exchange_ledger_package_id")),
    )
    with op.batch_alter_table("core_exchange_ledger", schema=None) as batch_op:
        batch_op.create_index("ix_core_exchange_ledger_sender_sequence", ["sender_code", "sequence"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("core_exchange_ledger", schema=None) as batch_op:
        batch_op.drop_index("ix_core_exchange_ledger_sender_sequence")
    op.drop_table("core_exchange_ledger")
    op.drop_table("core_trusted_unit")
