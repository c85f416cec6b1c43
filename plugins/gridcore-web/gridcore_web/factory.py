"""The web application: Flask + Jinja2 (autoescape) + htmx, one :class:`GridApp` behind it.

:func:`create_app` registers the web's own pages and every plugin's (``register_pages``), refuses to
start when any view declares no permission, and installs the request guard, the security headers and
the error pages.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import secrets
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import Flask, Response, g, request, url_for
from werkzeug.exceptions import HTTPException

from gridcore.errors import GridcoreError, NotFoundError, PermissionDeniedError, PluginError
from gridcore_web import auth, guard
from gridcore_web.context import actor_or_none, grid_app, install, take_messages
from gridcore_web.menus import MenuNode, build_tree, menu_targets
from gridcore_web.pages import PUBLIC, Page, requires

if TYPE_CHECKING:
    from gridcore import GridApp

log = logging.getLogger("gridcore.web")

HERE = Path(__file__).resolve().parent
PAGES = "gridcore_web.pages"
TARGETS = "gridcore_web.targets"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)


def builtin_pages() -> list[Page]:
    from gridcore_web.views import builtin_pages as pages

    return pages()


def plugin_pages(app: GridApp) -> list[Page]:
    answers = app.plugins.call("register_pages", app=app)
    return [page for answer in answers for page in (answer or ())]


def _check_pages(app: GridApp, pages: Sequence[Page]) -> None:
    seen: dict[str, str] = {}
    blueprints: set[str] = set()
    for page in pages:
        if not isinstance(page, Page):
            raise PluginError(f"register_pages 应返回 gridcore_web.pages.Page, 收到 {type(page).__name__}")
        if page.id in seen:
            raise PluginError(f"两个网页使用同一 id {page.id!r}")
        seen[page.id] = page.title
        if page.menu is not None and page.menu not in app.registry.menus:
            raise PluginError(f"网页 {page.id} 的菜单 {page.menu!r} 未注册 (register_menus)")
        name = page.blueprint.name
        if name in blueprints:
            continue
        blueprints.add(name)


def _public_static(web: Flask, blueprint_name: str) -> None:
    """A blueprint's own static files are public, like the web's."""
    endpoint = f"{blueprint_name}.static"
    view = web.view_functions.get(endpoint)
    if view is None:
        return

    @requires(PUBLIC)
    def static(filename: str) -> Any:
        return view(filename=filename)

    web.view_functions[endpoint] = static


def create_app(app: GridApp, *, secure_cookies: bool = False, upload_limit_mb: int | None = None) -> Flask:
    """The Flask application serving ``app`` (started here if it was not)."""
    app.start()
    web = Flask("gridcore_web", root_path=str(HERE), static_folder=None, template_folder="templates")
    limit = upload_limit_mb if upload_limit_mb is not None else int(app.setting("web", "upload_limit_mb"))
    web.config.update(
        MAX_CONTENT_LENGTH=limit * 1024 * 1024,
        SECRET_KEY=secrets.token_bytes(32),
        **{auth.SECURE_SETTING: secure_cookies},
    )
    install(web, app)
    pages = [*builtin_pages(), *plugin_pages(app)]
    _check_pages(app, pages)
    registered: set[str] = set()
    for page in pages:
        if page.blueprint.name not in registered:
            web.register_blueprint(page.blueprint)
            registered.add(page.blueprint.name)
            _public_static(web, page.blueprint.name)
    missing = guard.undeclared(web)
    if missing:
        raise PluginError(f"以下网页没有声明所需权限 (deny by default): {', '.join(missing)}")
    web.extensions[PAGES] = pages
    web.extensions[TARGETS] = menu_targets(app.registry.menus, pages)
    web.before_request(guard.check_request)
    web.after_request(_headers)
    web.context_processor(_page_context)
    web.register_error_handler(HTTPException, _http_error)
    web.register_error_handler(GridcoreError, _gridcore_error)
    web.register_error_handler(Exception, _internal_error)
    web.jinja_env.globals["csrf_token"] = auth.current_csrf
    web.jinja_env.globals["is_htmx"] = lambda: bool(request.headers.get("HX-Request"))
    web.jinja_env.filters["json_text"] = lambda value: json.dumps(value, ensure_ascii=False, default=str)
    web.jinja_env.filters["local_time"] = local_time_filter(str(app.setting("web", "time_zone")))
    return web


def local_time_filter(zone: str) -> Any:
    """A filter showing an ISO time (stored in UTC) in the edition's time zone, to the second."""
    try:
        tz: dt.tzinfo | None = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        tz = None  # the server's own zone

    def shown(text: str | None) -> str:
        if not text:
            return ""
        try:
            moment = dt.datetime.fromisoformat(str(text))
        except ValueError:
            return str(text)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S")

    return shown


def _headers(response: Response) -> Response:
    auth.remember_login_token(response)
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "same-origin"
    if request.endpoint is None or not request.endpoint.endswith("static"):
        response.headers["Cache-Control"] = "no-store"
    return response


def menu_tree() -> list[MenuNode]:
    actor = actor_or_none()
    if actor is None:
        return []
    from flask import current_app

    targets: dict[str, tuple[str, dict[str, str]]] = current_app.extensions[TARGETS]

    def url_of(menu_id: str) -> str | None:
        found = targets.get(menu_id)
        if found is None:
            return None
        endpoint, values = found
        arguments: dict[str, Any] = dict(values)
        return url_for(endpoint, **arguments)

    return build_tree(grid_app().registry.menus, can=actor.can, url_of=url_of)


def _page_context() -> dict[str, Any]:
    return {
        "branding": grid_app().branding,
        "actor": actor_or_none(),
        "menu_tree": menu_tree,
        "messages": take_messages,
    }


def _render_error(status: int, title: str, message: str) -> tuple[str, int]:
    from flask import render_template

    template = "web/_message.html" if request.headers.get("HX-Request") else "web/error.html"
    return render_template(template, status=status, title=title, message=message, kind="error"), status


TITLES = {400: "请求有误", 403: "没有权限", 404: "没有找到", 405: "不允许的操作", 413: "文件太大"}


def _http_error(error: HTTPException) -> Any:
    status = error.code or 500
    if status < 400:
        return error  # routing redirects (a missing trailing slash) are answers, not errors
    if status == 403 and g.get("denied_permission"):
        message = f"您没有权限「{g.denied_permission}」, 无法打开此页面。如需使用, 请联系系统管理员。"
    elif status == 413:
        limit = int(grid_app().setting("web", "upload_limit_mb"))
        message = f"上传的文件超过 {limit} MB: 请缩小或拆分文件后再上传"
    elif status == 404:
        message = "页面或记录不存在"
    else:
        message = error.description or ""
    return _render_error(status, TITLES.get(status, "出错了"), message)


def _gridcore_error(error: GridcoreError) -> Any:
    if isinstance(error, PermissionDeniedError):
        return _render_error(403, "没有权限", str(error))
    if isinstance(error, NotFoundError):
        return _render_error(404, "没有找到", str(error))
    return _render_error(400, "操作未完成", str(error))


def _internal_error(error: Exception) -> Any:
    incident = secrets.token_hex(4)
    log.exception("incident %s on %s %s", incident, request.method, request.path)
    return _render_error(
        500, "系统出错", f"系统内部错误, 事件编号 {incident}。请把编号告诉管理员; 详细信息已写入日志。"
    )
