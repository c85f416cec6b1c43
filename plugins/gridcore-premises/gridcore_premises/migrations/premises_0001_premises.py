"""premises: the 营业场所 table.

Revision ID: premises_0001
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "premises_0001"
down_revision = None
branch_labels = ("premises",)
depends_on = "c0002_domain"  # core_region (the compound) and core_resident (the employee link)


def upgrade() -> None:
    op.create_table(
        "premises_premises",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("premises_no", sa.String(length=20), nullable=True),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("compound_id", sa.Integer(), nullable=False),
        sa.Column("community_name", sa.String(length=50), nullable=True),
        sa.Column("compound_name", sa.String(length=50), nullable=True),
        sa.Column("premises_type", sa.String(length=4), nullable=True),
        sa.Column("industry", sa.String(length=2), nullable=True),
        sa.Column("credit_code", sa.String(length=18), nullable=True),
        sa.Column("person_in_charge", sa.String(length=30), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("address", sa.String(length=200), nullable=True),
        sa.Column("area", sa.Numeric(precision=10, scale=2), nullable=True),
        sa.Column("map_left", sa.Integer(), nullable=True),
        sa.Column("map_top", sa.Integer(), nullable=True),
        sa.Column("photo_path", sa.String(length=255), nullable=True),
        sa.Column("remark", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["compound_id"],
            ["core_region.id"],
            name=op.f("fk_premises_premises_compound_id_core_region"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_premises_premises")),
        sa.UniqueConstraint("premises_no", name=op.f("uq_premises_premises_premises_no")),
    )
    with op.batch_alter_table("premises_premises", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_premises_premises_compound_id"), ["compound_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_premises_premises_premises_type"), ["premises_type"], unique=False)
        batch_op.create_index(batch_op.f("ix_premises_premises_credit_code"), ["credit_code"], unique=False)


def downgrade() -> None:
    # Uninstalling leaves no resident pointing at a premises that no longer exists.
    op.execute(sa.text("UPDATE core_resident SET premises_no = NULL WHERE premises_no IS NOT NULL"))
    with op.batch_alter_table("premises_premises", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_premises_premises_credit_code"))
        batch_op.drop_index(batch_op.f("ix_premises_premises_premises_type"))
        batch_op.drop_index(batch_op.f("ix_premises_premises_compound_id"))
    op.drop_table("premises_premises")
