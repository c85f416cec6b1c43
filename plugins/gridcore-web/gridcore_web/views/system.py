"""权限管理 (R-Q03): operators and permission groups; 审计日志 for the auditor (三权分立, C4).

Changes to groups apply at each operator's next login (R-Q04). The audit log is readable only with
``audit.view``, which no group that manages operators may hold.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, redirect, request, url_for
from werkzeug.wrappers import Response

from gridcore.errors import GridcoreError
from gridcore.security.groups import AUDIT_VIEW, GROUP_MANAGE, OPERATOR_MANAGE
from gridcore.services import audit, operators
from gridcore_web.context import flash, grid_app, reading, render_page, writing
from gridcore_web.pages import requires
from gridcore_web.views.stats import region_options

blueprint = Blueprint("system", __name__, url_prefix="/system")


# --------------------------------------------------------------------------- operators


@requires(OPERATOR_MANAGE)
@blueprint.get("/operators", endpoint="operators")
def operators_page() -> str:
    return _operators_page(request.args)


def _operators_page(form: Any, error: str = "") -> str:
    """The operators page; ``form``: what the 新增操作员 form shows again (after a refusal, what was typed)."""
    with reading() as uow:
        rows = operators.list_operators(uow)
        groups = [group["name"] for group in operators.list_groups(uow)] if uow.actor.can(GROUP_MANAGE) else []
    if not groups:
        groups = sorted({row["group"] for row in rows})
    return render_page(
        "web/operators.html",
        title="权限管理",
        rows=rows,
        groups=groups,
        regions=region_options(),
        form=form,
        error=error,
    )


@requires(OPERATOR_MANAGE)
@blueprint.post("/operators/add")
def add_operator() -> Response | tuple[str, int]:
    form = request.form
    try:
        with writing() as uow:
            operators.add_operator(
                uow,
                form.get("login", ""),
                group=form.get("group", ""),
                password=form.get("password", ""),
                name=form.get("name") or None,
                scope_code=form.get("scope") or None,
            )
    except GridcoreError as failure:
        # shown again with what was typed (the password aside), the group and the scope still chosen
        return _operators_page(form, error=str(failure)), 422
    flash(f"已新增操作员 {form.get('login')}; 首次登录时须修改密码", "success")
    return redirect(url_for(".operators"))


@requires(OPERATOR_MANAGE)
@blueprint.post("/operators/<login>/enabled")
def set_enabled(login: str) -> Response:
    enabled = request.form.get("enabled") == "1"
    try:
        with writing() as uow:
            operators.set_enabled(uow, login, enabled)
        flash(f"操作员 {login} 已{'启用' if enabled else '停用'}", "success")
    except GridcoreError as failure:
        flash(str(failure), "error")
    return redirect(url_for(".operators"))


@requires(OPERATOR_MANAGE)
@blueprint.post("/operators/<login>/password")
def reset_password(login: str) -> Response:
    try:
        with writing() as uow:
            operators.reset_password(uow, login, request.form.get("password", ""))
        flash(f"已重置 {login} 的密码 (已解锁); 下次登录时须修改", "success")
    except GridcoreError as failure:
        flash(str(failure), "error")
    return redirect(url_for(".operators"))


# --------------------------------------------------------------------------- groups


@requires(GROUP_MANAGE)
@blueprint.get("/groups")
def groups() -> str:
    with reading() as uow:
        rows = operators.list_groups(uow)
    chosen = request.args.get("group") or (rows[0]["name"] if rows else "")
    current = next((row for row in rows if row["name"] == chosen), None)
    categories: dict[str, list[Any]] = {}
    for permission in sorted(grid_app().registry.permissions.values(), key=lambda p: (p.category, p.id)):
        categories.setdefault(permission.category or "其他", []).append(permission)
    return render_page(
        "web/groups.html", title="权限组设置", rows=rows, chosen=chosen, current=current, categories=categories
    )


@requires(GROUP_MANAGE)
@blueprint.post("/groups/add")
def add_group() -> Response:
    name = request.form.get("name", "")
    try:
        with writing() as uow:
            operators.add_group(uow, name, description=request.form.get("description", ""))
        flash(f"已新增权限组 {name}; 请勾选它的权限", "success")
    except GridcoreError as failure:
        flash(str(failure), "error")
    return redirect(url_for(".groups", group=name.strip()))


@requires(GROUP_MANAGE)
@blueprint.post("/groups/<name>/permissions")
def set_permissions(name: str) -> Response:
    """权限设置: the ticked permissions are granted, the others revoked (from the next login on)."""
    wanted = set(request.form.getlist("permission"))
    try:
        with writing() as uow:
            group = operators.get_group(uow, name)
            held = operators.held(uow, group)
            added = sorted(wanted - held)
            removed = sorted(held - wanted)
            if added:
                operators.grant(uow, name, added)
            if removed:
                operators.revoke(uow, name, removed)
        flash(f"权限组 {name}: 新增 {len(added)} 项, 收回 {len(removed)} 项; 操作员下次登录时生效", "success")
    except GridcoreError as failure:
        flash(str(failure), "error")
    return redirect(url_for(".groups", group=name))


# --------------------------------------------------------------------------- audit


def _day(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        return dt.datetime.combine(dt.date.fromisoformat(text), dt.time(), tzinfo=dt.UTC)
    except ValueError:
        return None


@requires(AUDIT_VIEW)
@blueprint.get("/audit", endpoint="audit")
def audit_page() -> str:
    args = request.args
    until = _day(args.get("until"))
    spec = audit.AuditFilter(
        since=_day(args.get("since")),
        until=until + dt.timedelta(days=1) if until else None,
        actor=args.get("actor") or None,
        event_type=args.get("event") or None,
        result=args.get("result") or None,
        limit=min(int(args.get("limit", "200") or 200), 1000),
    )
    check = None
    with reading() as uow:
        lines = audit.list_records(uow, spec)
        if args.get("verify"):
            check = audit.verify(uow)
    return render_page("web/audit.html", title="审计日志", lines=lines, args=args, check=check)
