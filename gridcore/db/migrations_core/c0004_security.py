"""core: security — permission groups, operator login key / scope / lockout, sessions, the audit log.

The audit log is append-only in the database itself: UPDATE is refused, and DELETE of records younger
than 180 days (L4), by triggers on SQLite and PostgreSQL alike.

Revision ID: c0004_security
Revises: c0003_search
Create Date: 2026-11-29
"""

from __future__ import annotations

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "c0004_security"
down_revision = "c0003_search"
branch_labels = None
depends_on = None

SQLITE_TRIGGERS = [
    "CREATE TRIGGER core_audit_no_update BEFORE UPDATE ON core_audit "
    "BEGIN SELECT RAISE(ABORT, 'core_audit is append-only'); END",
    "CREATE TRIGGER core_audit_no_delete BEFORE DELETE ON core_audit "
    "WHEN old.at > datetime('now', '-180 days') "
    "BEGIN SELECT RAISE(ABORT, 'core_audit records younger than 180 days cannot be deleted'); END",
]

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION core_audit_guard() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'core_audit is append-only';
    END IF;
    IF OLD.at > now() - interval '180 days' THEN
        RAISE EXCEPTION 'core_audit records younger than 180 days cannot be deleted';
    END IF;
    RETURN OLD;
END;
$$ LANGUAGE plpgsql
"""

PG_TRIGGER = (
    "CREATE TRIGGER core_audit_guard BEFORE UPDATE OR DELETE ON core_audit "
    "FOR EACH ROW EXECUTE FUNCTION core_audit_guard()"
)


def _login_key(login: str) -> str:
    return unicodedata.normalize("NFKC", login).strip().casefold()


def upgrade() -> None:
    op.create_table(
        "core_permission_group",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=30), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("builtin", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_core_permission_group")),
        sa.UniqueConstraint("name", name=op.f("uq_core_permission_group_name")),
    )
    op.create_table(
        "core_group_permission",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("permission", sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["core_permission_group.id"],
            name=op.f("fk_core_group_permission_group_id_core_permission_group"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("group_id", "permission", name=op.f("pk_core_group_permission")),
    )
    op.create_table(
        "core_seeded_permission",
        sa.Column("permission", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("permission", name=op.f("pk_core_seeded_permission")),
    )

    with op.batch_alter_table("core_operator", schema=None) as batch_op:
        batch_op.add_column(sa.Column("login_key", sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column("region_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("failed_logins", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("password_changed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True))
    operators = sa.table("core_operator", sa.column("id", sa.Integer()), sa.column("login", sa.String()))
    keyed = sa.table("core_operator", sa.column("id", sa.Integer()), sa.column("login_key", sa.String()))
    bind = op.get_bind()
    for row in bind.execute(sa.select(operators.c.id, operators.c.login)).all():
        bind.execute(sa.update(keyed).where(keyed.c.id == row.id).values(login_key=_login_key(row.login)))
    with op.batch_alter_table("core_operator", schema=None) as batch_op:
        batch_op.alter_column("login_key", existing_type=sa.String(length=120), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_core_operator_login_key"), ["login_key"])
        batch_op.create_foreign_key(
            batch_op.f("fk_core_operator_region_id_core_region"),
            "core_region",
            ["region_id"],
            ["id"],
            ondelete="RESTRICT",
        )

    op.create_table(
        "core_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=False),
        sa.Column("group_name", sa.String(length=30), nullable=False),
        sa.Column("permissions", sa.Text(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=True),
        sa.Column("restricted", sa.Boolean(), nullable=False),
        sa.Column("terminal", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["operator_id"],
            ["core_operator.id"],
            name=op.f("fk_core_session_operator_id_core_operator"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_core_session")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_core_session_token_hash")),
    )
    with op.batch_alter_table("core_session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_core_session_operator_id"), ["operator_id"], unique=False)

    op.create_table(
        "core_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=30), nullable=False),
        sa.Column("terminal", sa.String(length=100), nullable=False),
        sa.Column("event_type", sa.String(length=40), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("object_key", sa.String(length=100), nullable=False),
        sa.Column("result", sa.String(length=20), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_core_audit")),
    )
    with op.batch_alter_table("core_audit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_core_audit_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_core_audit_actor"), ["actor"], unique=False)
        batch_op.create_index(batch_op.f("ix_core_audit_event_type"), ["event_type"], unique=False)

    dialect = bind.dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute(PG_FUNCTION)
        op.execute(PG_TRIGGER)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS core_audit_no_update")
        op.execute("DROP TRIGGER IF EXISTS core_audit_no_delete")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS core_audit_guard ON core_audit")
        op.execute("DROP FUNCTION IF EXISTS core_audit_guard()")
    with op.batch_alter_table("core_audit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_core_audit_event_type"))
        batch_op.drop_index(batch_op.f("ix_core_audit_actor"))
        batch_op.drop_index(batch_op.f("ix_core_audit_at"))
    op.drop_table("core_audit")
    with op.batch_alter_table("core_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_core_session_operator_id"))
    op.drop_table("core_session")
    with op.batch_alter_table("core_operator", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_core_operator_region_id_core_region"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("uq_core_operator_login_key"), type_="unique")
        batch_op.drop_column("last_login_at")
        batch_op.drop_column("password_changed_at")
        batch_op.drop_column("locked_until")
        batch_op.drop_column("failed_logins")
        batch_op.drop_column("region_id")
        batch_op.drop_column("login_key")
    op.drop_table("core_seeded_permission")
    op.drop_table("core_group_permission")
    op.drop_table("core_permission_group")
