"""orgs: organizations, their members and regulations.

Revision ID: orgs_0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "orgs_0001"
down_revision = None
branch_labels = ("orgs",)
depends_on = "c0002_domain"  # a member may link to a resident (core_resident)

ENTITIES = ("organization", "org_member", "regulation")
DICTIONARIES = ("org_member_level", "regulation_category")


def upgrade() -> None:
    op.create_table(
        "orgs_organization",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("chart_title", sa.String(100), nullable=True),
        sa.Column("sort_order", sa.Integer(), nullable=True),
        sa.Column("remark", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_orgs_organization")),
        sa.UniqueConstraint("name", name=op.f("uq_orgs_organization_name")),
    )
    op.create_table(
        "orgs_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(4), nullable=False),
        sa.Column("post", sa.String(30), nullable=False),
        sa.Column("name", sa.String(30), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=True),
        sa.Column("sort_order", sa.Integer(), nullable=True),
        sa.Column("phone", sa.String(20), nullable=True),
        sa.Column("photo_path", sa.String(255), nullable=True),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["orgs_organization.id"],
            name=op.f("fk_orgs_member_organization_id_orgs_organization"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["resident_id"],
            ["core_resident.id"],
            name=op.f("fk_orgs_member_resident_id_core_resident"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_orgs_member")),
    )
    op.create_index(op.f("ix_orgs_member_organization_id"), "orgs_member", ["organization_id"])
    op.create_table(
        "orgs_regulation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("regulation_no", sa.String(30), nullable=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("category", sa.String(4), nullable=False),
        sa.Column("issuer", sa.String(100), nullable=True),
        sa.Column("issued_date", sa.Date(), nullable=True),
        sa.Column("effective_date", sa.Date(), nullable=True),
        sa.Column("content", sa.Text(), nullable=True),
        sa.Column("attachments", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_orgs_regulation")),
        sa.UniqueConstraint("regulation_no", name=op.f("uq_orgs_regulation_regulation_no")),
    )
    op.create_index(op.f("ix_orgs_regulation_category"), "orgs_regulation", ["category"])


def downgrade() -> None:
    # the plugin's rows in the kernel's shared tables go with it: search index and dictionary entries
    search = sa.table("core_search", sa.column("entity", sa.String))
    op.execute(search.delete().where(search.c.entity.in_(ENTITIES)))
    entries = sa.table("core_dictionary_entry", sa.column("dictionary_id", sa.String))
    op.execute(entries.delete().where(entries.c.dictionary_id.in_(DICTIONARIES)))
    op.drop_index(op.f("ix_orgs_regulation_category"), table_name="orgs_regulation")
    op.drop_table("orgs_regulation")
    op.drop_index(op.f("ix_orgs_member_organization_id"), table_name="orgs_member")
    op.drop_table("orgs_member")
    op.drop_table("orgs_organization")
