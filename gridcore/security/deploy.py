"""``gridcore check --deploy`` (D1): the settings of this installation that fall short, one finding each.

Modelled on Django's ``check --deploy``: every check is a small function returning findings; the
command exits non-zero when any fails. Checked here: a default or weak administrator password, the
password policy switched off or relaxed below 等保 level 2, session timeouts above the limits, audit
retention under 180 days, database and key files readable by others, and defusedxml missing.
"""

from __future__ import annotations

import importlib.util
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
from sqlalchemy import select

from gridcore.security.groups import OPERATOR_MANAGE
from gridcore.security.models import GroupPermission, Operator, PermissionGroup
from gridcore.security.passwords import verify_password
from gridcore.security.policy import MIN_AUDIT_RETENTION_DAYS

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from gridcore.app import GridApp

#: Passwords an installer or the old software might have left (the old one shipped "000").
DEFAULT_PASSWORDS = ("000", "admin", "123456", "12345678", "password", "admin123", "Admin@123", "P@ssw0rd")


@attrs.frozen(kw_only=True)
class Finding:
    """One check's verdict: ``ok`` or not, and a sentence saying what was found and what to do."""

    check: str
    ok: bool
    message: str


def _policy(app: GridApp) -> Iterator[Finding]:
    policy = app.policy
    if not policy.password_policy:
        yield Finding(check="password.policy", ok=False, message="密码策略已关闭 ([policies] password_policy = false)")
    elif policy.min_length < 8 or (policy.profile == "dengbao" and policy.min_classes < 3):
        yield Finding(
            check="password.policy",
            ok=False,
            message=f"密码策略低于等保二级: 长度 {policy.min_length} (应 ≥8), 字符类别 {policy.min_classes} (应 ≥3)",
        )
    else:
        yield Finding(
            check="password.policy", ok=True, message=f"密码策略: {policy.profile}, 长度 ≥{policy.min_length}"
        )
    limits_ok = policy.max_failures <= 5 and policy.idle_timeout_minutes <= 30 and policy.session_hours <= 12
    yield Finding(
        check="session.limits",
        ok=limits_ok,
        message=(
            f"失败 {policy.max_failures} 次锁定 {policy.lockout_minutes} 分钟; 会话 {policy.idle_timeout_minutes} 分钟"
            f"无操作或 {policy.session_hours} 小时后失效" + ("" if limits_ok else " (应为 ≤5 次、≤30 分钟、≤12 小时)")
        ),
    )
    retention_ok = policy.audit_retention_days >= MIN_AUDIT_RETENTION_DAYS
    yield Finding(
        check="audit.retention",
        ok=retention_ok,
        message=f"审计记录保存 {policy.audit_retention_days} 天"
        + ("" if retention_ok else f" (网络安全法要求至少 {MIN_AUDIT_RETENTION_DAYS} 天; 清理时按 180 天执行)"),
    )


def _administrators(session: Session) -> list[Operator]:
    groups = select(PermissionGroup.name).join(GroupPermission, GroupPermission.group_id == PermissionGroup.id)
    managing = groups.where(GroupPermission.permission == OPERATOR_MANAGE)
    return list(session.execute(select(Operator).where(Operator.enabled, Operator.group.in_(managing))).scalars())


def _admins(app: GridApp) -> Iterator[Finding]:
    with app.db.read_session() as session:
        admins = _administrators(session)
    if not admins:
        yield Finding(check="admin.exists", ok=False, message="没有启用的、可管理操作员的账户")
        return
    for operator in admins:
        weak = [p for p in (*DEFAULT_PASSWORDS, operator.login) if verify_password(operator.password_hash, p)]
        yield Finding(
            check="admin.password",
            ok=not weak,
            message=f"管理员 {operator.login}: "
            + ("使用默认或弱密码, 请立即修改 (gridcore passwd)" if weak else "密码不是默认密码"),
        )


def private_file(path: Path, what: str) -> Finding:
    """Whether ``path`` is readable and writable by its owner only (0600 or narrower)."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return Finding(check=f"file.{what}", ok=True, message=f"{what}: {path} 不存在")
    ok = os.name != "posix" or not mode & (stat.S_IRWXG | stat.S_IRWXO)
    hint = "" if ok else f"; 请执行 chmod 600 {path}"
    return Finding(check=f"file.{what}", ok=ok, message=f"{what}: {path} 权限 {mode:04o}{hint}")


def _files(app: GridApp, key_files: Iterable[Path]) -> Iterator[Finding]:
    database = app.db.sqlite_path
    if database is None:
        yield Finding(check="file.database", ok=True, message=f"数据库 {app.db.display}: 由 PostgreSQL 服务器管理")
    else:
        for suffix in ("", "-wal", "-shm"):
            path = database.with_name(database.name + suffix)
            if suffix == "" or path.exists():
                yield private_file(path, "数据库")
    for key in key_files:
        yield private_file(key, "密钥")


def _defusedxml() -> Iterator[Finding]:
    installed = importlib.util.find_spec("defusedxml") is not None
    if installed:
        import openpyxl

        installed = bool(getattr(openpyxl, "DEFUSEDXML", False))
    yield Finding(
        check="xml.defusedxml",
        ok=installed,
        message="defusedxml 已安装, openpyxl 使用它解析 XML"
        if installed
        else "缺少 defusedxml: Excel 导入可被 XML 实体攻击, 请 pip install defusedxml",
    )


def run_checks(app: GridApp) -> list[Finding]:
    """Every deployment check, in a fixed order (key files are those of ``[policies] key_files``)."""
    findings: list[Finding] = []
    findings.extend(_policy(app))
    findings.extend(_admins(app))
    findings.extend(_files(app, [Path(name).expanduser() for name in app.policy.key_files]))
    findings.extend(_defusedxml())
    return findings
