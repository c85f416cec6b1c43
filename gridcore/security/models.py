"""Tables of the security layer: operators (操作员), permission groups, sessions and the audit log."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from gridcore.db.metadata import Base


class Operator(Base):
    """An operator (操作员) who logs in; the password is kept only as an argon2id hash.

    ``login_key`` is the login after NFKC + casefold: unique, so ``Zhang`` and ``ｚｈａｎｇ`` are one
    name (A1). ``region_id`` binds the operator to a region subtree (row scope, C3); ``None`` = all.
    """

    __tablename__ = "core_operator"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(30), unique=True, nullable=False)
    login_key: Mapped[str] = mapped_column(String(120), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(30), nullable=False)
    password_hash: Mapped[str] = mapped_column(String(200), nullable=False)
    group: Mapped[str] = mapped_column("group_name", String(30), nullable=False)
    region_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("core_region.id", ondelete="RESTRICT"), nullable=True
    )
    enabled: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    failed_logins: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    password_changed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())


class PermissionGroup(Base):
    """A permission group (权限组): a named set of permissions operators are assigned to."""

    __tablename__ = "core_permission_group"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(30), unique=True, nullable=False)
    description: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    builtin: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)


class GroupPermission(Base):
    """One permission granted to one group (deny by default: what is not here is refused)."""

    __tablename__ = "core_group_permission"

    group_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("core_permission_group.id", ondelete="CASCADE"), primary_key=True
    )
    permission: Mapped[str] = mapped_column(String(80), primary_key=True)


class SeededPermission(Base):
    """A permission the seeder has already handed to the default groups (so a revocation sticks)."""

    __tablename__ = "core_seeded_permission"

    permission: Mapped[str] = mapped_column(String(80), primary_key=True)


class LoginSession(Base):
    """A server-side login session: only the SHA-256 of the token is stored.

    The group, permissions and scope are a snapshot taken at login (R-Q04: changes apply at the next
    login). ``restricted`` sessions may only change the password (expired or administrator-issued).
    """

    __tablename__ = "core_session"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    operator_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("core_operator.id", ondelete="CASCADE"), nullable=False, index=True
    )
    group: Mapped[str] = mapped_column("group_name", String(30), nullable=False)
    permissions: Mapped[str] = mapped_column(Text, nullable=False)
    region_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    restricted: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    terminal: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class AuditRecord(Base):
    """One record of the append-only, hash-chained audit log (安全审计).

    ``hash`` = SHA-256(``prev_hash`` ‖ canonical row); the database refuses UPDATE, and DELETE of
    records younger than 180 days (triggers created by the migration).
    """

    __tablename__ = "core_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False, index=True)
    actor: Mapped[str] = mapped_column(String(30), nullable=False, index=True)
    terminal: Mapped[str] = mapped_column(String(100), nullable=False)
    event_type: Mapped[str] = mapped_column(String(40), nullable=False, index=True)
    entity: Mapped[str] = mapped_column(String(40), nullable=False)
    object_key: Mapped[str] = mapped_column(String(100), nullable=False)
    result: Mapped[str] = mapped_column(String(20), nullable=False)
    detail: Mapped[str] = mapped_column(Text, nullable=False)
    prev_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    hash: Mapped[str] = mapped_column(String(64), nullable=False)
