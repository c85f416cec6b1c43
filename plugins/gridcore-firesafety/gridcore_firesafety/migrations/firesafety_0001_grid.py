"""firesafety: the fire-safety grid (大网格, 单元格, 一户一档, 检查, 隐患, 两警一停, 汇报, 简报, 奖惩).

Revision ID: firesafety_0001
Revises:
Create Date: 2026-05-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "firesafety_0001"
down_revision = None
branch_labels = ("firesafety",)
depends_on = "c0002_domain"  # every table refers to core_region (the community)


def upgrade() -> None:  # noqa: PLR0915 - one statement per table, index and constraint
    op.create_table(
        "firesafety_briefing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=20), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("issued_date", sa.Date(), nullable=False),
        sa.Column("found", sa.Integer(), nullable=False),
        sa.Column("rectified", sa.Integer(), nullable=False),
        sa.Column("overdue", sa.Integer(), nullable=False),
        sa.Column("escalated", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["core_region.id"],
            name=op.f("fk_firesafety_briefing_community_id_core_region"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_firesafety_briefing")),
        sa.UniqueConstraint("community_id", "period", name=op.f("uq_firesafety_briefing_community_id_period")),
    )
    op.create_index(op.f("ix_firesafety_briefing_community_id"), "firesafety_briefing", ["community_id"], unique=False)
    op.create_table(
        "firesafety_grid",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("grid_no", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("community_name", sa.String(length=50), nullable=True),
        sa.Column("coverage", sa.String(length=200), nullable=True),
        sa.Column("department", sa.String(length=50), nullable=True),
        sa.Column("supervisor", sa.String(length=30), nullable=False),
        sa.Column("supervisor_phone", sa.String(length=20), nullable=True),
        sa.Column("supervisor_since", sa.Date(), nullable=True),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["core_region.id"],
            name=op.f("fk_firesafety_grid_community_id_core_region"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_firesafety_grid")),
        sa.UniqueConstraint("community_id", "name", name=op.f("uq_firesafety_grid_community_id_name")),
        sa.UniqueConstraint("grid_no", name=op.f("uq_firesafety_grid_grid_no")),
    )
    op.create_index(op.f("ix_firesafety_grid_community_id"), "firesafety_grid", ["community_id"], unique=False)
    op.create_table(
        "firesafety_letter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=10), nullable=False),
        sa.Column("signer", sa.String(length=100), nullable=False),
        sa.Column("counterpart", sa.String(length=100), nullable=False),
        sa.Column("signed_date", sa.Date(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["core_region.id"],
            name=op.f("fk_firesafety_letter_community_id_core_region"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_firesafety_letter")),
        sa.UniqueConstraint(
            "community_id", "year", "signer", name=op.f("uq_firesafety_letter_community_id_year_signer")
        ),
    )
    op.create_index(op.f("ix_firesafety_letter_community_id"), "firesafety_letter", ["community_id"], unique=False)
    op.create_table(
        "firesafety_publicity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("forms", sa.String(length=200), nullable=False),
        sa.Column("audience", sa.String(length=100), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["core_region.id"],
            name=op.f("fk_firesafety_publicity_community_id_core_region"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_firesafety_publicity")),
        sa.UniqueConstraint("community_id", "month", name=op.f("uq_firesafety_publicity_community_id_month")),
    )
    op.create_index(
        op.f("ix_firesafety_publicity_community_id"), "firesafety_publicity", ["community_id"], unique=False
    )
    op.create_table(
        "firesafety_reward",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_date", sa.Date(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("subject_kind", sa.String(length=4), nullable=False),
        sa.Column("subject", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["core_region.id"],
            name=op.f("fk_firesafety_reward_community_id_core_region"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_firesafety_reward")),
    )
    op.create_index(op.f("ix_firesafety_reward_community_id"), "firesafety_reward", ["community_id"], unique=False)
    op.create_index(op.f("ix_firesafety_reward_subject"), "firesafety_reward", ["subject"], unique=False)
    op.create_index(op.f("ix_firesafety_reward_year"), "firesafety_reward", ["year"], unique=False)
    op.create_table(
        "firesafety_step",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workflow", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("from_state", sa.String(length=10), nullable=True),
        sa.Column("to_state", sa.String(length=10), nullable=False),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("step_date", sa.Date(), nullable=False),
        sa.Column("actor", sa.String(length=30), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("operator", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["core_region.id"],
            name=op.f("fk_firesafety_step_community_id_core_region"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_firesafety_step")),
    )
    op.create_index(op.f("ix_firesafety_step_community_id"), "firesafety_step", ["community_id"], unique=False)
    op.create_index(op.f("ix_firesafety_step_record_id"), "firesafety_step", ["record_id"], unique=False)
    op.create_table(
        "firesafety_cell",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cell_no", sa.String(length=24), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("grid_name", sa.String(length=50), nullable=True),
        sa.Column("compound_name", sa.String(length=50), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("grid_id", sa.Integer(), nullable=False),
        sa.Column("compound_id", sa.Integer(), nullable=True),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["core_region.id"],
            name=op.f("fk_firesafety_cell_community_id_core_region"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["compound_id"],
            ["core_region.id"],
            name=op.f("fk_firesafety_cell_compound_id_core_region"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["grid_id"],
            ["firesafety_grid.id"],
            name=op.f("fk_firesafety_cell_grid_id_firesafety_grid"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_firesafety_cell")),
        sa.UniqueConstraint("cell_no", name=op.f("uq_firesafety_cell_cell_no")),
        sa.UniqueConstraint("community_id", "name", name=op.f("uq_firesafety_cell_community_id_name")),
        sa.UniqueConstraint("compound_id", name=op.f("uq_firesafety_cell_compound_id")),
    )
    op.create_index(op.f("ix_firesafety_cell_community_id"), "firesafety_cell", ["community_id"], unique=False)
    op.create_index(op.f("ix_firesafety_cell_grid_id"), "firesafety_cell", ["grid_id"], unique=False)
    op.create_table(
        "firesafety_grid_term",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("grid_id", sa.Integer(), nullable=False),
        sa.Column("person", sa.String(length=30), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("successor", sa.String(length=30), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["core_region.id"],
            name=op.f("fk_firesafety_grid_term_community_id_core_region"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["grid_id"],
            ["firesafety_grid.id"],
            name=op.f("fk_firesafety_grid_term_grid_id_firesafety_grid"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_firesafety_grid_term")),
    )
    op.create_index(
        op.f("ix_firesafety_grid_term_community_id"), "firesafety_grid_term", ["community_id"], unique=False
    )
    op.create_index(op.f("ix_firesafety_grid_term_grid_id"), "firesafety_grid_term", ["grid_id"], unique=False)
    op.create_table(
        "firesafety_archive",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("premises_no", sa.String(length=20), nullable=False),
        sa.Column("shop_name", sa.String(length=100), nullable=False),
        sa.Column("cell_name", sa.String(length=50), nullable=True),
        sa.Column("owner", sa.String(length=30), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("address", sa.String(length=200), nullable=True),
        sa.Column("category", sa.String(length=50), nullable=True),
        sa.Column("area", sa.Numeric(precision=10, scale=2), nullable=True),
        sa.Column("opened_date", sa.Date(), nullable=False),
        sa.Column("extinguishers", sa.Integer(), nullable=True),
        sa.Column("extinguisher_expiry", sa.Date(), nullable=True),
        sa.Column("exits_clear", sa.Boolean(), nullable=True),
        sa.Column("three_in_one", sa.Boolean(), nullable=True),
        sa.Column("ebike", sa.String(length=10), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("cell_id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cell_id"],
            ["firesafety_cell.id"],
            name=op.f("fk_firesafety_archive_cell_id_firesafety_cell"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["core_region.id"],
            name=op.f("fk_firesafety_archive_community_id_core_region"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_firesafety_archive")),
        sa.UniqueConstraint("premises_no", name=op.f("uq_firesafety_archive_premises_no")),
    )
    op.create_index(op.f("ix_firesafety_archive_cell_id"), "firesafety_archive", ["cell_id"], unique=False)
    op.create_index(op.f("ix_firesafety_archive_community_id"), "firesafety_archive", ["community_id"], unique=False)
    op.create_table(
        "firesafety_bundle",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cell_name", sa.String(length=50), nullable=True),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("person", sa.String(length=50), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("cell_id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cell_id"],
            ["firesafety_cell.id"],
            name=op.f("fk_firesafety_bundle_cell_id_firesafety_cell"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["core_region.id"],
            name=op.f("fk_firesafety_bundle_community_id_core_region"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_firesafety_bundle")),
    )
    op.create_index(op.f("ix_firesafety_bundle_cell_id"), "firesafety_bundle", ["cell_id"], unique=False)
    op.create_index(op.f("ix_firesafety_bundle_community_id"), "firesafety_bundle", ["community_id"], unique=False)
    op.create_table(
        "firesafety_post",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cell_name", sa.String(length=50), nullable=True),
        sa.Column("post", sa.String(length=10), nullable=False),
        sa.Column("person", sa.String(length=30), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("premises_no", sa.String(length=20), nullable=True),
        sa.Column("affiliation", sa.String(length=100), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("cell_id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cell_id"],
            ["firesafety_cell.id"],
            name=op.f("fk_firesafety_post_cell_id_firesafety_cell"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["core_region.id"],
            name=op.f("fk_firesafety_post_community_id_core_region"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_firesafety_post")),
    )
    op.create_index(op.f("ix_firesafety_post_cell_id"), "firesafety_post", ["cell_id"], unique=False)
    op.create_index(op.f("ix_firesafety_post_community_id"), "firesafety_post", ["community_id"], unique=False)
    op.create_table(
        "firesafety_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("cell_name", sa.String(length=50), nullable=True),
        sa.Column("reporter", sa.String(length=30), nullable=False),
        sa.Column("report_date", sa.Date(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.Column("checks", sa.Integer(), nullable=False),
        sa.Column("hazards_found", sa.Integer(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("cell_id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cell_id"],
            ["firesafety_cell.id"],
            name=op.f("fk_firesafety_report_cell_id_firesafety_cell"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["core_region.id"],
            name=op.f("fk_firesafety_report_community_id_core_region"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_firesafety_report")),
        sa.UniqueConstraint("cell_id", "month", name=op.f("uq_firesafety_report_cell_id_month")),
    )
    op.create_index(op.f("ix_firesafety_report_cell_id"), "firesafety_report", ["cell_id"], unique=False)
    op.create_index(op.f("ix_firesafety_report_community_id"), "firesafety_report", ["community_id"], unique=False)
    op.create_index(op.f("ix_firesafety_report_month"), "firesafety_report", ["month"], unique=False)
    op.create_table(
        "firesafety_spot_check",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("check_date", sa.Date(), nullable=False),
        sa.Column("cell_name", sa.String(length=50), nullable=True),
        sa.Column("checker", sa.String(length=30), nullable=False),
        sa.Column("finding", sa.String(length=10), nullable=False),
        sa.Column("person", sa.String(length=30), nullable=True),
        sa.Column("unit", sa.String(length=100), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("cell_id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cell_id"],
            ["firesafety_cell.id"],
            name=op.f("fk_firesafety_spot_check_cell_id_firesafety_cell"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["core_region.id"],
            name=op.f("fk_firesafety_spot_check_community_id_core_region"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_firesafety_spot_check")),
    )
    op.create_index(op.f("ix_firesafety_spot_check_cell_id"), "firesafety_spot_check", ["cell_id"], unique=False)
    op.create_index(op.f("ix_firesafety_spot_check_check_date"), "firesafety_spot_check", ["check_date"], unique=False)
    op.create_index(
        op.f("ix_firesafety_spot_check_community_id"), "firesafety_spot_check", ["community_id"], unique=False
    )
    op.create_table(
        "firesafety_case",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_no", sa.String(length=20), nullable=False),
        sa.Column("person", sa.String(length=30), nullable=False),
        sa.Column("unit", sa.String(length=100), nullable=True),
        sa.Column("finding", sa.String(length=10), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("state_date", sa.Date(), nullable=False),
        sa.Column("opened_date", sa.Date(), nullable=False),
        sa.Column("sanction", sa.String(length=10), nullable=True),
        sa.Column("votes_for", sa.Integer(), nullable=True),
        sa.Column("votes_against", sa.Integer(), nullable=True),
        sa.Column("votes_abstain", sa.Integer(), nullable=True),
        sa.Column("document_no", sa.String(length=40), nullable=True),
        sa.Column("issued_date", sa.Date(), nullable=True),
        sa.Column("stamped_date", sa.Date(), nullable=True),
        sa.Column("delivered_to", sa.String(length=200), nullable=True),
        sa.Column("delivered_date", sa.Date(), nullable=True),
        sa.Column("confirmed_by", sa.String(length=30), nullable=True),
        sa.Column("confirmed_date", sa.Date(), nullable=True),
        sa.Column("spot_check_id", sa.Integer(), nullable=True),
        sa.Column("cell_id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cell_id"],
            ["firesafety_cell.id"],
            name=op.f("fk_firesafety_case_cell_id_firesafety_cell"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["core_region.id"],
            name=op.f("fk_firesafety_case_community_id_core_region"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["spot_check_id"],
            ["firesafety_spot_check.id"],
            name=op.f("fk_firesafety_case_spot_check_id_firesafety_spot_check"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_firesafety_case")),
        sa.UniqueConstraint("case_no", name=op.f("uq_firesafety_case_case_no")),
        sa.UniqueConstraint("spot_check_id", name=op.f("uq_firesafety_case_spot_check_id")),
    )
    op.create_index(op.f("ix_firesafety_case_cell_id"), "firesafety_case", ["cell_id"], unique=False)
    op.create_index(op.f("ix_firesafety_case_community_id"), "firesafety_case", ["community_id"], unique=False)
    op.create_index(op.f("ix_firesafety_case_person"), "firesafety_case", ["person"], unique=False)
    op.create_index(op.f("ix_firesafety_case_state"), "firesafety_case", ["state"], unique=False)
    op.create_table(
        "firesafety_inspection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("inspection_no", sa.String(length=20), nullable=False),
        sa.Column("premises_no", sa.String(length=20), nullable=True),
        sa.Column("shop_name", sa.String(length=100), nullable=True),
        sa.Column("inspect_date", sa.Date(), nullable=False),
        sa.Column("inspector", sa.String(length=30), nullable=False),
        sa.Column("inspector_post", sa.String(length=10), nullable=True),
        sa.Column("conclusion", sa.String(length=10), nullable=False),
        sa.Column("findings", sa.Text(), nullable=True),
        sa.Column("requirement", sa.Text(), nullable=True),
        sa.Column("signature", sa.String(length=30), nullable=True),
        sa.Column("archive_id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["archive_id"],
            ["firesafety_archive.id"],
            name=op.f("fk_firesafety_inspection_archive_id_firesafety_archive"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["core_region.id"],
            name=op.f("fk_firesafety_inspection_community_id_core_region"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_firesafety_inspection")),
        sa.UniqueConstraint("inspection_no", name=op.f("uq_firesafety_inspection_inspection_no")),
    )
    op.create_index(op.f("ix_firesafety_inspection_archive_id"), "firesafety_inspection", ["archive_id"], unique=False)
    op.create_index(
        op.f("ix_firesafety_inspection_community_id"), "firesafety_inspection", ["community_id"], unique=False
    )
    op.create_index(
        op.f("ix_firesafety_inspection_inspect_date"), "firesafety_inspection", ["inspect_date"], unique=False
    )
    op.create_table(
        "firesafety_hazard",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hazard_no", sa.String(length=20), nullable=False),
        sa.Column("premises_no", sa.String(length=20), nullable=True),
        sa.Column("shop_name", sa.String(length=100), nullable=True),
        sa.Column("hazard_type", sa.String(length=10), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("found_date", sa.Date(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("state_date", sa.Date(), nullable=False),
        sa.Column("measures", sa.Text(), nullable=True),
        sa.Column("archive_id", sa.Integer(), nullable=False),
        sa.Column("inspection_id", sa.Integer(), nullable=True),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["archive_id"],
            ["firesafety_archive.id"],
            name=op.f("fk_firesafety_hazard_archive_id_firesafety_archive"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["core_region.id"],
            name=op.f("fk_firesafety_hazard_community_id_core_region"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["inspection_id"],
            ["firesafety_inspection.id"],
            name=op.f("fk_firesafety_hazard_inspection_id_firesafety_inspection"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_firesafety_hazard")),
        sa.UniqueConstraint("hazard_no", name=op.f("uq_firesafety_hazard_hazard_no")),
    )
    op.create_index(op.f("ix_firesafety_hazard_archive_id"), "firesafety_hazard", ["archive_id"], unique=False)
    op.create_index(op.f("ix_firesafety_hazard_community_id"), "firesafety_hazard", ["community_id"], unique=False)
    op.create_index(op.f("ix_firesafety_hazard_deadline"), "firesafety_hazard", ["deadline"], unique=False)
    op.create_index(op.f("ix_firesafety_hazard_found_date"), "firesafety_hazard", ["found_date"], unique=False)
    op.create_index(op.f("ix_firesafety_hazard_inspection_id"), "firesafety_hazard", ["inspection_id"], unique=False)
    op.create_index(op.f("ix_firesafety_hazard_state"), "firesafety_hazard", ["state"], unique=False)
    op.create_table(
        "firesafety_inspection_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item", sa.String(length=10), nullable=False),
        sa.Column("result", sa.String(length=10), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.Column("inspection_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["inspection_id"],
            ["firesafety_inspection.id"],
            name=op.f("fk_firesafety_inspection_item_inspection_id_firesafety_inspection"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_firesafety_inspection_item")),
        sa.UniqueConstraint("inspection_id", "item", name=op.f("uq_firesafety_inspection_item_inspection_id_item")),
    )
    op.create_index(
        op.f("ix_firesafety_inspection_item_inspection_id"),
        "firesafety_inspection_item",
        ["inspection_id"],
        unique=False,
    )


def downgrade() -> None:  # noqa: PLR0915
    op.drop_index(op.f("ix_firesafety_inspection_item_inspection_id"), table_name="firesafety_inspection_item")
    op.drop_table("firesafety_inspection_item")
    op.drop_index(op.f("ix_firesafety_hazard_state"), table_name="firesafety_hazard")
    op.drop_index(op.f("ix_firesafety_hazard_inspection_id"), table_name="firesafety_hazard")
    op.drop_index(op.f("ix_firesafety_hazard_found_date"), table_name="firesafety_hazard")
    op.drop_index(op.f("ix_firesafety_hazard_deadline"), table_name="firesafety_hazard")
    op.drop_index(op.f("ix_firesafety_hazard_community_id"), table_name="firesafety_hazard")
    op.drop_index(op.f("ix_firesafety_hazard_archive_id"), table_name="firesafety_hazard")
    op.drop_table("firesafety_hazard")
    op.drop_index(op.f("ix_firesafety_inspection_inspect_date"), table_name="firesafety_inspection")
    op.drop_index(op.f("ix_firesafety_inspection_community_id"), table_name="firesafety_inspection")
    op.drop_index(op.f("ix_firesafety_inspection_archive_id"), table_name="firesafety_inspection")
    op.drop_table("firesafety_inspection")
    op.drop_index(op.f("ix_firesafety_case_state"), table_name="firesafety_case")
    op.drop_index(op.f("ix_firesafety_case_person"), table_name="firesafety_case")
    op.drop_index(op.f("ix_firesafety_case_community_id"), table_name="firesafety_case")
    op.drop_index(op.f("ix_firesafety_case_cell_id"), table_name="firesafety_case")
    op.drop_table("firesafety_case")
    op.drop_index(op.f("ix_firesafety_spot_check_community_id"), table_name="firesafety_spot_check")
    op.drop_index(op.f("ix_firesafety_spot_check_check_date"), table_name="firesafety_spot_check")
    op.drop_index(op.f("ix_firesafety_spot_check_cell_id"), table_name="firesafety_spot_check")
    op.drop_table("firesafety_spot_check")
    op.drop_index(op.f("ix_firesafety_report_month"), table_name="firesafety_report")
    op.drop_index(op.f("ix_firesafety_report_community_id"), table_name="firesafety_report")
    op.drop_index(op.f("ix_firesafety_report_cell_id"), table_name="firesafety_report")
    op.drop_table("firesafety_report")
    op.drop_index(op.f("ix_firesafety_post_community_id"), table_name="firesafety_post")
    op.drop_index(op.f("ix_firesafety_post_cell_id"), table_name="firesafety_post")
    op.drop_table("firesafety_post")
    op.drop_index(op.f("ix_firesafety_bundle_community_id"), table_name="firesafety_bundle")
    op.drop_index(op.f("ix_firesafety_bundle_cell_id"), table_name="firesafety_bundle")
    op.drop_table("firesafety_bundle")
    op.drop_index(op.f("ix_firesafety_archive_community_id"), table_name="firesafety_archive")
    op.drop_index(op.f("ix_firesafety_archive_cell_id"), table_name="firesafety_archive")
    op.drop_table("firesafety_archive")
    op.drop_index(op.f("ix_firesafety_grid_term_grid_id"), table_name="firesafety_grid_term")
    op.drop_index(op.f("ix_firesafety_grid_term_community_id"), table_name="firesafety_grid_term")
    op.drop_table("firesafety_grid_term")
    op.drop_index(op.f("ix_firesafety_cell_grid_id"), table_name="firesafety_cell")
    op.drop_index(op.f("ix_firesafety_cell_community_id"), table_name="firesafety_cell")
    op.drop_table("firesafety_cell")
    op.drop_index(op.f("ix_firesafety_step_record_id"), table_name="firesafety_step")
    op.drop_index(op.f("ix_firesafety_step_community_id"), table_name="firesafety_step")
    op.drop_table("firesafety_step")
    op.drop_index(op.f("ix_firesafety_reward_year"), table_name="firesafety_reward")
    op.drop_index(op.f("ix_firesafety_reward_subject"), table_name="firesafety_reward")
    op.drop_index(op.f("ix_firesafety_reward_community_id"), table_name="firesafety_reward")
    op.drop_table("firesafety_reward")
    op.drop_index(op.f("ix_firesafety_publicity_community_id"), table_name="firesafety_publicity")
    op.drop_table("firesafety_publicity")
    op.drop_index(op.f("ix_firesafety_letter_community_id"), table_name="firesafety_letter")
    op.drop_table("firesafety_letter")
    op.drop_index(op.f("ix_firesafety_grid_community_id"), table_name="firesafety_grid")
    op.drop_table("firesafety_grid")
    op.drop_index(op.f("ix_firesafety_briefing_community_id"), table_name="firesafety_briefing")
    op.drop_table("firesafety_briefing")
