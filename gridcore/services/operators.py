"""Operators (操作员) and permission groups (权限组), R-Q03: add, disable, reset passwords, grant, revoke.

Deny by default: an operator holds exactly the permissions of their group. Changes apply at the
operator's next login (R-Q04). A group never combines operator or group management with the audit
log (三权分立, C4). Every change is written to the audit log.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.exc import IntegrityError

from gridcore.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationError
from gridcore.security.groups import DEFAULT_GROUPS, GROUP_MANAGE, OPERATOR_MANAGE, separation_conflict
from gridcore.security.models import GroupPermission, Operator, PermissionGroup, SeededPermission
from gridcore.security.names import check_login, login_key
from gridcore.security.passwords import hash_password
from gridcore.security.times import aware
from gridcore.services import audit, regions, scope
from gridcore.services.sessions import end_sessions
from gridcore.services.unit import UnitOfWork, operation

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from gridcore.app import GridApp


# --------------------------------------------------------------------------- groups


def get_group(uow: UnitOfWork, name: str) -> PermissionGroup:
    group = uow.session.execute(
        select(PermissionGroup).where(PermissionGroup.name == name.strip())
    ).scalar_one_or_none()
    if group is None:
        known = "、".join(uow.session.execute(select(PermissionGroup.name).order_by(PermissionGroup.id)).scalars())
        raise NotFoundError(f"没有权限组「{name}」;已有: {known or '无'}")
    return group


def held(uow: UnitOfWork, group: PermissionGroup) -> set[str]:
    return set(
        uow.session.execute(select(GroupPermission.permission).where(GroupPermission.group_id == group.id)).scalars()
    )


def _registered(uow: UnitOfWork, permissions: Iterable[str]) -> list[str]:
    registered = uow.app.registry.permissions
    chosen = list(dict.fromkeys(p.strip() for p in permissions if p.strip()))
    if not chosen:
        raise ValidationError("请给出至少一个权限 (gridcore group list --permissions 列出全部)", field="权限")
    for permission in chosen:
        if permission not in registered:
            raise NotFoundError(f"没有权限「{permission}」(gridcore group list --permissions 列出全部)")
    return chosen


@operation(GROUP_MANAGE)
def add_group(uow: UnitOfWork, name: str, *, description: str = "") -> PermissionGroup:
    """A new, empty group (deny by default: grant its permissions next)."""
    name = name.strip()
    if not name or len(name) > 30:
        raise ValidationError("权限组名应为 1 到 30 个字符", field="权限组名", value=name)
    exists = uow.session.execute(select(PermissionGroup.id).where(PermissionGroup.name == name)).first()
    if exists is not None:
        raise ConflictError(f"权限组「{name}」已存在")
    group = PermissionGroup(name=name, description=description.strip()[:200], builtin=False)
    uow.session.add(group)
    uow.session.flush()
    audit.record(uow, "group.create", object_key=name, detail={"description": group.description})
    return group


@operation(GROUP_MANAGE)
def grant(uow: UnitOfWork, group_name: str, permissions: Sequence[str]) -> list[str]:
    """Give the group these registered permissions; the ones it did not hold yet are returned."""
    group = get_group(uow, group_name)
    chosen = _registered(uow, permissions)
    current = held(uow, group)
    conflict = separation_conflict(current | set(chosen))
    if conflict is not None:
        raise ConflictError(f"权限组「{group.name}」: {conflict}")
    added = [p for p in chosen if p not in current]
    if added:
        uow.session.execute(insert(GroupPermission), [{"group_id": group.id, "permission": p} for p in added])
    audit.record(uow, "group.grant", object_key=group.name, detail={"permissions": added})
    return added


@operation(GROUP_MANAGE)
def revoke(uow: UnitOfWork, group_name: str, permissions: Sequence[str]) -> list[str]:
    """Take these permissions from the group; the ones it held are returned."""
    group = get_group(uow, group_name)
    chosen = _registered(uow, permissions)
    current = held(uow, group)
    removed = [p for p in chosen if p in current]
    if removed:
        uow.session.execute(
            delete(GroupPermission).where(GroupPermission.group_id == group.id, GroupPermission.permission.in_(removed))
        )
    audit.record(uow, "group.revoke", object_key=group.name, detail={"permissions": removed})
    return removed


@operation(GROUP_MANAGE)
def list_groups(uow: UnitOfWork) -> list[dict[str, Any]]:
    """Every group with its permissions and how many operators it has."""
    members = dict(uow.session.execute(select(Operator.group, func.count()).group_by(Operator.group)).tuples().all())
    rows = []
    for group in uow.session.execute(select(PermissionGroup).order_by(PermissionGroup.id)).scalars():
        rows.append(
            {
                "name": group.name,
                "description": group.description,
                "builtin": group.builtin,
                "operators": members.get(group.name, 0),
                "permissions": sorted(held(uow, group)),
            }
        )
    return rows


def seed_groups(app: GridApp, session: Session) -> str:
    """Create the default groups and hand them permissions never handed out before (idempotent).

    A permission is distributed once: one an administrator revoked is not granted again by the next
    ``gridcore init``, while a newly installed plugin's permissions reach the default groups.
    """
    registered = list(app.registry.permissions)
    seen = set(session.execute(select(SeededPermission.permission)).scalars())
    fresh = [p for p in registered if p not in seen]
    created = []
    for rule in DEFAULT_GROUPS:
        group = session.execute(select(PermissionGroup).where(PermissionGroup.name == rule.name)).scalar_one_or_none()
        if group is None:
            group = PermissionGroup(name=rule.name, description=rule.description, builtin=True)
            session.add(group)
            session.flush()
            created.append(rule.name)
        have = set(
            session.execute(select(GroupPermission.permission).where(GroupPermission.group_id == group.id)).scalars()
        )
        wanted = [p for p in rule.select(fresh) if p not in have]
        if wanted:
            session.execute(insert(GroupPermission), [{"group_id": group.id, "permission": p} for p in sorted(wanted)])
    if fresh:
        session.execute(insert(SeededPermission), [{"permission": p} for p in fresh])
    return f"权限组 {'、'.join(created)}" if created else ""


# --------------------------------------------------------------------------- operators


def get_operator(uow: UnitOfWork, login: str) -> Operator:
    operator = uow.session.execute(select(Operator).where(Operator.login_key == login_key(login))).scalar_one_or_none()
    if operator is None:
        raise NotFoundError(f"没有操作员 {login} (gridcore user list)")
    return operator


def _scope_region(uow: UnitOfWork, code: str | None) -> int | None:
    """The region id an operator is bound to; an administrator with a scope can only give one inside it."""
    if code is None:
        if uow.scope is not None:
            raise PermissionDeniedError("您受辖区范围限制, 新操作员也必须用 --scope 绑定到您辖区内的某个辖区")
        return None
    return regions.get(uow, code).id  # outside the actor's scope it is "not found"


def _check_managed(uow: UnitOfWork, operator: Operator) -> None:
    allowed = scope.region_ids(uow)
    if allowed is not None and (operator.region_id is None or operator.region_id not in allowed):
        raise NotFoundError(f"没有操作员 {operator.login} (gridcore user list)")


@operation(OPERATOR_MANAGE)
def add_operator(
    uow: UnitOfWork,
    login: str,
    *,
    group: str,
    password: str,
    name: str | None = None,
    scope_code: str | None = None,
) -> Operator:
    """R-Q03: a new operator in a group, optionally bound to a region; the password must be changed
    at first login (and within 72 hours, A3)."""
    login = check_login(login)
    chosen = get_group(uow, group)
    region_id = _scope_region(uow, scope_code)
    uow.app.policy.passwords.check(password, login=login)
    key = login_key(login)
    if uow.session.execute(select(Operator.id).where(Operator.login_key == key)).first() is not None:
        raise ConflictError(f"登录名 {login} 已存在 (登录名不区分大小写与全角半角)")
    operator = Operator(
        login=login,
        login_key=key,
        name=(name or login).strip()[:30],
        password_hash=hash_password(password),
        group=chosen.name,
        region_id=region_id,
        enabled=True,
        must_change_password=True,
        failed_logins=0,
        password_changed_at=uow.app.clock(),
    )
    uow.session.add(operator)
    try:
        with uow.session.begin_nested():
            uow.session.flush()
    except IntegrityError:
        raise ConflictError(f"登录名 {login} 已存在 (登录名不区分大小写与全角半角)") from None
    audit.record(
        uow,
        "operator.create",
        object_key=login,
        detail={"group": chosen.name, "scope": scope_code, "name": operator.name},
    )
    return operator


@operation(OPERATOR_MANAGE)
def set_enabled(uow: UnitOfWork, login: str, enabled: bool) -> Operator:
    """Disable (open sessions end at once) or enable an operator; one cannot disable oneself."""
    operator = get_operator(uow, login)
    _check_managed(uow, operator)
    if not enabled and operator.login == uow.actor.login:
        raise ConflictError("不能停用自己的账户")
    operator.enabled = enabled
    if not enabled:
        end_sessions(uow, operator.id)
    else:
        operator.failed_logins = 0
        operator.locked_until = None
    audit.record(uow, "operator.enable" if enabled else "operator.disable", object_key=operator.login)
    return operator


@operation(OPERATOR_MANAGE)
def reset_password(uow: UnitOfWork, login: str, password: str) -> Operator:
    """Issue a new password (to be changed at next login); unlocks the account, ends its sessions."""
    operator = get_operator(uow, login)
    _check_managed(uow, operator)
    uow.app.policy.passwords.check(password, login=operator.login)
    operator.password_hash = hash_password(password)
    operator.must_change_password = True
    operator.password_changed_at = uow.app.clock()
    operator.failed_logins = 0
    operator.locked_until = None
    end_sessions(uow, operator.id)
    audit.record(uow, "password.reset", object_key=operator.login)
    return operator


@operation(OPERATOR_MANAGE)
def list_operators(uow: UnitOfWork) -> list[dict[str, Any]]:
    """Every operator (within the administrator's scope): login, name, group, scope and state."""
    from gridcore.domain.regions import Region

    codes = dict(uow.session.execute(select(Region.id, Region.code)).tuples().all())
    allowed = scope.region_ids(uow)
    now = uow.app.clock()
    rows = []
    for operator in uow.session.execute(select(Operator).order_by(Operator.id)).scalars():
        if allowed is not None and (operator.region_id is None or operator.region_id not in allowed):
            continue
        locked = operator.locked_until is not None and aware(operator.locked_until) > now
        rows.append(
            {
                "login": operator.login,
                "name": operator.name,
                "group": operator.group,
                "scope": codes.get(operator.region_id) if operator.region_id is not None else None,
                "enabled": operator.enabled,
                "locked": locked,
                "must_change_password": operator.must_change_password,
                "last_login_at": aware(operator.last_login_at).isoformat() if operator.last_login_at else None,
            }
        )
    return rows
