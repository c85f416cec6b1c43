"""The permissions of the security layer and the default permission groups (三权分立, C4).

Five groups are seeded by ``gridcore init``; what each holds is a rule over every registered permission
(the plugins' too), so a plugin's permissions reach the right groups without naming them:

- 系统管理员: operators, groups, system functions (backup, restore, reset, data exchange), the
  deployment check and the business data (not the audit log, keys or full PII);
- 安全管理员: security policy, keys (``keys.*``) and the deployment check;
- 审计管理员: the audit log, and nothing else;
- 信息采集员: entering and viewing business data (within a region scope when one is set);
- 查询员: viewing business data only.

No group may combine operator or group management with access to the audit log: the grant service
refuses it, and a test checks the defaults.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable

import attrs

from gridcore.contributions import Permission

SECURITY = "安全管理"

OPERATOR_MANAGE = "operator.manage"
GROUP_MANAGE = "group.manage"
AUDIT_VIEW = "audit.view"
AUDIT_PURGE = "audit.purge"
PII_VIEW = "pii.view"
SECURITY_POLICY = "security.policy"
SECURITY_CHECK = "security.check"
#: Key management (the unit's signing key, its subordinates' public keys) is registered as ``keys.*``.
KEYS_PREFIX = "keys."

#: Managing who may do what: never in one group with audit access.
MANAGEMENT = frozenset({OPERATOR_MANAGE, GROUP_MANAGE})
AUDIT = frozenset({AUDIT_VIEW, AUDIT_PURGE})


def security_admin(permission: str) -> bool:
    """The security administrator's duties: the policy and the keys."""
    return permission == SECURITY_POLICY or permission.startswith(KEYS_PREFIX)


def reserved(permission: str) -> bool:
    """Not business data: given only by name, never by a "business" rule."""
    return permission in MANAGEMENT | AUDIT | {PII_VIEW, SECURITY_CHECK} or security_admin(permission)


ADMIN_GROUP = "系统管理员"
SECURITY_GROUP = "安全管理员"
AUDIT_GROUP = "审计管理员"
COLLECTOR_GROUP = "信息采集员"
VIEWER_GROUP = "查询员"

#: Read-only permissions besides ``*.view``: checking an ID number, suggesting a code.
READ_ONLY_EXTRA = frozenset({"idcard.check", "code.suggest", "stats.view"})
#: Business permissions kept from data-entry operators: system functions (backup, restore, reset ...),
#: data exchange with other units, and dictionary maintenance.
ADMIN_BUSINESS = ("system.", "exchange.", "dict.edit")


def permissions() -> list[Permission]:
    """The security layer's own permissions (registered by the core plugin)."""
    return [
        Permission(id=OPERATOR_MANAGE, title="操作员管理 (新增、停用、重置密码)", category=SECURITY),
        Permission(id=GROUP_MANAGE, title="权限组管理 (新增、授权、收回)", category=SECURITY),
        Permission(id=AUDIT_VIEW, title="查看与核验审计日志", category=SECURITY),
        Permission(id=AUDIT_PURGE, title="清理超过保存期限的审计记录", category=SECURITY),
        Permission(
            id=PII_VIEW, title="查看完整的敏感个人信息 (身份证号、电话等, 每次查看都记入审计)", category=SECURITY
        ),
        Permission(id=SECURITY_POLICY, title="安全策略与部署检查", category=SECURITY),
        Permission(id=SECURITY_CHECK, title="部署安全检查 (gridcore check --deploy)", category=SECURITY),
    ]


def _business(permission: str) -> bool:
    return not reserved(permission)


def _collector(permission: str) -> bool:
    return _business(permission) and not permission.startswith(ADMIN_BUSINESS)


def _viewer(permission: str) -> bool:
    return _collector(permission) and (permission.endswith((".view", ".stats")) or permission in READ_ONLY_EXTRA)


@attrs.frozen(kw_only=True)
class GroupRule:
    """A default group: its name, what it is for, and which registered permissions it holds."""

    name: str
    description: str
    holds: Callable[[str], bool]

    def select(self, registered: Iterable[str]) -> set[str]:
        return {permission for permission in registered if self.holds(permission)}


DEFAULT_GROUPS: tuple[GroupRule, ...] = (
    GroupRule(
        name=ADMIN_GROUP,
        description="操作员、权限组与系统设置; 业务数据 (不含审计、密钥、完整敏感信息)",
        holds=lambda p: p in MANAGEMENT or p == SECURITY_CHECK or _business(p),
    ),
    GroupRule(
        name=SECURITY_GROUP,
        description="安全策略与密钥",
        holds=lambda p: security_admin(p) or p == SECURITY_CHECK,
    ),
    GroupRule(name=AUDIT_GROUP, description="只能查看与核验审计日志", holds=lambda p: p in AUDIT),
    GroupRule(name=COLLECTOR_GROUP, description="在辖区范围内录入与查看业务数据", holds=_collector),
    GroupRule(name=VIEWER_GROUP, description="只读: 查询与统计", holds=_viewer),
)


def separation_conflict(permissions: Collection[str]) -> str | None:
    """Why a set of permissions breaks 三权分立 (management together with audit access), or ``None``."""
    managing = sorted(MANAGEMENT & set(permissions))
    auditing = sorted(AUDIT & set(permissions))
    if managing and auditing:
        return (
            f"同一权限组不能同时拥有 {'、'.join(managing)} 与 {'、'.join(auditing)} "
            "(三权分立: 管理操作员的人不能查看审计日志)"
        )
    return None
