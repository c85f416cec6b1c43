"""assets: the 大宗财产 table.

Revision ID: assets_0001
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "assets_0001"
down_revision = None
branch_labels = ("assets",)
depends_on = "c0002_domain"  # core_resident, the owner


def upgrade() -> None:
    op.create_table(
        "assets_asset",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("owner_name", sa.String(length=30), nullable=True),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("asset_type", sa.String(length=4), nullable=False),
        sa.Column("brand_model", sa.String(length=100), nullable=True),
        sa.Column("quantity", sa.Integer(), nullable=True),
        sa.Column("value", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("acquired_date", sa.Date(), nullable=True),
        sa.Column("plate_no", sa.String(length=10), nullable=True),
        sa.Column("vin", sa.String(length=17), nullable=True),
        sa.Column("serial_no", sa.String(length=50), nullable=True),
        sa.Column("photo_path", sa.String(length=255), nullable=True),
        sa.Column("remark", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["core_resident.id"], name=op.f("fk_assets_asset_owner_id_core_resident"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assets_asset")),
    )
    with op.batch_alter_table("assets_asset", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assets_asset_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_assets_asset_asset_type"), ["asset_type"], unique=False)
        batch_op.create_index(batch_op.f("ix_assets_asset_plate_no"), ["plate_no"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("assets_asset", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assets_asset_plate_no"))
        batch_op.drop_index(batch_op.f("ix_assets_asset_asset_type"))
        batch_op.drop_index(batch_op.f("ix_assets_asset_owner_id"))
    op.drop_table("assets_asset")
