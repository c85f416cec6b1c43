"""maps: the marker table and the accumulated exact-query conditions of the house-state chart.

Revision ID: maps_0001
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "maps_0001"
down_revision = None
branch_labels = ("maps",)
depends_on = "c0002_domain"  # maps_marker.map_region_id refers to core_region


def upgrade() -> None:
    op.create_table(
        "maps_marker",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("map_region_id", sa.Integer(), nullable=False),
        sa.Column("left", sa.Integer(), nullable=True),
        sa.Column("top", sa.Integer(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["map_region_id"],
            ["core_region.id"],
            name=op.f("fk_maps_marker_map_region_id_core_region"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_maps_marker")),
        sa.UniqueConstraint("entity", "record_id", name=op.f("uq_maps_marker_entity_record_id")),
    )
    op.create_index(op.f("ix_maps_marker_map_region_id"), "maps_marker", ["map_region_id"])
    op.create_table(
        "maps_house_query",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("operator", sa.String(length=64), nullable=False),
        sa.Column("field", sa.String(length=60), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_maps_house_query")),
        sa.UniqueConstraint("operator", "field", "value", name=op.f("uq_maps_house_query_operator_field_value")),
    )
    op.create_index(op.f("ix_maps_house_query_operator"), "maps_house_query", ["operator"])


def downgrade() -> None:
    op.drop_index(op.f("ix_maps_house_query_operator"), table_name="maps_house_query")
    op.drop_table("maps_house_query")
    op.drop_index(op.f("ix_maps_marker_map_region_id"), table_name="maps_marker")
    op.drop_table("maps_marker")
