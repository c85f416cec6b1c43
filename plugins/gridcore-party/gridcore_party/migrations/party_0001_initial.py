"""party: party organizations, members, activities, participants and photos.

Revision ID: party_0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "party_0001"
down_revision = None
branch_labels = ("party",)
depends_on = "c0002_domain"  # a party member is a resident (core_resident)

ENTITIES = ("party_org", "party_member", "party_activity", "party_photo")
DICTIONARIES = ("party_org_type", "party_photo_source")


def upgrade() -> None:
    op.create_table(
        "party_org",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("org_type", sa.String(4), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("secretary", sa.String(30), nullable=True),
        sa.Column("founded_date", sa.Date(), nullable=True),
        sa.Column("sort_order", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["parent_id"], ["party_org.id"], name=op.f("fk_party_org_parent_id_party_org")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_party_org")),
        sa.UniqueConstraint("name", name=op.f("uq_party_org_name")),
    )
    op.create_index(op.f("ix_party_org_parent_id"), "party_org", ["parent_id"])
    op.create_table(
        "party_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(30), nullable=True),
        sa.Column("sex", sa.String(2), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("category", sa.String(4), nullable=True),
        sa.Column("party_org_id", sa.Integer(), nullable=False),
        sa.Column("join_date", sa.Date(), nullable=True),
        sa.Column("full_member_date", sa.Date(), nullable=True),
        sa.Column("party_post", sa.String(30), nullable=True),
        sa.Column("social_post", sa.String(50), nullable=True),
        sa.Column("is_floating", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(
            ["resident_id"], ["core_resident.id"], name=op.f("fk_party_member_resident_id_core_resident"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["party_org_id"], ["party_org.id"], name=op.f("fk_party_member_party_org_id_party_org"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_party_member")),
        sa.UniqueConstraint("resident_id", name=op.f("uq_party_member_resident_id")),
    )  # fmt: skip
    op.create_index(op.f("ix_party_member_category"), "party_member", ["category"])
    op.create_index(op.f("ix_party_member_party_org_id"), "party_member", ["party_org_id"])
    op.create_table(
        "party_activity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("activity_no", sa.String(20), nullable=True),
        sa.Column("theme", sa.String(200), nullable=False),
        sa.Column("activity_date", sa.Date(), nullable=False),
        sa.Column("location", sa.String(200), nullable=True),
        sa.Column("party_org_id", sa.Integer(), nullable=True),
        sa.Column("content", sa.Text(), nullable=True),
        sa.Column("participant_count", sa.Integer(), nullable=True),
        sa.Column("participant_names", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["party_org_id"], ["party_org.id"], name=op.f("fk_party_activity_party_org_id_party_org"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_party_activity")),
        sa.UniqueConstraint("activity_no", name=op.f("uq_party_activity_activity_no")),
    )  # fmt: skip
    op.create_index(op.f("ix_party_activity_activity_date"), "party_activity", ["activity_date"])
    op.create_index(op.f("ix_party_activity_party_org_id"), "party_activity", ["party_org_id"])
    op.create_table(
        "party_participant",
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"], ["party_activity.id"], name=op.f("fk_party_participant_activity_id_party_activity"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["party_member.id"], name=op.f("fk_party_participant_member_id_party_member"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("activity_id", "member_id", name=op.f("pk_party_participant")),
    )  # fmt: skip
    op.create_index(op.f("ix_party_participant_member_id"), "party_participant", ["member_id"])
    op.create_table(
        "party_photo",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(60), nullable=True),
        sa.Column("path", sa.String(255), nullable=False),
        sa.Column("source", sa.String(4), nullable=True),
        sa.ForeignKeyConstraint(
            ["activity_id"], ["party_activity.id"], name=op.f("fk_party_photo_activity_id_party_activity"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_party_photo")),
        sa.UniqueConstraint("file_name", name=op.f("uq_party_photo_file_name")),
    )  # fmt: skip
    op.create_index(op.f("ix_party_photo_activity_id"), "party_photo", ["activity_id"])


def downgrade() -> None:
    # the plugin's rows in the kernel's shared tables go with it: search index and dictionary entries
    search = sa.table("core_search", sa.column("entity", sa.String))
    op.execute(search.delete().where(search.c.entity.in_(ENTITIES)))
    entries = sa.table("core_dictionary_entry", sa.column("dictionary_id", sa.String))
    op.execute(entries.delete().where(entries.c.dictionary_id.in_(DICTIONARIES)))
    op.drop_index(op.f("ix_party_photo_activity_id"), table_name="party_photo")
    op.drop_table("party_photo")
    op.drop_index(op.f("ix_party_participant_member_id"), table_name="party_participant")
    op.drop_table("party_participant")
    op.drop_index(op.f("ix_party_activity_party_org_id"), table_name="party_activity")
    op.drop_index(op.f("ix_party_activity_activity_date"), table_name="party_activity")
    op.drop_table("party_activity")
    op.drop_index(op.f("ix_party_member_party_org_id"), table_name="party_member")
    op.drop_index(op.f("ix_party_member_category"), table_name="party_member")
    op.drop_table("party_member")
    op.drop_index(op.f("ix_party_org_parent_id"), table_name="party_org")
    op.drop_table("party_org")
