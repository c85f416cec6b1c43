"""Logging in and out, sessions and changing one's own password (身份鉴别, A1-A7).

- A login checks the password (argon2id; a hash below the current parameters is upgraded), counts
  failures and locks the account for 30 minutes after 5 in a row (A4), and refuses an administrator-set
  password older than 72 hours (A3). An expired or administrator-set password gives a *restricted*
  session that can only change the password.
- A session is a server-side row holding only the SHA-256 of a 256-bit token from :mod:`secrets`, the
  group, permissions and scope as they were at login (R-Q04), and its times: it ends after 30 minutes
  without use or 12 hours after login, whichever comes first (A5), at logout, when the password is
  changed elsewhere or the operator is disabled (A6).
- Every outcome is written to the audit log; a failure is committed before the error is raised.

These functions are not ``@operation``\\s: nobody is logged in yet when they run (the allow-list of
:mod:`gridcore.cli.permissions`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from typing import TYPE_CHECKING

import attrs
from sqlalchemy import select, update

from gridcore.errors import AuthenticationError, NotFoundError, ValidationError
from gridcore.security.actors import OperatorActor
from gridcore.security.models import GroupPermission, LoginSession, Operator, PermissionGroup
from gridcore.security.names import login_key
from gridcore.security.passwords import dummy_hash, hash_password, needs_rehash, verify_password
from gridcore.security.times import aware
from gridcore.services import audit
from gridcore.services.unit import UnitOfWork, unit_of_work

if TYPE_CHECKING:
    from gridcore.app import GridApp

#: Bytes of randomness in a session token (256 bits; A6 asks for at least 128).
TOKEN_BYTES = 32

PASSWORD_EXPIRED = "PASSWORD_EXPIRED"
MUST_CHANGE = "MUST_CHANGE_PASSWORD"
RESTRICTED_MESSAGES = {
    PASSWORD_EXPIRED: "密码已过期, 请先修改密码: gridcore passwd",
    MUST_CHANGE: "管理员设置的密码须在首次登录时修改: 请运行 gridcore passwd",
}
WRONG = "登录名或密码错误 (wrong login or password)"


@attrs.frozen(kw_only=True)
class LoginOutcome:
    """A successful login: the actor, the session token (``None`` without a session), any restriction."""

    actor: OperatorActor
    token: str | None
    restricted: str | None
    expires_at: dt.datetime | None = None


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def group_permissions(uow: UnitOfWork, group: str) -> frozenset[str]:
    """The permissions the group holds now (none for a group that does not exist)."""
    query = (
        select(GroupPermission.permission)
        .join(PermissionGroup, PermissionGroup.id == GroupPermission.group_id)
        .where(PermissionGroup.name == group)
    )
    return frozenset(uow.session.execute(query).scalars())


def find_operator(uow: UnitOfWork, login: str) -> Operator | None:
    return uow.session.execute(select(Operator).where(Operator.login_key == login_key(login))).scalar_one_or_none()


def _attempt(login: str, terminal: str) -> OperatorActor:
    """Who is trying to log in, for the audit records of the attempt."""
    return OperatorActor(login=login.strip()[:30] or "?", operator_id=0, terminal=terminal)


def _restriction(app: GridApp, operator: Operator, now: dt.datetime) -> str | None:
    if operator.must_change_password:
        return MUST_CHANGE
    age = app.policy.password_max_age
    if age is not None and operator.password_changed_at is not None and now - aware(operator.password_changed_at) > age:
        return PASSWORD_EXPIRED
    return None


def _check_password(uow: UnitOfWork, operator: Operator, password: str, now: dt.datetime) -> str | None:
    """Check ``password``; on failure count it, lock when due, and say why (audited by the caller)."""
    policy = uow.app.policy
    if operator.locked_until is not None:
        if now < aware(operator.locked_until):
            return f"账户已锁定, 请在 {aware(operator.locked_until).astimezone():%H:%M} 之后再试或联系管理员 (locked)"
        operator.locked_until = None
        operator.failed_logins = 0
    if not verify_password(operator.password_hash, password):
        operator.failed_logins += 1
        if operator.failed_logins >= policy.max_failures:
            operator.locked_until = now + policy.lockout
            audit.record(
                uow,
                "login.locked",
                object_key=operator.login,
                result=audit.FAILURE,
                detail={"failures": operator.failed_logins, "minutes": policy.lockout_minutes},
            )
        return WRONG
    if not operator.enabled:
        return "账户已停用, 请联系管理员 (account disabled)"
    if (
        operator.must_change_password
        and operator.password_changed_at is not None
        and now - aware(operator.password_changed_at) > policy.issued_password_lifetime
    ):
        return (
            f"管理员设置的密码已超过 {policy.issued_password_hours} 小时未修改而失效, 请联系管理员重置 "
            "(issued password expired)"
        )
    return None


def login(app: GridApp, login_name: str, password: str, *, terminal: str, create_session: bool = True) -> LoginOutcome:
    """Log ``login_name`` in; raise :class:`AuthenticationError` (after recording it) when refused.

    ``create_session=False`` authenticates one command (``GRIDCORE_USER``/``GRIDCORE_PASSWORD``)
    without a session row.
    """
    now = app.clock()
    failure: str | None = None
    outcome: LoginOutcome | None = None
    with unit_of_work(app, _attempt(login_name, terminal)) as uow:
        operator = find_operator(uow, login_name)
        if operator is None:
            verify_password(dummy_hash(), password)  # the same cost as for a real operator
            failure = WRONG
            audit.record(
                uow, "login.failure", object_key=login_name, result=audit.FAILURE, detail={"reason": "unknown"}
            )
        else:
            failure = _check_password(uow, operator, password, now)
            if failure is not None:
                audit.record(
                    uow, "login.failure", object_key=operator.login, result=audit.FAILURE, detail={"reason": failure}
                )
            else:
                outcome = _succeed(uow, operator, password, now, terminal=terminal, create_session=create_session)
    if failure is not None or outcome is None:
        raise AuthenticationError(failure or WRONG)
    return outcome


def _succeed(
    uow: UnitOfWork, operator: Operator, password: str, now: dt.datetime, *, terminal: str, create_session: bool
) -> LoginOutcome:
    app = uow.app
    operator.failed_logins = 0
    operator.locked_until = None
    operator.last_login_at = now
    if needs_rehash(operator.password_hash):
        operator.password_hash = hash_password(password)
    restricted = _restriction(app, operator, now)
    permissions = group_permissions(uow, operator.group)
    token: str | None = None
    session_id: int | None = None
    expires: dt.datetime | None = None
    if create_session:
        token = secrets.token_urlsafe(TOKEN_BYTES)
        expires = now + app.policy.session_lifetime
        row = LoginSession(
            token_hash=token_hash(token),
            operator_id=operator.id,
            group=operator.group,
            permissions=json.dumps(sorted(permissions)),
            region_id=operator.region_id,
            restricted=restricted is not None,
            terminal=terminal[:100],
            created_at=now,
            last_seen_at=now,
            expires_at=expires,
        )
        uow.session.add(row)
        uow.session.flush()
        session_id = row.id
    actor = OperatorActor(
        login=operator.login,
        operator_id=operator.id,
        name=operator.name,
        group=operator.group,
        permissions=frozenset() if restricted else permissions,
        scope=operator.region_id,
        terminal=terminal,
        session_id=session_id,
    )
    audit.record(
        uow,
        "login.success",
        object_key=operator.login,
        detail={"session": create_session, "group": operator.group, "restricted": restricted},
    )
    return LoginOutcome(actor=actor, token=token, restricted=restricted, expires_at=expires)


@attrs.frozen(kw_only=True)
class ResolvedSession:
    """The operator of a valid session token, and whether only the password may be changed."""

    actor: OperatorActor
    restricted: str | None


def _end(uow: UnitOfWork, row: LoginSession, operator_login: str, reason: str) -> None:
    row.ended_at = uow.app.clock()
    audit.record(uow, "session.end", object_key=operator_login, detail={"reason": reason})


def resolve(app: GridApp, token: str, *, terminal: str) -> ResolvedSession:
    """The operator a session token belongs to; an ended, idle or too old session is refused (A5)."""
    now = app.clock()
    failure: str | None = None
    resolved: ResolvedSession | None = None
    with unit_of_work(app, _attempt("?", terminal)) as uow:
        row = uow.session.execute(
            select(LoginSession).where(LoginSession.token_hash == token_hash(token), LoginSession.ended_at.is_(None))
        ).scalar_one_or_none()
        operator = uow.session.get(Operator, row.operator_id) if row is not None else None
        if row is None or operator is None:
            failure = "会话已失效, 请重新登录: gridcore login"
        else:
            uow.actor = _attempt(operator.login, terminal)
            policy = app.policy
            if now - aware(row.last_seen_at) > policy.idle_timeout:
                failure = f"会话已超过 {policy.idle_timeout_minutes} 分钟无操作而退出, 请重新登录: gridcore login"
                _end(uow, row, operator.login, "idle")
            elif now >= aware(row.expires_at):
                failure = f"会话已超过 {policy.session_hours} 小时, 请重新登录: gridcore login"
                _end(uow, row, operator.login, "lifetime")
            elif not operator.enabled:
                failure = "账户已停用, 请联系管理员 (account disabled)"
                _end(uow, row, operator.login, "disabled")
            else:
                row.last_seen_at = now
                restricted = _restriction(app, operator, now) if row.restricted else None
                permissions = frozenset(json.loads(row.permissions))
                actor = OperatorActor(
                    login=operator.login,
                    operator_id=operator.id,
                    name=operator.name,
                    group=row.group,
                    permissions=frozenset() if restricted else permissions,
                    scope=row.region_id,
                    terminal=terminal,
                    session_id=row.id,
                )
                resolved = ResolvedSession(actor=actor, restricted=restricted)
    if failure is not None or resolved is None:
        raise AuthenticationError(failure or "会话已失效, 请重新登录: gridcore login")
    return resolved


def logout(app: GridApp, token: str, *, terminal: str) -> str | None:
    """End the session of ``token``; the login it belonged to (``None`` when it had already ended)."""
    with unit_of_work(app, _attempt("?", terminal)) as uow:
        row = uow.session.execute(
            select(LoginSession).where(LoginSession.token_hash == token_hash(token), LoginSession.ended_at.is_(None))
        ).scalar_one_or_none()
        if row is None:
            return None
        operator = uow.session.get(Operator, row.operator_id)
        name = operator.login if operator is not None else "?"
        uow.actor = _attempt(name, terminal)
        row.ended_at = app.clock()
        audit.record(uow, "logout", object_key=name)
        return name


def end_sessions(uow: UnitOfWork, operator_id: int, *, keep: int | None = None) -> None:
    """End every open session of an operator (but ``keep``): after a password change, reset or disable."""
    query = update(LoginSession).where(LoginSession.operator_id == operator_id, LoginSession.ended_at.is_(None))
    if keep is not None:
        query = query.where(LoginSession.id != keep)
    uow.session.execute(query.values(ended_at=uow.app.clock()))


def change_password(
    app: GridApp, login_name: str, current: str, new: str, *, terminal: str, session_id: int | None = None
) -> None:
    """R-Q02: an operator changes their own password, giving the current one (A6); other sessions end."""
    now = app.clock()
    failure: str | None = None
    with unit_of_work(app, _attempt(login_name, terminal)) as uow:
        operator = find_operator(uow, login_name)
        if operator is None:
            raise NotFoundError(f"没有操作员 {login_name}")
        failure = _check_password(uow, operator, current, now)
        if failure is not None:
            audit.record(
                uow, "password.change", object_key=operator.login, result=audit.FAILURE, detail={"reason": failure}
            )
        else:
            if new == current:
                raise ValidationError("新密码不能与当前密码相同", field="密码")
            app.policy.passwords.check(new, login=operator.login)
            operator.password_hash = hash_password(new)
            operator.must_change_password = False
            operator.password_changed_at = now
            operator.failed_logins = 0
            end_sessions(uow, operator.id, keep=session_id)
            if session_id is not None:
                uow.session.execute(
                    update(LoginSession).where(LoginSession.id == session_id).values(restricted=False, last_seen_at=now)
                )
            audit.record(uow, "password.change", object_key=operator.login)
    if failure is not None:
        raise AuthenticationError(failure)
