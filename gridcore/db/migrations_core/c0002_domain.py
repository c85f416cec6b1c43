"""core: jurisdiction, households, residents, dictionaries

Revision ID: c0002_domain
Revises: c0001_kernel
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "c0002_domain"
down_revision = "c0001_kernel"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "core_dictionary_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dictionary_id", sa.String(length=40), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("label", sa.String(length=50), nullable=False),
        sa.Column("sort", sa.Integer(), nullable=False),
        sa.Column("protected", sa.Boolean(), nullable=False),
        sa.Column("semantic", sa.String(length=30), nullable=True),
        sa.Column("aliases", sa.String(length=500), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("verify", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_core_dictionary_entry")),
        sa.UniqueConstraint("dictionary_id", "code", name=op.f("uq_core_dictionary_entry_dictionary_id_code")),
        sa.UniqueConstraint("dictionary_id", "label", name=op.f("uq_core_dictionary_entry_dictionary_id_label")),
    )
    with op.batch_alter_table("core_dictionary_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_core_dictionary_entry_dictionary_id"), ["dictionary_id"], unique=False)

    op.create_table(
        "core_region",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("map_image", sa.String(length=255), nullable=True),
        sa.Column("map_width", sa.Integer(), nullable=True),
        sa.Column("map_height", sa.Integer(), nullable=True),
        sa.Column("map_left", sa.Integer(), nullable=True),
        sa.Column("map_top", sa.Integer(), nullable=True),
        sa.Column("marker_width", sa.Integer(), nullable=True),
        sa.Column("marker_height", sa.Integer(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("office_address", sa.String(length=200), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("property_company", sa.String(length=100), nullable=True),
        sa.Column("remark", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["core_region.id"], name=op.f("fk_core_region_parent_id_core_region"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_core_region")),
        sa.UniqueConstraint("code", name=op.f("uq_core_region_code")),
        sa.UniqueConstraint("parent_id", "name", name=op.f("uq_core_region_parent_id_name")),
    )
    with op.batch_alter_table("core_region", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_core_region_parent_id"), ["parent_id"], unique=False)

    op.create_table(
        "core_building",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("compound_id", sa.Integer(), nullable=False),
        sa.Column("building_no", sa.String(length=20), nullable=False),
        sa.Column("unit_count", sa.Integer(), nullable=True),
        sa.Column("floor_count", sa.Integer(), nullable=True),
        sa.Column("leader", sa.String(length=30), nullable=True),
        sa.Column("map_left", sa.Integer(), nullable=True),
        sa.Column("map_top", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["compound_id"],
            ["core_region.id"],
            name=op.f("fk_core_building_compound_id_core_region"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_core_building")),
        sa.UniqueConstraint("compound_id", "building_no", name=op.f("uq_core_building_compound_id_building_no")),
    )
    with op.batch_alter_table("core_building", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_core_building_compound_id"), ["compound_id"], unique=False)

    op.create_table(
        "core_household",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("household_no", sa.String(length=20), nullable=True),
        sa.Column("compound_id", sa.Integer(), nullable=True),
        sa.Column("community_name", sa.String(length=50), nullable=True),
        sa.Column("compound_name", sa.String(length=50), nullable=True),
        sa.Column("building_no", sa.String(length=20), nullable=True),
        sa.Column("unit_no", sa.String(length=10), nullable=True),
        sa.Column("door_no", sa.String(length=30), nullable=True),
        sa.Column("head_name", sa.String(length=30), nullable=False),
        sa.Column("map_left", sa.Integer(), nullable=True),
        sa.Column("map_top", sa.Integer(), nullable=True),
        sa.Column("photo_path", sa.String(length=255), nullable=True),
        sa.Column("hukou_type", sa.String(length=10), nullable=True),
        sa.Column("housing_nature", sa.String(length=10), nullable=True),
        sa.Column("house_state", sa.String(length=10), nullable=True),
        sa.Column("floor_area", sa.Numeric(precision=10, scale=2), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("hukou_book_no", sa.String(length=20), nullable=True),
        sa.Column("remark", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["compound_id"],
            ["core_region.id"],
            name=op.f("fk_core_household_compound_id_core_region"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_core_household")),
        sa.UniqueConstraint("household_no", name=op.f("uq_core_household_household_no")),
    )
    with op.batch_alter_table("core_household", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_core_household_compound_id"), ["compound_id"], unique=False)

    op.create_table(
        "core_resident",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("resident_no", sa.String(length=24), nullable=True),
        sa.Column("household_id", sa.Integer(), nullable=True),
        sa.Column("household_no", sa.String(length=20), nullable=True),
        sa.Column("community_name", sa.String(length=50), nullable=True),
        sa.Column("compound_name", sa.String(length=50), nullable=True),
        sa.Column("building_no", sa.String(length=20), nullable=True),
        sa.Column("door_no", sa.String(length=30), nullable=True),
        sa.Column("head_name", sa.String(length=30), nullable=True),
        sa.Column("name", sa.String(length=30), nullable=False),
        sa.Column("relation_to_head", sa.String(length=10), nullable=True),
        sa.Column("id_number", sa.String(length=18), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("sex", sa.String(length=2), nullable=True),
        sa.Column("native_place", sa.String(length=100), nullable=True),
        sa.Column("birth_place", sa.String(length=100), nullable=True),
        sa.Column("ethnicity", sa.String(length=4), nullable=True),
        sa.Column("political_status", sa.String(length=4), nullable=True),
        sa.Column("photo_path", sa.String(length=255), nullable=True),
        sa.Column("premises_no", sa.String(length=20), nullable=True),
        sa.Column("population_type", sa.String(length=4), nullable=True),
        sa.Column("hukou_type", sa.String(length=10), nullable=True),
        sa.Column("education", sa.String(length=4), nullable=True),
        sa.Column("marital_status", sa.String(length=4), nullable=True),
        sa.Column("religion", sa.String(length=4), nullable=True),
        sa.Column("military_service", sa.String(length=4), nullable=True),
        sa.Column("health_status", sa.String(length=4), nullable=True),
        sa.Column("occupation", sa.String(length=50), nullable=True),
        sa.Column("employer", sa.String(length=100), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("former_name", sa.String(length=30), nullable=True),
        sa.Column("hukou_address", sa.String(length=200), nullable=True),
        sa.Column("arrival_date", sa.Date(), nullable=True),
        sa.Column("residence_permit_no", sa.String(length=30), nullable=True),
        sa.Column("is_disabled", sa.Boolean(), nullable=True),
        sa.Column("is_dibao", sa.Boolean(), nullable=True),
        sa.Column("special_group", sa.String(length=40), nullable=True),
        sa.Column("lives_alone", sa.Boolean(), nullable=True),
        sa.Column("remark", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["core_household.id"],
            name=op.f("fk_core_resident_household_id_core_household"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_core_resident")),
        sa.UniqueConstraint("id_number", name=op.f("uq_core_resident_id_number")),
        sa.UniqueConstraint("resident_no", name=op.f("uq_core_resident_resident_no")),
    )
    with op.batch_alter_table("core_resident", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_core_resident_birth_year"), ["birth_year"], unique=False)
        batch_op.create_index(batch_op.f("ix_core_resident_birth_date"), ["birth_date"], unique=False)
        batch_op.create_index("ix_core_resident_community_sex", ["community_name", "sex"], unique=False)
        batch_op.create_index(batch_op.f("ix_core_resident_household_id"), ["household_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("core_resident", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_core_resident_household_id"))
        batch_op.drop_index("ix_core_resident_community_sex")
        batch_op.drop_index(batch_op.f("ix_core_resident_birth_year"))
        batch_op.drop_index(batch_op.f("ix_core_resident_birth_date"))

    op.drop_table("core_resident")
    with op.batch_alter_table("core_household", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_core_household_compound_id"))

    op.drop_table("core_household")
    with op.batch_alter_table("core_building", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_core_building_compound_id"))

    op.drop_table("core_building")
    with op.batch_alter_table("core_region", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_core_region_parent_id"))

    op.drop_table("core_region")
    with op.batch_alter_table("core_dictionary_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_core_dictionary_entry_dictionary_id"))

    op.drop_table("core_dictionary_entry")
