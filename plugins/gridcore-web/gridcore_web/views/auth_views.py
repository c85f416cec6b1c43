"""登录, 退出, 修改密码 (R-A03, R-Q01, R-Q02; security.md A3-A6).

The login page lists the enabled operators to pick from, as the old program did (the ``login_picker``
setting turns the list into a plain login box for a network edition), and asks for the password. A
login always starts a new session (a new random token) and ends the one the browser had.
"""

from __future__ import annotations

from flask import Blueprint, g, redirect, render_template, request, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from gridcore.errors import AuthenticationError, NotFoundError, ValidationError
from gridcore.security.models import Operator
from gridcore.services import sessions
from gridcore_web import auth
from gridcore_web.context import current_actor, flash, grid_app
from gridcore_web.pages import LOGGED_IN, PUBLIC, requires

blueprint = Blueprint("auth", __name__)


def _operators() -> list[tuple[str, str]]:
    app = grid_app()
    if not app.setting("web", "login_picker"):
        return []
    with app.db.read_session() as session:
        rows = session.execute(select(Operator.login, Operator.name).where(Operator.enabled).order_by(Operator.id))
        return [(login, name) for login, name in rows]


def _why(code: str | None) -> str | None:
    policy = grid_app().policy
    return {
        "idle": f"超过 {policy.idle_timeout_minutes} 分钟没有操作, 已自动退出, 请重新登录",
        "lifetime": f"登录已超过 {policy.session_hours} 小时, 请重新登录",
        "disabled": "账户已停用, 请联系管理员",
        "ended": "会话已结束 (已在别处退出或修改了密码), 请重新登录",
        "logout": "已退出登录",
    }.get(code or "")


def _next_page(raw: str | None) -> str:
    """Only a path on this site (never ``//host`` or a full URL)."""
    if raw and raw.startswith("/") and not raw.startswith("//") and "\\" not in raw:
        return raw
    return url_for("home.index")


@requires(PUBLIC)
@blueprint.route("/login", methods=["GET", "POST"])
def login() -> Response | str | tuple[str, int]:
    error: str | None = None
    chosen = request.form.get("login", "")
    wanted = request.values.get("next")
    if request.method == "POST":
        try:
            outcome = sessions.login(
                grid_app(), chosen, request.form.get("password", ""), terminal=auth.terminal(request)
            )
        except AuthenticationError as failure:
            error = str(failure)
        else:
            old = auth.session_token()
            if old:
                sessions.logout(grid_app(), old, terminal=auth.terminal(request))
            assert outcome.token is not None
            target = url_for("auth.password") if outcome.restricted else _next_page(wanted)
            response = redirect(target)
            auth.set_session_cookie(response, outcome.token)
            return response
    page = render_template(
        "web/login.html",
        operators=_operators(),
        chosen=chosen,
        error=error,
        notice=_why(request.args.get("why")),
        next_page=wanted or "",
        max_failures=grid_app().policy.max_failures,
    )
    return (page, 401) if error else page


@requires(LOGGED_IN)
@blueprint.post("/logout")
def logout() -> Response:
    token = auth.session_token()
    if token:
        sessions.logout(grid_app(), token, terminal=auth.terminal(request))
    response = redirect(url_for("auth.login", why="logout"))
    auth.clear_session_cookie(response)
    return response


@requires(LOGGED_IN)
@blueprint.route("/password", methods=["GET", "POST"])
def password() -> Response | str | tuple[str, int]:
    """修改密码: one's own only, the current password first, the new one twice (R-Q02)."""
    actor = current_actor()
    restricted = g.resolved.restricted
    errors: dict[str, str] = {}
    if request.method == "POST":
        current = request.form.get("current", "")
        new = request.form.get("new", "")
        if new != request.form.get("confirm", ""):
            errors["confirm"] = "两次输入的新密码不一致"
        elif not new:
            errors["new"] = "请输入新密码"
        else:
            try:
                sessions.change_password(
                    grid_app(), actor.login, current, new, terminal=auth.terminal(request), session_id=actor.session_id
                )
            except AuthenticationError as failure:
                errors["current"] = str(failure)
            except (ValidationError, NotFoundError) as failure:
                errors["new"] = str(failure)
            else:
                flash("密码已修改; 您在其他地方的登录已退出", "success")
                return redirect(url_for("home.index"))
    notice = sessions.RESTRICTED_MESSAGES.get(restricted or "", "").split(":")[0] if restricted else None
    page = render_template("web/password.html", errors=errors, notice=notice, restricted=bool(restricted))
    return (page, 400) if errors else page
