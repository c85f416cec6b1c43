"""Deny by default (security.md C1, C2): every request is checked against the permission its view declares.

Before a view runs: a view that declares nothing is refused; a change without a valid CSRF token is
refused; a page that is not public needs a live session (else the login page, with the reason); a
session whose password must be changed reaches only the password page; then the declared permission is
checked, and a refusal is audited (``access.denied``) and answered with 403, whatever the menus show.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import attrs
from flask import Flask, abort, current_app, g, redirect, request, url_for

from gridcore.security.audit import AuditEntry
from gridcore.services.audit import DENIED, write_now
from gridcore_web import auth
from gridcore_web.context import grid_app
from gridcore_web.pages import LOGGED_IN, PUBLIC, declared

if TYPE_CHECKING:
    from werkzeug.wrappers import Response

#: Endpoints a session restricted to changing its password may reach.
RESTRICTED_OK = frozenset({"auth.password", "auth.logout"})


@attrs.frozen(kw_only=True)
class RouteInfo:
    rule: str
    endpoint: str
    methods: tuple[str, ...]
    permission: str | None


def routes(web: Flask) -> Iterator[RouteInfo]:
    """Every route of the application with the permission its view declares (for the introspection test)."""
    for rule in web.url_map.iter_rules():
        view = web.view_functions.get(rule.endpoint)
        methods = tuple(sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}))
        yield RouteInfo(rule=rule.rule, endpoint=rule.endpoint, methods=methods, permission=declared(view))


def undeclared(web: Flask) -> list[str]:
    return [f"{info.rule} ({info.endpoint})" for info in routes(web) if info.permission is None]


def effective(permission: str, view_args: dict[str, Any]) -> str:
    if "{entity}" in permission:
        return permission.format(entity=str(view_args.get("entity", "")))
    return permission


def deny(permission: str) -> None:
    """Audit the refusal, then answer 403."""
    actor = g.get("actor")
    app = grid_app()
    write_now(
        app,
        [
            AuditEntry(
                at=app.clock(),
                actor=actor.login if actor is not None else "?",
                terminal=auth.terminal(request),
                event_type="access.denied",
                object_key=request.path[:100],
                result=DENIED,
                detail={"permission": permission, "method": request.method},
            )
        ],
    )
    g.denied_permission = permission
    abort(403)


def why(failure: str | None) -> str | None:
    """A short code for why a session ended (the login page words it; no free text in the URL)."""
    if not failure:
        return None
    for code, marker in (("idle", "无操作"), ("lifetime", "小时"), ("disabled", "停用")):
        if marker in failure:
            return code
    return "ended"


def to_login() -> Response:
    """Send the browser to the login page (htmx requests: a full navigation)."""
    wanted = (
        request.full_path.rstrip("?") if request.method == "GET" and not request.headers.get("HX-Request") else None
    )
    target = url_for("auth.login", next=wanted, why=why(g.get("auth_failure")))
    if request.headers.get("HX-Request"):
        response = current_app.response_class(status=204)
        response.headers["HX-Redirect"] = target
        return response
    return redirect(target)


def check_request() -> Response | None:
    """The ``before_request`` hook."""
    endpoint = request.endpoint
    if endpoint is None:
        return None  # 404 or 405: Flask answers
    permission = declared(current_app.view_functions[endpoint])
    unsafe = request.method not in auth.SAFE_METHODS
    if permission == PUBLIC:
        if unsafe and not auth.csrf_ok(auth.login_token()):
            abort(403, description="表单已过期或来源不明 (CSRF), 请刷新页面后重试")
        return None
    if permission is None:
        deny("(undeclared)")
        return None
    resolved = auth.resolve_request()
    if resolved is None:
        return to_login()
    g.resolved = resolved
    g.actor = resolved.actor
    if unsafe and not auth.csrf_ok(auth.csrf_for(resolved.token)):
        abort(403, description="表单已过期或来源不明 (CSRF), 请刷新页面后重试")
    if resolved.restricted is not None and endpoint not in RESTRICTED_OK:
        return redirect(url_for("auth.password"))
    if permission == LOGGED_IN:
        return None
    needed = effective(permission, dict(request.view_args or {}))
    if (
        "{entity}" in permission
        and str((request.view_args or {}).get("entity", "")) not in grid_app().registry.entities
    ):
        abort(404)
    if not resolved.actor.can(needed):
        deny(needed)
    return None
