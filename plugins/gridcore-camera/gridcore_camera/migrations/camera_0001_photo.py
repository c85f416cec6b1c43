"""camera: the photo records table.

Revision ID: camera_0001
Revises:
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "camera_0001"
down_revision = None
branch_labels = ("camera",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "camera_photo",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("owner_key", sa.String(length=40), nullable=False),
        sa.Column("path", sa.String(length=255), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_camera_photo")),
        sa.UniqueConstraint("path", name=op.f("uq_camera_photo_path")),
    )
    op.create_index("ix_camera_photo_entity_owner", "camera_photo", ["entity", "owner_id"])


def downgrade() -> None:
    op.drop_index("ix_camera_photo_entity_owner", table_name="camera_photo")
    op.drop_table("camera_photo")
